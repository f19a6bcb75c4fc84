// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Opens the browser and waits for the redirect, whichever ends first: the redirect, the browser command failing,
/// or the timeout.
enum BrowserSignIn {
    static func run(
        url: String,
        listener: LoopbackRedirectListener,
        settings: InteractiveBrowserCredential.Settings
    ) async throws -> [String: String] {
        let name = InteractiveBrowserCredential.name
        guard let command = BrowserLauncher.command(for: url, environment: settings.environment) else {
            throw AzureIdentityError(
                code: .credentialUnavailable,
                message: "\(name): no browser to open. Set BROWSER to a browser command or install xdg-open, or "
                    + "use DeviceCodeCredential on machines without a browser.",
                credentialName: name
            )
        }
        // Unstructured on purpose: a browser that keeps running after the redirect is not killed with us.
        let browser = Task {
            try await settings.runner.run(
                ProcessInvocation(
                    executable: command[0],
                    arguments: Array(command.dropFirst()),
                    environment: settings.environment,
                    timeout: settings.browserTimeout
                )
            )
        }
        return try await withThrowingTaskGroup(of: [String: String]?.self) { group in
            group.addTask { await listener.nextRedirect() }
            group.addTask {
                let output: ProcessOutput
                do {
                    output = try await browser.value
                } catch let error as ProcessError where error.code != .timedOut {
                    throw AzureIdentityError(
                        code: .credentialUnavailable,
                        message: "\(name): the browser command '\(command[0])' could not be run: \(error.message)",
                        credentialName: name,
                        underlying: error
                    )
                } catch {
                    try await Task.sleep(for: settings.browserTimeout)
                    return nil
                }
                guard output.exitCode == 0 else {
                    let detail = StandardErrorRedaction.redact(output.standardError, environment: settings.environment)
                    throw AzureIdentityError(
                        code: .authenticationFailed,
                        message: "\(name): the browser command '\(command[0])' exited with status "
                            + "\(output.exitCode): \(detail)",
                        credentialName: name
                    )
                }
                // The browser handed the page over (xdg-open returns at once): keep waiting for the redirect.
                try await Task.sleep(for: settings.browserTimeout)
                return nil
            }
            group.addTask {
                try await Task.sleep(for: settings.browserTimeout)
                return nil
            }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let redirect = result { return redirect }
                break
            }
            throw AzureIdentityError(
                code: .authenticationFailed,
                message: "\(name): the sign-in did not finish within \(settings.browserTimeout).",
                credentialName: name
            )
        }
    }
}
