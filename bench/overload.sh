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
#   bench/overload.sh [--build DIR] [--seconds 15] [--factor 2] [--rpc-timeout-ms 1000] [--out DIR]
#                     [--port 29410] [--flood-share F [--flood-channels 1]] [MODE]
#
# MODE defaults to `issue`. Every run is bounded by --seconds (plus the
# bench's drain). Port --port (default 29410).
#
# Fairness (--flood-share F, issue only): in the overload run one centre is
# offered F of the calls over its own --flood-channels connections, every
# other centre the rest at a normal rate; the summary gives, per group
# (the flooding centre, the others), the offered and sent rates, goodput,
# p99 of the calls served and the share shed (RESOURCE_EXHAUSTED).
set -euo pipefail

BUILD=build
SECONDS_PER_RUN=15
FACTOR=2
RPC_TIMEOUT_MS=1000
OUT=/tmp/qms-overload
PORT=29410
FLOOD_SHARE=0
FLOOD_CHANNELS=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) BUILD=$2; shift 2 ;;
    --seconds) SECONDS_PER_RUN=$2; shift 2 ;;
    --factor) FACTOR=$2; shift 2 ;;
    --rpc-timeout-ms) RPC_TIMEOUT_MS=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    --flood-share) FLOOD_SHARE=$2; shift 2 ;;
    --flood-channels) FLOOD_CHANNELS=$2; shift 2 ;;
    -*) echo "unknown flag $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
MODE=${1:-issue}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SERVER=$ROOT/$BUILD/services/server/qms-server
BENCH=$ROOT/$BUILD/bench/qms-bench
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

FLOOD=()
FLOOD_NOTE=""
if awk -v f="$FLOOD_SHARE" 'BEGIN { exit !(f > 0) }'; then
  FLOOD=(--flood-share "$FLOOD_SHARE" --flood-channels "$FLOOD_CHANNELS")
  FLOOD_NOTE=", one centre offered $FLOOD_SHARE of it over $FLOOD_CHANNELS connections of its own"
fi
echo "== overload: $MODE, open loop at $FACTOR x $CAPACITY = $RATE op/s, deadline $RPC_TIMEOUT_MS ms$FLOOD_NOTE =="
bench --rate "$RATE" --rpc-timeout-ms "$RPC_TIMEOUT_MS" --json "$OUT/overload.json" "$MODE" "${FLOOD[@]}" |
  tee "$OUT/overload.txt"

awk -v cap="$CAPACITY" -v rate="$RATE" '
  /achieved/ { for (i = 1; i < NF; i++) if ($i == "achieved") good = $(i + 1) }
  /^operations / { ok = $2; failed = $4 }
  /^operation / { p99 = $6 }
  /^operation / { for (i = 1; i <= NF; i++) if ($i ~ /=/) codes = codes " " $i }
  END {
    printf "capacity %s op/s; offered %s op/s; goodput %s op/s = %.2f of capacity\n", cap, rate, good, good / cap
    printf "p99 of the calls served: %s ms; answered otherwise: %.1f%% (%s)\n", p99,
      100 * failed / (ok + failed), codes
  }' "$OUT/overload.txt" | tee "$OUT/summary.txt"
if [[ ${#FLOOD[@]} -gt 0 ]]; then
  # Per group: IssueTicket_flood and IssueTicket_others rows (ok, ok/s, p50,
  # p90, p99, p99.9, max, then CODE=N for every other answer). Offered is the
  # group's share of the schedule; what the bench could not send in time is
  # not in the row (UNSENT is counted for all groups together).
  awk -v rate="$RATE" -v share="$FLOOD_SHARE" -v seconds="$SECONDS_PER_RUN" '
    /^IssueTicket_(flood|others) / {
      flood = ($1 == "IssueTicket_flood")
      offered = rate * seconds * (flood ? share : 1 - share)
      ok = $2; shed = 0; other = 0
      for (i = 9; i <= NF; i++) {
        split($i, kv, "=")
        if (kv[1] == "RESOURCE_EXHAUSTED") shed += kv[2]; else other += kv[2]
      }
      sent = ok + shed + other
      printf "%s: offered %d (%.0f/s), sent %d (%.2f), served %d = %.2f of sent, %.2f of offered (%.0f/s over %s s); p99 served %s ms; shed %.1f%% of sent; other failures %d\n",
        flood ? "flooding centre" : "other centres", offered, offered / seconds, sent, sent / offered, ok,
        (sent > 0 ? ok / sent : 0), ok / offered, ok / seconds, seconds, $6, (sent > 0 ? 100 * shed / sent : 0), other
    }' "$OUT/overload.txt" | tee -a "$OUT/summary.txt"
fi
grep -E "shed|in flight" "$OUT/server.log" | tail -n 3 || true
