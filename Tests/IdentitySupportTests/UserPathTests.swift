// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import IdentitySupport
import Testing

/// Issue 10 item 3: one rule for turning a path into an absolute one, with `~` taken from the given environment.
@Suite struct UserPathTests {
    private func resolve(
        _ path: String, _ environment: [String: String] = ["HOME": "/h"]
    ) throws(PathProblem)
        -> String
    {
        try UserPath.resolve(path, workingDirectory: "/w", environment: EnvironmentVariables(environment))
    }

    @Test func absoluteRelativeAndHomePaths() throws {
        #expect(try resolve("/etc/x") == "/etc/x")
        #expect(try resolve("x") == "/w/x")
        #expect(try resolve("./x") == "/w/./x")
        #expect(try UserPath.resolve("x", workingDirectory: "/w/", environment: EnvironmentVariables([:])) == "/w/x")
        #expect(try resolve("~/x") == "/h/x")
        #expect(try resolve("~/x", ["HOME": "/h/"]) == "/h/x")
        #expect(try resolve("~") == "/h")
        #expect(try resolve("~/") == "/h")
        // An absolute path never needs HOME.
        #expect(try resolve("/etc/x", [:]) == "/etc/x")
        #expect(try resolve("x", [:]) == "/w/x")
    }

    @Test func homeUnsetOrEmptyIsAProblemNeverTheProcesssHome() {
        for environment in [[:], ["HOME": ""]] {
            let problem = #expect(throws: PathProblem.self) { try resolve("~/app.pem", environment) }
            #expect(problem?.reason == .homeUnset)
            #expect(problem?.isMissing == true)
            #expect(problem?.description == "cannot be found: it starts with ~ and HOME is not set")
        }
        let relative = #expect(throws: PathProblem.self) { try resolve("~/x", ["HOME": "h"]) }
        #expect(relative?.reason == .homeNotAbsolute)
    }

    @Test func anotherUsersHomeIsRefused() {
        let problem = #expect(throws: PathProblem.self) { try resolve("~root/x") }
        #expect(problem?.reason == .otherUsersHome)
        #expect(problem?.isMissing == false)
        #expect(problem?.hint == "Write the full path instead of ~user.")
    }

    @Test func joinPutsOneSlashBetween() {
        #expect(UserPath.join("/a", "b") == "/a/b")
        #expect(UserPath.join("/a/", "b") == "/a/b")
        #expect(UserPath.absolute("b", workingDirectory: "/a") == "/a/b")
        #expect(UserPath.absolute("/b", workingDirectory: "/a") == "/b")
    }
}

/// Issue 10 item 3: one rule for variables: empty counts as unset, and reads can be recorded.
@Suite struct EnvironmentVariablesTests {
    @Test func emptyCountsAsUnset() {
        let environment = EnvironmentVariables(["SET": "x", "EMPTY": "", "SPACE": " "])
        #expect(environment["SET"] == "x")
        #expect(environment["EMPTY"] == nil)
        #expect(environment["UNSET"] == nil)
        #expect(environment["SPACE"] == " ", "only the empty string is unset; white space is a value")
        #expect(environment.isSet("SET") && !environment.isSet("EMPTY") && !environment.isSet("UNSET"))
        #expect(environment.isEmptyButPresent("EMPTY") && !environment.isEmptyButPresent("UNSET"))
        #expect(environment.first(of: ["EMPTY", "UNSET", "SET"])?.name == "SET")
        #expect(environment.first(of: ["EMPTY", "UNSET"]) == nil)
    }

    @Test func noValueIsEverDescribedOrDumped() {
        let environment = EnvironmentVariables(["AZURE_CLIENT_SECRET": "s3cr3t-value"])
        var dumped = ""
        dump(environment, to: &dumped)
        for text in [environment.description, "\(environment)", String(reflecting: environment), dumped] {
            #expect(!text.contains("s3cr3t-value"), "\(text)")
        }
        #expect(environment.description == "EnvironmentVariables(1 variables)")
    }

    @Test func readsAreRecordedInOrderOnce() {
        let log = EnvironmentVariables.ReadLog()
        let environment = EnvironmentVariables(["A": "1"], recordingReadsIn: log)
        _ = environment["B"]
        _ = environment["A"]
        _ = environment["B"]
        _ = environment.first(of: ["C", "A", "D"])
        #expect(log.read == ["B", "A", "C"])
        _ = EnvironmentVariables(["A": "1"])["E"]
        #expect(log.read == ["B", "A", "C"], "an environment without the log records nothing in it")
    }
}
