// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

extension CredentialKind {
    /// DefaultAzureCredential: its members in order, configured as Azure Identity configures them.
    public static let `default` = CredentialKind("default")
}

/// A `default` link's settings: DefaultAzureCredential's options.
package struct DefaultCredentialSettings: KindSettings, Hashable {
    /// The user-assigned managed identity for the managed identity member; system-assigned when unset.
    package let managedIdentity: ManagedIdentitySelector?
    /// The client id for the workload identity member, instead of `AZURE_CLIENT_ID`.
    package let workloadIdentityClientID: ProfileValue<String>?
    /// How long each developer tool may run.
    package let processTimeout: ProfileValue<Duration>?
    /// `dev`, `prod` or one member's name, as `AZURE_TOKEN_CREDENTIALS` takes them; `nil` for all.
    package let credentials: String?
    /// Members left out.
    package let excluded: [String]

    /// How long each developer tool may run when `processTimeout` is not given, as in Azure Identity.
    package static let standardProcessTimeout: Duration = .seconds(10)

    /// DefaultAzureCredential's members, in order. (Definitions rather than kinds: the `default` kind's own
    /// definition reads their categories while the registry is being built.)
    private static let memberDefinitions: [KindDefinition] = [
        .environment, .workloadIdentity, .managedIdentity, .visualStudioCode, .azureCli, .azurePowerShell,
        .azureDeveloperCli,
    ]

    /// DefaultAzureCredential's members, in order.
    package static let allMembers: [CredentialKind] = memberDefinitions.map(\.kind)

    /// The members `credentials: dev` selects: the developer tools, in member order.
    package static let developerMembers = memberDefinitions.filter { $0.category == .developerTool }.map(\.kind)

    /// The members `credentials: prod` selects: the deployed kinds, in member order.
    package static let deployedMembers = memberDefinitions.filter { $0.category == .deployed }.map(\.kind)

    /// The members that can run, in order.
    package var members: [String] {
        let selected: [CredentialKind]
        switch credentials {
        case nil: selected = Self.allMembers
        case "dev": selected = Self.developerMembers
        case "prod": selected = Self.deployedMembers
        case let name?: selected = Self.allMembers.filter { $0.rawValue == name }
        }
        return selected.map(\.rawValue).filter { !excluded.contains($0) }
    }

    package enum Field {
        package static let managedIdentityClientID = FieldSpec(
            "managedIdentityClientId", .clientID, "A user-assigned managed identity by client id.",
            default: .described("`AZURE_CLIENT_ID` unless `managedIdentityResourceId` is given, else system-assigned"))
        package static let managedIdentityResourceID = FieldSpec(
            "managedIdentityResourceId", .resourceID, "A user-assigned managed identity by resource id.")
        package static let workloadIdentityClientID = FieldSpec(
            "workloadIdentityClientId", .clientID, "The client id for workload identity.",
            default: .described("`AZURE_CLIENT_ID`"))
        package static let processTimeout = FieldSpec(
            "processTimeout", .duration, "How long each developer tool may take.",
            default: .described(ProfileDuration.format(standardProcessTimeout)))
        package static let credentials = FieldSpec(
            "credentials", .choice(["dev", "prod"] + allMembers.map(\.rawValue)),
            "Like `AZURE_TOKEN_CREDENTIALS`: `dev` is the developer tools ("
                + developerMembers.map { "`\($0)`" }.joined(separator: ", ") + "), `prod` is "
                + deployedMembers.map { "`\($0)`" }.joined(separator: ", ") + ", or one member's name.",
            default: .described("all members"), typeName: "`dev`, `prod`, or a member's name")
        package static let exclude = FieldSpec(
            "exclude", .list(.choice(allMembers.map(\.rawValue))), "Members to leave out.",
            default: .described("none"), typeName: "list of member names")
    }
}

extension KindDefinition {
    static let `default` = KindDefinition(
        .default, azureIdentityName: "DefaultAzureCredential", category: .composite, tenant: .optional,
        fields: [
            DefaultCredentialSettings.Field.managedIdentityClientID,
            DefaultCredentialSettings.Field.managedIdentityResourceID,
            DefaultCredentialSettings.Field.workloadIdentityClientID, DefaultCredentialSettings.Field.processTimeout,
            DefaultCredentialSettings.Field.credentials, DefaultCredentialSettings.Field.exclude,
        ],
        atMostOne: [["managedIdentityClientId", "managedIdentityResourceId"]],
        identityVariables: ["AZURE_TOKEN_CREDENTIALS"], readsAuthorityHostVariable: true,
        build: { reader, builder in
            typealias Field = DefaultCredentialSettings.Field
            var identity: ManagedIdentitySelector?
            if let id = reader.text(Field.managedIdentityClientID) { identity = .clientID(id) }
            if let id = reader.text(Field.managedIdentityResourceID) { identity = .resourceID(id) }
            let settings = DefaultCredentialSettings(
                managedIdentity: identity, workloadIdentityClientID: reader.text(Field.workloadIdentityClientID),
                processTimeout: reader.duration(Field.processTimeout), credentials: reader.word(Field.credentials),
                excluded: reader.words(Field.exclude))
            if settings.members.isEmpty {
                builder.report(
                    .emptyCollection, "this default credential has no members left after `credentials` and `exclude`",
                    at: reader.object.location(of: Field.exclude.name), path: "\(reader.keyPath()).exclude",
                    hint: "exclude fewer members, or choose other `credentials`")
            }
            return settings
        })
}
