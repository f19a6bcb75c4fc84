import Foundation

/// The process-wide transport used when ``CredentialOptions/transport`` is `nil`.
enum SharedTransport {
    private static let result: Result<AsyncHTTPClientTransport, any Error> = Result {
        try AsyncHTTPClientTransport(
            configuration: .fromEnvironment(ProcessInfo.processInfo.environment)
        )
    }

    static func get() throws -> AsyncHTTPClientTransport {
        try result.get()
    }
}
