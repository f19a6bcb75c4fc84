#!/usr/bin/env bash
# This file is part of authprofile. Copyright 2026 the authprofile authors.
# SPDX-License-Identifier: Apache-2.0
# Step 2 of action.yml: validates AUTHPROFILE_PATHS (space-separated) with GitHub annotations
# (`--format github`), and when AUTHPROFILE_SARIF_FILE is set writes SARIF there as well. Fails as validate does.
set -uo pipefail
read -r -a paths <<<"${AUTHPROFILE_PATHS:-}"
if [ ${#paths[@]} -eq 0 ]; then
    echo "::error title=authprofile::the 'paths' input is empty; name the profile files or directories to validate"
    exit 2
fi
strict=()
case "${AUTHPROFILE_STRICT:-false}" in
true) strict=(--strict) ;;
false | '') ;;
*) echo "::error title=authprofile::strict must be 'true' or 'false', not '${AUTHPROFILE_STRICT}'"; exit 2 ;;
esac
authprofile validate --format github "${strict[@]}" -- "${paths[@]}"
status=$?
if [ -n "${AUTHPROFILE_SARIF_FILE:-}" ]; then
    authprofile validate --format sarif "${strict[@]}" -- "${paths[@]}" >"$AUTHPROFILE_SARIF_FILE"
    sarif_status=$?
    # validate exits 1 for findings and still writes the report; 2 means it could not.
    if [ "$sarif_status" -ge 2 ]; then status=$sarif_status; fi
fi
exit "$status"
