// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfilesRuntime
import Foundation
import Testing

@Suite struct BrowserInspectionTests {
    let directory = try! TemporaryDirectory()

    @Test func xdgOpenWithDisplayIsReady() throws {
        let bin = try directory.fakeExecutable("xdg-open")
        let result = BrowserInspection.inspect(context: directory.context(["PATH": bin, "DISPLAY": ":0"]))
        #expect(result.verdict == .ready)
        #expect(result.detail("executable xdg-open") == "found at \(bin)/xdg-open")
        #expect(result.detail("env DISPLAY") == ":0")
    }

    @Test func xdgOpenWithoutDisplayIsUnavailable() throws {
        let bin = try directory.fakeExecutable("xdg-open")
        let result = BrowserInspection.inspect(context: directory.context(["PATH": bin]))
        #expect(result.verdict == .unavailable)
        #expect(result.detail("display") == "neither DISPLAY nor WAYLAND_DISPLAY is set, so no browser can show")
        #expect(result.hint == "Sign in from a desktop session, or use a deviceCode link where no browser can open.")
    }

    @Test func noBrowserAtAllIsUnavailable() {
        let result = BrowserInspection.inspect(context: directory.context(["PATH": "/none", "DISPLAY": ":0"]))
        #expect(result.verdict == .unavailable)
        #expect(result.detail("executable xdg-open") == "not found on PATH")
        #expect(result.hint == "Set BROWSER or install xdg-utils, or use a deviceCode link where no browser can open.")
    }

    @Test func browserVariableUsesItsFirstEntryAndNotesAMissingDisplay() throws {
        let bin = try directory.fakeExecutable("remote-browser")
        let result = BrowserInspection.inspect(
            context: directory.context(["PATH": bin, "BROWSER": "remote-browser --new-tab %s:firefox"])
        )
        #expect(result.verdict == .ready)
        #expect(result.detail("env BROWSER") == "opens pages with \(bin)/remote-browser")
        #expect(result.status("display") == .note)
    }

    @Test func browserVariableNamingAMissingCommandIsUnavailable() {
        let result = BrowserInspection.inspect(
            context: directory.context(["PATH": "/none", "BROWSER": "firefox", "DISPLAY": ":0"])
        )
        #expect(result.verdict == .unavailable)
        #expect(result.detail("env BROWSER") == "names firefox, which is not found on PATH")
    }
}
