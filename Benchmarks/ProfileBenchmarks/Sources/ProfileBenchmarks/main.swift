// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import Foundation
import Yams

// Usage: ProfileBenchmarks [--runs N] [--profiles N] [--chain N] [--diagnostics N] [--out DIR] [--only NAME]
//                          [--loop N] [--no-check]
//   --profiles N  size of the large file (default 10000)
//   --chain N     length of the `extends` chain of the extends-chain case (default 10000)
//   --diagnostics N  diagnostics in the unknown-values case (default 100000, a 31 MB file)
//   --width N     length of each wrong word in the unknown-values case (default 300)
//   --references N   production profiles referring to each other in the production-references case (default 10000)
//   --no-check    skip validating the generated files first (they are checked to be free of diagnostics)
//   --out DIR   where the generated files are written (default /tmp/authprofile-bench)
//   --only NAME run one case only: validate-yaml, validate-json, validate-small, parse-basic, parse-default,
//               parse-basic-json, utf8, source-text, extends-chain, unknown-values, production-references
//   --loop N    with --only: run the case N times and print nothing else (for perf / callgrind)
var runs = 7
var outputDirectory = "/tmp/authprofile-bench"
var only: String?
var loop: Int?
var profileCount = 10_000
var chainLength = 10_000
var diagnosticCount = 100_000
var referenceCount = 10_000
var width = 300
var check = true
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--runs": runs = Int(arguments.next() ?? "") ?? runs
    case "--out": outputDirectory = arguments.next() ?? outputDirectory
    case "--only": only = arguments.next()
    case "--loop": loop = Int(arguments.next() ?? "")
    case "--profiles": profileCount = Int(arguments.next() ?? "") ?? profileCount
    case "--chain": chainLength = Int(arguments.next() ?? "") ?? chainLength
    case "--diagnostics": diagnosticCount = Int(arguments.next() ?? "") ?? diagnosticCount
    case "--references": referenceCount = Int(arguments.next() ?? "") ?? referenceCount
    case "--width": width = Int(arguments.next() ?? "") ?? width
    case "--no-check": check = false
    default: fatalError("unknown argument \(argument)")
    }
}

// MARK: Files

func generate(_ count: Int) -> (yaml: [UInt8], json: [UInt8]) {
    let tree = ProfileFileGenerator.document(profiles: count)
    return (Array(ProfileFileGenerator.yaml(tree).utf8), Array(ProfileFileGenerator.json(tree).utf8))
}

let big = generate(profileCount)
let small = generate(100)
// Files built to find super-linear work: each case must stay linear in its size (issue 9 item 7).
let chain = Array(HostileFiles.extendsChain(profiles: chainLength).utf8)
let unknownValues = Array(HostileFiles.unknownValues(diagnostics: diagnosticCount, width: width).utf8)
let references = Array(HostileFiles.productionReferenceChain(profiles: referenceCount).utf8)
try? FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
for (name, bytes) in [
    ("profiles-\(profileCount).yaml", big.yaml), ("profiles-\(profileCount).json", big.json),
    ("profiles-100.yaml", small.yaml), ("profiles-100.json", small.json),
    ("extends-chain-\(chainLength).yaml", chain),
    ("unknown-values-\(diagnosticCount).yaml", unknownValues),
    ("production-references-\(referenceCount).yaml", references),
] {
    FileManager.default.createFile(atPath: "\(outputDirectory)/\(name)", contents: Data(bytes))
}

// The generated files must be valid, or the benchmark would time the error path.
for (name, bytes) in [("YAML", big.yaml), ("JSON", big.json), ("small YAML", small.yaml)] where check {
    let result = ProfileValidator().validate(bytes: bytes, path: name)
    guard result.isValid, result.diagnostics.isEmpty else {
        for diagnostic in result.diagnostics.prefix(10) { print(diagnostic) }
        fatalError("the generated \(name) file is not clean (\(result.diagnostics.count) diagnostics)")
    }
    precondition(result.graph?.profiles.count == (name == "small YAML" ? 100 : profileCount))
}
if check {
    let chained = ProfileValidator().validate(bytes: chain, path: "chain")
    guard chained.diagnostics.isEmpty, chained.graph?.profiles.count == chainLength else {
        fatalError("the extends chain is not clean (\(chained.diagnostics.count) diagnostics)")
    }
    let unknown = ProfileValidator().validate(bytes: unknownValues, path: "unknown")
    guard unknown.diagnostics.count == diagnosticCount else {
        fatalError("the unknown-values file has \(unknown.diagnostics.count) diagnostics, not \(diagnosticCount)")
    }
}

// MARK: Cases

nonisolated(unsafe) var sink = 0
let bigText = String(decoding: big.yaml, as: UTF8.self)
let bigJSONText = String(decoding: big.json, as: UTF8.self)

func validate(_ bytes: [UInt8]) {
    let result = ProfileValidator().validate(bytes: bytes, path: "bench.yaml")
    sink &+= result.diagnostics.count &+ (result.graph?.profiles.count ?? 0)
}

func parse(_ text: String, _ resolver: Resolver) {
    let parser = try! Parser(yaml: text, resolver: resolver, constructor: .default, encoding: .utf8)
    let root = try! parser.nextRoot()
    sink &+= root?.mapping?.count ?? 0
}

let cases: [(name: String, body: () -> Void)] = [
    ("validate-yaml", { validate(big.yaml) }),
    ("validate-json", { validate(big.json) }),
    ("validate-small", { validate(small.yaml) }),
    ("parse-basic", { parse(bigText, .basic) }),
    ("parse-default", { parse(bigText, .default) }),
    ("parse-basic-json", { parse(bigJSONText, .basic) }),
    ("utf8", { sink &+= String(validating: big.yaml, as: UTF8.self)?.utf8.count ?? 0 }),
    ("source-text", { sink &+= SourceText(path: "bench.yaml", text: bigText).lineCount }),
    ("extends-chain", { validate(chain) }),
    ("unknown-values", { validate(unknownValues) }),
    ("production-references", { validate(references) }),
]

if let only, let loop {
    guard let body = cases.first(where: { $0.name == only })?.body else { fatalError("no case \(only)") }
    for _ in 0..<loop { body() }
    print(sink)
    exit(0)
}

// MARK: Measurement

struct Summary {
    /// Wall time.
    let median: Duration
    let min: Duration
    /// CPU time of this thread: what the work costs when it gets a core to itself, which wall time on a shared
    /// machine does not show.
    let cpuMedian: Duration
}

func threadCPUTime() -> Duration {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return .seconds(spec.tv_sec) + .nanoseconds(spec.tv_nsec)
}

func measure(_ body: () -> Void, runs: Int) -> Summary {
    body()  // warm-up
    let clock = ContinuousClock()
    var samples: [Duration] = []
    var cpuSamples: [Duration] = []
    for _ in 0..<runs {
        let cpuStart = threadCPUTime()
        let start = clock.now
        body()
        samples.append(clock.now - start)
        cpuSamples.append(threadCPUTime() - cpuStart)
    }
    samples.sort()
    cpuSamples.sort()
    return Summary(median: samples[samples.count / 2], min: samples[0], cpuMedian: cpuSamples[cpuSamples.count / 2])
}

func ms(_ duration: Duration) -> String {
    let value = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    return String(format: "%8.1f ms", value)
}

print(
    "files: \(profileCount) profiles YAML \(big.yaml.count) bytes, JSON \(big.json.count) bytes; 100 profiles YAML \(small.yaml.count) bytes"
)
print(
    "hostile files: extends chain \(chain.count) bytes, unknown values \(unknownValues.count) bytes, "
        + "production references \(references.count) bytes")
print(
    "load average at start: \((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?")"
)
print(
    "runs: \(runs) after one warm-up (100-profile case: \(runs * 10)); median and min wall time, median thread CPU time"
)
var results: [String: Summary] = [:]
let labels = [
    "validate-yaml": "validate(bytes:) \(profileCount) profiles, YAML",
    "validate-json": "validate(bytes:) \(profileCount) profiles, JSON",
    "validate-small": "validate(bytes:) 100 profiles, YAML",
    "parse-basic": "Parser(resolver: .basic).nextRoot(), YAML",
    "parse-default": "Parser(resolver: .default).nextRoot(), YAML",
    "parse-basic-json": "Parser(resolver: .basic).nextRoot(), JSON",
    "utf8": "String(validating:as: UTF8.self), YAML",
    "source-text": "SourceText(path:text:) line index, YAML",
    "extends-chain": "validate(bytes:) extends chain of \(chainLength)",
    "unknown-values": "validate(bytes:) \(diagnosticCount) did-you-mean diagnostics",
    "production-references": "validate(bytes:) \(referenceCount) production references",
]
for (name, body) in cases {
    if let only, only != name { continue }
    let summary = measure(body, runs: name == "validate-small" ? runs * 10 : runs)
    results[name] = summary
    print(
        "\(labels[name]!.padding(toLength: 48, withPad: " ", startingAt: 0)) median \(ms(summary.median))  min \(ms(summary.min))  cpu \(ms(summary.cpuMedian))"
    )
}
if let total = results["validate-yaml"], let parse = results["parse-basic"], let utf8 = results["utf8"],
    let lines = results["source-text"]
{
    let rest = total.median - parse.median - utf8.median - lines.median
    let restCPU = total.cpuMedian - parse.cpuMedian - utf8.cpuMedian - lines.cpuMedian
    print(
        "derived: validate YAML − parse(.basic) − UTF-8 − SourceText = wall \(ms(rest)), cpu \(ms(restCPU)) "
            + "(tree inspection, decoding, graph build, diagnostics, teardown)")
}
if let total = results["validate-json"], let parse = results["parse-basic-json"] {
    print(
        "derived: validate JSON − parse(.basic) JSON = wall \(ms(total.median - parse.median)), cpu \(ms(total.cpuMedian - parse.cpuMedian))"
    )
}
if let basic = results["parse-basic"], let resolved = results["parse-default"] {
    print(
        "derived: Resolver.default − Resolver.basic = wall \(ms(resolved.median - basic.median)), cpu \(ms(resolved.cpuMedian - basic.cpuMedian))"
    )
}
print("(sink \(sink))")
