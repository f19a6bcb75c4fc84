// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// The published JSON Schema (2020-12) of the profile format, generated from the same description the
/// validator uses. `schemas/authprofile.v1.schema.json` is this output; a test keeps them equal.
public enum ProfileSchema {
    /// The schema as a JSON value.
    package static var jsonSchema: JSONValue {
        var definitions: [(String, JSONValue)] = [
            (
                "environmentBinding",
                .object([
                    ("type", "object"),
                    (
                        "description",
                        "Read the value from an environment variable; `default` applies when it is unset or empty."
                    ),
                    ("additionalProperties", false),
                    ("required", ["env"]),
                    (
                        "properties",
                        .object([
                            ("env", .object([("$ref", "#/$defs/environmentName")])),
                            ("default", .object([("type", ["string", "number", "boolean"])])),
                        ])
                    ),
                ])
            ),
            (
                "environmentName",
                .object([("type", "string"), ("pattern", .string(Identifiers.environmentNamePattern))])
            ),
            (
                "secret",
                .object([
                    (
                        "description",
                        "A secret by reference: `{env: NAME}` or `{file: PATH}`. Inline secrets are not allowed."
                    ),
                    (
                        "oneOf",
                        [
                            referenceSchema("env", .object([("$ref", "#/$defs/environmentName")])),
                            referenceSchema("file", nonEmptyString),
                        ]
                    ),
                ])
            ),
            (
                "assertionSource",
                .object([
                    (
                        "description",
                        "A client assertion: `{env: NAME}`, `{file: PATH}` or `{command: [PROGRAM, ARG...]}`."
                    ),
                    (
                        "oneOf",
                        [
                            referenceSchema("env", .object([("$ref", "#/$defs/environmentName")])),
                            referenceSchema("file", nonEmptyString),
                            referenceSchema(
                                "command",
                                .object([
                                    ("type", "array"), ("minItems", 1),
                                    ("items", nonEmptyString),
                                ])),
                        ]
                    ),
                ])
            ),
            ("credential", credentialDispatch),
        ]
        for spec in [
            FormatSpec.cloud, FormatSpec.tenant, FormatSpec.profile, FormatSpec.certificate,
            FormatSpec.broker, FormatSpec.chainPolicy, FormatSpec.tokenCache,
        ] {
            definitions.append((definitionName(spec), objectSchema(spec, description: nil)))
        }
        for kind in CredentialKind.allCases {
            definitions.append(
                (
                    "\(kind.rawValue)Credential",
                    objectSchema(
                        FormatSpec.credential(kind), description: kind.azureIdentityName,
                        typeConstant: kind.rawValue)
                ))
        }
        var root = objectMembers(FormatSpec.document, typeConstant: nil)
        root.insert(
            contentsOf: [
                ("$schema", "https://json-schema.org/draft/2020-12/schema"),
                ("title", "authprofile profile file, format version 1"),
                ("description", "Microsoft Entra ID credential profiles. See docs/profile-format.md."),
            ], at: 0)
        root.append(("$defs", .object(definitions)))
        return .object(root)
    }

    /// The schema as pretty-printed JSON text.
    public static var text: String { jsonSchema.rendered() }

    private static let nonEmptyString: JSONValue = .object([("type", "string"), ("minLength", 1)])

    private static func referenceSchema(_ key: String, _ value: JSONValue) -> JSONValue {
        .object([
            ("type", "object"), ("additionalProperties", false), ("required", [.string(key)]),
            ("properties", .object([(key, value)])),
        ])
    }

    private static var credentialDispatch: JSONValue {
        .object([
            ("type", "object"),
            ("required", ["type"]),
            (
                "properties",
                .object([("type", .object([("enum", .array(CredentialKind.allCases.map { .string($0.rawValue) }))]))])
            ),
            (
                "allOf",
                .array(
                    CredentialKind.allCases.map { kind in
                        .object([
                            (
                                "if",
                                .object([
                                    ("properties", .object([("type", .object([("const", .string(kind.rawValue))]))]))
                                ])
                            ),
                            ("then", .object([("$ref", .string("#/$defs/\(kind.rawValue)Credential"))])),
                        ])
                    })
            ),
        ])
    }

    private static func definitionName(_ spec: ObjectSpec) -> String {
        let words = spec.name.split(separator: " ")
        return words.enumerated().map {
            $0.offset == 0 ? String($0.element) : $0.element.prefix(1).uppercased() + $0.element.dropFirst()
        }.joined()
    }

    private static func objectSchema(_ spec: ObjectSpec, description: String?, typeConstant: String? = nil) -> JSONValue
    {
        var members = objectMembers(spec, typeConstant: typeConstant)
        if let description { members.insert(("description", .string(description)), at: 0) }
        return .object(members)
    }

    private static func objectMembers(_ spec: ObjectSpec, typeConstant: String?) -> [(String, JSONValue)] {
        var properties: [(String, JSONValue)] = []
        for field in spec.fields {
            if field.name == "type", let typeConstant {
                properties.append(("type", .object([("const", .string(typeConstant))])))
                continue
            }
            var schema = fieldSchema(field.type, nonEmpty: field.mustNotBeEmpty, environment: field.acceptsEnvironment)
            if case .object(var members) = schema {
                members.insert(("description", .string(field.summary + field.environmentDefaultNote)), at: 0)
                schema = .object(members)
            }
            properties.append((field.name, schema))
        }
        var members: [(String, JSONValue)] = [("type", "object"), ("additionalProperties", false)]
        let required = spec.fields.filter(\.isRequired).map { JSONValue.string($0.name) }
        if !required.isEmpty { members.append(("required", .array(required))) }
        members.append(("properties", .object(properties)))
        var rules: [JSONValue] = []
        for group in spec.exactlyOne {
            rules.append(.object([("oneOf", .array(group.map { .object([("required", [.string($0)])]) }))]))
        }
        for group in spec.atMostOne {
            var pairs: [JSONValue] = []
            for (index, first) in group.enumerated() {
                for second in group[(index + 1)...] {
                    pairs.append(.object([("required", [.string(first), .string(second)])]))
                }
            }
            rules.append(.object([("not", .object([("anyOf", .array(pairs))]))]))
        }
        if !rules.isEmpty { members.append(("allOf", .array(rules))) }
        return members
    }

    private static func fieldSchema(_ type: FieldType, nonEmpty: Bool, environment: Bool) -> JSONValue {
        let literal: JSONValue
        switch type {
        case .text, .path, .tenantReference, .cloudReference, .profileReference, .authorityHost:
            literal = nonEmptyString
        case .name: literal = pattern(Identifiers.namePattern)
        case .clientID, .guid: literal = pattern(Identifiers.guidPattern)
        case .tenantID: literal = pattern(Identifiers.tenantPattern)
        case .allowedTenant: literal = pattern("^(\\*|[0-9a-zA-Z.-]+)$")
        case .resourceID: literal = pattern(Identifiers.resourceIDPattern)
        case .url: literal = pattern("^[A-Za-z][A-Za-z0-9+.-]*://[^/?#@ ]+")
        case .boolean: literal = .object([("type", "boolean")])
        case .duration: literal = pattern(ProfileDuration.pattern)
        case .port: literal = .object([("type", "integer"), ("minimum", 0), ("maximum", 65_535)])
        case .version: literal = .object([("type", "integer"), ("const", .int(FormatSpec.supportedVersion))])
        case .secret: literal = .object([("$ref", "#/$defs/secret")])
        case .assertionSource: literal = .object([("$ref", "#/$defs/assertionSource")])
        case .choice(let words): literal = .object([("enum", .array(words.map(JSONValue.string)))])
        case .list(let element):
            var members: [(String, JSONValue)] = [
                ("type", "array"), ("items", fieldSchema(element, nonEmpty: false, environment: false)),
            ]
            if nonEmpty { members.append(("minItems", 1)) }
            literal = .object(members)
        case .object(let spec): literal = .object([("$ref", .string("#/$defs/\(definitionName(spec))"))])
        case .credential: literal = .object([("$ref", "#/$defs/credential")])
        case .namedMap(let element):
            var members: [(String, JSONValue)] = [
                ("type", "object"), ("propertyNames", pattern(Identifiers.namePattern)),
                ("additionalProperties", fieldSchema(element, nonEmpty: false, environment: false)),
            ]
            if nonEmpty { members.append(("minProperties", 1)) }
            literal = .object(members)
        }
        guard environment else { return literal }
        return .object([("anyOf", [literal, .object([("$ref", "#/$defs/environmentBinding")])])])
    }

    private static func pattern(_ expression: String) -> JSONValue {
        .object([("type", "string"), ("pattern", .string(expression))])
    }
}

extension FieldSpec {
    /// For a field that reads a variable when the profile does not write it, says so (editors show it): the
    /// environment is read only where the profile or the schema says it is.
    var environmentDefaultNote: String {
        guard case .environment(let name)? = defaultValue else { return "" }
        return " Defaults to `{env: \(name)}`."
    }
}
