// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// The credential tables of `docs/profile-format.md`, generated from the kind registry and the format spec, so
/// the documentation says what the validator and the runtime do. Each table sits in the page between
/// `<!-- BEGIN generated: NAME -->` and `<!-- END generated: NAME -->`; a test keeps every region byte for byte
/// equal to ``regions`` (and rewrites them with `RECORD_GOLDENS=1`).
package enum FormatReference {
    /// Every generated region of the page: its name and its text.
    package static var regions: [(name: String, text: String)] {
        var regions: [(String, String)] = [
            ("common-fields", table(FormatSpec.commonFields, exactlyOne: [])),
            ("tenant-fields", table(FormatSpec.tenantFields, exactlyOne: [])),
            ("kinds", kindsTable),
            ("token-cache-fields", table(FormatSpec.tokenCache.fields, exactlyOne: [])),
        ]
        var shownObjects: Set<String> = []
        for definition in KindRegistry.definitions {
            var text = table(definition.fields, exactlyOne: definition.exactlyOne, shownObjects: shownObjects)
            for field in definition.fields {
                guard case .object(let spec) = field.type, shownObjects.insert(spec.name).inserted else { continue }
                text += "\nThe `\(field.name)` object:\n\n" + table(spec.fields, exactlyOne: spec.exactlyOne)
            }
            if let variable = definition.tenantVariable {
                text += "\nWithout a `tenant` on the link or its profile, the tenant is `{env: \(variable)}`.\n"
            }
            regions.append((definition.kind.rawValue, text))
        }
        return regions
    }

    /// The kinds by category (the category decides the production policy), each linking to its section.
    static var kindsTable: String {
        let order: [CredentialKind.Category] = [.deployed, .user, .interactive, .developerTool, .composite]
        let sorted = KindRegistry.definitions.enumerated().sorted {
            (order.firstIndex(of: $0.element.category)!, $0.offset)
                < (order.firstIndex(of: $1.element.category)!, $1.offset)
        }.map(\.element)
        var lines = ["| Kind | Azure Identity | Category |", "|---|---|---|"]
        for definition in sorted {
            let name = definition.kind.rawValue
            let category = categoryName(definition.category) + (definition.deprecation == nil ? "" : " (deprecated)")
            lines.append("| [`\(name)`](#\(name.lowercased())) | \(definition.azureIdentityName) | \(category) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A field table; with no fields, says so.
    static func table(_ fields: [FieldSpec], exactlyOne: [[String]], shownObjects: Set<String> = []) -> String {
        guard !fields.isEmpty else { return "No own fields.\n" }
        var lines = ["| Field | Type | Required | Default | Meaning |", "|---|---|---|---|---|"]
        for field in fields {
            let group = exactlyOne.first { $0.contains(field.name) }
            let required =
                field.isRequired
                ? (field.mustNotBeEmpty ? "yes, not empty" : "yes") : group.map { "one of \(count($0.count))" } ?? "no"
            let type = typeName(field, shownObjects: shownObjects) + (field.acceptsEnvironment ? " (*env*)" : "")
            lines.append(
                "| `\(field.name)` | \(type) | \(required) | \(field.defaultValue?.markdown ?? "—") | \(field.summary) |"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func typeName(_ field: FieldSpec, shownObjects: Set<String>) -> String {
        if let name = field.typeName { return name }
        if case .object(let spec) = field.type {
            return "\(spec.name) (\(shownObjects.contains(spec.name) ? "as above" : "below"))"
        }
        return typeName(field.type)
    }

    private static func typeName(_ type: FieldType) -> String {
        switch type {
        case .text: "string"
        case .clientID: "client id"
        case .guid: "GUID"
        case .tenantID: "tenant id"
        case .allowedTenant: "allowed tenant"
        case .tenantReference: "tenant"
        case .cloudReference: "cloud name"
        case .profileReference: "profile name"
        case .resourceID: "resource id"
        case .authorityHost, .url: "URL"
        case .path: "path"
        case .name: "name"
        case .boolean: "boolean"
        case .duration: "duration"
        case .port: "port"
        case .version: "integer"
        case .secret: "secret"
        case .assertionSource: "assertion"
        case .choice(let words): choice(words)
        case .list(let element): "list of \(typeName(element))s"
        case .object(let spec): spec.name
        case .credential: "credential"
        case .namedMap(let element): "map of name → \(typeName(element))"
        }
    }

    private static func choice(_ words: [String]) -> String {
        let quoted = words.map { "`\($0)`" }
        guard quoted.count > 1 else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " or " + quoted[quoted.count - 1]
    }

    private static func categoryName(_ category: CredentialKind.Category) -> String {
        switch category {
        case .deployed: "deployed"
        case .developerTool: "developer tool"
        case .interactive: "interactive"
        case .user: "user"
        case .composite: "composite"
        }
    }

    private static func count(_ number: Int) -> String {
        let words = ["none", "one", "two", "three", "four", "five"]
        return number < words.count ? words[number] : "\(number)"
    }
}
