// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentity

/// The HTTP transport settings a profile runs with: the environment's proxy and CA variables (`HTTPS_PROXY`,
/// `NO_PROXY`, `SSL_CERT_FILE`, …) and the cloud's `caBundle`, every CA file loaded once to check it.
///
/// `ProfileCredential` builds its transport from this, and `explain` calls the same function: a setting that
/// would stop every link at run time makes the dry run conclude "no token" for the same reason. No request is
/// sent and no connection is made here.
enum ProfileTransport {
    /// The configuration for `scope`, or why none can be made: ``AuthProfileError/Code/invalidEnvironment`` for a
    /// variable, ``AuthProfileError/Code/invalidProfileFile`` for the cloud's `caBundle`.
    static func configuration(
        for scope: LinkScope, resolver: ValueResolver, environment: [String: String]
    ) -> Result<TransportConfiguration, AuthProfileError> {
        let profile = scope.profile.name
        var configuration: TransportConfiguration
        do {
            // A proxy variable that is set but unusable (issue 9 item 23) fails here, naming the variable.
            configuration = try TransportConfiguration.fromEnvironment(environment)
        } catch {
            return .failure(AuthProfileError(.invalidEnvironment, "profile '\(profile)': \(error)", profile: profile))
        }
        var bundlePath: String?
        switch resolver.caBundlePath(in: scope) {
        case .success(let bundle?):
            bundlePath = bundle.path
            configuration.additionalTrustRootFiles.append(bundle.path)
        case .success(nil):
            break
        case .failure(let problem):
            return .failure(
                AuthProfileError(
                    .invalidProfileFile, "profile '\(profile)': the cloud's caBundle: \(problem.message)",
                    profile: profile, location: scope.cloud?.location))
        }
        for path in configuration.additionalTrustRootFiles {
            do {
                _ = try AsyncHTTPClientTransport.trustRootCount(inFile: path)
            } catch {
                if path == bundlePath {
                    return .failure(
                        AuthProfileError(
                            .invalidProfileFile, "profile '\(profile)': the cloud's caBundle: \(error.message)",
                            profile: profile, location: scope.cloud?.location))
                }
                return .failure(
                    AuthProfileError(
                        .invalidEnvironment,
                        "profile '\(profile)': SSL_CERT_FILE or REQUESTS_CA_BUNDLE: \(error.message)",
                        profile: profile))
            }
        }
        return .success(configuration)
    }
}
