import AuthProfiles
import AzureIdentity

/// The members a `default` link runs, in DefaultAzureCredential's order, and how each is built.
///
/// The profile's `credentials:` wins; without it `AZURE_TOKEN_CREDENTIALS` selects, as in Azure Identity. `exclude`
/// removes members either way.
struct DefaultMembers: Sendable {
    struct Member: Sendable, Hashable {
        /// The profile format's name (`azureCli`).
        let name: String
        let member: DefaultAzureCredentialMember
        /// How the `default` link treats the member: DefaultAzureCredential's own policy for it.
        var policy: ChainPolicy { member.chainPolicy }
    }

    static let names: [(String, DefaultAzureCredentialMember)] = [
        ("environment", .environment), ("workloadIdentity", .workloadIdentity), ("managedIdentity", .managedIdentity),
        ("azureCli", .azureCli), ("azurePowerShell", .azurePowerShell), ("azureDeveloperCli", .azureDeveloperCli),
    ]

    let members: [Member]
    /// Whether exactly one member was selected by `AZURE_TOKEN_CREDENTIALS` (no IMDS probe then).
    let single: Bool
    /// Where the selection came from, for explain.
    let selectedBy: String

    static func resolve(
        _ settings: DefaultCredentialSettings, resolver: ValueResolver
    )
        -> Result<DefaultMembers, ValueProblem>
    {
        if settings.credentials != nil {
            let members = settings.members.compactMap { name in
                names.first { $0.0 == name }.map { Member(name: $0.0, member: $0.1) }
            }
            return .success(
                DefaultMembers(
                    members: members, single: members.count == 1,
                    selectedBy: "the profile's `credentials: \(settings.credentials!)`"))
        }
        let raw = resolver.variable("AZURE_TOKEN_CREDENTIALS")
        do {
            let (selected, single) = try DefaultAzureCredentialMember.selection(
                fromEnvironmentValue: raw, brokerEnabled: false)
            let members = selected.compactMap { member in
                names.first { $0.1 == member }.map { Member(name: $0.0, member: $0.1) }
            }.filter { !settings.excluded.contains($0.name) }
            let source = raw.map { "AZURE_TOKEN_CREDENTIALS=\($0)" } ?? "all members (AZURE_TOKEN_CREDENTIALS unset)"
            return .success(DefaultMembers(members: members, single: single, selectedBy: source))
        } catch let error as AzureIdentityError {
            return .failure(ValueProblem(isMissing: false, message: error.message, hint: nil))
        } catch {
            return .failure(ValueProblem(isMissing: false, message: "\(error)", hint: nil))
        }
    }
}

extension CredentialBinder {
    /// Builds one member of a `default` link with DefaultAzureCredential's rules for ids.
    func makeDefaultMember(
        _ member: DefaultMembers.Member, settings: DefaultCredentialSettings, single: Bool, node: CredentialNode,
        in scope: LinkScope
    ) throws -> any TokenCredential {
        let options = try credentialOptions(for: node, in: scope)
        let tenantID = try tenant(for: node, in: scope, required: false)
        let processTimeout =
            try settings.processTimeout.map { value throws(ValueProblem) in
                try resolver.resolve(value, field: "processTimeout", parse: ProfileDuration.parse).get().0
            } ?? .seconds(10)
        switch member.member {
        case .environment:
            return EnvironmentCredential(options: options)
        case .workloadIdentity:
            let clientID =
                try optionalText(settings.workloadIdentityClientID, "workloadIdentityClientId")
                ?? resolver.variable("AZURE_CLIENT_ID")
            return try WorkloadIdentityCredential(tenantID: tenantID, clientID: clientID, options: options)
        case .managedIdentity:
            var managed = self.options.managedIdentity
            if let selector = settings.managedIdentity {
                managed.identity = try identity(selector)
            } else if let clientID = resolver.variable("AZURE_CLIENT_ID") {
                managed.identity = .clientID(clientID)
            }
            if managed.probeTimeout == nil, !single { managed.probeTimeout = .seconds(1) }
            if single { managed.probeTimeout = nil }
            return try ManagedIdentityCredential(managedIdentity: managed, options: options)
        case .azureCli:
            return try AzureCliCredential(tenantID: tenantID, processTimeout: processTimeout, options: options)
        case .azurePowerShell:
            return try AzurePowerShellCredential(tenantID: tenantID, processTimeout: processTimeout, options: options)
        default:
            return try AzureDeveloperCliCredential(tenantID: tenantID, processTimeout: processTimeout, options: options)
        }
    }
}

extension ProfileEvaluator {
    func evaluateDefault(
        _ node: CredentialNode, settings: DefaultCredentialSettings, in scope: LinkScope, request: TokenRequest,
        depth: Int, deadlines: [Deadline], attempts: inout [LinkAttempt]
    ) async throws -> LinkResult {
        let selection: DefaultMembers
        switch DefaultMembers.resolve(settings, resolver: resolver) {
        case .success(let resolved): selection = resolved
        case .failure(let problem): return .failed(problem.message)
        }
        if selection.members.isEmpty { return .unavailable("every member is excluded") }
        // One limit for the whole `default` link, as its `timeout` (or the default link timeout) is the link's.
        let limit = limit(for: node, deadlines: deadlines)
        let members = selection.members
        let conclusion = try await ChainEngine.run(
            members.map { ChainEngine.Link(policy: $0.policy) },
            timeSource: timeSource,
            attempt: { index in
                let member = members[index]
                let path = "\(node.path)/\(member.name)"
                let start = timeSource.instant()
                let (result, requests) = try await runLeaf(key: path, limit: limit, request: request) {
                    () throws(ValueProblem) -> any TokenCredential in
                    try CredentialBinder(resolver: resolver, options: options, transport: transport)
                        .bindDefaultMember(member, settings: settings, single: selection.single, node: node, in: scope)
                }
                attempts.append(
                    LinkAttempt(
                        path: path, kind: member.name, location: nil, depth: depth + 1,
                        outcome: .notTried, latency: timeSource.instant() - start,
                        requests: requests))
                record(result, at: attempts.count - 1, in: &attempts)
                return result
            },
            observe: { report in
                guard report.outcome == .notTried else { return }
                let member = members[report.index]
                attempts.append(
                    LinkAttempt(
                        path: "\(node.path)/\(member.name)", kind: member.name, location: nil, depth: depth + 1,
                        outcome: .notTried, reason: report.reason, latency: .zero))
            })
        return Self.result(of: conclusion) { members[$0].name }
    }
}
