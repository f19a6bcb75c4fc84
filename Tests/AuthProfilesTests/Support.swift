// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

@testable import AuthProfiles

/// Validates YAML text and returns the result.
func validate(_ text: String, limits: ParseLimits = .default) -> ValidationResult {
    ProfileValidator(limits: limits).validate(text: text, path: "test.yaml")
}

/// The codes reported for YAML text, in location order.
func codes(_ text: String) -> [String] {
    validate(text).diagnostics.map(\.code.rawValue)
}

let clientA = "2d1a8c9e-0000-4000-8000-000000000001"
let clientB = "2d1a8c9e-0000-4000-8000-000000000002"
