// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Why ``TokenOutput`` could not render a token. No case ever holds the token.
package enum TokenOutputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `KUBERNETES_EXEC_INFO` is set but is not an `ExecCredential` JSON object with a string `apiVersion`.
    case malformedExecInfo(reason: String)
    /// `KUBERNETES_EXEC_INFO` asks for an `ExecCredential` version other than `v1` and `v1beta1`.
    case unsupportedExecCredentialVersion(String)
    /// The token is empty or contains control characters, so printing it could corrupt the output.
    case unusableToken(reason: String)

    /// A one-line explanation for people.
    package var description: String {
        switch self {
        case .malformedExecInfo(let reason):
            return "\(ExecCredentialVersion.environmentVariable) cannot be read: \(reason). kubectl sets it to an "
                + "ExecCredential object such as {\"apiVersion\": \"\(ExecCredentialVersion.v1.rawValue)\", "
                + "\"kind\": \"ExecCredential\", \"spec\": {\"interactive\": false}}."
        case .unsupportedExecCredentialVersion(let version):
            let shown = version.count > 80 ? String(version.prefix(80)) + "…" : version
            let supported = ExecCredentialVersion.allCases.map(\.rawValue).joined(separator: " and ")
            return "\(ExecCredentialVersion.environmentVariable) asks for ExecCredential apiVersion '\(shown)', "
                + "but authprofile supports only \(supported); set the kubeconfig's exec apiVersion to one of them."
        case .unusableToken(let reason):
            return "The token cannot be printed: \(reason)."
        }
    }
}
