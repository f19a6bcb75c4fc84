// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// A setting that is either written in the profile or read from one named environment variable.
///
/// `{env: NAME}` is the only way a profile reads the environment: what a profile does not bind, it
/// does not read. A `default` applies when the variable is unset or empty.
public enum ProfileValue<Value: Sendable & Hashable>: Sendable, Hashable {
    /// A value written in the profile.
    case literal(Value)
    /// A value read from an environment variable when the profile is evaluated.
    case environment(EnvironmentBinding)

    /// The literal value, if the setting is not bound to the environment.
    public var literal: Value? {
        if case .literal(let value) = self { value } else { nil }
    }

    /// The environment binding, if any.
    public var binding: EnvironmentBinding? {
        if case .environment(let binding) = self { binding } else { nil }
    }
}

/// `{env: NAME, default: VALUE}`: read a setting from the environment.
public struct EnvironmentBinding: Sendable, Hashable, CustomStringConvertible {
    /// The variable's name.
    public var name: String
    /// The text used when the variable is unset or empty. Never present for secrets.
    public var defaultValue: String?

    /// Creates a binding.
    public init(name: String, defaultValue: String? = nil) {
        self.name = name
        self.defaultValue = defaultValue
    }

    /// `${NAME}`, or `${NAME:-DEFAULT}` as a shell writes it (secrets never have a default).
    public var description: String {
        defaultValue.map { "${\(name):-\($0)}" } ?? "${\(name)}"
    }
}

/// Where a secret comes from. A profile never contains a secret, only where to find one.
public enum SecretReference: Sendable, Hashable, CustomStringConvertible {
    /// `{env: NAME}`: the value of an environment variable.
    case environment(name: String)
    /// `{file: PATH}`: the contents of a file, with surrounding whitespace trimmed.
    case file(path: String)

    /// A value-free description, such as `env AZURE_CLIENT_SECRET`.
    public var description: String {
        switch self {
        case .environment(let name): "env \(name)"
        case .file(let path): "file \(path)"
        }
    }
}

/// Where a client assertion comes from: a secret reference or a command that prints one.
public enum AssertionSource: Sendable, Hashable, CustomStringConvertible {
    /// An environment variable or a file.
    case reference(SecretReference)
    /// A program and its arguments (no shell); its standard output is the assertion.
    case command([String])

    /// The reference, or `command PROGRAM` without its arguments (which may carry a secret).
    public var description: String {
        switch self {
        case .reference(let reference): reference.description
        case .command(let argv): "command \(argv.first ?? "")"
        }
    }
}
