// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentityTesting
import Foundation
import Synchronization
import Testing

@testable import AzureIdentity

/// Token endpoints, managed identity endpoints, device code and Azure DevOps endpoints that answer what no real
/// service answers (issue 9 items 2, 17 and 19). Each answer is a typed error naming the field — never an
/// `AccessToken` whose expiry is NaN, infinite, years away or already past — and no server text reaches a message
/// with its control characters.
@Suite struct HostileResponseTests {
    static let tenant = "11111111-2222-3333-4444-555555555555"
    static let clientID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
    static let token = "eyJ0eXAiOiJKV1QifQ.eyJ0aWQiOiJ0In0.hostile-signature-0123456789"

    /// A server answering every request with `answer`, and a transport that trusts it and refuses other hosts.
    static func withServer(
        tls: Bool = true,
        _ answer: @escaping @Sendable (RecordedRequest) -> HostileServer.Answer,
        _ body: (HostileServer, LoopbackOnlyTransport) async throws -> Void
    ) async throws {
        let server = try await HostileServer.started(tls: tls, answer: answer)
        let base = try AsyncHTTPClientTransport(
            configuration: TransportConfiguration(additionalTrustRootsPEM: tls ? [server.caCertificatePEM] : []))
        do {
            try await body(server, LoopbackOnlyTransport(base))
        } catch {
            try? await server.shutdown()
            try? await base.shutdown()
            throw error
        }
        try await server.shutdown()
        try await base.shutdown()
    }

    static func secretCredential(
        _ server: HostileServer, _ transport: LoopbackOnlyTransport
    ) throws
        -> ClientSecretCredential
    {
        try ClientSecretCredential(
            tenantID: tenant, clientID: clientID, secret: Secret("s3cr3t~value.0123456789"),
            options: CredentialOptions(
                authorityHost: server.authorityHost, transport: transport,
                retryPolicy: RetryPolicy(maxRetries: 0), timeSource: ManualTimeSource(), environment: [:]))
    }

    static func tokenBody(expiresIn: String, extra: String = "") -> String {
        #"{"token_type":"Bearer","access_token":"\#(token)","expires_in":\#(expiresIn)\#(extra)}"#
    }

    /// The refusal, checked for what every refusal must be: typed, naming the field, without the token.
    static func refusal(
        _ field: String, carriesCause: Bool = true, _ operation: () async throws -> AccessToken,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let error = try await #require(throws: AzureIdentityError.self, sourceLocation: sourceLocation) {
            try await operation()
        }
        #expect(error.code == .invalidResponse, "\(error)", sourceLocation: sourceLocation)
        #expect(error.message.contains(field), "\(error)", sourceLocation: sourceLocation)
        if carriesCause {
            #expect((error.underlying as? TokenResponseError)?.field == field, sourceLocation: sourceLocation)
        }
        #expect(!"\(error)".contains(token) && !error.message.contains(token), sourceLocation: sourceLocation)
    }

    // MARK: Token endpoint

    @Test(arguments: [
        "1e300", #""inf""#, #""nan""#, #""1e300""#, #""Infinity""#, "-3600", "0", #""-3600""#, "true", #""0x10""#,
        "null", "[]", "31622401",
    ])
    func tokenEndpointLifetimesNoServiceSendsAreRefused(expiresIn: String) async throws {
        try await Self.withServer({ _ in .init(Self.tokenBody(expiresIn: expiresIn)) }) { server, transport in
            let credential = try Self.secretCredential(server, transport)
            try await Self.refusal("expires_in") {
                try await credential.getToken(scopes: ["https://management.azure.com/.default"])
            }
            #expect(server.requests.count == 1, "a refused answer is not retried")
        }
    }

    @Test func tokenEndpointRefreshHintsAreCheckedLikeLifetimes() async throws {
        try await Self.withServer({ _ in .init(Self.tokenBody(expiresIn: "3599", extra: #","refresh_in":"nan""#)) }) {
            server, transport in
            try await Self.refusal("refresh_in") {
                try await Self.secretCredential(server, transport).getToken(scopes: ["https://x/.default"])
            }
        }
    }

    /// The same server, answering as a real one does, is accepted: the refusals above are about the values.
    @Test func aRealAnswerIsStillAccepted() async throws {
        let body = Self.tokenBody(expiresIn: #""3599""#, extra: #","refresh_in":7200"#)
        try await Self.withServer({ _ in .init(body) }) { server, transport in
            let time = ManualTimeSource(now: Date(timeIntervalSince1970: 1_800_000_000))
            let credential = try ClientSecretCredential(
                tenantID: Self.tenant, clientID: Self.clientID, secret: Secret("s3cr3t~value.0123456789"),
                options: CredentialOptions(
                    authorityHost: server.authorityHost, transport: transport, timeSource: time, environment: [:]))
            let token = try await credential.getToken(scopes: ["https://x/.default"])
            #expect(token.token.revealedValue() == Self.token)
            #expect(token.expiresOn == Date(timeIntervalSince1970: 1_800_003_599))
            #expect(token.refreshOn == nil, "a refresh hint after the expiry means nothing")
        }
    }

    @Test(arguments: [
        (#""access_token":"abc\r\nX-Injected: 1""#, "access_token"), (#""access_token":"""#, "access_token"),
        (#""access_token":42"#, "access_token"), (#""access_token":"a b""#, "access_token"),
        (#""access_token":"\#(token)","token_type":"Bearer\r\nX: y""#, "token_type"),
        (#""access_token":"\#(token)","token_type":"""#, "token_type"),
    ])
    func tokenValuesThatCannotGoIntoAHeaderAreRefused(fields: String, field: String) async throws {
        try await Self.withServer({ _ in .init(#"{\#(fields),"expires_in":3599}"#) }) { server, transport in
            let error = try await #require(throws: AzureIdentityError.self) {
                try await Self.secretCredential(server, transport).getToken(scopes: ["https://x/.default"])
            }
            #expect(error.code == .invalidResponse)
            #expect(error.message.contains(field))
            #expect(!error.message.contains("X-Injected") && !error.message.contains("\r"))
        }
    }

    /// `{"error": "invalid_request\u001b[2J", …}`: the escape byte never reaches a message or a summary.
    @Test func entraErrorTextIsEscaped() async throws {
        let body =
            #"{"error":"invalid_request\u001b[2J","error_description":"AADSTS9: bad\u001b]8;;http://x\u0007 "#
            + #"text\r\nTrace ID: abc","error_codes":[9],"trace_id":"t\u001b[1m","correlation_id":"c\u009b"}"#
        try await Self.withServer({ _ in .init(status: 400, body) }) { server, transport in
            let error = try await #require(throws: AzureIdentityError.self) {
                try await Self.secretCredential(server, transport).getToken(scopes: ["https://x/.default"])
            }
            #expect(error.code == .authenticationFailed)
            let texts = [error.message, error.description, error.entraError?.summary ?? ""]
            for text in texts {
                let controls = text.unicodeScalars.filter { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
                #expect(controls.isEmpty, "\(text)")
            }
            #expect(
                error.message.contains(#"failed: AADSTS9: bad\u{1B}]8;;http://x\u{7} text (invalid_request\u{1B}[2J;"#))
            #expect(error.message.hasSuffix(#"; trace ID t\u{1B}[1m; correlation ID c\u{9B})"#), "\(error.message)")
            let summary = try #require(error.entraError?.summary)
            #expect(summary.contains(#"description="AADSTS9: bad\u{1B}]8;;http://x\u{7} text""#), "\(summary)")
            #expect(summary.contains(#"traceID=t\u{1B}[1m"#) && summary.contains(#"correlationID=c\u{9B}"#))
        }
    }

    @Test func errorMessagesAreEscapedWheneverTheyAreSet() {
        var error = AzureIdentityError(code: .authenticationFailed, message: "a\u{1B}[2Jb\r\n")
        #expect(error.message == #"a\u{1B}[2Jb\r\n"#)
        error.message += " more\u{7}"
        #expect(error.message == #"a\u{1B}[2Jb\r\n more\u{7}"#)
    }

    // MARK: Managed identity

    static func managedIdentity(
        _ server: HostileServer, _ transport: LoopbackOnlyTransport, environment: [String: String] = [:]
    ) throws -> ManagedIdentityCredential {
        try ManagedIdentityCredential(
            managedIdentity: ManagedIdentityOptions(imdsBaseURL: server.url, maxRetries: 0, jitter: false),
            options: CredentialOptions(transport: transport, timeSource: ManualTimeSource(), environment: environment))
    }

    static func managedIdentityBody(_ fields: String) -> String {
        #"{"access_token":"\#(token)","token_type":"Bearer","resource":"https://x",\#(fields)}"#
    }

    /// IMDS and App Service send `expires_on` as a numeric string; each of these is refused, even with a valid
    /// `expires_in` beside it.
    @Test(arguments: [
        #""1e300""#, #""inf""#, #""nan""#, "1e300", #""-1""#, #""1700000000""#, #""99999-01-01T00:00:00Z""#,
        #""01/01/2020 00:00:00 +00:00""#, #""soon""#, "true", #""""#,
    ])
    func managedIdentityExpiriesNoServiceSendsAreRefused(expiresOn: String) async throws {
        let body = Self.managedIdentityBody(#""expires_on":\#(expiresOn),"expires_in":"3599""#)
        try await Self.withServer(tls: false, { _ in .init(body) }) { server, transport in
            try await Self.refusal("expires_on", carriesCause: false) {
                try await Self.managedIdentity(server, transport).getToken(scopes: ["https://x/.default"])
            }
            let appService = try Self.managedIdentity(
                server, transport,
                environment: ["IDENTITY_ENDPOINT": server.url + "/msi/token", "IDENTITY_HEADER": "header-value"])
            try await Self.refusal("expires_on", carriesCause: false) {
                try await appService.getToken(scopes: ["https://x/.default"])
            }
        }
    }

    @Test(arguments: [#""inf""#, "-3600", "0", #""nan""#, "1e300"])
    func managedIdentityLifetimesAreRefused(expiresIn: String) async throws {
        let body = Self.managedIdentityBody(#""expires_in":\#(expiresIn)"#)
        try await Self.withServer(tls: false, { _ in .init(body) }) { server, transport in
            try await Self.refusal("expires_in", carriesCause: false) {
                try await Self.managedIdentity(server, transport).getToken(scopes: ["https://x/.default"])
            }
        }
    }

    @Test func managedIdentityRealAnswersAreStillAccepted() async throws {
        let now = Date()
        for fields in [
            #""expires_on":"\#(Int(now.timeIntervalSince1970) + 86_400)","expires_in":"86400""#,
            #""expires_in":86400"#,
        ] {
            let body = Self.managedIdentityBody(fields)
            try await Self.withServer(tls: false, { _ in .init(body) }) { server, transport in
                let credential = try ManagedIdentityCredential(
                    managedIdentity: ManagedIdentityOptions(imdsBaseURL: server.url, maxRetries: 0, jitter: false),
                    options: CredentialOptions(
                        transport: transport, timeSource: ManualTimeSource(now: now), environment: [:]))
                let token = try await credential.getToken(scopes: ["https://x/.default"])
                #expect(abs(token.expiresOn.timeIntervalSince(now) - 86_400) < 1, "\(fields)")
                #expect(token.refreshOn.map { abs($0.timeIntervalSince(now) - 43_200) < 1 } == true, "\(fields)")
            }
        }
    }

    @Test func managedIdentityErrorTextIsEscaped() async throws {
        let body = #"{"error":"invalid_request\u001b[2J","error_description":"Identity not found\u001b]0;x\u0007"}"#
        try await Self.withServer(tls: false, { _ in .init(status: 400, body) }) { server, transport in
            let error = try await #require(throws: AzureIdentityError.self) {
                try await Self.managedIdentity(server, transport).getToken(scopes: ["https://x/.default"])
            }
            #expect(!error.message.contains("\u{1B}") && !error.message.contains("\u{7}"))
            #expect(error.message.contains(#": Identity not found\u{1B}]0;x\u{7} (invalid_request\u{1B}[2J; HTTP 400"#))
        }
    }

    // MARK: Device code

    static func deviceCode(
        _ server: HostileServer, _ transport: LoopbackOnlyTransport, shown: Shown
    ) throws -> DeviceCodeCredential {
        try DeviceCodeCredential(
            tenantID: tenant, clientID: clientID,
            options: CredentialOptions(
                authorityHost: server.authorityHost, transport: transport, retryPolicy: RetryPolicy(maxRetries: 0),
                timeSource: ManualTimeSource(), environment: [:]),
            prompt: { info in shown.record(info) })
    }

    final class Shown: Sendable {
        private let infos = Mutex<[DeviceCodeInfo]>([])
        func record(_ info: DeviceCodeInfo) { infos.withLock { $0.append(info) } }
        var all: [DeviceCodeInfo] { infos.withLock { $0 } }
    }

    /// `interval: 1e300` used to reach `Duration.seconds(_:)`, which traps.
    @Test(arguments: [
        (#""interval":1e300"#, "interval"), (#""interval":-5"#, "interval"), (#""interval":"nan""#, "interval"),
        (#""expires_in":"inf""#, "expires_in"), (#""expires_in":-1"#, "expires_in"),
        (#""expires_in":1e300"#, "expires_in"),
    ])
    func deviceCodeNumbersAreChecked(fields: String, field: String) async throws {
        let body = #"{"device_code":"dc","user_code":"UC","verification_uri":"https://x/devicelogin",\#(fields)}"#
        try await Self.withServer({ _ in .init(body) }) { server, transport in
            let shown = Shown()
            try await Self.refusal(field) {
                try await Self.deviceCode(server, transport, shown: shown).getToken(scopes: ["https://x/.default"])
            }
            #expect(shown.all.isEmpty, "nothing is shown from a refused grant")
        }
    }

    @Test func deviceCodeTextsAreEscapedBeforeTheyAreShown() async throws {
        let grant =
            #"{"device_code":"dc","user_code":"U\u001b[2JC","verification_uri":"https://x/\u001b]8;;evil","#
            + #""message":"Open the page\u001b[2J and enter U\rC","interval":1,"expires_in":900}"#
        try await Self.withServer({ request in
            request.path.hasSuffix("/devicecode")
                ? .init(grant) : .init(status: 400, #"{"error":"expired_token","error_codes":[70020]}"#)
        }) { server, transport in
            let shown = Shown()
            _ = try? await Self.deviceCode(server, transport, shown: shown).getToken(scopes: ["https://x/.default"])
            let info = try #require(shown.all.first)
            for text in [info.message, info.userCode, info.verificationURI] {
                #expect(!text.unicodeScalars.contains { $0.value < 0x20 }, "\(text)")
            }
            #expect(info.message == #"Open the page\u{1B}[2J and enter U\rC"#)
        }
    }

    // MARK: Azure Pipelines

    @Test func azureDevOpsMessagesAreEscaped() async throws {
        let body = #"{"message":"Service connection not found\u001b[2J\r\nfake: prompt","typeKey":"X"}"#
        try await Self.withServer({ _ in .init(status: 404, body) }) {
            server, transport in
            let credential = try AzurePipelinesCredential(
                tenantID: Self.tenant, clientID: Self.clientID, serviceConnectionID: "sc",
                systemAccessToken: Secret("system-access-token-0123456789"),
                options: CredentialOptions(
                    authorityHost: server.authorityHost, transport: transport, retryPolicy: RetryPolicy(maxRetries: 0),
                    environment: ["SYSTEM_OIDCREQUESTURI": server.url + "/oidc"]))
            let error = try await #require(throws: AzureIdentityError.self) {
                try await credential.getToken(scopes: ["https://x/.default"])
            }
            #expect(!error.message.unicodeScalars.contains { $0.value < 0x20 }, "\(error.message)")
            // Only the first line is quoted: a second line could pose as a line of our own.
            #expect(error.message.contains(#"Azure DevOps said: Service connection not found\u{1B}[2J (X; HTTP 404"#))
            #expect(!error.message.contains("fake: prompt"))
        }
    }
}
