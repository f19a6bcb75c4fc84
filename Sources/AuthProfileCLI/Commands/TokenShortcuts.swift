// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import Foundation
import IdentitySupport
import TokenCacheStore

/// The CLI's side of ``TokenShortcut``: looks a run's record up and writes one after the persistent-cache fast path
/// answered, with the key store the run's caches use.
enum TokenShortcuts {
    /// The run as a record's name sees it, when the context knows its arguments.
    static func situation(_ context: CLIContext) -> TokenShortcut.Situation? {
        guard let arguments = context.arguments else { return nil }
        return TokenShortcut.Situation(
            arguments: arguments, environment: context.environment, workingDirectory: context.workingDirectory)
    }

    /// What the run's record says to print now, if it holds.
    static func lookup(context: CLIContext) -> String? {
        guard let situation = situation(context) else { return nil }
        let store = keyStore(context)
        let key = (try? store.key(named: TokenShortcut.keyName)) ?? nil
        return TokenShortcut.lookup(situation, now: context.timeSource.now().timeIntervalSince1970, key: key) {
            identity, name in identity == store.identity ? Result { try store.key(named: name) } : nil
        }
    }

    /// Runs `answer` with its file system reads recorded; when it gives an output, returns it with the record that
    /// remembers it (`nil` when the reads were too many).
    static func recording(
        _ answer: () -> (output: String, validUntil: Double)?
    ) -> (output: String, record: TokenShortcut?)? {
        let recorder = TokenShortcutRecorder()
        guard let (output, validUntil) = FileReads.$observer.withValue(recorder, operation: answer) else { return nil }
        return (output, recorder.reads.map { TokenShortcut(validUntil: validUntil, reads: $0, output: output) })
    }

    /// Writes `record` for the run, creating the records' key when there is none. A record only saves time: when
    /// it cannot be written (no key store, a refused directory, a full disk) nothing is lost, the next run takes
    /// the fast path again, and the persistent cache itself has already warned about its directory.
    static func store(_ record: TokenShortcut, context: CLIContext) {
        guard let situation = situation(context) else { return }
        let store = keyStore(context)
        do {
            var key = try store.key(named: TokenShortcut.keyName)
            if key == nil {
                // Two first runs may both create a key; the keyring keeps the last one stored. Sealing with what it
                // holds after storing leaves only a narrow window, and a record sealed under a replaced key is just
                // not used: the next run writes it again.
                try store.store(SealedFile.newKey(), named: TokenShortcut.keyName)
                key = try store.key(named: TokenShortcut.keyName)
            }
            guard let key else { return }
            try record.store(for: situation, key: key)
        } catch {
            return
        }
    }

    private static func keyStore(_ context: CLIContext) -> any TokenCacheKeyStore {
        context.tokenCacheKeyStore ?? KernelKeyring()
    }
}
