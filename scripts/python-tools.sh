#!/usr/bin/env bash
# This file is part of authprofile. Copyright 2026 the authprofile authors.
# SPDX-License-Identifier: Apache-2.0
# Prints the path of a python3 that has the given PyPI packages' modules, installing them on first use into
# .build-python-tools/ (git-ignored; pip never installs into the system Python, see scripts/test.sh and PEP 668).
# Usage: python=$(bash scripts/python-tools.sh 'import pre_commit' pre-commit)
set -euo pipefail
cd "$(dirname "$0")/.."
check=$1
shift
venv=.build-python-tools
if ! "$venv/bin/python3" -c "$check" 2>/dev/null; then
    [ -x "$venv/bin/python3" ] || python3 -m venv "$venv" >&2
    "$venv/bin/python3" -m pip install --quiet --disable-pip-version-check "$@" >&2
    "$venv/bin/python3" -c "$check"
fi
echo "$PWD/$venv/bin/python3"
