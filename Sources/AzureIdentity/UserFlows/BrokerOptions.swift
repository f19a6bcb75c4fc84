/// Options for signing in through the operating system's identity broker (WAM on Windows,
/// `microsoft-identity-broker` on Linux), mirroring Azure Identity's `brokerOptions`.
///
/// They are accepted and validated now; the broker itself is not implemented yet, so an
/// ``InteractiveBrowserCredential`` with ``enabled`` set reports ``AzureIdentityError/Code/credentialUnavailable``
/// instead of opening a browser.
public struct BrokerOptions: Sendable, Hashable {
    /// Use the broker instead of the browser.
    public var enabled: Bool
    /// The native handle of the window the broker's prompt belongs to; empty means none.
    public var parentWindowHandle: [UInt8]
    /// Try the operating system's default account silently first.
    public var useDefaultBrokerAccount: Bool
    /// Let personal Microsoft accounts through first-party passthrough (`msal_request_type=consumer_passthrough`).
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
