// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import Foundation

extension FuzzTarget {
    /// What `az`, `azd` and `pwsh` print, through their credentials (exit status, "not installed" and "not signed
    /// in" detection, redaction of standard error, the JSON and its dates) and through the parsers directly.
    ///
    /// Setup line: the tool (`az`, the default, `azd` or `pwsh`) and the exit status (a number, default 0). Then
    /// standard output, `~~~`, standard error.
    static let developerTools = FuzzTarget(
        name: "developer-tools",
        summary: "az / azd / pwsh exit status, standard output and standard error to their credentials"
    ) { input in
        let words = input.setupWords
        let parts = input.parts
        let output = ProcessOutput(
            exitCode: words.lazy.compactMap { Int32($0) }.first ?? 0,
            standardOutput: String(decoding: parts[0], as: UTF8.self),
            standardError: parts.count > 1 ? String(decoding: parts[1], as: UTF8.self) : ""
        )
        InternalDecoders.developerToolOutput(output, now: FakeClock.start)
        let tool = ["azd", "pwsh"].first { words.contains($0) } ?? "az"
        let context = "developer-tools \(tool)"
        let clock = FakeClock()
        let credential: any TokenCredential
        do {
            let options = try Fixtures.options(
                transport: ScriptedTransport([]),
                clock: clock,
                environment: ["PATH": "/nonexistent/authprofile-fuzz", "HOME": "/nonexistent/authprofile-fuzz"],
                processRunner: ScriptedRunner(output: output)
            )
            credential =
                switch tool {
                case "azd": try AzureDeveloperCliCredential(options: options)
                case "pwsh": try AzurePowerShellCredential(options: options)
                default: try AzureCliCredential(options: options)
                }
        } catch {
            throw HarnessViolation("\(context): the fixed credential could not be built: \(error)")
        }
        try await Check.getToken(
            credential,
            scopes: ["https://management.azure.com/.default"],
            context: context,
            clock: clock
        )
    }
}
