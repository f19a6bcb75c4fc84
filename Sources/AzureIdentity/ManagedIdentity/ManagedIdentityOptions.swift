// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Settings of a ``ManagedIdentityCredential``.
///
/// Every endpoint and delay is overridable so tests run against loopback servers and never wait.
public struct ManagedIdentityOptions: Sendable {
    /// The IMDS base URL used in production.
    public static let defaultIMDSBaseURL = "http://169.254.169.254"
    /// Where the Azure Arc agent puts its challenge key files (Linux).
    public static let defaultArcKeyDirectory = "/var/opt/azcmagent/tokens"
    /// The Azure Arc agent binary whose presence selects the Arc source (Linux).
    public static let defaultArcAgentPath = "/opt/azcmagent/bin/himds"

    /// Which identity to ask for.
    public var identity: ManagedIdentityID
    /// The IMDS base URL (scheme, host, port). `nil` means `AZURE_POD_IDENTITY_AUTHORITY_HOST`, else
    /// ``defaultIMDSBaseURL``. `AZURE_POD_IDENTITY_AUTHORITY_HOST` wins over this option, as in Azure Identity.
    public var imdsBaseURL: String?
    /// Probe IMDS once, with this timeout, before the first token request; `nil` (the default) never probes. The
    /// probe is skipped when `AZURE_POD_IDENTITY_AUTHORITY_HOST` is set. Its result is remembered by the credential.
    public var probeTimeout: Duration?
    /// Retries after the first attempt (404, 410, 429, 408, 5xx and network errors). The wait a server may ask for
    /// and the total time all attempts may take come from ``CredentialOptions/retryPolicy``
    /// (``RetryPolicy/maxRetryAfter``, ``RetryPolicy/totalTimeout``), as for every other request.
    public var maxRetries: Int
    /// The first back-off; doubled per attempt.
    public var retryDelay: Duration
    /// The first back-off after a 410 (IMDS says 410 while an identity is still being set up, for up to 70 s).
    public var goneRetryDelay: Duration
    /// The largest back-off.
    public var maxRetryDelay: Duration
    /// Whether back-offs are randomised into `[d/2, d]`.
    public var jitter: Bool
    /// The directory an Azure Arc challenge key file must be in.
    public var arcKeyDirectory: String
    /// The Azure Arc agent binary whose presence selects the Arc source.
    public var arcAgentPath: String
    /// The largest Azure Arc key file accepted.
    public var arcMaxKeyFileBytes: Int

    /// Creates options with Azure Identity's defaults: 5 retries, 800 ms base (3 s after a 410), 64 s cap.
    public init(
        identity: ManagedIdentityID = .systemAssigned,
        imdsBaseURL: String? = nil,
        probeTimeout: Duration? = nil,
        maxRetries: Int = 5,
        retryDelay: Duration = .milliseconds(800),
        goneRetryDelay: Duration = .seconds(3),
        maxRetryDelay: Duration = .seconds(64),
        jitter: Bool = true,
        arcKeyDirectory: String = ManagedIdentityOptions.defaultArcKeyDirectory,
        arcAgentPath: String = ManagedIdentityOptions.defaultArcAgentPath,
        arcMaxKeyFileBytes: Int = 4096
    ) {
        self.identity = identity
        self.imdsBaseURL = imdsBaseURL
        self.probeTimeout = probeTimeout
        self.maxRetries = maxRetries
        self.retryDelay = retryDelay
        self.goneRetryDelay = goneRetryDelay
        self.maxRetryDelay = maxRetryDelay
        self.jitter = jitter
        self.arcKeyDirectory = arcKeyDirectory
        self.arcAgentPath = arcAgentPath
        self.arcMaxKeyFileBytes = arcMaxKeyFileBytes
    }

    /// The retry policy managed identity runs on: these options' counts and delays, 404 and 410 retried besides
    /// 408, 429 and 5xx, a longer first wait after 410, and `base`'s ``RetryPolicy/maxRetryAfter`` and
    /// ``RetryPolicy/totalTimeout`` (``CredentialOptions/retryPolicy``): one cap on `Retry-After` and one total
    /// bound for every request this module sends.
    func retryPolicy(basedOn base: RetryPolicy) -> RetryPolicy {
        var policy = base
        policy.maxRetries = maxRetries
        policy.baseDelay = retryDelay
        policy.promptFirstRetry = false
        policy.maxDelay = maxRetryDelay
        policy.jitter = jitter
        policy.additionalRetryableStatuses = [404, 410]
        policy.firstDelayAfterStatus = [410: goneRetryDelay]
        return policy
    }
}

extension ManagedIdentityOptions {
    /// The back-off before retry `attempt` (0-based) after `status` (`nil`: a network error), including jitter
    /// when enabled. A server's `Retry-After` (up to ``RetryPolicy/maxRetryAfter``) takes precedence over this.
    public func retryDelay(attempt: Int, status: Int?) -> Duration {
        retryPolicy(basedOn: .default).backoff(attempt: attempt, status: status)
    }
}
