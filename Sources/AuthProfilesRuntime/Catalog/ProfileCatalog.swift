// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

public import AuthProfiles
import Foundation
import IdentitySupport

/// Every profile on a search path, validated, with where each is defined.
///
/// Loading reads each file once, validates it and collects its profiles. Files with errors, duplicate profile
/// names across files and missing explicit locations are ``problems``; ``require()`` turns them into one error.
/// A `default` profile equal to DefaultAzureCredential is built in, so `explain default` works with no file.
public struct ProfileCatalog: Sendable {
    /// One profile and the file it came from.
    public struct Entry: Sendable {
        /// The validated profile.
        public let profile: Profile
        /// The file's graph, which resolves the profile's references, clouds and tenants.
        public let graph: CredentialGraph
        /// Why the file was read; `nil` for the built-in profile.
        public let origin: ProfileSearchPath.Origin?

        /// Whether this is the built-in `default` profile.
        public var isBuiltIn: Bool { origin == nil }
        /// The scope links of this profile are evaluated in.
        package var scope: LinkScope { LinkScope(profile: profile, graph: graph) }

        /// The kinds of the credential's leaves in chain order, each once; a reference shows as `profile:NAME`.
        public var leafKinds: [String] {
            var kinds: [String] = []
            var stack = [profile.credential]
            while let node = stack.popLast() {
                if node.kind == .chain {
                    stack.append(contentsOf: node.links.reversed())
                    continue
                }
                let kind = node.referencedProfile.map { "profile:\($0)" } ?? node.kind.rawValue
                if !kinds.contains(kind) { kinds.append(kind) }
            }
            return kinds
        }
    }

    /// The path that was searched.
    public let searchPath: ProfileSearchPath
    /// Every file read, with its diagnostics (warnings included).
    public let files: [ValidationResult]
    /// The profiles, in search-path and file order; the built-in `default` last when no file defines one.
    public let entries: [Entry]
    /// Everything that keeps the catalog from being used: invalid files, duplicates, missing explicit locations.
    public let problems: [AuthProfileError]

    /// The profile with this name.
    public func entry(named name: String) -> Entry? { entries.first { $0.profile.name == name } }

    /// Throws the catalog's problems as one error, or does nothing when there are none.
    public func require() throws(AuthProfileError) {
        guard let first = problems.first else { return }
        if problems.count == 1 { throw first }
        throw AuthProfileError(
            first.code,
            "\(problems.count) problems on the profile search path:\n"
                + problems.map { "  - " + $0.description.replacingOccurrences(of: "\n", with: "\n    ") }
                .joined(separator: "\n"),
            diagnostics: [])
    }

    /// Loads every profile on a search path.
    public static func load(
        searchPath: ProfileSearchPath, workingDirectory: String, validator: ProfileValidator = ProfileValidator()
    ) -> ProfileCatalog {
        var files: [ValidationResult] = []
        var entries: [Entry] = []
        var problems: [AuthProfileError] = []
        var seen: [String: Profile] = [:]
        for location in searchPath.locations {
            let resolved = ProfileFileDiscovery.resolve(location.path, against: workingDirectory)
            if case .failure(let problem) = UserFile.status(of: resolved), problem.isMissing {
                if location.isRequired {
                    // The search path expands `~` when it can; one left is HOME unset, or `~user`.
                    let tilde =
                        location.path.hasPrefix("~")
                        ? " (~ is expanded only with HOME set, and not as ~user)" : ""
                    problems.append(
                        AuthProfileError(
                            .missingLocation,
                            "\(location.path) (from \(location.origin.rawValue)) does not exist\(tilde)"))
                }
                continue
            }
            for file in ProfileFileDiscovery.discover([location.path], workingDirectory: workingDirectory) {
                let result = validator.validate(file)
                files.append(result)
                guard let graph = result.graph else {
                    problems.append(
                        AuthProfileError(
                            .invalidProfileFile, "\(file.displayPath) has errors", location: nil,
                            diagnostics: result.diagnostics.filter { $0.severity == .error }))
                    continue
                }
                for profile in graph.profiles {
                    if let earlier = seen[profile.name] {
                        problems.append(
                            AuthProfileError(
                                .duplicateProfile,
                                "profile '\(profile.name)' is defined twice: at \(earlier.location) and at "
                                    + "\(profile.location)",
                                profile: profile.name, location: profile.location))
                        continue
                    }
                    seen[profile.name] = profile
                    entries.append(Entry(profile: profile, graph: graph, origin: location.origin))
                }
            }
        }
        if seen["default"] == nil, let builtIn = BuiltInProfiles.defaultEntry {
            entries.append(builtIn)
        }
        return ProfileCatalog(searchPath: searchPath, files: files, entries: entries, problems: problems)
    }

    /// Loads the profiles of one in-memory document (plus the built-in `default`).
    public static func load(
        text: String, path: String = "<memory>", validator: ProfileValidator = ProfileValidator()
    ) -> ProfileCatalog {
        let result = validator.validate(text: text, path: path)
        var entries: [Entry] = []
        var problems: [AuthProfileError] = []
        if let graph = result.graph {
            entries = graph.profiles.map { Entry(profile: $0, graph: graph, origin: .explicit) }
        } else {
            problems.append(
                AuthProfileError(
                    .invalidProfileFile, "\(path) has errors",
                    diagnostics: result.diagnostics.filter { $0.severity == .error }))
        }
        if !entries.contains(where: { $0.profile.name == "default" }), let builtIn = BuiltInProfiles.defaultEntry {
            entries.append(builtIn)
        }
        return ProfileCatalog(
            searchPath: ProfileSearchPath(locations: []), files: [result], entries: entries,
            problems: problems)
    }
}

/// Profiles every catalog has unless a file defines one of the same name.
enum BuiltInProfiles {
    /// The built-in file's name in locations and traces.
    static let file = "<built-in>"

    static let text = """
        version: 1
        profiles:
          default:
            description: DefaultAzureCredential (built in)
            credential:
              type: default

        """

    static let defaultEntry: ProfileCatalog.Entry? = {
        guard let graph = ProfileValidator().validate(text: text, path: file).graph,
            let profile = graph.profile(named: "default")
        else { return nil }
        return ProfileCatalog.Entry(profile: profile, graph: graph, origin: nil)
    }()
}
