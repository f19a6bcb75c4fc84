// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// The identity broker's member of ``DefaultAzureCredential`` (when ``DefaultAzureCredentialOptions/brokerEnabled``):
/// the broker's default account, silently, as Azure Identity's `BrokerCredential` — never an interactive prompt
/// inside the default chain.
///
/// Azure Identity's choices: the Azure CLI's public client id, the tenant from the options else `organizations`,
/// the default (first) broker account, no interactive fallback. No broker is
/// ``AzureIdentityError/Code/credentialUnavailable``; no account, or a silent sign-in the broker refused, is
/// ``AzureIdentityError/Code/authenticationRequired``; a broken answer is failed. As a developer credential the
/// chain goes on after any of them.
struct BrokerCredential: TokenCredential {
    static let name = "BrokerCredential"
    private let flow: EntraTokenFlow
    private let signIn: BrokerSignIn

    init(tenantID: String?, options: CredentialOptions) throws {
        let clientID = PublicClientSession.defaultClientID
        self.flow = try EntraTokenFlow(
            credentialName: Self.name, tenantID: tenantID ?? "organizations", clientID: clientID, options: options)
        self.signIn = BrokerSignIn(
            connection: options.resolvedBrokerConnection, credentialName: Self.name, clientID: clientID,
            useDefaultAccount: true, msaPassthrough: false, loginHint: nil, logger: options.logger,
            timeSource: options.timeSource)
    }

    nonisolated(nonsending) func getToken(for request: TokenRequest) async throws -> AccessToken {
        let (flow, signIn) = (self.flow, self.signIn)
        return try await flow.cachedToken(request, account: "default broker account") { tenant, claims in
            try await signIn.token(
                authority: BrokerSignIn.authority(host: flow.authorityHost, tenantID: tenant),
                scopes: request.scopes, claims: claims, record: nil, interaction: .never
            ).token
        }
    }
}

extension BrokerCredential: CustomReflectable {
    /// No children: nothing to show but the kind.
    var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
