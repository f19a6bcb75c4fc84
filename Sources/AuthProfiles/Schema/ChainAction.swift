// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// What a chain does after a link's outcome.
public enum ChainAction: String, Sendable, Hashable, CaseIterable, Codable {
    /// Try the next link.
    case next
    /// End the chain with this link's error.
    case stop
}

/// The deployment environment a profile declares; `production` turns on the production policy.
public enum DeploymentEnvironment: String, Sendable, Hashable, CaseIterable, Codable {
    case production
    case staging
    case development
    case test
}
