// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

extension CredentialOptions: CustomStringConvertible, CustomReflectable {
    /// The options with environment variable *names* only: values (which may be secrets) are never printed.
    public var description: String {
        "CredentialOptions(authorityHost: \(authorityHost.map(\.url) ?? "default"), "
            + "additionallyAllowedTenants: \(additionallyAllowedTenants), retryPolicy: \(retryPolicy), "
            + "requestTimeout: \(requestTimeout), tokenCachePersistence: \(tokenCachePersistence?.name ?? "off"), "
            + "environment: \(environment.keys.sorted()))"
    }

    /// A mirror that shows environment variable names only.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "authorityHost": authorityHost as Any,
                "additionallyAllowedTenants": additionallyAllowedTenants,
                "retryPolicy": retryPolicy,
                "requestTimeout": requestTimeout,
                "tokenCachePersistence": tokenCachePersistence?.name ?? "off",
                "environmentVariableNames": environment.keys.sorted(),
            ],
            displayStyle: .struct
        )
    }
}
