// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

package import Foundation
import IdentitySupport

/// The one definition of a token lifetime or expiry that arrives from outside, used by every source: a token
/// endpoint's `expires_in` and `refresh_in`, a managed identity endpoint's `expires_on`, `expires_in` and
/// `refresh_on`, the expiry the Azure CLI, the Azure Developer CLI and Azure PowerShell print, and a device code's
/// `expires_in`.
///
/// An expiry is accepted only when it is a finite moment after now and at most ``maximum`` (366 days) later.
/// Entra ID access tokens live one to 28 hours and managed identity tokens 24 hours; a lifetime that is zero,
/// negative, not a number, infinite or longer than a year is not an answer a real service gives. Accepting one would
/// hand callers a token that has already expired, or an `expiresOn` that cannot be compared, cached or printed.
/// Such an answer is refused with a ``TokenResponseError`` naming the field.
package enum TokenLifetime {
    /// The longest lifetime accepted: 366 days, in seconds.
    package static let maximum: TimeInterval = 366 * 86_400

    /// The expiry `seconds` after `now`: a lifetime such as `expires_in`. `shown` is how the value was written.
    package static func expiry(
        inSeconds seconds: Double,
        after now: Date,
        field: String,
        shown: String? = nil
    ) throws(TokenResponseError) -> Date {
        let shown = shown ?? OutsideJSON.shown(seconds)
        guard seconds.isFinite else {
            throw TokenResponseError(.notANumber, field: field, "\(field) \(shown) is not a finite number of seconds")
        }
        guard seconds > 0 else {
            throw TokenResponseError(
                .expired,
                field: field,
                "\(field) \(shown) is not a lifetime: the token would have expired when it was issued"
            )
        }
        guard seconds <= maximum else { throw tooFar(field, shown) }
        return now.addingTimeInterval(seconds)
    }

    /// `date` as an expiry, when it is after `now` and at most ``maximum`` later: an `expires_on`.
    package static func expiry(
        at date: Date,
        now: Date,
        field: String,
        shown: String
    ) throws(TokenResponseError) -> Date {
        let remaining = date.timeIntervalSince(now)
        guard remaining.isFinite else {
            throw TokenResponseError(.notANumber, field: field, "\(field) \(shown) is not a usable date")
        }
        guard remaining > 0 else {
            throw TokenResponseError(
                .expired,
                field: field,
                "\(field) \(shown) is not in the future: the token has already expired"
            )
        }
        guard remaining <= maximum else { throw tooFar(field, shown) }
        return date
    }

    /// The expiry `seconds` after the epoch, checked as ``expiry(at:now:field:shown:)``.
    package static func expiry(
        atEpochSeconds seconds: Double,
        now: Date,
        field: String,
        shown: String? = nil
    ) throws(TokenResponseError) -> Date {
        let shown = shown ?? OutsideJSON.shown(seconds)
        guard seconds.isFinite else {
            throw TokenResponseError(.notANumber, field: field, "\(field) \(shown) is not a finite number of seconds")
        }
        return try expiry(at: Date(timeIntervalSince1970: seconds), now: now, field: field, shown: shown)
    }

    /// A JSON field holding seconds — a number, or a numeric string as some services send — as a `Double`; `nil`
    /// when the field is absent or `null`.
    /// - Throws: ``TokenResponseError`` when the field holds anything else (`"inf"`, `"nan"`, `true`, `"0x10"`).
    package static func seconds(_ value: OutsideJSON?, field: String) throws(TokenResponseError) -> Double? {
        switch value {
        case nil, .null?:
            return nil
        case .number(let number)?:
            return number
        case .string(let text)?:
            guard let number = OutsideNumber.decimal(text.trimmingCharacters(in: .whitespaces)) else {
                throw TokenResponseError(
                    .notANumber,
                    field: field,
                    "\(field) \(OutsideJSON.shown(text)) is not a finite number of seconds"
                )
            }
            return number
        case let other?:
            throw TokenResponseError(.notANumber, field: field, "\(field) \(other.shown) is not a number of seconds")
        }
    }

    /// A refresh hint (`refresh_in`, `refresh_on`) that passed the same checks, kept only when it comes before
    /// `expiresOn`; a later one means nothing and is dropped, so the cache picks its default.
    package static func refresh(_ candidate: Date?, before expiresOn: Date) -> Date? {
        guard let candidate, candidate < expiresOn else { return nil }
        return candidate
    }

    private static func tooFar(_ field: String, _ shown: String) -> TokenResponseError {
        TokenResponseError(
            .tooFar,
            field: field,
            "\(field) \(shown) is more than 366 days away; no token source issues tokens that live that long"
        )
    }
}
