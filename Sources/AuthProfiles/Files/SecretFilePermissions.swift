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
                if case .chain(let links, _) = node.settings { stack += links }
                for (field, path, what) in files(of: node.settings) {
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

    /// The literal files a credential reads secrets from: the field, the path and what the file holds.
    private static func files(of settings: CredentialSettings) -> [(String, String, String)] {
        func secret(_ reference: SecretReference?, _ field: String) -> [(String, String, String)] {
            guard case .file(let path)? = reference else { return [] }
            return [(field, path, "secret file")]
        }
        func certificate(_ settings: CertificateSettings, _ field: String) -> [(String, String, String)] {
            var files = secret(settings.password, "certificatePassword")
            // Without a password the key can only be stored unencrypted (or the run fails on it anyway).
            if settings.password == nil, let key = (settings.keyPath ?? settings.path).literal {
                files.append(
                    (
                        settings.keyPath == nil ? field + ".path" : field + ".key", key,
                        "unencrypted private key file"
                    ))
            }
            return files
        }
        switch settings {
        case .clientSecret(_, let secretReference):
            return secret(secretReference, "clientSecret")
        case .clientCertificate(_, let settings):
            return certificate(settings, "certificate")
        case .onBehalfOf(_, let userAssertion, let client):
            var files = secret(userAssertion, "userAssertion")
            switch client {
            case .secret(let reference): files += secret(reference, "clientSecret")
            case .certificate(let settings): files += certificate(settings, "certificate")
            case .assertion: break
            }
            return files
        case .usernamePassword(_, _, let password):
            return secret(password, "password")
        case .authorizationCode(_, let code, _, let clientSecret):
            return secret(code, "authorizationCode") + secret(clientSecret, "clientSecret")
        case .azurePipelines(_, _, let token):
            return secret(token, "systemAccessToken")
        default:
            return []
        }
    }
}

extension String {
    /// `prod/credential/links[0]` as a key path: `prod.credential.links[0]`.
    fileprivate func replacingSlashes() -> String {
        String(map { $0 == "/" ? "." : $0 })
    }
}
