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

    @Flag(help: "Ignore the profile's persistent token cache for this run: no token is read from or written to disk.")
    var noCache = false

    @OptionGroup var selection: ProfileSelectionOptions

    @OptionGroup var colour: ColourOptions

    /// What this run asks for, as values: the one place the command's work is written.
    var invocation: TokenInvocation {
        TokenInvocation(
            profile: profile, scopes: scope, tenant: tenant, claims: claims, requestedFormat: requestedFormat,
            selection: selection.values, colour: colour.choice, noCache: noCache)
    }

    /// argument-parser's reading of `arguments` (after `token`), validated, as values: what the fast path's reader
    /// is compared with.
    static func invocation(parsing arguments: [String]) throws -> TokenInvocation {
        try parse(arguments).invocation
    }

    func validate() throws {
        if let problem = invocation.problem { throw ValidationError(problem) }
    }

    func run() async throws {
        try await invocation.run(context: CLIContext.current)
    }
}

extension TokenOutputFormat: ExpressibleByArgument {}
