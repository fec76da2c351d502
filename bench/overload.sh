#!/usr/bin/env bash
# Overload: what does qms-server do when offered more than it can serve?
# Starts one qms-server on loopback with the national config and a fresh
# store, pinned to CPU 0 (taskset) with the bench pinned to CPU 1, so that
# the client's CPU does not hide the server's limit. Then:
#   1. capacity: a closed-loop run (256 in flight) of MODE;
#   2. overload: an open-loop run of MODE at FACTOR x that capacity, every
#      call with a deadline of --rpc-timeout-ms (a kiosk does not wait
#      longer), while the server sheds what it cannot do in time.
# Prints goodput (calls answered OK per second) as a share of the capacity,
# p99 of the calls served, and the share answered otherwise, by code.
#
#   bench/overload.sh [--build DIR] [--seconds 15] [--factor 2] [--rpc-timeout-ms 1000] [--out DIR] [MODE]
#
# MODE defaults to `issue`. Every run is bounded by --seconds (plus the
# bench's drain). Ports 29410-29411.
set -euo pipefail

BUILD=build
SECONDS_PER_RUN=15
FACTOR=2
RPC_TIMEOUT_MS=1000
OUT=/tmp/qms-overload
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) BUILD=$2; shift 2 ;;
    --seconds) SECONDS_PER_RUN=$2; shift 2 ;;
    --factor) FACTOR=$2; shift 2 ;;
    --rpc-timeout-ms) RPC_TIMEOUT_MS=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    -*) echo "unknown flag $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
MODE=${1:-issue}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SERVER=$ROOT/$BUILD/services/server/qms-server
BENCH=$ROOT/$BUILD/bench/qms-bench
PORT=29410
mkdir -p "$OUT"
rm -rf "$OUT/data"
"$ROOT/$BUILD/bench/qms-gen-config" --centres 3321 --bench -o "$OUT/national.yaml"

SERVER_CPU=0
BENCH_CPU=1
[[ $(nproc) -ge 2 ]] || { SERVER_CPU=0; BENCH_CPU=0; echo "one CPU only: server and bench share it" >&2; }

PIDS=()
trap 'for p in "${PIDS[@]}"; do kill -INT "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT
taskset -c "$SERVER_CPU" "$SERVER" --config "$OUT/national.yaml" --data-dir "$OUT/data" \
  --listen "127.0.0.1:$PORT" --services queue --insecure-no-auth >"$OUT/server.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 3000); do
  grep -q "listening on" "$OUT/server.log" && break
  sleep 0.1
done
grep -q "listening on" "$OUT/server.log" || { echo "server did not start; see $OUT/server.log" >&2; exit 1; }

bench() {
  taskset -c "$BENCH_CPU" "$BENCH" --target "127.0.0.1:$PORT" --duration "$SECONDS_PER_RUN" --quiet "$@"
}

echo "== capacity: $MODE, closed loop, 256 in flight, ${SECONDS_PER_RUN} s =="
bench --in-flight 256 --json "$OUT/capacity.json" "$MODE" | tee "$OUT/capacity.txt"
CAPACITY=$(awk '/achieved/ { for (i = 1; i < NF; i++) if ($i == "achieved") print $(i + 1) }' "$OUT/capacity.txt")
RATE=$(awk -v c="$CAPACITY" -v f="$FACTOR" 'BEGIN { printf "%d", c * f }')

echo "== overload: $MODE, open loop at $FACTOR x $CAPACITY = $RATE op/s, deadline $RPC_TIMEOUT_MS ms =="
bench --rate "$RATE" --rpc-timeout-ms "$RPC_TIMEOUT_MS" --json "$OUT/overload.json" "$MODE" | tee "$OUT/overload.txt"

awk -v cap="$CAPACITY" -v rate="$RATE" '
  /achieved/ { for (i = 1; i < NF; i++) if ($i == "achieved") good = $(i + 1) }
  /^operations / { ok = $2; failed = $4 }
  /^operation / { p99 = $7 }
  /^operation / { for (i = 1; i <= NF; i++) if ($i ~ /=/) codes = codes " " $i }
  END {
    printf "capacity %s op/s; offered %s op/s; goodput %s op/s = %.2f of capacity\n", cap, rate, good, good / cap
    printf "p99 of the calls served: %s ms; answered otherwise: %.1f%% (%s)\n", p99,
      100 * failed / (ok + failed), codes
  }' "$OUT/overload.txt" | tee "$OUT/summary.txt"
grep -E "shed|in flight" "$OUT/server.log" | tail -n 3 || true
