// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

public import Foundation
import IdentitySupport
public import Logging

/// Options shared by every credential that talks to a Microsoft Entra token endpoint.
///
/// Everything that does I/O or reads ambient state is injectable: the transport, the clock, the environment,
/// the logger and the process runner. Nothing here is read from the process unless you pass it in (the defaults
/// do read the process environment and use a shared AsyncHTTPClient transport).
public struct CredentialOptions: Sendable {
    /// The authority host; `nil` means `AZURE_AUTHORITY_HOST` from ``environment``, else the public cloud.
    public var authorityHost: AuthorityHost?
    /// Tenants (besides the configured one) a request may ask for; `*` allows any.
    public var additionallyAllowedTenants: [String]
    /// The HTTP transport; `nil` uses a process-wide ``AsyncHTTPClientTransport`` configured from the environment.
    public var transport: (any HTTPTransport)?
    /// How requests are retried, and how long one request may take with all its retries
    /// (``RetryPolicy/totalTimeout``, 20 s by default). Managed identity takes its `Retry-After` cap and total
    /// timeout from here too.
    public var retryPolicy: RetryPolicy
    /// The deadline for one HTTP attempt (connecting, sending and receiving the whole answer); 10 s by default.
    /// ``RetryPolicy/totalTimeout`` bounds all attempts together.
    public var requestTimeout: Duration
    /// The clock used for expiry, refresh-ahead and retry back-off.
    public var timeSource: any TimeSource
    /// The environment variables the credential may read.
    public var environment: [String: String]
    /// Where the credential logs. Secrets are never logged. Defaults to a logger that discards everything.
    public var logger: Logger
    /// Runs the developer tools (`az`, `azd`, `pwsh`); defaults to ``SubprocessRunner``.
    public var processRunner: any ProcessRunner
    /// Keeps tokens on disk too, shared with later processes (see ``TokenCachePersistenceOptions``), for the
    /// credentials that use a token endpoint (and, for user flows, their refresh tokens and signed-in account);
    /// `nil` (the default) keeps them in memory only. Azure Identity's `tokenCachePersistenceOptions`.
    public var tokenCachePersistence: TokenCachePersistenceOptions?
    /// How the identity broker is reached; `nil` (the default) is the session bus named by
    /// `DBUS_SESSION_BUS_ADDRESS` in ``environment`` (see ``resolvedBrokerConnection``). Tests set a fake.
    package var brokerConnection: (any IdentityBrokerConnection)?

    /// The default ``requestTimeout``: 10 seconds. Entra ID and managed identity endpoints answer in well under a
    /// second; an attempt that takes longer is stalled, and the retry policy tries again while its total timeout
    /// allows.
    public static let defaultRequestTimeout: Duration = .seconds(10)

    /// Creates options.
    public init(
        authorityHost: AuthorityHost? = nil,
        additionallyAllowedTenants: [String] = [],
        transport: (any HTTPTransport)? = nil,
        retryPolicy: RetryPolicy = .default,
        requestTimeout: Duration = CredentialOptions.defaultRequestTimeout,
        timeSource: any TimeSource = SystemTimeSource(),
        environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger = Logger(label: "AzureIdentity", factory: { _ in SwiftLogNoOpLogHandler() }),
        processRunner: any ProcessRunner = SubprocessRunner(),
        tokenCachePersistence: TokenCachePersistenceOptions? = nil
    ) {
        self.authorityHost = authorityHost
        self.additionallyAllowedTenants = additionallyAllowedTenants
        self.transport = transport
        self.retryPolicy = retryPolicy
        self.requestTimeout = requestTimeout
        self.timeSource = timeSource
        self.environment = environment
        self.logger = logger
        self.processRunner = processRunner
        self.tokenCachePersistence = tokenCachePersistence
    }

    /// The authority host to use: the explicit one, else `AZURE_AUTHORITY_HOST`, else the public cloud.
    public func resolvedAuthorityHost() throws -> AuthorityHost {
        if let authorityHost { return authorityHost }
        if let value = EnvironmentVariables(environment)["AZURE_AUTHORITY_HOST"] { return try AuthorityHost(value) }
        return .publicCloud
    }

    /// The allowed-tenant list with `*` collapsed.
    var normalizedAllowedTenants: [String] {
        additionallyAllowedTenants.contains("*") ? ["*"] : additionallyAllowedTenants
    }
}
