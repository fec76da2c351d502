#!/usr/bin/env bash
# Measures the queue targets of DESIGN.md section 7 in one run, against a
# qms-server it starts itself on loopback with a fresh store and the national
# config (3,321 centres), and prints one table. Every step is bounded.
#
#   bench/run-targets.sh [--build DIR] [--seconds N] [--prefill N] [--out DIR]
#                        [--port P] [--restart-only]
#
# --prefill 0 skips the full-store part (default 3300000: go-live size); with
# it, the server is killed with SIGKILL and restarted (a crash: WAL replay),
# then stopped and restarted cleanly, both timed to the first answer, and
# the issue and call rows run again on the full store. --restart-only skips
# every rate row: only the prefill and the two timed restarts.
# Besides rates and latencies it reports CPU time per operation of the
# server and of the bench (from /proc and getrusage), which shows where the
# two cores go. Results: OUT/targets.md, and each run's JSON and plot.
set -euo pipefail

BUILD=build
SECONDS_PER_RUN=8
PREFILL=3300000
OUT=/tmp/qms-targets
PORT=50093
RESTART_ONLY=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) BUILD=$2; shift 2 ;;
    --seconds) SECONDS_PER_RUN=$2; shift 2 ;;
    --prefill) PREFILL=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    --restart-only) RESTART_ONLY=1; shift ;;
    *) echo "unknown flag $1" >&2; exit 2 ;;
  esac
done

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SERVER=$ROOT/$BUILD/services/server/qms-server
BENCH=$ROOT/$BUILD/bench/qms-bench
GEN=$ROOT/$BUILD/bench/qms-gen-config
TARGET=127.0.0.1:$PORT
DATA=$OUT/data
mkdir -p "$OUT"
rm -rf "$DATA"
"$GEN" --centres 3321 --bench -o "$OUT/national.yaml"
TABLE=$OUT/targets.md
SERVER_PID=
STARTUP=
STOPPED=

# stop_server: SIGTERM, as a service manager stops it; sets STOPPED (seconds
# from the signal to the exit).
stop_server() {
  if [[ -n "$SERVER_PID" ]]; then
    local signalled
    signalled=$(date +%s.%N)
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    STOPPED=$(awk -v a="$signalled" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    SERVER_PID=
  fi
}
trap stop_server EXIT

# start_server [flags...]: starts on the kept store; sets SERVER_PID and
# STARTUP (seconds from the start to the first answer).
start_server() {
  local started listening_before
  listening_before=$(grep -c "listening on" "$OUT/server.log" 2>/dev/null || true)
  started=$(date +%s.%N)
  "$SERVER" --config "$OUT/national.yaml" --data-dir "$DATA" --listen "$TARGET" --services queue --insecure-no-auth "$@" \
    >>"$OUT/server.log" 2>&1 &
  SERVER_PID=$!
  # qms-server logs "listening on" once it serves (health SERVING is set just
  # before); polled every 50 ms, for at most 5 minutes.
  for _ in $(seq 1 6000); do
    if [[ $(grep -c "listening on" "$OUT/server.log") -gt ${listening_before:-0} ]]; then
      STARTUP=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
      return 0
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.05
  done
  echo "server did not start; see $OUT/server.log" >&2
  exit 1
}

# The queue store's WAL (what a start must replay) and its table files.
store_sizes() {
  local q=$DATA/queue
  echo "WAL $(cat "$q"/*.log 2>/dev/null | wc -c | awk '{ printf "%.1f", $1 / 1048576 }') MiB in $(ls "$q"/*.log 2>/dev/null | wc -l) files," \
    "tables $(cat "$q"/*.sst 2>/dev/null | wc -c | awk '{ printf "%.1f", $1 / 1048576 }') MiB in $(ls "$q"/*.sst 2>/dev/null | wc -l) files"
}
# recovery_report: the queue's recovery lines of the last start, once every
# centre is back (a start that serves before that logs the total later);
# polled every 100 ms for at most 5 minutes.
recovery_report() {
  local from
  from=$(grep -n "qms-server: queue: store opened" "$OUT/server.log" | tail -n 1 | cut -d: -f1 || true)
  for _ in $(seq 1 3000); do
    tail -n +"${from:-1}" "$OUT/server.log" | grep -q "tickets of today recovered" && break
    sleep 0.1
  done
  tail -n +"${from:-1}" "$OUT/server.log" | grep "qms-server: queue: " | sed 's/^/  /' || true
}
server_cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat"; }
# settle: waits (at most 2 minutes) until the idle server uses under 5% of a
# core over 2 seconds, i.e. RocksDB has finished the compactions a restart
# onto a full store starts; prints the seconds it waited.
settle() {
  local waited=0 before after
  while [[ $waited -lt 120 ]]; do
    before=$(server_cpu_ticks)
    sleep 2
    after=$(server_cpu_ticks)
    waited=$((waited + 2))
    [[ $((after - before)) -lt $(($(getconf CLK_TCK) / 10)) ]] && break
  done
  echo "$waited"
}
server_rss_mb() { awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$SERVER_PID/status"; }

# run LABEL MODE-ARGS...: one bench run; appends a table row.
run() {
  local label=$1
  shift
  local name=${label// /_}
  local before after
  before=$(server_cpu_ticks)
  /usr/bin/time -f "%U %S" -o "$OUT/$name.time" \
    "$BENCH" --target "$TARGET" --duration "$SECONDS_PER_RUN" --quiet --json "$OUT/$name.json" "$@" \
    >"$OUT/$name.txt" 2>&1 || true
  after=$(server_cpu_ticks)
  awk -v label="$label" -v args="$*" -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" \
    -v bench="$(awk '{ print $1 + $2 }' "$OUT/$name.time")" '
    /achieved/ { for (i = 1; i < NF; i++) if ($i == "achieved") achieved = $(i + 1) }
    /^measured/ { prepare = $5 }
    /^operation / { ok = $2; p50 = $4; p99 = $6; p999 = $7 }
    /^call_to_event / { label = label " (call-to-event p99 " $6 " ms)" }
    END {
      if (ok == 0) { printf "| %s | `%s` | failed, see the log | | | | | |\n", label, args; exit }
      # CPU per operation only where no preparation (queue filling) shares the run.
      cpu = prepare + 0 > 0.05 ? "| (prepare) | (prepare) |" : sprintf("| %d | %d |", ticks / hz * 1e6 / ok, bench * 1e6 / ok)
      printf "| %s | `%s` | %s/s | %s | %s | %s %s\n", label, args, achieved, p50, p99, p999, cpu
    }' "$OUT/$name.txt" >>"$TABLE"
}

{
  echo "qms-bench targets, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -r)"
  echo
  echo "| run | qms-bench arguments | achieved | p50 ms | p99 ms | p99.9 ms | server µs CPU/op | bench µs CPU/op |"
  echo "|---|---|---|---|---|---|---|---|"
} >"$TABLE"

start_server
echo "startup on an empty store: $STARTUP s" >"$OUT/restart.txt"
if [[ $RESTART_ONLY -eq 0 ]]; then
  run "echo callback API" --in-flight 256 echo
  run "issue closed loop" --in-flight 256 issue
  run "issue open 5000" --rate 5000 issue
  run "issue open 10000" --rate 10000 issue
  run "call closed loop" --in-flight 256 call --finish complete
  run "call open 5000" --rate 5000 call --finish complete
  run "watch 5000 streams" --rate 2000 --channels 32 watch --streams 5000
  stop_server
  start_server --echo-api async
  run "echo async API" --in-flight 256 echo
fi

if [[ "$PREFILL" -gt 0 ]]; then
  "$BENCH" --target "$TARGET" --in-flight 256 --duration 3600 --quiet --json "$OUT/prefill.json" prefill "$PREFILL" \
    >"$OUT/prefill.txt" 2>&1
  echo "resident memory with the store filled: $(server_rss_mb) MB" >>"$OUT/restart.txt"
  echo "store at the kill: $(store_sizes)" >>"$OUT/restart.txt"
  kill -KILL "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
  start_server
  echo "restart to serving after SIGKILL, store filled (WAL replay): $STARTUP s" >>"$OUT/restart.txt"
  recovery_report >>"$OUT/restart.txt"
  echo "resident memory after that restart: $(server_rss_mb) MB" >>"$OUT/restart.txt"
  stop_server
  echo "SIGTERM to exit: $STOPPED s; store after it: $(store_sizes)" >>"$OUT/restart.txt"
  start_server
  echo "restart to serving after a clean stop (SIGTERM), store filled: $STARTUP s" >>"$OUT/restart.txt"
  recovery_report >>"$OUT/restart.txt"
  echo "then idle (background compaction done) after: $(settle) s" >>"$OUT/restart.txt"
  if [[ $RESTART_ONLY -eq 0 ]]; then
    run "issue closed loop, full store" --in-flight 256 issue
    run "issue open 5000, full store" --rate 5000 issue
    run "call closed loop, full store" --in-flight 256 call --finish complete
  fi
fi
stop_server
tail -n 3 "$OUT/server.log" >>"$OUT/restart.txt"
cat "$TABLE" "$OUT/restart.txt"
