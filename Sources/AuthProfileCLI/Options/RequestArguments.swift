// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation

/// Checks of what `token` and `explain --live` would send to Entra ID, made before anything is sent: a value
/// Entra would reject (with `invalid_scope` or `invalid_request`) is a local usage error that says how to fix it.
enum RequestArguments {
    /// Why `scope` cannot be requested, with the exact fix, or `nil` when it can.
    ///
    /// A resource written where a scope belongs — a URI with no path (`https://management.azure.com`,
    /// `api://my-app/`) or an application id alone — is what `az --resource` takes; Entra's v2.0 endpoint wants
    /// the resource's `/.default` scope (MSAL and `az --scope` alike), and would answer `invalid_scope`.
    static func problem(withScope scope: String) -> String? {
        let shown = UsageError.shown(scope)
        if scope.trimmingCharacters(in: .whitespaces).isEmpty { return "--scope is empty" }
        if scope.contains(where: \.isWhitespace) {
            return "--scope '\(shown)' contains whitespace; give each scope with its own --scope"
        }
        // The usual scope, `<resource>/.default`, has a path: it cannot be a resource (and needs no URL parsing, which
        // costs start-up time on `token`'s fast path).
        if scope.hasSuffix("/.default") { return nil }
        let resource: String?
        if UUID(uuidString: scope) != nil {
            resource = scope
        } else if let components = URLComponents(string: scope), components.scheme != nil, components.host != nil,
            components.path.isEmpty || components.path == "/", components.query == nil, components.fragment == nil
        {
            resource = scope.hasSuffix("/") ? String(scope.dropLast()) : scope
        } else {
            resource = nil
        }
        guard let resource else { return nil }
        return "--scope \(shown) names a resource, not a scope; use --scope \(UsageError.shown(resource))/.default"
    }

    /// Why `claims` cannot be sent as a claims challenge, or `nil` when it is JSON object text.
    static func problem(withClaims claims: String) -> String? {
        if isJSONObject(Data(claims.utf8)) { return nil }
        let base = "--claims must be JSON object text, such as {\"access_token\":{\"nbf\":{\"essential\":true}}}"
        // A WWW-Authenticate header carries the challenge base64-encoded (`claims="eyJhY2Nlc3NfdG9rZW4i…"`).
        if let decoded = Data(base64Encoded: padded(claims)), isJSONObject(decoded) {
            return base + "; this value is base64-encoded (as in a WWW-Authenticate header): decode it first"
        }
        return base
    }

    private static func isJSONObject(_ data: Data) -> Bool {
        (try? JSONSerialization.jsonObject(with: data)) is [String: Any]
    }

    /// Base64 as headers often send it, without its `=` padding.
    private static func padded(_ text: String) -> String {
        let remainder = text.utf8.count % 4
        return remainder == 0 ? text : text + String(repeating: "=", count: 4 - remainder)
    }
}
