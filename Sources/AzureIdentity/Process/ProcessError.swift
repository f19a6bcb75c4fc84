// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Why a program could not be run to completion.
public struct ProcessError: Error, Sendable, CustomStringConvertible {
    /// Extensible failure kinds.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The name of the code.
        public let description: String

        /// The executable is not on the injected `PATH` (or the given path is not executable).
        public static let executableNotFound = Code(description: "executableNotFound")
        /// The program could not be started.
        public static let launchFailed = Code(description: "launchFailed")
        /// The program ran past its timeout; its process group was killed.
        public static let timedOut = Code(description: "timedOut")
        /// The program printed more than the output limit.
        public static let outputTooLarge = Code(description: "outputTooLarge")
    }

    /// What went wrong.
    public var code: Code
    /// Details, free of secrets (never the program's output).
    public var message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// `ProcessError.<code>: <message>`.
    public var description: String {
        "ProcessError.\(code): \(message)"
    }
}

extension ProcessError: Equatable {
    /// Errors compare equal when their codes match.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.code == rhs.code
    }
}
