// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation

/// Merges the CAE client capability (`cp1`) into a claims request.
enum CAEClaims {
    /// Returns the `claims` form value: the challenge claims, with `access_token.xms_cc = ["cp1"]` when CAE is on.
    static func merge(claims: String?, enableCAE: Bool) throws -> String? {
        let challenge = claims.flatMap { $0.isEmpty ? nil : $0 }
        guard enableCAE else { return challenge }
        var object: [String: Any] = [:]
        if let challenge {
            guard let parsed = try? JSONSerialization.jsonObject(with: Data(challenge.utf8)) as? [String: Any] else {
                throw AzureIdentityError(
                    code: .invalidConfiguration,
                    message: "The claims challenge is not a JSON object."
                )
            }
            object = parsed
        }
        var accessToken = object["access_token"] as? [String: Any] ?? [:]
        accessToken["xms_cc"] = ["values": ["cp1"]]
        object["access_token"] = accessToken
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
