// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AuthProfilesRuntime
import AzureIdentity
import AzureIdentityTesting
import Foundation
import Synchronization
import Testing

/// Issue 11: `environment` and `default` links honour `AZURE_AUTHORITY_HOST` when no cloud is named, as Azure
/// Identity does; a named cloud wins; other kinds use their cloud. The run and the dry run read the variable through
/// the same rule (``AuthorityChoice``) and agree on every value, including the ones that rule refuses.
@Suite struct AuthorityHostVariableTests {
    /// The host the tests' AZURE_AUTHORITY_HOST names; the routing transport delivers it to the fake Entra ID.
    static let routedHost = "https://login.envcloud.example"

    /// `leaf`, `member` and `workload` name no cloud; `named` is in the fake cloud through its tenant; `secret` is a
    /// kind that does not read the variable.
    static func profiles(_ env: FakeProfileEnvironment) -> String {
        env.profiles(
            """
              leaf: { credential: { type: environment } }
              member: { credential: { type: default, credentials: environment } }
              named: { tenant: test, credential: { type: environment } }
              workload: { credential: { type: workloadIdentity, tokenFile: /nonexistent/token } }
              secret:
                tenant: \(FakeProfileEnvironment.tenant)
                credential:
                  type: clientSecret
                  clientId: \(FakeProfileEnvironment.clientID)
                  clientSecret: { env: AZURE_CLIENT_SECRET }
            """)
    }

    static func environment(authority: String?) -> [String: String] {
        var environment = [
            "PATH": "", "AZURE_TENANT_ID": FakeProfileEnvironment.tenant,
            "AZURE_CLIENT_ID": FakeProfileEnvironment.clientID,
            "AZURE_CLIENT_SECRET": FakeProfileEnvironment.secret,
        ]
        environment["AZURE_AUTHORITY_HOST"] = authority
        return environment
    }

    /// Values the authority rule refuses: http, loopback (the variable cannot say `allowLoopback`), user info, a
    /// query, a dot segment, not a URL.
    static let refused = [
        "http://login.envcloud.example", "https://127.0.0.1:8443", "https://u:pw@login.envcloud.example",
        "https://login.envcloud.example/?x=1", "https://login.envcloud.example/..", "https://exa mple",
    ]

    /// What one profile does under one value, in the run and in the dry run.
    struct Sides {
        let token: Bool
        let reasons: String
        let urls: [String]
        let verdict: Verdict
        let evidence: [Evidence]
        let ignored: [String]
    }

    static func sides(
        _ profile: String, authority: String?, _ env: FakeProfileEnvironment
    ) async throws -> Sides {
        let environment = Self.environment(authority: authority)
        let routing = RoutingTransport(
            routes: [routedHost: env.fake.authorityURL, "https://login.microsoftonline.com": env.fake.authorityURL],
            passing: env.fake.authorityURL, inner: env.transport)
        var options = env.options(environment)
        options.transport = routing
        let entry = try #require(ProfileCatalog.load(text: profiles(env)).entry(named: profile))
        let evaluation = try await ProfileCredential(entry: entry, options: options)
            .evaluate(for: TokenRequest(scopes: [FakeProfileEnvironment.scope]))
        let explanation = ProfileExplainer(context: InspectionContext(options: options)).explain(entry)
        // The environment link, or the `default` link's environment member.
        let link = try #require(explanation.links.last)
        return Sides(
            token: evaluation.token != nil, reasons: evaluation.attempts.compactMap(\.reason).joined(separator: "\n"),
            urls: routing.urls, verdict: link.verdict,
            evidence: explanation.links.flatMap(\.evidence), ignored: explanation.ignoredVariables.map(\.name))
    }

    @Test(arguments: ["leaf", "member"])
    func theRequestGoesToTheHostTheVariableNames(_ profile: String) async throws {
        try await withFakeProfiles { env in
            let sides = try await Self.sides(profile, authority: Self.routedHost, env)
            #expect(sides.token, "\(sides.reasons)")
            #expect(!sides.urls.isEmpty)
            #expect(
                sides.urls.allSatisfy { $0.hasPrefix("\(Self.routedHost)/\(FakeProfileEnvironment.tenant)/") },
                "\(sides.urls)")
            #expect(env.fake.requests.contains { $0.isTokenRequest }, "the fake Entra ID answered")
            #expect(sides.verdict == .ready)
            #expect(
                sides.evidence.contains(
                    Evidence(.ok, "authority host", "\(Self.routedHost) (from AZURE_AUTHORITY_HOST)")),
                "\(sides.evidence)")
            #expect(!sides.ignored.contains("AZURE_AUTHORITY_HOST"))
        }
    }

    @Test(arguments: ["leaf", "member"], [nil, ""])
    func withoutTheVariableTheLinkUsesThePublicCloud(_ profile: String, _ authority: String?) async throws {
        try await withFakeProfiles { env in
            let sides = try await Self.sides(profile, authority: authority, env)
            // The transport stands in for the public cloud's host: nothing leaves the machine.
            #expect(sides.token, "\(sides.reasons)")
            #expect(sides.urls.allSatisfy { $0.hasPrefix("https://login.microsoftonline.com/") }, "\(sides.urls)")
            #expect(
                sides.evidence.contains(
                    Evidence(
                        .ok, "authority host",
                        "https://login.microsoftonline.com (the default public cloud; AZURE_AUTHORITY_HOST is not set)")
                ),
                "\(sides.evidence)")
        }
    }

    @Test func aNamedCloudWinsAndExplainSaysTheVariableWasOverridden() async throws {
        try await withFakeProfiles { env in
            let sides = try await Self.sides("named", authority: Self.routedHost, env)
            #expect(sides.token, "\(sides.reasons)")
            #expect(sides.urls.allSatisfy { $0.hasPrefix(env.fake.authorityURL + "/") }, "\(sides.urls)")
            #expect(
                sides.evidence.contains(
                    Evidence(
                        .ok, "authority host",
                        "\(env.fake.authorityURL) (the profile's cloud fake; AZURE_AUTHORITY_HOST is set, but the "
                            + "profile's cloud wins)")),
                "\(sides.evidence)")
        }
    }

    @Test func otherKindsUseTheirCloudAndExplainListsTheVariableAsIgnored() async throws {
        try await withFakeProfiles { env in
            let sides = try await Self.sides("secret", authority: Self.routedHost, env)
            #expect(sides.token, "\(sides.reasons)")
            #expect(sides.urls.allSatisfy { $0.hasPrefix("https://login.microsoftonline.com/") }, "\(sides.urls)")
            #expect(sides.ignored.contains("AZURE_AUTHORITY_HOST"))
            #expect(!sides.evidence.contains { $0.subject == "authority host" })
        }
    }

    @Test(arguments: ["leaf", "member", "workload"], refused)
    func aValueTheRuleRefusesMakesTheLinkUnavailableInBothRuns(_ profile: String, _ authority: String) async throws {
        try await withFakeProfiles { env in
            let sides = try await Self.sides(profile, authority: authority, env)
            #expect(!sides.token)
            #expect(sides.urls.isEmpty, "nothing was sent, not even to the public cloud: \(sides.urls)")
            #expect(sides.reasons.contains("AZURE_AUTHORITY_HOST"), "\(sides.reasons)")
            #expect(sides.verdict == .unavailable, "\(sides.evidence)")
            #expect(sides.evidence.contains { $0.subject == "env AZURE_AUTHORITY_HOST" && $0.status == .problem })
            // The value may hold a password: neither side quotes it.
            let shown = sides.reasons + sides.evidence.map(\.detail).joined()
            #expect(!shown.contains("pw@") && !shown.contains("envcloud"), "\(shown)")
        }
    }

    /// The run and the dry run agree on every value for every profile: a token exactly when the dry run says
    /// ready, else the same outcome.
    @Test(arguments: ["leaf", "member", "named", "secret"], [nil, "", routedHost] + refused)
    func runAndDryRunAgree(_ profile: String, _ authority: String?) async throws {
        try await withFakeProfiles { env in
            let sides = try await Self.sides(profile, authority: authority, env)
            #expect(sides.token == (sides.verdict == .ready), "\(profile) \(authority ?? "unset"): \(sides.reasons)")
            if !sides.token {
                #expect(sides.verdict.runtimeOutcome == .unavailable)
                #expect(sides.reasons.contains("AZURE_AUTHORITY_HOST"))
            }
        }
    }
}

/// Delivers requests for the routed hosts to the fake Entra ID on 127.0.0.1 (a stand-in for DNS, which tests cannot
/// change), passes requests to the fake itself through, and refuses every other host without sending anything.
/// Records every URL a credential asked for.
final class RoutingTransport: HTTPTransport, Sendable {
    let routes: [String: String]
    let passing: String
    let inner: any HTTPTransport
    private let log = Mutex<[String]>([])

    init(routes: [String: String], passing: String, inner: any HTTPTransport) {
        self.routes = routes
        self.passing = passing
        self.inner = inner
    }

    var urls: [String] { log.withLock { $0 } }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        log.withLock { $0.append(request.url) }
        var forwarded = request
        if let (host, target) = routes.first(where: { request.url.hasPrefix($0.key + "/") }) {
            forwarded.url = target + request.url.dropFirst(host.count)
        } else if !request.url.hasPrefix(passing + "/") {
            throw TransportError(code: .connectionFailed, message: "the test transport refuses this host")
        }
        return try await inner.send(forwarded)
    }
}
