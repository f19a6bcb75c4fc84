// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

// The `authprofile` of a release (scripts/build-release.sh): a small, statically linked program that answers
// `authprofile token …` from a token shortcut record (TokenShortcut: the earlier answer of this very run, checked
// read by read) and starts the full `authprofile` (libexec/authprofile/authprofile) for everything else, with the
// same arguments and environment. It links no Foundation, NIO or profile language, so it starts in about a
// millisecond (docs/benchmarks.md, issue 12).

import TokenCacheStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "token", let situation = TokenShortcut.Situation.process(arguments: arguments),
    let key = try? KernelKeyringAccess.key(named: TokenShortcut.keyName),
    let output = TokenShortcut.lookup(
        situation, now: TokenShortcut.Situation.now(), key: key, keys: KernelKeyringAccess.keys)
{
    exit(TokenShortcut.Situation.writeStandardOutput(output) ? 0 : 1)
}
TokenShortcut.Situation.startFullProgram(CommandLine.arguments)
