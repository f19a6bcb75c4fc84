// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import NIOSSL

/// A TLS handshake failure that retrying cannot fix, recognised among the errors AsyncHTTPClient passes through.
///
/// A certificate not issued for the host, or not chaining to a trusted CA (or expired), fails the same way on
/// every attempt; retrying only repeats the handshake (4 of them, 3–5 s, before this was recognised). A connection
/// that breaks during the handshake is not one of these: it stays a retryable ``TransportError/Code/connectionFailed``.
struct TLSFailure {
    /// Why, for the error message: never more than the host and the verification verdict.
    let message: String

    /// The failure `error` describes, or `nil` when it is not a TLS verification failure.
    init?(_ error: any Error, host: String) {
        let shownHost = host.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 0x20 } ? host : "the server"
        if let extra = error as? NIOSSLExtraError, extra == .failedToValidateHostname {
            message =
                "the TLS certificate of \(shownHost) is not valid for that name (it was issued for other "
                + "names); retrying cannot change it"
            return
        }
        guard case NIOSSLError.handshakeFailed(let failure) = error else { return nil }
        let text = String(describing: failure)
        if text.contains("CERTIFICATE_VERIFY_FAILED") {
            message =
                "the TLS certificate of \(shownHost) was not accepted: it does not chain to a trusted CA, or "
                + "it is expired or not yet valid (add a private CA with SSL_CERT_FILE or the cloud's caBundle); "
                + "retrying cannot change it"
        } else {
            message =
                "the TLS handshake with \(shownHost) failed: client and server share no protocol version or "
                + "cipher, or the server does not speak TLS on this port; retrying cannot change it"
        }
    }
}
