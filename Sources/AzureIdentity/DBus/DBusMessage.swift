// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// One D-Bus message: the fixed header, the header fields this client knows, and the body.
package struct DBusMessage: Sendable, Hashable {
    /// The message type (header byte 1).
    package enum Kind: Sendable, Hashable {
        case methodCall, methodReturn, error, signal
        /// A type this client does not know; the specification says to ignore such messages.
        case unknown(UInt8)

        init(code: UInt8) {
            switch code {
            case 1: self = .methodCall
            case 2: self = .methodReturn
            case 3: self = .error
            case 4: self = .signal
            default: self = .unknown(code)
            }
        }

        var code: UInt8 {
            switch self {
            case .methodCall: 1
            case .methodReturn: 2
            case .error: 3
            case .signal: 4
            case .unknown(let code): code
            }
        }
    }

    /// Header flags.
    package struct Flags: OptionSet, Sendable, Hashable {
        package var rawValue: UInt8
        package init(rawValue: UInt8) { self.rawValue = rawValue }
        /// The sender expects no reply.
        package static let noReplyExpected = Flags(rawValue: 0x1)
        /// The bus must not start (activate) the destination to deliver this message.
        package static let noAutoStart = Flags(rawValue: 0x2)
    }

    /// The largest message the specification allows: 128 MiB.
    package static let protocolMaximumSize = 1 << 27

    package var kind: Kind
    package var flags: Flags = []
    /// The sender's serial for this message; never 0 in a valid message.
    package var serial: UInt32
    package var path: String?
    package var interface: String?
    package var member: String?
    package var errorName: String?
    package var replySerial: UInt32?
    package var destination: String?
    package var sender: String?
    /// The body's values; their types make up the `SIGNATURE` header field.
    package var body: [DBusValue] = []

    package init(kind: Kind, serial: UInt32, body: [DBusValue] = []) {
        self.kind = kind
        self.serial = serial
        self.body = body
    }

    /// A method call.
    package static func methodCall(
        serial: UInt32, destination: String?, path: String, interface: String?, member: String,
        body: [DBusValue] = [], flags: Flags = []
    ) -> DBusMessage {
        var message = DBusMessage(kind: .methodCall, serial: serial, body: body)
        message.destination = destination
        message.path = path
        message.interface = interface
        message.member = member
        message.flags = flags
        return message
    }

    /// The body's signature.
    package var signature: String { DBusValue.signature(of: body) }
}

extension DBusMessage {
    private enum Field: UInt8 {
        case path = 1, interface, member, errorName, replySerial, destination, sender, signature, unixFDs
    }

    /// The message in the wire format.
    /// - Throws: ``DBusError/Code/cannotEncode`` when a value cannot be written or the result is over 128 MiB.
    package func encoded(bigEndian: Bool = false) throws(DBusError) -> [UInt8] {
        var body = DBusWriter(bigEndian: bigEndian)
        for value in self.body { try body.write(value) }
        var fields: [DBusValue] = []
        func add(_ field: Field, _ value: DBusValue?) {
            if let value { fields.append(.structure([.byte(field.rawValue), .variant(value)])) }
        }
        add(.path, path.map(DBusValue.objectPath))
        add(.interface, interface.map(DBusValue.string))
        add(.member, member.map(DBusValue.string))
        add(.errorName, errorName.map(DBusValue.string))
        add(.replySerial, replySerial.map(DBusValue.uint32))
        add(.destination, destination.map(DBusValue.string))
        add(.sender, sender.map(DBusValue.string))
        if !self.body.isEmpty { add(.signature, .signature(signature)) }
        guard let bodyLength = UInt32(exactly: body.bytes.count) else {
            throw DBusError(.cannotEncode, "a message body is too long")
        }
        var header = DBusWriter(bigEndian: bigEndian)
        try header.write(.byte(bigEndian ? UInt8(ascii: "B") : UInt8(ascii: "l")))
        try header.write(.byte(kind.code))
        try header.write(.byte(flags.rawValue))
        try header.write(.byte(1))
        try header.write(.uint32(bodyLength))
        try header.write(.uint32(serial))
        try header.write(.array(.structure([.byte, .variant]), fields))
        header.align(to: 8)
        let message = header.bytes + body.bytes
        guard message.count <= Self.protocolMaximumSize else {
            throw DBusError(.cannotEncode, "a message is over 128 MiB")
        }
        return message
    }

    /// The total length of the message whose first 16 bytes are `prefix`, from its fixed header and the length of
    /// its header field array.
    /// - Throws: ``DBusError/Code/malformedMessage`` for a bad byte-order mark or protocol version,
    ///   ``DBusError/Code/messageTooLarge`` when the message would be longer than `limit` bytes (itself capped at
    ///   the protocol's 128 MiB).
    package static func frameLength(prefix: some Collection<UInt8>, limit: Int) throws(DBusError) -> Int {
        let bytes = Array(prefix.prefix(16))
        guard bytes.count == 16 else { throw DBusReader.malformed("is truncated") }
        let bigEndian = try byteOrder(bytes[0])
        guard bytes[3] == 1 else { throw DBusReader.malformed("has an unsupported protocol version") }
        var reader = DBusReader(bytes, offset: 4, bigEndian: bigEndian)
        let bodyLength = UInt64(try reader.readUInt32())
        _ = try reader.readUInt32()
        let fieldsLength = UInt64(try reader.readUInt32())
        guard fieldsLength <= UInt64(DBusReader.maximumArrayLength) else {
            throw DBusReader.malformed("has a header field array over 64 MiB")
        }
        let headerLength = (16 + fieldsLength + 7) / 8 * 8
        let total = headerLength + bodyLength
        let cap = UInt64(min(max(limit, 0), protocolMaximumSize))
        guard total <= cap else {
            throw DBusError(
                .messageTooLarge,
                "a D-Bus message declares \(total) bytes, over the limit of \(cap) bytes"
            )
        }
        return Int(total)
    }

    private static func byteOrder(_ mark: UInt8) throws(DBusError) -> Bool {
        switch mark {
        case UInt8(ascii: "l"): return false
        case UInt8(ascii: "B"): return true
        default: throw DBusReader.malformed("has an unknown byte-order mark")
        }
    }

    /// Parses one whole message (exactly `bytes`), checking the header fields' types, the fields each message type
    /// requires, the padding, and that the body matches its signature and length exactly.
    package static func decode(_ bytes: [UInt8], limit: Int = protocolMaximumSize) throws(DBusError) -> DBusMessage {
        let length = try frameLength(prefix: bytes, limit: limit)
        guard length == bytes.count else {
            throw DBusReader.malformed(length > bytes.count ? "is truncated" : "has bytes after its end")
        }
        let bigEndian = try byteOrder(bytes[0])
        var reader = DBusReader(bytes, offset: 1, bigEndian: bigEndian)
        let kind = Kind(code: try reader.readByte())
        if case .unknown(0) = kind { throw DBusReader.malformed("has the invalid message type 0") }
        let flags = Flags(rawValue: try reader.readByte())
        _ = try reader.readByte()
        let bodyLength = Int(try reader.readUInt32())
        let serial = try reader.readUInt32()
        guard serial != 0 else { throw DBusReader.malformed("has the serial 0") }
        let fields = try reader.read(.array(.structure([.byte, .variant])))
        try reader.align(to: 8)
        let bodyStart = reader.offset
        guard bytes.count - bodyStart == bodyLength else { throw DBusReader.malformed("has a wrong body length") }

        var message = DBusMessage(kind: kind, serial: serial)
        message.flags = flags
        var signature = ""
        var seen: Set<UInt8> = []
        guard case .array(_, let entries) = fields else { throw DBusReader.malformed("has no header fields") }
        for entry in entries {
            guard case .structure(let parts) = entry, parts.count == 2, case .byte(let code) = parts[0],
                case .variant(let value) = parts[1]
            else { throw DBusReader.malformed("has a malformed header field") }
            guard let field = Field(rawValue: code) else { continue }  // unknown fields are ignored
            guard seen.insert(code).inserted else { throw DBusReader.malformed("repeats a header field") }
            switch (field, value) {
            case (.path, .objectPath(let text)): message.path = text
            case (.interface, .string(let text)):
                guard DBusNames.isValidInterfaceName(text) else { throw DBusReader.malformed("has a bad interface") }
                message.interface = text
            case (.member, .string(let text)):
                guard DBusNames.isValidMemberName(text) else { throw DBusReader.malformed("has a bad member name") }
                message.member = text
            case (.errorName, .string(let text)):
                guard DBusNames.isValidInterfaceName(text) else { throw DBusReader.malformed("has a bad error name") }
                message.errorName = text
            case (.replySerial, .uint32(let number)):
                guard number != 0 else { throw DBusReader.malformed("has the reply serial 0") }
                message.replySerial = number
            case (.destination, .string(let text)): message.destination = text
            case (.sender, .string(let text)): message.sender = text
            case (.signature, .signature(let text)): signature = text
            case (.unixFDs, .uint32(let count)):
                guard count == 0 else { throw DBusReader.malformed("carries file descriptors, never negotiated") }
            default: throw DBusReader.malformed("has a header field of the wrong type")
            }
        }
        switch kind {
        case .methodCall:
            guard message.path != nil, message.member != nil else {
                throw DBusReader.malformed("is a method call without a path or member")
            }
        case .methodReturn:
            guard message.replySerial != nil else { throw DBusReader.malformed("is a return without a reply serial") }
        case .error:
            guard message.replySerial != nil, message.errorName != nil else {
                throw DBusReader.malformed("is an error without a reply serial or error name")
            }
        case .signal:
            guard message.path != nil, message.interface != nil, message.member != nil else {
                throw DBusReader.malformed("is a signal without a path, interface or member")
            }
        case .unknown: break
        }
        var body = DBusReader(bytes, offset: bodyStart, bigEndian: bigEndian)
        for type in try DBusSignature.parse(signature) {
            message.body.append(try body.read(type))
        }
        guard body.isAtEnd else { throw DBusReader.malformed("has a body longer than its signature") }
        return message
    }
}
