#!/usr/bin/env bash
# Runs the whole test suite, as the README and CI do.
# The JSON Schema agreement test needs python3 with jsonschema and PyYAML; install them if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! python3 -c 'import jsonschema, yaml' 2>/dev/null; then
    python3 -m pip install --quiet --disable-pip-version-check jsonschema pyyaml
fi
export AUTHPROFILE_REQUIRE_SCHEMA_CHECK=1
# Parallel (issue 10 item 3): time logic runs on an injected clock (ProfileRuntimeOptions/CredentialOptions
# timeSource; SuspendingTimeSource and SteppingTimeSource in tests), and the few tests that must use real time (a
# real socket, a child process killed on timeout, a FIFO) bound it only against a hang (HangGuard.limit, 60 s).
# Measured on the 2-core machine, December 2026, whole suite (597 tests) including the build check:
# serial (--no-parallel) 77.6 s of tests, 85.5 s wall; parallel 31-33 s of tests, about 40 s wall.
# Pass --no-parallel to run serially.
swift test "$@"
