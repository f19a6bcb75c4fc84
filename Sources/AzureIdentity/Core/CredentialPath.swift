// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import IdentitySupport

/// A file path a credential reads from a variable or an argument (`AZURE_FEDERATED_TOKEN_FILE`,
/// `AZURE_CLIENT_CERTIFICATE_PATH`), made absolute by the package's one rule (``UserPath``): `~` and `~/` from
/// `HOME` in the credential's environment, other relative paths from the process's working directory (as the
/// system would open them). The profile runtime's dry run resolves the same variables by the same rule.
enum CredentialPath {
    /// The absolute path, or an error naming `what` and the path: unavailable when `HOME` is unset, invalid for
    /// `~user`.
    static func resolve(
        _ path: String, what: String, environment: [String: String], credentialName: String
    ) throws(AzureIdentityError) -> String {
        do {
            return try UserPath.resolve(
                path, workingDirectory: FileManager.default.currentDirectoryPath,
                environment: EnvironmentVariables(environment))
        } catch {
            throw AzureIdentityError(
                code: error.isMissing ? .credentialUnavailable : .invalidConfiguration,
                message: "\(credentialName): \(what) \(OutsideText.escapingControlCharacters(path)) \(error)",
                credentialName: credentialName)
        }
    }
}
