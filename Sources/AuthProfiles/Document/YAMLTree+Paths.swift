// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

extension YAMLTree {
    /// Where each node sits in its parent, so that a node's key path (`profiles.prod.credential.links[0]`) can be
    /// written when a diagnostic needs it instead of being built for every field while decoding.
    ///
    /// Built in one pass over the tree, the first time a path is asked for; a file without problems never builds it.
    struct Paths {
        /// The parent of each node; -1 for the root (and for nodes outside the first document).
        private var parents: [Int]
        /// For a mapping's key or value: the key node. For a sequence's item: its index in the sequence.
        private var labels: [Int]

        init(_ tree: YAMLTree) {
            parents = Array(repeating: -1, count: tree.nodes.count)
            labels = Array(repeating: 0, count: tree.nodes.count)
            for index in tree.nodes.indices {
                let isMapping = tree.nodes[index].kind == .mapping
                guard isMapping || tree.nodes[index].kind == .sequence else { continue }
                var key = 0
                for (ordinal, child) in tree.children(of: index).enumerated() {
                    parents[child] = index
                    if isMapping {
                        if ordinal % 2 == 0 { key = child }
                        labels[child] = key
                    } else {
                        labels[child] = ordinal
                    }
                }
            }
        }

        /// The key path of a node as diagnostics give it: mapping keys joined by `.`, sequence items as `[index]`;
        /// `""` for the root. A mapping's key has the path of its pair. Keys in `hidden` (a key in a secret's place
        /// may be the secret) are written as ``CredentialShape/marker``.
        func path(of node: Int, in tree: YAMLTree, hiding hidden: Set<Int> = []) -> String {
            var steps: [(parent: Int, label: Int)] = []
            var current = node
            while parents[current] >= 0 {
                steps.append((parents[current], labels[current]))
                current = parents[current]
            }
            var path = ""
            for (parent, label) in steps.reversed() {
                if tree.nodes[parent].kind == .sequence {
                    path += "[\(label)]"
                } else {
                    let key = hidden.contains(label) ? CredentialShape.marker : tree.string(label)
                    path += path.isEmpty ? key : "." + key
                }
            }
            return path
        }
    }
}
