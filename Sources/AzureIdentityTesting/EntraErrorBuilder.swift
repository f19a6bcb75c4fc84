// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation

/// A rejection the fake sends, shaped like Entra's error JSON.
struct EntraRejection: Error {
    var status: Int
    var error: String
    var code: Int
    var message: String

    static func tenantNotFound(_ tenant: String) -> Self {
        Self(
            status: 400,
            error: "invalid_request",
            code: 90002,
            message:
                "Tenant '\(tenant)' not found. Check to make sure you have the correct tenant ID "
                + "and are signing into the correct cloud. Check with your subscription "
                + "administrator, this may happen if there are no active subscriptions for the "
                + "tenant."
        )
    }

    static func unknownApplication(_ clientID: String, tenant: String) -> Self {
        Self(
            status: 400,
            error: "unauthorized_client",
            code: 700016,
            message:
                "Application with identifier '\(clientID)' was not found in the directory "
                + "'\(tenant)'. This can happen if the application has not been installed by the "
                + "administrator of the tenant or consented to by any user in the tenant. You may "
                + "have sent your authentication request to the wrong tenant."
        )
    }

    static func invalidSecret(_ clientID: String) -> Self {
        Self(
            status: 401,
            error: "invalid_client",
            code: 7000215,
            message:
                "Invalid client secret provided. Ensure the secret being sent in the request is "
                + "the client secret value, not the client secret ID, for a secret added to app "
                + "'\(clientID)'."
        )
    }

    static let missingClientAuthentication = Self(
        status: 401,
        error: "invalid_client",
        code: 7000218,
        message: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."
    )

    /// The client credentials grant with neither a secret nor an assertion.
    static let clientCredentialsNeedAuthentication = Self(
        status: 401,
        error: "invalid_client",
        code: 7000216,
        message: "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type."
    )

    /// An application that allows public client flows presented a secret or an assertion.
    static let publicClientPresentedCredentials = Self(
        status: 401,
        error: "invalid_client",
        code: 700025,
        message: "Client is public so neither 'client_assertion' nor 'client_secret' should be presented."
    )

    /// A request to the token or device code endpoint with another method than POST.
    static func postOnly(_ method: String) -> Self {
        Self(
            status: 400,
            error: "invalid_request",
            code: 900561,
            message: "The endpoint only accepts POST, OPTIONS requests. Received a \(method) request."
        )
    }

    static func malformedAssertion(_ detail: String) -> Self {
        Self(
            status: 401,
            error: "invalid_client",
            code: 50027,
            message: "JWT token is invalid or is malformed. \(detail)"
        )
    }

    static func assertionTimeRange(now: Int, nbf: Int, exp: Int) -> Self {
        Self(
            status: 401,
            error: "invalid_client",
            code: 700024,
            message:
                "Client assertion is not within its valid time range. Current time: \(iso(now)), "
                + "assertion valid from \(iso(nbf)), expiry time of assertion \(iso(exp))."
        )
    }

    static func certificateNotRegistered(_ thumbprint: String) -> Self {
        Self(
            status: 401,
            error: "invalid_client",
            code: 700027,
            message:
                "The certificate with identifier used to sign the client assertion is not "
                + "registered on application. [Reason - The key was not found., Thumbprint of key "
                + "used by client: '\(thumbprint)']"
        )
    }

    /// Entra ID refuses an assertion signed with a registered certificate that has expired (or is not yet valid).
    static func certificateExpired(_ thumbprint: String) -> Self {
        Self(
            status: 401,
            error: "invalid_client",
            code: 700027,
            message:
                "The certificate with identifier used to sign the client assertion is expired on application. "
                + "[Reason - The key used is expired., Thumbprint of key used by client: '\(thumbprint)']"
        )
    }

    static let badAssertionSignature = Self(
        status: 401,
        error: "invalid_client",
        code: 700027,
        message: "Client assertion failed signature validation."
    )

    static func noFederatedIssuer(_ issuer: String) -> Self {
        Self(
            status: 400,
            error: "invalid_request",
            code: 700211,
            message: "No matching federated identity record found for presented assertion issuer '\(issuer)'."
        )
    }

    static func noFederatedSubject(_ subject: String) -> Self {
        Self(
            status: 400,
            error: "invalid_request",
            code: 700213,
            message: "No matching federated identity record found for presented assertion subject '\(subject)'."
        )
    }

    static func invalidScope(_ scope: String) -> Self {
        Self(
            status: 400,
            error: "invalid_scope",
            code: 1002012,
            message:
                "The provided value for scope \(scope) is not valid. Client credential flows must have a "
                + "scope value with /.default suffixed to the resource identifier (application ID URI)."
        )
    }

    static func unknownResource(_ resource: String, tenant: String) -> Self {
        Self(
            status: 400,
            error: "invalid_resource",
            code: 500011,
            message:
                "The resource principal named \(resource) was not found in the tenant named \(tenant). This can happen "
                + "if the application has not been installed by the administrator of the tenant or consented to by "
                + "any user in the tenant. You might have sent your authentication request to the wrong tenant."
        )
    }

    static func missingParameter(_ name: String) -> Self {
        Self(
            status: 400,
            error: "invalid_request",
            code: 900144,
            message: "The request body must contain the following parameter: '\(name)'."
        )
    }

    static func unsupportedGrant(_ grant: String) -> Self {
        Self(
            status: 400,
            error: "unsupported_grant_type",
            code: 70003,
            message: "The app requested an unsupported grant type '\(grant)'."
        )
    }

    static let invalidCredentials = Self(
        status: 400,
        error: "invalid_grant",
        code: 50126,
        message: "Error validating credentials due to invalid username or password."
    )

    static func unknownUser(_ name: String, tenant: String) -> Self {
        Self(
            status: 400,
            error: "invalid_grant",
            code: 50034,
            message:
                "The user account \(name) does not exist in the \(tenant) directory. To sign "
                + "into this application, the account must be added to the directory."
        )
    }

    static let mfaRequired = Self(
        status: 400,
        error: "invalid_grant",
        code: 50076,
        message:
            "Due to a configuration change made by your administrator, or because you moved "
            + "to a new location, you must use multi-factor authentication to access the "
            + "resource."
    )
    static let invalidRefreshToken = Self(
        status: 400,
        error: "invalid_grant",
        code: 9002313,
        message: "Invalid request. Request is malformed or invalid."
    )
    static let codeRedeemed = Self(
        status: 400,
        error: "invalid_grant",
        code: 54005,
        message:
            "OAuth2 Authorization code was already redeemed, please retry with a new valid "
            + "code or use an existing refresh token."
    )
    static let invalidCode = Self(
        status: 400,
        error: "invalid_grant",
        code: 70000,
        message: "The provided value for the 'code' parameter is not valid."
    )
    static let pkceMismatch = Self(
        status: 400,
        error: "invalid_grant",
        code: 501481,
        message: "The Code_Verifier does not match the code_challenge supplied in the authorization request."
    )
    static let redirectMismatch = Self(
        status: 400,
        error: "invalid_client",
        code: 50011,
        message:
            "The redirect URI specified in the request does not match the redirect URIs configured for the application."
    )
    static let publicClientNotAllowed = Self(
        status: 401,
        error: "invalid_client",
        code: 7000218,
        message: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."
    )

    static func invalidUserAssertion(_ detail: String) -> Self {
        Self(
            status: 400,
            error: "invalid_grant",
            code: 50013,
            message: "Assertion failed signature validation or is invalid. \(detail)"
        )
    }

    static func iso(_ seconds: Int) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// The JSON body, with trace/correlation ids and timestamp like Entra's.
    func body(correlationID: String, now: Date) -> [UInt8] {
        let traceID = UUID().uuidString.lowercased()
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss'Z'"
        let timestamp = formatter.string(from: now)
        let description =
            "AADSTS\(code): \(message)\r\nTrace ID: \(traceID)\r\nCorrelation ID: "
            + "\(correlationID)\r\nTimestamp: \(timestamp)"
        let object: [String: Any] = [
            "error": error, "error_description": description, "error_codes": [code], "timestamp": timestamp,
            "trace_id": traceID, "correlation_id": correlationID,
            "error_uri": "https://login.microsoftonline.com/error?code=\(code)",
        ]
        return Array((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data())
    }
}
