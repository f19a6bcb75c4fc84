// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation

/// The composite cases of the matrix, generated from the leaves: chains of two leaves under every link and chain
/// policy, chains nested in chains, `default` links with `credentials:` and `exclude` on hosts that select
/// different members, references to other profiles, and written deadlines and timeouts. Leaves are paired by a
/// fixed stride through the leaf lists (not at random), so every run checks the same cases.
enum MatrixComposites {
    /// A link's own `onUnavailable`/`onFailed`.
    static let linkPolicies: [[String]] = [
        [], ["onUnavailable: stop"], ["onFailed: next"], ["onUnavailable: stop", "onFailed: next"],
        ["onUnavailable: next", "onFailed: stop"],
    ]
    /// A chain's `policy`.
    static let chainPolicies: [String?] = [nil, "{ onUnavailable: stop }", "{ onFailed: next }"]

    static func chain(_ links: [String], policy: String? = nil, extra: [String] = []) -> String {
        "{ type: chain, links: [" + links.joined(separator: ", ") + "]" + (policy.map { ", policy: \($0)" } ?? "")
            + extra.map { ", " + $0 }.joined() + " }"
    }

    /// The environment of leaves together: the first leaf's value wins where two disagree.
    static func merged(_ leaves: [MatrixLeaf]) -> [String: String] {
        leaves.reduce(into: [:]) { $0.merge($1.environment) { first, _ in first } }
    }

    static func imds(_ leaves: [MatrixLeaf]) -> DifferentialWorld.IMDS {
        leaves.contains { $0.imds == .answers } ? .answers : .absent
    }

    /// Two leaves in a chain, under each combination of the first link's policy and the chain's policy.
    static func pairs(_ world: DifferentialWorld) -> [MatrixCase] {
        let first = MatrixLeaves.all(world, prefix: "A_")
        let second = MatrixLeaves.all(world, prefix: "B_")
        return stride(from: 0, to: first.count, by: 2).enumerated().map { step, index in
            let a = first[index]
            let b = second[(index * 37 + 11) % second.count]
            let linkPolicy = linkPolicies[step % linkPolicies.count]
            let chainPolicy = chainPolicies[(step / linkPolicies.count) % chainPolicies.count]
            return MatrixCase(
                name: "chain #\(step) \(linkPolicy) policy \(chainPolicy ?? "default"): [\(a.name)] then [\(b.name)]",
                credential: chain([a.yaml(linkPolicy), b.yaml()], policy: chainPolicy),
                environment: merged([a, b]), imds: imds([a, b]))
        }
    }

    /// A chain whose middle link is a chain: `[A, [B, C], D]`, with policies on the inner chain and its links.
    static func nested(_ world: DifferentialWorld) -> [MatrixCase] {
        let leaves = ["A_", "B_", "C_", "D_"].map { MatrixLeaves.all(world, prefix: $0) }
        let count = leaves[0].count
        return stride(from: 0, to: count, by: 6).enumerated().map { step, index in
            let a = leaves[0][index]
            let b = leaves[1][(index * 13 + 5) % count]
            let c = leaves[2][(index * 29 + 17) % count]
            let d = leaves[3][(index * 7 + 3) % count]
            let inner = chain(
                [b.yaml(linkPolicies[step % linkPolicies.count]), c.yaml()],
                policy: chainPolicies[step % chainPolicies.count],
                extra: linkPolicies[(step / 2) % linkPolicies.count])
            return MatrixCase(
                name: "nested #\(step): [\(a.name)], [[\(b.name)], [\(c.name)]], [\(d.name)]",
                credential: chain([a.yaml(), inner, d.yaml()]),
                environment: merged([a, b, c, d]), imds: imds([a, b, c, d]))
        }
    }

    /// A chain whose outcome only a probe can tell, inside a chain: `[[F, U], X]` with F a link that fails, U a
    /// managed identity on IMDS (answering or not), X a link that authenticates, under every policy of F, of the
    /// inner chain as a link, and of the inner chain's own. Whether X is tried depends on what the inner chain
    /// reports when U does not answer (failed, as F failed), which the dry run must follow.
    static func probes(_ world: DifferentialWorld) -> [MatrixCase] {
        let first = MatrixLeaves.all(world, prefix: "F_")
        let failing = first.filter { $0.name.hasPrefix("clientCertificate, clientId literal") }
            .filter { $0.name.contains("garbage.pem") || $0.name.contains("expired.pem") }
        let probing = MatrixLeaves.all(world, prefix: "U_")
            .filter { $0.name.hasPrefix("managedIdentity, system-assigned, IMDS") }
        let ready = MatrixLeaves.all(world, prefix: "X_").filter {
            $0.name == "clientSecret, clientId literal, clientSecret env set, profile tenant"
        }
        var cases: [MatrixCase] = []
        for (fIndex, f) in failing.enumerated() {
            for u in probing {
                for x in ready {
                    for (p, failPolicy) in linkPolicies.enumerated() {
                        for (q, innerPolicy) in linkPolicies.enumerated() {
                            let inner = chain(
                                [f.yaml(failPolicy), u.yaml()], policy: chainPolicies[(p + q) % 3],
                                extra: innerPolicy)
                            cases.append(
                                MatrixCase(
                                    name: "probe #\(fIndex)-\(p)-\(q): [[\(f.name)] \(failPolicy), [\(u.name)]] "
                                        + "\(innerPolicy), [\(x.name)]",
                                    credential: chain([inner, x.yaml()]), environment: merged([f, u, x]), imds: u.imds))
                        }
                    }
                }
            }
        }
        return cases
    }

    /// `default` links: each `credentials:` and `exclude` on hosts that make different members work.
    static func defaults(_ world: DifferentialWorld) -> [MatrixCase] {
        let selections: [String?] = [
            nil, "dev", "prod", "environment", "workloadIdentity", "managedIdentity", "azureCli", "azurePowerShell",
            "azureDeveloperCli",
        ]
        let exclusions: [String?] = [nil, "[managedIdentity]", "[environment, azureCli]"]
        let tenant = DifferentialWorld.tenant
        let hosts: [(String, [String: String], DifferentialWorld.IMDS)] = [
            ("bare host", [:], .absent),
            (
                "environment secret",
                [
                    "AZURE_TENANT_ID": tenant, "AZURE_CLIENT_ID": DifferentialWorld.clientID,
                    "AZURE_CLIENT_SECRET": DifferentialWorld.secret,
                ], .absent
            ),
            (
                "environment, tenant malformed",
                [
                    "AZURE_TENANT_ID": "a..b", "AZURE_CLIENT_ID": DifferentialWorld.clientID,
                    "AZURE_CLIENT_SECRET": DifferentialWorld.secret,
                ], .absent
            ),
            (
                "workload identity",
                [
                    "AZURE_TENANT_ID": tenant, "AZURE_CLIENT_ID": DifferentialWorld.clientID,
                    "AZURE_FEDERATED_TOKEN_FILE": world.directory + "/token",
                ], .absent
            ),
            ("IMDS answers", [:], .answers),
            (
                "az signed in",
                [
                    "PATH": world.bin,
                    "AZURE_CONFIG_DIR": world.directory + "/" + FakeDeveloperTools.State.azSignedIn.rawValue,
                ],
                .absent
            ),
            ("tools signed out", ["PATH": world.bin, "HOME": world.home], .absent),
            (
                "AZURE_TOKEN_CREDENTIALS=dev",
                [
                    "AZURE_TOKEN_CREDENTIALS": "dev", "PATH": world.bin,
                    "AZD_CONFIG_DIR": world.directory + "/azd-sp",
                ], .answers
            ),
            ("AZURE_TOKEN_CREDENTIALS=bogus", ["AZURE_TOKEN_CREDENTIALS": "bogus"], .answers),
        ]
        var cases: [MatrixCase] = []
        for selection in selections {
            for exclusion in exclusions {
                if let selection, let exclusion, exclusion.contains(selection) { continue }
                var fields = ["type: default"]
                if let selection { fields.append("credentials: \(selection)") }
                if let exclusion { fields.append("exclude: \(exclusion)") }
                let link = "{ " + fields.joined(separator: ", ") + " }"
                for (host, environment, imds) in hosts {
                    cases.append(
                        MatrixCase(
                            name: "default credentials \(selection ?? "all") exclude \(exclusion ?? "none") on \(host)",
                            credential: link, environment: environment, imds: imds))
                }
            }
        }
        // Its own fields: a user-assigned identity, a workload identity client id from a variable set or unset.
        let fields: [(String, String, [String: String])] = [
            ("managedIdentityClientId", "managedIdentityClientId: \(DifferentialWorld.identityClientID)", [:]),
            (
                "workloadIdentityClientId env set", "workloadIdentityClientId: { env: WICID }",
                ["WICID": DifferentialWorld.clientID]
            ),
            ("workloadIdentityClientId env unset", "workloadIdentityClientId: { env: WICID }", [:]),
            ("processTimeout env malformed", "processTimeout: { env: PTO }", ["PTO": "soon"]),
        ]
        for (label, field, variables) in fields {
            for (host, environment, imds) in hosts {
                cases.append(
                    MatrixCase(
                        name: "default with \(label) on \(host)", credential: "{ type: default, \(field) }",
                        environment: environment.merging(variables) { $1 }, imds: imds))
            }
        }
        // A `default` link as one link of a chain, before and after a leaf.
        let leaves = MatrixLeaves.all(world, prefix: "A_")
        for (step, index) in stride(from: 0, to: leaves.count, by: 9).enumerated() {
            let leaf = leaves[index]
            let (host, environment, imds) = hosts[step % hosts.count]
            let member = "{ type: default, credentials: \(selections[step % selections.count] ?? "prod") }"
            let links = step % 2 == 0 ? [member, leaf.yaml()] : [leaf.yaml(linkPolicies[step % 5]), member]
            cases.append(
                MatrixCase(
                    name: "default in chain #\(step) on \(host) with [\(leaf.name)]",
                    credential: chain(links), environment: leaf.environment.merging(environment) { first, _ in first },
                    imds: leaf.imds == .answers ? .answers : imds))
        }
        return cases
    }

    /// `profile` links: a profile that is a reference, and a chain of a reference and a leaf, with the referenced
    /// profile in the `test` tenant or naming only the fake cloud.
    static func references(_ world: DifferentialWorld) -> [MatrixCase] {
        let first = MatrixLeaves.all(world, prefix: "R_")
        let second = MatrixLeaves.all(world, prefix: "B_")
        return stride(from: 0, to: first.count, by: 4).enumerated().map { step, index in
            let target = first[index]
            // Without a tenant usernamePassword signs in at `organizations`, which the fake does not serve.
            let tenantless = step % 3 == 2 && !target.name.hasPrefix("usernamePassword")
            let other =
                "  other:\n" + (tenantless ? "    cloud: fake\n" : "    tenant: test\n")
                + "    credential: \(target.yaml())\n"
            let reference = "{ type: profile, name: other" + linkPolicies[step % 5].map { ", " + $0 }.joined() + " }"
            if step % 2 == 0 {
                return MatrixCase(
                    name: "reference #\(step) to [\(target.name)]", credential: reference,
                    environment: target.environment, imds: target.imds, others: other)
            }
            let b = second[(index * 17 + 7) % second.count]
            return MatrixCase(
                name: "reference #\(step) in chain to [\(target.name)] then [\(b.name)]",
                credential: chain([reference, b.yaml()]), environment: merged([target, b]),
                imds: imds([target, b]), others: other)
        }
    }

    /// Written deadlines and timeouts that do not fire, given literally or by a variable set, unset or malformed:
    /// a bound that cannot be read must be judged alike by both.
    static func deadlines(_ world: DifferentialWorld) -> [MatrixCase] {
        let bounds: [(String, String, [String: String])] = [
            ("literal", "30s", [:]),
            ("env set", "{ env: BOUND }", ["BOUND": "45s"]),
            ("env unset", "{ env: BOUND }", [:]),
            ("env empty", "{ env: BOUND }", ["BOUND": ""]),
            ("env malformed", "{ env: BOUND }", ["BOUND": "soon"]),
        ]
        let first = MatrixLeaves.all(world, prefix: "A_")
        let second = MatrixLeaves.all(world, prefix: "B_")
        return stride(from: 0, to: first.count, by: 5).enumerated().map { step, index in
            let a = first[index]
            let b = second[(index * 23 + 3) % second.count]
            let (label, bound, environment) = bounds[step % bounds.count]
            let credential: String
            let shape: String
            switch step / bounds.count % 3 {
            case 0:
                shape = "chain deadline"
                credential = chain([a.yaml(), b.yaml()], extra: ["deadline: \(bound)"])
            case 1:
                shape = "link timeout"
                credential = chain([a.yaml(["timeout: \(bound)"]), b.yaml()])
            default:
                shape = "chain timeout"
                credential = chain([a.yaml(), b.yaml()], extra: ["timeout: \(bound)"])
            }
            return MatrixCase(
                name: "\(shape) \(label) #\(step): [\(a.name)] then [\(b.name)]", credential: credential,
                environment: environment.merging(merged([a, b])) { first, _ in first }, imds: imds([a, b]))
        }
    }
}
