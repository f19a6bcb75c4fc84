// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// A composed YAML document: every node in document order in one flat array, all scalar text in one byte buffer.
///
/// A collection's children follow it directly and ``Node/end`` is the index after its subtree, so siblings are
/// found without pointers and the tree costs two allocations however large the file. A mapping's children
/// alternate key, value. The root is node 0. Alias nodes only occur in documents that have problems, which are
/// never decoded; they point at their anchored node and are never expanded.
struct YAMLTree {
    /// One node. Scalars keep a byte range into ``bytes``; collections keep their subtree's extent.
    struct Node {
        enum Kind: UInt8 { case scalar, mapping, sequence, alias }

        var kind: Kind
        /// A scalar written without quotes or block indicators (`plain` in libyaml's terms).
        var isPlain: Bool
        /// The node's resolved tag as an index into ``YAMLTree/tags``; 0 means the default tag of its kind.
        var tag: Int32
        /// The 1-based line and column (in Unicode scalars) where the node starts.
        var line: Int
        var column: Int
        /// Scalars: the offset of the text in ``YAMLTree/bytes``. Aliases: the index of the anchored node.
        var start: Int
        /// Scalars: the length of the text in bytes. Collections: the number of children.
        var count: Int
        /// The index after this node's subtree.
        var end: Int
    }

    var nodes: [Node] = []
    var bytes: [UInt8] = []
    /// Explicit tags, interned; the first three are the default tags of scalars, sequences and mappings.
    var tags: [String] = ["", Self.stringTag, Self.sequenceTag, Self.mappingTag]

    static let stringTag = "tag:yaml.org,2002:str"
    static let sequenceTag = "tag:yaml.org,2002:seq"
    static let mappingTag = "tag:yaml.org,2002:map"

    /// The text of a scalar.
    func string(_ index: Int) -> String {
        let node = nodes[index]
        return bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[node.start..<node.start + node.count]), as: UTF8.self)
        }
    }

    /// Whether a scalar's text is exactly `text`, compared byte for byte without making a `String`.
    func scalar(_ index: Int, is text: StaticString) -> Bool {
        let node = nodes[index]
        guard node.kind == .scalar, node.count == text.utf8CodeUnitCount else { return false }
        return bytes.withUnsafeBufferPointer { buffer in
            text.withUTF8Buffer { expected in
                for offset in 0..<expected.count where buffer[node.start + offset] != expected[offset] { return false }
                return true
            }
        }
    }

    /// A plain scalar that YAML reads as null: empty, `~` or `null` in one of its three spellings.
    func isNull(_ index: Int) -> Bool {
        guard nodes[index].kind == .scalar, nodes[index].isPlain else { return false }
        return nodes[index].count == 0 || scalar(index, is: "~") || scalar(index, is: "null")
            || scalar(index, is: "Null") || scalar(index, is: "NULL")
    }

    /// The node an alias stands for; any other node itself.
    func resolved(_ index: Int) -> Int {
        nodes[index].kind == .alias ? nodes[index].start : index
    }

    /// The resolved tag of a node: its explicit tag, or the default tag of its kind.
    func resolvedTag(_ index: Int) -> Int32 {
        let node = nodes[index]
        guard node.tag == 0 else { return node.tag }
        switch node.kind {
        case .scalar, .alias: return 1
        case .sequence: return 2
        case .mapping: return 3
        }
    }

    /// The children of a collection: items of a sequence, or keys and values alternating for a mapping.
    func children(of index: Int) -> Children { Children(tree: self, start: index + 1, end: nodes[index].end) }

    /// The key and value indices of a mapping, in document order.
    func pairs(of index: Int) -> Pairs { Pairs(children: children(of: index)) }

    struct Children: Sequence, IteratorProtocol {
        let tree: YAMLTree
        var start: Int
        let end: Int

        mutating func next() -> Int? {
            guard start < end else { return nil }
            defer { start = tree.nodes[start].end }
            return start
        }
    }

    struct Pairs: Sequence, IteratorProtocol {
        var children: Children

        mutating func next() -> (key: Int, value: Int)? {
            guard let key = children.next(), let value = children.next() else { return nil }
            return (key, value)
        }
    }
}
