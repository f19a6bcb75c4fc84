import IdentitySupport

/// Why a certificate could not be loaded, as the ``AzureIdentityError/underlying`` error of the
/// ``AzureIdentityError`` that ``ClientCertificate``'s loaders throw, for tools that explain the failure in their own
/// words (the error's message is for people and may change).
public struct CertificateLoadError: Error, Sendable, CustomStringConvertible {
    /// The reason; stable, for programs to switch on.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        /// The reason's name, such as `noPrivateKey`.
        public let description: String
        init(_ description: String) { self.description = description }

        /// The file could not be read: it does not exist, is not a regular file (a directory, a FIFO, a device),
        /// may not be opened, or is too large.
        public static let unreadableFile = Reason("unreadableFile")
        /// The data is not PEM, or holds no (parsable) certificate.
        public static let noCertificate = Reason("noCertificate")
        /// No private key was found.
        public static let noPrivateKey = Reason("noPrivateKey")
        /// The key is encrypted and no password was given.
        public static let passwordRequired = Reason("passwordRequired")
        /// An encrypted PEM key could not be decrypted (wrong password).
        public static let keyNotDecrypted = Reason("keyNotDecrypted")
        /// PKCS#12 data could not be decrypted or parsed (wrong password, or not PKCS#12).
        public static let pkcs12NotDecrypted = Reason("pkcs12NotDecrypted")
        /// A PKCS#12 bundle without an RSA certificate and key.
        public static let pkcs12WithoutRSA = Reason("pkcs12WithoutRSA")
        /// The key is not RSA of at least 2048 bits.
        public static let unsupportedKey = Reason("unsupportedKey")
        /// The private key does not match the certificate's public key.
        public static let keyMismatch = Reason("keyMismatch")
    }

    /// The reason.
    public var reason: Reason
    /// The lower-level error, if any.
    public var underlying: (any Error & Sendable)?
    /// For ``Reason/unreadableFile``: what the path is, or why it could not be read.
    package var file: FileProblem?
    /// For ``Reason/unreadableFile``: the file that could not be read.
    package var path: String?

    /// Creates an error for `reason`, keeping the error that caused it.
    public init(_ reason: Reason, underlying: (any Error & Sendable)? = nil) {
        self.reason = reason
        self.underlying = underlying
    }

    package init(_ reason: Reason, underlying: (any Error & Sendable)?, file: FileProblem?, path: String?) {
        self.init(reason, underlying: underlying)
        self.file = file
        self.path = path
    }

    /// `CertificateLoadError(<reason>)`; never the file's contents or a password.
    public var description: String { "CertificateLoadError(\(reason))" }
}
