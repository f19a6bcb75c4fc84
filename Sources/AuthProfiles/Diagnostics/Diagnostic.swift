/// One problem found in a profile file: a stable code, a severity, a location and a fix hint.
///
/// Messages never contain secret values. When the offending source line itself may hold a secret
/// (an inline client secret, say), ``isSensitive`` is set and renderers do not print that line.
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
    /// Whether the source line may contain a secret and must not be shown.
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

extension Array where Element == Diagnostic {
    /// Whether any diagnostic is an error.
    public var containsErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file, line, column, then code, so output is stable.
    public func sortedByLocation() -> [Diagnostic] {
        sorted { ($0.location, $0.code.rawValue) < ($1.location, $1.code.rawValue) }
    }
}
