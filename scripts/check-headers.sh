#!/usr/bin/env bash
# This file is part of authprofile. Copyright 2026 the authprofile authors.
# SPDX-License-Identifier: Apache-2.0
# Every first-party source file starts with the project's license header (issue 14), after a shebang if it has one:
#   // This file is part of authprofile. Copyright 2026 the authprofile authors.
#   // SPDX-License-Identifier: Apache-2.0
# (`#` instead of `//` in shell and Python scripts). Package manifests are exempt: their first line must be the
# swift-tools-version. `--fix` adds the header where it is missing. Run by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
line1='This file is part of authprofile. Copyright 2026 the authprofile authors.'
line2='SPDX-License-Identifier: Apache-2.0'
fix=false
[ "${1:-}" = --fix ] && fix=true
missing=0
while IFS= read -r -d '' file; do
    case "$file" in
    *.swift | *.c | *.h) prefix='//' ;;
    *) prefix='#' ;;
    esac
    first=$(head -n 1 "$file")
    if [[ "$first" == '#!'* ]]; then skip=1; else skip=0; fi
    if [ "$(sed -n "$((skip + 1))p" "$file")" = "$prefix $line1" ] &&
        [ "$(sed -n "$((skip + 2))p" "$file")" = "$prefix $line2" ]; then
        continue
    fi
    if $fix; then
        {
            if [ $skip = 1 ]; then printf '%s\n' "$first"; fi
            printf '%s %s\n%s %s\n' "$prefix" "$line1" "$prefix" "$line2"
            # A blank line between the header and a file's own leading comment keeps them apart for DocC.
            if [ "$prefix" = '//' ]; then printf '\n'; fi
            tail -n +$((skip + 1)) "$file"
        } >"$file.header"
        # A new file renamed over the old one: a running script (this one, too) keeps reading the old file.
        chmod --reference="$file" "$file.header" && mv "$file.header" "$file"
    else
        echo "check-headers: $file has no license header" >&2
        missing=$((missing + 1))
    fi
done < <(git ls-files -z -- 'Sources/*.swift' 'Sources/*.c' 'Sources/*.h' 'Tests/*.swift' 'Benchmarks/*.swift' \
    'Benchmarks/*.c' 'Fuzz/Sources/*.swift' 'scripts/*.sh' 'scripts/*.py' '.ci/run' ':!:*Package.swift')
if [ "$missing" -gt 0 ]; then
    echo "check-headers: $missing file(s) without the header; scripts/check-headers.sh --fix adds it" >&2
    exit 1
fi
echo "check-headers: every source file has the license header"
