// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import IdentitySupport
import Testing

/// Issue 13 item 1: parsing `DBUS_SESSION_BUS_ADDRESS`.
@Suite struct DBusAddressTests {
    @Test func unixPathsAbstractNamesAndEscapes() throws {
        #expect(
            try DBusAddress.parseList("unix:path=/run/user/1000/bus") == [DBusAddress(.path("/run/user/1000/bus"))]
        )
        #expect(
            try DBusAddress.parseList("unix:abstract=/tmp/dbus-AbC,guid=0123456789abcdef0123456789abcdef")
                == [DBusAddress(.abstract("/tmp/dbus-AbC"))]
        )
        #expect(try DBusAddress.parseList("unix:path=/tmp/a%20b%2cc") == [DBusAddress(.path("/tmp/a b,c"))])
        // Several addresses: unusable transports are skipped, the order is kept.
        #expect(
            try DBusAddress.parseList("tcp:host=localhost,port=1;unix:tmpdir=/tmp;unix:path=/a;unix:abstract=b")
                == [DBusAddress(.path("/a")), DBusAddress(.abstract("b"))]
        )
        #expect(DBusAddress.escape("/tmp/a b,c=d;é") == "/tmp/a%20b%2cc%3dd%3b%c3%a9")
        let round = "/tmp/x y%z"
        #expect(try DBusAddress.parseList(DBusAddress(.path(round)).serverAddress) == [DBusAddress(.path(round))])
    }

    @Test func badAddressesAreTypedErrors() {
        func code(_ text: String) -> DBusError.Code? {
            do throws(DBusError) {
                _ = try DBusAddress.parseList(text)
                return nil
            } catch {
                return error.code
            }
        }
        #expect(code("") == .noAddress)
        #expect(code("tcp:host=x,port=1") == .noAddress)
        #expect(code("unix:tmpdir=/tmp") == .noAddress)
        #expect(code("nocolon") == .invalidAddress)
        #expect(code("unix:path") == .invalidAddress)
        #expect(code("unix:path=/a%2") == .invalidAddress)
        #expect(code("unix:path=/a%zz") == .invalidAddress)
        #expect(code("unix:path=/a%00b") == .invalidAddress)
        #expect(code("unix:path=/a%ff") == .invalidAddress)
        #expect(code("unix:path=/a,abstract=b") == .invalidAddress)
        #expect(code("unix:path=/a,path=/b") == .invalidAddress)
    }

    @Test func theSessionBusComesFromTheEnvironment() throws {
        #expect(
            try DBusAddress.sessionBus(in: EnvironmentVariables(["DBUS_SESSION_BUS_ADDRESS": "unix:path=/x"]))
                == [DBusAddress(.path("/x"))]
        )
        // Unset (or empty): $XDG_RUNTIME_DIR/bus, as libdbus, GDBus and sd-bus do.
        #expect(
            try DBusAddress.sessionBus(
                in: EnvironmentVariables(["DBUS_SESSION_BUS_ADDRESS": "", "XDG_RUNTIME_DIR": "/run/user/7"])
            ) == [DBusAddress(.path("/run/user/7/bus"))]
        )
        #expect(throws: DBusError.self) { try DBusAddress.sessionBus(in: EnvironmentVariables([:])) }
        #expect(throws: DBusError.self) {
            try DBusAddress.sessionBus(in: EnvironmentVariables(["XDG_RUNTIME_DIR": "relative"]))
        }
    }

    @Test func shownAddressesEscapeControlCharacters() {
        #expect(DBusAddress(.path("/tmp/\u{1B}[2J")).description == "unix:path=/tmp/\\u{1B}[2J")
    }
}
