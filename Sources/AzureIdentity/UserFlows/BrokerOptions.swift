// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Options for signing in through the operating system's identity broker (WAM on Windows,
/// `microsoft-identity-broker` on Linux), mirroring Azure Identity's `brokerOptions`.
///
/// On Linux the broker is reached over the session bus; see ``InteractiveBrowserCredential`` and `docs/broker.md`
/// for what is tried in which order and what the application registration needs.
public struct BrokerOptions: Sendable, Hashable {
    /// Use the broker instead of the browser.
    public var enabled: Bool
    /// The native handle of the window the broker's prompt belongs to; empty means none. Not applicable on Linux,
    /// where the broker opens its own window: it is accepted and not sent.
    public var parentWindowHandle: [UInt8]
    /// Try the broker's default (first) account silently first; when that fails, sign in interactively (unless
    /// automatic authentication is disabled).
    public var useDefaultBrokerAccount: Bool
    /// Let personal Microsoft accounts through first-party passthrough: the broker is asked to add
    /// `msal_request_type=consumer_passthrough` to its authorization request. Only for Microsoft's first-party
    /// applications.
    public var legacyEnableMSAPassthrough: Bool

    /// Creates broker options (disabled by default).
    public init(
        enabled: Bool = false,
        parentWindowHandle: [UInt8] = [],
        useDefaultBrokerAccount: Bool = false,
        legacyEnableMSAPassthrough: Bool = false
    ) {
        self.enabled = enabled
        self.parentWindowHandle = parentWindowHandle
        self.useDefaultBrokerAccount = useDefaultBrokerAccount
        self.legacyEnableMSAPassthrough = legacyEnableMSAPassthrough
    }
}
