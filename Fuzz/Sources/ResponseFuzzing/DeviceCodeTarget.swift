// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import Foundation

extension FuzzTarget {
    /// The device code endpoint's answer and the token endpoint's answers to the polls, through
    /// `DeviceCodeCredential` (interval, `expires_in`, `slow_down`, `authorization_pending`, the id token that
    /// becomes the authentication record).
    ///
    /// Setup line: unused (may be empty). Then the device code answer, then one answer per poll.
    static let deviceCode = FuzzTarget(
        name: "device-code",
        summary: "device code answer, then token endpoint answers to the polls, to DeviceCodeCredential"
    ) { input in
        let clock = FakeClock()
        let transport = ScriptedTransport(input.responses)
        let context = "device-code"
        let prompts = Locked<[DeviceCodeInfo]>([])
        let credential: DeviceCodeCredential
        do {
            credential = try DeviceCodeCredential(
                tenantID: "7f6e5d4c-0000-4000-8000-000000000001",
                options: Fixtures.options(transport: transport, clock: clock),
                prompt: { info in prompts.withLock { $0.append(info) } }
            )
        } catch {
            throw HarnessViolation("\(context): the fixed credential could not be built: \(error)")
        }
        try await Check.getToken(
            credential,
            scopes: ["https://graph.microsoft.com/.default"],
            context: context,
            clock: clock,
            transport: transport
        )
        // The prompt shows these to a person (the default prints the message).
        for info in prompts.withLock({ $0 }) {
            if !info.expiresOn.timeIntervalSince1970.isFinite {
                throw HarnessViolation("\(context): the prompt was told the code expires at \(info.expiresOn) (item 2)")
            }
            for (field, text) in [
                ("message", info.message), ("user code", info.userCode),
                ("verification URI", info.verificationURI),
            ] {
                try Check.printable(text, what: "the prompt's \(field)", context: context)
            }
        }
        if let record = credential.authenticationRecord {
            _ = try? AuthenticationRecord.deserialize(try record.serialize())
        }
    }
}
