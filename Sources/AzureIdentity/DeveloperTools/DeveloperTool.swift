// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import IdentitySupport
import Logging

/// What the three developer-tool credentials share: tenant rules, the cache, running the tool and turning its
/// failures into ``AzureIdentityError``s.
struct DeveloperTool: Sendable {
    /// How one tool is driven.
    struct Behaviour: Sendable {
        /// The credential's name, for errors and logs.
        var credentialName: String
        /// The tool's display name ("Azure CLI").
        var toolName: String
        /// The executable name on `PATH`.
        var executable: String
        /// What to tell the user when the tool is missing.
        var installHint: String
        /// What to tell the user when they are not signed in.
        var loginHint: String
        /// Whether the tool's standard error (or output) says it is not installed.
        var isNotInstalled: @Sendable (ProcessOutput) -> Bool
        /// Whether the tool's output says the user is not signed in.
        var isNotLoggedIn: @Sendable (ProcessOutput) -> Bool
        /// Extracts the token from a successful run at the given moment; throws ``TokenResponseError`` (which never
        /// holds the output) when the output is not a usable token answer.
        var parse: @Sendable (ProcessOutput, Date) throws -> AccessToken
    }

    let behaviour: Behaviour
    let tenantID: String?
    let allowedTenants: [String]
    let multiTenantEnvironment: [String: String]
    let childEnvironment: [String: String]
    let runner: any ProcessRunner
    let timeout: Duration
    let timeSource: any TimeSource
    let logger: Logger
    let cache: TokenCache

    init(behaviour: Behaviour, tenantID: String?, processTimeout: Duration, options: CredentialOptions) throws {
        if let tenantID { try DeveloperToolInput.validateTenant(tenantID, credentialName: behaviour.credentialName) }
        self.behaviour = behaviour
        self.tenantID = tenantID
        self.allowedTenants = options.normalizedAllowedTenants
        let flag = "AZURE_IDENTITY_DISABLE_MULTITENANTAUTH"
        self.multiTenantEnvironment = EnvironmentVariables(options.environment)[flag].map { [flag: $0] } ?? [:]
        self.childEnvironment = options.environment
        self.runner = options.processRunner
        self.timeout = processTimeout
        self.timeSource = options.timeSource
        self.logger = options.logger
        self.cache = TokenCache(timeSource: options.timeSource)
    }

    /// The tenant for a request: the requested one (when allowed), else the configured one, else none.
    func tenant(for request: TokenRequest) throws -> String? {
        guard let configured = tenantID else {
            if let requested = request.tenantID, !requested.isEmpty {
                try DeveloperToolInput.validateTenant(requested, credentialName: behaviour.credentialName)
                return multiTenantEnvironment.isEmpty ? requested : nil
            }
            return nil
        }
        return try TenantID.resolve(
            configured: configured,
            requested: request.tenantID,
            additionallyAllowedTenants: allowedTenants,
            environment: multiTenantEnvironment,
            credentialName: behaviour.credentialName
        )
    }

    /// Refuses claims challenges (the tool cannot take them) with the command that would satisfy one.
    func rejectClaims(_ request: TokenRequest, reloginCommand: (String) -> String) throws {
        guard let claims = request.claims, !claims.isEmpty else { return }
        let encoded = Data(claims.utf8).base64EncodedString()
        throw AzureIdentityError(
            code: .credentialUnavailable,
            message: "\(behaviour.credentialName) does not support claims challenges. To satisfy this one, run: "
                + reloginCommand(encoded),
            credentialName: behaviour.credentialName
        )
    }

    /// Consults the cache; on a miss runs the tool with `arguments`.
    nonisolated(nonsending) func token(
        for request: TokenRequest,
        tenant: String?,
        account: String = "",
        arguments: [String]
    ) async throws -> AccessToken {
        let key = TokenCacheKey(
            authority: behaviour.executable,
            tenantID: tenant ?? "",
            clientID: "",
            scopes: request.scopes,
            isCAE: false,
            account: account
        )
        let tool = self
        // A claims challenge always bypasses the cache.
        let bypass = !(request.claims ?? "").isEmpty
        return try await cache.token(for: key, bypassCache: bypass) { try await tool.run(arguments) }
    }

    private func run(_ arguments: [String]) async throws -> AccessToken {
        let name = behaviour.credentialName
        var environment = childEnvironment
        environment["AZURE_CORE_NO_COLOR"] = "true"
        let invocation = ProcessInvocation(
            executable: behaviour.executable,
            arguments: arguments,
            environment: environment,
            workingDirectory: FileManager.default.fileExists(atPath: "/bin") ? "/bin" : nil,
            timeout: timeout
        )
        logger.debug("\(name): running \(behaviour.executable)", metadata: ["arguments": "\(arguments)"])
        let output: ProcessOutput
        do {
            output = try await runner.run(invocation)
        } catch let error as ProcessError where error.code == .executableNotFound {
            throw unavailable("\(behaviour.toolName) could not be found. \(behaviour.installHint)", error)
        } catch let error as ProcessError where error.code == .timedOut {
            throw AzureIdentityError(
                code: .authenticationFailed,
                message: "\(name): \(behaviour.toolName) did not answer within \(timeout) (its processes were "
                    + "killed). Raise the process timeout if the tool is slow to start.",
                credentialName: name,
                underlying: error
            )
        } catch let error as ProcessError {
            throw AzureIdentityError(
                code: .authenticationFailed,
                message: "\(name): \(error.message)",
                credentialName: name,
                underlying: error
            )
        }
        if output.exitCode == 127 || behaviour.isNotInstalled(output) {
            throw unavailable("\(behaviour.toolName) could not be found. \(behaviour.installHint)", nil)
        }
        if behaviour.isNotLoggedIn(output) {
            throw unavailable(behaviour.loginHint, nil)
        }
        guard output.exitCode == 0 else {
            let detail = StandardErrorRedaction.redact(output.standardError, environment: childEnvironment)
            throw AzureIdentityError(
                code: .authenticationFailed,
                message: "\(name): \(behaviour.toolName) exited with status \(output.exitCode): "
                    + (detail.isEmpty ? "(no error output)" : detail),
                credentialName: name
            )
        }
        do {
            let token = try behaviour.parse(output, timeSource.now())
            logger.debug("\(name): token received", metadata: ["expiresOn": "\(token.expiresOn)"])
            return token
        } catch {
            throw AzureIdentityError(
                code: .invalidResponse,
                message: "\(name): unexpected output from \(behaviour.toolName) (\(output.standardOutput.utf8.count) "
                    + "bytes): \(error)",
                credentialName: name,
                underlying: error
            )
        }
    }

    private func unavailable(_ message: String, _ underlying: (any Error & Sendable)?) -> AzureIdentityError {
        AzureIdentityError(
            code: .credentialUnavailable,
            message: "\(behaviour.credentialName): \(message)",
            credentialName: behaviour.credentialName,
            underlying: underlying
        )
    }
}
