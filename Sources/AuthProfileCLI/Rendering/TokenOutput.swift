// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
package import AzureIdentity
package import Foundation

/// How `authprofile token` prints a token.
package enum TokenOutputFormat: String, CaseIterable, Sendable {
    /// The JSON object `az account get-access-token` prints, so scripts written for the Azure CLI can switch.
    case json
    /// The token alone, followed by a newline.
    case raw
    /// A Kubernetes `ExecCredential`, for a kubeconfig `users[].user.exec` entry.
    case execCredential = "exec-credential"
    /// Shell assignments for `eval "$(authprofile token … --format env)"`.
    case env
}

/// Turns an ``AzureIdentity/AccessToken`` into the text `authprofile token` prints. Pure: no I/O, no clock.
///
/// This is the one place that reveals the token: every format exists to hand it to another program.
///
/// ## json
/// The keys and layout of `az account get-access-token --output json` (keys sorted, two-space indentation):
/// `accessToken`, `expiresOn` (local time, `YYYY-MM-DD HH:MM:SS.ffffff`, no zone), `expires_on` (POSIX seconds,
/// an integer), `subscription` (only where known), `tenant` and `tokenType`. Both times are whole seconds, as with
/// `az`, whose `expiresOn` is derived from `expires_on` (Azure CLI 2.54+). `tenant` is the token's tenant (its
/// `tid` claim, else the tenant asked for); a profile's token belongs to no subscription, so `subscription` is
/// left out rather than guessed, as `az account get-access-token --tenant` leaves it out.
///
/// ## exec-credential
/// `{"apiVersion": …, "kind": "ExecCredential", "status": {"token": …, "expirationTimestamp": …}}` with the
/// expiry in RFC 3339 UTC, whole seconds. The `apiVersion` is the one kubectl asks for in `KUBERNETES_EXEC_INFO`
/// (`client.authentication.k8s.io/v1` or `…/v1beta1`); without that variable it is `…/v1`.
///
/// ## env
/// Two POSIX shell assignments, values in single quotes (a `'` inside becomes `'\''`):
/// ```
/// AZURE_ACCESS_TOKEN='eyJ0eXAi…'
/// AZURE_ACCESS_TOKEN_EXPIRES_ON='1700000000'
/// ```
/// The variables are not exported, so `eval "$(authprofile token PROFILE --scope S --format env)"` does not hand
/// the token to every child process; `export AZURE_ACCESS_TOKEN` when a child needs it.
package enum TokenOutput {
    /// The `env` format's variable holding the token.
    package static let tokenVariable = "AZURE_ACCESS_TOKEN"
    /// The `env` format's variable holding the expiry in POSIX seconds.
    package static let expiresOnVariable = "AZURE_ACCESS_TOKEN_EXPIRES_ON"

    /// Renders `token` in `format`.
    /// - Parameters:
    ///   - environment: The process environment; `exec-credential` reads `KUBERNETES_EXEC_INFO` from it.
    ///   - tenant: `json`'s `tenant`; the key is left out when `nil`.
    ///   - subscription: `json`'s `subscription`; the key is left out when `nil`.
    ///   - timeZone: The zone of `json`'s `expiresOn` (local time, like `az`); `nil` for the process's own, looked up
    ///     only for json. Tests pass a fixed zone.
    /// - Throws: ``TokenOutputError`` when `KUBERNETES_EXEC_INFO` is malformed or asks for an unsupported
    ///   version, or when the token is empty, holds control characters or has an expiry outside the years 1970 to
    ///   9999. No error contains the token.
    package static func render(
        _ token: AccessToken,
        format: TokenOutputFormat,
        environment: [String: String],
        tenant: String? = nil,
        subscription: String? = nil,
        timeZone: TimeZone? = nil
    ) throws -> String {
        let value = try printableValue(of: token)
        // A date from outside was checked where it arrived (`TokenLifetime`); an `AccessToken` made by other code
        // may hold any `Date`, so the conversion to whole seconds is checked here too rather than trapping.
        guard let expiry = UnixTime(token.expiresOn), let expiresOn = Int(exactly: expiry.seconds) else {
            throw TokenOutputError.unusableToken(reason: "its expiry is not a date between 1970 and 9999")
        }
        switch format {
        case .json:
            var members: [(String, JSONValue)] = [
                ("accessToken", .string(value)),
                ("expiresOn", .string(localTime(expiry, in: timeZone ?? .current))),
                ("expires_on", .int(expiresOn)),
            ]
            if let subscription { members.append(("subscription", .string(subscription))) }
            if let tenant { members.append(("tenant", .string(tenant))) }
            members.append(("tokenType", .string(token.tokenType)))
            return JSONValue.object(members).rendered()
        case .raw:
            return value + "\n"
        case .execCredential:
            let apiVersion = try ExecCredentialVersion.requested(by: environment)
            let object: JSONValue = .object([
                ("apiVersion", .string(apiVersion.rawValue)),
                ("kind", "ExecCredential"),
                (
                    "status",
                    .object([
                        ("token", .string(value)),
                        ("expirationTimestamp", .string(expiry.description)),
                    ])
                ),
            ])
            return object.rendered()
        case .env:
            return "\(tokenVariable)=\(shellQuoted(value))\n"
                + "\(expiresOnVariable)=\(shellQuoted(String(expiresOn)))\n"
        }
    }

    /// `text` in POSIX shell single quotes: `'` becomes `'\''`, everything else is literal.
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    /// `YYYY-MM-DD HH:MM:SS.000000` in `timeZone`, like Python's `datetime.fromtimestamp(…)` in `az`.
    static func localTime(_ time: UnixTime, in timeZone: TimeZone) -> String {
        let (date, clock) = time.dateAndTime(in: timeZone)
        return "\(date) \(clock).000000"
    }

    /// The token's value, refused when it could break the output (empty, or with control characters).
    private static func printableValue(of token: AccessToken) throws -> String {
        let value = token.token.revealedValue()
        guard !value.isEmpty else { throw TokenOutputError.unusableToken(reason: "the token is empty") }
        guard !value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw TokenOutputError.unusableToken(reason: "the token contains control characters")
        }
        return value
    }
}
