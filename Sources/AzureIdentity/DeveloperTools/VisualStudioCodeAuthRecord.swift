// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import IdentitySupport

/// The authentication record the Visual Studio Code *Azure Resources* extension writes for other tools: the
/// account signed in to VS Code, which ``VisualStudioCodeCredential`` then uses silently through the broker.
///
/// Where and what (from the extension's `exportAuthRecord`, microsoft/vscode-azureresourcegroups, and Azure
/// Identity for Python 1.24's `load_vscode_auth_record`, which this follows):
/// - `~/.azure/ms-azuretools.vscode-azureresourcegroups/authRecord.json`, else the same under `~/.Azure` (the
///   extension writes to whichever of the two exists);
/// - a JSON object `{username, authority, homeAccountId, tenantId, clientId, datetime}`: Azure Identity's record
///   without its `version`, with `authority` a URL, and with VS Code's own client id;
/// - at most 10 KiB (Python's limit); fields checked as Python checks them (non-empty strings, a valid tenant id,
///   VS Code's client id). Azure Identity for JavaScript (4.11+) reads the same paths without these checks; the
///   stricter reading is followed so that a corrupt file is a clear outcome rather than a confusing broker error.
package enum VisualStudioCodeAuthRecord {
    /// VS Code's public client id (its Microsoft authentication provider's), which the record names.
    package static let clientID = "aebc6443-996d-45c2-90f0-388ff96faa56"
    /// The largest record read.
    package static let maximumBytes = 10 * 1024
    /// The record's path under the home directory, in the order tried.
    package static let relativePaths = [
        ".azure/ms-azuretools.vscode-azureresourcegroups/authRecord.json",
        ".Azure/ms-azuretools.vscode-azureresourcegroups/authRecord.json",
    ]

    /// What was found.
    package enum Outcome: Sendable, Hashable {
        /// A valid record, at this path.
        case found(AuthenticationRecord, path: String)
        /// No record at any of the paths (VS Code is not signed in, or the extension is not installed).
        case absent(paths: [String])
        /// `HOME` is not set (or not absolute), so the record cannot be looked for.
        case noHome
        /// A record exists but cannot be used: not a regular file, too large, not JSON, or a field is wrong. The
        /// reason never quotes the file.
        case unusable(path: String, reason: String)
    }

    /// The candidate paths under `HOME` in `environment`; `nil` without a usable `HOME`.
    package static func paths(environment: [String: String]) -> [String]? {
        guard let home = EnvironmentVariables(environment)["HOME"], home.hasPrefix("/") else { return nil }
        return relativePaths.map { UserPath.join(home, $0) }
    }

    /// Looks for the record under `HOME` in `environment`: the first path that exists is read (regular files
    /// only, at most ``maximumBytes``).
    package static func load(environment: [String: String]) -> Outcome {
        guard let paths = paths(environment: environment) else { return .noHome }
        for path in paths {
            switch UserFile.status(of: path) {
            case .failure(let problem) where problem.isMissing:
                continue
            default:
                return read(path)
            }
        }
        return .absent(paths: paths)
    }

    /// Reads and checks the record at `path`.
    package static func read(_ path: String) -> Outcome {
        let contents: FileContents
        do {
            contents = try UserFile.read(path, limit: maximumBytes)
        } catch {
            return .unusable(path: path, reason: "it \(error)")
        }
        guard let members = OutsideJSON.object(contents.bytes) else {
            return .unusable(path: path, reason: "it is not a JSON object")
        }
        var problems: [String] = []
        func text(_ name: String) -> String? {
            guard let value = members[name] else {
                problems.append("`\(name)` is missing")
                return nil
            }
            guard let string = value.string, !string.isEmpty else {
                problems.append("`\(name)` is not a non-empty string")
                return nil
            }
            return string
        }
        let tenant = text("tenantId")
        let client = text("clientId")
        let username = text("username")
        let home = text("homeAccountId")
        let authority = text("authority")
        if let tenant, (try? TenantID.validate(tenant)) == nil {
            problems.append("`tenantId` \(OutsideJSON.shown(tenant)) is not a tenant id")
        }
        if let client, client != clientID {
            problems.append("`clientId` \(OutsideJSON.shown(client)) is not VS Code's (\(clientID))")
        }
        guard problems.isEmpty, let tenant, let username, let home, let authority else {
            return .unusable(path: path, reason: problems.joined(separator: "; "))
        }
        let host = URL(string: authority)?.host ?? authority
        return .found(
            AuthenticationRecord(
                authority: host, homeAccountID: home, clientID: clientID, tenantID: tenant, username: username),
            path: path)
    }
}
