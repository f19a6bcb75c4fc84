// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation

/// How a confidential application proves its identity to the token endpoint.
public enum ClientAuthentication: Sendable {
    /// `client_secret`.
    case secret(Secret)
    /// A JWT assertion signed with this certificate.
    case certificate(ClientAssertionSigner)
    /// A JWT assertion from a callback (for example a federated token).
    case assertion(@Sendable () async throws -> Secret)

    /// The form fields for one request to `tokenEndpoint`.
    func formFields(clientID: String, tokenEndpoint: String, now: Date) async throws -> [(String, String)] {
        switch self {
        case .secret(let secret):
            return [("client_secret", secret.revealedValue())]
        case .certificate(let signer):
            let assertion = try signer.makeAssertion(clientID: clientID, audience: tokenEndpoint, now: now)
            return Self.assertionFields(assertion)
        case .assertion(let provider):
            return Self.assertionFields(try await provider())
        }
    }

    private static func assertionFields(_ assertion: Secret) -> [(String, String)] {
        [
            ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
            ("client_assertion", assertion.revealedValue()),
        ]
    }
}
