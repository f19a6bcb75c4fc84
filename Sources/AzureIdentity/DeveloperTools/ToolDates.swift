// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation

/// Expiry dates as the tools and managed identity endpoints print them. Parsing only: whether a date is a usable
/// expiry is ``TokenLifetime``'s decision.
enum ToolDates {
    /// An RFC 3339 / ISO 8601 date with a zone, with or without fractional seconds.
    static func rfc3339(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: trimmed) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: trimmed) { return date }
        // Fractions longer than milliseconds (azd prints nanoseconds): drop the extra digits.
        if let dot = trimmed.firstIndex(of: "."),
            let zone = trimmed[dot...].firstIndex(where: { $0 == "Z" || $0 == "+" || $0 == "-" })
        {
            let shortened = String(trimmed[..<dot]) + String(trimmed[zone...])
            return formatter.date(from: shortened)
        }
        return nil
    }

    /// The Azure CLI's zone-less `expiresOn` (`2026-11-23 12:34:56.123456`), read in `timeZone` (the local zone,
    /// which is what the CLI printed it in).
    static func azureCLILocal(_ text: String, timeZone: TimeZone) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        var trimmed = text.trimmingCharacters(in: .whitespaces)
        if let dot = trimmed.firstIndex(of: ".") {
            let fraction = trimmed[trimmed.index(after: dot)...].prefix(3)
            trimmed = String(trimmed[..<dot]) + "." + fraction.padding(toLength: 3, withPad: "0", startingAt: 0)
            formatter.dateFormat = "yyyy-MM-dd HH:mm:ss.SSS"
        } else {
            formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        }
        return formatter.date(from: trimmed)
    }
}
