// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

public import AuthProfiles

/// A dry run of one profile: for each link, in order, a verdict and its evidence, and the conclusion.
///
/// Built without sending a request or starting a process (see ``ProfileExplainer``). Holds no secret value: evidence
/// names variables and files and says whether they are set, never what they contain.
public struct Explanation: Sendable {
    /// The profile's name.
    public var profile: String
    /// Where it is defined; the built-in file for `default` when no file defines it.
    public var location: SourceLocation
    /// Its description.
    public var description: String?
    /// Facts about the profile as a whole: its tenant, cloud and authority host.
    public var context: [Evidence]
    /// Every link, in walk order (a chain before its links), with its depth.
    public var links: [LinkExplanation]
    /// Which link would authenticate, and why the earlier ones would not.
    public var conclusion: Conclusion
    /// Azure variables set in the environment that this profile does not read.
    public var ignoredVariables: [IgnoredVariable]
    /// Which layer set each resolved setting (for `--blame`).
    public var blame: [BlameEntry]
}

/// One link of a dry run.
public struct LinkExplanation: Sendable, Hashable {
    /// The link's place, such as `prod/credential/links[2]`.
    public var path: String
    /// The link's kind, or a `default` member's name.
    public var kind: String
    /// Where the link is written, when it is.
    public var location: SourceLocation?
    /// How deep it sits in nested chains and references.
    public var depth: Int
    /// The verdict.
    public var verdict: Verdict
    /// The facts behind the verdict.
    public var evidence: [Evidence]
    /// How to fix what is wrong.
    public var hint: String?
    /// What the chain would do after this link, such as `unavailable → next (default)`.
    public var decision: String?
    /// Whether the walk would reach the link (links after the winner or after a stop are not reached).
    public var reached: Bool

    /// `path:kind`.
    public var displayName: String { "\(path):\(kind)" }
}

/// The outcome of a dry run.
public struct Conclusion: Sendable, Hashable {
    /// What the dry run expects.
    public enum Result: String, Sendable, Hashable, Codable {
        /// A link would authenticate (perhaps after links whose answer only a probe could tell).
        case authenticates
        /// Only a probe can tell whether any link authenticates.
        case dependsOnProbe
        /// No link would authenticate.
        case noToken
    }

    /// What the dry run expects.
    public var result: Result
    /// The link that would authenticate (`path:kind`), if any.
    public var winner: String?
    /// Earlier links whose answer only a request could tell; any of them answering would win first.
    public var contingentOn: [String]
    /// One sentence for people.
    public var summary: String
    /// Why each reached link before the winner (or every reached link, without one) would not authenticate:
    /// `path:kind: verdict: first problem`.
    public var reasons: [String] = []
}

/// An Azure variable set in the environment that the profile does not read.
public struct IgnoredVariable: Sendable, Hashable, Codable {
    /// The variable's name (its value is never reported).
    public var name: String
    /// Why it matters.
    public var note: String
}

/// Which layer set one setting.
public struct BlameEntry: Sendable, Hashable {
    /// The setting, such as `tenant` or `credential/links[0].clientId`.
    public var setting: String
    /// The layer: `file`, `extends <parent>`, `tenant <name>`, `env NAME`, `env NAME (unset; default)`, `default`.
    public var origin: String
    /// Where that layer wrote it, when it is written somewhere.
    public var location: SourceLocation?
}
