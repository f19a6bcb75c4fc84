// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles

/// Reflection and descriptions of the runtime's types show the profile and options, never the environment (which
/// holds secrets such as `AZURE_CLIENT_SECRET`), bound credentials, caches or tokens.

extension ProfileCredential: CustomStringConvertible, CustomReflectable {
    /// `ProfileCredential(profile: prod, file: team.yaml:49:3)`.
    public var description: String {
        "ProfileCredential(profile: \(profileName), defined at: \(entry.profile.location))"
    }

    /// The profile's name and location only.
    public var customMirror: Mirror {
        Mirror(
            self, children: ["profile": profileName, "location": entry.profile.location.description],
            displayStyle: .struct)
    }
}

extension ProfileRuntimeOptions: CustomStringConvertible, CustomReflectable {
    /// The working directory and how many variables the environment has; never their values.
    public var description: String {
        "ProfileRuntimeOptions(workingDirectory: \(workingDirectory), environment: \(environment.count) variables)"
    }

    /// The working directory and the number of variables.
    public var customMirror: Mirror {
        Mirror(
            self, children: ["workingDirectory": workingDirectory, "environmentVariables": environment.count],
            displayStyle: .struct)
    }
}

extension ValueResolver: CustomStringConvertible, CustomReflectable {
    /// The names of the variables read so far; never their values.
    package var description: String { "ValueResolver(read: \(variablesRead.joined(separator: ", ")))" }

    /// The names of the variables read so far.
    package var customMirror: Mirror {
        Mirror(self, children: ["variablesRead": variablesRead], displayStyle: .class)
    }
}

extension InspectionContext: CustomStringConvertible, CustomReflectable {
    /// The working directory, the moment and the number of variables; never their values.
    public var description: String {
        "InspectionContext(workingDirectory: \(workingDirectory), now: \(now), environment: \(environment.count) "
            + "variables)"
    }

    /// The working directory, the moment and the number of variables.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "workingDirectory": workingDirectory, "now": now,
                "environmentVariables": environment.count,
            ], displayStyle: .struct)
    }
}
