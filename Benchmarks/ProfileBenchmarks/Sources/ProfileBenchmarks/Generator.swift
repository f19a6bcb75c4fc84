// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Generates realistic profile files: custom clouds, tenants, and families of four profiles (a production or
/// staging base with a three-link chain, a profile that extends it, one with a certificate credential and its own
/// cloud, and a developer profile whose chain refers to the base). The same tree is written as YAML and as JSON.
enum ProfileFileGenerator {
    /// A document tree that can be written as block YAML or as JSON.
    indirect enum Tree {
        /// A string: plain in YAML when safe, always quoted in JSON.
        case string(String)
        /// A number or boolean: unquoted in both.
        case literal(String)
        case map([(String, Tree)])
        /// A small mapping written in flow style in YAML (`{env: NAME}`).
        case flow([(String, Tree)])
        case list([Tree])
    }

    static func document(profiles count: Int) -> Tree {
        let cloudCount = 5
        let tenantCount = max(1, min(200, count / 50))
        var clouds: [(String, Tree)] = []
        for index in 0..<cloudCount {
            clouds.append(
                (
                    "lab\(index)",
                    .map([
                        ("authorityHost", .string("https://login.lab\(index).example.com")),
                        ("caBundle", .string("/etc/ssl/certs/lab\(index)-ca.pem")),
                        ("description", .string("Sovereign test cloud \(index)")),
                    ])
                ))
        }
        var tenants: [(String, Tree)] = []
        for index in 0..<tenantCount {
            var fields: [(String, Tree)] = [("id", .string(guid(0x7E00_0000 + index)))]
            // Tenants 0..<cloudCount live in the custom clouds, so every cloud is used.
            if index < cloudCount { fields.append(("cloud", .string("lab\(index)"))) }
            if index % 3 == 0 { fields.append(("additionallyAllowed", .list([.string("*")]))) }
            fields.append(("description", .string("Tenant \(index) of the organisation")))
            tenants.append((tenantName(index), .map(fields)))
        }
        var profiles: [(String, Tree)] = []
        for index in 0..<count {
            let family = index / 4
            let base = profileName(family * 4)
            let tenant = tenantName(family % tenantCount)
            let production = family % 3 == 0
            switch index % 4 {
            case 0:
                profiles.append(
                    (
                        profileName(index),
                        .map([
                            (
                                "description",
                                .string("Service \(family) \(production ? "production" : "staging") identity")
                            ),
                            ("tenant", .string(tenant)),
                            ("environment", .string(production ? "production" : "staging")),
                            (
                                "credential",
                                .map([
                                    ("type", .string("chain")),
                                    ("deadline", .string("30s")),
                                    (
                                        "policy",
                                        .flow([("onUnavailable", .string("next")), ("onFailed", .string("stop"))])
                                    ),
                                    (
                                        "links",
                                        .list([
                                            .map([
                                                ("type", .string("workloadIdentity")),
                                                ("label", .string("federated")),
                                                (
                                                    "clientId",
                                                    .flow([
                                                        ("env", .string("AZURE_CLIENT_ID_\(family)")),
                                                        ("default", .string(guid(family * 7 + 1))),
                                                    ])
                                                ),
                                                ("tokenFile", .flow([("env", .string("AZURE_FEDERATED_TOKEN_FILE"))])),
                                                ("timeout", .string("5s")),
                                            ]),
                                            .map([
                                                ("type", .string("clientCertificate")),
                                                ("clientId", .string(guid(family * 7 + 2))),
                                                (
                                                    "certificate",
                                                    .map([
                                                        (
                                                            "path",
                                                            .string("/etc/authprofile/certs/service-\(family).pem")
                                                        ),
                                                        ("key", .string("/etc/authprofile/keys/service-\(family).key")),
                                                        ("format", .string("pem")),
                                                    ])
                                                ),
                                                (
                                                    "certificatePassword",
                                                    .flow([("env", .string("CERT_PASSWORD_\(family)"))])
                                                ),
                                                ("sendCertificateChain", .literal("true")),
                                            ]),
                                            .map([
                                                ("type", .string("managedIdentity")),
                                                ("clientId", .string(guid(family * 7 + 3))),
                                                ("timeout", .string("2s")),
                                            ]),
                                        ])
                                    ),
                                ])
                            ),
                        ])
                    ))
            case 1:
                profiles.append(
                    (
                        profileName(index),
                        .map([
                            ("description", .string("Batch jobs of service \(family)")),
                            ("extends", .string(base)),
                            (
                                "additionallyAllowedTenants",
                                .list([.string(guid(family * 7 + 4)), .string("contoso.example.com")])
                            ),
                        ])
                    ))
            case 2:
                let cloud = "lab\(family % cloudCount)"
                profiles.append(
                    (
                        profileName(index),
                        .map([
                            ("description", .string("Service \(family) in \(cloud)")),
                            (
                                "tenant",
                                .flow([
                                    ("env", .string("AZURE_TENANT_ID")),
                                    ("default", .string("tenant\(family).lab.example.com")),
                                ])
                            ),
                            ("cloud", .string(cloud)),
                            ("environment", .string("test")),
                            (
                                "credential",
                                .map([
                                    ("type", .string("clientCertificate")),
                                    ("clientId", .string(guid(family * 7 + 5))),
                                    (
                                        "certificate",
                                        .flow([("path", .string("/etc/authprofile/lab/service-\(family).pfx"))])
                                    ),
                                    ("certificatePassword", .flow([("file", .string("/run/secrets/pfx-\(family)"))])),
                                ])
                            ),
                        ])
                    ))
            default:
                profiles.append(
                    (
                        profileName(index),
                        .map([
                            ("description", .string("Developer access to service \(family)")),
                            ("tenant", .string(tenant)),
                            ("environment", .string("development")),
                            (
                                "credential",
                                .map([
                                    ("type", .string("chain")),
                                    (
                                        "links",
                                        .list([
                                            .flow([
                                                ("type", .string("azureCli")),
                                                ("subscription", .string("dev-\(family % 17)")),
                                            ]),
                                            .flow([("type", .string("profile")), ("name", .string(base))]),
                                            .flow([
                                                ("type", .string("interactiveBrowser")),
                                                ("redirectUri", .string("http://localhost:8400")),
                                            ]),
                                        ])
                                    ),
                                ])
                            ),
                        ])
                    ))
            }
        }
        return .map([
            ("$schema", .string("https://example.com/schemas/authprofile.v1.schema.json")),
            ("version", .literal("1")),
            ("description", .string("Generated benchmark file with \(count) profiles")),
            ("clouds", .map(clouds)),
            ("tenants", .map(tenants)),
            ("profiles", .map(profiles)),
        ])
    }

    static func profileName(_ index: Int) -> String {
        let digits = String(index)
        return "svc-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }

    static func tenantName(_ index: Int) -> String { "tenant-\(index)" }

    /// A deterministic GUID from a number.
    static func guid(_ seed: Int) -> String {
        var state = UInt64(truncatingIfNeeded: seed) &* 0x9E37_79B9_7F4A_7C15 &+ 0xD1B5_4A32_D192_ED03
        var hex = ""
        for position in 0..<32 {
            if position % 16 == 0 { state = (state ^ (state >> 29)) &* 0xBF58_476D_1CE4_E5B9 }
            let nibble = Int((state >> UInt64((position % 16) * 4)) & 0xF)
            hex.append(Character(String(nibble, radix: 16)))
            if [7, 11, 15, 19].contains(position) { hex.append("-") }
        }
        return hex
    }

    // MARK: Writers

    static func yaml(_ tree: Tree) -> String {
        var out = ""
        writeYAML(tree, indent: 0, into: &out)
        return out
    }

    private static func writeYAML(_ tree: Tree, indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        switch tree {
        case .map(let entries):
            for (key, value) in entries {
                out += pad + yamlScalar(key) + ":"
                switch value {
                case .map:
                    out += "\n"
                    writeYAML(value, indent: indent + 2, into: &out)
                case .list:
                    out += "\n"
                    writeYAML(value, indent: indent + 2, into: &out)
                default:
                    out += " " + inlineYAML(value) + "\n"
                }
            }
        case .list(let items):
            for item in items {
                if case .map(let entries) = item, let first = entries.first {
                    // "- key: value" then the remaining keys aligned under the first.
                    var rest = ""
                    writeYAML(.map(Array(entries.dropFirst())), indent: indent + 2, into: &rest)
                    var head = ""
                    writeYAML(.map([first]), indent: 0, into: &head)
                    out += pad + "- " + head + rest
                } else {
                    out += pad + "- " + inlineYAML(item) + "\n"
                }
            }
        default:
            out += pad + inlineYAML(tree) + "\n"
        }
    }

    private static func inlineYAML(_ tree: Tree) -> String {
        switch tree {
        case .string(let text): yamlScalar(text)
        case .literal(let text): text
        case .flow(let entries), .map(let entries):
            "{" + entries.map { yamlScalar($0.0) + ": " + inlineYAML($0.1) }.joined(separator: ", ") + "}"
        case .list(let items): "[" + items.map(inlineYAML).joined(separator: ", ") + "]"
        }
    }

    /// Plain when it cannot be mistaken for anything else, double-quoted otherwise.
    private static func yamlScalar(_ text: String) -> String {
        let special: Set<Character> = [
            ":", "{", "}", "[", "]", ",", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`",
        ]
        let needsQuotes =
            text.isEmpty || text.first == "-" || text.first == " " || text.last == " "
            || text.contains(where: { special.contains($0) }) || Double(text) != nil
            || ["true", "false", "null", "~", "yes", "no", "on", "off"].contains(text.lowercased())
        if !needsQuotes { return text }
        // URLs with "://" are fine in plain style but quoting keeps the writer simple and still realistic.
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            + "\""
    }

    static func json(_ tree: Tree) -> String {
        var out = ""
        writeJSON(tree, indent: 0, into: &out)
        out += "\n"
        return out
    }

    private static func writeJSON(_ tree: Tree, indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent + 2)
        switch tree {
        case .string(let text):
            out +=
                "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                + "\""
        case .literal(let text):
            out += text
        case .flow(let entries):
            out +=
                "{"
                + entries.map { entry in
                    var value = ""
                    writeJSON(entry.1, indent: indent, into: &value)
                    return "\"\(entry.0)\": " + value
                }.joined(separator: ", ") + "}"
        case .map(let entries):
            out += "{\n"
            for (index, (key, value)) in entries.enumerated() {
                out += pad + "\"" + key + "\": "
                writeJSON(value, indent: indent + 2, into: &out)
                out += index == entries.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        case .list(let items):
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += pad
                writeJSON(item, indent: indent + 2, into: &out)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        }
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard contains(target) else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
