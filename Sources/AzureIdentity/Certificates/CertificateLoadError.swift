// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

package import IdentitySupport

/// Why a certificate could not be loaded, as the ``AzureIdentityError/underlying`` error of the
/// ``AzureIdentityError`` that ``ClientCertificate``'s loaders throw, for tools that explain the failure in their own
/// words (the error's message is for people and may change). Like every error of the package, a struct with an
/// extensible ``Code``.
public struct CertificateLoadError: Error, Sendable, CustomStringConvertible {
    /// What went wrong; stable, for programs to switch on (with a `default:` clause: codes are added).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name, such as `noPrivateKey`.
        public let description: String
        init(_ description: String) { self.description = description }

        /// The file could not be read: it does not exist, is not a regular file (a directory, a FIFO, a device),
        /// may not be opened, or is too large.
        public static let unreadableFile = Code("unreadableFile")
        /// The data is not PEM, or holds no (parsable) certificate.
        public static let noCertificate = Code("noCertificate")
        /// No private key was found.
        public static let noPrivateKey = Code("noPrivateKey")
        /// The key is encrypted and no password was given.
        public static let passwordRequired = Code("passwordRequired")
        /// An encrypted PEM key could not be decrypted (wrong password).
        public static let keyNotDecrypted = Code("keyNotDecrypted")
        /// PKCS#12 data could not be decrypted or parsed (wrong password, or not PKCS#12).
        public static let pkcs12NotDecrypted = Code("pkcs12NotDecrypted")
        /// A PKCS#12 bundle without an RSA certificate and key.
        public static let pkcs12WithoutRSA = Code("pkcs12WithoutRSA")
        /// The key is not RSA of at least 2048 bits.
        public static let unsupportedKey = Code("unsupportedKey")
        /// The private key does not match the certificate's public key.
        public static let keyMismatch = Code("keyMismatch")
    }

    /// What went wrong.
    public var code: Code
    /// The lower-level error, if any.
    public var underlying: (any Error & Sendable)?
    /// For ``Code/unreadableFile``: what the path is, or why it could not be read.
    package var file: FileProblem?
    /// For ``Code/unreadableFile``: the file that could not be read.
    package var path: String?

    /// Creates an error with `code`, keeping the error that caused it.
    public init(_ code: Code, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.underlying = underlying
    }

    package init(_ code: Code, underlying: (any Error & Sendable)?, file: FileProblem?, path: String?) {
        self.init(code, underlying: underlying)
        self.file = file
        self.path = path
    }

    /// `CertificateLoadError(<code>)`; never the file's contents or a password.
    public var description: String { "CertificateLoadError(\(code))" }
}
