// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

extension CredentialKind {
    /// ChainedTokenCredential: links tried in order under a policy.
    public static let chain = CredentialKind("chain")
}

/// A `chain`'s settings: its links, with the chain's policy already applied to each, and its deadline.
package struct ChainSettings: KindSettings {
    /// The links, in order.
    package let links: [CredentialNode]
    /// How long the whole chain may take.
    package let deadline: ProfileValue<Duration>?

    package enum Field {
        package static let links = FieldSpec(
            "links", .list(.credential), required: true, nonEmpty: true,
            "The credentials to try, in order (`AP206` if empty).")
        package static let deadline = FieldSpec(
            "deadline", .duration, "How long the whole chain may take.",
            default: .described(ProfileDuration.format(FormatSpec.standardChainDeadline)))
        package static let policy = FieldSpec(
            "policy", .object(FormatSpec.chainPolicy), "What the chain does after each outcome, by default.")
    }
}

extension KindDefinition {
    static let chain = KindDefinition(
        .chain, azureIdentityName: "ChainedTokenCredential", category: .composite, tenant: .none,
        fields: [ChainSettings.Field.links, ChainSettings.Field.deadline, ChainSettings.Field.policy],
        build: { reader, builder in
            guard case .list(let links)? = reader.object[ChainSettings.Field.links.name] else { return nil }
            let policy = reader.object(ChainSettings.Field.policy)
            func action(_ field: FieldSpec, _ fallback: ChainAction) -> ChainAction {
                policy?[field.name]?.literalText.flatMap(ChainAction.init(rawValue:)) ?? fallback
            }
            let context = reader.context
            let inner = GraphBuilder.NodeContext(
                profile: context.profile, cloud: context.cloud,
                chainDefaults: (
                    onUnavailable: action(FormatSpec.PolicyField.onUnavailable, .next),
                    onFailed: action(FormatSpec.PolicyField.onFailed, .stop)
                ), inChain: true)
            // Links that did not decode were reported; the chain keeps the rest so later rules still run.
            var nodes: [CredentialNode] = []
            for (index, link) in links.enumerated() {
                let keyPath = reader.keyPath
                if let node = builder.buildNode(
                    link, path: "\(reader.path)/links[\(index)]", keyPath: { "\(keyPath()).links[\(index)]" },
                    context: inner)
                {
                    nodes.append(node)
                }
            }
            return ChainSettings(links: nodes, deadline: reader.duration(ChainSettings.Field.deadline))
        })
}
