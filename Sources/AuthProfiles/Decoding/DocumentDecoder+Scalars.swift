// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import IdentitySupport

extension DocumentDecoder {
    /// Types a scalar by its field, never by YAML's guesses: `yes` is not a boolean and `0123` stays text.
    mutating func decodeScalar(
        _ node: Int, type: FieldType, field: FieldSpec
    ) -> DecodedValue {
        let text = tree.string(node)
        let isPlain = tree.nodes[node].isPlain
        if tree.isNull(node) {
            report(.wrongType, "'\(field.name)' must be \(type.phrase), found null", at: node)
            return .invalid
        }
        func invalid(_ code: DiagnosticCode, _ message: String, hint: String? = nil) -> DecodedValue {
            report(code, message, at: node, hint: hint)
            return .invalid
        }
        switch type {
        case .boolean:
            guard isPlain, text == "true" || text == "false" else {
                return invalid(.wrongType, "'\(field.name)' must be true or false, found \(ShownValue.quoted(text))")
            }
            return .boolean(.literal(text == "true"))
        case .duration:
            guard let duration = ProfileDuration.parse(text) else {
                let hint =
                    text.count <= 9 && text.allSatisfy(\.isNumber)
                    ? "add a unit: '\(text)s' or '\(text)ms'"
                    : "write e.g. 500ms, 2s, 1m"
                return invalid(.invalidDuration, "\(ShownValue.quoted(text)) is not a duration", hint: hint)
            }
            return .duration(.literal(duration))
        case .port:
            guard isPlain, let port = Int(text), (0...65_535).contains(port) else {
                return invalid(.invalidPort, "\(ShownValue.quoted(text)) is not a port between 0 and 65535")
            }
            return .integer(.literal(port))
        case .version:
            guard isPlain, let version = Int(text) else {
                return invalid(
                    .wrongType, "'version' must be a number, found \(ShownValue.quoted(text))",
                    hint: "write `version: 1`")
            }
            guard version == FormatSpec.supportedVersion else {
                return invalid(
                    .unsupportedVersion, "version \(version) is not supported; this tool reads version 1",
                    hint: "write `version: 1`, or upgrade authprofile")
            }
            return .integer(.literal(version))
        case .choice(let words):
            guard words.contains(text) else {
                return invalid(
                    .invalidValue, "\(ShownValue.quoted(text)) is not a valid value for '\(field.name)'",
                    hint: suggestions.hint(for: text, in: words)
                        ?? "use one of " + words.map { "'\($0)'" }.joined(separator: ", "))
            }
        case .clientID:
            guard Identifiers.isGUID(text) else {
                return invalid(
                    .invalidClientID, "\(ShownValue.quoted(text)) is not a client id; client ids are GUIDs",
                    hint: "copy the Application (client) ID from the app registration")
            }
        case .guid:
            guard Identifiers.isGUID(text) else {
                return invalid(.invalidGUID, "'\(field.name)' must be a GUID, found \(ShownValue.quoted(text))")
            }
        case .tenantID:
            guard Identifiers.isTenantID(text) else {
                return invalid(.invalidTenantID, Identifiers.tenantIDProblem(text))
            }
        case .allowedTenant:
            guard text == "*" || Identifiers.isTenantID(text) else {
                return invalid(
                    .invalidTenantID, Identifiers.tenantIDProblem(text),
                    hint: "use a tenant id, or '*' for any tenant")
            }
        case .resourceID:
            guard Identifiers.isResourceID(text) else {
                return invalid(
                    .invalidResourceID, "\(ShownValue.quoted(text)) is not an Azure resource id",
                    hint: "resource ids look like /subscriptions/<id>/resourceGroups/<group>/providers/…")
            }
        case .url:
            guard case .success(let url) = ParsedURL.parse(text) else {
                return invalid(
                    .invalidURL, "\(ShownValue.quoted(text)) is not a URL",
                    hint: "write e.g. http://localhost:8400")
            }
            guard !url.hasUserInfo else {
                return invalid(
                    .invalidURL, "'\(field.name)' contains user info (a user name or password before '@')",
                    hint: "remove the user info; a password never belongs in a profile")
            }
        case .name:
            guard Identifiers.isName(text) else {
                return invalid(
                    .invalidName, "\(ShownValue.quoted(text)) is not a valid name",
                    hint: "use letters, digits, '.', '_' and '-', starting with a letter or digit")
            }
        case .text, .path, .tenantReference, .cloudReference, .profileReference, .authorityHost:
            guard !text.isEmpty else {
                return invalid(.wrongType, "'\(field.name)' must not be empty")
            }
        case .secret, .assertionSource, .list, .object, .credential, .namedMap:
            return invalid(.wrongType, "'\(field.name)' must be \(type.phrase), found a string")
        }
        return .text(.literal(text))
    }
}
