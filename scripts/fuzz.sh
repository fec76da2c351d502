#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz) with clang, ASan and UBSan in
# build-fuzz/ (or $QMS_FUZZ_BUILD_DIR) and runs each for N seconds on a copy
# of its seed corpus (tests/fuzz/corpus/TARGET), in a scratch folder: the
# committed corpus is never written. Prints the executions of each target.
#
#   scripts/fuzz.sh [--seconds N] [TARGET...]   (default 300 s, every target)
#
# Exits non-zero when a target crashed, hung (-timeout) or ran out of memory;
# the input that did it is kept as $QMS_FUZZ_OUT/TARGET/crash-* (default
# build-fuzz/findings) and the target's log beside it.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_EACH=300
TARGETS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) SECONDS_EACH="$2"; shift 2 ;;
    -h|--help) sed -n 2,12p "$0"; exit 0 ;;
    *) TARGETS+=("$1"); shift ;;
  esac
done
if [ ${#TARGETS[@]} -eq 0 ]; then
  for dir in tests/fuzz/corpus/*/; do TARGETS+=("$(basename "$dir")"); done
fi

BUILD_DIR="${QMS_FUZZ_BUILD_DIR:-build-fuzz}"
OUT="${QMS_FUZZ_OUT:-$BUILD_DIR/findings}"
launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
CC=clang CXX=clang++ cmake -S . -B "$BUILD_DIR" -G Ninja -DQMS_FUZZ=ON \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" >/dev/null
cmake --build "$BUILD_DIR" -j "${QMS_JOBS:-$(nproc)}" --target "${TARGETS[@]}"

scratch="$(mktemp -d "${TMPDIR:-/tmp}/qms-fuzz.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$OUT"
failed=()
for t in "${TARGETS[@]}"; do
  mkdir -p "$scratch/$t/corpus" "$scratch/$t/tmp" "$OUT/$t"
  cp -r "tests/fuzz/corpus/$t/." "$scratch/$t/corpus/"
  log="$OUT/$t/fuzz.log"
  # -timeout: an input running 10 s is a hang; -rss_limit_mb: memory is
  # bounded; the service targets keep their RocksDB in the scratch folder.
  # The service targets keep a server (threads, caches) across inputs,
  # which leak checks per input would take for leaks.
  leaks=1
  case "$t" in *_requests) leaks=0 ;; esac
  set +e
  TMPDIR="$scratch/$t/tmp" ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=$leaks}" \
    "$BUILD_DIR/tests/fuzz/$t" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=4096 \
    -print_final_stats=1 -artifact_prefix="$OUT/$t/" "$scratch/$t/corpus" >"$log" 2>&1
  rc=$?
  set -e
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  corpus="$(ls "$scratch/$t/corpus" | wc -l)"
  if [ $rc -eq 0 ]; then
    echo "fuzz $t: ${execs:-?} executions in ${SECONDS_EACH} s, corpus $corpus inputs, no crash"
  else
    echo "fuzz $t: FAILED (exit $rc) after ${execs:-?} executions; log $log:"
    grep -m 20 -E "ERROR|runtime error|answered code|SUMMARY|Test unit written" "$log" || tail -20 "$log"
    failed+=("$t")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: ${#failed[@]} of ${#TARGETS[@]} targets failed: ${failed[*]}"
  exit 1
fi
echo "fuzz: all ${#TARGETS[@]} targets ran ${SECONDS_EACH} s each with no crash, sanitizer report or hang"
