// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Files built to find super-linear work (issue 9 item 7), written as YAML text directly.
enum HostileFiles {
    /// One `extends` chain: `p0` has a tenant, an environment and a credential; `p<i>` extends `p<i-1>` and every
    /// tenth profile also sets its own `environment`, so lookups stop at different depths. The shape of the
    /// 10,000-profile, 278 KB file of the issue (it took 24 s).
    static func extendsChain(profiles count: Int) -> String {
        var text = "version: 1\nprofiles:\n"
        text += "  p0:\n    tenant: contoso.onmicrosoft.com\n    environment: staging\n"
        text += "    credential: { type: managedIdentity }\n"
        for index in 1..<max(1, count) {
            text += "  p\(index):\n    extends: p\(index - 1)\n"
            if index % 10 == 0 { text += "    environment: \(index % 20 == 0 ? "test" : "staging")\n" }
        }
        return text
    }

    /// Profiles whose every line is wrong in a way that asks for a did-you-mean suggestion: an unknown profile key,
    /// an unknown `environment` value, an unknown key of a chain and an unknown credential type of its link, each
    /// `width` characters long. Four diagnostics per profile.
    static func unknownValues(diagnostics: Int, width: Int) -> String {
        var text = "version: 1\nprofiles:\n"
        let profiles = max(1, diagnostics / 4)
        for index in 0..<profiles {
            let tag = String(index)
            func word(_ stem: String) -> String {
                let body = stem + "-" + tag + "-"
                return body + String(repeating: "x", count: max(0, width - body.count))
            }
            text += "  p\(index):\n"
            text += "    \(word("descripton")): x\n"
            text += "    environment: \(word("prodution"))\n"
            text +=
                "    credential: { type: chain, \(word("polcy")): x, "
                + "links: [{ type: \(word("managedIdentiy")) }] }\n"
        }
        return text
    }

    /// `count` production profiles, each referring to the next with `type: profile`; the last is `azureCli`, so
    /// every one of them reaches a developer credential through every reference after it.
    static func productionReferenceChain(profiles count: Int) -> String {
        var text = "version: 1\nprofiles:\n"
        for index in 0..<max(1, count) {
            text += "  p\(index):\n    environment: production\n"
            text +=
                index == count - 1
                ? "    credential: { type: azureCli }\n"
                : "    credential: { type: profile, name: p\(index + 1) }\n"
        }
        return text
    }
}
