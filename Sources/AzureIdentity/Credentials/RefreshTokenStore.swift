// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Holds a user flow's refresh token and makes a one-time authorization code redemption happen exactly once.
actor RefreshTokenStore {
    private(set) var refreshToken: Secret?
    private var codeAvailable: Bool
    private var redemption: Task<TokenEndpointClient.Result, any Error>?

    init(hasAuthorizationCode: Bool = false) {
        self.codeAvailable = hasAuthorizationCode
    }

    func update(_ token: Secret?) {
        if let token { refreshToken = token }
    }

    /// Runs `redeem` if the code has not been used: the first caller gets the result; callers arriving while it
    /// runs wait for it and get `nil` (they then use the refresh token it stored). Throws if the code is gone.
    func redeemCodeOnce(
        _ redeem: @escaping @Sendable () async throws -> TokenEndpointClient.Result
    ) async throws -> TokenEndpointClient.Result? {
        if let redemption {
            // Whichever of the waiters resumes first stores the refresh token; storing it is idempotent.
            update(try await redemption.value.refreshToken)
            return nil
        }
        guard codeAvailable else { return nil }
        codeAvailable = false
        let task = Task { try await redeem() }
        redemption = task
        let result = try await task.value
        update(result.refreshToken)
        return result
    }
}

/// The OpenID Connect scopes user flows add so Entra returns a refresh token.
enum OIDCScopes {
    static let all = ["openid", "profile", "offline_access"]

    static func adding(to scopes: [String]) -> [String] {
        scopes + all.filter { !scopes.contains($0) }
    }
}
