// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation

@testable import AzureIdentity
@testable import IdentitySupport

extension FuzzTarget {
    /// What a bus (or a broker behind it) sends the D-Bus client: one message, through the framing check and the
    /// parser (issue 13). Any bytes must end in a message or a ``DBusError``; an accepted message must survive a
    /// round trip through the encoder in both byte orders unchanged, and no error text may carry a control
    /// character.
    ///
    /// Input: the message bytes, as they come off the socket.
    static let dbusMessage = FuzzTarget(
        name: "dbus-message",
        summary: "one D-Bus message to the client's framing and parser (signature, padding, UTF-8, limits)"
    ) { input in
        let context = "dbus-message"
        func checkText(_ error: DBusError) throws {
            if error.message.unicodeScalars.contains(where: OutsideText.needsEscape) {
                throw HarnessViolation(
                    "\(context): an error shows a control character: \(Check.escaped(error.message))"
                )
            }
        }
        let bytes = input.bytes
        var length: Int?
        do throws(DBusError) {
            length = try DBusMessage.frameLength(prefix: bytes, limit: 1 << 20)
        } catch {
            try checkText(error)
        }
        if let length, length < 16 || length > 1 << 20 {
            throw HarnessViolation("\(context): a frame length of \(length)")
        }
        let message: DBusMessage
        do throws(DBusError) {
            message = try DBusMessage.decode(bytes, limit: 1 << 20)
        } catch {
            try checkText(error)
            return
        }
        Check.trace("\(context): \(message.kind), signature \(Check.escaped(message.signature))")
        for bigEndian in [false, true] {
            let again: DBusMessage
            do throws(DBusError) {
                again = try DBusMessage.decode(try message.encoded(bigEndian: bigEndian))
            } catch {
                throw HarnessViolation("\(context): an accepted message did not round-trip: \(error)")
            }
            guard again == message else {
                throw HarnessViolation("\(context): a message changed in a round trip (big-endian: \(bigEndian))")
            }
        }
    }
}
