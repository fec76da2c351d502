#!/usr/bin/env bash
# Does a full store cost speed? Starts two qms-servers on loopback with the
# national config: one on a fresh, empty store and one on FULL (a store
# filled before, e.g. the one bench/run-targets.sh leaves in
# /tmp/qms-targets/data), and alternates the same qms-bench run between them,
# ROUNDS times, so that the machine's drift falls on both alike. Prints rate
# and server CPU per operation of every run, and the mean ratio full/empty.
#
#   bench/compare-stores.sh --full DIR [--build DIR] [--rounds 3] [--seconds 8] [-- MODE ARGS...]
#
# MODE ARGS default to `issue`; e.g. `-- call --finish complete`. The first
# round runs after both servers have gone idle (RocksDB's compactions after
# opening a full store); every run is bounded by --seconds.
set -euo pipefail

BUILD=build
FULL=
ROUNDS=3
SECONDS_PER_RUN=8
while [[ $# -gt 0 ]]; do
  case "$1" in
    --full) FULL=$2; shift 2 ;;
    --build) BUILD=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --seconds) SECONDS_PER_RUN=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "unknown flag $1" >&2; exit 2 ;;
  esac
done
[[ -n "$FULL" && -d "$FULL" ]] || { echo "--full DIR: a filled store is required" >&2; exit 2; }
MODE=("$@")
[[ ${#MODE[@]} -gt 0 ]] || MODE=(issue)

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SERVER=$ROOT/$BUILD/services/server/qms-server
BENCH=$ROOT/$BUILD/bench/qms-bench
OUT=$(mktemp -d /tmp/qms-compare.XXXXXX)
"$ROOT/$BUILD/bench/qms-gen-config" --centres 3321 --bench -o "$OUT/national.yaml"
HZ=$(getconf CLK_TCK)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -INT "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$OUT"
}
trap cleanup EXIT

# start NAME DATA PORT: starts a server; waits (at most 5 minutes) until it listens.
start() {
  "$SERVER" --config "$OUT/national.yaml" --data-dir "$2" --listen "127.0.0.1:$3" --services queue --insecure-no-auth \
    >"$OUT/$1.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 3000); do
    grep -q "listening on" "$OUT/$1.log" && return 0
    sleep 0.1
  done
  echo "$1 server did not start; see $OUT/$1.log" >&2
  exit 1
}
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# idle PID: waits (at most 2 minutes) until the server uses under 5% of a core.
idle() {
  local before
  for _ in $(seq 1 60); do
    before=$(ticks "$1")
    sleep 2
    [[ $(($(ticks "$1") - before)) -lt $((HZ / 10)) ]] && return 0
  done
}

start empty "$OUT/empty" 50091
start full "$FULL" 50092
idle "${PIDS[0]}"
idle "${PIDS[1]}"

# run NAME PID PORT: one bench run; prints "NAME rate µs-per-op".
run() {
  local before after ok rate
  before=$(ticks "$2")
  "$BENCH" --target "127.0.0.1:$3" --duration "$SECONDS_PER_RUN" --in-flight 256 --quiet "${MODE[@]}" \
    >"$OUT/run.txt" 2>&1 || true
  after=$(ticks "$2")
  ok=$(awk '/^operation / { print $2 }' "$OUT/run.txt")
  rate=$(awk '/achieved/ { for (i = 1; i < NF; i++) if ($i == "achieved") print $(i + 1) }' "$OUT/run.txt")
  echo "$1 ${rate:-0} $(((after - before) * 1000000 / HZ / ${ok:-1}))"
}

echo "${MODE[*]}, ${SECONDS_PER_RUN}-second runs, 256 in flight; server CPU includes any preparation"
printf '%-8s %-6s %12s %16s\n' round store "ops/s" "server µs/op"
for round in $(seq 1 "$ROUNDS"); do
  for side in empty full; do
    if [[ $side == empty ]]; then line=$(run empty "${PIDS[0]}" 50091); else line=$(run full "${PIDS[1]}" 50092); fi
    read -r name rate cpu <<<"$line"
    printf '%-8s %-6s %12s %16s\n' "$round" "$name" "$rate" "$cpu"
    echo "$name $rate" >>"$OUT/rates"
  done
done
awk '{ sum[$1] += $2; n[$1]++ } END {
  printf "mean: empty %.0f/s, full %.0f/s, full/empty %.2f\n", sum["empty"] / n["empty"], sum["full"] / n["full"],
    (sum["full"] / n["full"]) / (sum["empty"] / n["empty"]) }' "$OUT/rates"
