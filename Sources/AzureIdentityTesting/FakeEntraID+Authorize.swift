// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import Foundation
import Synchronization

extension FakeEntraID {
    /// Signs this user in at the authorize endpoint (as if they typed their password in the browser). A
    /// `login_hint` naming another registered user wins.
    public func setInteractiveUser(_ username: String?) {
        state.withLock { $0.interactiveUser = username?.lowercased() }
    }

    /// Whether a redirect URI is registered; loopback URIs (`http://localhost`, `http://127.0.0.1`) match with
    /// any port, as Entra does for public clients.
    static func redirectAllowed(_ uri: String, for application: FakeApplication) -> Bool {
        if application.redirectURIs.contains(uri) { return true }
        guard let components = URLComponents(string: uri), components.scheme == "http",
            let host = components.host, host == "localhost" || host == "127.0.0.1"
        else { return false }
        var portless = components
        portless.port = nil
        let bare = portless.string ?? uri
        return application.redirectURIs.contains { $0 == bare || $0 == bare + "/" || $0 + "/" == bare }
    }

    /// `GET /{tenant}/oauth2/v2.0/authorize`: checks the application, redirect URI, `response_type=code`, PKCE
    /// S256 and `state`, signs in the interactive user, and redirects (302) to the redirect URI with `code` and
    /// `state`. Problems a real authorize page would show to the user answer 400 without redirecting.
    func authorize(tenantID: String, query: [String: String]) -> FakeHTTPAction {
        func page(_ status: Int, _ text: String) -> FakeHTTPAction {
            .respond(status: status, headers: [("Content-Type", "text/plain")], body: Array(text.utf8))
        }
        let (tenants, applications, users, interactive) = state.withLock {
            ($0.tenants, $0.applications, $0.users, $0.interactiveUser)
        }
        guard tenants.contains(tenantID) else { return page(400, "AADSTS90002: Tenant '\(tenantID)' not found.") }
        guard let clientID = query["client_id"], let application = applications[clientID],
            application.tenantID == tenantID || application.isMultiTenant
        else { return page(400, "AADSTS700016: Application not found.") }
        guard let redirectURI = query["redirect_uri"], Self.redirectAllowed(redirectURI, for: application) else {
            return page(400, "AADSTS50011: The redirect URI does not match the ones configured for the application.")
        }
        func redirect(_ fields: [(String, String)]) -> FakeHTTPAction {
            var items = fields
            if let state = query["state"] { items.append(("state", state)) }
            let separator = redirectURI.contains("?") ? "&" : "?"
            let location = redirectURI + separator + FormEncoding.encode(items)
            return .respond(status: 302, headers: [("Location", location), ("Content-Length", "0")], body: [])
        }
        guard query["response_type"] == "code" else {
            return redirect([("error", "unsupported_response_type")])
        }
        guard query["code_challenge_method"] == "S256", let challenge = query["code_challenge"] else {
            return redirect([("error", "invalid_request"), ("error_description", "AADSTS9002325: PKCE required.")])
        }
        let hinted = query["login_hint"]?.lowercased()
        guard let username = hinted.flatMap({ users[$0] != nil ? $0 : nil }) ?? interactive, users[username] != nil
        else {
            return redirect([
                ("error", "access_denied"), ("error_description", "AADSTS50126: The user did not sign in."),
            ])
        }
        let code = issueAuthorizationCode(
            clientID: clientID,
            tenantID: tenantID,
            username: username,
            redirectURI: redirectURI,
            codeChallenge: challenge
        )
        return redirect([("code", code)])
    }
}
