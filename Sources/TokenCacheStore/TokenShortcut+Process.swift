// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension TokenShortcut.Situation {
    /// The most arguments a run may have (as `AuthProfileCommand.maximumArgumentCount`).
    static let argumentLimit = 1_000

    /// This process's situation, read without Foundation; `nil` when the working directory cannot be read, there
    /// are too many arguments, or the environment holds an entry that is not UTF-8, has no `=` or repeats a name
    /// (the full program could read those differently, so its record would not be this situation's).
    package static func process(arguments: [String]) -> Self? {
        guard arguments.count <= argumentLimit, let directory = workingDirectory() else { return nil }
        var environment: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            // Not UTF-8: two such environments could read as one string; the full program decides.
            guard let text = String(validatingCString: pointer) else { return nil }
            guard let equals = text.utf8.firstIndex(of: UInt8(ascii: "=")) else { return nil }
            let name = String(text[..<equals])
            guard environment.updateValue(String(text[text.index(after: equals)...]), forKey: name) == nil else {
                return nil
            }
            entry += 1
        }
        return Self(arguments: arguments, environment: environment, workingDirectory: directory)
    }

    /// The current time in POSIX seconds.
    package static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Writes `text` to standard output whole; `false` when it could not be.
    package static func writeStandardOutput(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress! + written, $0.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            written += count
        }
        return true
    }

    /// Replaces this process with the full `authprofile`, `../libexec/authprofile/authprofile` from this program's
    /// own directory, with `arguments` (the program's name first) and the environment unchanged. Returns never;
    /// when it cannot be started, says why and exits with status 2.
    package static func startFullProgram(_ arguments: [String]) -> Never {
        var path = "../libexec/authprofile/authprofile"
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        var own: String?
        if length > 0 {
            let resolved = String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            own = resolved
            if let slash = resolved.utf8.lastIndex(of: UInt8(ascii: "/")) {
                path = String(resolved[..<slash]) + "/../libexec/authprofile/authprofile"
            }
        }
        // The full program must not be this one (a symbolic link to it in its place): it would start itself forever.
        if let own, let target = realpath(path, nil) {
            defer { free(target) }
            if String(cString: target) == own {
                _ = writeStandardError(
                    "authprofile: \(path) is this program itself, not the full authprofile; reinstall the release\n")
                exit(2)
            }
        }
        var pointers: [UnsafeMutablePointer<CChar>?] = ([path] + arguments.dropFirst()).map { strdup($0) }
        pointers.append(nil)
        execv(path, pointers)
        let code = errno
        let message = strerror(code).map { String(cString: $0) } ?? "error"
        _ = writeStandardError("authprofile: cannot start \(path): \(message) (errno \(code))\n")
        exit(2)
    }

    private static func writeStandardError(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress!, $0.count) } == bytes.count
    }

    private static func workingDirectory() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return nil }
        return String(validatingCString: buffer)
    }
}
