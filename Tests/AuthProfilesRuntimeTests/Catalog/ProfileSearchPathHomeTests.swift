// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AuthProfilesRuntime
import Foundation
import Testing

/// Issue 10 item 3: `AUTHPROFILE_FILE`, `AUTHPROFILE_PATH` and explicit files expand `~` by the package's one rule,
/// with `HOME` from the given environment, never the process's.
@Suite struct ProfileSearchPathHomeTests {
    @Test func tildeLocationsUseTheGivenHome() throws {
        let tree = try ProfileSearchPathTests.Tree()
        defer { tree.remove() }
        try tree.write("home/profiles.yaml", profiles: ["mine"])
        try tree.write("home/more/other.yaml", profiles: ["other"])
        let home = tree.root + "/home"
        let file = tree.catalog(["HOME": home, "AUTHPROFILE_FILE": "~/profiles.yaml"])
        #expect(file.problems.isEmpty, "\(file.problems)")
        #expect(file.entries.map(\.profile.name) == ["mine", "default"])
        let path = tree.catalog(["HOME": home, "AUTHPROFILE_PATH": "~/profiles.yaml:~/more"])
        #expect(path.entries.map(\.profile.name) == ["mine", "other", "default"])
        let explicit = tree.catalog(["HOME": home], files: ["~/profiles.yaml"])
        #expect(explicit.entries.map(\.profile.name) == ["mine", "default"])
    }

    @Test func withoutHomeATildeLocationIsMissingAndSaysWhy() throws {
        let tree = try ProfileSearchPathTests.Tree()
        defer { tree.remove() }
        let unset = ["AUTHPROFILE_FILE": "~/profiles.yaml"]
        for environment in [unset, unset.merging(["HOME": ""]) { $1 }] {
            let catalog = tree.catalog(environment)
            #expect(catalog.problems.map(\.code) == [.missingLocation])
            #expect(
                catalog.problems.first?.message
                    == "~/profiles.yaml (from AUTHPROFILE_FILE) does not exist (~ is expanded only with HOME set, "
                    + "and not as ~user)")
        }
    }
}
