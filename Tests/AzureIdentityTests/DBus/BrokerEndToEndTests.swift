// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

/// Issue 13, end to end: `InteractiveBrowserCredential` with the broker reaches it through the real D-Bus client
/// (the default connection, made from the injected environment's `DBUS_SESSION_BUS_ADDRESS`) on a private bus with
/// the fake broker — nothing injected between the credential and the wire.
@Suite(.enabled(if: DBusRequirement.runs, "needs dbus-daemon and python3-dbus (AUTHPROFILE_REQUIRE_DBUS=1: a failure)"))
struct BrokerEndToEndTests {
    static let app = "04b07795-8ddb-461a-bbee-02f9e1bf7b46"
    static let scopes = ["https://management.azure.com/.default"]

    @Test func aSilentBrokeredSignInGoesOverTheBusAndIsCached() async throws {
        try #require(FakeIdentityBroker.unavailableReason == nil, "\(FakeIdentityBroker.unavailableReason ?? "")")
        try await FakeIdentityBroker.run(.running) { fake in
            let account = FakeIdentityBroker.Account.default
            try fake.setAnswer(.accounts([account]), for: "getAccounts")
            try fake.setAnswer(
                .token(
                    accessToken: "broker-e2e-token", expiresOn: Date().addingTimeInterval(3600), scopes: Self.scopes),
                for: "acquireTokenSilently")
            let time = SystemTimeSource()
            let credential = try InteractiveBrowserCredential(
                tenantID: account.tenantID, clientID: Self.app,
                brokerOptions: BrokerOptions(enabled: true, useDefaultBrokerAccount: true),
                options: CredentialOptions(
                    transport: NeverAnsweringTransport(timeSource: SteppingTimeSource()), timeSource: time,
                    environment: fake.environment))
            let token = try await credential.getToken(scopes: Self.scopes)
            #expect(token.token.revealedValue() == "broker-e2e-token")
            #expect(try fake.requests().map(\.method) == ["getAccounts", "acquireTokenSilently"])
            #expect(credential.authenticationRecord?.homeAccountID == account.homeAccountID)

            let again = try await credential.getToken(scopes: Self.scopes)
            #expect(again.token.revealedValue() == "broker-e2e-token")
            #expect(try fake.callCount() == 2, "the second call is answered from the cache")
        }
    }

    @Test func noBrokerOnTheBusIsUnavailable() async throws {
        try #require(FakeIdentityBroker.unavailableReason == nil, "\(FakeIdentityBroker.unavailableReason ?? "")")
        try await FakeIdentityBroker.run(.absent) { fake in
            let credential = try InteractiveBrowserCredential(
                tenantID: FakeIdentityBroker.Account.default.tenantID, clientID: Self.app,
                brokerOptions: BrokerOptions(enabled: true, useDefaultBrokerAccount: true),
                options: CredentialOptions(
                    transport: NeverAnsweringTransport(timeSource: SteppingTimeSource()),
                    environment: fake.environment))
            do {
                _ = try await credential.getToken(scopes: Self.scopes)
                Issue.record("a token without a broker")
            } catch let error as AzureIdentityError {
                #expect(error.code == .credentialUnavailable, "\(error)")
            }
        }
    }
}
