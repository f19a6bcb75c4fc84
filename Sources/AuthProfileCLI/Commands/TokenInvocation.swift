// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AuthProfilesRuntime
import AzureIdentity
import Foundation
import IdentitySupport
import TokenCacheStore

/// What one `authprofile token` run asks for, and what is done with it — written once, whoever parsed the
/// arguments: argument-parser (``TokenCommand``) or the fast path's strict reader (``init(fastPathArguments:)``),
/// which accepts only a subset of the same options and leaves everything else to argument-parser.
struct TokenInvocation: Sendable, Hashable {
    /// The profile named, if any.
    var profile: String?
    /// `--scope`, in order.
    var scopes: [String]
    /// `--tenant`.
    var tenant: String?
    /// `--claims`.
    var claims: String?
    /// `--format`, if given.
    var requestedFormat: TokenOutputFormat?
    /// `--file`, `--env`, `--set`.
    var selection: ProfileSelection
    /// `--color` (nothing `token` prints on success is coloured).
    var colour: ColourChoice = .auto
    /// `--no-cache`: the profile's persistent token cache is ignored (never set by the fast path's reader, which
    /// leaves `--no-cache` to argument-parser).
    var noCache = false

    /// The output format; json when none is given. A failure is reported as JSON (on stderr) only when json was
    /// asked for: by default a person reads the error.
    var format: TokenOutputFormat { requestedFormat ?? .json }

    /// Why the arguments cannot make a request, checked before anything is sent: no scope, or a scope or claims
    /// Entra would reject (the message says the fix).
    var problem: String? {
        if scopes.isEmpty { return "give the scope to request with --scope" }
        for scope in scopes {
            if let problem = RequestArguments.problem(withScope: scope) { return problem }
        }
        if let claims, let problem = RequestArguments.problem(withClaims: claims) { return problem }
        return nil
    }

    /// Runs the profile and prints the token, or every link's outcome.
    func run(context: CLIContext) async throws {
        let (bound, request) = try prepare(context)
        let credential: ProfileCredential
        switch bound {
        case .success(let made): credential = made
        case .failure(let error):
            context.writeError("error: \(error)\n")
            throw ExitWith(status: .usage)
        }
        let evaluation = try await credential.evaluate(for: request)
        let printed = try print(evaluation, of: credential, context: context)
        // The token is now in the persistent cache (when the profile keeps one): remember the answer, so the next
        // identical run prints it without this binary (``TokenShortcut``). Only when the fast path would print
        // exactly what was printed.
        if let (output, record) = answerFromPersistentCache(context: context), output == printed, let record {
            TokenShortcuts.store(record, context: context)
        }
    }

    /// The fast path (issue 12): when the token the run would print is certainly the one in the persistent cache of
    /// the first link it tries, prints it without running anything — no HTTP client, no event loop, no TLS — and
    /// returns `true`. Returns `false`, having written nothing, in every other case; the caller then runs the
    /// command. The profile, the request and the output come from the code ``run(context:)`` uses.
    func runFromPersistentCache(context: CLIContext) -> Bool {
        guard let (output, record) = answerFromPersistentCache(context: context) else { return false }
        context.write(output)
        if let record { TokenShortcuts.store(record, context: context) }
        return true
    }

    /// What ``runFromPersistentCache(context:)`` would print, with the ``TokenShortcut`` record that lets a later
    /// identical run print it after checking the reads it depended on.
    private func answerFromPersistentCache(context: CLIContext) -> (output: String, record: TokenShortcut?)? {
        guard !noCache, problem == nil else { return nil }
        return TokenShortcuts.recording { () -> (output: String, validUntil: Double)? in
            guard let (bound, request) = try? prepare(context), case .success(let credential) = bound,
                let evaluation = credential.evaluationFromPersistentCache(for: request),
                let token = evaluation.token,
                let output = try? output(of: evaluation, context: context)
            else { return nil }
            if format == .json { Self.readTimeZone(environment: context.environment) }
            let validUntil = (token.refreshOn ?? token.expiresOn).timeIntervalSince1970
            return (output, validUntil)
        }
    }

    /// Reads the files the process's time zone comes from (json's `expiresOn` is local time), so that a record
    /// made while they were read depends on them: `/etc/localtime`, and the zone file `TZ` names.
    private static func readTimeZone(environment: [String: String]) {
        _ = try? UserFile.read("/etc/localtime", limit: 1 << 20)
        guard var zone = EnvironmentVariables(environment)["TZ"] else { return }
        if zone.hasPrefix(":") { zone.removeFirst() }
        let path = zone.hasPrefix("/") ? zone : "/usr/share/zoneinfo/" + zone
        _ = try? UserFile.read(path, limit: 1 << 20)
    }

    /// The profile's credential (bound to the run's environment), or why there is none, and the request. Writes
    /// nothing: the fast path must leave every message to the run.
    private func prepare(
        _ context: CLIContext
    ) throws -> (Result<ProfileCredential, AuthProfileError>, TokenRequest) {
        let environment = try selection.environment(context: context, command: TokenCommand.self)
        let catalog = selection.catalog(context: context)
        let profile = try selection.profileName(profile, in: catalog, command: TokenCommand.self)
        var options = context.runtimeOptions(environment: environment)
        options.tokenCache.isEnabled = !noCache
        let credential = Result { () throws(AuthProfileError) in
            try AuthProfile.credential(named: profile, in: catalog, options: options)
        }
        return (credential, TokenRequest(scopes: scopes, claims: claims, tenantID: tenant))
    }

    /// Prints the token in the format asked for, or every link's outcome when there is none.
    @discardableResult
    private func print(
        _ evaluation: ProfileCredential.Evaluation, of credential: ProfileCredential, context: CLIContext
    ) throws -> String {
        guard evaluation.token != nil else {
            let profile = credential.profileName
            let error = AuthProfileError(
                .noToken, "profile '\(profile)' could not get a token; every link's outcome:", profile: profile,
                location: credential.entry.profile.location, attempts: evaluation.attempts)
            context.writeError(
                requestedFormat == .json ? ServiceErrorJSON.tokenFailure(error) : "error: \(error)\n")
            throw ExitWith(status: .findings)
        }
        do {
            let text = try output(of: evaluation, context: context)
            context.write(text)
            return text
        } catch {
            context.writeError("error: \(error)\n")
            throw ExitWith(status: .usage)
        }
    }

    /// The text printed for an evaluation that has a token.
    private func output(of evaluation: ProfileCredential.Evaluation, context: CLIContext) throws -> String {
        guard let token = evaluation.token else { throw ExitWith(status: .findings) }
        // KUBERNETES_EXEC_INFO comes from kubectl, in the process's own environment (not --env's).
        // `tenant` as `az` prints it (json only): the token's `tid`, else the tenant asked for. Decoded only for json:
        // the other formats (kubectl's) do not pay for it.
        let tenant = format == .json ? TokenPrincipal(token: token.token)?.tenantID ?? self.tenant : nil
        return try TokenOutput.render(token, format: format, environment: context.environment, tenant: tenant)
    }
}

extension TokenInvocation {
    /// Reads `token`'s arguments (after the command name) without argument-parser, for the fast path: only the
    /// profile and the options `--scope`, `--tenant`, `--format`, `--file`, `--env`, `--set` and `--color`, each as
    /// `--name value` or `--name=value`, with values that do not start with `-`. Anything else — another option,
    /// `--claims`, `--no-cache`, help, `--`, a second profile, a value out of range — is `nil`, and argument-parser
    /// reads the arguments. A test checks that whatever this accepts, argument-parser reads the same way.
    init?(fastPathArguments arguments: some Collection<String>) {
        self.init(scopes: [], selection: ProfileSelection())
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            guard argument.hasPrefix("-") else {
                guard profile == nil, !argument.isEmpty else { return nil }
                profile = argument
                continue
            }
            let name: Substring
            let value: String
            if let equals = argument.firstIndex(of: "=") {
                name = argument[..<equals]
                value = String(argument[argument.index(after: equals)...])
            } else {
                guard let next = remaining.popFirst() else { return nil }
                name = argument[...]
                value = next
            }
            guard !value.hasPrefix("-") else { return nil }
            switch name {
            case "--scope": scopes.append(value)
            case "--tenant" where tenant == nil: tenant = value
            case "--format" where requestedFormat == nil:
                guard let format = TokenOutputFormat(rawValue: value) else { return nil }
                requestedFormat = format
            case "--file": selection.files.append(value)
            case "--env" where selection.environmentFile == nil: selection.environmentFile = value
            case "--set": selection.assignments.append(value)
            case "--color":
                guard let choice = ColourChoice(rawValue: value) else { return nil }
                colour = choice
            default: return nil
            }
        }
    }
}
