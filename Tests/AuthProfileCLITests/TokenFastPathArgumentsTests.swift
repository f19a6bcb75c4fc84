// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Testing

@testable import AuthProfileCLI

/// The fast path of `token` reads its arguments without argument-parser (which costs milliseconds of start-up).
/// Whatever that strict reader accepts, argument-parser must read the same way: otherwise the fast path and the run
/// would answer different requests.
@Suite struct TokenFastPathArgumentsTests {
    /// Pieces of command lines: valid, invalid, duplicated and unknown options, profiles and values.
    static let pieces: [[String]] = [
        ["--scope", "https://management.azure.com/.default"], ["--scope=https://vault.azure.net/.default"],
        ["--scope", "api://app/.default"], ["--tenant", "11111111-2222-3333-4444-555555555555"],
        ["--tenant=contoso.onmicrosoft.com"], ["--format", "raw"], ["--format=exec-credential"], ["--format", "env"],
        ["--format", "json"], ["--format", "yaml"], ["--file", "profiles.yaml"], ["--file=dir/more.yaml"],
        ["--env", "ci.env"], ["--env=other.env"], ["--set", "A=1"], ["--set=B="], ["--set", "C=x=y"],
        ["--color", "never"], ["--color=always"], ["--color", "rainbow"],
        ["--claims", #"{"access_token":{"nbf":{"essential":true}}}"#], ["--no-cache"], ["-h"], ["--help"], ["--"],
        ["--scope"], ["--tenant", "--scope"], ["--scope", "-x"], ["prod"], ["ci"], ["--unknown", "v"], ["-f", "x"],
        ["--scope", ""], ["--scope", "https://management.azure.com"], [""], ["--version"],
    ]

    /// A small deterministic generator, so a failure names a reproducible case.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test("whatever the fast reader accepts, argument-parser reads the same; the kubectl form is accepted")
    func agreesWithArgumentParser() throws {
        var generator = SplitMix(state: 12)
        var accepted = 0
        for _ in 0..<3000 {
            let count = Int.random(in: 0...6, using: &generator)
            let arguments = (0..<count).flatMap { _ in Self.pieces.randomElement(using: &generator)! }
            guard let fast = TokenInvocation(fastPathArguments: arguments), fast.problem == nil else { continue }
            accepted += 1
            let parsed: TokenInvocation
            do {
                parsed = try TokenCommand.invocation(parsing: arguments)
            } catch {
                Issue.record("the fast reader accepted \(arguments), argument-parser refused it: \(error)")
                continue
            }
            #expect(parsed == fast, "\(arguments)")
        }
        #expect(accepted > 100, "the generator reaches accepted command lines")

        let kubectl = [
            "aks-prod", "--file", "/etc/authprofile/profiles.yaml", "--scope",
            "6dae42f8-4368-4678-94ff-3960e28e3630/.default", "--format", "exec-credential",
        ]
        let fast = try #require(TokenInvocation(fastPathArguments: kubectl))
        #expect(fast == (try TokenCommand.invocation(parsing: kubectl)))
        for refused in [["p", "--scope", "s", "--claims", "{}"], ["p", "--scope", "s", "--no-cache"], ["--help"]] {
            #expect(TokenInvocation(fastPathArguments: refused) == nil, "\(refused)")
        }
    }
}
