// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation

/// One leaf link of the matrix with the inputs it was generated for: its fields (rendered as a YAML flow
/// mapping) and the variables those inputs need. The variables a leaf names itself carry the leaf's prefix, so two
/// leaves of one chain do not share them; Azure Identity's own variables (`AZURE_*`, `IDENTITY_*`) are shared, as
/// they are on a real host, and the first leaf's value wins where two leaves disagree.
struct MatrixLeaf: Sendable {
    var name: String
    var fields: [String]
    var environment: [String: String] = [:]
    var imds: DifferentialWorld.IMDS = .absent

    /// The link as a flow mapping, with `extra` fields (chain policy, timeout) added.
    func yaml(_ extra: [String] = []) -> String {
        "{ " + (fields + extra).joined(separator: ", ") + " }"
    }
}

/// How one input of a leaf is given: the YAML of the value and the variables it needs.
struct MatrixInput: Sendable {
    var label: String
    var yaml: String
    var environment: [String: String] = [:]
}

/// The inputs of every kind, generated from the dimensions a value can vary in.
struct MatrixInputs: Sendable {
    let world: DifferentialWorld
    /// Prefix of the variables a leaf names (`{env: NAME}`).
    let prefix: String

    private func variable(_ name: String) -> String { prefix + name }

    /// A plain setting (client id, username, path): written, or `{env}` set / unset / empty.
    func plain(
        _ field: String, _ value: String, variants: Set<String> = ["literal", "env", "unset", "empty"]
    )
        -> [MatrixInput]
    {
        let name = variable(field.uppercased())
        let all = [
            MatrixInput(label: "\(field) literal", yaml: "\(field): \"\(value)\""),
            MatrixInput(label: "\(field) env set", yaml: "\(field): { env: \(name) }", environment: [name: value]),
            MatrixInput(label: "\(field) env unset", yaml: "\(field): { env: \(name) }"),
            MatrixInput(label: "\(field) env empty", yaml: "\(field): { env: \(name) }", environment: [name: ""]),
        ]
        return zip(["literal", "env", "unset", "empty"], all).filter { variants.contains($0.0) }.map(\.1)
    }

    /// A secret: `{env}` set / unset / empty, or `{file}` relative / absolute / `~` (with and without HOME) /
    /// absent / empty / a directory.
    func secret(_ field: String, value: String, file: String) -> [MatrixInput] {
        let name = variable(field.uppercased())
        let directory = world.directory
        return [
            MatrixInput(label: "\(field) env set", yaml: "\(field): { env: \(name) }", environment: [name: value]),
            MatrixInput(label: "\(field) env unset", yaml: "\(field): { env: \(name) }"),
            MatrixInput(label: "\(field) env empty", yaml: "\(field): { env: \(name) }", environment: [name: ""]),
            MatrixInput(label: "\(field) file relative", yaml: "\(field): { file: \(file) }"),
            MatrixInput(label: "\(field) file absolute", yaml: "\(field): { file: \"\(directory)/\(file)\" }"),
            MatrixInput(
                label: "\(field) file ~", yaml: "\(field): { file: \"~/\(file)\" }",
                environment: ["HOME": world.home]),
            MatrixInput(label: "\(field) file ~ without HOME", yaml: "\(field): { file: \"~/\(file)\" }"),
            MatrixInput(label: "\(field) file absent", yaml: "\(field): { file: missing-\(file) }"),
            MatrixInput(label: "\(field) file empty", yaml: "\(field): { file: empty }"),
            MatrixInput(label: "\(field) file is a directory", yaml: "\(field): { file: bin }"),
        ]
    }

    /// A path to a file of the world: relative, absolute, `~` (with and without HOME), `{env}` set / unset,
    /// absent, and the bad files given.
    func path(_ field: String, _ file: String, bad: [String]) -> [MatrixInput] {
        let name = variable(field.uppercased())
        return [
            MatrixInput(label: "\(field) relative", yaml: "\(field): \(file)"),
            MatrixInput(label: "\(field) absolute", yaml: "\(field): \"\(world.directory)/\(file)\""),
            MatrixInput(label: "\(field) ~", yaml: "\(field): \"~/\(file)\"", environment: ["HOME": world.home]),
            MatrixInput(label: "\(field) ~ without HOME", yaml: "\(field): \"~/\(file)\""),
            MatrixInput(label: "\(field) env set", yaml: "\(field): { env: \(name) }", environment: [name: file]),
            MatrixInput(label: "\(field) env unset", yaml: "\(field): { env: \(name) }"),
            MatrixInput(label: "\(field) absent", yaml: "\(field): missing-\(file)"),
        ] + bad.map { MatrixInput(label: "\(field) \($0)", yaml: "\(field): \($0)") }
    }

    /// A link's own `tenant`: none (the profile's), `{env}` set / unset / empty / malformed.
    func tenant() -> [MatrixInput] {
        let name = variable("TENANT")
        return [
            MatrixInput(label: "profile tenant", yaml: ""),
            MatrixInput(
                label: "tenant env set", yaml: "tenant: { env: \(name) }",
                environment: [name: DifferentialWorld.tenant]),
            MatrixInput(label: "tenant env unset", yaml: "tenant: { env: \(name) }"),
            MatrixInput(label: "tenant env malformed", yaml: "tenant: { env: \(name) }", environment: [name: "a..b"]),
        ]
    }
}

/// Every combination of `dimensions`, one input from each.
func combinations(_ dimensions: [[MatrixInput]]) -> [[MatrixInput]] {
    dimensions.reduce([[]]) { partial, dimension in
        partial.flatMap { prefix in dimension.map { prefix + [$0] } }
    }
}

extension MatrixLeaf {
    /// A leaf of `kind` from one input per dimension.
    init(kind: String, _ inputs: [MatrixInput], fixed: [String] = [], imds: DifferentialWorld.IMDS = .absent) {
        name = ([kind] + inputs.map(\.label)).joined(separator: ", ")
        fields = ["type: \(kind)"] + fixed + inputs.map(\.yaml).filter { !$0.isEmpty }
        environment = inputs.reduce(into: [:]) { $0.merge($1.environment) { first, _ in first } }
        self.imds = imds
    }
}
