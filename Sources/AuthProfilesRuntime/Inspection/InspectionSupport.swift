// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import Foundation
import IdentitySupport

/// Formatting and reading helpers the inspections share, so their messages read alike.
enum InspectionSupport {
    /// `2026-01-31T00:00:00Z`: ISO 8601 in UTC, whole seconds.
    static func date(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// A JSON object read from `bytes`, ignoring a leading UTF-8 byte order mark (the Azure CLI writes one).
    static func jsonObject(_ bytes: some Collection<UInt8>) -> [String: Any]? {
        var bytes = bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        return (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
    }

    /// `path` joined to `directory`.
    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// Looks `name` up on the context's `PATH` and says what was found.
    static func executable(_ name: String, context: InspectionContext) -> (path: String?, evidence: Evidence) {
        let subject = "executable \(name)"
        guard let path = context.value("PATH") else {
            return (nil, Evidence(.missing, subject, "not found (PATH is not set)"))
        }
        guard let found = ExecutableLookup.resolve(name, path: path) else {
            return (nil, Evidence(.missing, subject, "not found on PATH"))
        }
        return (found, Evidence(.ok, subject, "found at \(found)"))
    }

    /// The evidence for a file that could not be read, with the verdict the problem amounts to: a missing file
    /// makes the link unavailable, anything else (a directory, a FIFO, a device, no permission) misconfigured.
    static func unreadable(_ problem: FileProblem, subject: String) -> (Verdict, Evidence) {
        (
            problem.isMissing ? .unavailable : .misconfigured,
            Evidence(problem.isMissing ? .missing : .problem, subject, problem.description)
        )
    }

    /// The result for a path that cannot be made absolute (``UserPath``): `~` with `HOME` unset makes the link
    /// unavailable, as a missing file does; `~user` makes it misconfigured.
    static func unresolvable(_ problem: PathProblem, subject: String) -> InspectionResult {
        InspectionResult(
            verdict: problem.isMissing ? .unavailable : .misconfigured,
            evidence: [Evidence(problem.isMissing ? .missing : .problem, subject, problem.description)],
            hint: problem.hint)
    }

    /// Whether two tenant ids name the same tenant (ids are GUIDs, compared without regard to case).
    static func sameTenant(_ left: String, _ right: String) -> Bool {
        left.caseInsensitiveCompare(right) == .orderedSame
    }
}
