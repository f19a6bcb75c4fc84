// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// The stable identifier of a kind of diagnostic, such as `AP200` (unknown key).
///
/// Codes never change meaning once published; new ones are added, old ones are never reused.
/// `docs/diagnostics.md` documents every code. Equality compares the raw value only.
public struct DiagnosticCode: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The code as printed, such as `AP200`.
    public let rawValue: String
    /// A short kebab-case name, such as `unknown-key` (used as the SARIF rule name).
    public let name: String
    /// The severity diagnostics of this code have unless a rule says otherwise.
    public let defaultSeverity: Severity
    /// One sentence describing the rule.
    public let summary: String

    private init(_ rawValue: String, _ name: String, _ severity: Severity, _ summary: String) {
        self.rawValue = rawValue
        self.name = name
        self.defaultSeverity = severity
        self.summary = summary
    }

    /// The code, such as `AP200`.
    public var description: String { rawValue }

    /// Codes are equal when their numbers are.
    public static func == (lhs: DiagnosticCode, rhs: DiagnosticCode) -> Bool { lhs.rawValue == rhs.rawValue }
    /// Hashes the number.
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
    /// Codes in numeric order.
    public static func < (lhs: DiagnosticCode, rhs: DiagnosticCode) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The code's section of `docs/diagnostics.md`: the heading's anchor as GitHub and DocC write it
    /// (`ap110-duplicate-key`). `scripts/generate-diagnostics-doc.py` links the table to the same anchors.
    public var documentationAnchor: String { "\(rawValue.lowercased())-\(name)" }

    /// The code's section of `docs/diagnostics.md`, relative to the repository's root.
    public var documentationPath: String { "\(Self.documentationFile)#\(documentationAnchor)" }

    /// The code's section of the published `docs/diagnostics.md`: ``documentationBaseURL`` and the anchor (SARIF's
    /// `helpUri`, which must be an absolute URI).
    public var documentationURL: String { "\(Self.documentationBaseURL)#\(documentationAnchor)" }

    /// Where `docs/diagnostics.md` is in the repository.
    public static let documentationFile = "docs/diagnostics.md"

    /// Where `docs/diagnostics.md` is published: the file on the repository's default branch. The one place that
    /// names the repository's address; change it here if the repository moves.
    public static let documentationBaseURL = "https://github.com/authprofile/authprofile/blob/main/docs/diagnostics.md"

    /// Looks a code up by its raw value.
    public init?(rawValue: String) {
        guard let code = Self.all.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = code
    }

    // MARK: Input (AP1xx): the file could not be read as a single, plain YAML or JSON document.

    /// The file could not be read.
    public static let unreadableFile = Self("AP100", "unreadable-file", .error, "The file could not be read.")
    /// The file is larger than the configured limit.
    public static let fileTooLarge = Self("AP101", "file-too-large", .error, "The file exceeds the size limit.")
    /// The file is not valid UTF-8.
    public static let invalidUTF8 = Self("AP102", "invalid-utf8", .error, "The file is not valid UTF-8 text.")
    /// The file holds binary data.
    public static let binaryFile = Self("AP103", "binary-file", .error, "The file contains binary data (NUL bytes).")
    /// The file holds no document.
    public static let emptyDocument = Self("AP104", "empty-document", .error, "The file contains no document.")
    /// YAML or JSON syntax error.
    public static let syntaxError = Self("AP105", "syntax-error", .error, "The file is not valid YAML or JSON.")
    /// Nesting deeper than the limit.
    public static let nestingTooDeep = Self("AP106", "nesting-too-deep", .error, "Mappings and lists nest too deep.")
    /// A YAML stream with more than one document.
    public static let multipleDocuments = Self(
        "AP107", "multiple-documents", .error, "A profile file holds exactly one YAML document.")
    /// Anchors and aliases are not allowed.
    public static let anchorOrAlias = Self(
        "AP108", "anchor-or-alias", .error, "YAML anchors and aliases are not allowed in profiles.")
    /// Merge keys are not allowed.
    public static let mergeKey = Self("AP109", "merge-key", .error, "YAML merge keys (`<<`) are not allowed.")
    /// The same key appears twice in a mapping.
    public static let duplicateKey = Self("AP110", "duplicate-key", .error, "A mapping repeats a key.")
    /// Explicit YAML tags are not allowed.
    public static let explicitTag = Self(
        "AP111", "explicit-tag", .error,
        "Explicit YAML tags (`!!int`, `!x`) are not allowed; values are typed by their field.")
    /// A mapping key that is not a plain string.
    public static let complexKey = Self("AP112", "complex-key", .error, "Mapping keys must be strings.")
    /// Too many nodes.
    public static let tooManyNodes = Self("AP113", "too-many-nodes", .error, "The document has too many nodes.")
    /// A `.json` file that is not strict JSON.
    public static let invalidJSON = Self(
        "AP114", "invalid-json", .error,
        "A `.json` file is read as strict JSON (RFC 8259): no comments, trailing commas, single quotes or bare keys.")

    // MARK: Structure (AP2xx): the document does not have the shape of a v1 profile file.

    /// A key that the format does not define.
    public static let unknownKey = Self("AP200", "unknown-key", .error, "A key that this place does not define.")
    /// A required field is missing.
    public static let missingField = Self("AP201", "missing-field", .error, "A required field is missing.")
    /// A value of the wrong type.
    public static let wrongType = Self("AP202", "wrong-type", .error, "A value has the wrong type.")
    /// A value outside the allowed set.
    public static let invalidValue = Self("AP203", "invalid-value", .error, "A value is not one of the allowed values.")
    /// Fields that exclude each other.
    public static let conflictingFields = Self(
        "AP204", "conflicting-fields", .error, "Fields that exclude each other are set together.")
    /// A `version` this tool does not support.
    public static let unsupportedVersion = Self(
        "AP205", "unsupported-version", .error, "The file's `version` is not supported.")
    /// An empty list or mapping where entries are required.
    public static let emptyCollection = Self(
        "AP206", "empty-collection", .error, "A list or mapping must not be empty.")
    /// A malformed duration.
    public static let invalidDuration = Self(
        "AP207", "invalid-duration", .error,
        "A duration is a positive whole number and a unit: `500ms`, `2s`, `1m`, `1h`.")
    /// An unknown credential `type`.
    public static let unknownCredentialType = Self(
        "AP208", "unknown-credential-type", .error, "A credential `type` that does not exist.")
    /// A malformed environment variable name.
    public static let invalidEnvironmentName = Self(
        "AP209", "invalid-environment-name", .error, "An environment variable name is malformed.")
    /// A malformed name of a profile, tenant, cloud or token cache.
    public static let invalidName = Self(
        "AP210", "invalid-name", .error,
        "Profile, tenant, cloud and token cache names use letters, digits, `.`, `_` and `-`.")

    // MARK: Values (AP3xx): a value has the right type but is not valid.

    /// A malformed tenant id.
    public static let invalidTenantID = Self("AP300", "invalid-tenant-id", .error, "A tenant id is malformed.")
    /// A malformed client id.
    public static let invalidClientID = Self("AP301", "invalid-client-id", .error, "A client id must be a GUID.")
    /// An authority host that is not https.
    public static let insecureAuthorityHost = Self(
        "AP302", "insecure-authority-host", .error, "An authority host must use https.")
    /// A loopback authority host without explicit permission.
    public static let loopbackAuthorityHost = Self(
        "AP303", "loopback-authority-host", .error, "A loopback authority host needs `allowLoopback: true`.")
    /// A malformed URL.
    public static let invalidURL = Self("AP304", "invalid-url", .error, "A URL is malformed.")
    /// A secret written inline.
    public static let inlineSecret = Self(
        "AP305", "inline-secret", .error,
        "Secrets are given by reference (`{env: NAME}` or `{file: PATH}`), never inline.")
    /// A malformed Azure resource id.
    public static let invalidResourceID = Self(
        "AP306", "invalid-resource-id", .error, "A resource id must look like `/subscriptions/…`.")
    /// A malformed GUID.
    public static let invalidGUID = Self("AP307", "invalid-guid", .error, "A value must be a GUID.")
    /// A command whose program is not an absolute path.
    public static let relativeCommand = Self(
        "AP308", "relative-command", .warning, "A command's program should be an absolute path.")
    /// A port outside 0…65535.
    public static let invalidPort = Self("AP309", "invalid-port", .error, "A port must be between 0 and 65535.")

    // MARK: References (AP4xx): names, inheritance and the credential graph.

    /// An unknown cloud name.
    public static let unknownCloud = Self(
        "AP400", "unknown-cloud", .error, "A cloud that is neither built in nor declared.")
    /// An unknown tenant name.
    public static let unknownTenant = Self("AP401", "unknown-tenant", .error, "A tenant that is not declared.")
    /// An unknown profile name.
    public static let unknownProfile = Self("AP402", "unknown-profile", .error, "A profile that is not declared.")
    /// Profiles that extend each other in a cycle.
    public static let extendsCycle = Self("AP403", "extends-cycle", .error, "Profiles extend each other in a cycle.")
    /// Profiles that reference each other in a cycle.
    public static let referenceCycle = Self(
        "AP404", "reference-cycle", .error, "Profiles reference each other's credentials in a cycle.")
    /// A chain link that can never run.
    public static let unreachableLink = Self(
        "AP405", "unreachable-link", .warning, "A chain link that can never run.")
    /// A profile and its tenant name different clouds.
    public static let cloudMismatch = Self(
        "AP406", "cloud-mismatch", .error, "A profile's cloud differs from its tenant's cloud.")
    /// A profile with no credential.
    public static let missingCredential = Self(
        "AP407", "missing-credential", .error, "A profile has no credential, neither its own nor inherited.")
    /// A declared cloud that redefines a built-in one.
    public static let builtinCloudRedefined = Self(
        "AP408", "builtin-cloud-redefined", .error,
        "The built-in clouds `public`, `usgov` and `china` cannot be redefined.")
    /// A declared tenant or cloud that nothing uses.
    public static let unusedDefinition = Self(
        "AP409", "unused-definition", .warning, "A declared tenant or cloud that no profile uses.")

    // MARK: Policy (AP5xx): what may run where.

    /// A developer-tool credential in a production profile.
    public static let developerCredentialInProduction = Self(
        "AP500", "developer-credential-in-production", .error,
        "Developer-tool credentials (`azureCli`, `azureDeveloperCli`, `azurePowerShell`) cannot run in production.")
    /// An interactive credential in a production profile.
    public static let interactiveCredentialInProduction = Self(
        "AP501", "interactive-credential-in-production", .error,
        "Interactive credentials (`deviceCode`, `interactiveBrowser`) cannot run in production.")
    /// A deprecated credential.
    public static let deprecatedCredential = Self(
        "AP502", "deprecated-credential", .warning, "A credential kind that Microsoft has deprecated.")
    /// A `default` credential that includes developer tools in production.
    public static let defaultIncludesDeveloperTools = Self(
        "AP503", "default-includes-developer-tools", .warning,
        "A `default` credential in production includes developer tools unless `credentials: prod` is set.")
    /// A link timeout longer than its chain's deadline.
    public static let timeoutExceedsDeadline = Self(
        "AP504", "timeout-exceeds-deadline", .warning, "A link's timeout is longer than its chain's deadline.")
    /// `onUnavailable` or `onFailed` on a credential that is not a chain link.
    public static let policyOutsideChain = Self(
        "AP505", "policy-outside-chain", .warning,
        "`onUnavailable` and `onFailed` only mean something on a link of a chain.")
    /// A secret file or an unencrypted private key that others can read.
    public static let exposedSecretFile = Self(
        "AP506", "exposed-secret-file", .warning,
        "A secret file or unencrypted private key is readable by other users (checked for literal absolute paths).")

    /// Every code, in order.
    public static let all: [DiagnosticCode] = [
        unreadableFile, fileTooLarge, invalidUTF8, binaryFile, emptyDocument, syntaxError, nestingTooDeep,
        multipleDocuments, anchorOrAlias, mergeKey, duplicateKey, explicitTag, complexKey, tooManyNodes, invalidJSON,
        unknownKey, missingField, wrongType, invalidValue, conflictingFields, unsupportedVersion, emptyCollection,
        invalidDuration, unknownCredentialType, invalidEnvironmentName, invalidName,
        invalidTenantID, invalidClientID, insecureAuthorityHost, loopbackAuthorityHost, invalidURL, inlineSecret,
        invalidResourceID, invalidGUID, relativeCommand, invalidPort,
        unknownCloud, unknownTenant, unknownProfile, extendsCycle, referenceCycle, unreachableLink, cloudMismatch,
        missingCredential, builtinCloudRedefined, unusedDefinition,
        developerCredentialInProduction, interactiveCredentialInProduction, deprecatedCredential,
        defaultIncludesDeveloperTools, timeoutExceedsDeadline, policyOutsideChain, exposedSecretFile,
    ]
}
