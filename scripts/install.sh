#!/usr/bin/env bash
# This file is part of authprofile. Copyright 2026 the authprofile authors.
# SPDX-License-Identifier: Apache-2.0
# Installs authprofile from a release archive made by scripts/build-release.sh (or downloaded with its .sha256).
#
#   bash scripts/install.sh                       # the newest dist/authprofile-*.tar.gz into ~/.local/bin
#                                                 # (and the full program into ~/.local/libexec/authprofile)
#   bash scripts/install.sh --prefix /usr/local   # into /usr/local/bin
#   bash scripts/install.sh path/to/authprofile-0.1.0-linux-x86_64.tar.gz
#
# The archive's checksum is verified when its .sha256 file sits next to it (a release archive always has one).
set -euo pipefail
prefix="$HOME/.local"
archive=""
while [ $# -gt 0 ]; do
    case "$1" in
    --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a directory" >&2; exit 2; }; prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    -h | --help) sed -n '4,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "install.sh: unknown option $1" >&2; exit 2 ;;
    *) [ -z "$archive" ] || { echo "install.sh: one archive at a time" >&2; exit 2; }; archive=$1; shift ;;
    esac
done
if [ -z "$archive" ]; then
    root="$(cd "$(dirname "$0")/.." && pwd)"
    archive=$(ls -t "$root"/dist/authprofile-*-linux-"$(uname -m)".tar.gz 2>/dev/null | head -n 1 || true)
    [ -n "$archive" ] || {
        echo "install.sh: no archive in dist/; build one with: bash scripts/build-release.sh" >&2
        exit 1
    }
fi
[ -f "$archive" ] || { echo "install.sh: $archive is not a file" >&2; exit 1; }
if [ -f "$archive.sha256" ]; then
    (cd "$(dirname "$archive")" && sha256sum --check --quiet "$(basename "$archive").sha256") || {
        echo "install.sh: $archive does not match its .sha256; not installed" >&2
        exit 1
    }
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xzf "$archive" -C "$work"
top=$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -n 1)
for part in bin/authprofile libexec/authprofile/authprofile; do
    [ -f "$top/$part" ] || { echo "install.sh: $archive holds no $part" >&2; exit 1; }
done
mkdir -p "$prefix/bin" "$prefix/libexec/authprofile"
# Each copied next to its target, then renamed over it: a running authprofile (kubectl calls it often) is never
# replaced by a half-written file. The full program first: bin/authprofile starts it for all but shortcut hits.
install -m 0755 "$top/libexec/authprofile/authprofile" "$prefix/libexec/authprofile/.authprofile.new"
mv -f "$prefix/libexec/authprofile/.authprofile.new" "$prefix/libexec/authprofile/authprofile"
install -m 0755 "$top/bin/authprofile" "$prefix/bin/.authprofile.new"
mv -f "$prefix/bin/.authprofile.new" "$prefix/bin/authprofile"
echo "installed $("$prefix/bin/authprofile" --version) as $prefix/bin/authprofile"
case ":$PATH:" in
*":$prefix/bin:"*) ;;
*) echo "note: $prefix/bin is not on PATH; add it, for example: export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
