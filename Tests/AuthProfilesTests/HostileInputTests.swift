// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

@testable import AuthProfiles

/// Hostile and accidental input is bounded and reported with a location, never a crash or a hang.
@Suite struct HostileInputTests {
    @Test func billionLaughsIsRejectedWithoutExpansion() {
        var yaml = "version: 1\nlol0: &l0 [lol]\n"
        for level in 1...12 {
            let refs = Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
            yaml += "lol\(level): &l\(level) [\(refs)]\n"
        }
        yaml += "profiles:\n  app:\n    description: *l12\n    credential: { type: azureCli }\n"
        let clock = ContinuousClock()
        var result: ValidationResult?
        let elapsed = clock.measure { result = validate(yaml) }
        let diagnostics = result?.diagnostics ?? []
        #expect(diagnostics.contains { $0.code == .anchorOrAlias })
        #expect(diagnostics.allSatisfy { $0.code == .anchorOrAlias })
        // 10^12 nodes if expanded; bounded work is a few milliseconds. A generous bound catches expansion.
        #expect(elapsed < .seconds(5))
    }

    @Test func aliasIsReportedWhereItIsUsed() {
        let yaml = "version: 1\nprofiles:\n  a:\n    credential: &c { type: azureCli }\n  b:\n    credential: *c\n"
        let diagnostics = validate(yaml).diagnostics.filter { $0.code == .anchorOrAlias }
        #expect(diagnostics.map(\.location.line) == [4, 6])
        #expect(diagnostics.last?.message.contains("alias '*c'") == true)
    }

    @Test func deepNestingIsBounded() {
        for depth in [100, 2_000, 50_000] {
            let yaml =
                "version: 1\nprofiles: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            let result = validate(yaml)
            #expect(result.diagnostics.contains { $0.code == .nestingTooDeep }, "depth \(depth)")
            #expect(result.graph == nil)
        }
    }

    @Test func nodeCountIsBounded() {
        let yaml = "version: 1\nprofiles: [" + Array(repeating: "a", count: 100).joined(separator: ",") + "]\n"
        let result = validate(yaml, limits: ParseLimits(maximumNodes: 50))
        #expect(result.diagnostics.map(\.code) == [.tooManyNodes])
    }

    @Test func fileSizeIsBoundedBeforeParsing() {
        let yaml = "version: 1\n" + String(repeating: "# padding\n", count: 100)
        let result = validate(yaml, limits: ParseLimits(maximumFileSize: 100))
        #expect(result.diagnostics.map(\.code) == [.fileTooLarge])
    }

    @Test func invalidUTF8IsLocated() {
        let bytes = Array("version: 1\nprofiles:\n  caf".utf8) + [0xC3, 0x28] + Array(": x\n".utf8)
        let result = ProfileValidator().validate(bytes: bytes, path: "bad.yaml")
        let diagnostic = try? #require(result.diagnostics.first)
        #expect(diagnostic?.code == .invalidUTF8)
        #expect(diagnostic?.location == SourceLocation(file: "bad.yaml", line: 3, column: 6))
    }

    @Test func binaryAndUTF16AreRejected() {
        let binary = ProfileValidator().validate(
            bytes: [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00], path: "a.out")
        #expect(binary.diagnostics.map(\.code) == [.binaryFile])
        let utf16 = ProfileValidator().validate(bytes: [0xFF, 0xFE] + Array("v".utf8) + [0], path: "u16.yaml")
        #expect(utf16.diagnostics.first?.hint?.contains("UTF-16") == true)
    }

    @Test func emptyAndCommentOnlyFilesAreReported() {
        #expect(codes("") == ["AP104"])
        #expect(codes("   \n# nothing here\n") == ["AP104"])
    }

    @Test func byteOrderMarkIsAccepted() {
        let bytes: [UInt8] =
            [0xEF, 0xBB, 0xBF] + Array("version: 1\nprofiles:\n  a:\n    credential: { type: azureCli }\n".utf8)
        #expect(ProfileValidator().validate(bytes: bytes, path: "bom.yaml").diagnostics.isEmpty)
    }

    @Test func severalDocumentsAreRejected() {
        let result = validate("version: 1\n---\nversion: 1\n")
        #expect(result.diagnostics.map(\.code) == [.multipleDocuments])
        #expect(result.diagnostics.first?.location.line == 3)
    }

    @Test func duplicateKeysAreReportedAtTheFirstOccurrence() {
        let result = validate("version: 1\nprofiles:\n  a: {}\n  a: {}\n")
        #expect(result.diagnostics.map(\.code) == [.duplicateKey])
        #expect(result.diagnostics.first?.message.contains("'a'") == true)
    }

    @Test func syntaxErrorsCarryTheirPosition() {
        let result = validate("version: 1\nprofiles:\n  a: {type: azureCli\n")
        #expect(result.diagnostics.map(\.code) == [.syntaxError])
        #expect((result.diagnostics.first?.location.line ?? 0) >= 3)
    }

    @Test func crlfLineEndingsKeepLinesRight() {
        let yaml = "version: 1\r\nprofiles:\r\n  a:\r\n    credential: { type: azureCLI }\r\n"
        let diagnostic = validate(yaml).diagnostics.first
        #expect(diagnostic?.code == .unknownCredentialType)
        #expect(diagnostic?.location.line == 4)
        #expect(validate(yaml).source.line(4) == "    credential: { type: azureCLI }")
    }
}
