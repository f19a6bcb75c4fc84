// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs code whose file system access is checked as an ordinary user's, so tests can make files and directories
/// that cannot be read even when the suite runs as root.
///
/// Permission bits do not stop root. On Linux the file system identity (`setfsuid`, `setfsgid`) is a property of
/// one thread, so the code runs on a fresh thread whose file system user and group are `nobody` (65534): the kernel
/// then checks every `open`, `stat` and directory search on that thread as `nobody`, and root drops the
/// capabilities that bypass the checks. No other thread of the test process is affected, and the thread ends with
/// the call. When the tests do not run as root, the code runs as the current user, whom `chmod 000` stops already.
///
/// Make what must be unreadable mode `0000`: that stops both `nobody` and a non-root owner. Check ``isAvailable``
/// first (`@Test(.enabled(if: UnprivilegedUser.isAvailable))`): run as root where `setfsuid` does not exist (macOS),
/// `run` stops the process rather than run the code with privileges that would make the test pass vacuously.
public enum UnprivilegedUser {
    /// The user id file access is checked as.
    public static let userID: UInt32 = 65534

    /// Whether the code can run as a user who is stopped by permission bits.
    public static var isAvailable: Bool { geteuid() != 0 || setIdentity != nil }

    /// Runs `body` with unprivileged file access and returns its result. `body` runs on a thread of its own
    /// (``BlockingWork``), whose file system identity is dropped and which ends with the call; the caller is
    /// suspended meanwhile, not blocked, so no cooperative thread waits on it.
    public static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        guard geteuid() == 0 else { return body() }
        return await BlockingWork.run {
            dropFileSystemIdentity()
            return body()
        }
    }

    /// Runs async `body` with unprivileged file access: every job of the task runs on one thread whose file system
    /// identity is `nobody` (through a task executor preference), so synchronous file access inside it is checked
    /// as that user.
    public static func run<T: Sendable>(_ body: @Sendable () async -> T) async -> T {
        guard geteuid() == 0 else { return await body() }
        let executor = SingleThreadExecutor(setUp: dropFileSystemIdentity)
        defer { executor.stop() }
        return await withTaskExecutorPreference(executor) { await body() }
    }

    private typealias SetIdentity = @convention(c) (UInt32) -> Int32

    /// `setfsuid` and `setfsgid`, which the C library exports on Linux but Swift's module does not.
    private static let setIdentity: (user: SetIdentity, group: SetIdentity)? = {
        #if os(Linux)
        guard let handle = dlopen(nil, RTLD_NOW), let user = dlsym(handle, "setfsuid"),
            let group = dlsym(handle, "setfsgid")
        else { return nil }
        return (unsafeBitCast(user, to: SetIdentity.self), unsafeBitCast(group, to: SetIdentity.self))
        #else
        return nil
        #endif
    }()

    private static func dropFileSystemIdentity() {
        guard let setIdentity else { fatalError("UnprivilegedUser: setfsuid is not available on this system") }
        _ = setIdentity.group(userID)
        _ = setIdentity.user(userID)
    }
}

/// A task executor that runs every job on one thread of its own, set up once by a closure.
private final class SingleThreadExecutor: TaskExecutor {
    private let jobs = Mutex<(queue: [UnownedJob], stopped: Bool)>(([], false))
    private let wake = DispatchSemaphore(value: 0)

    init(setUp: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            setUp()
            while true {
                wake.wait()
                let (job, stopped) = jobs.withLock { state in
                    (state.queue.isEmpty ? nil : state.queue.removeFirst(), state.stopped)
                }
                if let job { job.runSynchronously(on: asUnownedTaskExecutor()) } else if stopped { return }
            }
        }
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        jobs.withLock { $0.queue.append(job) }
        wake.signal()
    }

    func stop() {
        jobs.withLock { $0.stopped = true }
        wake.signal()
    }
}
