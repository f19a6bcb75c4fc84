// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Synchronization

extension FakeEntraID {
    struct DeviceCodeEntry {
        var clientID: String
        var tenantID: String
        var userCode: String
        var expiresAt: Date
        var approvedUser: String?
        var declined = false
        var redeemed = false
    }

    /// The user approves a pending device code (as if they signed in at the verification URL).
    public func approveDeviceCode(userCode: String, username: String) {
        state.withLock { state in
            for (key, entry) in state.deviceCodes where entry.userCode == userCode {
                state.deviceCodes[key]?.approvedUser = username.lowercased()
            }
        }
    }

    /// Answers the next `count` device code polls with `slow_down`.
    public func slowDownNextDeviceCodePolls(_ count: Int) {
        state.withLock { $0.deviceCodeSlowDowns = count }
    }

    /// The user declines a pending device code.
    public func declineDeviceCode(userCode: String) {
        state.withLock { state in
            for (key, entry) in state.deviceCodes where entry.userCode == userCode {
                state.deviceCodes[key]?.declined = true
            }
        }
    }

    /// `POST /{tenant}/oauth2/v2.0/devicecode`.
    func deviceAuthorization(tenantID: String, form: [String: String]) throws -> [UInt8] {
        let (tenants, applications, configuration) = state.withLock { ($0.tenants, $0.applications, $0.configuration) }
        guard tenants.contains(tenantID) else { throw EntraRejection.tenantNotFound(tenantID) }
        guard let clientID = form["client_id"] else { throw EntraRejection.missingParameter("client_id") }
        guard let application = applications[clientID], application.tenantID == tenantID || application.isMultiTenant
        else {
            throw EntraRejection.unknownApplication(clientID, tenant: tenantID)
        }
        guard application.isPublicClient else { throw EntraRejection.publicClientNotAllowed }
        guard form["scope"] != nil else { throw EntraRejection.missingParameter("scope") }
        let deviceCode = "fake-dc-" + UUID().uuidString.lowercased()
        let letters = Array("BCDFGHJKLMNPQRSTVWXZ")
        let userCode = String((0..<9).map { _ in letters.randomElement()! })
        state.withLock {
            $0.deviceCodes[deviceCode] = DeviceCodeEntry(
                clientID: clientID,
                tenantID: tenantID,
                userCode: userCode,
                expiresAt: configuration.now().addingTimeInterval(900)
            )
        }
        let verification = "\(authorityURL)/devicelogin"
        let object: [String: Any] = [
            "device_code": deviceCode, "user_code": userCode, "verification_uri": verification, "expires_in": 900,
            "interval": 5,
            "message":
                "To sign in, use a web browser to open the page \(verification) and enter the "
                + "code \(userCode) to authenticate.",
        ]
        return Array(
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
                ?? Data()
        )
    }

    /// The `device_code` grant: pending until approved, then user tokens once.
    func redeemDeviceCode(
        _ application: FakeApplication,
        form: [String: String],
        tenantID: String,
        scopes: [String],
        capabilities: Bool
    ) throws -> [UInt8] {
        guard let deviceCode = form["device_code"] else { throw EntraRejection.missingParameter("device_code") }
        let username: String = try state.withLock { state in
            guard var entry = state.deviceCodes[deviceCode], entry.clientID == application.clientID,
                entry.tenantID == tenantID
            else {
                throw EntraRejection(
                    status: 400,
                    error: "invalid_grant",
                    code: 70000,
                    message: "The provided device code is not valid."
                )
            }
            if state.configuration.now() >= entry.expiresAt || entry.redeemed {
                throw EntraRejection(
                    status: 400,
                    error: "expired_token",
                    code: 70020,
                    message: "The provided authorization code or refresh token has expired."
                )
            }
            if state.deviceCodeSlowDowns > 0 {
                state.deviceCodeSlowDowns -= 1
                throw EntraRejection(
                    status: 400,
                    error: "slow_down",
                    code: 70016,
                    message: "OAuth 2.0 device flow error. Polling too fast; slow down."
                )
            }
            if entry.declined {
                throw EntraRejection(
                    status: 400,
                    error: "authorization_declined",
                    code: 70000,
                    message: "The user declined the sign-in request."
                )
            }
            guard let user = entry.approvedUser else {
                throw EntraRejection(
                    status: 400,
                    error: "authorization_pending",
                    code: 70016,
                    message: "OAuth 2.0 device flow error. Authorization is pending. Continue polling."
                )
            }
            entry.redeemed = true
            state.deviceCodes[deviceCode] = entry
            return user
        }
        let (user, configuration) = state.withLock { ($0.users[username], $0.configuration) }
        guard let user else { throw EntraRejection.unknownUser(username, tenant: tenantID) }
        return issueUserTokens(
            user: user,
            tenantID: tenantID,
            clientID: application.clientID,
            scopes: scopes,
            capabilities: capabilities,
            configuration: configuration
        )
    }
}
