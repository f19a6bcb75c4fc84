// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import AuthProfiles
import AuthProfilesRuntime
import AzureIdentity

/// `authprofile cache`: look at and clear the persistent token caches.
struct CacheCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "List or clear the persistent token caches.",
        discussion: """
            The caches are in $XDG_CACHE_HOME/authprofile, else ~/.cache/authprofile (from the environment, or \
            the one --env/--set make). Tokens and secrets are never printed.
            """,
        subcommands: [CacheListCommand.self, CacheClearCommand.self])
}

/// `authprofile cache list`: every cache of the directory, its protection, and its entries without the tokens.
struct CacheListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the persistent token caches: keys, expiry and accounts, never a token.",
        discussion: """
            For every <name>.cache file: its protection (encrypted, unencrypted, or unreadable and why), each access \
            token's authority, tenant, client id, scopes, CAE and account with its expiry, the signed-in accounts \
            (user names) and how many refresh tokens there are. Other entries of the directory are listed and left \
            alone; symbolic links are never followed.
            Exit status: 0, or 1 when the cache directory cannot be used (refused, or no HOME), 2 usage error.
            """)

    @OptionGroup var environmentOptions: EnvironmentOptions

    @Option(help: "Output format: text or json.")
    var format: ExplainFormat = .text

    /// Accepted like every command's; this command's output is never coloured.
    @OptionGroup var colour: ColourOptions

    func run() throws {
        let context = CLIContext.current
        let environment = try environmentOptions.environment(context: context, command: Self.self)
        let listing = TokenCacheDirectory(
            environment: environment, keyStore: context.tokenCacheKeyStore, timeSource: context.timeSource
        ).list()
        switch format {
        case .text: context.write(TokenCacheRenderer.text(listing))
        case .json: context.write(TokenCacheRenderer.json(listing))
        }
        if listing.problem != nil { throw ExitWith(status: .findings) }
    }
}

/// `authprofile cache clear [PROFILE]`: removes the cache files, or one profile's entries.
struct CacheClearCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clear",
        abstract: "Clear the persistent token caches, or what one profile's links use.",
        discussion: """
            Without a profile: removes every cache file of the directory (<name>.cache, their lock files and \
            left-over temporary files; nothing else). With a profile: removes from its cache (cache.name, default \
            `authprofile`) the access tokens of its links' authority, tenant and client id, and the accounts and \
            refresh tokens its user flows signed in; other profiles' tokens stay. A profile without \
            `cache: {persistent: true}`, or whose cache is off here, has nothing to clear (exit 0). Either way the \
            token shortcut records of `authprofile token` (sealed copies of printed tokens) are removed. Keys in \
            the kernel keyring are kept.
            Exit status: 0 cleared (or nothing to clear), 1 something could not be cleared, 2 usage error.
            """)

    @Argument(
        help: "The profile whose entries to remove; default: every cache file of the directory.",
        completion: ProfileNameCompletion.kind)
    var profile: String?

    @OptionGroup var selection: ProfileSelectionOptions

    /// Accepted like every command's; this command's output is never coloured.
    @OptionGroup var colour: ColourOptions

    func run() async throws {
        let context = CLIContext.current
        let environment = try selection.environment(context: context, command: Self.self)
        let options = context.runtimeOptions(environment: environment)
        guard let profile else {
            let removal: TokenCacheDirectoryRemoval
            do {
                removal = try await TokenCacheDirectory(
                    environment: environment, keyStore: options.tokenCache.keyStore, timeSource: options.timeSource,
                    lockTimeout: options.tokenCache.lockTimeout
                ).removeAll()
            } catch let error as TokenCacheError {
                context.writeError("error: cannot clear the token caches: \(TokenCacheRenderer.shown(error.reason))\n")
                throw ExitWith(status: .findings)
            }
            context.write(TokenCacheRenderer.text(removal))
            if !removal.problems.isEmpty { throw ExitWith(status: .findings) }
            return
        }
        let catalog = selection.catalog(context: context)
        let entry: ProfileCatalog.Entry
        do {
            try catalog.require()
            entry = try catalog.entry(resolving: profile)
        } catch {
            context.writeError("error: \(error)\n")
            throw ExitWith(status: .usage)
        }
        let clearing = await ProfileTokenCacheClearing.clear(entry, options: options)
        context.write(TokenCacheRenderer.text(clearing))
        // The token shortcut's records repeat printed tokens, whichever profile's: all go with any clearing.
        let records = TokenCacheDirectory(
            environment: environment, keyStore: options.tokenCache.keyStore, timeSource: options.timeSource
        ).removeShortcutRecords()
        if records > 0 { context.write(TokenCacheRenderer.text(shortcutRecordsRemoved: records)) }
        if clearing.caches.contains(where: { $0.error != nil }) {
            throw ExitWith(status: .findings)
        }
    }
}
