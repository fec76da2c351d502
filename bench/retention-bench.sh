#!/usr/bin/env bash
# Data over time (docs/retention.md, docs/backup.md): does a year of history
# slow today's work, how long do the retention passes over that year take,
# how much do they slow issuing while they run, and how long does an online
# backup of that store take?
#
#   bench/retention-bench.sh [--build DIR] [--bench-bin DIR] [--centres 3321] [--days 365]
#                            [--tickets 10] [--rounds 3] [--seconds 8] [--out DIR]
#                            [--fill-from DIR] [--port-base 29201] [--compaction-mbps N]
#
# --bench-bin: where qms-bench and qms-gen-config are (default BUILD/bench).
# --fill-from: copy this queue store (e.g. OUT/full/queue of an earlier run)
#   instead of filling one: the same history for two builds.
# --compaction-mbps: retention.compaction_mb_per_second of the passes
#   (docs/retention.md); not given: the server's default.
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
#    against it, run after run until the pass has logged (at most 60 runs);
#    then `qms-bench issue` runs as often once the server is idle again: the
#    rate during the pass against the rate without one, on the same server.
# 5. The same with ticket_days 89: a daily pass (one more day per centre).
# 6. `qmsctl backup` of that server (same file system: hard links).
# Ports PORT_BASE..PORT_BASE+3 (loopback). Everything is left in --out
# (default a new folder under /tmp) for a look; delete it after.
set -euo pipefail

BUILD=build
BENCH_BIN=
CENTRES=3321
DAYS=365
TICKETS=10
ROUNDS=3
SECONDS_PER_RUN=8
OUT=
FILL_FROM=
PORT_BASE=29201
COMPACTION_MBPS=
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
    --fill-from) FILL_FROM=$2; shift 2 ;;
    --port-base) PORT_BASE=$2; shift 2 ;;
    --compaction-mbps) COMPACTION_MBPS=$2; shift 2 ;;
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
keep_days() {
  cp "$OUT/base.yaml" "$OUT/$1.yaml"
  printf '\nretention:\n  ticket_days: %s\n' "$2" >>"$OUT/$1.yaml"
  [[ -z "$COMPACTION_MBPS" ]] || printf '  compaction_mb_per_second: %s\n' "$COMPACTION_MBPS" >>"$OUT/$1.yaml"
}
keep_days keep 36500
keep_days retain 90
keep_days daily 89

rm -rf "$OUT/full" "$OUT/empty" "$OUT/backup"
if [[ -n "$FILL_FROM" ]]; then
  echo "== fill: a copy of $FILL_FROM"
  mkdir -p "$OUT/full"
  cp -a "$FILL_FROM" "$OUT/full/queue"
else
  echo "== fill: $DAYS days x $CENTRES centres x $TICKETS tickets"
  /usr/bin/time -f "fill: %e s wall, %M KiB max RSS" "$FILL" --config "$OUT/keep.yaml" --data-dir "$OUT/full" \
    --days "$DAYS" --tickets "$TICKETS"
fi
echo "store: $(du -sh "$OUT/full/queue" | cut -f1), $(find "$OUT/full/queue" -name '*.sst' | wc -l) table files"

server() { # NAME DATA CONFIG PORT
  start_server "$1" "$SERVER" --config "$OUT/$3.yaml" --data-dir "$2" --listen "127.0.0.1:$4" --services queue \
    --insecure-no-auth
}

side_by_side() {
  echo "== side by side: issue, empty store against a store with $DAYS days of history (kept)"
  server empty "$OUT/empty" keep "$PORT_BASE"
  server full "$OUT/full" keep $((PORT_BASE + 1))
  idle "${PIDS[0]}"
  idle "${PIDS[1]}"
  printf '%-6s %-6s %10s %14s %14s %s\n' round store "ops/s" "server µs/op" "bench µs/op" "load (1 min)"
  for round in $(seq 1 "$ROUNDS"); do
    for side in empty full; do
      if [[ $side == empty ]]; then line=$(measure empty "${PIDS[0]}" "$PORT_BASE" "$SECONDS_PER_RUN" issue)
      else line=$(measure full "${PIDS[1]}" $((PORT_BASE + 1)) "$SECONDS_PER_RUN" issue); fi
      read -r name rate cpu bench <<<"$line"
      printf '%-6s %-6s %10s %14s %14s %s\n' "$round" "$name" "$rate" "$cpu" "$bench" "$(cut -d' ' -f1 /proc/loadavg)"
      echo "$name $rate" >>"$OUT/rates"
    done
  done
  awk '{ sum[$1] += $2; n[$1]++ } END {
    printf "mean: empty %.0f/s, full %.0f/s, full/empty %.2f\n", sum["empty"] / n["empty"], sum["full"] / n["full"],
      (sum["full"] / n["full"]) / (sum["empty"] / n["empty"]) }' "$OUT/rates"
  stop_servers
  PIDS=()
}
((ROUNDS > 0)) && side_by_side

# pass NAME CONFIG PORT: restarts the full store with CONFIG; `qms-bench issue`
# runs against it until its queue pass has logged (at most 60 runs), then as
# many runs once it is idle again. Prints every run and the two means.
pass() {
  local name=$1 config=$2 port=$3 n=0 line
  echo "== retention ($name): the full store restarted with $config.yaml; issue runs while the pass runs"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  PIDS=()
  server "$name" "$OUT/full" "$config" "$port"
  printf '%-7s %10s %14s %14s %s\n' side "ops/s" "server µs/op" "bench µs/op" "load (1 min)"
  while ((n < 60)); do
    line=$(measure during "${PIDS[0]}" "$port" "$SECONDS_PER_RUN" issue)
    echo "$line $(cut -d' ' -f1 /proc/loadavg)" | awk '{ printf "%-7s %10s %14s %14s %s\n", $1, $2, $3, $4, $5 }'
    echo "$name $line" >>"$OUT/pass-rates"
    n=$((n + 1))
    grep -q "queue retention:\|retention failed" "$OUT/$name.log" && break
  done
  grep "retention:\|retention failed" "$OUT/$name.log" || echo "no retention line after $n runs"
  idle "${PIDS[0]}"
  for _ in $(seq 1 "$n"); do
    line=$(measure after "${PIDS[0]}" "$port" "$SECONDS_PER_RUN" issue)
    echo "$line $(cut -d' ' -f1 /proc/loadavg)" | awk '{ printf "%-7s %10s %14s %14s %s\n", $1, $2, $3, $4, $5 }'
    echo "$name $line" >>"$OUT/pass-rates"
  done
  awk -v name="$name" '$1 == name { sum[$2] += $3; k[$2]++ } END {
    printf "%s: issue during the pass %.0f/s (%d runs), after it %.0f/s (%d runs): during/after %.2f\n", name,
      sum["during"] / k["during"], k["during"], sum["after"] / k["after"], k["after"],
      (sum["during"] / k["during"]) / (sum["after"] / k["after"]) }' "$OUT/pass-rates"
  echo "store after: $(du -sh "$OUT/full/queue" | cut -f1), $(find "$OUT/full/queue" -name '*.sst' | wc -l) table files"
}

pass retain retain $((PORT_BASE + 2))
stop_servers
pass daily daily $((PORT_BASE + 3))

echo "== backup of that server (same file system: hard links)"
/usr/bin/time -f "qmsctl backup: %e s wall" "$QMSCTL" --server 127.0.0.1:$((PORT_BASE + 3)) backup --to "$OUT/backup"
stop_servers
echo "left in $OUT"
