// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import Foundation

/// What the Linux identity broker accepts, written once as data (``json``) and enforced by both fakes of the
/// broker: ``InMemoryIdentityBroker`` reads it with ``check(method:signature:protocolVersion:correlationID:request:)``
/// and the dbus-python ``FakeIdentityBroker`` carries the same text in its ``FakeIdentityBroker/script`` and reads it
/// with a Python interpreter of the same small rule language, so the two fakes cannot drift apart. A shared test
/// table (`BrokerStrictnessTests`) drives both and checks they refuse the same calls with the same words.
///
/// The rules, from public clients and servers of the interface (see `docs/broker.md`):
/// - the interface `com.microsoft.identity.Broker1` has eight methods, each taking three strings (`sss`); another
///   method is `org.freedesktop.DBus.Error.UnknownMethod` and other arguments
///   `org.freedesktop.DBus.Error.InvalidArgs`, as every D-Bus server library answers (GDBus, sdbus, zbus,
///   dbus-crossroads, dbus-python);
/// - the protocol version is `"0.0"` and the correlation id a UUID (8-4-4-4-12 hexadecimal digits);
/// - the request is a JSON object with the members each method takes (`rules.methods`); members not named are
///   allowed, as MSAL sends many. Any of these broken is `org.freedesktop.DBus.Error.InvalidArgs` with a message
///   that names the broken rule, never a value from the request.
///
/// The rule language (each rule an object): `type` (`string`, `integer` — a JSON number with no fractional part,
/// never a boolean —, `object`, `array`), `minLength` (strings, in Unicode scalars), `pattern` (a whole-string
/// match, ASCII classes only), `equals` (a JSON value), `items` and `minItems` (arrays), `required` and `optional`
/// (object members, each a rule), `ref` (a rule from `definitions`), `is` (how a message describes the rule). A
/// broken rule reads "`<path>` is missing" or "`<path>` is not `<is>`", where the path starts at `request`.
package enum BrokerRequestRules {
    /// The rules.
    package static let json = #"""
        {
          "interface": "com.microsoft.identity.Broker1",
          "signature": "sss",
          "protocolVersion": "0.0",
          "correlationId": {"type": "string", "is": "a UUID",
            "pattern": "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"},
          "unknownMethodError": "org.freedesktop.DBus.Error.UnknownMethod",
          "invalidArgsError": "org.freedesktop.DBus.Error.InvalidArgs",
          "definitions": {
            "nonEmptyString": {"type": "string", "minLength": 1, "is": "a non-empty string"},
            "string": {"type": "string", "is": "a string"},
            "object": {"type": "object", "is": "a JSON object"},
            "integer": {"type": "integer", "is": "an integer"},
            "redirectUri": {"equals": "https://login.microsoftonline.com/common/oauth2/nativeclient",
              "is": "the nativeclient redirect URI"},
            "httpsURL": {"type": "string", "is": "an https URL",
              "pattern": "https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[!-~]*)?"},
            "scopes": {"type": "array", "minItems": 1, "items": {"ref": "nonEmptyString"},
              "is": "a non-empty array of non-empty strings"},
            "account": {"type": "object", "is": "an account object",
              "required": {"homeAccountId": {"ref": "nonEmptyString"}},
              "optional": {"username": {"ref": "string"}, "realm": {"ref": "string"},
                "localAccountId": {"ref": "string"}, "environment": {"ref": "string"}}}
          },
          "methods": {
            "getAccounts": {"type": "object", "is": "a JSON object",
              "required": {"clientId": {"ref": "nonEmptyString"}, "redirectUri": {"ref": "redirectUri"}}},
            "acquireTokenSilently": {"type": "object", "is": "a JSON object",
              "required": {"authParameters": {"type": "object", "is": "a JSON object",
                "required": {"account": {"ref": "account"}, "authority": {"ref": "httpsURL"},
                  "authorizationType": {"type": "integer", "equals": 1, "is": "1 (silent)"},
                  "clientId": {"ref": "nonEmptyString"}, "redirectUri": {"ref": "redirectUri"},
                  "requestedScopes": {"ref": "scopes"}},
                "optional": {"username": {"ref": "string"}, "uxContextHandle": {"ref": "integer"},
                  "decodedClaims": {"ref": "string"}, "additionalQueryParametersForAuthorization": {"ref": "object"}}}}},
            "acquireTokenInteractively": {"type": "object", "is": "a JSON object",
              "required": {"authParameters": {"type": "object", "is": "a JSON object",
                "required": {"authority": {"ref": "httpsURL"},
                  "authorizationType": {"type": "integer", "equals": 6, "is": "6 (interactive)"},
                  "clientId": {"ref": "nonEmptyString"}, "redirectUri": {"ref": "redirectUri"},
                  "requestedScopes": {"ref": "scopes"}},
                "optional": {"account": {"ref": "account"}, "username": {"ref": "string"},
                  "uxContextHandle": {"ref": "integer"}, "prompt": {"ref": "string"}, "decodedClaims": {"ref": "string"},
                  "additionalQueryParametersForAuthorization": {"ref": "object"}}}}},
            "removeAccount": {"type": "object", "is": "a JSON object",
              "required": {"clientId": {"ref": "nonEmptyString"}, "account": {"ref": "account"}}},
            "cancelInteractiveFlow": {"ref": "object"},
            "getLinuxBrokerVersion": {"ref": "object"},
            "generateSignedHttpRequest": {"type": "object", "is": "a JSON object",
              "required": {"clientId": {"ref": "nonEmptyString"}, "popParams": {"ref": "object"}}},
            "acquirePrtSsoCookie": {"type": "object", "is": "a JSON object",
              "required": {"account": {"ref": "account"}, "ssoUrl": {"ref": "httpsURL"},
                "authParameters": {"ref": "object"}}}
          }
        }
        """#

    /// A call the broker refuses: the D-Bus error it answers with and why.
    package struct Violation: Sendable, Hashable, CustomStringConvertible {
        /// The D-Bus error name: `org.freedesktop.DBus.Error.UnknownMethod` or `…InvalidArgs`.
        package var errorName: String
        /// The broken rule, in words (never a value from the request).
        package var message: String
        package var description: String { "\(errorName): \(message)" }
    }

    private static let rules: [String: OutsideJSON] = OutsideJSON.object(Array(json.utf8)) ?? [:]
    private static let definitions = rules["definitions"]?.members ?? [:]
    /// The methods the rules know, sorted.
    package static var methods: [String] { (rules["methods"]?.members ?? [:]).keys.sorted() }
    /// The D-Bus error for a call to a method the broker does not have.
    package static var unknownMethodError: String { rules["unknownMethodError"]?.string ?? "" }
    /// The D-Bus error for a call that breaks a rule.
    package static var invalidArgsError: String { rules["invalidArgsError"]?.string ?? "" }

    /// Why the broker refuses the call, or `nil` when it accepts it. `signature` is the D-Bus signature of the
    /// call's arguments (always `sss` through ``IdentityBrokerConnection``).
    package static func check(
        method: String, signature: String = "sss", protocolVersion: String, correlationID: String, request: String
    ) -> Violation? {
        let invalid = { (message: String) in Violation(errorName: invalidArgsError, message: message) }
        guard let methodRule = rules["methods"]?.members?[method] else {
            let interface = rules["interface"]?.string ?? ""
            return Violation(errorName: unknownMethodError, message: "no method \(method) in \(interface)")
        }
        let expectedSignature = rules["signature"]?.string ?? ""
        guard signature == expectedSignature else {
            return invalid("the arguments' signature is '\(signature)', not '\(expectedSignature)'")
        }
        let version = rules["protocolVersion"]?.string ?? ""
        guard protocolVersion == version else { return invalid("the protocol version is not \"\(version)\"") }
        if let correlationRule = rules["correlationId"],
            let broken = violation(of: correlationRule, by: .string(correlationID), at: "the correlation id")
        {
            return invalid(broken)
        }
        guard let value = OutsideJSON.decode(Array(request.utf8)) else { return invalid("request is not JSON") }
        return violation(of: methodRule, by: value, at: "request").map(invalid)
    }

    /// Why `value` breaks `rule` (at `path`), or `nil`.
    private static func violation(of rule: OutsideJSON, by value: OutsideJSON, at path: String) -> String? {
        guard var rule = rule.members else { return "\(path): the rule is not an object" }
        if let name = rule["ref"]?.string {
            guard let definition = definitions[name]?.members else { return "\(path): no rule \(name)" }
            rule = definition.merging(rule.filter { $0.key != "ref" }) { _, own in own }
        }
        let broken = "\(path) is not \(rule["is"]?.string ?? "valid")"
        switch rule["type"]?.string {
        case "string":
            guard case .string(let text) = value else { return broken }
            if let minimum = rule["minLength"]?.number, Double(text.unicodeScalars.count) < minimum { return broken }
            if let pattern = rule["pattern"]?.string, !wholeMatch(text, pattern) { return broken }
        case "integer":
            guard case .number(let number) = value, number.isFinite, number.rounded(.towardZero) == number else {
                return broken
            }
        case "array":
            guard case .array(let items) = value else { return broken }
            if let minimum = rule["minItems"]?.number, Double(items.count) < minimum { return broken }
            if let itemRule = rule["items"],
                items.contains(where: { violation(of: itemRule, by: $0, at: path) != nil })
            {
                return broken
            }
        case "object":
            guard case .object(let members) = value else { return broken }
            for (name, memberRule) in (rule["required"]?.members ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let member = members[name] else { return "\(path).\(name) is missing" }
                if let problem = violation(of: memberRule, by: member, at: "\(path).\(name)") { return problem }
            }
            for (name, memberRule) in (rule["optional"]?.members ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let member = members[name] else { continue }
                if let problem = violation(of: memberRule, by: member, at: "\(path).\(name)") { return problem }
            }
        case nil:
            break
        case let other?:
            return "\(path): unknown rule type \(other)"
        }
        // Equal JSON values of the same kind: numbers by value (`1` is `1.0`), never `true` for `1`.
        if let expected = rule["equals"], expected != value { return broken }
        return nil
    }

    private static func wholeMatch(_ text: String, _ pattern: String) -> Bool {
        guard let regex = try? Regex(pattern) else { return false }
        return (try? regex.matchingSemantics(.unicodeScalar).wholeMatch(in: text)) != nil
    }
}

extension OutsideJSON {
    /// The members, when this is an object.
    fileprivate var members: [String: OutsideJSON]? {
        if case .object(let members) = self { return members }
        return nil
    }
}
