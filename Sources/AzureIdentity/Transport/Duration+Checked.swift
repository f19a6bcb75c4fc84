// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Conversions between `Duration` and `Double` seconds that cannot trap: every value that reaches them may come
/// from outside (a server's hint, a profile's setting, a caller's option), so out-of-range values saturate instead
/// of overflowing. (For NIO's `TimeAmount`, NIO's own `TimeAmount(_: Duration)` clamps.)
extension Duration {
    /// The duration in seconds, as a `Double` (always finite).
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    /// The largest duration the conversions below produce: 2³² s (about 136 years), far beyond any useful wait
    /// and small enough that its nanoseconds fit in an `Int64`.
    static let saturationLimit: Duration = .seconds(Int64(1) << 32)

    /// `seconds` as a duration with millisecond precision: negative values and NaN give zero, values beyond
    /// ``saturationLimit`` (including infinity) give that limit.
    static func saturating(seconds: Double) -> Duration {
        guard seconds > 0 else { return .zero }
        let limit = saturationLimit.seconds
        guard seconds < limit else { return saturationLimit }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }

    /// The duration clamped into `0...saturationLimit`.
    var clampedToSaturationLimit: Duration {
        min(max(self, .zero), Self.saturationLimit)
    }
}

extension Duration {
    /// A short form for messages: `20s`, `1.5s`, `800ms`, `2m`.
    var shortDescription: String {
        let milliseconds =
            clampedToSaturationLimit.components.seconds * 1000
            + clampedToSaturationLimit.components.attoseconds / 1_000_000_000_000_000
        if milliseconds >= 60_000, milliseconds % 60_000 == 0 { return "\(milliseconds / 60_000)m" }
        if milliseconds >= 1000, milliseconds % 1000 == 0 { return "\(milliseconds / 1000)s" }
        if milliseconds >= 1000 { return "\(Double(milliseconds) / 1000)s" }
        return "\(milliseconds)ms"
    }
}
