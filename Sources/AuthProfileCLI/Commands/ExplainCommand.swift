// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import AuthProfiles
import AuthProfilesRuntime
import AzureIdentity
import Foundation
import IdentitySupport

/// `authprofile explain`: which link of a profile would authenticate here, and why the others would not.
struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain which link of a profile would authenticate, and why (a dry run by default).",
        discussion: """
            A dry run sends no request and starts no process: each link gets a verdict (ready, unavailable, \
            misconfigured, unknown) from the variables, files, certificates, token files and signed-in tools it \
            needs. --live runs the profile for real and reports each link's outcome, latency, cache use and \
            the token's principal (never the token).
            Exit status: 0 a link would authenticate, or only a probe can tell (with --expect: the expected link \
            would authenticate for certain), 1 otherwise, 2 usage error or invalid profiles.
            """)

    @Argument(
        help: """
            The profile to explain; default: the only profile of the --file files, else the built-in `default`.
            """,
        completion: ProfileNameCompletion.kind)
    var profile: String?

    @OptionGroup var selection: ProfileSelectionOptions

    @Flag(help: "Run the profile for real (sends requests, may start az/azd/pwsh).")
    var live = false

    @Flag(
        help: """
            Explain the run of `token --no-cache`: the profile's persistent token cache is ignored (with --live, \
            no token is read from or written to disk).
            """)
    var noCache = false

    @Option(help: ArgumentHelp("The scope to request with --live.", valueName: "scope"))
    var scope = "https://management.azure.com/.default"

    @Option(
        help: ArgumentHelp(
            "Exit 1 unless this link would authenticate: its kind, path, path:kind or label.", valueName: "link"))
    var expect: String?

    @Flag(help: "Show which layer set each setting (file, extends, tenant, env binding, default).")
    var blame = false

    @Option(help: "Output format: text or json.")
    var format: ExplainFormat = .text

    @OptionGroup var colour: ColourOptions

    func validate() throws {
        if live, let problem = RequestArguments.problem(withScope: scope) { throw ValidationError(problem) }
    }

    func run() async throws {
        let context = CLIContext.current
        let environment = try selection.environment(context: context, command: Self.self)
        let catalog = selection.catalog(context: context)
        let entry: ProfileCatalog.Entry
        do {
            try catalog.require()
            entry = try catalog.entry(resolving: try selection.profileName(profile, in: catalog, command: Self.self))
        } catch let usage as UsageError {
            throw usage
        } catch {
            context.writeError("error: \(error)\n")
            throw ExitWith(status: .usage)
        }
        var options = context.runtimeOptions(environment: environment)
        options.tokenCache.isEnabled = !noCache
        let explanation = await ProfileExplainer.explain(
            entry, context: InspectionContext(options: options), broker: options.resolvedBrokerConnection)
        let labels = Self.labels(in: entry)
        if let expect {
            // A typo in CI must not look like a regression: an expectation that names no link is a usage error,
            // found before anything runs.
            let names = Self.names(of: explanation, labels: labels)
            guard names.contains(expect) else {
                let hint = Suggestion.closest(to: expect, in: names).map { "; did you mean '\($0)'?" } ?? ""
                throw UsageError(
                    "--expect \(UsageError.shown(expect)) names no link of profile '\(entry.profile.name)'\(hint)",
                    command: Self.self)
            }
        }
        var attempts: [LinkAttempt]?
        if live {
            let credential = try ProfileCredential(entry: entry, options: options)
            attempts = try await credential.evaluate(for: TokenRequest(scopes: [scope])).attempts
        }
        switch format {
        case .text:
            let colours = colour.colours(.standardOutput, in: context)
            var text = ExplanationTextRenderer(colour: colours, blame: blame).render(explanation)
            if let attempts {
                text += "\n" + LiveTraceRenderer.text(attempts)
                text += LiveTraceRenderer.comparison(explanation, attempts) + "\n"
            }
            context.write(text)
        case .json:
            context.write(ExplanationJSONRenderer.render(explanation, blame: blame, live: attempts))
        }
        try checkExpectation(explanation, attempts: attempts, labels: labels, context: context)
    }

    /// The labels of the links a profile can reach (its own and those of the profiles it refers to), by path.
    static func labels(in entry: ProfileCatalog.Entry) -> [String: String] {
        var labels: [String: String] = [:]
        for profile in entry.scope.graph.profiles {
            profile.credential.forEachNode { node in
                if let label = node.label { labels[node.path] = label }
            }
        }
        return labels
    }

    /// Every name `--expect` accepts for the links of an explanation: `path:kind`, path, kind and label.
    static func names(of explanation: Explanation, labels: [String: String]) -> [String] {
        var names: [String] = []
        for link in explanation.links {
            for name in [link.displayName, link.path, link.kind] + (labels[link.path].map { [$0] } ?? [])
            where !names.contains(name) {
                names.append(name)
            }
        }
        return names
    }

    private func checkExpectation(
        _ explanation: Explanation, attempts: [LinkAttempt]?, labels: [String: String], context: CLIContext
    ) throws {
        let winner: (name: String, path: String, kind: String)?
        if let attempts {
            winner = attempts.last { $0.outcome == .authenticated && $0.requests != nil }
                .map { ($0.displayName, $0.path, $0.kind) }
        } else if let name = explanation.conclusion.winner,
            let link = explanation.links.first(where: { $0.displayName == name })
        {
            winner = (name, link.path, link.kind)
        } else {
            winner = nil
        }
        guard let expect else {
            // A dry run that depends on a probe is not a failure; a live run without a token is.
            let noToken = attempts != nil ? winner == nil : explanation.conclusion.result == .noToken
            if noToken { throw ExitWith(status: .findings) }
            return
        }
        guard let winner else {
            let why =
                attempts == nil && explanation.conclusion.result == .dependsOnProbe
                ? "only a request can tell (\(explanation.conclusion.contingentOn.joined(separator: ", ")))"
                : "no link would"
            context.writeError("expected \(expect) to authenticate, but \(why)\n")
            throw ExitWith(status: .findings)
        }
        let matches = ([winner.name, winner.path, winner.kind] + (labels[winner.path].map { [$0] } ?? []))
            .contains(expect)
        if !matches {
            context.writeError("expected \(expect) to authenticate, but \(winner.name) would\n")
            throw ExitWith(status: .findings)
        }
    }
}

/// The output formats of `explain` and `list`.
enum ExplainFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json
}
