// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// "Did you mean" suggestions by edit distance, case-insensitively.
///
/// The work per suggestion is bounded, since a hostile file can ask for one per line: a word longer than
/// ``maximumLength`` gets none, candidates whose length differs by more than the largest allowed distance are
/// skipped before anything is allocated, and the distance is computed in a band of width 2 × 3 + 1 that stops as
/// soon as every entry of a row exceeds the best distance still useful. ``Budget`` caps how much of this one
/// document asks for.
package enum Suggestion {
    /// No suggestion is ever more than this many edits away.
    static let maximumDistance = 3
    /// Words longer than this (in Unicode scalars) get no suggestion: no key, type or name is that long.
    static let maximumLength = 64

    /// The candidate closest to `word`, if it is close enough to be a likely typo.
    package static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let wordLength = word.unicodeScalars.prefix(maximumLength + 1).count
        guard wordLength > 0, wordLength <= maximumLength else { return nil }
        let lowered = Array(word.lowercased().unicodeScalars)
        var best: (candidate: String, distance: Int)?
        var other: [Unicode.Scalar] = []
        for candidate in candidates {
            // Counted without allocating: most candidates of a long list end here.
            let length = candidate.unicodeScalars.prefix(lowered.count + maximumDistance + 1).count
            guard abs(length - lowered.count) <= maximumDistance else { continue }
            let limit = min(allowedDistance(wordLength, length), (best?.distance ?? .max) - 1)
            guard limit >= 0 else { continue }
            other.removeAll(keepingCapacity: true)
            other.append(contentsOf: candidate.lowercased().unicodeScalars)
            if let distance = editDistance(lowered, other, atMost: limit) { best = (candidate, distance) }
        }
        return best?.candidate
    }

    /// A hint sentence, or `nil` when nothing is close.
    static func hint(for word: String, in candidates: some Sequence<String>) -> String? {
        closest(to: word, in: candidates).map { "did you mean '\($0)'?" }
    }

    /// How many edits still count as a typo for words of these lengths: 1 for short words, up to 3 for long ones.
    static func allowedDistance(_ first: Int, _ second: Int) -> Int {
        max(1, min(maximumDistance, (max(first, second) + 2) / 4))
    }

    /// Levenshtein distance with adjacent transpositions counted as one edit, or `nil` when it exceeds `limit`.
    ///
    /// Only the band `|i - j| <= limit` is computed (a path outside it costs more than `limit`), and a row whose
    /// every entry exceeds `limit` ends the search: O(length × limit) time, with three reused rows.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], atMost limit: Int) -> Int? {
        guard abs(a.count - b.count) <= limit else { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        let outside = limit + 1
        var previousPrevious = [Int](repeating: outside, count: b.count + 1)
        var previous = (0...b.count).map { min($0, outside) }
        var current = [Int](repeating: outside, count: b.count + 1)
        for i in 1...a.count {
            let low = max(1, i - limit)
            let high = min(b.count, i + limit)
            current[0] = min(i, outside)
            if low > 1 { current[low - 1] = outside }
            var rowMinimum = current[0]
            for j in low...high {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = min(value, outside)
                rowMinimum = min(rowMinimum, current[j])
            }
            if high < b.count { current[high + 1] = outside }
            guard rowMinimum <= limit else { return nil }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }

    /// How much did-you-mean work one pass over a document (decoding, graph building) may still do, counted in
    /// candidates compared. A file with thousands of misspellings gets suggestions until the budget is spent and
    /// plain hints after that; a search among a file's 10,000 profile names costs as much as 500 searches among
    /// a mapping's 20 keys. At most a few hundred milliseconds per pass, whatever the file.
    struct Budget {
        /// The candidates each pass may compare.
        static let comparisons = 250_000

        private(set) var remaining = Budget.comparisons

        /// A hint for `word` among `candidates`, while the budget lasts.
        mutating func hint(for word: String, in candidates: some Collection<String>) -> String? {
            closest(to: word, in: candidates).map { "did you mean '\($0)'?" }
        }

        /// The closest candidate, while the budget lasts.
        mutating func closest(to word: String, in candidates: some Collection<String>) -> String? {
            let cost = max(1, candidates.count)
            guard remaining >= cost else { return nil }
            remaining -= cost
            return Suggestion.closest(to: word, in: candidates)
        }
    }
}
