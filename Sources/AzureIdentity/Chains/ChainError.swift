// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// The error of a chain that got no token: every link's outcome, in chain order, with the reason.
public struct ChainError: Error, Sendable, CustomStringConvertible {
    /// One link's outcome.
    public struct Attempt: Sendable, CustomStringConvertible {
        /// The credential's name.
        public var credentialName: String
        /// What happened: ``LinkOutcome/unavailable``, ``LinkOutcome/failed``, or ``LinkOutcome/notTried`` for a
        /// link the chain did not reach.
        public var outcome: LinkOutcome
        /// Why, free of secrets.
        public var reason: String
        /// The error the link threw; `nil` for a link that was not tried.
        public var error: (any Error & Sendable)?

        /// Creates an attempt.
        public init(credentialName: String, outcome: LinkOutcome, reason: String, error: (any Error & Sendable)?) {
            self.credentialName = credentialName
            self.outcome = outcome
            self.reason = reason
            self.error = error
        }

        /// `<name>: <outcome>: <reason>`.
        public var description: String {
            "\(credentialName): \(outcome == .notTried ? "not tried" : outcome.rawValue): \(reason)"
        }
    }

    /// Every link, in chain order, those the chain did not reach included.
    public var attempts: [Attempt]
    /// The chain's name for the header line: `ChainedTokenCredential` or `DefaultAzureCredential`.
    public var chainName: String

    /// Creates a chain error.
    public init(attempts: [Attempt], chainName: String = "ChainedTokenCredential") {
        self.attempts = attempts
        self.chainName = chainName
    }

    /// Whether every link the chain tried was unavailable (so an enclosing chain may move on): the chain's
    /// conclusion by ``ChainPolicy/conclusion(of:)``.
    public var allLinksUnavailable: Bool {
        ChainPolicy.conclusion(of: attempts.map(\.outcome)) == .unavailable
    }

    /// A header line, then one line per link.
    public var description: String {
        let tried = attempts.filter { $0.outcome != .notTried }.count
        let header = "\(chainName) failed to get a token (\(tried) of \(attempts.count) credential(s) attempted):"
        return ([header] + attempts.map { "  - \($0)" }).joined(separator: "\n")
    }
}

extension ChainError {
    /// The error of a chain run by ``ChainEngine``: each report named by `name(index)`.
    init(reports: [ChainEngine.Report], chainName: String, name: (Int) -> String) {
        self.init(
            attempts: reports.map { report in
                Attempt(
                    credentialName: name(report.index), outcome: report.outcome, reason: report.reason ?? "",
                    error: report.error)
            },
            chainName: chainName)
    }
}
