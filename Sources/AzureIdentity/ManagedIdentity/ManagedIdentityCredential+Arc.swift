import Foundation

extension ManagedIdentityCredential {
    /// Reads the key an Azure Arc 401 challenge points at, after the agent's checks: `WWW-Authenticate:
    /// Basic realm=<path>`, the file named `*.key`, directly inside ``ManagedIdentityOptions/arcKeyDirectory``
    /// (symbolic links resolved), and at most ``ManagedIdentityOptions/arcMaxKeyFileBytes`` bytes.
    func arcKey(challenge response: TransportResponse) throws -> Secret {
        guard let header = response.header("WWW-Authenticate"),
            let range = header.range(of: "Basic realm=", options: .caseInsensitive)
        else {
            throw arcFailure("the 401 answer has no 'WWW-Authenticate: Basic realm=<file>' header")
        }
        let path = String(header[range.upperBound...]).trimmingCharacters(in: .whitespaces)
        let file = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL
        let directory = URL(fileURLWithPath: settings.arcKeyDirectory).resolvingSymlinksInPath().standardizedFileURL
        guard file.pathExtension == "key" else {
            throw arcFailure("the challenge file '\(path)' is not a '.key' file")
        }
        guard file.deletingLastPathComponent().path == directory.path else {
            throw arcFailure("the challenge file '\(path)' is not in '\(settings.arcKeyDirectory)'")
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: file.path)
        guard let size = (attributes?[.size] as? NSNumber)?.intValue else {
            throw arcFailure("the challenge file '\(path)' cannot be read")
        }
        guard size <= settings.arcMaxKeyFileBytes else {
            throw arcFailure("the challenge file '\(path)' is \(size) bytes (at most \(settings.arcMaxKeyFileBytes))")
        }
        guard let data = FileManager.default.contents(atPath: file.path), let key = String(data: data, encoding: .utf8)
        else {
            throw arcFailure("the challenge file '\(path)' cannot be read as UTF-8")
        }
        return Secret(key)
    }

    private func arcFailure(_ reason: String) -> AzureIdentityError {
        AzureIdentityError(
            code: .authenticationFailed,
            message: "ManagedIdentityCredential: Azure Arc challenge rejected: \(reason).",
            credentialName: Self.name,
            statusCode: 401
        )
    }
}
