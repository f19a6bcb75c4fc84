// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import AuthProfiles
import AuthProfilesRuntime

/// Shell completion of profile names (`authprofile explain <TAB>`): the profiles of the `--file` files already on
/// the command line, else of the search path, the built-in `default` included.
///
/// Runs inside the shell's completion request (`authprofile ---completion …`), so it only reads the profile files
/// of the search path: it sends nothing, starts nothing, and never fails — a broken file completes nothing.
enum ProfileNameCompletion {
    /// The completion kind for a profile-name argument.
    static let kind = CompletionKind.custom { words, index, prefix in
        candidates(words: words, wordIndex: index, prefix: prefix)
    }

    /// The profile names for the word at `wordIndex` starting with `prefix`.
    static func candidates(words: [String], wordIndex: Int, prefix: String) -> [String] {
        var files: [String] = []
        for (position, word) in words.enumerated() where position != wordIndex {
            if word.hasPrefix("--file=") {
                files.append(unquoted(String(word.dropFirst("--file=".count))))
            } else if word == "--file", position + 1 < words.count, position + 1 != wordIndex {
                files.append(unquoted(words[position + 1]))
            }
        }
        let context = CLIContext.current
        let catalog = AuthProfile.catalog(
            files: files, options: context.runtimeOptions(environment: context.environment))
        var seen = Set<String>()
        return catalog.entries.map(\.profile.name).filter { $0.hasPrefix(prefix) && seen.insert($0).inserted }
    }

    /// The shell passes words as typed; a file name quoted whole (`'my profiles.yaml'`) is unquoted, anything more
    /// elaborate is taken as written.
    private static func unquoted(_ word: String) -> String {
        guard word.count >= 2, let first = word.first, first == "'" || first == "\"", word.last == first else {
            return word
        }
        return String(word.dropFirst().dropLast())
    }
}
