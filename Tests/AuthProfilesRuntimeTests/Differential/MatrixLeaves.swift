// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentityTesting
import Foundation

/// The leaves of the matrix: every leaf kind × the inputs it depends on, generated as combinations of
/// ``MatrixInputs``. Interactive kinds (`deviceCode`, `interactiveBrowser`) wait on a person when ready, so only
/// their inputs that make them unavailable or failed are run; `onBehalfOf` and `authorizationCode` need an incoming
/// token or a code, which the dry run cannot judge (a revoked secret or a used code is a documented limit), so they
/// run with absent inputs and, for `onBehalfOf`, a valid user token. Everything else runs in every state the fakes
/// can put it in.
enum MatrixLeaves {
    static let clientID = DifferentialWorld.clientID

    static func all(_ world: DifferentialWorld, prefix: String = "") -> [MatrixLeaf] {
        let inputs = MatrixInputs(world: world, prefix: prefix)
        return clientSecret(inputs) + clientCertificate(inputs) + clientAssertion(inputs) + workloadIdentity(inputs)
            + environment(world) + managedIdentity(world, inputs) + usernamePassword(inputs) + others(inputs)
            + developerTools(world) + visualStudioCode(world)
    }

    /// `visualStudioCode`: no `HOME`, no record, a corrupt record, a valid one (the broker then decides: the run
    /// and the dry run use the same connection, which on this machine reaches no broker).
    static func visualStudioCode(_ world: DifferentialWorld) -> [MatrixLeaf] {
        let homes: [(String, [String: String])] = [
            ("no HOME", [:]),
            ("no record", ["HOME": world.home]),
            ("corrupt record", ["HOME": world.directory + "/vscode-corrupt"]),
            ("signed in", ["HOME": world.directory + "/vscode-signed-in"]),
        ]
        return homes.flatMap { label, environment in
            [("profile tenant", [String]()), ("tenant env malformed", ["tenant: { env: TOOL_TENANT }"])].map {
                tenantLabel, fields in
                MatrixLeaf(
                    name: "visualStudioCode, \(label), \(tenantLabel)", fields: ["type: visualStudioCode"] + fields,
                    environment: fields.isEmpty ? environment : environment.merging(["TOOL_TENANT": "a..b"]) { $1 })
            }
        }
    }

    static func clientSecret(_ inputs: MatrixInputs) -> [MatrixLeaf] {
        combinations([
            inputs.plain("clientId", clientID),
            inputs.secret("clientSecret", value: DifferentialWorld.secret, file: "secret"),
            inputs.tenant(),
        ]).map { MatrixLeaf(kind: "clientSecret", $0) }
    }

    static func clientCertificate(_ inputs: MatrixInputs) -> [MatrixLeaf] {
        let paths = inputs.path("path", "app.pem", bad: ["expired.pem", "garbage.pem", "bin"]).map { input in
            MatrixInput(
                label: "certificate " + input.label, yaml: "certificate: { \(input.yaml) }",
                environment: input.environment)
        }
        return combinations([
            inputs.plain("clientId", clientID, variants: ["literal", "unset"]),
            paths,
            inputs.tenant(),
        ]).map { MatrixLeaf(kind: "clientCertificate", $0) }
    }

    static func clientAssertion(_ inputs: MatrixInputs) -> [MatrixLeaf] {
        let token = (try? String(contentsOfFile: inputs.world.directory + "/token", encoding: .utf8)) ?? ""
        var sources = inputs.secret("assertion", value: token, file: "token")
        sources.append(MatrixInput(label: "assertion file expired", yaml: "assertion: { file: expired-token }"))
        return combinations([inputs.plain("clientId", clientID, variants: ["literal", "empty"]), sources])
            .map { MatrixLeaf(kind: "clientAssertion", $0) }
    }

    static func workloadIdentity(_ inputs: MatrixInputs) -> [MatrixLeaf] {
        var files = inputs.path("tokenFile", "token", bad: ["expired-token", "empty", "bin"])
        files += [
            MatrixInput(
                label: "tokenFile from AZURE_FEDERATED_TOKEN_FILE", yaml: "",
                environment: ["AZURE_FEDERATED_TOKEN_FILE": inputs.world.directory + "/token"]),
            MatrixInput(
                label: "tokenFile from AZURE_FEDERATED_TOKEN_FILE empty", yaml: "",
                environment: ["AZURE_FEDERATED_TOKEN_FILE": ""]),
            MatrixInput(label: "tokenFile from AZURE_FEDERATED_TOKEN_FILE unset", yaml: ""),
        ]
        let tenants =
            inputs.tenant() + [
                MatrixInput(
                    label: "no tenant, AZURE_TENANT_ID set", yaml: "tenant: { env: AZURE_TENANT_ID }",
                    environment: ["AZURE_TENANT_ID": DifferentialWorld.tenant])
            ]
        // Without `clientId` the link reads AZURE_CLIENT_ID, as WorkloadIdentityCredential does (issue 11).
        let clientIDs =
            inputs.plain("clientId", clientID, variants: ["literal", "unset"]) + [
                MatrixInput(
                    label: "clientId from AZURE_CLIENT_ID", yaml: "", environment: ["AZURE_CLIENT_ID": clientID]),
                MatrixInput(
                    label: "clientId from AZURE_CLIENT_ID empty", yaml: "", environment: ["AZURE_CLIENT_ID": ""]),
                MatrixInput(label: "clientId from AZURE_CLIENT_ID unset", yaml: ""),
            ]
        return combinations([clientIDs, files, tenants]).map { MatrixLeaf(kind: "workloadIdentity", $0) }
    }

    /// `environment` reads Azure Identity's variables directly: every combination of them.
    static func environment(_ world: DifferentialWorld) -> [MatrixLeaf] {
        let tenants = [
            MatrixInput(
                label: "AZURE_TENANT_ID set", yaml: "",
                environment: ["AZURE_TENANT_ID": DifferentialWorld.tenant]),
            MatrixInput(label: "AZURE_TENANT_ID unset", yaml: ""),
            MatrixInput(label: "AZURE_TENANT_ID empty", yaml: "", environment: ["AZURE_TENANT_ID": ""]),
            MatrixInput(label: "AZURE_TENANT_ID malformed", yaml: "", environment: ["AZURE_TENANT_ID": "-bad-"]),
        ]
        let clients = [
            MatrixInput(label: "AZURE_CLIENT_ID set", yaml: "", environment: ["AZURE_CLIENT_ID": clientID]),
            MatrixInput(label: "AZURE_CLIENT_ID unset", yaml: ""),
            MatrixInput(label: "AZURE_CLIENT_ID empty", yaml: "", environment: ["AZURE_CLIENT_ID": ""]),
        ]
        let secrets = [
            MatrixInput(label: "secret", yaml: "", environment: ["AZURE_CLIENT_SECRET": DifferentialWorld.secret]),
            MatrixInput(label: "secret empty", yaml: "", environment: ["AZURE_CLIENT_SECRET": ""]),
            MatrixInput(
                label: "certificate", yaml: "",
                environment: ["AZURE_CLIENT_CERTIFICATE_PATH": world.directory + "/app.pem"]),
            MatrixInput(
                label: "certificate ~", yaml: "",
                environment: ["AZURE_CLIENT_CERTIFICATE_PATH": "~/app.pem", "HOME": world.home]),
            MatrixInput(
                label: "certificate expired", yaml: "",
                environment: ["AZURE_CLIENT_CERTIFICATE_PATH": world.directory + "/expired.pem"]),
            MatrixInput(
                label: "certificate absent", yaml: "",
                environment: ["AZURE_CLIENT_CERTIFICATE_PATH": world.directory + "/missing.pem"]),
            MatrixInput(
                label: "username and password", yaml: "",
                environment: [
                    "AZURE_USERNAME": DifferentialWorld.username,
                    "AZURE_PASSWORD": DifferentialWorld.password,
                ]),
            MatrixInput(label: "nothing", yaml: ""),
        ]
        return combinations([tenants, clients, secrets]).map { MatrixLeaf(kind: "environment", $0) }
    }

    /// `managedIdentity`: each selector × each source the environment can select.
    static func managedIdentity(_ world: DifferentialWorld, _ inputs: MatrixInputs) -> [MatrixLeaf] {
        let identity = DifferentialWorld.identityClientID
        let selectors =
            [
                MatrixInput(label: "system-assigned", yaml: ""),
                MatrixInput(label: "clientId literal", yaml: "clientId: \(identity)"),
            ] + inputs.plain("clientId", identity, variants: ["env", "unset"])
        let appService = [
            "IDENTITY_ENDPOINT": world.env.fake.managedIdentityURL + "/msi/token",
            "IDENTITY_HEADER": world.env.fake.appServiceIdentityHeader,
        ]
        let sources: [(MatrixInput, DifferentialWorld.IMDS)] = [
            (MatrixInput(label: "IMDS answers", yaml: ""), .answers),
            (MatrixInput(label: "IMDS absent", yaml: ""), .absent),
            (MatrixInput(label: "App Service", yaml: "", environment: appService), .absent),
            (
                MatrixInput(
                    label: "App Service endpoint not a URL", yaml: "",
                    environment: ["IDENTITY_ENDPOINT": "not a url", "IDENTITY_HEADER": "h"]), .absent
            ),
            (
                MatrixInput(
                    label: "App Service header empty", yaml: "",
                    environment: ["IDENTITY_ENDPOINT": appService["IDENTITY_ENDPOINT"]!, "IDENTITY_HEADER": ""]),
                .absent
            ),
            (
                MatrixInput(
                    label: "workload identity", yaml: "",
                    environment: [
                        "AZURE_FEDERATED_TOKEN_FILE": world.directory + "/token",
                        "AZURE_TENANT_ID": DifferentialWorld.tenant,
                        "AZURE_CLIENT_ID": clientID,
                    ]), .absent
            ),
        ]
        return selectors.flatMap { selector in
            sources.map { source, imds in MatrixLeaf(kind: "managedIdentity", [selector, source], imds: imds) }
        }
    }

    static func usernamePassword(_ inputs: MatrixInputs) -> [MatrixLeaf] {
        combinations([
            inputs.plain("username", DifferentialWorld.username, variants: ["literal", "unset", "empty"]),
            inputs.secret("password", value: DifferentialWorld.password, file: "password"),
        ]).map { MatrixLeaf(kind: "usernamePassword", $0) }
    }

    /// The kinds run only with inputs that keep them from reaching a person or a one-time code.
    static func others(_ inputs: MatrixInputs) -> [MatrixLeaf] {
        let unset = inputs.plain("clientId", clientID, variants: ["unset", "empty"])
        var absentSecret = inputs.secret("userAssertion", value: "", file: "user-assertion")
            .filter { $0.label.hasSuffix("unset") || $0.label.hasSuffix("absent") || $0.label.hasSuffix("empty") }
        // A user's token for the application, as a web API receives it: the exchange succeeds.
        let userToken = inputs.world.env.fake.mintUserToken(
            username: DifferentialWorld.username, audience: clientID, clientID: DifferentialWorld.publicClientID)
        absentSecret.append(
            MatrixInput(
                label: "userAssertion a user token", yaml: "userAssertion: { env: \(inputs.prefix)UA }",
                environment: [inputs.prefix + "UA": userToken ?? ""]))
        return combinations([unset, [MatrixInput(label: "", yaml: "")]]).flatMap { parts in
            ["deviceCode", "interactiveBrowser"].map { MatrixLeaf(kind: $0, parts) }
        }
            + combinations([
                inputs.plain("clientId", clientID, variants: ["literal", "unset"]), absentSecret,
            ]).map { MatrixLeaf(kind: "onBehalfOf", $0, fixed: ["clientSecret: { file: secret }"]) }
            + inputs.secret("authorizationCode", value: "", file: "code")
            .filter { $0.label.hasSuffix("unset") || $0.label.hasSuffix("absent") || $0.label.hasSuffix("empty") }
            .map {
                MatrixLeaf(
                    kind: "authorizationCode", [$0],
                    fixed: ["clientId: \(clientID)", "redirectUri: \"http://localhost:8400\""])
            }
            + combinations([
                [
                    MatrixInput(
                        label: "OIDC request URI", yaml: "",
                        environment: ["SYSTEM_OIDCREQUESTURI": inputs.world.pipelineURI]),
                    MatrixInput(label: "no OIDC request URI", yaml: ""),
                    MatrixInput(label: "OIDC request URI empty", yaml: "", environment: ["SYSTEM_OIDCREQUESTURI": ""]),
                ],
                [
                    MatrixInput(
                        label: "access token", yaml: "",
                        environment: ["SYSTEM_ACCESSTOKEN": DifferentialWorld.pipelineToken]),
                    MatrixInput(label: "access token empty", yaml: "", environment: ["SYSTEM_ACCESSTOKEN": ""]),
                    MatrixInput(label: "no access token", yaml: ""),
                ],
            ]).map {
                MatrixLeaf(
                    kind: "azurePipelines", $0,
                    fixed: [
                        "clientId: \(clientID)", "serviceConnectionId: \(DifferentialWorld.serviceConnectionID)",
                    ])
            }
    }

    /// `az`, `azd` and `pwsh`: on `PATH` or not, and signed in or not (their state is their configuration
    /// directory, see ``FakeDeveloperTools``).
    static func developerTools(_ world: DifferentialWorld) -> [MatrixLeaf] {
        let home = ["HOME": world.home]
        let onPath = ["PATH": world.bin]
        func state(_ variable: String, _ state: FakeDeveloperTools.State) -> [String: String] {
            [variable: world.directory + "/" + state.rawValue]
        }
        let az: [(String, [String: String])] = [
            ("not on PATH", home),
            ("signed in", onPath.merging(state("AZURE_CONFIG_DIR", .azSignedIn)) { $1 }),
            ("no accounts", onPath.merging(state("AZURE_CONFIG_DIR", .azSignedOut)) { $1 }),
            ("never signed in", onPath.merging(home) { $1 }),
        ]
        let azd: [(String, [String: String])] = [
            ("not on PATH", home),
            ("service principal", onPath.merging(state("AZD_CONFIG_DIR", .azdServicePrincipal)) { $1 }),
            ("user without cached sign-in", onPath.merging(state("AZD_CONFIG_DIR", .azdUserWithoutCache)) { $1 }),
            ("signed out", onPath.merging(state("AZD_CONFIG_DIR", .azdSignedOut)) { $1 }),
        ]
        let pwsh: [(String, [String: String])] = [
            ("not on PATH", home),
            ("no context", onPath.merging(home) { $1 }),
            ("no HOME", onPath),
        ]
        let tenants = [
            ("profile tenant", [String](), [String: String]()),
            ("tenant env unset", ["tenant: { env: TOOL_TENANT }"], [:]),
            ("tenant env malformed", ["tenant: { env: TOOL_TENANT }"], ["TOOL_TENANT": "a..b"]),
        ]
        return [("azureCli", az), ("azureDeveloperCli", azd), ("azurePowerShell", pwsh)].flatMap { kind, states in
            states.flatMap { label, environment in
                tenants.map { tenantLabel, fields, variables in
                    MatrixLeaf(
                        name: "\(kind), \(label), \(tenantLabel)", fields: ["type: \(kind)"] + fields,
                        environment: environment.merging(variables) { $1 })
                }
            }
        }
    }
}
