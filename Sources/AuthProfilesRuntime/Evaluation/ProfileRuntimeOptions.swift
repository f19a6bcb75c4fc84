// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

public import AzureIdentity
public import Foundation
public import Logging

/// Everything evaluation reads from outside the profile: the environment, the transport, the process runner, the
/// clock and the logger. Tests inject each of them instead of changing the process's state.
public struct ProfileRuntimeOptions: Sendable {
    /// The environment profiles are evaluated under: their `{env: …}` bindings, and the variables the `environment`,
    /// `managedIdentity` and `default` kinds read by definition.
    public var environment: [String: String]
    /// The directory relative paths in profiles are read from.
    public var workingDirectory: String
    /// The HTTP transport; when `nil`, one is made on first use from the environment (`SSL_CERT_FILE`,
    /// `HTTPS_PROXY`, …) and the cloud's `caBundle`.
    public var transport: (any HTTPTransport)?
    /// Runs `az`, `azd`, `pwsh` and assertion commands.
    public var processRunner: any ProcessRunner
    /// The one clock of evaluation: token expiry and refresh-ahead, assertion and certificate times, retry
    /// back-off, every deadline and time limit (`TimeSource/instant()`), latencies, and the dry run's "now"
    /// (``InspectionContext/init(options:)``).
    public var timeSource: any TimeSource
    /// Where credentials log. The library never creates a logger of its own.
    public var logger: Logger
    /// Managed identity settings that a profile does not carry, such as the IMDS base URL.
    public var managedIdentity: ManagedIdentityOptions
    /// How a device code is shown to the user.
    public var deviceCodePrompt: @Sendable (DeviceCodeInfo) async -> Void
    /// How long a link may take when the profile gives it no `timeout`; `nil` for no default. Interactive links
    /// (`interactiveBrowser`, `deviceCode`) wait on a person and are not bound by it: their own sign-in timeout
    /// applies (5 minutes for the browser, the device code's lifetime for device code). Defaults to
    /// ``standardLinkTimeout``.
    public var defaultLinkTimeout: Duration?
    /// How long a chain may take when the profile gives it no `deadline`; `nil` for no default. It does not cut
    /// short an interactive link or a link with a `timeout` of its own (a written `deadline` does). Defaults to
    /// ``standardChainDeadline``.
    public var defaultChainDeadline: Duration?
    /// Whether and where profiles' `cache: {persistent: true}` keeps tokens on disk.
    public var tokenCache: ProfileTokenCacheOptions
    /// How the identity broker is reached (``CredentialOptions/brokerConnection``); `nil` is the session bus of
    /// ``environment``. Tests set a fake; the dry run only asks its presence.
    package var brokerConnection: (any IdentityBrokerConnection)?

    /// The default ``defaultLinkTimeout``: 30 seconds, above AzureIdentity's own 20 s bound on one request with its
    /// retries (`RetryPolicy/totalTimeout`), so a request that stalls reports that bound, and anything else a link
    /// waits for (a tool, a file, several requests) is still cut off in seconds.
    public static let standardLinkTimeout: Duration = .seconds(30)
    /// The default ``defaultChainDeadline``: 60 seconds, two links at their default timeout.
    public static let standardChainDeadline: Duration = .seconds(60)

    /// Creates options; every default reads or uses the process (its environment, directory, clock and stderr).
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        workingDirectory: String = FileManager.default.currentDirectoryPath,
        transport: (any HTTPTransport)? = nil,
        processRunner: any ProcessRunner = SubprocessRunner(),
        timeSource: any TimeSource = SystemTimeSource(),
        logger: Logger = Logger(label: "AuthProfiles", factory: { _ in SwiftLogNoOpLogHandler() }),
        managedIdentity: ManagedIdentityOptions = ManagedIdentityOptions(),
        deviceCodePrompt: @escaping @Sendable (DeviceCodeInfo) async -> Void = { info in
            FileHandle.standardError.write(Data((info.message + "\n").utf8))
        },
        defaultLinkTimeout: Duration? = ProfileRuntimeOptions.standardLinkTimeout,
        defaultChainDeadline: Duration? = ProfileRuntimeOptions.standardChainDeadline,
        tokenCache: ProfileTokenCacheOptions = ProfileTokenCacheOptions()
    ) {
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.transport = transport
        self.processRunner = processRunner
        self.timeSource = timeSource
        self.logger = logger
        self.managedIdentity = managedIdentity
        self.deviceCodePrompt = deviceCodePrompt
        self.defaultLinkTimeout = defaultLinkTimeout
        self.defaultChainDeadline = defaultChainDeadline
        self.tokenCache = tokenCache
    }
}
