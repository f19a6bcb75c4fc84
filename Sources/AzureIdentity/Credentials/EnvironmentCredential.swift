// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import IdentitySupport
import Logging

/// Picks a credential from Azure Identity's environment variables, in Azure Identity's order:
///
/// 1. `AZURE_TENANT_ID` + `AZURE_CLIENT_ID` + `AZURE_CLIENT_SECRET` → ``ClientSecretCredential``
/// 2. … + `AZURE_CLIENT_CERTIFICATE_PATH` (+ `AZURE_CLIENT_CERTIFICATE_PASSWORD`,
///    `AZURE_CLIENT_SEND_CERTIFICATE_CHAIN` = `true`/`1`) → ``ClientCertificateCredential``
/// 3. … + `AZURE_USERNAME` + `AZURE_PASSWORD` → ``UsernamePasswordCredential``
///
/// `AZURE_ADDITIONALLY_ALLOWED_TENANTS` (`;`-separated) and `AZURE_AUTHORITY_HOST` apply to the chosen credential.
/// With none configured, ``getToken(for:)`` throws ``AzureIdentityError/Code/credentialUnavailable``.
public struct EnvironmentCredential: TokenCredential {
    private let inner: Result<any TokenCredential, AzureIdentityError>?

    /// The kind of credential the environment selected, or `nil`.
    public let selectedCredentialName: String?

    /// Reads ``CredentialOptions/environment``. Configuration errors are reported by ``getToken(for:)``.
    public init(options: CredentialOptions = CredentialOptions()) {
        let configuration = Configuration(EnvironmentVariables(options.environment))
        var options = options
        options.additionallyAllowedTenants += configuration.additionallyAllowedTenants
        let make: (() throws -> any TokenCredential)?
        let name: String?
        switch (configuration.tenantID, configuration.clientID, configuration.selection) {
        case (let tenant?, let client?, .secret(let secret)?):
            name = "ClientSecretCredential"
            make = { try ClientSecretCredential(tenantID: tenant, clientID: client, secret: secret, options: options) }
        case (let tenant?, let client?, .certificate(let path, let password, let sendChain)?):
            name = "ClientCertificateCredential"
            make = {
                try ClientCertificateCredential(
                    tenantID: tenant,
                    clientID: client,
                    certificatePath: try CredentialPath.resolve(
                        path, what: "AZURE_CLIENT_CERTIFICATE_PATH", environment: options.environment,
                        credentialName: "ClientCertificateCredential"),
                    password: password,
                    sendCertificateChain: sendChain,
                    options: options
                )
            }
        case (let tenant?, let client?, .usernamePassword(let username, let password)?):
            name = "UsernamePasswordCredential"
            make = {
                try UsernamePasswordCredential(
                    tenantID: tenant,
                    clientID: client,
                    username: username,
                    password: password,
                    options: options
                )
            }
        default:
            (name, make) = (nil, nil)
        }
        selectedCredentialName = name
        // Names only: values (secrets, passwords, paths) are never logged.
        options.logger.debug(
            "EnvironmentCredential configuration",
            metadata: [
                "selected": "\(name ?? "none")",
                "variables": "\(options.environment.keys.filter { $0.hasPrefix("AZURE_") }.sorted())",
            ]
        )
        inner = make.map { make in
            do {
                return .success(try make())
            } catch let error as AzureIdentityError {
                return .failure(error)
            } catch {
                return .failure(AzureIdentityError(code: .invalidConfiguration, message: "\(error)", underlying: error))
            }
        }
    }

    /// Gets a token from the selected credential. Authentication failures keep their Entra details.
    nonisolated(nonsending) public func getToken(for request: TokenRequest) async throws -> AccessToken {
        guard let inner else {
            throw AzureIdentityError(
                code: .credentialUnavailable,
                message: "EnvironmentCredential is unavailable. No underlying credential could be used: set "
                    + "AZURE_TENANT_ID and AZURE_CLIENT_ID with AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, "
                    + "or AZURE_USERNAME and AZURE_PASSWORD.",
                credentialName: "EnvironmentCredential"
            )
        }
        do {
            return try await inner.get().getToken(for: request)
        } catch var error as AzureIdentityError {
            error.message =
                "EnvironmentCredential authentication failed (\(selectedCredentialName ?? "?")): \(error.message)"
            error.credentialName = "EnvironmentCredential"
            throw error
        }
    }
}
