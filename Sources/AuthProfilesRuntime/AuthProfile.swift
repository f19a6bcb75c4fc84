// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentity

/// The library's front door: a `TokenCredential` for a profile name.
///
/// ```swift
/// let credential = try AuthProfile.credential(named: "prod")
/// let token = try await credential.getToken(scopes: ["https://storage.azure.com/.default"])
/// ```
///
/// Profiles are found on the ``ProfileSearchPath`` (an explicit file, `AUTHPROFILE_FILE`, `AUTHPROFILE_PATH`, the
/// project's `authprofiles.yaml` or `.authprofiles/`, then `$XDG_CONFIG_HOME/authprofile/`); `default` is built in.
public enum AuthProfile {
    /// The catalog of the standard search path under the options' environment and working directory.
    public static func catalog(
        files: [String] = [], options: ProfileRuntimeOptions = ProfileRuntimeOptions()
    ) -> ProfileCatalog {
        let path = ProfileSearchPath.standard(
            explicitFiles: files, environment: options.environment, workingDirectory: options.workingDirectory)
        return ProfileCatalog.load(searchPath: path, workingDirectory: options.workingDirectory)
    }

    /// A credential for the named profile from the standard search path (or only `files`, when given).
    /// - Throws: ``AuthProfileError`` when a file on the path is invalid, two files define the same profile, or no
    ///   profile has the name (with a did-you-mean).
    public static func credential(
        named name: String, files: [String] = [], options: ProfileRuntimeOptions = ProfileRuntimeOptions()
    ) throws(AuthProfileError) -> ProfileCredential {
        try credential(named: name, in: catalog(files: files, options: options), options: options)
    }

    /// A credential for the named profile of an in-memory document.
    public static func credential(
        named name: String, document text: String, path: String = "<memory>",
        options: ProfileRuntimeOptions = ProfileRuntimeOptions()
    ) throws(AuthProfileError) -> ProfileCredential {
        try credential(named: name, in: ProfileCatalog.load(text: text, path: path), options: options)
    }

    /// A credential for the named profile of a loaded catalog.
    public static func credential(
        named name: String, in catalog: ProfileCatalog, options: ProfileRuntimeOptions = ProfileRuntimeOptions()
    ) throws(AuthProfileError) -> ProfileCredential {
        try catalog.require()
        return try ProfileCredential(entry: try catalog.entry(resolving: name), options: options)
    }
}

extension ProfileCatalog {
    /// The entry for a name, or a `profileNotFound` error that lists what exists and suggests the closest name.
    public func entry(resolving name: String) throws(AuthProfileError) -> Entry {
        if let entry = entry(named: name) { return entry }
        let names = entries.map(\.profile.name)
        let suggestion = Suggestion.closest(to: name, in: names).map { " Did you mean '\($0)'?" } ?? ""
        let searched = searchPath.locations.map(\.path)
        let whereText = searched.isEmpty ? "" : " (searched: \(searched.joined(separator: ", ")))"
        throw AuthProfileError(
            .profileNotFound,
            "no profile named '\(name)'\(whereText).\(suggestion) Profiles: \(names.joined(separator: ", "))",
            profile: name)
    }
}
