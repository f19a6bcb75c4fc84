// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import IdentitySupport

/// The `client.authentication.k8s.io` versions of `ExecCredential` that `--format exec-credential` prints.
///
/// kubectl (client-go) rejects an `ExecCredential` whose `apiVersion` differs from the one in the kubeconfig's
/// `exec.apiVersion`, and passes that version to the plugin in the `apiVersion` of the `ExecCredential` it puts
/// in `KUBERNETES_EXEC_INFO`. `v1alpha1` was removed from Kubernetes in 1.24 and is not supported.
package enum ExecCredentialVersion: String, CaseIterable, Sendable {
    /// `client.authentication.k8s.io/v1`, the default.
    case v1 = "client.authentication.k8s.io/v1"
    /// `client.authentication.k8s.io/v1beta1`.
    case v1beta1 = "client.authentication.k8s.io/v1beta1"

    /// The environment variable kubectl sets for exec plugins.
    package static let environmentVariable = "KUBERNETES_EXEC_INFO"

    /// The version `KUBERNETES_EXEC_INFO` asks for; ``v1`` when the variable is unset or empty.
    /// - Throws: ``TokenOutputError/malformedExecInfo(reason:)`` when the variable is not an `ExecCredential`
    ///   JSON object with a string `apiVersion`; ``TokenOutputError/unsupportedExecCredentialVersion(_:)`` for
    ///   any version other than `v1` and `v1beta1`.
    package static func requested(by environment: [String: String]) throws -> ExecCredentialVersion {
        guard let text = EnvironmentVariables(environment)[environmentVariable],
            !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        else { return .v1 }
        guard let parsed = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        else { throw TokenOutputError.malformedExecInfo(reason: "it is not valid JSON") }
        guard let object = parsed as? [String: Any] else {
            throw TokenOutputError.malformedExecInfo(reason: "it is not a JSON object")
        }
        if let kind = object["kind"], kind as? String != "ExecCredential" {
            throw TokenOutputError.malformedExecInfo(reason: "its kind is not \"ExecCredential\"")
        }
        guard let apiVersion = object["apiVersion"] as? String else {
            throw TokenOutputError.malformedExecInfo(reason: "it has no string \"apiVersion\"")
        }
        guard let version = ExecCredentialVersion(rawValue: apiVersion) else {
            throw TokenOutputError.unsupportedExecCredentialVersion(apiVersion)
        }
        return version
    }
}
