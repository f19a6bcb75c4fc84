// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

package import IdentitySupport

extension EnvironmentCredential {
    /// What Azure Identity's environment variables configure, read in one place for the credential and for the
    /// profile runtime's dry run, so that the two cannot disagree on which credential the environment selects.
    ///
    /// Every variable the credential knows is read (through ``EnvironmentVariables``, empty counting as unset), so a
    /// dry run that records the reads learns exactly the variables this credential depends on.
    package struct Configuration: Sendable {
        /// The credential the variables select, in Azure Identity's order.
        package enum Selection: Sendable {
            /// `AZURE_CLIENT_SECRET`.
            case secret(Secret)
            /// `AZURE_CLIENT_CERTIFICATE_PATH`, with `AZURE_CLIENT_CERTIFICATE_PASSWORD` and
            /// `AZURE_CLIENT_SEND_CERTIFICATE_CHAIN` (`true`/`1`).
            case certificate(path: String, password: Secret?, sendChain: Bool)
            /// `AZURE_USERNAME` and `AZURE_PASSWORD`.
            case usernamePassword(username: String, password: Secret)
        }

        /// `AZURE_TENANT_ID`.
        package var tenantID: String?
        /// `AZURE_CLIENT_ID`.
        package var clientID: String?
        /// The secret, certificate or user the variables name, whether or not tenant and client id are set.
        package var selection: Selection?
        /// `AZURE_ADDITIONALLY_ALLOWED_TENANTS`, split at `;`.
        package var additionallyAllowedTenants: [String]

        /// The variables this credential reads, in the order it reads them.
        package static let variables = [
            "AZURE_ADDITIONALLY_ALLOWED_TENANTS", "AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET",
            "AZURE_CLIENT_CERTIFICATE_PATH", "AZURE_CLIENT_CERTIFICATE_PASSWORD", "AZURE_CLIENT_SEND_CERTIFICATE_CHAIN",
            "AZURE_USERNAME", "AZURE_PASSWORD",
        ]

        /// Reads every variable in ``variables``.
        package init(_ variables: EnvironmentVariables) {
            var values: [String: String] = [:]
            for name in Self.variables { values[name] = variables[name] }
            additionallyAllowedTenants =
                values["AZURE_ADDITIONALLY_ALLOWED_TENANTS"]?.split(separator: ";").map { String($0) } ?? []
            tenantID = values["AZURE_TENANT_ID"]
            clientID = values["AZURE_CLIENT_ID"]
            if let secret = values["AZURE_CLIENT_SECRET"] {
                selection = .secret(Secret(secret))
            } else if let path = values["AZURE_CLIENT_CERTIFICATE_PATH"] {
                let chain = values["AZURE_CLIENT_SEND_CERTIFICATE_CHAIN"]?.lowercased() ?? ""
                let sendChain = ["true", "1"].contains(chain)
                selection = .certificate(
                    path: path, password: values["AZURE_CLIENT_CERTIFICATE_PASSWORD"].map(Secret.init),
                    sendChain: sendChain)
            } else if let username = values["AZURE_USERNAME"], let password = values["AZURE_PASSWORD"] {
                selection = .usernamePassword(username: username, password: Secret(password))
            } else {
                selection = nil
            }
        }
    }
}
