// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation

/// The account a user signed in with: enough to find that account again for silent sign-in, and nothing secret.
///
/// Get one from `authenticate(scopes:)` of ``InteractiveBrowserCredential`` or ``DeviceCodeCredential``, store it
/// with ``serialize()``, and pass it back (with the same ``UserTokenStore``) to sign in silently. The JSON form
/// matches Azure Identity's (`authority`, `homeAccountId`, `clientId`, `tenantId`, `username`, `version` "1.0").
public struct AuthenticationRecord: Sendable, Hashable, Codable {
    /// The authority host, for example `login.microsoftonline.com`.
    public var authority: String
    /// `<object id>.<tenant id>` of the user.
    public var homeAccountID: String
    /// The application the user signed in to.
    public var clientID: String
    /// The tenant the user signed in to.
    public var tenantID: String
    /// The user's sign-in name.
    public var username: String
    /// The record format, always "1.0".
    public var version: String

    /// Creates a record.
    public init(authority: String, homeAccountID: String, clientID: String, tenantID: String, username: String) {
        self.authority = authority
        self.homeAccountID = homeAccountID
        self.clientID = clientID
        self.tenantID = tenantID
        self.username = username
        self.version = "1.0"
    }

    enum CodingKeys: String, CodingKey {
        case authority
        case homeAccountID = "homeAccountId"
        case clientID = "clientId"
        case tenantID = "tenantId"
        case username
        case version
    }

    /// The record as JSON.
    public func serialize() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Reads a record written by ``serialize()`` (or by Azure Identity).
    /// - Throws: ``AzureIdentityError/Code/invalidConfiguration`` for malformed JSON or a version other than "1.0".
    public static func deserialize(_ json: String) throws -> AuthenticationRecord {
        let record: AuthenticationRecord
        do {
            record = try JSONDecoder().decode(AuthenticationRecord.self, from: Data(json.utf8))
        } catch {
            throw AzureIdentityError(code: .invalidConfiguration, message: "Invalid authentication record: \(error)")
        }
        guard record.version == "1.0" else {
            throw AzureIdentityError(
                code: .invalidConfiguration,
                message: "Unsupported authentication record version '\(record.version)' (expected \"1.0\")."
            )
        }
        return record
    }

    /// Builds a record from an id token's claims (`oid`, `tid`, `preferred_username`); the token came over TLS
    /// from the token endpoint, so its signature is not checked here.
    static func from(
        idToken: String?,
        accessToken: Secret,
        authority: String,
        clientID: String
    ) -> AuthenticationRecord? {
        let claims =
            idToken.flatMap { try? JWTClaims(compact: $0) } ?? (try? JWTClaims(compact: accessToken.revealedValue()))
        guard let claims, let oid = claims.string("oid"), let tid = claims.string("tid") else { return nil }
        let username =
            claims.string("preferred_username") ?? claims.string("upn") ?? claims.string("unique_name") ?? ""
        let host = URL(string: authority)?.host ?? authority
        return AuthenticationRecord(
            authority: host,
            homeAccountID: "\(oid).\(tid)",
            clientID: clientID,
            tenantID: tid,
            username: username
        )
    }
}
