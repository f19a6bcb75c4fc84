#!/usr/bin/env bash
# Runs the whole test suite, as the README and CI do.
# The JSON Schema agreement test needs python3 with jsonschema and PyYAML; install them if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! python3 -c 'import jsonschema, yaml' 2>/dev/null; then
    python3 -m pip install --quiet --disable-pip-version-check jsonschema pyyaml
fi
export AUTHPROFILE_REQUIRE_SCHEMA_CHECK=1
swift test "$@"
