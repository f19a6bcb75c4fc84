// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
package import IdentitySupport

extension ManagedIdentityCredential {
    /// Why the selected source's variables cannot be used, or `nil`. Checked once, when the credential is made,
    /// and reported by every `getToken` before anything is sent: a value that can never work is a configuration
    /// error, not a network failure to retry. Messages name the variable, never its value when it is a secret.
    package static func configurationProblem(
        source: ManagedIdentitySource,
        environment: EnvironmentVariables,
        imdsBaseURL: String?
    ) -> AzureIdentityError? {
        func problem(_ text: String) -> AzureIdentityError {
            AzureIdentityError(
                code: .invalidConfiguration,
                message: "ManagedIdentityCredential: \(text)",
                credentialName: name
            )
        }
        guard source.kind != .workloadIdentity else { return nil }
        // Only the first one set is sent.
        if let (secretName, value) = environment.first(of: sourceSecretVariables),
            !TransportRequest.isSendableHeaderValue(value)
        {
            return problem(
                "\(secretName) contains a control character (such as a line break), so it cannot be sent as "
                    + "a header. Set it to the value the host provides, without line breaks."
            )
        }
        let podIdentityHost = environment.isSet("AZURE_POD_IDENTITY_AUTHORITY_HOST")
        let endpointName: String =
            switch source.kind {
            case .azureML, .cloudShell: "MSI_ENDPOINT"
            case .imds where podIdentityHost: "AZURE_POD_IDENTITY_AUTHORITY_HOST"
            case .imds: imdsBaseURL == nil ? "The IMDS URL" : "ManagedIdentityOptions.imdsBaseURL"
            default: "IDENTITY_ENDPOINT"
            }
        guard isUsableEndpoint(source.endpoint) else {
            return problem(
                "\(endpointName) ('\(OutsideText.escapingControlCharacters(source.endpoint))') is not an http or "
                    + "https URL with a host, so no request can be sent to it."
            )
        }
        return nil
    }

    /// The variables the secret sent to the source is read from, the first one set winning.
    static let sourceSecretVariables = ["IDENTITY_HEADER", "MSI_SECRET"]

    /// An absolute `http`/`https` URL with a host and nothing a request line cannot carry.
    private static func isUsableEndpoint(_ endpoint: String) -> Bool {
        guard !endpoint.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }),
            let components = URLComponents(string: endpoint),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else { return false }
        return true
    }
}
