// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AuthProfilesRuntime
import AzureIdentity
import Foundation
import Testing

/// A transport setting that stops every link at run time (an unusable proxy variable, a CA file that cannot be
/// loaded) makes the dry run conclude "no token" for the same reason: both go through `ProfileTransport`. The run
/// reports a variable as `invalidEnvironment` (not `invalidProfileFile`: the profile is fine) and the cloud's
/// `caBundle` as `invalidProfileFile`. Nothing is sent anywhere.
@Suite struct TransportAgreementTests {
    static let profiles = """
        version: 1
        profiles:
          app:
            tenant: 72f988bf-86f1-41af-91ab-2d7cd011db47
            credential: { type: azureCli }
        """

    /// Environments that no run can start under, and what the error must name.
    static let environments: [(environment: [String: String], names: String)] = [
        (["HTTPS_PROXY": "socks5://user:pw-4711@127.0.0.1:1080"], "HTTPS_PROXY"),
        (["https_proxy": "http://127.0.0.1:99999"], "https_proxy"),
        (["SSL_CERT_FILE": "/nonexistent/authprofile-ca.pem"], "SSL_CERT_FILE"),
        (["REQUESTS_CA_BUNDLE": "/dev/null"], "REQUESTS_CA_BUNDLE"),
    ]

    @Test(arguments: environments.indices)
    func theRunAndTheDryRunRefuseTheSameEnvironment(_ index: Int) throws {
        let (environment, names) = Self.environments[index]
        let entry = try #require(ProfileCatalog.load(text: Self.profiles).entry(named: "app"))
        let error = #expect(throws: AuthProfileError.self) {
            try ProfileCredential(
                entry: entry,
                options: ProfileRuntimeOptions(
                    environment: environment, workingDirectory: "/"))
        }
        #expect(error?.code == .invalidEnvironment)
        #expect(error?.message.contains(names) == true, "\(String(describing: error))")
        #expect(error?.description.contains("pw-4711") == false)

        let explanation = ProfileExplainer(
            context: InspectionContext(
                environment: environment, workingDirectory: "/")
        ).explain(entry)
        #expect(explanation.conclusion.result == .noToken)
        #expect(explanation.conclusion.summary.contains(names), "\(explanation.conclusion.summary)")
        #expect(explanation.context.contains { $0.status == .problem && $0.subject == "environment" })
        #expect(!"\(explanation)".contains("pw-4711"))
    }

    @Test func aCaBundleThatCannotBeLoadedIsTheProfilesProblemInBoth() throws {
        let profiles = """
            version: 1
            clouds:
              sovereign: { authorityHost: "https://login.sovereign.example", caBundle: /nonexistent/ca.pem }
            profiles:
              app:
                cloud: sovereign
                tenant: 72f988bf-86f1-41af-91ab-2d7cd011db47
                credential: { type: azureCli }
            """
        let entry = try #require(ProfileCatalog.load(text: profiles).entry(named: "app"))
        let error = #expect(throws: AuthProfileError.self) {
            try ProfileCredential(entry: entry, options: ProfileRuntimeOptions(environment: [:], workingDirectory: "/"))
        }
        #expect(error?.code == .invalidProfileFile)
        let explanation = ProfileExplainer(context: InspectionContext(environment: [:], workingDirectory: "/"))
            .explain(entry)
        #expect(explanation.conclusion.result == .noToken)
        #expect(explanation.conclusion.summary.contains("caBundle"), "\(explanation.conclusion.summary)")
    }

    @Test func usableSettingsChangeNothing() throws {
        let entry = try #require(ProfileCatalog.load(text: Self.profiles).entry(named: "app"))
        let explanation = ProfileExplainer(
            context: InspectionContext(
                environment: ["HTTPS_PROXY": "http://127.0.0.1:3128", "PATH": ""], workingDirectory: "/")
        ).explain(entry)
        #expect(!explanation.context.contains { $0.subject == "environment" })
        #expect(!explanation.conclusion.summary.contains("transport"))
    }
}
