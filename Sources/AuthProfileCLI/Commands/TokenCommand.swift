// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import AuthProfiles
import AuthProfilesRuntime
import AzureIdentity

/// `authprofile token`: gets a token with a profile and prints it for scripts, kubectl or another tool.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Get an access token with a profile.",
        discussion: """
            Formats: json (the shape `az account get-access-token` prints), raw (the token alone, for $(...)), \
            exec-credential (a Kubernetes ExecCredential; reads KUBERNETES_EXEC_INFO), env (shell assignments \
            for eval). On failure, stderr lists every link's outcome.
            Exit status: 0 a token was printed, 1 no link produced one, 2 usage error or invalid profiles.
            """)

    @Argument(
        help: "The profile to use; default: the only profile of the --file files, else the built-in `default`.",
        completion: ProfileNameCompletion.kind)
    var profile: String?

    @Option(
        help: ArgumentHelp(
            "The scope to request, such as https://storage.azure.com/.default (repeatable).",
            valueName: "scope"))
    var scope: [String] = []

    @Option(
        help: ArgumentHelp(
            "Request the token for this tenant (must be allowed by the profile).",
            valueName: "tenant"))
    var tenant: String?

    @Option(help: ArgumentHelp("Claims challenge (from a WWW-Authenticate header) to satisfy.", valueName: "json"))
    var claims: String?

    @Option(name: .customLong("format"), help: "Output format: json (the default), raw, exec-credential or env.")
    var requestedFormat: TokenOutputFormat?

    /// The output format; json when none is given. A failure is reported as JSON (on stderr) only when json was
    /// asked for: by default a person reads the error.
    var format: TokenOutputFormat { requestedFormat ?? .json }

    @Flag(help: "Ignore the profile's persistent token cache for this run: no token is read from or written to disk.")
    var noCache = false

    @OptionGroup var selection: ProfileSelectionOptions

    @OptionGroup var colour: ColourOptions

    func validate() throws {
        if scope.isEmpty { throw ValidationError("give the scope to request with --scope") }
        // What Entra would reject is refused here, with the fix, before any request is sent.
        for scope in scope {
            if let problem = RequestArguments.problem(withScope: scope) { throw ValidationError(problem) }
        }
        if let claims, let problem = RequestArguments.problem(withClaims: claims) {
            throw ValidationError(problem)
        }
    }

    func run() async throws {
        let context = CLIContext.current
        let environment = try selection.environment(context: context, command: Self.self)
        let catalog = selection.catalog(context: context)
        let profile = try selection.profileName(profile, in: catalog, command: Self.self)
        var options = context.runtimeOptions(environment: environment)
        options.tokenCache.isEnabled = !noCache
        let credential: ProfileCredential
        do {
            credential = try AuthProfile.credential(named: profile, in: catalog, options: options)
        } catch {
            context.writeError("error: \(error)\n")
            throw ExitWith(status: .usage)
        }
        let request = TokenRequest(scopes: scope, claims: claims, tenantID: tenant)
        let evaluation = try await credential.evaluate(for: request)
        guard let token = evaluation.token else {
            let error = AuthProfileError(
                .noToken, "profile '\(profile)' could not get a token; every link's outcome:", profile: profile,
                location: credential.entry.profile.location, attempts: evaluation.attempts)
            context.writeError(
                requestedFormat == .json ? ServiceErrorJSON.tokenFailure(error) : "error: \(error)\n")
            throw ExitWith(status: .findings)
        }
        do {
            // KUBERNETES_EXEC_INFO comes from kubectl, in the process's own environment (not --env's).
            // `tenant` as `az` prints it: the token's `tid`, else the tenant asked for.
            let winner = evaluation.attempts.last { $0.outcome == .authenticated && $0.principal != nil }
            let tenant = winner?.principal?.tenantID ?? self.tenant
            context.write(
                try TokenOutput.render(token, format: format, environment: context.environment, tenant: tenant))
        } catch {
            context.writeError("error: \(error)\n")
            throw ExitWith(status: .usage)
        }
    }
}

extension TokenOutputFormat: ExpressibleByArgument {}
