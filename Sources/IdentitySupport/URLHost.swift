// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// The host of a URL, parsed the way a connection will read it, so that "is this loopback?" is decided on the
/// address that is dialled rather than on how the text happens to start.
///
/// A host whose last label is a number is an IPv4 address in any of the forms `inet_aton` and the WHATWG URL
/// standard accept: `127.0.0.1`, `127.1`, `2130706433`, `0x7f000001`, `0177.0.0.1`. `127.evil.example` is a name.
/// IPv6 addresses are written in brackets. Names are ASCII letters, digits, `-`, `_` and `.`; anything else
/// (percent-escapes, backslashes, non-ASCII) is refused, since resolvers and HTTP clients disagree on it.
package enum URLHost: Sendable, Hashable {
    /// A DNS name, lower-cased, without a trailing dot.
    case name(String)
    /// An IPv4 address.
    case ipv4(UInt32)
    /// An IPv6 address as eight 16-bit groups.
    case ipv6([UInt16])

    /// Parses the host part of a URL's authority (brackets included for IPv6); `nil` when it is not a host.
    package init?(_ text: some StringProtocol) {
        let text = Substring(text)
        if text.hasPrefix("[") {
            guard text.hasSuffix("]"), text.count > 2,
                let groups = Self.ipv6(text.dropFirst().dropLast())
            else { return nil }
            self = .ipv6(groups)
            return
        }
        var name = text.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        guard !name.isEmpty, name.utf8.count <= 253,
            name.utf8.allSatisfy({ Self.isNameByte($0) }),
            !name.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty)
        else { return nil }
        // The WHATWG "ends in a number" rule: such a host is an IPv4 address or nothing.
        if let last = name.split(separator: ".").last, Self.isNumberLabel(last) {
            guard let address = Self.ipv4(name) else { return nil }
            self = .ipv4(address)
            return
        }
        self = .name(name)
    }

    /// Whether connecting to this host reaches the local machine: `localhost` and `*.localhost` (RFC 6761), the
    /// `/etc/hosts` loopback aliases `localhost.localdomain`, `ip6-localhost` and `ip6-loopback`, `127.0.0.0/8`,
    /// `0.0.0.0/8` (Linux connects `0.0.0.0` to the local host), `::1`, `::`, and IPv4-mapped or -compatible
    /// forms of those IPv4 addresses.
    package var isLoopback: Bool {
        switch self {
        case .name(let name):
            return Self.loopbackNames.contains(name) || name.hasSuffix(".localhost")
        case .ipv4(let address):
            return Self.isLoopbackIPv4(address)
        case .ipv6(let groups):
            if groups[0..<7].allSatisfy({ $0 == 0 }) { return groups[7] <= 1 }  // `::` and `::1`
            let embedded = UInt32(groups[6]) << 16 | UInt32(groups[7])
            let mapped = groups[0..<5].allSatisfy { $0 == 0 } && (groups[5] == 0xFFFF || groups[5] == 0)
            return mapped && Self.isLoopbackIPv4(embedded)
        }
    }

    /// The host as a URL writes it after parsing: a lower-cased name, dotted-decimal IPv4, or bracketed IPv6
    /// in its compressed form. This is what a connection dials.
    package var canonical: String {
        switch self {
        case .name(let name):
            return name
        case .ipv4(let address):
            return [24, 16, 8, 0].map { String((address >> UInt32($0)) & 0xFF) }.joined(separator: ".")
        case .ipv6(let groups):
            return "[" + Self.compressed(groups) + "]"
        }
    }

    /// The host without brackets, as a name lookup or a certificate check sees it.
    package var bare: String {
        if case .ipv6(let groups) = self { Self.compressed(groups) } else { canonical }
    }

    private static let loopbackNames: Set<String> = [
        "localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback",
    ]

    private static func isLoopbackIPv4(_ address: UInt32) -> Bool {
        let first = address >> 24
        return first == 127 || first == 0
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
            true
        default:
            false
        }
    }

    /// A label that makes the host an IPv4 address: all decimal digits, or `0x` and hexadecimal digits.
    private static func isNumberLabel(_ label: Substring) -> Bool {
        if label.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) { return true }
        guard label.hasPrefix("0x") else { return false }
        return label.dropFirst(2).utf8.allSatisfy { $0 < 0x80 && Character(Unicode.Scalar($0)).isHexDigit }
    }

    /// IPv4 in the forms `inet_aton` accepts: one to four parts, each decimal, octal (leading `0`) or hex (`0x`);
    /// the last part fills the remaining bytes. Every bound is checked, so no text can trap or wrap.
    private static func ipv4(_ text: String) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count) else { return nil }
        var numbers: [UInt64] = []
        for part in parts {
            guard let number = ipv4Number(part) else { return nil }
            numbers.append(number)
        }
        var address: UInt64 = 0
        for number in numbers.dropLast() {
            guard number <= 0xFF else { return nil }
            address = address << 8 | number
        }
        let remainingBits = UInt64(8 * (5 - parts.count))
        guard let last = numbers.last, last < (UInt64(1) << remainingBits) else { return nil }
        address = address << remainingBits | last
        return UInt32(exactly: address)
    }

    /// One part of an IPv4 address, at most 32 bits, or `nil`.
    private static func ipv4Number(_ part: Substring) -> UInt64? {
        var digits = part
        var radix: UInt64 = 10
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") {
            digits = digits.dropFirst(2)
            radix = 16
            if digits.isEmpty { return 0 }
        } else if digits.count > 1, digits.hasPrefix("0") {
            digits = digits.dropFirst()
            radix = 8
        }
        guard !digits.isEmpty, digits.utf8.count <= 32 else { return nil }
        var value: UInt64 = 0
        for character in digits {
            guard let digit = character.hexDigitValue.map(UInt64.init), digit < radix else { return nil }
            value = value * radix + digit
            guard value <= UInt64(UInt32.max) else { return nil }
        }
        return value
    }

    /// Eight groups from the text between an IPv6 literal's brackets; a zone (`%eth0`) is refused.
    private static func ipv6(_ text: Substring) -> [UInt16]? {
        guard text.utf8.count <= 45 else { return nil }
        guard let gap = text.firstRange(of: "::") else {
            guard let groups = groups(text, endsWithIPv4: true), groups.count == 8 else { return nil }
            return groups
        }
        let head = text[..<gap.lowerBound]
        let tail = text[gap.upperBound...]
        guard !tail.hasPrefix(":"), !tail.contains("::"),
            let headGroups = groups(head, endsWithIPv4: false),
            let tailGroups = groups(tail, endsWithIPv4: true),
            headGroups.count + tailGroups.count <= 7
        else { return nil }
        return headGroups + Array(repeating: 0, count: 8 - headGroups.count - tailGroups.count) + tailGroups
    }

    /// Colon-separated groups of one to four hex digits; the last may be a dotted-decimal IPv4 address.
    private static func groups(_ text: Substring, endsWithIPv4: Bool) -> [UInt16]? {
        guard !text.isEmpty else { return [] }
        let pieces = text.split(separator: ":", omittingEmptySubsequences: false)
        var result: [UInt16] = []
        for (index, piece) in pieces.enumerated() {
            if endsWithIPv4, index == pieces.count - 1, piece.contains(".") {
                guard let address = dottedQuad(piece) else { return nil }
                result += [UInt16(truncatingIfNeeded: address >> 16), UInt16(truncatingIfNeeded: address)]
                continue
            }
            guard (1...4).contains(piece.utf8.count), piece.allSatisfy(\.isHexDigit),
                let group = UInt16(piece, radix: 16)
            else { return nil }
            result.append(group)
        }
        return result
    }

    /// Exactly four decimal numbers 0...255, the only IPv4 form allowed inside an IPv6 literal.
    private static func dottedQuad(_ text: Substring) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var address: UInt32 = 0
        for part in parts {
            guard (1...3).contains(part.utf8.count), part.allSatisfy(\.isASCII), part.allSatisfy(\.isNumber),
                let byte = UInt8(part)
            else { return nil }
            address = address << 8 | UInt32(byte)
        }
        return address
    }

    /// RFC 5952: lower-case hex, the longest run of two or more zero groups written `::`.
    private static func compressed(_ groups: [UInt16]) -> String {
        var best: Range<Int>?
        var start: Int?
        for index in 0...groups.count {
            if index < groups.count, groups[index] == 0 {
                if start == nil { start = index }
            } else if let runStart = start {
                if index - runStart >= 2, index - runStart > (best?.count ?? 0) { best = runStart..<index }
                start = nil
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard let best else { return hex.joined(separator: ":") }
        return hex[..<best.lowerBound].joined(separator: ":") + "::" + hex[best.upperBound...].joined(separator: ":")
    }
}
