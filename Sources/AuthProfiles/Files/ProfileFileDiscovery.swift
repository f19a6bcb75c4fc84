import Foundation

/// Finds profile files under the paths a user gives: files as they are, directories searched
/// recursively for `*.yaml`, `*.yml` and `*.json` (hidden entries skipped), in sorted order.
public enum ProfileFileDiscovery {
    /// The extensions of profile files.
    public static let extensions: Set<String> = ["yaml", "yml", "json"]

    /// One path the user gave, and what it held.
    public struct Entry: Sendable, Hashable {
        /// The path as given, for display, or a path under it.
        public let displayPath: String
        /// The path to read, resolved against the working directory.
        public let resolvedPath: String
    }

    /// Expands `paths` (resolved against `workingDirectory`) into profile files. A path that does not
    /// exist is returned as is, so that reading it reports the problem with its name.
    public static func discover(_ paths: [String], workingDirectory: String) -> [Entry] {
        var entries: [Entry] = []
        for path in paths {
            let resolved = resolve(path, against: workingDirectory)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                entries.append(Entry(displayPath: path, resolvedPath: resolved))
                continue
            }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            for relative in files(under: resolved) {
                entries.append(Entry(displayPath: base + "/" + relative, resolvedPath: resolved + "/" + relative))
            }
        }
        return entries
    }

    /// Resolves a relative path against a directory.
    public static func resolve(_ path: String, against directory: String) -> String {
        path.hasPrefix("/") ? path : (directory.hasSuffix("/") ? directory + path : directory + "/" + path)
    }

    private static func files(under directory: String) -> [String] {
        var found: [String] = []
        var pending = [""]
        let manager = FileManager.default
        while let relative = pending.popLast() {
            let absolute = relative.isEmpty ? directory : directory + "/" + relative
            guard let names = try? manager.contentsOfDirectory(atPath: absolute) else { continue }
            for name in names where !name.hasPrefix(".") {
                let child = relative.isEmpty ? name : relative + "/" + name
                var isDirectory: ObjCBool = false
                guard manager.fileExists(atPath: directory + "/" + child, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    pending.append(child)
                } else if extensions.contains((name as NSString).pathExtension.lowercased()) {
                    found.append(child)
                }
            }
        }
        return found.sorted()
    }
}
