// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import IdentitySupport
import Synchronization

/// Reads a projected service-account token file, re-reading it when it changes or every 5 minutes.
///
/// The file is read as every credential file is (``CredentialFile``): a regular file, trimmed UTF-8 text. A file
/// that does not exist or is empty makes the credential unavailable; one that cannot be read (a FIFO, a directory,
/// no permission, not text) is a configuration error that says what the path is.
final class FederatedTokenFile: Sendable {
    private struct Cached {
        var token: Secret
        var status: FileStatus
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

    /// The current token: cached unless the file (its inode, modification time or size) changed, or the cached
    /// token is older than `maxAge`.
    func read() throws -> Secret {
        let current = try? UserFile.status(of: path).get()
        let now = timeSource.now()
        if let cached = state.withLock({ $0 }), let current, Self.same(cached.status, current),
            now.timeIntervalSince(cached.readAt) < maxAge
        {
            return cached.token
        }
        switch CredentialFile.read(path) {
        case .success(let contents):
            let token = Secret(contents.text)
            state.withLock { $0 = Cached(token: token, status: contents.status, readAt: now) }
            return token
        case .failure(let problem):
            throw AzureIdentityError(
                code: problem.isMissing ? .credentialUnavailable : .invalidConfiguration,
                message: "WorkloadIdentityCredential: the token file '\(path)' \(problem).",
                credentialName: "WorkloadIdentityCredential"
            )
        }
    }

    private static func same(_ cached: FileStatus, _ current: FileStatus) -> Bool {
        cached.identity == current.identity && cached.modified == current.modified && cached.size == current.size
    }
}
