// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import IdentitySupport

/// Reads profile files through the package's one file reader: only regular files, the size limit applied before
/// the bytes are read, every refusal an `AP100` or `AP101` diagnostic that says what the path is.
enum ProfileFileReader {
    struct Failure: Error {
        let diagnostic: Diagnostic
    }

    /// A profile file's contents: text when it is UTF-8 (read straight into the string), else its bytes.
    enum Contents {
        case text(String)
        case bytes([UInt8])
    }

    static func read(path: String, name: String, limit: Int) throws(Failure) -> Contents {
        do {
            switch try UserFile.readText(path, limit: limit) {
            case .text(let text, _): return .text(text)
            case .bytes(let bytes, _): return .bytes(bytes)
            }
        } catch {
            throw Failure(diagnostic: diagnostic(for: error, name: name))
        }
    }

    /// The diagnostic for a file that could not be read.
    static func diagnostic(for problem: FileProblem, name: String) -> Diagnostic {
        let start = SourceLocation(file: name, line: 1, column: 1)
        switch problem.reason {
        case .tooLarge:
            return Diagnostic(
                .fileTooLarge, "file \(problem)", at: start, hint: "split the profiles over several files")
        case .directory, .fifo, .characterDevice, .blockDevice, .socket, .notRegularFile:
            return Diagnostic(
                .unreadableFile, "file \(problem)", at: start,
                hint: "profiles are read from regular files only")
        default:
            return Diagnostic(.unreadableFile, "file \(problem)", at: start)
        }
    }

    /// The diagnostic for a directory given to search that could not be searched.
    static func diagnostic(forDirectory problem: FileProblem, name: String) -> Diagnostic {
        let start = SourceLocation(file: name, line: 1, column: 1)
        if problem.reason == .undecodableName {
            return Diagnostic(.unreadableFile, "file \(problem)", at: start, hint: "rename it")
        }
        return Diagnostic(
            .unreadableFile, "directory \(problem)", at: start,
            hint: "the profile files in it cannot be checked; fix its permissions or leave it out")
    }
}

extension ProfileValidator {
    /// Validates one entry that ``ProfileFileDiscovery`` found: reads and validates a file, or reports a directory
    /// that could not be searched as an `AP100` error.
    public func validate(_ entry: ProfileFileDiscovery.Entry) -> ValidationResult {
        guard let problem = entry.problem else {
            return validate(fileAtPath: entry.resolvedPath, displayPath: entry.displayPath)
        }
        return ValidationResult(
            source: SourceText(path: entry.displayPath, text: ""),
            diagnostics: [ProfileFileReader.diagnostic(forDirectory: problem, name: entry.displayPath)], graph: nil)
    }
}
