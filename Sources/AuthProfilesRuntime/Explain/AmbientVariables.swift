// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import IdentitySupport

/// The Azure variables that credentials reading the environment directly would pick up, and which of them a
/// profile leaves unread. A variable that is set but not read is the "wrong identity picked up" class of bug
/// waiting to happen (or already happening in another tool): explain reports it.
///
/// What a profile reads is not listed here: the dry run records every variable its inspections look up, and they
/// look variables up through the same code the run does (``EnvironmentCredential`` and managed identity source
/// detection, the profile's bindings), so a kind's implicit variables are known from the one place that reads them.
enum AmbientVariables {
    /// Every variable explain looks for: each kind's identity variables (``KindDefinition/identityVariables``, in
    /// registry order, each once), then the ones Azure Identity applies to every credential.
    static let all: [String] = {
        var names: [String] = []
        for name in KindRegistry.definitions.flatMap(\.identityVariables) + everyCredential
        where !names.contains(name) {
            names.append(name)
        }
        return names
    }()

    /// Variables Azure Identity applies to every credential rather than to one kind.
    static let everyCredential = ["AZURE_AUTHORITY_HOST", "AZURE_ADDITIONALLY_ALLOWED_TENANTS"]

    /// The variables set (non-empty) in `environment` that are not in `read`, with why each matters.
    static func ignored(environment: EnvironmentVariables, read: Set<String>) -> [IgnoredVariable] {
        all.filter { name in
            !read.contains(name) && environment.isSet(name)
        }.map { name in
            IgnoredVariable(name: name, note: note(for: name))
        }
    }

    private static func note(for name: String) -> String {
        switch name {
        case "AZURE_AUTHORITY_HOST":
            "set, but only "
                + KindRegistry.definitions.filter(\.readsAuthorityHostVariable).map { "`\($0.kind)`" }
                .joined(separator: " and ")
                + " links honour it, when no cloud is named; this profile's links use its cloud's authority host"
        case "AZURE_TOKEN_CREDENTIALS":
            "set, but no `default` link of this profile reads it (none, or its `credentials:` names the members); "
                + "DefaultAzureCredential elsewhere would honour it"
        default:
            "set, but not read by this profile; credentials that read the environment directly would use it"
        }
    }
}
