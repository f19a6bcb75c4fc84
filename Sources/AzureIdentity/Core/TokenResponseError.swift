// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Why a token answer from outside — a token endpoint's or managed identity endpoint's body, a developer tool's
/// output, a device code grant — was refused.
///
/// It names the field and what is wrong with it. It never holds the token; a value it quotes (a number, a date, a
/// token type) is not a secret and is escaped and shortened. Credentials wrap it in an ``AzureIdentityError`` with
/// ``AzureIdentityError/Code/invalidResponse``, as its `underlying` error.
package struct TokenResponseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong. Extensible.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The name of the code.
        package let description: String

        /// The answer is not the JSON object expected.
        package static let notJSON = Code(description: "notJSON")
        /// A required field is absent.
        package static let missingField = Code(description: "missingField")
        /// A field has the wrong JSON type, is empty, or holds characters it cannot hold.
        package static let invalidField = Code(description: "invalidField")
        /// A lifetime or expiry is not a finite number or date.
        package static let notANumber = Code(description: "notANumber")
        /// A lifetime or expiry says the token has already expired (zero, negative, in the past).
        package static let expired = Code(description: "expired")
        /// A lifetime or expiry is further away than ``TokenLifetime/maximum``.
        package static let tooFar = Code(description: "tooFar")
    }

    /// What is wrong.
    package var code: Code
    /// The field concerned (`expires_in`), when there is one.
    package var field: String?
    /// One line for people, naming the field; never the token.
    package var description: String

    /// Creates an error.
    package init(_ code: Code, field: String?, _ description: String) {
        self.code = code
        self.field = field
        self.description = description
    }

    /// The answer is not a JSON object (or, for a tool, holds none).
    package static func notJSON(_ what: String = "a JSON object") -> Self {
        Self(.notJSON, field: nil, "the answer is not \(what)")
    }

    /// `field` is absent.
    package static func missing(_ field: String) -> Self {
        Self(.missingField, field: field, "\(field) is missing")
    }

    /// `field` is present but unusable: `problem` says why (`is not a string`, `is empty`).
    package static func invalid(_ field: String, _ problem: String) -> Self {
        Self(.invalidField, field: field, "\(field) \(problem)")
    }
}
