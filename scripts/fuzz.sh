#!/usr/bin/env bash
# Builds the libFuzzer target over parse + validate (Fuzz/) and runs it.
#
#   scripts/fuzz.sh [SECONDS]            fuzz for SECONDS (default 600) with one worker
#   scripts/fuzz.sh --build-only         only build
#   scripts/fuzz.sh --replay FILE...     run the target once on each FILE (e.g. Fuzz/regressions/*)
#
# One worker: a single in-process fuzzing loop (FUZZ_FLAGS="-fork=2" for more). New corpus entries go to
# Fuzz/corpus-work/ and crash/timeout/OOM inputs to Fuzz/crashes/ (both git-ignored); Fuzz/corpus/ holds the
# committed seeds and is only read. Extra libFuzzer flags go in FUZZ_FLAGS, e.g. FUZZ_FLAGS="-len_control=0"
# to try inputs up to -max_len at once (by default libFuzzer grows lengths slowly and stayed at the largest
# seed's 5,475 bytes for a whole 10-minute run).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scratch="${FUZZ_SCRATCH:-.build-fuzz}"

# libFuzzer + ASan instrumentation for the Swift code (AuthProfiles, Yams) and the C code (Yams's libyaml).
# SwiftPM links executables with `--defsym main=ProfileFuzzer_main`; the target defines that symbol and calls
# libFuzzer's driver, so libFuzzer's own main is not needed.
swift build -c release --package-path Fuzz --scratch-path "$scratch" --product ProfileFuzzer \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library \
    -Xcc -fsanitize=fuzzer-no-link,address
binary="$scratch/release/ProfileFuzzer"
# One-time lazy globals look like leaks to LSan (see Fuzz/lsan.supp); real per-input leaks are still reported.
export LSAN_OPTIONS="suppressions=$root/Fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

case "${1:-}" in
    --build-only) echo "built $binary"; exit 0 ;;
    --replay) shift; exec "$binary" -rss_limit_mb=4096 -timeout=10 "$@" ;;
esac

seconds="${1:-600}"
mkdir -p Fuzz/corpus-work Fuzz/crashes
# libFuzzer writes new entries to the first corpus directory and only reads the others.
exec "$binary" Fuzz/corpus-work Fuzz/corpus \
    -dict=Fuzz/yaml.dict \
    -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
    -max_total_time="$seconds" \
    -artifact_prefix=Fuzz/crashes/ \
    -print_final_stats=1 \
    ${FUZZ_FLAGS:-}
