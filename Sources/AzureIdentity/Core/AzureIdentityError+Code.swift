// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

extension AzureIdentityError {
    /// An extensible error code. New codes can be added without breaking callers that `switch` with a default.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Backing: Hashable, Sendable {
            case credentialUnavailable
            case authenticationFailed
            case invalidConfiguration
            case transportFailed
            case invalidResponse
            case authenticationRequired
        }

        private let backing: Backing

        private init(_ backing: Backing) {
            self.backing = backing
        }

        /// The credential cannot run here (missing configuration, tenant not allowed). A chain moves on.
        public static let credentialUnavailable = Code(.credentialUnavailable)
        /// Entra ID (or the token source) rejected the request. A chain stops.
        public static let authenticationFailed = Code(.authenticationFailed)
        /// The credential's configuration is invalid (bad tenant id, unreadable certificate, non-https host).
        public static let invalidConfiguration = Code(.invalidConfiguration)
        /// The token endpoint could not be reached or did not answer in time, after retries.
        public static let transportFailed = Code(.transportFailed)
        /// The token endpoint answered with something that is not a valid token response.
        public static let invalidResponse = Code(.invalidResponse)
        /// A user must sign in interactively (silent sign-in found no account, and automatic interaction is
        /// disabled). Call the credential's `authenticate(scopes:)`. A chain moves on.
        public static let authenticationRequired = Code(.authenticationRequired)

        /// The code's name.
        public var description: String {
            switch backing {
            case .credentialUnavailable: "credentialUnavailable"
            case .authenticationFailed: "authenticationFailed"
            case .invalidConfiguration: "invalidConfiguration"
            case .transportFailed: "transportFailed"
            case .invalidResponse: "invalidResponse"
            case .authenticationRequired: "authenticationRequired"
            }
        }
    }
}
