// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfilesRuntime
import Foundation

extension TemporaryDirectory {
    /// A context reading from this directory, with `HOME` pointing at it unless `environment` says otherwise.
    func context(_ environment: [String: String] = [:], now: Date = Date()) -> InspectionContext {
        var merged = ["HOME": path]
        merged.merge(environment) { _, new in new }
        return InspectionContext(environment: merged, now: now, workingDirectory: path)
    }
}

extension InspectionResult {
    /// The detail of the first fact about `subject`, if any.
    func detail(_ subject: String) -> String? {
        evidence.first { $0.subject == subject }?.detail
    }

    /// The status of the first fact about `subject`, if any.
    func status(_ subject: String) -> Evidence.Status? {
        evidence.first { $0.subject == subject }?.status
    }

    /// Every text the result would print: subjects, details and the hint.
    var allText: String {
        (evidence.flatMap { [$0.subject, $0.detail] } + [hint ?? ""]).joined(separator: "\n")
    }
}
