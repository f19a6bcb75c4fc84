// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentity

/// A leaf kind's settings, given what the runtime does with them and what the dry run predicts, side by side in
/// one file per kind (`Kinds/<Kind>Link.swift`): `bind` resolves the settings in some order and stops at the first
/// problem; `inspect` lists the same parts in the same order (``InspectionResult/inOrder(_:)``), so the verdict is
/// the first problem the run would meet. The differential tests (`Tests/AuthProfilesRuntimeTests/Differential`)
/// check the two against each other for every kind.
///
/// `chain`, `profile` and `default` are not leaves: the evaluator and the dry run expand them.
protocol LeafLink: KindSettings {
    /// The AzureIdentity credential for the link; throws ``ValueProblem`` for a setting that is absent or wrong.
    func bind(
        _ binder: CredentialBinder, node: CredentialNode, scope: LinkScope, options: CredentialOptions
    ) throws -> any TokenCredential

    /// What the dry run predicts for the link, part by part in the order `bind` resolves them.
    func inspect(_ walk: ExplainWalk, node: CredentialNode, scope: LinkScope) -> InspectionResult
}

extension CredentialNode {
    /// The node's settings as a leaf link, unless it is a `chain`, `profile` or `default`.
    var leaf: (any LeafLink)? { settings as? any LeafLink }
}
