#!/usr/bin/env bash
# This file is part of authprofile. Copyright 2026 the authprofile authors.
# SPDX-License-Identifier: Apache-2.0
# Builds the libFuzzer targets (Fuzz/) and runs them. See docs/fuzzing.md.
#
#   scripts/fuzz.sh [--target NAME] [SECONDS]   fuzz one target for SECONDS (default 600); NAME defaults to profile
#   scripts/fuzz.sh --all [SECONDS]             fuzz every target in turn, SECONDS each (default 600), and print
#                                               the results table of docs/fuzzing.md
#   scripts/fuzz.sh --smoke [SECONDS]           every target for SECONDS (default 20), then --replay; for CI
#   scripts/fuzz.sh --replay                    run every seed and regression once through its target (except
#                                               the regressions listed in Fuzz/known-open.txt)
#   scripts/fuzz.sh --replay --target NAME FILE...   run NAME once on each FILE (FUZZ_TRACE=1 prints outcomes)
#   scripts/fuzz.sh --list | --build-only
#
# Targets: `profile` (ProfileFuzzer: parse + validate of a profile file) and the response side (ResponseFuzzer:
# one executable, the target chosen by FUZZ_TARGET, so that one release + sanitizer build serves them all).
# Committed seeds: Fuzz/corpus/ (profile) and Fuzz/corpus-NAME/; regressions: Fuzz/regressions/ (profile) and
# Fuzz/regressions-NAME/. New corpus entries go to Fuzz/corpus-work[-NAME]/ and crash, timeout and OOM inputs to
# Fuzz/crashes/NAME/ (all git-ignored); the seed directories are only read. One worker per run (a single
# in-process loop); extra libFuzzer flags go in FUZZ_FLAGS (e.g. FUZZ_FLAGS="-len_control=0"; by default libFuzzer
# grows input lengths slowly).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scratch="${FUZZ_SCRATCH:-.build-fuzz}"
response_targets=(token-endpoint managed-identity retry-after jwt-claims developer-tools azure-pipelines device-code
    dbus-message)
all_targets=(profile "${response_targets[@]}")

usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 2; }

build() {
    # libFuzzer + ASan instrumentation for the Swift code and the C code (libyaml, BoringSSL, NIO's shims).
    # SwiftPM links executables with `--defsym main=<Target>_main`; each target defines that symbol and calls
    # libFuzzer's driver, so libFuzzer's own main is not needed. `-enable-testing` lets the response side call
    # the package's internal decoders (`@testable import`); one set of flags for both products, one build.
    local start=$SECONDS
    swift build -c release --package-path Fuzz --scratch-path "$scratch" \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -enable-testing \
        -Xcc -fsanitize=fuzzer-no-link,address
    echo "fuzz: built in $(( SECONDS - start ))s" >&2
}

binary_for() { [ "$1" = profile ] && echo "$scratch/release/ProfileFuzzer" || echo "$scratch/release/ResponseFuzzer"; }
seeds_for() { [ "$1" = profile ] && echo Fuzz/corpus || echo "Fuzz/corpus-$1"; }
regressions_for() { [ "$1" = profile ] && echo Fuzz/regressions || echo "Fuzz/regressions-$1"; }
dict_for() { [ "$1" = profile ] && echo Fuzz/yaml.dict || echo Fuzz/responses.dict; }
work_for() { [ "$1" = profile ] && echo Fuzz/corpus-work || echo "Fuzz/corpus-work-$1"; }
max_len_for() { [ "$1" = profile ] && echo 65536 || echo 16384; }
# The response targets run on Swift concurrency's threads, whose tasks are freed after the callback returns:
# libFuzzer's per-input leak check sees more mallocs than frees on every input and re-runs each one under LSan,
# which cut the rate from ~1,000 to ~30 inputs/s. Memory errors are still caught by ASan.
leak_flags_for() { [ "$1" = profile ] && echo "" || echo "-detect_leaks=0"; }

check_target() {
    local name
    for name in "${all_targets[@]}"; do [ "$name" = "$1" ] && return 0; done
    echo "fuzz: unknown target '$1' (targets: ${all_targets[*]})" >&2
    exit 2
}

# One-time lazy globals look like leaks to LSan (see Fuzz/lsan.supp); real per-input leaks are still reported.
export LSAN_OPTIONS="suppressions=$root/Fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
# Swift's own crash backtracer reads freed memory and buries the real report under an ASan error of its own;
# libFuzzer's handler prints the stack.
export SWIFT_BACKTRACE=enable=no

# replay TARGET FILE...: each file once; fails on a crash, a violation or a hang. The timeout is looser than when
# fuzzing: the profile regressions are thousands of profiles, and on main the largest took 15 s under ASan on a
# shared 2-core machine (issue 9 item 7); their own time bounds are in FuzzRegressionTests.
replay() {
    local target=$1
    shift
    [ $# -gt 0 ] || return 0
    FUZZ_TARGET="$target" "$(binary_for "$target")" -rss_limit_mb=4096 -timeout=60 $(leak_flags_for "$target") "$@"
}

# known_open FILE: whether FILE's first word (before '-') is listed in Fuzz/known-open.txt (a fix not merged yet).
known_open() {
    local word
    word="$(basename "$1")"
    word="${word%%-*}"
    grep -qE "^${word}[[:space:]]" Fuzz/known-open.txt 2>/dev/null
}

# replay_all: every committed seed and regression of every target, except the known-open regressions.
replay_all() {
    local target dir file log status=0 skipped
    for target in "${all_targets[@]}"; do
        files=()
        skipped=0
        for dir in "$(seeds_for "$target")" "$(regressions_for "$target")"; do
            [ -d "$dir" ] || continue
            while IFS= read -r -d '' file; do
                if [[ $dir == */regressions* ]] && known_open "$file"; then skipped=$((skipped + 1)); continue; fi
                files+=("$file")
            done < <(find "$dir" -maxdepth 1 -type f ! -name README.md -print0 | sort -z)
        done
        log="$(mktemp)"
        if replay "$target" "${files[@]}" >"$log" 2>&1; then
            echo "fuzz: $target: ${#files[@]} committed inputs replayed, no finding; $skipped known open" >&2
        else
            echo "fuzz: $target failed on a committed input:" >&2
            tail -40 "$log" >&2
            status=1
        fi
        rm -f "$log"
    done
    return "$status"
}

# fuzz TARGET SECONDS: one run; prints one results-table row to stdout; returns libFuzzer's status.
fuzz() {
    local target=$1 seconds=$2 log status=0
    local work crashes
    work="$(work_for "$target")"
    crashes="Fuzz/crashes/$target"
    mkdir -p "$work" "$crashes"
    log="$crashes/last-run.log"
    echo "fuzz: $target for ${seconds}s (log: $log)" >&2
    # libFuzzer writes new entries to the first corpus directory and only reads the others.
    FUZZ_TARGET="$target" "$(binary_for "$target")" "$work" "$(seeds_for "$target")" \
        -dict="$(dict_for "$target")" \
        -max_len="$(max_len_for "$target")" -timeout=10 -rss_limit_mb=4096 \
        -max_total_time="$seconds" \
        -artifact_prefix="$crashes/" \
        -print_final_stats=1 \
        $(leak_flags_for "$target") ${FUZZ_FLAGS:-} >"$log" 2>&1 || status=$?
    # The results row: target, seconds, executions, coverage (edges), corpus entries, findings.
    local runs cov corpus finding
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || true)
    corpus=$(grep -oE 'corp: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || true)
    finding="none"
    if [ "$status" -ne 0 ]; then
        finding="$(grep -m1 -oE 'Test unit written to .*' "$log" | sed 's/Test unit written to //' || true)"
        finding="exit $status: ${finding:-see $log}"
        grep -m3 -E 'VIOLATION|ERROR: AddressSanitizer|Fatal error|deadly signal|timeout after|out-of-memory' "$log" >&2 || true
    fi
    printf '| %s | %s s | %s | %s | %s | %s |\n' "$target" "$seconds" "${runs:-?}" "${cov:-?}" "${corpus:-?}" "$finding"
    return "$status"
}

table_header() {
    echo "| target | duration | executions | coverage (edges) | corpus | findings |"
    echo "|---|---|---|---|---|---|"
}

mode=fuzz target=profile seconds=
files=()
while [ $# -gt 0 ]; do
    case "$1" in
        --target) [ $# -ge 2 ] || usage; target=$2; shift 2 ;;
        --all) mode=all; shift ;;
        --smoke) mode=smoke; shift ;;
        --replay) mode=replay; shift ;;
        --build-only) mode=build; shift ;;
        --list) mode=list; shift ;;
        -h|--help) usage ;;
        *) if [ "$mode" = replay ]; then files+=("$1"); elif [[ $1 =~ ^[0-9]+$ ]]; then seconds=$1; else usage; fi
           shift ;;
    esac
done
check_target "$target"

case "$mode" in
    list) printf '%s\n' "${all_targets[@]}"; exit 0 ;;
    build) build; exit 0 ;;
esac

build
case "$mode" in
    replay)
        if [ ${#files[@]} -gt 0 ]; then replay "$target" "${files[@]}"; else replay_all; fi ;;
    fuzz)
        table_header
        fuzz "$target" "${seconds:-600}" ;;
    all|smoke)
        failed=0
        table_header
        for name in "${all_targets[@]}"; do
            fuzz "$name" "${seconds:-$([ "$mode" = smoke ] && echo 20 || echo 600)}" || failed=1
        done
        if [ "$mode" = smoke ]; then replay_all || failed=1; fi
        [ "$failed" -eq 0 ] || { echo "fuzz: a target crashed or broke a rule; inputs are in Fuzz/crashes/" >&2; exit 1; }
        ;;
esac
