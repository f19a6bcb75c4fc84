// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity

extension LinkAttempt {
    /// The reason a person is shown for `attempts[index]`: its own reason, or `nil` for a chain or reference whose
    /// links are listed right after it (deeper), since its reason only joins theirs — every refusal, with the
    /// service's words and ids, would otherwise be printed twice. Programs (JSON) get every reason whole.
    package static func shownReason(at index: Int, in attempts: [LinkAttempt]) -> String? {
        let attempt = attempts[index]
        let next = attempts.index(after: index)
        if next < attempts.endIndex, attempts[next].depth > attempt.depth, attempt.outcome != .notTried {
            return nil
        }
        return attempt.reason
    }
}
