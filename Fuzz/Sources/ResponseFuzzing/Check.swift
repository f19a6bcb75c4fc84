// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation

@testable import AuthProfileCLI
@testable import AzureIdentity
@testable import IdentitySupport

/// What a caller may get back from a credential, whatever a server or tool sent.
///
/// These are the issue's rules (issue 9, "Crashes", items 2, 17, 19), not this harness's taste: an accepted token
/// is a real answer (non-empty, finite expiry in the future and not absurdly far away), every failure is an
/// ``AzureIdentityError`` whose text shows no control character the server chose, and what the CLI prints from a
/// token never traps.
enum Check {
    /// Further than this is not a real token lifetime (the library's own bound is tighter, about a year).
    static let longestLifetime: TimeInterval = 10 * 366 * 86_400

    /// Calls `getToken` and checks what comes back; the clock and transport are checked afterwards.
    static func getToken(
        _ credential: any TokenCredential,
        scopes: [String],
        context: String,
        clock: FakeClock,
        transport: ScriptedTransport? = nil
    ) async throws {
        do {
            let token = try await credential.getToken(for: TokenRequest(scopes: scopes))
            trace("\(context): \(token)")
            try self.token(token, now: clock.now(), context: context)
        } catch let violation as HarnessViolation {
            throw violation
        } catch {
            trace("\(context): \(escaped("\(error)"))")
            try self.error(error, context: context)
        }
        try clock.check(context)
        try transport?.check(context)
    }

    /// An accepted token: non-empty, expiring after `now` and within ``longestLifetime``, and printable by
    /// `authprofile token` in every format without trapping.
    static func token(_ token: AccessToken, now: Date, context: String) throws {
        guard !token.token.revealedValue().isEmpty else {
            throw HarnessViolation("\(context): an empty access token was accepted")
        }
        let expiry = token.expiresOn.timeIntervalSince1970
        guard expiry.isFinite else {
            throw HarnessViolation("\(context): a token with expiresOn \(expiry) was accepted (issue 9 item 2)")
        }
        let lifetime = token.expiresOn.timeIntervalSince(now)
        guard lifetime > 0 else {
            throw HarnessViolation("\(context): a token that expired \(-lifetime) s ago was accepted (item 17)")
        }
        guard lifetime <= longestLifetime else {
            throw HarnessViolation("\(context): a token living \(lifetime) s was accepted (item 2)")
        }
        if let refresh = token.refreshOn?.timeIntervalSince1970, !refresh.isFinite {
            throw HarnessViolation("\(context): a token with refreshOn \(refresh) was accepted (item 2)")
        }
        let utc = TimeZone(identifier: "UTC") ?? .current
        for format in TokenOutputFormat.allCases {
            // A token with control characters is refused with TokenOutputError: typed, fine.
            _ = try? TokenOutput.render(token, format: format, environment: [:], timeZone: utc)
        }
    }

    /// A failure: typed, and free of unescaped control characters (issue 9 item 19).
    static func error(_ error: any Error, context: String) throws {
        guard let error = error as? AzureIdentityError else {
            throw HarnessViolation("\(context): an untyped \(type(of: error)) escaped: \(escaped("\(error)"))")
        }
        try printable(error.description, what: "the error", context: context)
        _ = error.shortDescription
    }

    /// Throws when `text` holds a control or bidirectional character other than a line break.
    static func printable(_ text: String, what: String, context: String) throws {
        if text.unicodeScalars.contains(where: { $0 != "\n" && OutsideText.needsEscape($0) }) {
            throw HarnessViolation(
                "\(context): \(what) shows a control character unescaped (item 19): \(escaped(text))"
            )
        }
    }

    /// `FUZZ_TRACE=1` prints each outcome to standard error (what `scripts/fuzz.sh --replay` shows).
    static let tracing = ProcessInfo.processInfo.environment["FUZZ_TRACE"] == "1"

    static func trace(_ line: @autoclosure () -> String) {
        if tracing { FileHandle.standardError.write(Data((line() + "\n").utf8)) }
    }

    static func escaped(_ text: String) -> String {
        OutsideText.escapingControlCharacters(text.prefix(2_000))
    }
}
