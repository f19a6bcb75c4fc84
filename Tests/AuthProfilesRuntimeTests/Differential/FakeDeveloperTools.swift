// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation

/// Fake `az`, `azd` and `pwsh` for the differential matrix: `/bin/sh` scripts that use only shell built-ins (the
/// cases' `PATH` holds nothing else) and decide from the same files the real tools keep their sign-in in, so a
/// tool's answer follows from its state as the real one's does:
/// - `az` prints a token when `azureProfile.json` in `AZURE_CONFIG_DIR` (else `~/.azure`) has a default account,
///   else says "Please run 'az login'" as the real one does.
/// - `azd` prints a token when `auth.json` in `AZD_CONFIG_DIR` records a service principal, else says it is not
///   logged in (a user without a cached sign-in included, as azd does).
/// - `pwsh` has no Azure context anywhere and says to run `Connect-AzAccount`.
enum FakeDeveloperTools {
    /// The configuration directories of the tools' states, under the world's directory.
    enum State: String, Sendable, CaseIterable {
        /// `az` signed in, its default account in the `test` tenant.
        case azSignedIn = "az-in"
        /// `az` installed, `azureProfile.json` without accounts.
        case azSignedOut = "az-out"
        /// `azd` signed in as a service principal of the `test` tenant.
        case azdServicePrincipal = "azd-sp"
        /// `azd` with a user recorded but no cached sign-in (only azd can tell: the dry run says unknown).
        case azdUserWithoutCache = "azd-user"
        /// `azd` installed, nobody signed in.
        case azdSignedOut = "azd-out"
    }

    static let token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.eyJ0aWQiOiJtYXRyaXgifQ.c2lnbmF0dXJl"

    static func install(in bin: String, world: DifferentialWorld) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: bin, withIntermediateDirectories: true)
        let expires = Int(Date().timeIntervalSince1970) + 3600
        let expiresOn = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3600))
        try script(
            bin + "/az",
            """
            dir="${AZURE_CONFIG_DIR:-$HOME/.azure}"
            line=""
            if [ -f "$dir/azureProfile.json" ]; then IFS= read -r line < "$dir/azureProfile.json"; fi
            case "$line" in
              *'"isDefault": true'*)
                printf '%s\\n' '{"accessToken": "\(token)", "expires_on": \(expires), "tokenType": "Bearer"}'
                exit 0 ;;
            esac
            echo "ERROR: Please run 'az login' to setup account." >&2
            exit 1
            """)
        try script(
            bin + "/azd",
            """
            dir="${AZD_CONFIG_DIR:-$HOME/.azd}"
            line=""
            if [ -f "$dir/auth.json" ]; then IFS= read -r line < "$dir/auth.json"; fi
            case "$line" in
              *'"clientId"'*)
                printf '%s\\n' '{"token": "\(token)", "expiresOn": "\(expiresOn)"}'
                exit 0 ;;
            esac
            echo 'ERROR: fetching token: not logged in, run `azd auth login` to login' >&2
            exit 1
            """)
        try script(
            bin + "/pwsh",
            """
            echo "Run Connect-AzAccount to login." >&2
            exit 1
            """)

        let base = world.directory
        let tenant = DifferentialWorld.tenant
        let account =
            #"{"id": "sub-1", "name": "Matrix", "state": "Enabled", "tenantId": "\#(tenant)", "#
            + #""isDefault": true, "environmentName": "AzureCloud", "user": {"name": "dev@contoso.example", "#
            + #""type": "user"}}"#
        try write(base + "/az-in/azureProfile.json", #"{"installationId": "x", "subscriptions": [\#(account)]}"#)
        try write(base + "/az-out/azureProfile.json", #"{"installationId": "x", "subscriptions": []}"#)
        try write(
            base + "/azd-sp/auth.json",
            #"{"auth": {"account": {"currentUser": {"clientId": ""#
                + DifferentialWorld.clientID + #"", "tenantId": "\#(tenant)"}}}}"#)
        try write(
            base + "/azd-user/auth.json",
            #"{"auth": {"account": {"currentUser": {"homeAccountId": "#
                + #""0000.\#(tenant)"}}}}"#)
        try manager.createDirectory(atPath: base + "/azd-out", withIntermediateDirectories: true)
    }

    private static func script(_ path: String, _ body: String) throws {
        try Data(("#!/bin/sh\n" + body + "\n").utf8).write(to: URL(fileURLWithPath: path))
        chmod(path, 0o755)
    }

    private static func write(_ path: String, _ text: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
        try Data((text + "\n").utf8).write(to: URL(fileURLWithPath: path))
    }
}
