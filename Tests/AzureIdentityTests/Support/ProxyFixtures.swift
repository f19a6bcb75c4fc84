import AzureIdentity
import AzureIdentityTesting

/// Gets one token from the fake with a client secret, through a transport configured from `HTTPS_PROXY` (and the
/// fake's CA); shuts the transport down before returning.
func tokenThroughProxy(_ env: FakeEnvironment, httpsProxy: String) async throws -> Result<AccessToken, any Error> {
    var configuration = TransportConfiguration.fromEnvironment(["HTTPS_PROXY": httpsProxy])
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
