// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation

/// Builds unsigned-looking JWTs for tests: real base64url JSON header and payload, and a fixed fake signature.
enum TestJWT {
    /// A fake signature segment, recognisable in leak checks.
    static let signature = "c2lnbmF0dXJlLW5vdC1mb3ItcHJpbnRpbmc"

    static func make(_ claims: [String: Any], header: [String: Any] = ["alg": "RS256", "typ": "JWT"]) -> String {
        segment(header) + "." + segment(claims) + "." + signature
    }

    static func segment(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
