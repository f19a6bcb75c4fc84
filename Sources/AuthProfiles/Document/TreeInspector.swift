import Yams

/// Walks a freshly composed tree once, without ever descending into an anchored node, and reports
/// what profiles do not allow: anchors and aliases, merge keys, explicit tags, complex keys, nesting
/// deeper than the limit and more nodes than the limit.
struct TreeInspector {
    let path: String
    let limits: ParseLimits

    func inspect(_ root: Node) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var nodes = 0
        // An explicit stack keeps deep input off the call stack.
        var stack: [(node: Node, depth: Int, keyMark: Mark?)] = [(root, 1, nil)]
        while let (node, depth, keyMark) = stack.popLast() {
            nodes += 1
            if nodes > limits.maximumNodes {
                problems.append(Diagnostic(.tooManyNodes, "document has more than \(limits.maximumNodes) nodes",
                                           at: location(root.mark)))
                break
            }
            if depth > limits.maximumDepth {
                problems.append(Diagnostic(.nestingTooDeep,
                                           "mappings and lists nest deeper than \(limits.maximumDepth) levels",
                                           at: location(node.mark)))
                break
            }
            if let anchor = anchorName(of: node) {
                if let keyMark, let mark = node.mark, (mark.line, mark.column) < (keyMark.line, keyMark.column) {
                    problems.append(Diagnostic(.anchorOrAlias, "alias '*\(anchor)' is not allowed in a profile",
                                               at: location(keyMark), hint: "write the value out in full"))
                } else {
                    problems.append(Diagnostic(.anchorOrAlias, "anchor '&\(anchor)' is not allowed in a profile",
                                               at: location(node.mark),
                                               hint: "write values out in full; use `extends` to share settings"))
                }
                continue
            }
            if let tag = explicitTag(of: node) {
                problems.append(Diagnostic(.explicitTag, "explicit tag '\(tag)' is not allowed in a profile",
                                           at: location(node.mark), hint: "remove the tag; values are typed by field"))
            }
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping.reversed() {
                    guard case .scalar(let scalar) = key else {
                        problems.append(Diagnostic(.complexKey, "mapping keys must be plain strings",
                                                   at: location(key.mark)))
                        continue
                    }
                    if scalar.string == "<<", scalar.style == .plain {
                        problems.append(Diagnostic(.mergeKey, "merge key '<<' is not allowed in a profile",
                                                   at: location(key.mark),
                                                   hint: "use `extends` to inherit from another profile"))
                        continue
                    }
                    stack.append((value, depth + 1, key.mark))
                    stack.append((key, depth + 1, nil))
                }
            case .sequence(let sequence):
                for item in sequence.reversed() { stack.append((item, depth + 1, nil)) }
            default:
                break
            }
        }
        return problems
    }

    private func anchorName(of node: Node) -> String? {
        switch node {
        case .scalar(let scalar): scalar.anchor?.rawValue
        case .mapping(let mapping): mapping.anchor?.rawValue
        case .sequence(let sequence): sequence.anchor?.rawValue
        default: nil
        }
    }

    private func explicitTag(of node: Node) -> String? {
        let name: String
        switch node {
        case .scalar(let scalar): name = scalar.tag.rawValue
        case .mapping(let mapping): name = mapping.tag.rawValue
        case .sequence(let sequence): name = sequence.tag.rawValue
        default: return nil
        }
        let allowed = Self.allowedTags
        let prefix = "tag:yaml.org,2002:"
        guard !allowed.contains(name) else { return nil }
        return name.hasPrefix(prefix) ? "!!" + name.dropFirst(prefix.count) : name
    }

    private static let allowedTags: Set<String> = [
        "", "!", Tag.Name.str.rawValue, Tag.Name.map.rawValue, Tag.Name.seq.rawValue,
    ]

    private func location(_ mark: Mark?) -> SourceLocation {
        SourceLocation(file: path, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }
}
