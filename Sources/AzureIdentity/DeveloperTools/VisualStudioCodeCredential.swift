// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import IdentitySupport

/// The account signed in to Visual Studio Code's *Azure Resources* extension, used silently through the identity
/// broker — Azure Identity's `VisualStudioCodeCredential` in its current form (.NET 1.14+, JavaScript 4.11+,
/// Python 1.24+).
///
/// The extension writes an authentication record (see `docs/broker.md`); this credential reads it when it is made,
/// asks the broker for that account (`getAccounts`, matched by `homeAccountId`) and gets a token with
/// `acquireTokenSilently`, with VS Code's public client id. It never prompts. Without a record, or with one it
/// cannot use (not a regular file, larger than 10 KiB, not JSON, a wrong field), or without a broker, it is
/// ``AzureIdentityError/Code/credentialUnavailable`` and says which; a broker that refuses is
/// ``AzureIdentityError/Code/authenticationFailed`` with its status, subStatus and context.
public struct VisualStudioCodeCredential: TokenCredential {
    static let name = "VisualStudioCodeCredential"

    /// VS Code's public client id, which this credential signs in as.
    public static let clientID = VisualStudioCodeAuthRecord.clientID

    private enum State: Sendable {
        case ready(flow: EntraTokenFlow, signIn: BrokerSignIn, record: AuthenticationRecord)
        case unavailable(AzureIdentityError)
    }

    private let state: State

    /// Creates the credential and reads VS Code's authentication record (under `HOME` in the options'
    /// environment).
    /// - Parameters:
    ///   - tenantID: The tenant; defaults to the record's.
    ///   - options: The transport, clock, environment, logger and process runner (``CredentialOptions``).
    /// - Throws: ``AzureIdentityError/Code/invalidConfiguration`` for an invalid `tenantID` or authority host.
    public init(tenantID: String? = nil, options: CredentialOptions = CredentialOptions()) throws {
        if let tenantID { try TenantID.validate(tenantID) }
        let record: AuthenticationRecord
        switch VisualStudioCodeAuthRecord.load(environment: options.environment) {
        case .found(let found, _):
            record = found
        case .absent(let paths):
            state = .unavailable(
                Self.unavailable(
                    "no authentication record from VS Code at \(paths.joined(separator: " or ")). Sign in to Azure "
                        + "in VS Code with the Azure Resources extension"))
            return
        case .noHome:
            state = .unavailable(
                Self.unavailable("HOME is not set, so VS Code's authentication record cannot be found"))
            return
        case .unusable(let path, let reason):
            state = .unavailable(
                Self.unavailable(
                    "VS Code's authentication record \(path) cannot be used: \(reason). Sign in again in VS Code"))
            return
        }
        let flow = try EntraTokenFlow(
            credentialName: Self.name, tenantID: tenantID ?? record.tenantID, clientID: Self.clientID,
            options: options)
        let signIn = BrokerSignIn(
            connection: options.resolvedBrokerConnection, credentialName: Self.name, clientID: Self.clientID,
            useDefaultAccount: false, msaPassthrough: false, loginHint: nil, logger: options.logger,
            timeSource: options.timeSource)
        state = .ready(flow: flow, signIn: signIn, record: record)
    }

    /// The VS Code account this credential uses, when its record was read.
    public var authenticationRecord: AuthenticationRecord? {
        if case .ready(_, _, let record) = state { return record }
        return nil
    }

    /// Gets a token for the VS Code account silently through the broker (cached like every credential's).
    nonisolated(nonsending) public func getToken(for request: TokenRequest) async throws -> AccessToken {
        switch state {
        case .unavailable(let error):
            throw error
        case .ready(let flow, let signIn, let record):
            return try await flow.cachedToken(request, account: record.homeAccountID) { tenant, claims in
                try await signIn.token(
                    authority: BrokerSignIn.authority(host: flow.authorityHost, tenantID: tenant),
                    scopes: request.scopes, claims: claims, record: record, interaction: .never
                ).token
            }
        }
    }

    private static func unavailable(_ reason: String) -> AzureIdentityError {
        AzureIdentityError(code: .credentialUnavailable, message: "\(name): \(reason).", credentialName: name)
    }
}

extension VisualStudioCodeCredential: CustomReflectable {
    /// The VS Code account only (no secrets).
    public var customMirror: Mirror {
        Mirror(self, children: ["authenticationRecord": authenticationRecord as Any], displayStyle: .struct)
    }
}
