// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfilesRuntime
import Foundation
import Testing

@Suite struct SecretReferenceInspectionTests {
    let directory = try! TemporaryDirectory()

    @Test func environmentSecretSetEmptyAndUnset() {
        let context = directory.context(["SET_SECRET": "s3cr3t-value", "EMPTY_SECRET": ""])
        let set = SecretReferenceInspection.inspectEnvironmentSecret(
            name: "SET_SECRET",
            field: "client secret",
            context: context
        )
        #expect(set.verdict == .ready)
        #expect(set.evidence == [Evidence(.ok, "env SET_SECRET", "set")])
        let empty = SecretReferenceInspection.inspectEnvironmentSecret(
            name: "EMPTY_SECRET",
            field: "client secret",
            context: context
        )
        #expect(empty.verdict == .unavailable)
        #expect(empty.evidence == [Evidence(.missing, "env EMPTY_SECRET", "set but empty")])
        let unset = SecretReferenceInspection.inspectEnvironmentSecret(
            name: "UNSET_SECRET",
            field: "client secret",
            context: context
        )
        #expect(unset.verdict == .unavailable)
        #expect(unset.evidence == [Evidence(.missing, "env UNSET_SECRET", "not set")])
        #expect(unset.hint == "Set UNSET_SECRET to the client secret.")
    }

    @Test func fileSecretReadableEmptyAndMissing() throws {
        try directory.write("secret.txt", "file-secret-value\n", permissions: 0o600)
        try directory.write("blank.txt", "\n")
        let context = directory.context()
        let good = SecretReferenceInspection.inspectFileSecret(path: "secret.txt", field: "password", context: context)
        #expect(good.verdict == .ready)
        #expect(good.evidence == [Evidence(.ok, "file secret.txt", "readable, not empty")])
        let blank = SecretReferenceInspection.inspectFileSecret(path: "blank.txt", field: "password", context: context)
        // Empty counts as absent, as the run treats it (an empty variable counts as unset, too).
        #expect(blank.verdict == .unavailable)
        #expect(blank.evidence == [Evidence(.missing, "file blank.txt", "is empty")])
        #expect(blank.hint == "Write the password to blank.txt.")
        let missing = SecretReferenceInspection.inspectFileSecret(path: "gone.txt", field: "password", context: context)
        #expect(missing.verdict == .unavailable)
        #expect(missing.evidence == [Evidence(.missing, "file gone.txt", "does not exist")])
        #expect(missing.hint == "Write the password to gone.txt, or fix the path.")
    }
}
