// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// The syntax a profile file is read in, decided by its name: a file means what its extension says.
///
/// `.json` (any case) is strict JSON (RFC 8259), which jq, Python and editors agree on; everything else, including
/// `.yaml`, `.yml`, standard input and names without an extension, is YAML, of which valid JSON is a subset.
enum DocumentSyntax: Equatable {
    case yaml, json

    init(path: String) {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else {
            self = .yaml
            return
        }
        self = name[name.index(after: dot)...].lowercased() == "json" ? .json : .yaml
    }
}
