// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

public import Logging

/// Tries credentials in order: an *unavailable* credential passes to the next, any other failure stops the chain
/// (``ChainPolicy/standard``).
///
/// When no credential succeeds, throws a ``ChainError`` listing every link with its outcome and reason, those the
/// chain did not reach included. A cancelled caller gets `CancellationError` and no later link is tried. Every
/// call walks the chain from the top; each credential's own cache makes repeated calls cheap.
public struct ChainedTokenCredential: TokenCredential {
    /// The credentials, in order.
    public let sources: [any TokenCredential]
    private let logger: Logger

    /// Creates a chain.
    public init(
        _ sources: [any TokenCredential],
        logger: Logger = Logger(label: "AzureIdentity", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.sources = sources
        self.logger = logger
    }

    /// Returns the first token a credential produces.
    nonisolated(nonsending) public func getToken(for request: TokenRequest) async throws -> AccessToken {
        let names = sources.map { String(describing: type(of: $0)) }
        let conclusion = try await ChainEngine.run(
            sources.map { _ in ChainEngine.Link(policy: .standard) },
            attempt: { index in try await ChainEngine.run(sources[index], for: request, limit: nil) },
            observe: { report in
                logger.debug(
                    "ChainedTokenCredential: \(names[report.index]) \(report.outcome)",
                    metadata: report.reason.map { ["reason": "\($0)"] } ?? [:])
            })
        switch conclusion {
        case .token(let token, let winner):
            logger.info("ChainedTokenCredential: \(names[winner]) succeeded", metadata: ["scopes": "\(request.scopes)"])
            return token
        case .noToken(_, let reports):
            throw ChainError(reports: reports, chainName: "ChainedTokenCredential") { names[$0] }
        }
    }
}
