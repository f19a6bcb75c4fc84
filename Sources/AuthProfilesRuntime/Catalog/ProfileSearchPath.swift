// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import IdentitySupport

/// Where profiles are looked for, in order.
///
/// - Files given explicitly (the CLI's `--file`, `ProfileCatalog/load(files:options:)`) are the only source.
/// - Else `AUTHPROFILE_FILE` names the one file.
/// - Else `AUTHPROFILE_PATH` lists files and directories (`:`-separated), and only those.
/// - Else the project directory: from the working directory up to the first directory that holds
///   `authprofiles.yaml` (`.yml`, `.json`) or `.authprofiles/` (every profile file inside), stopping at the
///   repository root (a directory with `.git`); then the user's directory `$XDG_CONFIG_HOME/authprofile/`
///   (`~/.config/authprofile/` when `XDG_CONFIG_HOME` is unset).
///
/// A location that was asked for explicitly must exist; the project and user locations are optional.
public struct ProfileSearchPath: Sendable, Hashable {
    /// Why a location is on the path.
    public enum Origin: String, Sendable, Hashable, Codable {
        case explicit
        case environmentFile = "AUTHPROFILE_FILE"
        case environmentPath = "AUTHPROFILE_PATH"
        case project
        case user
    }

    /// One file or directory to read.
    public struct Location: Sendable, Hashable {
        /// The path as written or found.
        public var path: String
        /// Why it is on the path.
        public var origin: Origin
        /// Whether a missing location is an error.
        public var isRequired: Bool

        /// Creates a location; a required one that does not exist is an error, an optional one is skipped.
        public init(path: String, origin: Origin, isRequired: Bool) {
            self.path = path
            self.origin = origin
            self.isRequired = isRequired
        }
    }

    /// The locations, in order.
    public var locations: [Location]

    /// Creates a search path of `locations`, searched in order.
    public init(locations: [Location]) {
        self.locations = locations
    }

    /// The file names that mark a project's profile file.
    public static let projectFileNames = ["authprofiles.yaml", "authprofiles.yml", "authprofiles.json"]
    /// The directory name that holds a project's profile files.
    public static let projectDirectoryName = ".authprofiles"

    /// The standard search path for an environment and working directory.
    public static func standard(
        explicitFiles: [String] = [], environment: [String: String], workingDirectory: String
    ) -> ProfileSearchPath {
        let variables = EnvironmentVariables(environment)
        func value(_ name: String) -> String? { variables[name] }
        // `~` and `~/` expand by the package's one rule, with HOME from this environment; a path that cannot be
        // expanded (HOME unset, `~user`) stays as written, and loading it says it does not exist.
        // Other paths stay as written too (relative ones are shown so, and resolved when loaded).
        func expanded(_ path: String) -> String {
            guard path.hasPrefix("~") else { return path }
            return (try? UserPath.resolve(path, workingDirectory: workingDirectory, environment: variables)) ?? path
        }
        if !explicitFiles.isEmpty {
            return ProfileSearchPath(
                locations: explicitFiles.map {
                    Location(path: expanded($0), origin: .explicit, isRequired: true)
                })
        }
        if let file = value("AUTHPROFILE_FILE") {
            return ProfileSearchPath(locations: [
                Location(path: expanded(file), origin: .environmentFile, isRequired: true)
            ])
        }
        if let list = value("AUTHPROFILE_PATH") {
            return ProfileSearchPath(
                locations: list.split(separator: ":").map {
                    Location(path: expanded(String($0)), origin: .environmentPath, isRequired: true)
                })
        }
        var locations = projectLocations(from: workingDirectory)
        let configHome = value("XDG_CONFIG_HOME") ?? value("HOME").map { $0 + "/.config" }
        if let configHome {
            locations.append(Location(path: configHome + "/authprofile", origin: .user, isRequired: false))
        }
        return ProfileSearchPath(locations: locations)
    }

    private static func projectLocations(from workingDirectory: String) -> [Location] {
        var directory = workingDirectory
        while true {
            // Whatever has a project file's name is a location, even if it is not a regular file: reading it then
            // says what it is, instead of the project's profiles being skipped in silence.
            var found: [Location] = []
            for name in projectFileNames where UserFile.kind(of: join(directory, name)) != nil {
                found.append(Location(path: join(directory, name), origin: .project, isRequired: false))
            }
            let folder = join(directory, projectDirectoryName)
            if UserFile.kind(of: folder) == .directory {
                found.append(Location(path: folder, origin: .project, isRequired: false))
            }
            if !found.isEmpty { return found }
            if UserFile.kind(of: join(directory, ".git")) != nil { return [] }
            let parent = (directory as NSString).deletingLastPathComponent
            if parent == directory || parent.isEmpty { return [] }
            directory = parent
        }
    }

    private static func join(_ directory: String, _ name: String) -> String {
        UserPath.join(directory, name)
    }
}
