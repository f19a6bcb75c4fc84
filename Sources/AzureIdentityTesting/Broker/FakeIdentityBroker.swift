// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A fake of the Linux identity broker on a private session bus, so that no test ever reaches a real broker.
///
/// ``start(_:)`` starts a private `dbus-daemon` (its own configuration: no standard service directories, so no real
/// service can be activated) and, in ``Mode/running``, the fake broker: a small dbus-python program
/// (``script``) that owns `com.microsoft.identity.broker1` and implements the broker's eight methods, each
/// `(sss) → s`. In ``Mode/activatable`` the bus only knows how to start the fake (a `.service` file in a private
/// service directory), and starts it on the first call to the broker's name; in ``Mode/absent`` there is no
/// broker at all.
///
/// Give credentials ``environment`` (it holds only `DBUS_SESSION_BUS_ADDRESS`). Script answers per method with
/// ``setAnswer(_:for:)``; read what the broker was asked with ``requests()`` and ``callCount(_:)``, and how many
/// times the fake started with ``startCount()`` (zero proves that nothing activated it).
///
/// It is as strict as ``InMemoryIdentityBroker``, by the same rules (`BrokerRequestRules`, whose text the script
/// carries): another method or interface is `org.freedesktop.DBus.Error.UnknownMethod`; arguments other than three
/// strings, a protocol version other than `"0.0"`, a correlation id that is not a UUID or request JSON without the
/// members the method takes are `org.freedesktop.DBus.Error.InvalidArgs`, whatever answer was scripted. Every
/// refusal is listed in ``violations()``.
///
/// Needs `dbus-daemon` and a Python 3 with `dbus` (dbus-python) and `gi` (PyGObject): on Debian and Ubuntu the
/// packages `dbus-daemon`, `python3-dbus` and `python3-gi`, used through `/usr/bin/python3` (set
/// `AUTHPROFILE_DBUS_PYTHON` for another interpreter). ``unavailableReason`` says what is missing.
///
/// Always ``shutdown()`` (or use ``run(_:_:)``, which does it even when the body throws): it kills the daemon and
/// the fake (one process group) and removes the temporary directory. The fake also exits by itself when the bus
/// goes away or the process that started it dies.
public final class FakeIdentityBroker: Sendable {
    /// Whether the broker runs, can be started by the bus, or is not there.
    public enum Mode: Sendable {
        /// The fake owns the name from the start.
        case running
        /// The bus can start the fake (D-Bus activation); nothing runs until a message to its name asks for it.
        case activatable
        /// No broker: calls to its name get `org.freedesktop.DBus.Error.ServiceUnknown`.
        case absent
    }

    /// A failure to set the fake up (a missing program, a process that did not start).
    public struct SetupError: Error, CustomStringConvertible {
        /// What went wrong.
        public var description: String
        init(_ description: String) { self.description = description }
    }

    /// One call the fake broker received.
    public struct Request: Sendable, Hashable, Decodable {
        /// The method name, such as `acquireTokenSilently`.
        public var method: String
        /// The first argument: the protocol version.
        public var protocolVersion: String
        /// The second argument: the correlation id.
        public var correlationId: String
        /// The third argument: the request JSON.
        public var request: String

        /// A request, for comparing with what was recorded.
        public init(method: String, protocolVersion: String, correlationId: String, request: String) {
            self.method = method
            self.protocolVersion = protocolVersion
            self.correlationId = correlationId
            self.request = request
        }
    }

    /// The broker's eight methods.
    public static let methods = [
        "acquireTokenInteractively", "acquireTokenSilently", "getAccounts", "removeAccount", "acquirePrtSsoCookie",
        "generateSignedHttpRequest", "cancelInteractiveFlow", "getLinuxBrokerVersion",
    ]

    private struct Processes {
        var daemon: ChildProcess?
        var broker: ChildProcess?
        var removed = false
    }

    /// The temporary directory holding the bus socket, the configuration, the script and the fake's state.
    public let directory: String
    /// The private bus's address (`unix:path=…`).
    public let busAddress: String
    /// The environment to give a credential: only `DBUS_SESSION_BUS_ADDRESS`.
    public var environment: [String: String] { ["DBUS_SESSION_BUS_ADDRESS": busAddress] }
    /// The mode the fake was started in.
    public let mode: Mode
    private let processes: Mutex<Processes>
    private let answers: Mutex<[String: Answer]>

    private init(directory: String, busAddress: String, mode: Mode, daemon: ChildProcess) {
        self.directory = directory
        self.busAddress = busAddress
        self.mode = mode
        self.processes = Mutex(Processes(daemon: daemon))
        self.answers = Mutex(Self.defaultAnswers)
    }

    deinit {
        // The backstop for a test that forgot shutdown(): never leave a daemon behind.
        terminate()
    }

    /// Starts a private bus and, per `mode`, the fake broker on it.
    public static func start(_ mode: Mode = .running) async throws -> FakeIdentityBroker {
        if let reason = unavailableReason { throw SetupError(reason) }
        let directory = try makeDirectory()
        do {
            let socket = directory + "/bus"
            let address = "unix:path=" + escapeAddressValue(socket)
            try write(configuration(socket: socket, directory: directory), to: directory + "/bus.conf")
            try write(script, to: directory + "/fake_identity_broker.py")
            try FileManager.default.createDirectory(atPath: directory + "/services", withIntermediateDirectories: true)
            if mode == .activatable {
                let exec = ([python] + brokerArguments(directory: directory, address: address)).map(shellQuoted)
                try write(
                    "[D-BUS Service]\nName=com.microsoft.identity.broker1\nExec=\(exec.joined(separator: " "))\n",
                    to: directory + "/services/com.microsoft.identity.broker1.service"
                )
            }
            let daemon = try ChildProcess.start(
                daemonPath, ["--config-file=\(directory)/bus.conf", "--nofork", "--print-address"],
                environment: childEnvironment(directory), standardOutput: directory + "/daemon.out",
                standardError: directory + "/daemon.err"
            )
            let fake = FakeIdentityBroker(directory: directory, busAddress: address, mode: mode, daemon: daemon)
            do {
                try fake.writeAnswers()
                try await fake.waitFor(file: "daemon.out", containing: "unix:", process: daemon, what: "dbus-daemon")
                if mode == .running { try await fake.startBroker() }
            } catch {
                fake.terminate()
                throw error
            }
            return fake
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
    }

    /// Starts a fake, runs `body` with it, and shuts it down however `body` ends.
    public static func run<T: Sendable>(
        _ mode: Mode = .running, _ body: (FakeIdentityBroker) async throws -> T
    ) async throws -> T {
        let fake = try await start(mode)
        do {
            let result = try await body(fake)
            fake.shutdown()
            return result
        } catch {
            fake.shutdown()
            throw error
        }
    }

    /// Starts the fake broker process (in ``Mode/running``, or again after ``stopBroker()``) and waits until it
    /// owns the name.
    public func startBroker() async throws {
        let process = try ChildProcess.start(
            Self.python, Self.brokerArguments(directory: directory, address: busAddress) + ["--watch-parent"],
            environment: Self.childEnvironment(directory),
            standardOutput: directory + "/broker.out", standardError: directory + "/broker.err"
        )
        processes.withLock { $0.broker = process }
        try await waitFor(file: "broker.out", containing: "ready", process: process, what: "the fake broker")
    }

    /// Kills the fake broker process: from then on calls to its name fail with `ServiceUnknown` (or, in
    /// ``Mode/activatable``, start it again).
    public func stopBroker() {
        let process = processes.withLock { state in
            defer { state.broker = nil }
            return state.broker
        }
        process?.kill()
    }

    /// Kills the daemon and the fake broker and removes the temporary directory.
    public func shutdown() {
        terminate()
    }

    private func terminate() {
        let (daemon, broker, remove) = processes.withLock { state in
            defer {
                state.daemon = nil
                state.broker = nil
                state.removed = true
            }
            return (state.daemon, state.broker, !state.removed)
        }
        broker?.kill()
        daemon?.kill()
        if remove { try? FileManager.default.removeItem(atPath: directory) }
    }

    /// The process ids of the daemon and of the fake broker it was told to start (not of an activated one).
    package var processIDs: [Int32] {
        processes.withLock { [$0.daemon?.pid, $0.broker?.pid].compactMap { $0 } }
    }

    /// Sets how the fake answers `method` from now on.
    public func setAnswer(_ answer: Answer, for method: String) throws {
        answers.withLock { $0[method] = answer }
        try writeAnswers()
    }

    /// Every call the fake broker received, in order.
    public func requests() throws -> [Request] {
        guard let data = FileManager.default.contents(atPath: directory + "/requests.jsonl") else { return [] }
        return try data.split(separator: UInt8(ascii: "\n")).map {
            try JSONDecoder().decode(Request.self, from: Data($0))
        }
    }

    /// Every call the fake broker refused, in order, as `<method>: <the broken rule>` (the form of
    /// ``InMemoryIdentityBroker/violations``).
    public func violations() throws -> [String] {
        struct Refusal: Decodable {
            var method: String
            var message: String
        }
        guard let data = FileManager.default.contents(atPath: directory + "/violations.jsonl") else { return [] }
        return try data.split(separator: UInt8(ascii: "\n")).map {
            let refusal = try JSONDecoder().decode(Refusal.self, from: Data($0))
            return "\(refusal.method): \(refusal.message)"
        }
    }

    /// How many calls the fake broker received: of `method`, or of any method.
    public func callCount(_ method: String? = nil) throws -> Int {
        try requests().filter { method == nil || $0.method == method }.count
    }

    /// How many times the fake broker process started (and took the name).
    public func startCount() -> Int {
        guard let data = FileManager.default.contents(atPath: directory + "/starts.log") else { return 0 }
        return data.split(separator: UInt8(ascii: "\n")).count
    }

    // MARK: Set-up

    private func writeAnswers() throws {
        let plan = answers.withLock { $0 }.mapValues(\.plan)
        let data = try JSONSerialization.data(withJSONObject: plan, options: [.sortedKeys])
        let temporary = directory + "/answers.json.new"
        try data.write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, directory + "/answers.json") == 0 else {
            throw SetupError("could not replace answers.json: \(String(cString: strerror(errno)))")
        }
    }

    private func waitFor(file: String, containing text: String, process: ChildProcess, what: String) async throws {
        let path = directory + "/" + file
        let end = ContinuousClock.now + HangGuard.limit
        while ContinuousClock.now < end {
            if let data = FileManager.default.contents(atPath: path),
                String(decoding: data, as: UTF8.self).contains(text)
            {
                return
            }
            if process.hasExited {
                let errors = FileManager.default.contents(atPath: path.replacingOccurrences(of: ".out", with: ".err"))
                throw SetupError("\(what) exited: \(String(decoding: errors ?? Data(), as: UTF8.self))")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw SetupError("\(what) did not start within \(HangGuard.limit)")
    }

    private static func brokerArguments(directory: String, address: String) -> [String] {
        [directory + "/fake_identity_broker.py", "--address", address, "--state", directory]
    }

    private static func childEnvironment(_ directory: String) -> [String: String] {
        ["PATH": "/usr/bin:/bin", "HOME": directory, "LC_ALL": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1"]
    }

    private static func configuration(socket: String, directory: String) -> String {
        func xml(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
        }
        return """
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
             "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig>
              <type>session</type>
              <listen>unix:path=\(xml(escapeAddressValue(socket)))</listen>
              <auth>EXTERNAL</auth>
              <servicedir>\(xml(directory))/services</servicedir>
              <policy context="default">
                <allow send_destination="*" eavesdrop="true"/>
                <allow eavesdrop="true"/>
                <allow own="*"/>
              </policy>
            </busconfig>

            """
    }

    private static func makeDirectory() throws -> String {
        // A Unix socket path holds at most 107 bytes: use /tmp when TMPDIR is long.
        let base = NSTemporaryDirectory().count < 60 ? NSTemporaryDirectory() : "/tmp/"
        var template =
            Array((base.hasSuffix("/") ? base : base + "/").utf8CString.dropLast())
            + Array("fake-broker-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw SetupError("could not make a temporary directory: \(String(cString: strerror(errno)))")
        }
        return String(cString: made)
    }

    private static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    private static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    private static func escapeAddressValue(_ value: String) -> String {
        var result = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "/"),
                UInt8(ascii: "."):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += String(format: "%%%02x", byte)
            }
        }
        return result
    }

    // MARK: Requirements

    /// The Python interpreter the fake runs with: `AUTHPROFILE_DBUS_PYTHON`, else `/usr/bin/python3` (the
    /// distribution's, which has python3-dbus; a pyenv or virtualenv `python3` usually does not).
    static let python =
        ProcessInfo.processInfo.environment.first { $0.key == "AUTHPROFILE_DBUS_PYTHON" && !$0.value.isEmpty }?.value
        ?? "/usr/bin/python3"

    /// The first `dbus-daemon` found in the usual places.
    static let daemonPath =
        ["/usr/bin/dbus-daemon", "/bin/dbus-daemon", "/usr/local/bin/dbus-daemon", "/usr/sbin/dbus-daemon"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        } ?? "/usr/bin/dbus-daemon"

    /// Why the fake cannot run here (no `dbus-daemon`, no Python with dbus-python and PyGObject), or `nil` when it
    /// can. Checked once (it runs the interpreter once).
    public static let unavailableReason: String? = {
        guard FileManager.default.isExecutableFile(atPath: daemonPath) else {
            return "dbus-daemon is not installed (Debian: apt-get install dbus-daemon)"
        }
        guard FileManager.default.isExecutableFile(atPath: python) else {
            return "\(python) does not exist (set AUTHPROFILE_DBUS_PYTHON to a Python 3 with dbus-python)"
        }
        let directory = NSTemporaryDirectory()
        guard
            let check = try? ChildProcess.start(
                python, ["-c", "import dbus, dbus.mainloop.glib; from gi.repository import GLib"],
                environment: childEnvironment(directory), standardOutput: "/dev/null", standardError: "/dev/null"
            )
        else { return "\(python) could not be started" }
        var status: Int32 = 0
        for _ in 0..<3000 {
            let result = waitpid(check.pid, &status, WNOHANG)
            if result == check.pid {
                return status == 0
                    ? nil : "\(python) lacks dbus-python or PyGObject (Debian: apt-get install python3-dbus python3-gi)"
            }
            if result < 0 { break }
            usleep(10_000)
        }
        check.kill()
        return "\(python) did not finish checking for dbus-python"
    }()
}
