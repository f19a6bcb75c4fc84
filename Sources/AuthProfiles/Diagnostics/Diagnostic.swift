// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// One problem found in a profile file: a stable code, a severity, a location and a fix hint.
///
/// Messages never contain secret values: a value in a secret's place is named by its field, never quoted, and the
/// validator passes every diagnostic through ``sanitized`` (tokens that look like credentials redacted, control
/// characters escaped). Source lines are shown through ``SourceText/displayedLine(_:around:)``, which masks such values.
/// ``isSensitive`` marks a diagnostic about a secret's place itself (an inline client secret, say).
public struct Diagnostic: Sendable, Hashable {
    /// The stable code, such as `AP200`.
    public var code: DiagnosticCode
    /// The severity; usually the code's default.
    public var severity: Severity
    /// A one-line statement of the problem.
    public var message: String
    /// Where the problem is.
    public var location: SourceLocation
    /// The key path of the offending node, such as `profiles.prod.credential.links[2].clientId`.
    public var path: String
    /// How to fix it, when there is something specific to say.
    public var hint: String?
    /// Other places that take part in the problem (the members of a cycle, the first definition).
    public var related: [RelatedLocation]
    /// Whether the diagnostic is about a value in a secret's place: its source line is only ever shown masked.
    public var isSensitive: Bool

    /// Creates a diagnostic with the code's default severity unless one is given.
    public init(
        _ code: DiagnosticCode,
        _ message: String,
        at location: SourceLocation,
        path: String = "",
        hint: String? = nil,
        severity: Severity? = nil,
        related: [RelatedLocation] = [],
        isSensitive: Bool = false
    ) {
        self.code = code
        self.severity = severity ?? code.defaultSeverity
        self.message = message
        self.location = location
        self.path = path
        self.hint = hint
        self.related = related
        self.isSensitive = isSensitive
    }
}

/// A secondary location attached to a diagnostic.
public struct RelatedLocation: Sendable, Hashable {
    /// What this place is (for example "defined here" or "extends 'base'").
    public var message: String
    /// Where it is.
    public var location: SourceLocation

    /// Creates a related location.
    public init(_ message: String, at location: SourceLocation) {
        self.message = message
        self.location = location
    }
}

extension Diagnostic: CustomStringConvertible {
    /// `file:line:col: severity[CODE]: message`.
    public var description: String {
        "\(location): \(severity.rawValue)[\(code.rawValue)]: \(message)"
    }
}

extension Diagnostic {
    /// The diagnostic with every text a person reads made safe: tokens that look like credentials (wherever a
    /// message, hint, key path or note picked them up) replaced by `[redacted]`, and control
    /// characters escaped. The validator applies it to every diagnostic; the location is left as it is.
    public var sanitized: Diagnostic {
        func clean(_ text: String) -> String {
            ShownValue.escaped(CredentialShape.redacting(text))
        }
        var copy = self
        copy.message = clean(message)
        copy.path = clean(path)
        copy.hint = hint.map(clean)
        copy.related = related.map { RelatedLocation(clean($0.message), at: $0.location) }
        return copy
    }
}

extension Array where Element == Diagnostic {
    /// Whether any diagnostic is an error.
    public var containsErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file, line, column, then code, so output is stable.
    public func sortedByLocation() -> [Diagnostic] {
        sorted { ($0.location, $0.code.rawValue) < ($1.location, $1.code.rawValue) }
    }
}
