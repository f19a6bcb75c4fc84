// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import IdentitySupport
import Logging
import Synchronization

/// The credential chain for code that should "just work" on a developer machine and in Azure.
///
/// Order (Azure Identity 4.11+): ``EnvironmentCredential``, ``WorkloadIdentityCredential``,
/// ``ManagedIdentityCredential``, ``VisualStudioCodeCredential``, ``AzureCliCredential``,
/// ``AzurePowerShellCredential``, ``AzureDeveloperCliCredential``, and the identity broker's default account last
/// when ``DefaultAzureCredentialOptions/brokerEnabled`` (silently: nothing in this chain ever prompts).
/// `AZURE_TOKEN_CREDENTIALS` narrows it to `dev`, `prod` or one credential.
///
/// Continuation: a developer credential that fails for any reason passes to the next one; a deployed credential
/// (environment, workload identity, managed identity) passes only when it is *unavailable*. When it tried and
/// failed (Entra rejected its secret, IMDS answered 500 after retries) the chain stops with that failure, so a
/// misconfigured deployment is not masked by a developer's `az login`.
///
/// When no credential gives a token, ``getToken(for:)`` throws a ``ChainError`` named `DefaultAzureCredential`
/// that lists every credential tried, in order, with its outcome and reason.
///
/// Deliberate differences from Azure Identity (JS 4.13):
/// - A member that cannot be built (workload identity without its variables) is listed in the error with its
///   reason instead of being skipped silently; invalid options (bad tenant id, two managed identity ids, a bad
///   `AZURE_TOKEN_CREDENTIALS`) make the initializer throw.
/// - `AZURE_TOKEN_CREDENTIALS=ManagedIdentityCredential` keeps the options' managed identity settings (JS drops
///   them); it only turns the probe off.
/// - The IMDS probe result is remembered; the token exchange credential is built once.
/// - A developer tool failing for a reason other than "not installed / not signed in" is reported as *failed*
///   (not *unavailable*) in the error, though the chain still moves on.
public struct DefaultAzureCredential: TokenCredential {
    /// The members in chain order, as selected.
    public let members: [DefaultAzureCredentialMember]
    private let links:
        [(member: DefaultAzureCredentialMember, credential: Result<any TokenCredential, AzureIdentityError>)]
    private let logger: Logger
    private let winner = WinnerBox()

    /// Builds the chain.
    /// - Throws: ``AzureIdentityError/Code/invalidConfiguration`` for an invalid `AZURE_TOKEN_CREDENTIALS`, tenant
    ///   id, or both managed identity ids.
    public init(
        _ settings: DefaultAzureCredentialOptions = DefaultAzureCredentialOptions(),
        options: CredentialOptions = CredentialOptions()
    ) throws {
        let (members, single) = try DefaultAzureCredentialMember.selection(
            fromEnvironmentValue: EnvironmentVariables(options.environment)["AZURE_TOKEN_CREDENTIALS"],
            brokerEnabled: settings.brokerEnabled
        )
        if let tenant = settings.tenantID { try TenantID.validate(tenant) }
        guard settings.managedIdentityClientID == nil || settings.managedIdentityResourceID == nil else {
            throw AzureIdentityError(
                code: .invalidConfiguration,
                message: "DefaultAzureCredential: give managedIdentityClientID or managedIdentityResourceID, not both.",
                credentialName: "DefaultAzureCredential"
            )
        }
        self.members = members
        self.logger = options.logger
        self.links = members.map { member in
            let built: Result<any TokenCredential, AzureIdentityError>
            do {
                built = .success(try Self.make(member, settings: settings, options: options, alone: single))
            } catch let error as AzureIdentityError {
                built = .failure(error)
            } catch {
                built = .failure(AzureIdentityError(code: .invalidConfiguration, message: "\(error)"))
            }
            return (member, built)
        }
        options.logger.debug("DefaultAzureCredential: chain", metadata: ["members": "\(members)"])
    }

    /// The member that gave the last token, if any (to answer "which credential did it use?").
    public var lastSuccessfulMember: DefaultAzureCredentialMember? { winner.value }

    /// Returns the first token a member produces.
    nonisolated(nonsending) public func getToken(for request: TokenRequest) async throws -> AccessToken {
        let conclusion = try await ChainEngine.run(
            links.map { ChainEngine.Link(policy: $0.member.chainPolicy) },
            attempt: { index in
                switch links[index].credential {
                case .success(let credential): try await ChainEngine.run(credential, for: request, limit: nil)
                case .failure(let error): LinkResult(error: error)
                }
            },
            observe: { report in
                logger.debug(
                    "DefaultAzureCredential: \(links[report.index].member) \(report.outcome)",
                    metadata: report.reason.map { ["reason": "\($0)"] } ?? [:])
            })
        switch conclusion {
        case .token(let token, let winner):
            let member = links[winner].member
            self.winner.set(member)
            logger.info("DefaultAzureCredential: \(member) succeeded", metadata: ["scopes": "\(request.scopes)"])
            return token
        case .noToken(_, let reports):
            throw ChainError(reports: reports, chainName: "DefaultAzureCredential") { links[$0].member.description }
        }
    }
}

/// Remembers the winning member.
final class WinnerBox: Sendable {
    private let state = Mutex<DefaultAzureCredentialMember?>(nil)
    var value: DefaultAzureCredentialMember? { state.withLock { $0 } }
    func set(_ member: DefaultAzureCredentialMember) { state.withLock { $0 = member } }
}
