// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import IdentitySupport

/// `validate`'s check, as ssh's on private keys, that files holding secrets are not readable by others.
///
/// Only literal absolute paths are checked: they name the same file wherever the profile runs. A relative path is
/// resolved against the working directory of the run, and a path from `{env}` is known only then, so those are
/// left to `authprofile explain`, which checks every file the profile would read. Checked are `{file: …}` secrets
/// (not client assertions: those are short-lived tokens that platforms mount readable, as token files are) and
/// the file holding a certificate's private key when no password is configured, so the key is stored unencrypted.
/// Nothing is read: the check looks at the file's permission bits only.
enum SecretFilePermissions {
    /// The `AP506` warnings for a validated graph.
    static func diagnostics(for graph: CredentialGraph) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var seen = Set<String>()
        for profile in graph.profiles {
            var stack = [profile.credential]
            while let node = stack.popLast() {
                stack += node.links
                for file in node.settings.secretFiles {
                    let (field, path, what) = (file.field, file.path, file.what)
                    guard path.hasPrefix("/"), case .success(let status) = UserFile.status(of: path),
                        status.kind == .regular, let exposure = status.exposure
                    else { continue }
                    let shown = OutsideText.escapingControlCharacters(path)
                    guard seen.insert("\(node.location)|\(field)|\(path)").inserted else { continue }
                    found.append(
                        Diagnostic(
                            .exposedSecretFile, "\(field): \(what) \(shown) \(exposure)", at: node.location,
                            path: "profiles." + node.path.replacingSlashes() + ".\(field)",
                            hint: "anyone who can read it has the secret; make it readable by its owner only: "
                                + "chmod 600 \(shown)"))
                }
            }
        }
        return found
    }
}

extension String {
    /// `prod/credential/links[0]` as a key path: `prod.credential.links[0]`.
    fileprivate func replacingSlashes() -> String {
        String(map { $0 == "/" ? "." : $0 })
    }
}
