#!/bin/sh
# This file is part of authprofile. Copyright 2026 the authprofile authors.
# SPDX-License-Identifier: Apache-2.0
# Installs the Azure CLI from PyPI into a virtual environment under .build-az/ (once), for the real-az test
# (AUTHPROFILE_TEST_REAL_AZ=1). Prints the path of the `az` executable on success.
#
#   scripts/install-azure-cli.sh            # uses python3 from PATH
#   PYTHON=/usr/bin/python3.12 scripts/install-azure-cli.sh
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/.build-az/venv"
az="$venv/bin/az"
python=${PYTHON:-python3}

if [ -x "$az" ]; then
    echo "$az"
    exit 0
fi

mkdir -p "$root/.build-az"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip >&2
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "azure-cli>=2.54" >&2
echo "$az"
