// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import Foundation
import Testing

/// Issue 13 item 1: the D-Bus wire format — known byte vectors from the specification's rules, round trips of
/// every type in both byte orders, and hostile bytes that must end in a typed error, never a trap.
@Suite struct DBusWireTests {
    /// Every type this client reads, in one body.
    static let everyType: [DBusValue] = [
        .byte(0xA5), .boolean(true), .int16(-2), .uint16(65_000), .int32(-70_000), .uint32(4_000_000_000),
        .int64(-5_000_000_000), .uint64(18_000_000_000_000_000_000), .double(bitPattern: (2.5).bitPattern),
        .string("héllo ✓"), .objectPath("/com/microsoft/identity/broker1"), .signature("a{sv}(ii)"),
        .array(.string, [.string("a"), .string(""), .string("ccc")]),
        .array(.int64, []),
        .array(.dictEntry(key: .string, value: .variant), [.dictEntry(.string("k"), .variant(.uint32(7)))]),
        .structure([.byte(1), .uint64(2), .string("x")]),
        .variant(.variant(.array(.byte, [.byte(1), .byte(2)]))),
    ]

    @Test func theSpecificationsArrayExampleBigEndian() throws {
        // The specification: a big-endian array holding only the INT64 5, at a multiple of 8, is the length 8,
        // four bytes of padding to the 8-byte boundary, then the element.
        var writer = DBusWriter(bigEndian: true)
        try writer.write(.array(.int64, [.int64(5)]))
        #expect(writer.bytes == [0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5])
        var reader = DBusReader(writer.bytes, bigEndian: true)
        #expect(try reader.read(.array(.int64)) == .array(.int64, [.int64(5)]))
        #expect(reader.isAtEnd)
    }

    @Test func stringsSignaturesAndAlignmentFollowTheRules() throws {
        var writer = DBusWriter()
        try writer.write(.byte(1))
        try writer.write(.string("foo"))  // 3 bytes of padding, a UINT32 length, the bytes, a NUL
        try writer.write(.signature("as"))  // a byte length, the bytes, a NUL; no alignment
        try writer.write(.boolean(true))  // padded to 4
        #expect(
            writer.bytes == [
                1, 0, 0, 0, 3, 0, 0, 0, 0x66, 0x6F, 0x6F, 0, 2, 0x61, 0x73, 0, 1, 0, 0, 0,
            ]
        )
        // An empty array of structures still pads to the element's 8-byte boundary after its length.
        var empty = DBusWriter()
        try empty.write(.array(.structure([.int32]), []))
        #expect(empty.bytes == [0, 0, 0, 0, 0, 0, 0, 0])
    }

    @Test func externalAuthenticationSendsTheUidAsHexOfItsDecimalDigits() {
        // The specification's example: uid 1000 is "1000" in ASCII, 31 30 30 30 in hex.
        #expect(DBusConnection.externalAuthenticationLine(uid: 1000) == "AUTH EXTERNAL 31303030\r\n")
        #expect(DBusConnection.externalAuthenticationLine(uid: 0) == "AUTH EXTERNAL 30\r\n")
    }

    @Test(arguments: [false, true]) func everyTypeRoundTrips(bigEndian: Bool) throws {
        var message = DBusMessage(kind: .methodReturn, serial: 42, body: Self.everyType)
        message.replySerial = 7
        message.sender = ":1.9"
        message.destination = ":1.10"
        let bytes = try message.encoded(bigEndian: bigEndian)
        #expect(bytes[0] == (bigEndian ? UInt8(ascii: "B") : UInt8(ascii: "l")))
        #expect(bytes.count % 8 == 0 || !Self.everyType.isEmpty)
        #expect(try DBusMessage.frameLength(prefix: bytes, limit: 1 << 20) == bytes.count)
        let decoded = try DBusMessage.decode(bytes)
        #expect(decoded == message)
        #expect(decoded.signature == "ybnqiuxtdsogasaxa{sv}(yts)v")
    }

    @Test func aMethodCallCarriesItsHeaderFields() throws {
        let call = DBusMessage.methodCall(
            serial: 3, destination: "com.microsoft.identity.broker1", path: "/com/microsoft/identity/broker1",
            interface: "com.microsoft.identity.Broker1", member: "getAccounts",
            body: [.string("0.0"), .string("id"), .string("{}")], flags: .noAutoStart
        )
        let decoded = try DBusMessage.decode(try call.encoded())
        #expect(decoded.kind == .methodCall)
        #expect(decoded.flags == .noAutoStart)
        #expect(decoded.member == "getAccounts")
        #expect(decoded.signature == "sss")
        #expect(decoded == call)
    }

    // MARK: Hostile bytes

    static func validReply() throws -> [UInt8] {
        var message = DBusMessage(kind: .methodReturn, serial: 9, body: [.string("{\"accounts\":[]}"), .uint32(1)])
        message.replySerial = 2
        return try message.encoded()
    }

    @Test func everyTruncationIsAMalformedMessage() throws {
        let bytes = try Self.validReply()
        for length in 0..<bytes.count {
            #expect(throws: DBusError.self) { try DBusMessage.decode(Array(bytes[0..<length])) }
        }
        #expect(throws: DBusError.self) { try DBusMessage.decode(bytes + [0]) }
    }

    @Test func everySingleByteChangeEndsInAValueOrATypedError() throws {
        // What matters is that nothing traps; a change may still be a valid message (a different serial).
        let bytes = try Self.validReply()
        var refused = 0
        for index in bytes.indices {
            for replacement: UInt8 in [0x00, 0x01, 0x7F, 0x80, 0xFF] where bytes[index] != replacement {
                var changed = bytes
                changed[index] = replacement
                do throws(DBusError) {
                    _ = try DBusMessage.decode(changed)
                } catch {
                    refused += 1
                    #expect([.malformedMessage, .messageTooLarge].contains(error.code))
                }
            }
        }
        #expect(refused > bytes.count)
    }

    @Test func oversizedMessagesAreRefusedFromTheirHeaderAlone() throws {
        var header: [UInt8] = [UInt8(ascii: "l"), 2, 0, 1]
        header += [0xFF, 0xFF, 0xFF, 0xFF]  // body length 4 GiB - 1
        header += [1, 0, 0, 0, 0, 0, 0, 0]
        #expect {
            try DBusMessage.frameLength(prefix: header, limit: Int.max)
        } throws: { ($0 as? DBusError)?.code == .messageTooLarge }
        // Over this client's 1 MiB, under the protocol's 128 MiB.
        header[4...7] = [0, 0, 0x20, 0]  // 2 MiB
        #expect {
            try DBusMessage.frameLength(prefix: header, limit: 1 << 20)
        } throws: { ($0 as? DBusError)?.code == .messageTooLarge }
        #expect(try DBusMessage.frameLength(prefix: header, limit: 4 << 20) == 16 + (2 << 20))
        // A header field array over the specification's 64 MiB.
        header[4...7] = [0, 0, 0, 0]
        header[12...15] = [0, 0, 0, 0x08]
        #expect(throws: DBusError.self) { try DBusMessage.frameLength(prefix: header, limit: Int.max) }
    }

    @Test func valuesThatBreakTheRulesAreRefused() throws {
        func refuses(_ bytes: [UInt8], _ type: DBusType, _ words: String) {
            var reader = DBusReader(bytes, bigEndian: false)
            #expect {
                _ = try reader.read(type)
            } throws: { error in
                let error = error as? DBusError
                return error?.code == .malformedMessage && error?.message.contains(words) == true
            }
        }
        refuses([2, 0, 0, 0], .boolean, "boolean")
        refuses([2, 0, 0, 0, 0xC3, 0x28, 0], .string, "UTF-8")
        refuses([2, 0, 0, 0, 0x61, 0x00, 0], .string, "NUL")
        refuses([1, 0, 0, 0, 0x61, 0x62], .string, "NUL")
        refuses([0xFF, 0xFF, 0xFF, 0x7F, 0], .string, "128 MiB")
        refuses([5, 0, 0, 0, 0x2F, 0x61, 0x2F, 0x2F, 0x62, 0], .objectPath, "object path")
        refuses([2, 0x61, 0x7A, 0], .signature, "unknown type code")
        refuses([1, 0x28, 0], .signature, "unclosed")
        refuses([0x08, 0, 0, 0, 1, 0, 0, 0], .array(.uint64), "padding")
        refuses([0xFF, 0xFF, 0xFF, 0xFF], .array(.byte), "64 MiB")
        refuses([0x08, 0, 0, 0, 1, 2, 3], .array(.byte), "past its end")
        refuses([0x03, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0], .array(.uint32), "truncated")
        // A variant inside a variant inside … 70 deep.
        var nested: [UInt8] = []
        for _ in 0..<70 { nested += [1, UInt8(ascii: "v"), 0] }
        nested += [1, UInt8(ascii: "y"), 0, 7]
        refuses(nested, .variant, "too deeply")
        #expect(throws: DBusError.self) { try DBusSignature.parse(String(repeating: "a", count: 33) + "y") }
        #expect(throws: DBusError.self) {
            try DBusSignature.parse(String(repeating: "(", count: 33) + "y" + String(repeating: ")", count: 33))
        }
        #expect(throws: DBusError.self) { try DBusSignature.parse("a{vs}") }
        #expect(throws: DBusError.self) { try DBusSignature.parse("()") }
        #expect(throws: DBusError.self) { try DBusSignature.parse(String(repeating: "y", count: 256)) }
        #expect(
            try DBusSignature.parse("a{s(ib)}v") == [
                .array(.dictEntry(key: .string, value: .structure([.int32, .boolean]))), .variant,
            ])
    }

    @Test func headerFieldsAreChecked() throws {
        // PATH as a string instead of an object path.
        var writer = DBusWriter()
        for byte: UInt8 in [UInt8(ascii: "l"), 1, 0, 1] { try writer.write(.byte(byte)) }
        try writer.write(.uint32(0))
        try writer.write(.uint32(5))
        try writer.write(
            .array(
                .structure([.byte, .variant]),
                [
                    .structure([.byte(1), .variant(.string("/a"))]),
                    .structure([.byte(3), .variant(.string("Hello"))]),
                ]
            )
        )
        writer.align(to: 8)
        #expect(throws: DBusError.self) { try DBusMessage.decode(writer.bytes) }

        // An unknown header field (code 200, any type) is skipped; an unknown message type decodes as unknown.
        var unknown = DBusWriter()
        for byte: UInt8 in [UInt8(ascii: "l"), 9, 0, 1] { try unknown.write(.byte(byte)) }
        try unknown.write(.uint32(0))
        try unknown.write(.uint32(5))
        try unknown.write(
            .array(
                .structure([.byte, .variant]),
                [.structure([.byte(200), .variant(.array(.dictEntry(key: .string, value: .variant), []))])]
            )
        )
        unknown.align(to: 8)
        let decoded = try DBusMessage.decode(unknown.bytes)
        #expect(decoded.kind == .unknown(9))
        #expect(decoded.serial == 5)

        // A reply without its reply serial; a serial of 0; protocol version 2; a repeated field.
        var reply = DBusMessage(kind: .methodReturn, serial: 1)
        #expect(throws: DBusError.self) { try DBusMessage.decode(try reply.encoded()) }
        reply.replySerial = 1
        var bytes = try reply.encoded()
        bytes[8] = 0
        #expect(throws: DBusError.self) { try DBusMessage.decode(bytes) }
        bytes = try reply.encoded()
        bytes[3] = 2
        #expect(throws: DBusError.self) { try DBusMessage.decode(bytes) }
    }

    @Test func aBodyMustMatchItsSignatureAndLength() throws {
        var reply = DBusMessage(kind: .methodReturn, serial: 1, body: [.string("abc")])
        reply.replySerial = 1
        var bytes = try reply.encoded()
        // Claim one more body byte and add it: the body is then longer than its signature.
        bytes[4] &+= 8
        bytes += [0, 0, 0, 0, 0, 0, 0, 0]
        #expect {
            try DBusMessage.decode(bytes)
        } throws: { ($0 as? DBusError)?.message.contains("longer than its signature") == true }
    }

    @Test func stringsWithNULCannotBeSent() {
        var writer = DBusWriter()
        #expect(throws: DBusError.self) { try writer.write(.string("a\u{0}b")) }
        #expect(throws: DBusError.self) { try writer.write(.array(.string, [.uint32(1)])) }
    }
}

/// Messages as libdbus writes them: captured from a real `dbus-daemon` and the fake broker (they are also the seeds
/// of the `dbus-message` fuzz target, `Fuzz/corpus-dbus-message/`).
@Suite struct DBusRecordedMessageTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz/corpus-dbus-message")

    func message(_ name: String) throws -> DBusMessage {
        let data = try Data(contentsOf: Self.directory.appendingPathComponent(name))
        return try DBusMessage.decode(Array(data))
    }

    @Test func whatTheDaemonSends() throws {
        let hello = try message("01-hello-reply.bin")
        #expect(hello.kind == .methodReturn)
        #expect(hello.replySerial == 1)
        #expect(hello.sender == "org.freedesktop.DBus")
        #expect(hello.body == [.string(":1.1")])

        let signal = try message("02-name-acquired-signal.bin")
        #expect(signal.kind == .signal)
        #expect(signal.member == "NameAcquired")
        #expect(signal.interface == "org.freedesktop.DBus")

        let broker = try message("03-broker-return.bin")
        #expect(broker.kind == .methodReturn)
        #expect(broker.replySerial == 2)
        #expect(broker.body == [.string("{}")])

        let unknown = try message("04-service-unknown-error.bin")
        #expect(unknown.kind == .error)
        #expect(unknown.errorName == "org.freedesktop.DBus.Error.ServiceUnknown")
        #expect(unknown.replySerial == 3)
        #expect(unknown.body.first?.stringValue?.contains("com.example.nobody") == true)

        let names = try message("05-list-activatable-names.bin")
        guard case .array(.string, let items) = names.body.first else {
            Issue.record("ListActivatableNames did not answer an array of strings")
            return
        }
        #expect(items.contains(.string("org.freedesktop.DBus")))
        // Each survives a round trip through this client's encoder (libdbus orders the header fields
        // differently, so the bytes differ; the message does not).
        for name in [
            "01-hello-reply.bin", "02-name-acquired-signal.bin", "03-broker-return.bin",
            "04-service-unknown-error.bin", "05-list-activatable-names.bin",
        ] {
            let original = try message(name)
            #expect(try DBusMessage.decode(try original.encoded()) == original, "\(name)")
        }
    }
}
