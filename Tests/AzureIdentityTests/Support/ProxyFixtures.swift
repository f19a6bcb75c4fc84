// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting

/// Gets one token from the fake with a client secret, through a transport configured from `HTTPS_PROXY` (and the
/// fake's CA); shuts the transport down before returning.
func tokenThroughProxy(_ env: FakeEnvironment, httpsProxy: String) async throws -> Result<AccessToken, any Error> {
    var configuration = try TransportConfiguration.fromEnvironment(["HTTPS_PROXY": httpsProxy])
    configuration.additionalTrustRootsPEM = [env.fake.caCertificatePEM]
    let transport = try AsyncHTTPClientTransport(configuration: configuration)
    let credential = try ClientSecretCredential(
        tenantID: FakeEnvironment.tenant,
        clientID: FakeEnvironment.clientID,
        secret: Secret(FakeEnvironment.secret),
        options: CredentialOptions(authorityHost: env.fake.authorityHost, transport: transport, environment: [:])
    )
    let token = await Result(catching: { try await credential.getToken(scopes: managementScope) })
    try await transport.shutdown()
    return token
}

/// GETs the fake's OIDC metadata through a transport configured from `environment` (proxy variables) and the fake's
/// CA; shuts the transport down before returning the status or the error.
func metadataStatus(_ env: FakeEnvironment, environment: [String: String]) async throws -> Result<Int, any Error> {
    var configuration = try TransportConfiguration.fromEnvironment(environment)
    configuration.additionalTrustRootsPEM = [env.fake.caCertificatePEM]
    let transport = try AsyncHTTPClientTransport(configuration: configuration)
    let url = "\(env.fake.authorityURL)/\(FakeEnvironment.tenant)/v2.0/.well-known/openid-configuration"
    let status = await Result(catching: { try await transport.send(TransportRequest(method: "GET", url: url)).status })
    try await transport.shutdown()
    return status
}
