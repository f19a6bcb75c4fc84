// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// The outcome of validating one profile file: every diagnostic, and the credential graph when there
/// were no errors.
public struct ValidationResult: Sendable {
    /// The file's text, for rendering source lines under diagnostics.
    public let source: SourceText
    /// Every problem found, sorted by location.
    public let diagnostics: [Diagnostic]
    /// The validated graph; `nil` when any diagnostic is an error.
    public let graph: CredentialGraph?

    /// Whether the file has no errors.
    public var isValid: Bool { graph != nil }
}

/// Parses and validates profile files.
///
/// ```swift
/// let result = ProfileValidator().validate(fileAtPath: "profiles/team.yaml")
/// for diagnostic in result.diagnostics { print(diagnostic) }
/// if let graph = result.graph, let prod = graph.profile(named: "prod") { … }
/// ```
public struct ProfileValidator: Sendable {
    /// The bounds applied to every file.
    public var limits: ParseLimits

    /// Creates a validator.
    public init(limits: ParseLimits = .default) {
        self.limits = limits
    }

    /// Validates a document held in memory; `path` names it in diagnostics.
    public func validate(bytes: some Collection<UInt8>, path: String) -> ValidationResult {
        validate(DocumentLoader.load(bytes: bytes, path: path, limits: limits), path: path)
    }

    private func validate(_ document: LoadedDocument, path: String) -> ValidationResult {
        guard let tree = document.tree else {
            return ValidationResult(
                source: document.source, diagnostics: document.diagnostics.map(\.sanitized),
                graph: nil)
        }
        var decoder = DocumentDecoder(file: path, tree: tree)
        let decoded = decoder.decodeDocument()
        var source = document.source
        source.masks = SourceMasks(regions: decoder.sensitiveRegions(in: source), isDecoded: decoded != nil)
        var diagnostics = document.diagnostics + decoder.diagnostics
        var graph: CredentialGraph?
        if let decoded {
            var builder = GraphBuilder(file: path, document: decoded)
            let built = builder.build()
            diagnostics += builder.diagnostics
            graph = diagnostics.containsErrors ? nil : built
            if let graph { diagnostics += SecretFilePermissions.diagnostics(for: graph) }
        }
        let sanitized = Self.unique(diagnostics.map(\.sanitized)).sortedByLocation()
        return ValidationResult(source: source, diagnostics: sanitized, graph: graph)
    }

    /// Validates a document held in a string.
    public func validate(text: String, path: String) -> ValidationResult {
        validate(DocumentLoader.load(text: text, path: path, limits: limits), path: path)
    }

    /// Reads and validates a file. A file that cannot be read gives an `AP100` diagnostic, not a throw.
    ///
    /// - Parameters:
    ///   - path: The file to read.
    ///   - displayPath: The name diagnostics use for the file; `path` when omitted.
    public func validate(fileAtPath path: String, displayPath: String? = nil) -> ValidationResult {
        let name = displayPath ?? path
        do {
            // Read straight into text when the file is UTF-8, so a large file is held once, not twice.
            switch try ProfileFileReader.read(path: path, name: name, limit: limits.maximumFileSize) {
            case .text(let text): return validate(text: text, path: name)
            case .bytes(let bytes): return validate(bytes: bytes, path: name)
            }
        } catch {
            return ValidationResult(
                source: SourceText(path: name, text: ""), diagnostics: [error.diagnostic.sanitized],
                graph: nil)
        }
    }

    private static func unique(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics.filter { seen.insert($0).inserted }
    }
}
