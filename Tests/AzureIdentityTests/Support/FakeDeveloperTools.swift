// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import Foundation

/// Fake `az`, `azd` and `pwsh` that reproduce the real tools' documented outputs and failures. The behaviour is
/// picked by `FAKE_MODE` in the injected environment; every script records its arguments.
enum FakeDeveloperTools {
    static let token = "fake-cli-access-token-0123456789"

    /// `az account get-access-token` (CLI ≥ 2.54 prints both `expires_on` and the zone-less `expiresOn`).
    static let az =
        recordArguments("az") + #"""

            case "$FAKE_MODE" in
            not-logged-in) echo "ERROR: Please run 'az login' to setup account." >&2; exit 1 ;;
            not-found) echo "/bin/sh: 1: az: not found" >&2; exit 127 ;;
            aadsts)
                echo "ERROR: AADSTS70043: The refresh token has expired." >&2
                echo "Leaked {\"accessToken\": \"$FAKE_LEAK\"} access_token=$FAKE_LEAK secret $AZURE_CLIENT_SECRET" >&2
                exit 1 ;;
            legacy)
                printf '{"accessToken": "%s", "expiresOn": "2031-02-03 04:05:06.123456"}\n' "$FAKE_TOKEN" ;;
            garbage) echo "this is not json" ;;
            slow) sleep 30 & wait ;;
            *)
                printf '{"accessToken": "%s", "expiresOn": "2001-01-01 00:00:00.000000", "expires_on": %s, ' \
                    "$FAKE_TOKEN" "${FAKE_EXPIRES_ON:-1924991999}"
                printf '"subscription": "sub", "tenant": "t", "tokenType": "Bearer"}\n' ;;
            esac
            """#

    /// `azd auth token --output json --no-prompt …`.
    static let azd =
        recordArguments("azd") + #"""

            case "$FAKE_MODE" in
            not-logged-in) echo "ERROR: not logged in, run \`azd auth login\` to login" >&2; exit 1 ;;
            reauth)
                echo "ERROR: fetching token: reauthentication required, run \`azd auth login --scope x\`" >&2
                exit 1 ;;
            *) printf '{"token": "%s", "expiresOn": "%s"}\n' "$FAKE_TOKEN" \
                "${FAKE_EXPIRES_ON_RFC3339:-2031-02-03T04:05:06.123456789Z}" ;;
            esac
            """#

    /// `pwsh -NoProfile -NonInteractive -Command <script>`.
    static let pwsh =
        recordArguments("pwsh") + #"""

            case "$FAKE_MODE" in
            not-logged-in) echo "Get-AzAccessToken: Run Connect-AzAccount to login." >&2; exit 1 ;;
            no-module) echo "Write-Error: NoAzAccountModule" >&2; exit 3 ;;
            *)
                echo "WARNING: Upcoming breaking changes in the cmdlet 'Get-AzAccessToken'"
                printf '{"Token":"%s","ExpiresOn":%s}\n' "$FAKE_TOKEN" "${FAKE_EXPIRES_ON:-1927000000}" ;;
            esac
            """#

    /// Installs all three into `tools`.
    static func install(into tools: FakeTools) throws {
        try tools.install("az", az)
        try tools.install("azd", azd)
        try tools.install("pwsh", pwsh)
    }

    /// The moment the fakes run at: their expiries (2030-12-31 to 2031-02-03) are fixed, and a token lifetime must
    /// be in the future and at most 366 days away (`TokenLifetime`), so the clock is set a month or two before them.
    static let now = Date(timeIntervalSince1970: 1_922_313_600)  // 2030-12-01T00:00:00Z

    /// Variables that make the fakes print an expiry an hour after `now` instead of their fixed dates, for tests
    /// whose clock is the real one.
    static func expiring(anHourAfter now: Date) -> [String: String] {
        let expiry = now.addingTimeInterval(3600)
        return [
            "FAKE_EXPIRES_ON": String(Int(expiry.timeIntervalSince1970)),
            "FAKE_EXPIRES_ON_RFC3339": ISO8601DateFormatter().string(from: expiry),
        ]
    }

    /// Options whose environment runs the fakes in `mode`, on a clock set to ``now``.
    static func options(_ tools: FakeTools, mode: String = "ok", extra: [String: String] = [:]) -> CredentialOptions {
        CredentialOptions(
            timeSource: ManualTimeSource(now: now),
            environment: tools.environment(["FAKE_MODE": mode, "FAKE_TOKEN": token].merging(extra) { $1 })
        )
    }
}
