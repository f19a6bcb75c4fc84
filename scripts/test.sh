#!/usr/bin/env bash
# Runs the whole test suite, as the README and CI do.
# The JSON Schema agreement test needs python3 with jsonschema and PyYAML; install them if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! python3 -c 'import jsonschema, yaml' 2>/dev/null; then
    python3 -m pip install --quiet --disable-pip-version-check jsonschema pyyaml
fi
export AUTHPROFILE_REQUIRE_SCHEMA_CHECK=1
# Serial: several tests bound wall-clock time (a refused connection fails fast, a cancelled caller returns at
# once, a process is killed on timeout). Run in parallel on a 2-core machine, with fake servers and child
# processes competing, those bounds were missed; serially the suite takes under a minute and is stable.
swift test --no-parallel "$@"
