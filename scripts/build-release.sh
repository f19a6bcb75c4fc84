#!/usr/bin/env bash
# This file is part of authprofile. Copyright 2026 the authprofile authors.
# SPDX-License-Identifier: Apache-2.0
# Builds the self-contained release binaries of authprofile and packs them:
#   dist/authprofile-<version>-linux-<arch>.tar.gz and dist/authprofile-<version>-linux-<arch>.tar.gz.sha256
# holding bin/authprofile, libexec/authprofile/authprofile, LICENSE, README.md and CHANGELOG.md.
#
# bin/authprofile is the small `authprofile-shortcut`: it answers `authprofile token …` from a token shortcut record
# (the persistent-cache answer of an identical earlier run, every read it depended on checked again) and starts
# libexec/authprofile/authprofile, the full program, for everything else. It is linked fully statically
# (-static-executable: no dynamic loader, no symbol binding), so it starts in about a millisecond; such a binary is
# not position-independent, which is acceptable here because it reads only this user's own 0700 cache directory
# and the files a record names, parses no profile and talks to no server (docs/benchmarks.md, issue 12).
# The Swift runtime and Foundation are linked in statically (--static-swift-stdlib), so the binary needs only what
# every glibc Linux has (libc, libm, libstdc++, libgcc_s, zlib): it runs without a Swift toolchain, which .ci/run
# checks in a mount namespace that hides it. The version is AuthProfileVersion.current; the commit is recorded for `--version` through a generated C
# header, since Swift cannot take a string from the build command line.
#
# Usage: scripts/build-release.sh            (scratch folder .build-release, or $AUTHPROFILE_RELEASE_SCRATCH)
# Prints the archive's path on its last line.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${AUTHPROFILE_RELEASE_SCRATCH:-.build-release}
commit=$(git rev-parse --short=12 HEAD 2>/dev/null || true)
if [ -n "$commit" ] && ! git diff --quiet HEAD -- 2>/dev/null; then
    commit="$commit-dirty"
fi
# The commit enters through a header in the scratch folder, on an include path only this build passes
# (Sources/CBuildInfo/build_info.c says why); a debug build never sees it.
mkdir -p "$scratch/build-info"
header="$scratch/build-info/generated_commit.h"
printf '#define AUTHPROFILE_COMMIT "%s"\n' "$commit" >"$header.new"
# Rewritten only when the commit changed, so an unchanged commit rebuilds nothing.
if cmp -s "$header.new" "$header"; then rm "$header.new"; else mv "$header.new" "$header"; fi
# --no-export-dynamic: nothing loads this executable's symbols, and exporting them all (swiftc's default) made a
# 4.5 MB dynamic symbol table that the runtime's start-up dladdr() walks and the loader maps (docs/benchmarks.md).
flags=(-c release --product authprofile --scratch-path "$scratch" --static-swift-stdlib
    -Xcc -I -Xcc "$(cd "$scratch/build-info" && pwd)" -Xlinker --no-export-dynamic)
swift build "${flags[@]}" >&2
bin="$(swift build "${flags[@]}" --show-bin-path)/authprofile"
shortcut_flags=(-c release --product authprofile-shortcut --scratch-path "$scratch-shortcut" -Xswiftc -static-executable)
swift build "${shortcut_flags[@]}" >&2
shortcut="$(swift build "${shortcut_flags[@]}" --show-bin-path)/authprofile-shortcut"
version=$("$bin" --version | cut -d' ' -f1)
case "$version" in
[0-9]*.[0-9]*.[0-9]*) ;;
*) echo "build-release.sh: unexpected version '$version' from $bin --version" >&2; exit 1 ;;
esac
name="authprofile-$version-linux-$(uname -m)"
rm -rf "dist/$name" "dist/$name.tar.gz" "dist/$name.tar.gz.sha256"
mkdir -p "dist/$name/bin" "dist/$name/libexec/authprofile"
# Debug information is most of an unstripped binary's size; symbols for crash reports stay in the build folder.
strip -o "dist/$name/libexec/authprofile/authprofile" "$bin"
strip -o "dist/$name/bin/authprofile" "$shortcut"
cp LICENSE README.md CHANGELOG.md "dist/$name/"
tar -C dist --owner=0 --group=0 --numeric-owner -czf "dist/$name.tar.gz" "$name"
(cd dist && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
rm -rf "dist/$name"
echo "dist/$name.tar.gz"
