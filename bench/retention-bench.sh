#!/usr/bin/env bash
# Data over time (docs/retention.md, docs/backup.md): does a year of history
# slow today's work, how long does the retention pass over that year take,
# and how long does an online backup of that store take?
#
#   bench/retention-bench.sh [--build DIR] [--bench-bin DIR] [--centres 3321] [--days 365]
#                            [--tickets 10] [--rounds 3] [--seconds 8] [--out DIR]
#
# --bench-bin: where qms-bench and qms-gen-config are (default BUILD/bench).
#
# 1. qms-gen-config --centres N --bench: the national config (3,321 centres).
# 2. qms-fill-history: DIR/full/queue with --days days of history of
#    --tickets tickets per centre and day (each issued, called, started and
#    completed through the real engine: ticket, 4 events and 4 audit
#    records), without fsync.
# 3. Side by side (bench/side_by_side.sh): a server on an empty store and a
#    server on the full one, both with retention.ticket_days 36500 (the
#    history stays), `qms-bench issue` alternated between them ROUNDS times.
# 4. The full server restarted with retention.ticket_days 90: its retention
#    pass at start (logged with its time) runs while `qms-bench issue` runs
#    against it; then one more issue run after the pass.
# 5. `qmsctl backup` of that server (same file system: hard links).
# Ports 29201-29203 (loopback). Everything is left in --out (default a new
# folder under /tmp) for a look; delete it after.
set -euo pipefail

BUILD=build
BENCH_BIN=
CENTRES=3321
DAYS=365
TICKETS=10
ROUNDS=3
SECONDS_PER_RUN=8
OUT=
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) BUILD=$2; shift 2 ;;
    --bench-bin) BENCH_BIN=$2; shift 2 ;;
    --centres) CENTRES=$2; shift 2 ;;
    --days) DAYS=$2; shift 2 ;;
    --tickets) TICKETS=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --seconds) SECONDS_PER_RUN=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    *) echo "unknown flag $1" >&2; exit 2 ;;
  esac
done
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SERVER=$ROOT/$BUILD/services/server/qms-server
FILL=$ROOT/$BUILD/services/server/qms-fill-history
QMSCTL=$ROOT/$BUILD/services/qmsctl/qmsctl
[[ -n "$BENCH_BIN" ]] || BENCH_BIN=$ROOT/$BUILD/bench
BENCH=$BENCH_BIN/qms-bench
[[ -n "$OUT" ]] || OUT=$(mktemp -d /tmp/qms-retention.XXXXXX)
mkdir -p "$OUT"
# shellcheck source=side_by_side.sh
source "$ROOT/bench/side_by_side.sh"

"$BENCH_BIN/qms-gen-config" --centres "$CENTRES" --bench -o "$OUT/base.yaml"
keep_days() { cp "$OUT/base.yaml" "$OUT/$1.yaml"; printf '\nretention:\n  ticket_days: %s\n' "$2" >>"$OUT/$1.yaml"; }
keep_days keep 36500
keep_days retain 90

echo "== fill: $DAYS days x $CENTRES centres x $TICKETS tickets"
rm -rf "$OUT/full" "$OUT/empty" "$OUT/backup"
/usr/bin/time -f "fill: %e s wall, %M KiB max RSS" "$FILL" --config "$OUT/keep.yaml" --data-dir "$OUT/full" \
  --days "$DAYS" --tickets "$TICKETS"
echo "store: $(du -sh "$OUT/full/queue" | cut -f1), $(find "$OUT/full/queue" -name '*.sst' | wc -l) table files"

server() { # NAME DATA CONFIG PORT
  start_server "$1" "$SERVER" --config "$OUT/$3.yaml" --data-dir "$2" --listen "127.0.0.1:$4" --services queue \
    --insecure-no-auth
}
# idle PID: waits (at most 4 minutes) until the server uses under 5% of a core.
idle() {
  local before
  for _ in $(seq 1 120); do
    before=$(ticks "$1")
    sleep 2
    [[ $(($(ticks "$1") - before)) -lt $((HZ / 20)) ]] && return 0
  done
}

echo "== side by side: issue, empty store against a store with $DAYS days of history (kept)"
server empty "$OUT/empty" keep 29201
server full "$OUT/full" keep 29202
idle "${PIDS[0]}"
idle "${PIDS[1]}"
printf '%-6s %-6s %10s %14s %14s\n' round store "ops/s" "server µs/op" "bench µs/op"
for round in $(seq 1 "$ROUNDS"); do
  for side in empty full; do
    if [[ $side == empty ]]; then line=$(measure empty "${PIDS[0]}" 29201 "$SECONDS_PER_RUN" issue)
    else line=$(measure full "${PIDS[1]}" 29202 "$SECONDS_PER_RUN" issue); fi
    read -r name rate cpu bench <<<"$line"
    printf '%-6s %-6s %10s %14s %14s\n' "$round" "$name" "$rate" "$cpu" "$bench"
    echo "$name $rate" >>"$OUT/rates"
  done
done
awk '{ sum[$1] += $2; n[$1]++ } END {
  printf "mean: empty %.0f/s, full %.0f/s, full/empty %.2f\n", sum["empty"] / n["empty"], sum["full"] / n["full"],
    (sum["full"] / n["full"]) / (sum["empty"] / n["empty"]) }' "$OUT/rates"
stop_servers
PIDS=()

echo "== retention: the full store restarted with ticket_days 90; issue runs while the pass runs"
server retain "$OUT/full" retain 29203
measure during "${PIDS[0]}" 29203 "$SECONDS_PER_RUN" issue
for _ in $(seq 1 6000); do  # at most 10 minutes
  grep -q "queue retention:\|retention failed" "$OUT/retain.log" && break
  sleep 0.1
done
grep "queue retention:\|retention failed" "$OUT/retain.log" || echo "no retention line within 10 minutes"
idle "${PIDS[0]}"
measure after "${PIDS[0]}" 29203 "$SECONDS_PER_RUN" issue
echo "store after: $(du -sh "$OUT/full/queue" | cut -f1), $(find "$OUT/full/queue" -name '*.sst' | wc -l) table files"

echo "== backup of that server (same file system: hard links)"
/usr/bin/time -f "qmsctl backup: %e s wall" "$QMSCTL" --server 127.0.0.1:29203 backup --to "$OUT/backup"
stop_servers
echo "left in $OUT"
