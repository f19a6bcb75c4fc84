// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A helper process a fake runs (a private `dbus-daemon`, the fake broker script), started in a process group of
/// its own so that killing the group also ends what it started (the daemon's activated services), with its
/// standard output and error in files and its environment given in full (nothing inherited: never the real
/// session bus's address).
final class ChildProcess: Sendable {
    /// The process id, which is also its process group id.
    let pid: pid_t

    private init(pid: pid_t) {
        self.pid = pid
    }

    /// Starts `executable` with `arguments`; standard input is `/dev/null`.
    static func start(
        _ executable: String, _ arguments: [String], environment: [String: String], standardOutput: String,
        standardError: String
    ) throws -> ChildProcess {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, standardError, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // Nothing else: a descriptor another test opened without close-on-exec (a pipe to its own child, being set
        // up right now) must not stay open in a daemon that outlives that child, or that test never sees EOF.
        guard let closeFrom = Self.addCloseFrom, closeFrom(&actions, 3) == 0 else {
            throw FakeIdentityBroker.SetupError(
                "posix_spawn_file_actions_addclosefrom_np (glibc 2.34 or later) is not available"
            )
        }
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw FakeIdentityBroker.SetupError("could not start \(executable): \(String(cString: strerror(result)))")
        }
        return ChildProcess(pid: pid)
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's Glibc module does not
    /// export: found at run time.
    private static let addCloseFrom:
        (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np")
            else { return nil }
            return unsafeBitCast(
                symbol,
                to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self
            )
        }()

    /// Whether the process has ended (reaping it if so).
    var hasExited: Bool {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        return result == pid || (result < 0 && errno == ECHILD)
    }

    /// Kills the whole process group and reaps the process (waiting at most a few seconds).
    func kill() {
        signal(-pid, SIGKILL)
        signal(pid, SIGKILL)
        for _ in 0..<500 {
            if hasExited { return }
            usleep(10_000)
        }
    }
}

private func signal(_ pid: pid_t, _ number: Int32) {
    _ = kill(pid, number)
}
