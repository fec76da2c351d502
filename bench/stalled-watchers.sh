#!/usr/bin/env bash
# Stalled watchers: do board streams that stop reading slow issuing and
# calling, or make the servers' memory grow? (issue 13, "Watchers and
# shutdown"; bench/README.md, "Stalled watchers".)
#
#   bench/stalled-watchers.sh [--build DIR] [--out DIR] [--seconds 20] [--rate 200]
#                             [--grpc 1000] [--sse 1000] [--stall-ms 30000] [--hold-seconds 90]
#
# Starts qms-server (5 bench centres, fresh store, load.watch_stall_ms =
# --stall-ms) and qms-gateway (--stream-stall-ms = --stall-ms) on loopback,
# ports 29500-29501. Then:
#   1. baseline: `qms-bench mixed` (issue, call, start, complete, no-show)
#      open loop at --rate op/s for --seconds over the 5 centres;
#   2. qms-stalled-watchers opens --grpc WatchCentre streams to the server
#      and --sse event streams to the gateway, over the same 5 centres; each
#      takes its first bytes and never reads again; it holds them for
#      --hold-seconds, then reads each gRPC stream again to learn which the
#      server had ended (and with what status), and closes everything;
#   3. stalled: the same bench run at once, while they are held;
#   4. after the hold the watchers close; 5 s later the last sample.
# Phases of the samples: before, baseline, stalled-run (the bench run with
# the watchers held), held (the rest of the hold, no traffic), after.
# VmRSS of both servers (/proc/PID/status) is sampled every second from
# before the baseline to the end (OUT/rss.tsv). The gateway's /healthz
# gives its pages and pages_dropped per centre (before, after the hold).
# Every loop is bounded; the script stops what it started.
set -euo pipefail

BUILD=build
OUT=/tmp/qms-stalled-watchers
SECONDS_PER_RUN=20
RATE=200
GRPC=1000
SSE=1000
STALL_MS=30000
HOLD=90
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) BUILD=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --seconds) SECONDS_PER_RUN=$2; shift 2 ;;
    --rate) RATE=$2; shift 2 ;;
    --grpc) GRPC=$2; shift 2 ;;
    --sse) SSE=$2; shift 2 ;;
    --stall-ms) STALL_MS=$2; shift 2 ;;
    --hold-seconds) HOLD=$2; shift 2 ;;
    *) echo "unknown flag $1" >&2; exit 2 ;;
  esac
done
(( HOLD > SECONDS_PER_RUN + 5 )) || { echo "--hold-seconds must exceed --seconds + 5" >&2; exit 2; }

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SERVER=$ROOT/$BUILD/services/server/qms-server
GATEWAY=$ROOT/$BUILD/kiosk/gateway/qms-gateway
BENCH=$ROOT/$BUILD/bench/qms-bench
GEN=$ROOT/$BUILD/bench/qms-gen-config
STALLER=$ROOT/$BUILD/bench/qms-stalled-watchers
for binary in "$SERVER" "$GATEWAY" "$BENCH" "$GEN" "$STALLER"; do
  [[ -x "$binary" ]] || { echo "missing $binary" >&2; exit 1; }
done
SERVER_PORT=29500
GATEWAY_PORT=29501
CENTRES=10001,10002,10003,10004,10005
mkdir -p "$OUT"
rm -rf "$OUT/data"
"$GEN" --centres 5 --bench -o "$OUT/centres.yaml"
printf 'load:\n  watch_stall_ms: %d\n' "$STALL_MS" >>"$OUT/centres.yaml"

PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_for_line() {  # FILE PATTERN PID: at most 60 s
  for _ in $(seq 1 600); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || { echo "exited early:" >&2; cat "$1" >&2; exit 1; }
    sleep 0.1
  done
  echo "timed out waiting for \"$2\" in $1" >&2
  exit 1
}

"$SERVER" --config "$OUT/centres.yaml" --data-dir "$OUT/data" --listen "127.0.0.1:$SERVER_PORT" \
  --services queue --insecure-no-auth >"$OUT/server.log" 2>&1 &
SERVER_PID=$!
PIDS+=("$SERVER_PID")
wait_for_line "$OUT/server.log" "listening on" "$SERVER_PID"
"$GATEWAY" --server "127.0.0.1:$SERVER_PORT" --centres "$CENTRES" --listen "127.0.0.1:$GATEWAY_PORT" \
  --no-voice --stream-stall-ms "$STALL_MS" >"$OUT/gateway.log" 2>&1 &
GATEWAY_PID=$!
PIDS+=("$GATEWAY_PID")
wait_for_line "$OUT/gateway.log" "listening on" "$GATEWAY_PID"

healthz() {  # the gateway's /healthz body (bash's /dev/tcp, at most 2 s)
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$GATEWAY_PORT &&
    printf 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3 &&
    cat <&3" 2>/dev/null | sed -n '/^{/,$p' || true
}
pages() {  # LABEL: pages and pages_dropped summed over the centres
  healthz | grep -o '"pages[a-z_]*":"\?[0-9]*' | tr -d '"' |
    awk -F: -v label="$1" '{ s[$1] += $2 } END { printf "%s: gateway pages %d, pages_dropped %d\n", label, s["pages"], s["pages_dropped"] }'
}
for _ in $(seq 1 100); do  # every centre live at the gateway: at most 20 s
  [[ $(healthz | grep -o '"live":true' | wc -l) -ge 5 ]] && break
  sleep 0.2
done

ended_so_far() { awk '/stalled watch streams ended/ { n += $2 } END { print n + 0 }' "$OUT/server.log"; }
pages_now() {  # "PAGES\tDROPPED" summed over the centres
  healthz | grep -o '"pages[a-z_]*":"\?[0-9]*' | tr -d '"' |
    awk -F: '{ s[$1] += $2 } END { printf "%d\t%d", s["pages"], s["pages_dropped"] }'
}
rss() { awk '/VmRSS/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
T0=$(date +%s.%N)
phase=start
echo -e "t_s\tphase\tserver_rss_kb\tgateway_rss_kb\ttcp_mem_kb\tserver_streams_ended\tgateway_pages\tgateway_pages_dropped" >"$OUT/rss.tsv"
# The kernel's memory for every TCP socket of the machine (/proc/net/sockstat,
# pages): a stalled reader's unsent bytes sit there, outside either RSS.
tcp_mem() { awk '$1 == "TCP:" { for (i = 2; i < NF; i++) if ($i == "mem") print $(i + 1) * 4 }' /proc/net/sockstat; }
sample() {
  awk -v t0="$T0" -v t1="$(date +%s.%N)" -v p="$1" -v s="$(rss "$SERVER_PID")" -v g="$(rss "$GATEWAY_PID")" \
    -v k="$(tcp_mem)" -v e="$(ended_so_far)" -v pg="$(pages_now)" \
    'BEGIN { printf "%.1f\t%s\t%s\t%s\t%s\t%s\t%s\n", t1 - t0, p, s, g, k, e, pg }' >>"$OUT/rss.tsv"
}
sampler() {  # PHASE-FILE: one sample a second, bounded
  for _ in $(seq 1 $((SECONDS_PER_RUN * 3 + HOLD + 120))); do
    sample "$(cat "$1" 2>/dev/null || echo ?)"
    sleep 1
  done
}
echo before >"$OUT/phase"
sampler "$OUT/phase" &
PIDS+=($!)

bench() {
  "$BENCH" --target "127.0.0.1:$SERVER_PORT" --duration "$SECONDS_PER_RUN" --rate "$RATE" --centres 5 \
    --quiet --json "$OUT/$1.json" mixed >"$OUT/$1.txt" 2>&1
  grep -E "achieved|^operations|^operation " "$OUT/$1.txt" | sed "s/^/$1: /"
  # The p99 of each second (the bench's plot data): where in the run the
  # tail is.
  [[ -f "$OUT/$1.dat" ]] && awk -v name="$1" '!/^#/ { line = line sprintf(" %.0f", $5) }
    END { print name ": p99 (ms) of each second:" line }' "$OUT/$1.dat"
}

pages "before"
echo baseline >"$OUT/phase"
echo "== baseline: mixed, open loop at $RATE op/s, $SECONDS_PER_RUN s, no stalled watchers =="
bench baseline

echo "== $GRPC stalled WatchCentre streams and $SSE stalled event streams, held $HOLD s =="
"$STALLER" --server "127.0.0.1:$SERVER_PORT" --gateway-port "$GATEWAY_PORT" --centres "$CENTRES" \
  --grpc "$GRPC" --sse "$SSE" --hold-seconds "$HOLD" >"$OUT/staller.txt" 2>&1 &
STALLER_PID=$!
PIDS+=("$STALLER_PID")
wait_for_line "$OUT/staller.txt" "^t=0 s" "$STALLER_PID"
head -n 2 "$OUT/staller.txt"
pages "stalled watchers open"
echo "== with the stalled watchers: the same run =="
echo stalled-run >"$OUT/phase"
bench stalled
echo held >"$OUT/phase"
pages "after the stalled run"
wait "$STALLER_PID" || true
echo after >"$OUT/phase"
sed -n '/^closed/,$p' "$OUT/staller.txt"
sleep 5
pages "5 s after the watchers closed"
sample after-5s
awk '/stalled watch streams ended/ { n += $2; lines++ } END {
    printf "server log: %d stalled watch streams ended (%d sweep lines)\n", n, lines }' "$OUT/server.log"

awk -F'\t' 'NR > 1 {
    n[$2]++; s[$2] += $3; g[$2] += $4; k[$2] += $5
    if ($3 > ms[$2]) ms[$2] = $3; if ($4 > mg[$2]) mg[$2] = $4; if ($5 > mk[$2]) mk[$2] = $5
  } END {
    split("before baseline stalled-run held after after-5s", order, " ")
    print "RSS and the kernel TCP memory of the whole machine (MB) by phase: mean / max of the 1 s samples"
    for (i = 1; i <= 6; i++) { p = order[i]; if (n[p])
      printf "  %-11s server %6.1f / %6.1f   gateway %6.1f / %6.1f   TCP %6.1f / %6.1f   (%d samples)\n", p,
        s[p] / n[p] / 1024, ms[p] / 1024, g[p] / n[p] / 1024, mg[p] / 1024, k[p] / n[p] / 1024, mk[p] / 1024, n[p] }
  }' "$OUT/rss.tsv" | tee "$OUT/summary.txt"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/summary.txt"
