// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import IdentitySupport

extension ManagedIdentityCredential {
    /// Reads the key an Azure Arc 401 challenge points at, after the agent's checks: `WWW-Authenticate:
    /// Basic realm=<path>`, the file named `*.key`, directly inside ``ManagedIdentityOptions/arcKeyDirectory``
    /// (symbolic links resolved), and at most ``ManagedIdentityOptions/arcMaxKeyFileBytes`` bytes.
    func arcKey(challenge response: TransportResponse) throws -> Secret {
        guard let header = response.header("WWW-Authenticate"),
            let range = header.range(of: "Basic realm=", options: .caseInsensitive)
        else {
            throw arcFailure("the 401 answer has no 'WWW-Authenticate: Basic realm=<file>' header")
        }
        let path = String(header[range.upperBound...]).trimmingCharacters(in: .whitespaces)
        let file = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL
        let directory = URL(fileURLWithPath: settings.arcKeyDirectory).resolvingSymlinksInPath().standardizedFileURL
        guard file.pathExtension == "key" else {
            throw arcFailure("the challenge file '\(path)' is not a '.key' file")
        }
        guard file.deletingLastPathComponent().path == directory.path else {
            throw arcFailure("the challenge file '\(path)' is not in '\(settings.arcKeyDirectory)'")
        }
        // The one file reader: a regular file only (a FIFO planted in the directory cannot block), its size checked
        // against the limit before a byte is read. The path came from the server: shown escaped.
        let shown = OutsideText.escapingControlCharacters(path)
        let contents: FileContents
        do {
            contents = try UserFile.read(file.path, limit: settings.arcMaxKeyFileBytes)
        } catch {
            throw arcFailure("the challenge file '\(shown)' \(error)")
        }
        guard let key = String(validating: contents.bytes, as: UTF8.self) else {
            throw arcFailure("the challenge file '\(shown)' is not UTF-8 text")
        }
        return Secret(key)
    }

    private func arcFailure(_ reason: String) -> AzureIdentityError {
        AzureIdentityError(
            code: .authenticationFailed,
            message: "ManagedIdentityCredential: Azure Arc challenge rejected: \(reason).",
            credentialName: Self.name,
            statusCode: 401
        )
    }
}
