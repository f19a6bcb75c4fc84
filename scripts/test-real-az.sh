#!/bin/sh
# This file is part of authprofile. Copyright 2026 the authprofile authors.
# SPDX-License-Identifier: Apache-2.0
# Runs the real-Azure-CLI test: installs azure-cli into .build-az/ if missing (scripts/install-azure-cli.sh), then
# runs RealAzureCliTests with AUTHPROFILE_TEST_REAL_AZ=1. `az` talks only to the in-process fake Entra ID on
# 127.0.0.1; an HTTPS proxy that refuses every other host proves it. For .ci/run:
#
#   if [ "${AUTHPROFILE_TEST_REAL_AZ:-0}" = 1 ]; then sh scripts/test-real-az.sh; fi
set -eu
cd "$(dirname "$0")/.."
az=$(sh scripts/install-azure-cli.sh)
AUTHPROFILE_TEST_REAL_AZ=1 AUTHPROFILE_AZ_PATH="$az" swift test --no-parallel --filter RealAzureCliTests
