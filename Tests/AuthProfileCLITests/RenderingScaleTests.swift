import AuthProfileCLI
import AuthProfiles
import Foundation
import Testing

/// Rendering is linear in the number of diagnostics, whatever the shape of the file (issue 9 item 7, the rest of
/// the class): a minified JSON file is one line, and showing that line under each of its diagnostics cost the
/// line's length every time.
@Suite struct RenderingScaleTests {
    @Test func manyDiagnosticsOnOneHugeLineRenderQuickly() throws {
        // 20,000 profiles with an unknown key each, all on one line of about 1.2 MB.
        let profiles = (0..<20_000).map { "\"p\($0)\": {\"credentail\": {\"type\": \"azureCli\"}}" }
        let text = "{\"version\": 1, \"profiles\": {" + profiles.joined(separator: ", ") + "}}"
        let result = ProfileValidator().validate(text: text, path: "minified.json")
        #expect(result.diagnostics.filter { $0.code == .unknownKey }.count == 20_000)
        let clock = ContinuousClock()
        var output = ""
        let elapsed = clock.measure {
            output = TextRenderer().render(ValidationReport(results: [result], strict: false))
        }
        #expect(output.contains("(source line not shown: it is longer than 1000 bytes)"))
        #expect(output.count < 10_000_000, "the line is never printed")
        // Loose: each diagnostic walked the 1.2 MB line before (about 10^10 steps in all).
        #expect(elapsed < .seconds(10))
    }

    @Test func aLineUpToTheLimitIsShown() throws {
        let description = String(repeating: "d", count: 900)
        let text = "version: 1\nprofiles:\n  app: { description: \(description), credential: { type: azureCl } }\n"
        let result = ProfileValidator().validate(text: text, path: "long.yaml")
        let output = TextRenderer().render(ValidationReport(results: [result], strict: false))
        #expect(output.contains(description))
        #expect(!output.contains("source line not shown"))
    }
}
