// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Durations as profiles write them: a whole number and a unit, `500ms`, `2s`, `1m` or `1h`.
public enum ProfileDuration {
    /// Parses `500ms`, `2s`, `1m`, `1h`; `nil` for anything else (zero, negative values, overflow).
    public static func parse(_ text: String) -> Duration? {
        let units: [(suffix: String, milliseconds: Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        for unit in units where text.hasSuffix(unit.suffix) {
            let digits = text.dropLast(unit.suffix.count)
            guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                let count = Int64(digits), count > 0
            else { return nil }
            return .milliseconds(count * unit.milliseconds)
        }
        return nil
    }

    /// Formats a duration back in the largest unit that represents it exactly.
    public static func format(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        for (suffix, size) in [("h", Int64(3_600_000)), ("m", 60_000), ("s", 1000)]
        where milliseconds != 0 && milliseconds % size == 0 {
            return "\(milliseconds / size)\(suffix)"
        }
        return "\(milliseconds)ms"
    }

    /// The regular expression the JSON Schema uses for durations.
    static let pattern = "^0{0,8}[1-9][0-9]{0,8}(ms|s|m|h)$"
}
