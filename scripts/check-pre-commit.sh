#!/usr/bin/env bash
# This file is part of authprofile. Copyright 2026 the authprofile authors.
# SPDX-License-Identifier: Apache-2.0
# The pre-commit hook as a user's repository runs it (issue 14): the real pre-commit (from PyPI) runs this
# repository's `authprofile-validate` hook with `pre-commit try-repo` on a sample repository of profiles; a good
# profile passes, a bad one fails with its diagnostic. `authprofile` must be on PATH or given as $1.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
if [ $# -ge 1 ]; then PATH="$(cd "$(dirname "$1")" && pwd):$PATH"; fi
command -v authprofile >/dev/null || { echo "check-pre-commit: no authprofile on PATH" >&2; exit 1; }
python=$(bash scripts/python-tools.sh 'import pre_commit' pre-commit)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/pre-commit-cache"
sample() { # sample NAME PROFILE-FILE: a git repository whose authprofiles.yaml is that file
    git init -q "$work/$1"
    cp "$2" "$work/$1/authprofiles.yaml"
    git -C "$work/$1" add authprofiles.yaml
    git -C "$work/$1" -c user.name=ci -c user.email=ci@example.invalid commit -qm sample
}
sample good examples/quickstart.yaml
sample bad Tests/AuthProfileCLITests/Fixtures/invalid/AP200-unknown-key.yaml
(cd "$work/good" && "$python" -m pre_commit try-repo "$root" authprofile-validate --all-files) >"$work/good.log" 2>&1 \
    || { cat "$work/good.log"; echo "check-pre-commit: the hook failed on a good profile" >&2; exit 1; }
if (cd "$work/bad" && "$python" -m pre_commit try-repo "$root" authprofile-validate --all-files) >"$work/bad.log" 2>&1
then
    cat "$work/bad.log"; echo "check-pre-commit: the hook passed a bad profile" >&2; exit 1
fi
grep -q AP200 "$work/bad.log" || { cat "$work/bad.log"; echo "check-pre-commit: no AP200 in the output" >&2; exit 1; }
echo "check-pre-commit: pre-commit try-repo passes a good profile and fails a bad one (AP200)"
