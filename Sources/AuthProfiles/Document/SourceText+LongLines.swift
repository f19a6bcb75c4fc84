// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

extension SourceText {
    /// A line too long to show whole, indexed once when the text is read so that each diagnostic on it reads only
    /// the few hundred scalars around its column.
    struct LongLine: Sendable {
        /// How many scalars apart the checkpoints are.
        static let stride = 64
        /// How many scalars beyond the shown window are read on each side
        /// (see ``SourceText/displayedLine(_:around:)``).
        static let margin = 64

        /// The UTF-8 offset from the line's start of scalar `k * stride`, for k = 0, 1, …
        private let checkpoints: [Int]
        /// The number of scalars in the line.
        let scalarCount: Int
        /// The first column that is not a space or tab.
        let firstText: Int
        /// The first column at which the value of a key that names a secret starts: masked to the end of the line
        /// when the document was not decoded (as ``SourceText/secretKeyValues(in:)`` masks a short line).
        let secretValueColumn: Int?

        init(_ line: Substring) {
            var checkpoints: [Int] = []
            var count = 0
            var firstText: Int?
            var offset = 0
            for byte in line.utf8 {
                if byte & 0xC0 != 0x80 {
                    if count % Self.stride == 0 { checkpoints.append(offset) }
                    count += 1
                    if firstText == nil, byte != UInt8(ascii: " "), byte != UInt8(ascii: "\t") { firstText = count }
                }
                offset += 1
            }
            self.checkpoints = checkpoints
            scalarCount = count
            self.firstText = firstText ?? count + 1
            secretValueColumn = SourceText.secretKeyValues(in: Array(line.unicodeScalars)).map(\.lowerBound).min()
        }

        /// `count` scalars (fewer at the end of the line) from a 1-based column of `line`, the line this was made of.
        func scalars(of line: Substring, from column: Int, count: Int) -> [Unicode.Scalar] {
            let scalarIndex = max(column - 1, 0)
            let checkpoint = scalarIndex / Self.stride
            guard checkpoint < checkpoints.count else { return [] }
            let start = line.utf8.index(line.startIndex, offsetBy: checkpoints[checkpoint])
            return Array(line.unicodeScalars[start...].dropFirst(scalarIndex % Self.stride).prefix(count))
        }
    }

    /// Consecutive scalars of one line, addressed by the line's 1-based columns.
    struct LineSlice {
        let scalars: [Unicode.Scalar]
        /// The column of `scalars[0]`.
        let first: Int
        /// One past the line's last column.
        let lineEnd: Int
        /// The line's first column that is not a space or tab.
        let firstText: Int

        init(scalars: [Unicode.Scalar], first: Int, lineEnd: Int, firstText: Int? = nil) {
            self.scalars = scalars
            self.first = first
            self.lineEnd = lineEnd
            self.firstText = firstText ?? (scalars.firstIndex { $0 != " " && $0 != "\t" } ?? scalars.count) + 1
        }

        /// The scalar at a column, which must be in the slice.
        subscript(column: Int) -> Unicode.Scalar { scalars[column - first] }

        /// The scalar at a column, or `nil` outside the slice.
        func scalar(at column: Int) -> Unicode.Scalar? {
            scalars.indices.contains(column - first) ? scalars[column - first] : nil
        }
    }
}
