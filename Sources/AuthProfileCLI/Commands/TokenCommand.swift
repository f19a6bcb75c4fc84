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

    @Argument(help: "The profile to use.")
    var profile: String = "default"

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

    @OptionGroup var selection: ProfileSelectionOptions

    func validate() throws {
        if scope.isEmpty { throw ValidationError("give the scope to request with --scope") }
    }

    func run() async throws {
        let context = CLIContext.current
        let environment = try selection.environment(context: context)
        let credential: ProfileCredential
        do {
            credential = try AuthProfile.credential(
                named: profile, in: selection.catalog(context: context),
                options: context.runtimeOptions(environment: environment))
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
            context.write(try TokenOutput.render(token, format: format, environment: context.environment))
        } catch {
            context.writeError("error: \(error)\n")
            throw ExitWith(status: .usage)
        }
    }
}

extension TokenOutputFormat: ExpressibleByArgument {}
