#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lets `perf stat` count only the timed runs (instructions retired are independent of the machine's load, which
/// wall and CPU times are not). Run the benchmark as
///
/// ```sh
/// mkfifo /tmp/ctl /tmp/ack; exec 8<>/tmp/ctl 9<>/tmp/ack
/// PERF_CONTROL=/tmp/ctl,/tmp/ack perf stat -e instructions:u -x, -D -1 --control fifo:/tmp/ctl,/tmp/ack BINARY …
/// ```
///
/// and the counters run only between ``enable()`` and ``disable()`` (process start, file generation, warm-up and
/// reporting are left out). Without `PERF_CONTROL` both do nothing.
enum PerfControl {
    private static let descriptors: (control: Int32, ack: Int32)? = {
        guard let value = getenv("PERF_CONTROL").map({ String(cString: $0) }) else { return nil }
        let paths = value.split(separator: ",").map(String.init)
        guard paths.count == 2 else { fatalError("PERF_CONTROL must be CONTROL_FIFO,ACK_FIFO") }
        let control = open(paths[0], O_WRONLY)
        let ack = open(paths[1], O_RDONLY)
        guard control >= 0, ack >= 0 else { fatalError("cannot open \(value)") }
        return (control, ack)
    }()

    /// Starts counting; returns once perf has acknowledged.
    static func enable() { send("enable") }

    /// Stops counting; returns once perf has acknowledged.
    static func disable() { send("disable") }

    private static func send(_ command: String) {
        guard let (control, ack) = descriptors else { return }
        let line = Array((command + "\n").utf8)
        guard write(control, line, line.count) == line.count else { fatalError("perf control: write failed") }
        // perf answers "ack\n" (and a NUL, which the next read skips).
        var byte: UInt8 = 0
        var answer: [UInt8] = []
        while answer.last != UInt8(ascii: "\n") {
            guard read(ack, &byte, 1) == 1 else { fatalError("perf control: no acknowledgement") }
            if byte != 0 { answer.append(byte) }
        }
        guard answer == Array("ack\n".utf8) else { fatalError("perf control: unexpected answer") }
    }
}
