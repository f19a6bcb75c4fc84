// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation

extension FakeIdentityBroker {
    /// The fake broker: a dbus-python program (run with `/usr/bin/python3`, which has python3-dbus and
    /// python3-gi) that owns `com.microsoft.identity.broker1` on the bus given with `--address` and keeps its
    /// state in the directory given with `--state` (see its docstring). ``start(_:)`` writes it out; a user of
    /// this module can also write it out and run it by hand.
    ///
    /// It refuses what the real broker refuses by the rules of `BrokerRequestRules`, whose JSON text it carries
    /// (the same text ``InMemoryIdentityBroker`` reads), with an interpreter of the same rule language.
    public static let script = scriptTemplate.replacingOccurrences(
        of: "@BROKER_REQUEST_RULES@", with: BrokerRequestRules.json)

    private static let scriptTemplate = #"""
        #!/usr/bin/python3
        """A fake of the Linux identity broker (com.microsoft.identity.broker1) for tests: never a real broker.

        Owns com.microsoft.identity.broker1 on the bus given with --address and exports the eight methods of
        com.microsoft.identity.Broker1 at /com/microsoft/identity/broker1, each (sss) -> s. Like real brokers after
        2.0.1 it has no introspection: a call to another interface is org.freedesktop.DBus.Error.UnknownMethod.

        It is as strict as the real broker's documented protocol (RULES below, the text InMemoryIdentityBroker reads
        too): another method is org.freedesktop.DBus.Error.UnknownMethod; arguments that are not three strings, a
        protocol version other than "0.0", a correlation id that is not a UUID, or request JSON without the members
        the method takes are org.freedesktop.DBus.Error.InvalidArgs, whose message names the broken rule.

        State directory (--state):
          answers.json   read on every call (the test may rewrite it between calls, atomically):
                         {"<method>": {"reply": "<text>"} | {"error": {"name": "...", "message": "..."}},
                          ... optional "delay": seconds before answering, on either form}
                         A method without an entry answers "{}".
          requests.jsonl one line per call, appended before answering:
                         {"method", "protocolVersion", "correlationId", "request", "sender"}
          violations.jsonl one line per refused call: {"method", "errorName", "message"}
          starts.log     one line (the process id) each time this script starts and owns the name.
        Prints "ready" on standard output once it owns the name. Exits when the bus goes away, when its parent process
        changes (the test that started it died), or after --lifetime seconds (600 by default).
        """
        import argparse
        import json
        import math
        import os
        import re
        import sys

        import dbus
        import dbus.lowlevel
        import dbus.mainloop.glib
        import dbus.service
        from gi.repository import GLib

        NAME = "com.microsoft.identity.broker1"
        PATH = "/com/microsoft/identity/broker1"
        INTERFACE = "com.microsoft.identity.Broker1"
        RULES = json.loads(r'''
        @BROKER_REQUEST_RULES@
        ''')
        METHODS = sorted(RULES["methods"])


        def load_json(text):
            """The JSON value of text, refusing what Swift's JSONDecoder refuses: NaN, Infinity, out-of-range numbers."""
            def constant(name):
                raise ValueError("not JSON: " + name)

            def number(text):
                value = float(text)
                if not math.isfinite(value):
                    raise ValueError("out of range")
                return value

            def integer(text):
                value = int(text)
                float(value)  # OverflowError past a double's range
                return value

            return json.loads(text, parse_constant=constant, parse_float=number, parse_int=integer)


        def is_number(value):
            return isinstance(value, (int, float)) and not isinstance(value, bool)


        def same(expected, value):
            """Equal JSON values of the same kind: numbers by value (1 is 1.0), never True for 1."""
            if is_number(expected) and is_number(value):
                return float(expected) == float(value)
            return type(expected) is type(value) and expected == value


        def violation(rule, value, path):
            """Why value breaks rule (at path), or None: the rule language of BrokerRequestRules, word for word."""
            if "ref" in rule:
                merged = dict(RULES["definitions"][rule["ref"]])
                merged.update({key: item for key, item in rule.items() if key != "ref"})
                rule = merged
            broken = "%s is not %s" % (path, rule.get("is", "valid"))
            kind = rule.get("type")
            if kind == "string":
                if not isinstance(value, str):
                    return broken
                if "minLength" in rule and len(value) < rule["minLength"]:
                    return broken
                if "pattern" in rule and re.fullmatch(rule["pattern"], value) is None:
                    return broken
            elif kind == "integer":
                if not is_number(value) or not math.isfinite(value) or not float(value).is_integer():
                    return broken
            elif kind == "array":
                if not isinstance(value, list):
                    return broken
                if "minItems" in rule and len(value) < rule["minItems"]:
                    return broken
                if "items" in rule and any(violation(rule["items"], item, path) for item in value):
                    return broken
            elif kind == "object":
                if not isinstance(value, dict):
                    return broken
                for name in sorted(rule.get("required", {})):
                    if name not in value:
                        return "%s.%s is missing" % (path, name)
                    problem = violation(rule["required"][name], value[name], path + "." + name)
                    if problem:
                        return problem
                for name in sorted(rule.get("optional", {})):
                    if name in value:
                        problem = violation(rule["optional"][name], value[name], path + "." + name)
                        if problem:
                            return problem
            elif kind is not None:
                return "%s: unknown rule type %s" % (path, kind)
            if "equals" in rule and not same(rule["equals"], value):
                return broken
            return None


        def check(method, signature, version, correlation, request):
            """(error name, message) when the broker refuses the call, else None; in BrokerRequestRules' order."""
            invalid = RULES["invalidArgsError"]
            if method not in RULES["methods"]:
                return RULES["unknownMethodError"], "no method %s in %s" % (method, RULES["interface"])
            if signature != RULES["signature"]:
                return invalid, "the arguments' signature is '%s', not '%s'" % (signature, RULES["signature"])
            if version != RULES["protocolVersion"]:
                return invalid, "the protocol version is not \"%s\"" % RULES["protocolVersion"]
            problem = violation(RULES["correlationId"], correlation, "the correlation id")
            if problem:
                return invalid, problem
            try:
                value = load_json(request)
            except (ValueError, OverflowError, RecursionError):
                return invalid, "request is not JSON"
            problem = violation(RULES["methods"][method], value, "request")
            return (invalid, problem) if problem else None


        def main():
            parser = argparse.ArgumentParser()
            parser.add_argument("--address", required=True)
            parser.add_argument("--state", required=True)
            parser.add_argument("--lifetime", type=float, default=600)
            parser.add_argument("--watch-parent", action="store_true")
            args = parser.parse_args()
            state = args.state

            def record(entry, file="requests.jsonl"):
                with open(os.path.join(state, file), "a", encoding="utf-8") as log:
                    log.write(json.dumps(entry) + "\n")
                    log.flush()

            def refuse(method, refusal):
                record({"method": method, "errorName": refusal[0], "message": refusal[1]}, "violations.jsonl")
                return dbus.DBusException(refusal[1], name=refusal[0])

            def answers():
                try:
                    with open(os.path.join(state, "answers.json"), encoding="utf-8") as file:
                        return json.load(file)
                except FileNotFoundError:
                    return {}

            def make_method(method):
                @dbus.service.method(INTERFACE, in_signature="sss", out_signature="s",
                                     sender_keyword="sender", async_callbacks=("reply", "error"))
                def handler(self, version, correlation, request, sender=None, reply=None, error=None):
                    record({"method": method, "protocolVersion": str(version), "correlationId": str(correlation),
                            "request": str(request), "sender": str(sender)})
                    refusal = check(method, "sss", str(version), str(correlation), str(request))
                    if refusal:
                        error(refuse(method, refusal))
                        return
                    plan = answers().get(method, {"reply": "{}"})

                    def answer():
                        if "error" in plan:
                            failure = plan["error"]
                            error(dbus.DBusException(failure.get("message", ""), name=failure["name"]))
                        else:
                            reply(dbus.String(plan.get("reply", "{}")))
                        return False

                    delay = float(plan.get("delay", 0))
                    if delay > 0:
                        GLib.timeout_add(int(delay * 1000), answer)
                    else:
                        answer()

                handler.__name__ = method
                return handler

            def message_cb(self, connection, message):
                # Before dbus-python dispatches: another interface (introspection too), another method or other
                # arguments get the error a real broker's D-Bus library answers, not dbus-python's own.
                member = message.get_member()
                signature = message.get_signature() or ""
                if message.get_interface() not in (None, INTERFACE):
                    refusal = (RULES["unknownMethodError"], "no method %s in %s" % (member, message.get_interface()))
                elif member not in RULES["methods"] or signature != RULES["signature"]:
                    refusal = check(member, signature, None, None, None)
                    if signature == RULES["signature"]:
                        arguments = [str(argument) for argument in message.get_args_list()]
                        record({"method": member, "protocolVersion": arguments[0], "correlationId": arguments[1],
                                "request": arguments[2], "sender": str(message.get_sender())})
                else:
                    return dbus.service.Object._message_cb(self, connection, message)
                refuse(member, refusal)
                if not message.get_no_reply():
                    connection.send_message(dbus.lowlevel.ErrorMessage(message, refusal[0], refusal[1]))

            namespace = {method: make_method(method) for method in METHODS}
            namespace["_message_cb"] = message_cb
            Broker = type("Broker", (dbus.service.Object,), namespace)

            dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
            loop = GLib.MainLoop()
            bus = dbus.bus.BusConnection(args.address)
            bus.set_exit_on_disconnect(False)
            bus.add_signal_receiver(lambda *_: loop.quit(), signal_name="Disconnected",
                                    dbus_interface="org.freedesktop.DBus.Local", path="/org/freedesktop/DBus/Local")
            name = dbus.service.BusName(NAME, bus=bus, do_not_queue=True)
            broker = Broker(bus, PATH)
            with open(os.path.join(state, "starts.log"), "a", encoding="utf-8") as starts:
                starts.write("%d\n" % os.getpid())
            print("ready", flush=True)

            parent = os.getppid()

            def watch_parent():
                if os.getppid() != parent:
                    loop.quit()
                    return False
                return True

            # Only when started directly: an activated fake's parent is dbus-daemon's short-lived helper process.
            if args.watch_parent:
                GLib.timeout_add(200, watch_parent)
            GLib.timeout_add(int(args.lifetime * 1000), loop.quit)
            loop.run()
            del broker, name


        if __name__ == "__main__":
            sys.exit(main())
        """#
}
