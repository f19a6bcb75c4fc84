#!/usr/bin/env bash
# This file is part of authprofile. Copyright 2026 the authprofile authors.
# SPDX-License-Identifier: Apache-2.0
# The release archive as a user gets it (issue 14), for .ci/run: build it (scripts/build-release.sh), check its
# checksum, install it with the README's line into a scratch home, check that it links no Swift library, then run
# it with the Swift toolchain hidden (ReleaseBinaryTests: --version, validate, explain, token against the fake
# Entra ID); then, with that binary, shell completion (scripts/check-completion.sh), the GitHub Action
# (scripts/check-action.sh) and the pre-commit hook (scripts/check-pre-commit.sh). Prints the binary's size and
# start-up time (docs/benchmarks.md has the measured numbers).
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "check-release: $*" >&2; exit 1; }
archive=$(bash scripts/build-release.sh | tail -n 1)
(cd "$(dirname "$archive")" && sha256sum --check --quiet "$(basename "$archive").sha256") || fail "checksum"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/home"
# The README's install line, as printed, with HOME pointing at a scratch directory.
HOME="$work/home" bash scripts/install.sh
installed="$work/home/.local/bin/authprofile"
[ -x "$installed" ] || fail "install.sh did not install $installed"
full="$work/home/.local/libexec/authprofile/authprofile"
[ -x "$full" ] || fail "install.sh did not install $full"
if ldd "$full" | grep -E 'libswift|libFoundation|libdispatch|libBlocksRuntime|libicu'; then
    fail "the binary links the libraries above dynamically; they must be static"
fi
# The shortcut (bin/authprofile) is linked fully statically: no dynamic loader at all.
file -L "$installed" | grep -q 'statically linked' || fail "$installed is not statically linked"
swift_path=$(readlink -f "$(command -v swift)")
toolchain=$(dirname "$(dirname "$(dirname "$swift_path")")")   # <root>/usr/bin/swift → <root>
[ -e "$toolchain/usr/lib/swift/linux/libswiftCore.so" ] || fail "no toolchain found at $toolchain"
AUTHPROFILE_RELEASE_BINARY="$installed" AUTHPROFILE_HIDDEN_TOOLCHAIN="$toolchain" \
    swift test --filter ReleaseBinaryTests
bash scripts/check-completion.sh "$installed"
bash scripts/check-action.sh "$archive"
bash scripts/check-pre-commit.sh "$installed"
# Size and start-up (`--version`, median of 21 runs; the shortcut starts the full program) of what a user installs.
times=$(for _ in $(seq 21); do
    start=$(date +%s%N); "$installed" --version >/dev/null; echo $(( ($(date +%s%N) - start) / 1000 ))
done | sort -n | sed -n 11p)
echo "check-release: $(basename "$archive"): $(stat -c %s "$archive") bytes packed," \
    "binaries $(stat -c %s "$installed") + $(stat -c %s "$full") bytes, --version in ${times} µs (median of 21)"
