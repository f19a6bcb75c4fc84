// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// A string that must never be printed, logged or dumped.
///
/// `Secret` wraps client secrets, passwords, client assertions and tokens. Its `description`,
/// `debugDescription` and reflection (`dump`, `Mirror`) all print ``Secret/redactionMarker``; the only way to
/// read the value is the explicitly named ``Secret/revealedValue()``.
public struct Secret: Sendable, Hashable {
    /// The text printed in place of any secret value.
    public static let redactionMarker = "<redacted>"

    private let storage: String

    /// Wraps a secret value.
    /// - Parameter value: The raw secret.
    public init(_ value: String) {
        self.storage = value
    }

    /// Returns the raw secret. Call this only at the point where the value goes on the wire.
    public func revealedValue() -> String {
        storage
    }

    /// Whether the secret is the empty string.
    public var isEmpty: Bool {
        storage.isEmpty
    }
}

extension Secret: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Always ``Secret/redactionMarker``.
    public var description: String { Self.redactionMarker }

    /// Always ``Secret/redactionMarker``.
    public var debugDescription: String { Self.redactionMarker }

    /// A mirror without children, so `dump` and reflection never see the value.
    public var customMirror: Mirror {
        Mirror(self, children: [], displayStyle: .struct)
    }
}
