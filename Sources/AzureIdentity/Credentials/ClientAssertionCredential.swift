// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import IdentitySupport

/// Authenticates an application with a client assertion obtained from a callback or read from a file.
public struct ClientAssertionCredential: PersistentCacheReading {
    private let flow: EntraTokenFlow
    private let provider: @Sendable () async throws -> Secret

    /// Creates the credential; `assertionProvider` is called for every network request.
    public init(
        tenantID: String,
        clientID: String,
        options: CredentialOptions = CredentialOptions(),
        assertionProvider: @escaping @Sendable () async throws -> Secret
    ) throws {
        try self.init(
            credentialName: "ClientAssertionCredential",
            tenantID: tenantID,
            clientID: clientID,
            options: options,
            provider: assertionProvider
        )
    }

    /// Creates the credential reading the assertion from a file on every network request (a regular file of UTF-8
    /// text, trimmed; a missing or empty file makes the credential unavailable).
    public init(
        tenantID: String,
        clientID: String,
        assertionFile: String,
        options: CredentialOptions = CredentialOptions()
    ) throws {
        try self.init(tenantID: tenantID, clientID: clientID, options: options) {
            switch CredentialFile.read(assertionFile) {
            case .success(let contents):
                return Secret(contents.text)
            case .failure(let problem):
                throw AzureIdentityError(
                    code: problem.isMissing ? .credentialUnavailable : .invalidConfiguration,
                    message: "ClientAssertionCredential: the assertion file '\(assertionFile)' \(problem).",
                    credentialName: "ClientAssertionCredential"
                )
            }
        }
    }

    init(
        credentialName: String,
        tenantID: String,
        clientID: String,
        options: CredentialOptions,
        provider: @escaping @Sendable () async throws -> Secret
    ) throws {
        self.flow = try EntraTokenFlow(
            credentialName: credentialName,
            tenantID: tenantID,
            clientID: clientID,
            options: options
        )
        self.provider = provider
    }

    /// The token the persistent cache would answer `request` with, read without sending anything
    /// (``PersistentCacheReading``).
    public func tokenFromPersistentCache(for request: TokenRequest) -> AccessToken? {
        flow.tokenFromPersistentCache(request)
    }

    /// Gets an app token.
    nonisolated(nonsending) public func getToken(for request: TokenRequest) async throws -> AccessToken {
        let flow = self.flow
        let provider = self.provider
        return try await flow.getToken(request) { context in
            let assertion = try await provider()
            guard !assertion.isEmpty else {
                throw AzureIdentityError(
                    code: .credentialUnavailable,
                    message: "\(flow.credentialName): the client assertion is empty.",
                    credentialName: flow.credentialName
                )
            }
            let fields = try await ClientAuthentication.assertion { assertion }
                .formFields(
                    clientID: flow.clientID, tokenEndpoint: context.tokenEndpoint, now: flow.client.timeSource.now())
            return try await flow.post(context, grantFields: [("grant_type", "client_credentials")] + fields).token
        }
    }
}
