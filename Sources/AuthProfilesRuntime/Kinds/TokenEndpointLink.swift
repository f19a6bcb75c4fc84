// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentity

/// A leaf kind whose credential gets its tokens from a token endpoint through AzureIdentity's token flow, and so
/// keeps them in the persistent token cache when the profile asks for it; its client id is part of the cache key.
/// (Managed identity and the developer tools keep their tokens in memory only.)
protocol TokenEndpointLink: LeafLink {
    /// The application the link signs in as.
    var clientID: ProfileValue<String> { get }
}

extension ClientSecretSettings: TokenEndpointLink {}
extension ClientCertificateSettings: TokenEndpointLink {}
extension ClientAssertionSettings: TokenEndpointLink {}
extension WorkloadIdentitySettings: TokenEndpointLink {}
extension AzurePipelinesSettings: TokenEndpointLink {}
extension OnBehalfOfSettings: TokenEndpointLink {}
extension AuthorizationCodeSettings: TokenEndpointLink {}
extension UsernamePasswordSettings: TokenEndpointLink {}
extension DeviceCodeSettings: TokenEndpointLink {}
extension InteractiveBrowserSettings: TokenEndpointLink {}
