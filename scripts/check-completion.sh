#!/usr/bin/env bash
# This file is part of authprofile. Copyright 2026 the authprofile authors.
# SPDX-License-Identifier: Apache-2.0
# Shell completion as a user gets it (issue 14): the generated bash script, sourced into a real bash, completes
# profile names from --file and from the search path (AUTHPROFILE_FILE); the zsh and fish scripts are generated and
# carry the same profile-name hook (this machine has no zsh or fish to run them; when it has, they are loaded too).
# Usage: scripts/check-completion.sh [path/to/authprofile]   (default: the debug build)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-"$(swift build --show-bin-path)/authprofile"}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/bin"
ln -s "$bin" "$work/bin/authprofile"
cat >"$work/team.yaml" <<'YAML'
version: 1
profiles:
  prod-east: { credential: { type: azureCli } }
  prod-west: { credential: { type: azureCli } }
  staging: { credential: { type: azureCli } }
YAML
fail() { echo "check-completion: $*" >&2; exit 1; }

# The README's install lines, as printed, into a scratch home.
home="$work/home"
mkdir -p "$home/.local/share/bash-completion/completions" "$home/.zfunc" "$home/.config/fish/completions"
(
    export HOME="$home" PATH="$work/bin:$PATH"
    authprofile --generate-completion-script bash > ~/.local/share/bash-completion/completions/authprofile
    authprofile --generate-completion-script zsh > ~/.zfunc/_authprofile
    authprofile --generate-completion-script fish > ~/.config/fish/completions/authprofile.fish
)

# complete WORD... : what bash offers for the last word, one per line.
complete_bash() {
    (cd "$work" && HOME="$home" PATH="$work/bin:$PATH" bash --norc --noprofile -c '
        source "$HOME/.local/share/bash-completion/completions/authprofile"
        complete -p authprofile >/dev/null || exit 3
        COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 ))
        COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
        _authprofile authprofile "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf "%s\n" "${COMPREPLY[@]}"' bash "$@")
}

got=$(complete_bash authprofile explain --file team.yaml prod- | sort)
[ "$got" = $'prod-east\nprod-west' ] || fail "bash, explain --file team.yaml prod-<TAB>: got '$got'"
got=$(AUTHPROFILE_FILE="$work/team.yaml" complete_bash authprofile token st)
[ "$got" = staging ] || fail "bash, token st<TAB> with AUTHPROFILE_FILE: got '$got'"
got=$(complete_bash authprofile explain de)
[ "$got" = default ] || fail "bash, explain de<TAB> (the built-in profile): got '$got'"
got=$(complete_bash authprofile expl)
[ "$got" = explain ] || fail "bash, expl<TAB>: got '$got'"

for script in "$home/.zfunc/_authprofile" "$home/.config/fish/completions/authprofile.fish"; do
    grep -q -- '---completion explain' "$script" || fail "$script does not complete explain's profile argument"
done
if command -v zsh >/dev/null; then zsh -n "$home/.zfunc/_authprofile" || fail "the zsh script does not parse"; fi
if command -v fish >/dev/null; then
    fish --no-execute "$home/.config/fish/completions/authprofile.fish" || fail "the fish script does not parse"
fi
echo "check-completion: bash completes profile names; zsh and fish scripts generated"
