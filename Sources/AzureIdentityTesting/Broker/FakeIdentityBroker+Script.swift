// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

extension FakeIdentityBroker {
    /// The fake broker: a dbus-python program (run with `/usr/bin/python3`, which has python3-dbus and
    /// python3-gi) that owns `com.microsoft.identity.broker1` on the bus given with `--address` and keeps its
    /// state in the directory given with `--state` (see its docstring). ``start(_:)`` writes it out; a user of
    /// this module can also write it out and run it by hand.
    public static let script = #"""
        #!/usr/bin/python3
        """A fake of the Linux identity broker (com.microsoft.identity.broker1) for tests: never a real broker.

        Owns com.microsoft.identity.broker1 on the bus given with --address and exports the eight methods of
        com.microsoft.identity.Broker1 at /com/microsoft/identity/broker1, each (sss) -> s. No introspection is needed
        by clients (real brokers after 2.0.1 have none).

        State directory (--state):
          answers.json   read on every call (the test may rewrite it between calls, atomically):
                         {"<method>": {"reply": "<text>"} | {"error": {"name": "...", "message": "..."}},
                          ... optional "delay": seconds before answering, on either form}
                         A method without an entry answers "{}".
          requests.jsonl one line per call, appended before answering:
                         {"method", "protocolVersion", "correlationId", "request", "sender"}
          starts.log     one line (the process id) each time this script starts and owns the name.
        Prints "ready" on standard output once it owns the name. Exits when the bus goes away, when its parent process
        changes (the test that started it died), or after --lifetime seconds (600 by default).
        """
        import argparse
        import json
        import os
        import sys

        import dbus
        import dbus.mainloop.glib
        import dbus.service
        from gi.repository import GLib

        NAME = "com.microsoft.identity.broker1"
        PATH = "/com/microsoft/identity/broker1"
        INTERFACE = "com.microsoft.identity.Broker1"
        METHODS = [
            "acquireTokenInteractively", "acquireTokenSilently", "getAccounts", "removeAccount",
            "acquirePrtSsoCookie", "generateSignedHttpRequest", "cancelInteractiveFlow", "getLinuxBrokerVersion",
        ]


        def main():
            parser = argparse.ArgumentParser()
            parser.add_argument("--address", required=True)
            parser.add_argument("--state", required=True)
            parser.add_argument("--lifetime", type=float, default=600)
            parser.add_argument("--watch-parent", action="store_true")
            args = parser.parse_args()
            state = args.state

            def record(entry):
                with open(os.path.join(state, "requests.jsonl"), "a", encoding="utf-8") as log:
                    log.write(json.dumps(entry) + "\n")
                    log.flush()

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

            namespace = {method: make_method(method) for method in METHODS}
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
