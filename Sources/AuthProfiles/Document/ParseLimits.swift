// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Bounds that keep hostile or accidental input from exhausting time or memory.
///
/// The defaults are far above what a real profile file needs and far below what would hurt:
/// a file of 10,000 profiles is about 5 MB and nests 8 levels deep.
public struct ParseLimits: Sendable, Hashable {
    /// The largest file accepted, in bytes.
    public var maximumFileSize: Int
    /// The deepest nesting of mappings and sequences accepted.
    public var maximumDepth: Int
    /// The most nodes (scalars, mappings, sequences) accepted in one document.
    public var maximumNodes: Int

    /// Creates limits.
    public init(maximumFileSize: Int = 32 * 1024 * 1024, maximumDepth: Int = 64, maximumNodes: Int = 4_000_000) {
        self.maximumFileSize = maximumFileSize
        self.maximumDepth = maximumDepth
        self.maximumNodes = maximumNodes
    }

    /// The limits used when none are given.
    public static let `default` = ParseLimits()
}
