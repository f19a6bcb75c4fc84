import Foundation

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
        let document = DocumentLoader.load(bytes: bytes, path: path, limits: limits)
        guard let tree = document.tree else {
            return ValidationResult(source: document.source, diagnostics: document.diagnostics.map(\.sanitized),
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
        }
        let sanitized = Self.unique(diagnostics.map(\.sanitized)).sortedByLocation()
        return ValidationResult(source: source, diagnostics: sanitized, graph: graph)
    }

    /// Validates a document held in a string.
    public func validate(text: String, path: String) -> ValidationResult {
        validate(bytes: Array(text.utf8), path: path)
    }

    /// Reads and validates a file. A file that cannot be read gives an `AP100` diagnostic, not a throw.
    ///
    /// - Parameters:
    ///   - path: The file to read.
    ///   - displayPath: The name diagnostics use for the file; `path` when omitted.
    public func validate(fileAtPath path: String, displayPath: String? = nil) -> ValidationResult {
        let name = displayPath ?? path
        do {
            return validate(bytes: try ProfileFileReader.read(path: path, name: name, limit: limits.maximumFileSize),
                            path: name)
        } catch {
            return ValidationResult(source: SourceText(path: name, text: ""), diagnostics: [error.diagnostic.sanitized],
                                    graph: nil)
        }
    }

    private static func unique(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics.filter { seen.insert($0).inserted }
    }
}

/// Reads profile files with the size limit applied before the bytes are read.
enum ProfileFileReader {
    struct Failure: Error {
        let diagnostic: Diagnostic
    }

    static func read(path: String, name: String, limit: Int) throws(Failure) -> [UInt8] {
        let start = SourceLocation(file: name, line: 1, column: 1)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Failure(diagnostic: Diagnostic(.unreadableFile, "no such file", at: start))
        }
        guard !isDirectory.boolValue else {
            throw Failure(diagnostic: Diagnostic(.unreadableFile, "is a directory, not a file", at: start))
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw Failure(diagnostic: Diagnostic(.unreadableFile, "the file cannot be opened (check its permissions)", at: start))
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: limit + 1) ?? Data()
        } catch {
            throw Failure(diagnostic: Diagnostic(
                .unreadableFile, "the file cannot be read: \(error.localizedDescription)", at: start))
        }
        if data.count > limit {
            throw Failure(diagnostic: Diagnostic(.fileTooLarge, "file is larger than the limit of \(limit) bytes",
                                                 at: start, hint: "split the profiles over several files"))
        }
        return [UInt8](data)
    }
}
