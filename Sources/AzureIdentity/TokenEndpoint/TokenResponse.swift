import Foundation

/// A successful token endpoint response.
struct TokenResponse: Decodable, Sendable {
    var accessToken: String
    var tokenType: String?
    var expiresIn: Double
    var refreshIn: Double?
    var refreshToken: String?
    var idToken: String?

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case tokenType = "token_type"
        case expiresIn = "expires_in"
        case refreshIn = "refresh_in"
        case refreshToken = "refresh_token"
        case idToken = "id_token"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        accessToken = try container.decode(String.self, forKey: .accessToken)
        tokenType = try container.decodeIfPresent(String.self, forKey: .tokenType)
        guard let expiresIn = try Self.number(container, .expiresIn) else {
            throw DecodingError.keyNotFound(
                CodingKeys.expiresIn,
                .init(codingPath: container.codingPath, debugDescription: "expires_in is missing")
            )
        }
        self.expiresIn = expiresIn
        refreshIn = try Self.number(container, .refreshIn)
        refreshToken = try container.decodeIfPresent(String.self, forKey: .refreshToken)
        idToken = try container.decodeIfPresent(String.self, forKey: .idToken)
    }

    /// Entra sends numbers; some compatible servers send numeric strings.
    private static func number(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Double? {
        if let value = try? container.decodeIfPresent(Double.self, forKey: key) { return value }
        if let text = try container.decodeIfPresent(String.self, forKey: key) { return Double(text) }
        return nil
    }

    func accessToken(issuedAt: Date) -> AccessToken {
        AccessToken(
            token: Secret(accessToken),
            expiresOn: issuedAt.addingTimeInterval(expiresIn),
            refreshOn: refreshIn.map { issuedAt.addingTimeInterval($0) },
            tokenType: tokenType ?? "Bearer"
        )
    }
}
