// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
package import AzureIdentity
import IdentitySupport

/// Which authority host a link's requests go to, and why: the one rule the run (``CredentialBinder``) and the dry
/// run (explain) both apply, through ``ValueResolver/authority(for:in:)``.
///
/// A link whose profile (or own declared tenant) names a cloud authenticates in that cloud. A link with no cloud
/// named is in the public cloud, except for the kinds whose configuration is the environment
/// (``KindDefinition/readsAuthorityHostVariable``: `environment`, `workloadIdentity`, `default`), which honour
/// `AZURE_AUTHORITY_HOST` as their Azure Identity counterparts do. The variable is checked by the rule a profile
/// cloud's `authorityHost` is checked by (`IdentitySupport`'s `AuthorityURL`: https, no user info, query, fragment
/// or dot segment); it cannot say `allowLoopback`, so a loopback host is refused — a local test server is a cloud
/// declared with `allowLoopback: true`. A value it refuses makes the link unavailable (another link may still
/// authenticate), and never falls back to the public cloud.
package struct AuthorityChoice: Sendable {
    /// The variable the environment's kinds read.
    package static let variable = "AZURE_AUTHORITY_HOST"

    /// Where the authority host comes from.
    package enum Source: Sendable, Hashable {
        /// `AZURE_AUTHORITY_HOST`.
        case variable
        /// The cloud the profile (or the link's tenant) names.
        case namedCloud(String)
        /// No cloud is named: the public cloud.
        case defaultCloud
    }

    /// Where the authority host comes from.
    package let source: Source
    /// Whether `AZURE_AUTHORITY_HOST` is set for a kind that honours it, but the named cloud wins.
    package let overridesVariable: Bool
    /// The authority host, or why the source's value cannot be used.
    package let host: Result<AuthorityHost, ValueProblem>

    /// Why this host, for explain on a link of a kind that honours the variable: `from AZURE_AUTHORITY_HOST`, `the
    /// profile's cloud usgov` (saying when the variable is set but overridden), `the default public cloud; …`.
    package var reason: String {
        switch source {
        case .variable:
            return "from \(Self.variable)"
        case .namedCloud(let name):
            let because = "the profile's cloud \(name)"
            return overridesVariable ? because + "; \(Self.variable) is set, but the profile's cloud wins" : because
        case .defaultCloud:
            return "the default public cloud; \(Self.variable) is not set"
        }
    }

    /// The subject explain names a problem with the host under: the variable, or the cloud.
    package var subject: String {
        switch source {
        case .variable: "env \(Self.variable)"
        case .namedCloud(let name): "cloud \(name)"
        case .defaultCloud: "cloud public"
        }
    }
}

extension ValueResolver {
    /// The authority host of a link, by the one rule (``AuthorityChoice``). Reads `AZURE_AUTHORITY_HOST` only for
    /// the kinds that honour it, so for the others it stays in explain's ignored variables.
    func authority(for node: CredentialNode, in scope: LinkScope) -> AuthorityChoice {
        let honours = node.definition.readsAuthorityHostVariable
        let namesCloud = scope.namesCloud(for: node)
        if honours, !namesCloud, let value = variable(AuthorityChoice.variable) {
            let host: Result<AuthorityHost, ValueProblem>
            do {
                host = .success(try AuthorityHost(value))
            } catch {
                let message = (error as? AzureIdentityError)?.message ?? "The authority host is not valid."
                host = .failure(
                    ValueProblem(
                        isMissing: true, message: "\(AuthorityChoice.variable): \(message)",
                        hint: "Set \(AuthorityChoice.variable) to an https authority such as "
                            + "https://login.microsoftonline.us, or unset it for the public cloud "
                            + "(a local test server needs a cloud with `allowLoopback: true`).",
                        isStable: true))
            }
            return AuthorityChoice(source: .variable, overridesVariable: false, host: host)
        }
        let overrides = honours && namesCloud && variables.isSet(AuthorityChoice.variable)
        guard let cloud = scope.cloud else {
            return AuthorityChoice(source: .defaultCloud, overridesVariable: false, host: .success(.publicCloud))
        }
        let source: AuthorityChoice.Source = namesCloud ? .namedCloud(cloud.name) : .defaultCloud
        return AuthorityChoice(source: source, overridesVariable: overrides, host: cloudHost(cloud))
    }

    /// The authority host of a cloud: a built-in one's, or a declared one's `authorityHost` checked by the rule.
    func cloudHost(_ cloud: CloudDefinition) -> Result<AuthorityHost, ValueProblem> {
        switch cloud.name {
        case "public" where cloud.location == nil: return .success(.publicCloud)
        case "usgov" where cloud.location == nil: return .success(.usGovernment)
        case "china" where cloud.location == nil: return .success(.china)
        default: break
        }
        return resolve(cloud.authorityHost, field: "cloud \(cloud.name) authorityHost").flatMap { text, _ in
            do {
                return .success(try AuthorityHost(text, allowLoopback: cloud.allowsLoopback))
            } catch let error as AzureIdentityError {
                return .failure(ValueProblem(isMissing: false, message: error.message, isStable: true))
            } catch {
                return .failure(ValueProblem(isMissing: false, message: "\(error)", isStable: true))
            }
        }
    }
}
