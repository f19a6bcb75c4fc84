#!/usr/bin/env bash
# This file is part of authprofile. Copyright 2026 the authprofile authors.
# SPDX-License-Identifier: Apache-2.0
# The GitHub Action (action.yml) as the runner uses it (issue 14): the file is valid by SchemaStore's schema for
# actions (check-jsonschema's bundled `vendor.github-actions`), and its steps run in bash here (scripts/run-action.py):
# installing a release archive through its download path (a file:// release URL, so nothing leaves the machine),
# then validating a good sample (exit 0, SARIF written) and a bad one (exit 1, an ::error annotation).
# Usage: scripts/check-action.sh dist/authprofile-<version>-linux-<arch>.tar.gz
set -euo pipefail
cd "$(dirname "$0")/.."
archive=${1:?the release archive made by scripts/build-release.sh}
python=$(bash scripts/python-tools.sh 'import check_jsonschema, yaml' check-jsonschema pyyaml)
"$python" -m check_jsonschema --builtin-schema vendor.github-actions action.yml
version=$(basename "$archive" | sed -E 's/^authprofile-([^-]+(-[^-]+)?)-linux-[^-]+\.tar\.gz$/\1/')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/releases/v$version" "$work/repo"
cp "$archive" "$archive.sha256" "$work/releases/v$version/"
cp examples/quickstart.yaml "$work/repo/good.yaml"
cp Tests/AuthProfileCLITests/Fixtures/invalid/AP200-unknown-key.yaml "$work/repo/bad.yaml"
run() { "$python" scripts/run-action.py . "$work/repo" version="$version" release-url="file://$work/releases" "$@"; }
run paths=good.yaml sarif-file=good.sarif >"$work/good.log" 2>&1 || {
    cat "$work/good.log"; echo "check-action: the action failed on a good profile" >&2; exit 1; }
grep -q '^binary=.*/authprofile/bin/authprofile$' "$work/good.log" || { cat "$work/good.log"; exit 1; }
"$python" -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["version"] == "2.1.0"' "$work/repo/good.sarif"
if run paths=bad.yaml >"$work/bad.log" 2>&1; then
    cat "$work/bad.log"; echo "check-action: the action passed a bad profile" >&2; exit 1
fi
grep -q '^::error file=bad.yaml,line=' "$work/bad.log" || {
    cat "$work/bad.log"; echo "check-action: no ::error annotation for bad.yaml" >&2; exit 1; }
echo "check-action: action.yml is valid; its steps install $version and validate (good passes, bad annotated)"
