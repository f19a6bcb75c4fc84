// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// The type of one field of the profile format.
///
/// One description of the format (``FormatSpec``, with each credential kind's fields from its ``KindDefinition``)
/// drives the decoder, the published JSON Schema and the field tables of `docs/profile-format.md`
/// (``FormatReference``); tests keep the schema file and the tables byte for byte equal to what they generate.
indirect enum FieldType: Sendable {
    /// Free text.
    case text
    /// A GUID naming an application (client id).
    case clientID
    /// Any other GUID (object id, service connection id).
    case guid
    /// A tenant id: letters, digits, `-`, `.`.
    case tenantID
    /// A tenant id or `*` (any tenant), in an allow-list.
    case allowedTenant
    /// A declared tenant's name, or a literal tenant id.
    case tenantReference
    /// A built-in or declared cloud's name.
    case cloudReference
    /// A declared profile's name.
    case profileReference
    /// An Azure resource id (`/subscriptions/…`).
    case resourceID
    /// An authority host URL (https; loopback only when allowed).
    case authorityHost
    /// A URL such as a redirect URI.
    case url
    /// A name in the profile's own vocabulary (a token cache's name): letters, digits, `.`, `_`, `-`.
    case name
    /// A file system path.
    case path
    /// `true` or `false`.
    case boolean
    /// `500ms`, `2s`, `1m`, `1h`.
    case duration
    /// A TCP port.
    case port
    /// The format version.
    case version
    /// A secret reference: `{env: NAME}` or `{file: PATH}`.
    case secret
    /// A client assertion source: `{env: NAME}`, `{file: PATH}` or `{command: [PROGRAM, ARG…]}`.
    case assertionSource
    /// One of a fixed set of words.
    case choice([String])
    /// A list of values of one type.
    case list(FieldType)
    /// A nested object with its own fields.
    case object(ObjectSpec)
    /// A credential: an object whose `type` selects its fields.
    case credential
    /// A mapping from names to values of one type.
    case namedMap(FieldType)

    /// Whether `{env: NAME}` may stand in for a literal value of this type.
    var acceptsEnvironment: Bool {
        switch self {
        case .text, .clientID, .guid, .tenantID, .allowedTenant, .tenantReference, .resourceID, .authorityHost, .url,
            .path,
            .boolean, .duration, .port:
            true
        case .cloudReference, .profileReference, .version, .secret, .assertionSource, .choice, .list, .object,
            .credential, .namedMap, .name:
            false
        }
    }

    /// The type the value of an `{env: NAME}` binding has, and so its `default`: a tenant reference read from the
    /// environment is a tenant id (a name of a declared tenant is only ever written literally).
    var environmentValueType: FieldType {
        if case .tenantReference = self { .tenantID } else { self }
    }

    /// Whether a value of this type holds or references a secret: nothing written there is ever shown.
    var isSecretPlace: Bool {
        switch self {
        case .secret, .assertionSource: true
        default: false
        }
    }

    var isAssertionSource: Bool { if case .assertionSource = self { true } else { false } }

    /// A phrase for messages: "a GUID", "a duration".
    var phrase: String {
        switch self {
        case .text: "a string"
        case .clientID: "a client id (GUID)"
        case .guid: "a GUID"
        case .tenantID: "a tenant id"
        case .allowedTenant: "a tenant id or '*'"
        case .tenantReference: "a tenant name or id"
        case .cloudReference: "a cloud name"
        case .profileReference: "a profile name"
        case .resourceID: "a resource id"
        case .authorityHost: "an authority host URL"
        case .url: "a URL"
        case .path: "a path"
        case .name: "a name (letters, digits, '.', '_' and '-')"
        case .boolean: "true or false"
        case .duration: "a duration such as 2s"
        case .port: "a port number"
        case .version: "a version number"
        case .secret: "a secret reference ({env: NAME} or {file: PATH})"
        case .assertionSource: "an assertion source ({env: NAME}, {file: PATH} or {command: [...]})"
        case .choice(let words): "one of " + words.map { "'\($0)'" }.joined(separator: ", ")
        case .list(let element): "a list of \(element.plural)"
        case .object: "a mapping"
        case .credential: "a credential mapping with a `type`"
        case .namedMap: "a mapping of names"
        }
    }

    private var plural: String {
        switch self {
        case .credential: "credentials"
        case .tenantID, .allowedTenant: "tenant ids"
        case .choice: "names"
        default: "strings"
        }
    }
}

/// One field of an object in the profile format: the typed key that the spec, the decoder, the graph builder and
/// the runtime's messages use instead of typing the field's name again.
package struct FieldSpec: Sendable {
    /// The key as written in profiles.
    package let name: String
    /// What the value must be.
    let type: FieldType
    /// Whether the field must be present.
    let isRequired: Bool
    /// One sentence for the schema's `description` and the docs.
    let summary: String
    /// What applies when the field is absent, if anything does.
    let defaultValue: FieldDefault?
    /// Whether an empty list or mapping is an error.
    let mustNotBeEmpty: Bool
    /// Whether the value must be written in the profile (no `{env: NAME}`), because validation depends on it.
    let isLiteralOnly: Bool
    /// The type as the documentation names it, where the type's own name says too little (`a kind below`).
    let typeName: String?

    /// Whether `{env: NAME}` may stand in for this field's value.
    var acceptsEnvironment: Bool { !isLiteralOnly && type.acceptsEnvironment }

    init(
        _ name: String, _ type: FieldType, required: Bool = false, nonEmpty: Bool = false, literal: Bool = false,
        _ summary: String, default: FieldDefault? = nil, typeName: String? = nil
    ) {
        self.typeName = typeName
        self.isLiteralOnly = literal
        self.name = name
        self.type = type
        self.isRequired = required
        self.mustNotBeEmpty = nonEmpty
        self.summary = summary
        self.defaultValue = `default`
    }
}

/// An object of the profile format: its fields and the rules between them.
struct ObjectSpec: Sendable {
    /// A name for messages and schema definitions ("clientSecret credential", "tenant").
    let name: String
    /// The fields, in documentation order.
    let fields: [FieldSpec]
    /// Groups of fields of which at most one may be set.
    let atMostOne: [[String]]
    /// Groups of fields of which exactly one must be set.
    let exactlyOne: [[String]]

    init(_ name: String, fields: [FieldSpec], atMostOne: [[String]] = [], exactlyOne: [[String]] = []) {
        self.name = name
        self.fields = fields
        self.atMostOne = atMostOne
        self.exactlyOne = exactlyOne
    }

    func field(named name: String) -> FieldSpec? { fields.first { $0.name == name } }
}
