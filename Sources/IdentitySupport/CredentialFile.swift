// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// A file that holds one credential — a `{file: …}` secret, a workload identity token, a client assertion — read
/// the one way the run and explain's dry run both use, so that what the dry run checks is what the run sends.
///
/// The file must be a regular file of at most ``limit`` bytes holding UTF-8 text. The credential is that text
/// without a leading byte order mark and without the white space (spaces, tabs, line breaks) around it. A file that
/// does not exist, or holds nothing but white space, is *absent* (``Problem/isMissing``), the way an empty
/// environment variable counts as unset; anything else that is wrong is a broken configuration.
package enum CredentialFile {
    /// The largest credential file read: far above any secret, token or assertion.
    package static let limit = 1 << 20

    /// A credential read from a file, and the file's status (for the permission check).
    package struct Contents: Sendable {
        /// The credential, trimmed. Never empty.
        package var text: String
        /// The status of the file it was read from.
        package var status: FileStatus
    }

    /// Why a credential file gave no credential.
    package struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        /// The reader's problem, when the file could not be read at all.
        package var file: FileProblem?
        /// Whether the file was read but is not UTF-8 text.
        package var isNotText: Bool

        /// Whether the credential is absent (no file, or an empty one) rather than wrong.
        package var isMissing: Bool { file.map(\.isMissing) ?? !isNotText }

        /// What is wrong, as a predicate: `does not exist`, `is empty`, `is a FIFO (named pipe), not a regular file`.
        package var description: String {
            if let file { return file.description }
            return isNotText ? "is not UTF-8 text" : "is empty"
        }
    }

    /// Reads the credential at `path` (absolute, or relative to the process's directory).
    package static func read(_ path: String) -> Result<Contents, Problem> {
        let contents: FileContents
        do {
            contents = try UserFile.read(path, limit: limit)
        } catch {
            return .failure(Problem(file: error, isNotText: false))
        }
        guard let text = trimmedText(contents.bytes) else { return .failure(Problem(file: nil, isNotText: true)) }
        guard !text.isEmpty else { return .failure(Problem(file: nil, isNotText: false)) }
        return .success(Contents(text: text, status: contents.status))
    }

    /// `bytes` as UTF-8 text without a leading byte order mark and the white space around it; `nil` when the bytes
    /// are not UTF-8.
    package static func trimmedText(_ bytes: [UInt8]) -> String? {
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        if start < scalars.endIndex, scalars[start] == "\u{FEFF}" { start = scalars.index(after: start) }
        while start < scalars.endIndex, scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        var end = scalars.endIndex
        while end > start, scalars[scalars.index(before: end)].properties.isWhitespace {
            end = scalars.index(before: end)
        }
        return String(scalars[start..<end])
    }
}
