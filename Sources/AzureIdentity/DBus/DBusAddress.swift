// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

package import IdentitySupport

/// One address of a D-Bus server this client can connect to: a Unix socket, by path or in the abstract namespace.
///
/// Parsed from a server address string such as `DBUS_SESSION_BUS_ADDRESS`: `;`-separated addresses, each
/// `transport:key=value,key=value`, values `%xx`-escaped. Only the `unix` transport with `path=` or `abstract=` is
/// spoken (what session buses use); other transports and `unix` listen-only forms (`dir=`, `tmpdir=`,
/// `runtime=`) are skipped, so a later usable address in the list is still found.
package struct DBusAddress: Sendable, Hashable, CustomStringConvertible {
    /// Where the socket is.
    package enum Socket: Sendable, Hashable {
        /// A socket file.
        case path(String)
        /// A name in Linux's abstract socket namespace (no file).
        case abstract(String)
    }

    package var socket: Socket

    package init(_ socket: Socket) {
        self.socket = socket
    }

    /// The address in D-Bus syntax, without the `guid` or any other key: safe to show.
    package var description: String {
        switch socket {
        case .path(let path): "unix:path=" + OutsideText.escapingControlCharacters(path)
        case .abstract(let name): "unix:abstract=" + OutsideText.escapingControlCharacters(name)
        }
    }

    /// The address in D-Bus syntax, escaped so that a D-Bus library parses it back to the same socket.
    package var serverAddress: String {
        switch socket {
        case .path(let path): "unix:path=" + Self.escape(path)
        case .abstract(let name): "unix:abstract=" + Self.escape(name)
        }
    }

    /// The usable addresses in `text`, in order.
    /// - Throws: ``DBusError/Code/invalidAddress`` when the text is not address syntax (a missing `:`, a key
    ///   without `=`, a bad `%` escape); ``DBusError/Code/noAddress`` when it is valid but names no address this
    ///   client can use.
    package static func parseList(_ text: String) throws(DBusError) -> [DBusAddress] {
        var usable: [DBusAddress] = []
        var skipped: [String] = []
        for entry in text.split(separator: ";", omittingEmptySubsequences: true) {
            guard let colon = entry.firstIndex(of: ":") else {
                throw DBusError(.invalidAddress, "the D-Bus address '\(shown(entry))' has no transport")
            }
            let transport = entry[..<colon]
            var keys: [String: String] = [:]
            for pair in entry[entry.index(after: colon)...].split(separator: ",", omittingEmptySubsequences: true) {
                guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                    throw DBusError(.invalidAddress, "the D-Bus address '\(shown(entry))' has a key without a value")
                }
                let key = String(pair[..<equals])
                guard keys[key] == nil else {
                    throw DBusError(.invalidAddress, "the D-Bus address '\(shown(entry))' repeats the key \(key)")
                }
                keys[key] = try unescape(pair[pair.index(after: equals)...], in: entry)
            }
            guard transport == "unix" else {
                skipped.append(String(transport))
                continue
            }
            switch (keys["path"], keys["abstract"]) {
            case (let path?, nil) where !path.isEmpty: usable.append(DBusAddress(.path(path)))
            case (nil, let name?) where !name.isEmpty: usable.append(DBusAddress(.abstract(name)))
            case (nil, nil): skipped.append("unix without path= or abstract=")
            default:
                throw DBusError(.invalidAddress, "the D-Bus address '\(shown(entry))' has both path= and abstract=")
            }
        }
        guard !usable.isEmpty else {
            let what = skipped.isEmpty ? "no address" : "only \(skipped.map { shown($0) }.joined(separator: ", "))"
            throw DBusError(
                .noAddress, "the D-Bus address names \(what); this client speaks unix:path= and unix:abstract=")
        }
        return usable
    }

    /// The session bus addresses from an environment: `DBUS_SESSION_BUS_ADDRESS`, else `$XDG_RUNTIME_DIR/bus`
    /// (where systemd's user session puts it, and where libdbus, GDBus and sd-bus look when the variable is
    /// unset).
    package static func sessionBus(in variables: EnvironmentVariables) throws(DBusError) -> [DBusAddress] {
        if let text = variables["DBUS_SESSION_BUS_ADDRESS"] { return try parseList(text) }
        if let runtime = variables["XDG_RUNTIME_DIR"], runtime.hasPrefix("/") {
            return [DBusAddress(.path(runtime.hasSuffix("/") ? runtime + "bus" : runtime + "/bus"))]
        }
        throw DBusError(.noAddress, "no session bus: DBUS_SESSION_BUS_ADDRESS and XDG_RUNTIME_DIR are unset")
    }

    private static func unescape(_ value: Substring, in entry: Substring) throws(DBusError) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(value.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                throw DBusError(.invalidAddress, "the D-Bus address '\(shown(entry))' has a bad % escape")
            }
            bytes.append(high << 4 | low)
        }
        guard !bytes.contains(0), let text = String(validating: bytes, as: UTF8.self) else {
            throw DBusError(.invalidAddress, "the D-Bus address '\(shown(entry))' has a value that is not UTF-8")
        }
        return text
    }

    /// `value` with every byte outside the specification's optionally-escaped set (`[-0-9A-Za-z_/.\*]`) written
    /// as `%xx`.
    package static func escape(_ value: String) -> String {
        var result = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "/"),
                UInt8(ascii: "."), UInt8(ascii: "\\"), UInt8(ascii: "*"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func shown(_ text: some StringProtocol) -> String {
        OutsideText.escaped(text, limit: 200)
    }
}
