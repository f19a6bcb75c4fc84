// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

extension YAMLComposer {
    /// Visits a node as a preorder walk of the first document would; returns whether the walk enters it.
    ///
    /// The walk skips what lies inside an anchored node and both sides of a pair whose key is complex or `<<`,
    /// and stops for good at the first node over the depth or node limit.
    mutating func visit(_ index: Int, mark: Mark, anchor: String?, tag: String?, inspected: Bool) -> Bool {
        let resolved = tree.resolved(index)
        let node = tree.nodes[resolved]
        let at = Mark(line: node.line, column: node.column)
        var isVisited = inspected
        var keyMark: Mark?
        if let last = frames.indices.last {
            isVisited = isVisited && frames[last].isEntered
            if frames[last].isMapping {
                if frames[last].atKey {
                    let skips = isComplex(node) || isMergeKey(resolved)
                    frames[last].skipsValue = skips
                    frames[last].keyMark = at
                    isVisited = isVisited && !skips
                } else {
                    isVisited = isVisited && !frames[last].skipsValue
                    keyMark = frames[last].keyMark
                }
            }
        } else if inspected {
            rootMark = at
        }
        guard isVisited, !isStopped else { return false }
        visitedNodes += 1
        if visitedNodes > limits.maximumNodes {
            problems.append(
                Diagnostic(
                    .tooManyNodes, "document has more than \(limits.maximumNodes) nodes",
                    at: location(rootMark)))
            isStopped = true
            return false
        }
        if frames.count + 1 > limits.maximumDepth {
            problems.append(
                Diagnostic(
                    .nestingTooDeep,
                    "mappings and lists nest deeper than \(limits.maximumDepth) levels",
                    at: location(at)))
            isStopped = true
            return false
        }
        if let anchor {
            // An alias stands for its anchored node, which was written before the key it is the value of.
            if let keyMark, (at.line, at.column) < (keyMark.line, keyMark.column) {
                problems.append(
                    Diagnostic(
                        .anchorOrAlias,
                        "alias '*\(ShownValue.shown(anchor))' is not allowed in a profile",
                        at: location(keyMark), hint: "write the value out in full"))
            } else {
                problems.append(
                    Diagnostic(
                        .anchorOrAlias,
                        "anchor '&\(ShownValue.shown(anchor))' is not allowed in a profile",
                        at: location(at),
                        hint: "write values out in full; use `extends` to share settings"))
            }
            return false
        }
        if let tag, !Self.allowedTags.contains(tag) {
            let prefix = "tag:yaml.org,2002:"
            let shown = tag.hasPrefix(prefix) ? "!!" + tag.dropFirst(prefix.count) : tag
            problems.append(
                Diagnostic(
                    .explicitTag,
                    "explicit tag '\(ShownValue.shown(shown))' is not allowed in a profile",
                    at: location(at), hint: "remove the tag; values are typed by field"))
        }
        return true
    }

    private static let allowedTags: Set<String> = [
        "", "!", YAMLTree.stringTag, YAMLTree.mappingTag,
        YAMLTree.sequenceTag,
    ]

    private func isComplex(_ node: YAMLTree.Node) -> Bool { node.kind == .mapping || node.kind == .sequence }

    private func isMergeKey(_ resolved: Int) -> Bool {
        tree.nodes[resolved].isPlain && tree.scalar(resolved, is: "<<")
    }

    /// Reports an entered mapping's complex and merge keys, last first, ahead of everything found inside it.
    mutating func reportKeys(of mapping: Int, at slot: Int) {
        var found: [Diagnostic] = []
        for (key, _) in tree.pairs(of: mapping) {
            let resolved = tree.resolved(key)
            let node = tree.nodes[resolved]
            if isComplex(node) {
                found.append(
                    Diagnostic(
                        .complexKey, "mapping keys must be plain strings",
                        at: location(Mark(line: node.line, column: node.column))))
            } else if isMergeKey(resolved) {
                found.append(
                    Diagnostic(
                        .mergeKey, "merge key '<<' is not allowed in a profile",
                        at: location(Mark(line: node.line, column: node.column)),
                        hint: "use `extends` to inherit from another profile"))
            }
        }
        if !found.isEmpty { problems.insert(contentsOf: found.reversed(), at: slot) }
    }

    func location(_ mark: Mark) -> SourceLocation {
        SourceLocation(file: path, line: mark.line, column: mark.column)
    }
}

// MARK: Repeated keys

extension YAMLComposer {
    /// How two keys compare: scalars by text and tag, collections by structure.
    enum StructureKey: Hashable {
        case scalar(String, Int32)
        case collection(YAMLTree.Node.Kind, Int32, [Int])
    }

    /// A mapping that repeats a key, reported as a compiler reports a redefinition: at the first repeat in document
    /// order, with the key's first occurrence as a related location ("first defined here"). Every repeated plain
    /// key is named, sorted. A repeated complex key is reported as such at the start of the file.
    mutating func repeatedKeyFailure(mapping: Int) -> Diagnostic? {
        if hasDistinctASCIIKeys(mapping) { return nil }
        let keys = tree.pairs(of: mapping).map { tree.resolved($0.key) }
        guard keys.count > 1 else { return nil }
        // Each repeated key: its first occurrence and its first repeat (as written, so an alias is located where
        // the alias is).
        let written = tree.pairs(of: mapping).map(\.key)
        var repeated: [(first: Int, repeat: Int)] = []
        if keys.count <= 16 {
            var isRepeat = [Bool](repeating: false, count: keys.count)
            for first in keys.indices where !isRepeat[first] {
                var found: Int?
                for other in first + 1..<keys.count where !isRepeat[other] && sameKey(keys[first], keys[other]) {
                    isRepeat[other] = true
                    if found == nil { found = other }
                }
                if let found { repeated.append((keys[first], written[found])) }
            }
        } else {
            var seen: [StructureKey: (first: Int, counted: Bool)] = [:]
            for (position, key) in keys.enumerated() {
                let identity = structureKey(key)
                if let entry = seen[identity] {
                    if !entry.counted {
                        repeated.append((entry.first, written[position]))
                        seen[identity] = (entry.first, true)
                    }
                } else {
                    seen[identity] = (key, false)
                }
            }
        }
        guard !repeated.isEmpty else { return nil }
        if repeated.contains(where: { tree.nodes[$0.first].kind != .scalar }) {
            return Diagnostic(
                .complexKey, "a mapping repeats a key that is not a plain string",
                at: location(Mark(line: 1, column: 1)), hint: "mapping keys must be plain strings")
        }
        let reported = repeated.min { $0.repeat < $1.repeat } ?? repeated[0]
        let name = tree.string(reported.first)
        let others = Set(repeated.map { tree.string($0.first) }).subtracting([name]).sorted().map(ShownValue.quoted)
        let (first, again) = (tree.nodes[reported.first], tree.nodes[reported.repeat])
        let also = others.isEmpty ? "" : " (so do \(others.joined(separator: ", ")))"
        return Diagnostic(
            .duplicateKey, "key \(ShownValue.quoted(name)) appears more than once in the same mapping\(also)",
            at: location(Mark(line: again.line, column: again.column)),
            hint: "remove or merge the repeated entries",
            related: [RelatedLocation("first defined here", at: location(Mark(line: first.line, column: first.column)))]
        )
    }

    /// The common case, decided without allocating: a small mapping whose keys are all ASCII scalars (not
    /// aliases) with pairwise different bytes has no repeated key. Anything else takes the full comparison.
    private func hasDistinctASCIIKeys(_ mapping: Int) -> Bool {
        guard tree.nodes[mapping].count <= 32 else { return false }
        func text(_ node: YAMLTree.Node) -> ArraySlice<UInt8> { tree.bytes[node.start..<node.start + node.count] }
        var keys = tree.pairs(of: mapping)
        while let (key, _) = keys.next() {
            let node = tree.nodes[key]
            guard node.kind == .scalar, !text(node).contains(where: { $0 >= 0x80 }) else { return false }
            var later = keys
            while let (other, _) = later.next() {
                let next = tree.nodes[other]
                if next.kind == .scalar && next.count == node.count && text(next) == text(node) { return false }
            }
        }
        return true
    }

    /// Whether two resolved keys are equal as Yams compared nodes (`String` equality, so canonically
    /// equivalent texts are equal).
    private mutating func sameKey(_ lhs: Int, _ rhs: Int) -> Bool {
        if lhs == rhs { return true }
        let (left, right) = (tree.nodes[lhs], tree.nodes[rhs])
        guard left.kind == right.kind, tree.resolvedTag(lhs) == tree.resolvedTag(rhs) else { return false }
        guard left.kind == .scalar else { return structureID(lhs) == structureID(rhs) }
        let (a, b) = (
            tree.bytes[left.start..<left.start + left.count], tree.bytes[right.start..<right.start + right.count]
        )
        if a.elementsEqual(b) { return true }
        if a.allSatisfy({ $0 < 0x80 }) && b.allSatisfy({ $0 < 0x80 }) { return false }
        return tree.string(lhs) == tree.string(rhs)
    }

    private mutating func structureKey(_ resolved: Int) -> StructureKey {
        if tree.nodes[resolved].kind == .scalar {
            return .scalar(tree.string(resolved), tree.resolvedTag(resolved))
        }
        return .collection(tree.nodes[resolved].kind, 0, [structureID(resolved)])
    }

    /// A number per distinct structure, computed bottom-up once per node with an explicit stack: aliases share
    /// their target's number, so an alias bomb costs its size in the file, not its expansion.
    private mutating func structureID(_ start: Int) -> Int {
        var stack: [(node: Int, childrenDone: Bool)] = [(tree.resolved(start), false)]
        while let (index, childrenDone) = stack.popLast() {
            if structureIDs[index] != nil { continue }
            let node = tree.nodes[index]
            let key: StructureKey
            if node.kind == .scalar {
                key = .scalar(tree.string(index), tree.resolvedTag(index))
            } else {
                let children = tree.children(of: index).map { tree.resolved($0) }
                if !childrenDone {
                    stack.append((index, true))
                    for child in children.reversed() where structureIDs[child] == nil { stack.append((child, false)) }
                    continue
                }
                key = .collection(node.kind, tree.resolvedTag(index), children.map { structureIDs[$0] ?? -1 })
            }
            if let id = structures[key] {
                structureIDs[index] = id
            } else {
                structureIDs[index] = structures.count
                structures[key] = structures.count
            }
        }
        return structureIDs[tree.resolved(start)] ?? -1
    }
}
