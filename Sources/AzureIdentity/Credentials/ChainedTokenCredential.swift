import Logging

/// Tries credentials in order: an *unavailable* credential passes to the next, any other failure stops the chain.
///
/// When no credential succeeds, throws a ``ChainError`` listing every attempted link with its outcome and reason.
/// Every call walks the chain from the top; each credential's own cache makes repeated calls cheap.
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
        var attempts: [ChainError.Attempt] = []
        for source in sources {
            let name = String(describing: type(of: source))
            do {
                let token = try await source.getToken(for: request)
                logger.info("ChainedTokenCredential: \(name) succeeded", metadata: ["scopes": "\(request.scopes)"])
                return token
            } catch let error as CancellationError {
                throw error
            } catch {
                // A nested chain whose links were all unavailable is itself unavailable.
                let unavailable =
                    (error as? AzureIdentityError)?.allowsChainToContinue
                    ?? (error as? ChainError)?.allLinksUnavailable ?? false
                let reason = (error as? AzureIdentityError)?.message ?? "\(error)"
                attempts.append(
                    ChainError.Attempt(
                        credentialName: name,
                        outcome: unavailable ? .unavailable : .failed,
                        reason: reason,
                        error: error
                    )
                )
                logger.debug(
                    "ChainedTokenCredential: \(name) \(unavailable ? "unavailable" : "failed")",
                    metadata: ["reason": "\(reason)"]
                )
                if !unavailable { break }
            }
        }
        throw ChainError(attempts: attempts)
    }
}
