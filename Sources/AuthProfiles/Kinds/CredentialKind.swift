// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// A kind of credential a profile can declare: one per Azure Identity credential, plus `chain` and `profile` for
/// composing them.
///
/// A struct with a static member per kind rather than an enum, as swift-certificates' error codes are: new kinds
/// (the identity broker, Visual Studio Code) arrive in minor versions, and every library user's exhaustive `switch`
/// over a public enum would stop compiling with each one. Compare with `==`, switch with a `default:` clause, or
/// ask the kind's ``category``. Everything the package knows about a kind is its definition (`Kinds/*.swift`);
/// ``allCases`` lists the registered kinds in documentation order.
public struct CredentialKind: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The kind's name as profiles write it in `type:`.
    public let rawValue: String

    /// The registered kind with this name, or `nil`.
    public init?(rawValue: String) {
        guard let definition = KindRegistry.definition(named: rawValue) else { return nil }
        self = definition.kind
    }

    /// Declares a kind; only a kind's definition file does this.
    init(_ name: String) { self.rawValue = name }

    /// Every kind, in documentation order.
    public static var allCases: [CredentialKind] { KindRegistry.kinds }

    /// The kind's name.
    public var description: String { rawValue }

    /// What kind of caller a credential suits, which decides where policy lets it run.
    public enum Category: String, Sendable, Hashable {
        /// Runs unattended in a deployed service (secrets, certificates, federation, managed identity).
        case deployed
        /// Uses a developer tool's signed-in account (`az`, `azd`, `pwsh`).
        case developerTool
        /// Needs a person at a browser or a device-code prompt.
        case interactive
        /// Signs in a user with credentials the profile references.
        case user
        /// Composes other credentials.
        case composite
    }

    /// The kind's definition.
    package var definition: KindDefinition { KindRegistry.definition(of: self) }

    /// The kind's category.
    public var category: Category { definition.category }

    /// The Azure Identity class the kind corresponds to, for documentation.
    public var azureIdentityName: String { definition.azureIdentityName }
}
