/// The error a ``ChainedTokenCredential`` throws: every link's outcome, in order.
public struct ChainError: Error, Sendable, CustomStringConvertible {
    /// One link's result.
    public struct Attempt: Sendable, CustomStringConvertible {
        /// The credential's name.
        public var credentialName: String
        /// What happened.
        public var outcome: Outcome
        /// Why, free of secrets.
        public var reason: String
        /// The error the link threw.
        public var error: any Error & Sendable

        /// `<name>: <outcome>: <reason>`.
        public var description: String {
            "\(credentialName): \(outcome): \(reason)"
        }
    }

    /// How a link ended. Extensible.
    public struct Outcome: Hashable, Sendable, CustomStringConvertible {
        /// The name of the outcome.
        public let description: String

        /// The credential could not run; the chain moved on.
        public static let unavailable = Outcome(description: "unavailable")
        /// The credential failed; the chain stopped here.
        public static let failed = Outcome(description: "failed")
    }

    /// Every attempted link, in chain order.
    public var attempts: [Attempt]
    /// The chain's name for the header line: `ChainedTokenCredential` or `DefaultAzureCredential`.
    public var chainName: String

    /// Creates a chain error.
    public init(attempts: [Attempt], chainName: String = "ChainedTokenCredential") {
        self.attempts = attempts
        self.chainName = chainName
    }

    /// Whether every attempted link was unavailable (so an enclosing chain may move on).
    public var allLinksUnavailable: Bool {
        attempts.allSatisfy { $0.outcome == .unavailable }
    }

    /// A header line, then one line per link.
    public var description: String {
        let header = "\(chainName) failed to get a token (\(attempts.count) credential(s) attempted):"
        return ([header] + attempts.map { "  - \($0)" }).joined(separator: "\n")
    }
}
