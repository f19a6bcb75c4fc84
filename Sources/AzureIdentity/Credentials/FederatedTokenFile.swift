import Foundation
import Synchronization

/// Reads a projected service-account token file, re-reading it when it changes or every 5 minutes.
final class FederatedTokenFile: Sendable {
    private struct Cached {
        var token: Secret
        var modified: Date?
        var size: Int
        var readAt: Date
    }

    let path: String
    let maxAge: TimeInterval
    private let timeSource: any TimeSource
    private let state = Mutex<Cached?>(nil)

    init(path: String, timeSource: any TimeSource, maxAge: TimeInterval = 300) {
        self.path = path
        self.timeSource = timeSource
        self.maxAge = maxAge
    }

    /// The current token: cached unless the file's modification date or size changed, or it is older than `maxAge`.
    func read() throws -> Secret {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let modified = attributes?[.modificationDate] as? Date
        let size = (attributes?[.size] as? NSNumber)?.intValue ?? -1
        let now = timeSource.now()
        if let cached = state.withLock({ $0 }), cached.modified == modified, cached.size == size,
            now.timeIntervalSince(cached.readAt) < maxAge
        {
            return cached.token
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AzureIdentityError(
                code: .credentialUnavailable,
                message: "WorkloadIdentityCredential: the token file '\(path)' could not be read.",
                credentialName: "WorkloadIdentityCredential"
            )
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw AzureIdentityError(
                code: .credentialUnavailable,
                message: "WorkloadIdentityCredential: the token file '\(path)' is empty.",
                credentialName: "WorkloadIdentityCredential"
            )
        }
        let token = Secret(text)
        state.withLock { $0 = Cached(token: token, modified: modified, size: size, readAt: now) }
        return token
    }
}
