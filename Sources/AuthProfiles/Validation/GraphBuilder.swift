// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import IdentitySupport

/// Turns a decoded document into a ``CredentialGraph``: resolves names, applies `extends` and defaults,
/// and checks the rules that span more than one field.
struct GraphBuilder {
    let file: String
    let document: DecodedObject
    var diagnostics: [Diagnostic] = []

    var clouds: [String: CloudDefinition] = CloudDefinition.builtIn
    var tenants: [String: TenantDefinition] = [:]
    var rawProfiles: [(name: Located<String>, object: DecodedObject)] = []
    /// The index in `rawProfiles` of each name's first entry.
    var rawProfileIndex: [String: Int] = [:]
    var usedTenants: Set<String> = []
    /// Did-you-mean searches over large name lists left; a file with thousands of broken references stays fast.
    var suggestions = Suggestion.Budget()
    /// The declared names, sorted once for hints (not once per broken reference).
    var profileNames: [String] = []
    var tenantNames: [String] = []
    var cloudNames: [String] = []
    var usedClouds: Set<String> = []
    /// What ``reportOnce`` reported.
    var reportedOnce: Set<ReportedOnceKey> = []

    struct ReportedOnceKey: Hashable {
        let code: DiagnosticCode
        let location: SourceLocation
    }

    init(file: String, document: DecodedObject) {
        self.file = file
        self.document = document
    }

    mutating func build() -> CredentialGraph? {
        buildClouds()
        cloudNames = clouds.keys.sorted()
        buildTenants()
        tenantNames = tenants.keys.sorted()
        if case .namedMap(let entries)? = document["profiles"] {
            rawProfiles = entries.compactMap { entry in entry.value.value.object.map { (entry.name, $0) } }
            for (index, entry) in rawProfiles.enumerated() where rawProfileIndex[entry.name.value] == nil {
                rawProfileIndex[entry.name.value] = index
            }
            profileNames = rawProfileIndex.keys.sorted()
        }
        let profiles = buildProfiles()
        // Positions, not copies: a `Profile` copy retains a dozen references.
        var positions: [String: Int] = [:]
        positions.reserveCapacity(profiles.count)
        for position in profiles.indices where positions[profiles[position].name] == nil {
            positions[profiles[position].name] = position
        }
        checkReferenceCycles(profiles, positions: positions)
        for position in profiles.indices { checkChains(profiles[position].credential) }
        checkProductionPolicy(profiles, positions: positions)
        checkUnused()
        return CredentialGraph(
            file: file, description: document["description"]?.literalText, clouds: clouds,
            tenants: tenants, profiles: profiles)
    }

    // MARK: Clouds and tenants

    private mutating func buildClouds() {
        guard case .namedMap(let entries)? = document["clouds"] else { return }
        for (name, value) in entries {
            guard let object = value.value.object else { continue }
            if CloudDefinition.builtIn[name.value] != nil {
                report(
                    .builtinCloudRedefined, "cloud '\(name.value)' is built in and cannot be redefined",
                    at: name.location, path: "clouds.\(name.value)", hint: "give the custom cloud another name")
                continue
            }
            guard let host = object["authorityHost"]?.text else { continue }
            let allowsLoopback = boolLiteral(object["allowLoopback"]) ?? false
            // The default of an `{env:}` binding is used as written when the variable is unset: check it too.
            if let written = host.literal ?? host.binding?.defaultValue {
                checkAuthorityHost(
                    written, allowsLoopback: allowsLoopback, at: object.location(of: "authorityHost"),
                    path: "clouds.\(name.value).authorityHost")
            }
            clouds[name.value] = CloudDefinition(
                name: name.value, authorityHost: host, allowsLoopback: allowsLoopback,
                caBundle: object["caBundle"]?.text, location: name.location)
        }
    }

    /// The authority rule the runtime applies too (``AuthorityURL``), reported as `AP302`–`AP304`. Messages quote
    /// the URL only in its normalized form, which has no user info, query or fragment.
    private mutating func checkAuthorityHost(
        _ host: String, allowsLoopback: Bool, at location: SourceLocation,
        path: String
    ) {
        switch AuthorityURL.check(host, allowLoopback: allowsLoopback) {
        case .success:
            break
        case .failure(.loopbackNotAllowed(let url)):
            report(
                .loopbackAuthorityHost, "authority host '\(url.normalized)' is a loopback address",
                at: location, path: path,
                hint: "add `allowLoopback: true` to the cloud if it is a local test server")
        case .failure(.insecureScheme(let url)):
            report(
                .insecureAuthorityHost, "authority host '\(url.normalized)' does not use https", at: location,
                path: path, hint: "use https://\(url.host.canonical)" + (url.port.map { ":\($0)" } ?? "") + url.path)
        case .failure(let problem):
            report(
                .invalidURL, "authority host is not valid: \(problem)", at: location, path: path,
                hint: "write e.g. https://login.microsoftonline.com")
        }
    }

    private mutating func buildTenants() {
        guard case .namedMap(let entries)? = document["tenants"] else { return }
        for (name, value) in entries {
            guard let object = value.value.object else { continue }
            // A tenant whose id is invalid is still registered, so references to it resolve (the id was reported).
            let id = object["id"]?.text ?? .literal("")
            let cloud = resolveCloud(object, path: "tenants.\(name.value).cloud")
            tenants[name.value] = TenantDefinition(
                name: name.value, id: id, cloud: cloud ?? "public",
                additionallyAllowed: strings(object["additionallyAllowed"]), location: name.location,
                namesCloud: cloud != nil)
        }
    }

    /// The cloud named in an object's `cloud` field, reporting unknown names; `path` is only evaluated for a report.
    mutating func resolveCloud(_ object: DecodedObject, path: @autoclosure () -> String) -> String? {
        guard let name = object["cloud"]?.literalText else { return nil }
        usedClouds.insert(name)
        guard clouds[name] != nil else {
            report(
                .unknownCloud, "unknown cloud \(ShownValue.quoted(name))", at: object.location(of: "cloud"),
                path: path(),
                hint: suggestions.hint(for: name, in: cloudNames)
                    ?? "use public, usgov, china, or declare it under `clouds:`")
            return nil
        }
        return name
    }

    /// Resolves a `tenant` value: a declared tenant's name, a literal tenant id, or an environment binding.
    /// `path` is only evaluated for a report.
    mutating func resolveTenant(_ value: Located<DecodedValue>?, path: @autoclosure () -> String) -> TenantBinding? {
        guard let value, let text = value.value.text else { return nil }
        switch text {
        case .environment(let binding):
            return .environment(binding)
        case .literal(let name):
            if let tenant = tenants[name] {
                usedTenants.insert(name)
                return .declared(tenant)
            }
            if Identifiers.looksLikeLiteralTenant(name) {
                guard Identifiers.isTenantID(name) else {
                    report(
                        .invalidTenantID, Identifiers.tenantIDProblem(name),
                        at: value.location, path: path())
                    return nil
                }
                return .literal(name)
            }
            let hint =
                suggestions.hint(for: name, in: tenantNames)
                ?? (tenants.isEmpty
                    ? "declare it under `tenants:`, or write the tenant id (a GUID or domain)"
                    : "declared tenants: " + Self.shortList(tenantNames))
            report(
                .unknownTenant, "unknown tenant \(ShownValue.quoted(name))", at: value.location, path: path(),
                hint: hint)
            return nil
        }
    }

    // MARK: Helpers

    /// At most ten names, then how many more: a hint never lists a whole file.
    static func shortList(_ names: [String]) -> String {
        let shown = names.prefix(10).joined(separator: ", ")
        return names.count > 10 ? shown + " and \(names.count - 10) more" : shown
    }

    mutating func report(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation, path: String, hint: String? = nil,
        related: [RelatedLocation] = []
    ) {
        diagnostics.append(Diagnostic(code, message, at: location, path: path, hint: hint, related: related))
    }

    func strings(_ value: DecodedValue?) -> [String] {
        guard case .list(let items)? = value else { return [] }
        return items.compactMap { $0.value.literalText }
    }

    func boolLiteral(_ value: DecodedValue?) -> Bool? {
        if case .boolean(.literal(let flag))? = value { flag } else { nil }
    }

    private mutating func checkUnused() {
        for tenant in tenants.values.sorted(by: { $0.location < $1.location }) where !usedTenants.contains(tenant.name)
        {
            report(
                .unusedDefinition, "tenant '\(tenant.name)' is declared but no profile uses it", at: tenant.location,
                path: "tenants.\(tenant.name)", hint: "remove it, or use it with `tenant: \(tenant.name)`")
        }
        for cloud in clouds.values.sorted(by: { ($0.location?.line ?? 0) < ($1.location?.line ?? 0) }) {
            guard let location = cloud.location, !usedClouds.contains(cloud.name) else { continue }
            report(
                .unusedDefinition, "cloud '\(cloud.name)' is declared but no tenant or profile uses it",
                at: location, path: "clouds.\(cloud.name)", hint: "remove it, or use it with `cloud: \(cloud.name)`")
        }
    }
}
