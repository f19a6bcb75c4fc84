// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

package import AuthProfiles
import AzureIdentity
import Foundation

extension ValueResolver {
    /// The words a boolean setting read from a variable may be, in any case.
    static func parseFlag(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "1", "yes": true
        case "false", "0", "no": false
        default: nil
        }
    }

    /// Resolves a boolean setting (`sendCertificateChain`, the broker flags): the binder and the dry run both call
    /// this, so a variable the run cannot read as a flag is misconfigured in the dry run too.
    package func flag(_ value: ProfileValue<Bool>, field: String) -> Result<(Bool, ValueOrigin), ValueProblem> {
        resolve(value, field: field, parse: Self.parseFlag)
    }

    /// Resolves a duration setting (`timeout`, `processTimeout`) with the profile format's duration syntax.
    package func duration(
        _ value: ProfileValue<Duration>, field: String
    ) -> Result<(Duration, ValueOrigin), ValueProblem> {
        resolve(value, field: field, parse: ProfileDuration.parse)
    }

    /// Resolves a whole-number setting (`port`).
    package func integer(_ value: ProfileValue<Int>, field: String) -> Result<(Int, ValueOrigin), ValueProblem> {
        resolve(value, field: field) { Int($0) }
    }

    /// A node's own `timeout`, or `nil` when it writes none.
    ///
    /// One rule for every node, in the run and the dry run: a written `timeout` that cannot be read (its variable is
    /// unset, or not a duration) stops that node before anything in it runs — unavailable or failed, as a link with
    /// any other unreadable setting — rather than letting it run under some other bound. A chain's `deadline`
    /// follows the same rule.
    package func timeout(of node: CredentialNode) -> Result<Duration?, ValueProblem> {
        guard let timeout = node.timeout else { return .success(nil) }
        return duration(timeout, field: "timeout").map(\.0)
    }
}

extension ValueProblem {
    /// What a link whose setting has this problem does: it is unavailable when the setting is absent and fails when
    /// it is wrong; the reason is the message with its hint.
    var linkResult: LinkResult {
        let message = hint.map { "\(self.message) (\($0))" } ?? message
        return isMissing ? .unavailable(message) : .failed(message)
    }
}
