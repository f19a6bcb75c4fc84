extension FormatSpec {
    static let azureCLIClientID = "04b07795-8ddb-461a-bbee-02f9e1bf7b46"

    /// The fields of each credential kind beyond the common ones.
    static func ownFields(of kind: CredentialKind) -> ObjectSpec {
        let clientID = FieldSpec("clientId", .clientID, required: true, "The application (client) id.")
        let publicClientID = FieldSpec(
            "clientId", .clientID, "The application (client) id.",
            default: "the Azure CLI's public client id")
        let certificateFields = [
            FieldSpec("certificate", .object(certificate), "The certificate and its private key."),
            FieldSpec("certificatePassword", .secret, "The password of an encrypted key or PKCS#12 file."),
            FieldSpec(
                "sendCertificateChain", .boolean, "Send the certificate chain (x5c) for subject name/issuer auth.",
                default: "false"),
        ]
        switch kind {
        case .environment, .azureDeveloperCli, .azurePowerShell:
            return ObjectSpec(kind.rawValue, fields: [])
        case .workloadIdentity:
            return ObjectSpec(
                kind.rawValue,
                fields: [
                    clientID,
                    FieldSpec(
                        "tokenFile", .path, "The federated (service account) token file.",
                        default: "{env: AZURE_FEDERATED_TOKEN_FILE}"),
                ])
        case .managedIdentity:
            return ObjectSpec(
                kind.rawValue,
                fields: [
                    FieldSpec(
                        "clientId", .clientID, "A user-assigned identity by client id.",
                        default: "the system-assigned identity"),
                    FieldSpec("resourceId", .resourceID, "A user-assigned identity by Azure resource id."),
                    FieldSpec("objectId", .guid, "A user-assigned identity by object (principal) id."),
                ], atMostOne: [["clientId", "resourceId", "objectId"]])
        case .clientSecret:
            return ObjectSpec(
                kind.rawValue,
                fields: [
                    clientID, FieldSpec("clientSecret", .secret, required: true, "The client secret."),
                ])
        case .clientCertificate:
            var fields = certificateFields
            fields[0] = FieldSpec(
                "certificate", .object(certificate), required: true,
                "The certificate and its private key.")
            return ObjectSpec(kind.rawValue, fields: [clientID] + fields)
        case .clientAssertion:
            return ObjectSpec(
                kind.rawValue,
                fields: [
                    clientID,
                    FieldSpec(
                        "assertion", .assertionSource, required: true,
                        "Where the signed client assertion (JWT) comes from."),
                ])
        case .onBehalfOf:
            return ObjectSpec(
                kind.rawValue,
                fields: [
                    clientID,
                    FieldSpec("userAssertion", .secret, required: true, "The incoming user token to exchange."),
                    FieldSpec("clientSecret", .secret, "The client secret."),
                    FieldSpec("assertion", .assertionSource, "A client assertion source."),
                ] + certificateFields, exactlyOne: [["clientSecret", "certificate", "assertion"]])
        case .usernamePassword:
            return ObjectSpec(
                kind.rawValue,
                fields: [
                    publicClientID,
                    FieldSpec("username", .text, required: true, "The user's sign-in name."),
                    FieldSpec("password", .secret, required: true, "The user's password."),
                ])
        case .authorizationCode:
            return ObjectSpec(
                kind.rawValue,
                fields: [
                    clientID,
                    FieldSpec("authorizationCode", .secret, required: true, "The authorization code to redeem."),
                    FieldSpec("redirectUri", .url, required: true, "The redirect URI the code was issued for."),
                    FieldSpec("clientSecret", .secret, "The client secret of a confidential application."),
                ])
        case .deviceCode:
            return ObjectSpec(kind.rawValue, fields: [publicClientID])
        case .interactiveBrowser:
            return ObjectSpec(
                kind.rawValue,
                fields: [
                    publicClientID,
                    FieldSpec("redirectUri", .url, "The loopback redirect URI.", default: "http://localhost:<port>"),
                    FieldSpec("port", .port, "The loopback port to listen on.", default: "a free port"),
                    FieldSpec("loginHint", .text, "The account to preselect."),
                    FieldSpec("broker", .object(broker), "Authentication broker options."),
                ])
        case .azureCli:
            return ObjectSpec(
                kind.rawValue,
                fields: [
                    FieldSpec("subscription", .text, "The subscription name or id to pass to `az`.")
                ])
        case .azurePipelines:
            return ObjectSpec(
                kind.rawValue,
                fields: [
                    clientID,
                    FieldSpec("serviceConnectionId", .guid, required: true, "The Azure DevOps service connection id."),
                    FieldSpec(
                        "systemAccessToken", .secret, "The pipeline's System.AccessToken.",
                        default: "{env: SYSTEM_ACCESSTOKEN}"),
                ])
        case .default:
            return ObjectSpec(
                kind.rawValue,
                fields: [
                    FieldSpec("managedIdentityClientId", .clientID, "A user-assigned managed identity by client id."),
                    FieldSpec(
                        "managedIdentityResourceId", .resourceID, "A user-assigned managed identity by resource id."),
                    FieldSpec("workloadIdentityClientId", .clientID, "The client id for workload identity."),
                    FieldSpec("processTimeout", .duration, "How long each developer tool may take."),
                    FieldSpec(
                        "credentials", .choice(["dev", "prod"] + dacMembers),
                        "Like AZURE_TOKEN_CREDENTIALS: `dev`, `prod`, or one member's name.", default: "all members"),
                    FieldSpec("exclude", .list(.choice(dacMembers)), "Members to leave out."),
                ], atMostOne: [["managedIdentityClientId", "managedIdentityResourceId"]])
        case .chain:
            return ObjectSpec(
                kind.rawValue,
                fields: [
                    FieldSpec(
                        "links", .list(.credential), required: true, nonEmpty: true, "The credentials to try, in order."
                    ),
                    FieldSpec("deadline", .duration, "How long the whole chain may take."),
                    FieldSpec("policy", .object(chainPolicy), "What the chain does after each outcome, by default."),
                ])
        case .profile:
            return ObjectSpec(
                kind.rawValue,
                fields: [
                    FieldSpec("name", .profileReference, required: true, "The profile whose credential to use.")
                ])
        }
    }
}
