// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import IdentitySupport

/// Checks for the identifiers Entra ID and Azure use, and for the names profiles give things.
enum Identifiers {
    /// A GUID in its 8-4-4-4-12 hexadecimal form.
    static func isGUID(_ text: String) -> Bool {
        // Bytes of the string itself, no array: this runs for every client id in a file.
        guard text.utf8.count == 36 else { return false }
        for (index, byte) in text.utf8.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                guard isHexDigit(byte) else { return false }
            }
        }
        return true
    }

    /// A tenant id as the runtime accepts it (``TenantSyntax``): dot-separated labels of letters, digits and `-`.
    static func isTenantID(_ text: String) -> Bool {
        TenantSyntax.isValid(text)
    }

    /// The message for a malformed tenant id, one wording for every place that checks one.
    static func tenantIDProblem(_ text: String) -> String {
        "\(ShownValue.quoted(text)) is not a valid tenant id; \(TenantSyntax.rule)"
    }

    /// Tenant values that are not GUIDs but still name a tenant rather than a declared tenant entry.
    static func looksLikeLiteralTenant(_ text: String) -> Bool {
        isGUID(text) || text.contains(".") || ["common", "organizations", "consumers", "adfs"].contains(text)
    }

    /// An environment variable name: a letter or `_`, then letters, digits or `_`.
    static func isEnvironmentName(_ text: String) -> Bool {
        guard let first = text.utf8.first, isLetter(first) || first == UInt8(ascii: "_") else { return false }
        return text.utf8.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "_") }
    }

    /// A name for a profile, tenant or cloud: starts with a letter or digit, then letters, digits, `.`, `_`, `-`.
    static func isName(_ text: String) -> Bool {
        guard let first = text.utf8.first, isAlphanumeric(first), text.utf8.count <= 128 else { return false }
        return text.utf8.allSatisfy {
            isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
        }
    }

    /// An Azure resource id of a user-assigned identity or any other resource.
    static func isResourceID(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        return text.hasPrefix("/subscriptions/") && parts.count >= 3 && !parts[2].isEmpty && !text.contains(" ")
    }

    static let guidPattern = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
    static let tenantPattern = TenantSyntax.pattern
    static let environmentNamePattern = "^[A-Za-z_][A-Za-z0-9_]*$"
    static let namePattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$"
    static let resourceIDPattern = "^/subscriptions/[^/ ]+(/[^ ]*)?$"

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isLetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
