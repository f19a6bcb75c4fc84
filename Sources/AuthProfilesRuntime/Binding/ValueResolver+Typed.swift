import AuthProfiles
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
}
