// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentity
import Foundation

extension CredentialBinder {
    /// A leaf link's credential, made by its kind (`Kinds/<Kind>Link.swift`).
    func make(_ node: CredentialNode, in scope: LinkScope) throws -> any TokenCredential {
        guard let leaf = node.leaf else {
            throw ValueProblem(
                isMissing: false, message: "\(node.kind.rawValue) is expanded by the evaluator, not bound")
        }
        return try leaf.bind(self, node: node, scope: scope, options: try credentialOptions(for: node, in: scope))
    }

    /// A developer tool's time limit: the link's `timeout`, else 10 seconds.
    func processTimeout(_ node: CredentialNode) throws(ValueProblem) -> Duration {
        try linkTimeout(node) ?? .seconds(10)
    }

    func identity(_ selector: ManagedIdentitySelector) throws(ValueProblem) -> ManagedIdentityID {
        switch selector {
        case .systemAssigned: .systemAssigned
        case .clientID(let value): .clientID(try text(value, "clientId"))
        case .resourceID(let value): .resourceID(try text(value, "resourceId"))
        case .objectID(let value): .objectID(try text(value, "objectId"))
        }
    }

    func flag(_ value: ProfileValue<Bool>, _ field: String) throws(ValueProblem) -> Bool {
        try resolver.flag(value, field: field).get().0
    }

    func linkTimeout(_ node: CredentialNode) throws(ValueProblem) -> Duration? {
        try resolver.timeout(of: node).get()
    }

    func load(_ certificate: CertificateSettings) throws -> ClientCertificate {
        let file = try path(certificate.path, "certificate.path", what: "certificate file")
        let keyFile = try certificate.keyPath.map { value throws(ValueProblem) in
            try path(value, "certificate.keyPath", what: "key file")
        }
        let password = try certificate.password.map { reference throws(ValueProblem) in
            try secret(reference, SharedField.certificatePassword)
        }
        let files = try CertificateFiles.read(path: file, keyPath: keyFile, format: certificate.format)
            .mapError(\.valueProblem).get()
        return try files.load(password: password)
    }

    func assertionProvider(_ source: AssertionSource) throws -> @Sendable () async throws -> Secret {
        switch source {
        case .reference(let reference):
            // Read at each use: assertion files are rotated by whoever writes them.
            let resolver = self.resolver
            _ = try resolver.secret(reference, field: "assertion").get()
            return { try resolver.secret(reference, field: "assertion").get() }
        case .command(let argv):
            return AssertionCommand(argv: argv, options: options, variables: resolver.variables).provider
        }
    }

    func authentication(_ client: ClientAuthenticationSettings) throws -> ClientAuthentication {
        switch client {
        case .secret(let reference):
            return .secret(try secret(reference, SharedField.clientSecret))
        case .certificate(let certificate):
            return .certificate(
                ClientAssertionSigner(
                    certificate: try load(certificate),
                    sendCertificateChain: try flag(
                        certificate.sendCertificateChain, SharedField.sendCertificateChain.name)))
        case .assertion(let source):
            return .assertion(try assertionProvider(source))
        }
    }
}
