// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AuthProfilesRuntime
import AzureIdentity
import Foundation

/// One case of the differential matrix: a profile document, the profile to use, and the host it runs on.
struct MatrixCase: Sendable, CustomStringConvertible {
    var name: String
    /// The `profiles:` section (each line indented by two spaces).
    var body: String
    var profile: String = "matrix"
    var environment: [String: String]
    var imds: DifferentialWorld.IMDS = .absent

    var description: String { name }

    /// A case whose profile `matrix` has `credential` (a flow mapping), the profile tenant `test` unless
    /// `profileTenant` is false, and `others` (more profiles, already indented) after it.
    init(
        name: String, credential: String, environment: [String: String], imds: DifferentialWorld.IMDS = .absent,
        profileTenant: Bool = true, others: String = ""
    ) {
        self.name = name
        // Without the `test` tenant the profile names the fake cloud itself: no case ever uses a real authority.
        self.body =
            "  matrix:\n" + (profileTenant ? "    tenant: test\n" : "    cloud: fake\n")
            + "    credential: \(credential)\n" + others
        // Every case starts from an empty PATH: no real tool is ever found or started.
        self.environment = ["PATH": ""].merging(environment) { $1 }
        self.imds = imds
    }

    /// A case of one leaf.
    init(leaf: MatrixLeaf, extra: [String] = [], profileTenant: Bool = true) {
        self.init(
            name: leaf.name + (profileTenant ? "" : ", no profile tenant"), credential: leaf.yaml(extra),
            environment: leaf.environment, imds: leaf.imds, profileTenant: profileTenant)
    }
}

/// What the dry run predicted and what the run did for one case.
struct MatrixResult: Sendable {
    var explanation: Explanation
    var evaluation: ProfileCredential.Evaluation
}

extension DifferentialWorld {
    /// Runs the dry run and the run of `matrixCase` on the same catalog entry and host.
    func run(_ matrixCase: MatrixCase) async throws -> MatrixResult {
        let catalog = ProfileCatalog.load(text: document(matrixCase.body))
        if let problem = catalog.problems.first {
            throw MatrixSetupError(message: "\(matrixCase.name): the generated profile is invalid: \(problem)")
        }
        guard let entry = catalog.entry(named: matrixCase.profile) else {
            throw MatrixSetupError(message: "\(matrixCase.name): no profile \(matrixCase.profile)")
        }
        let options = options(matrixCase.environment, imds: matrixCase.imds)
        // The dry run asks the same broker connection as the run uses (its presence only).
        let explanation = await ProfileExplainer.explain(
            entry, context: InspectionContext(environment: matrixCase.environment, workingDirectory: directory),
            broker: options.resolvedBrokerConnection)
        let credential = try ProfileCredential(entry: entry, options: options)
        let evaluation = try await credential.evaluate(for: TokenRequest(scopes: [FakeProfileEnvironment.scope]))
        return MatrixResult(explanation: explanation, evaluation: evaluation)
    }
}

struct MatrixSetupError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
