// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Synchronization

/// The environment variables that credentials, the profile runtime and the dry run read, with the package's one
/// rule for them: **a variable set to the empty string counts as unset**, as in every Azure Identity library (and
/// as `export AZURE_CLIENT_ID=` is meant).
///
/// Every lookup of a variable in the package goes through ``subscript(_:)``; nothing reads the dictionary itself
/// (`EnvironmentRuleTests` checks the source tree for it). A dry run can pass a ``ReadLog`` to learn which variables
/// the same code read, so its report of ignored variables comes from the reads themselves, not from a list kept
/// next to them.
package struct EnvironmentVariables: Sendable {
    /// Every variable exactly as given, for handing on whole (to a child process, or to a credential's options).
    /// Look a variable up with ``subscript(_:)``, never through this dictionary.
    package let all: [String: String]
    private let log: ReadLog?

    /// The variables in `all`, read without recording.
    package init(_ all: [String: String]) {
        self.all = all
        self.log = nil
    }

    /// The variables in `all`, recording every name looked up in `log`.
    package init(_ all: [String: String], recordingReadsIn log: ReadLog?) {
        self.all = all
        self.log = log
    }

    /// The value of `name`, or `nil` when it is unset or empty.
    package subscript(_ name: String) -> String? {
        log?.record(name)
        guard let value = all[name], !value.isEmpty else { return nil }
        return value
    }

    /// Whether `name` is set, but to the empty string (which counts as unset): for messages that say so.
    package func isEmptyButPresent(_ name: String) -> Bool {
        log?.record(name)
        return all[name]?.isEmpty == true
    }

    /// Whether `name` is set to a non-empty value.
    package func isSet(_ name: String) -> Bool { self[name] != nil }

    /// The first of `names` that is set (non-empty), with its value; each name is looked up in order until one is.
    package func first(of names: [String]) -> (name: String, value: String)? {
        for name in names {
            if let value = self[name] { return (name, value) }
        }
        return nil
    }

    /// The same variables, recording lookups in `log` instead.
    package func recording(in log: ReadLog?) -> EnvironmentVariables {
        EnvironmentVariables(all, recordingReadsIn: log)
    }

    /// The names looked up through the environments that share it, in first-read order.
    package final class ReadLog: Sendable {
        private let names = Mutex<[String]>([])

        package init() {}

        /// Every name looked up so far, in first-read order.
        package var read: [String] { names.withLock { $0 } }

        func record(_ name: String) {
            names.withLock { if !$0.contains(name) { $0.append(name) } }
        }
    }
}

// Variables hold secrets (`AZURE_CLIENT_SECRET`, `IDENTITY_HEADER`): a description or dump names how many there are,
// never a value (nor, for a dump, a name).
extension EnvironmentVariables: CustomStringConvertible, CustomReflectable {
    package var description: String { "EnvironmentVariables(\(all.count) variables)" }
    package var customMirror: Mirror { Mirror(self, children: ["variables": all.count], displayStyle: .struct) }
}
