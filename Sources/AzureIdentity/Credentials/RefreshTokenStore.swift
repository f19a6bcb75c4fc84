/// Holds a user flow's refresh token (and whether a one-time authorization code was used).
actor RefreshTokenStore {
    private(set) var refreshToken: Secret?
    private var codeAvailable: Bool

    init(hasAuthorizationCode: Bool = false) {
        self.codeAvailable = hasAuthorizationCode
    }

    func update(_ token: Secret?) {
        if let token { refreshToken = token }
    }

    /// Returns `true` exactly once if an authorization code was supplied.
    func takeAuthorizationCode() -> Bool {
        defer { codeAvailable = false }
        return codeAvailable
    }
}

/// The OpenID Connect scopes user flows add so Entra returns a refresh token.
enum OIDCScopes {
    static let all = ["openid", "profile", "offline_access"]

    static func adding(to scopes: [String]) -> [String] {
        scopes + all.filter { !scopes.contains($0) }
    }
}
