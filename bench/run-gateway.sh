#!/usr/bin/env bash
# Measures qms-gateway's targets with qms-bench's gateway modes, against a
# qms-server and a qms-gateway it starts itself on loopback:
#
#   bench/run-gateway.sh [--seconds S] [--build DIR] [--out DIR] [--data DIR] [--kiosks N]
#                        [--tap-interval-ms N] [--pages N] [--calls-per-second R] [--no-pin]
#
#   1. gateway-kiosk, N kiosks each tapping every --tap-interval-ms (default
#      100 kiosks, one tap a second each): tap to ticket shown, open loop;
#   2. gateway-kiosk, the same kiosks in a closed loop (the ceiling);
#   3. gateway-pages, --pages event streams (default 200) of one centre while
#      clerks call --calls-per-second (default 5): call to page.
#
# The server runs a fresh store with a bench config of 5 centres
# (qms-gen-config --bench: issuing at any hour, no caps); the kiosks use
# centre 10001, the pages centre 10002. The gateway runs with --no-voice and
# no printer, so what is measured is the gateway itself (HTTP, JSON, gRPC,
# the fan-out), not espeak-ng or ticket rendering.
#
# CPU time per request of the gateway and the server comes two ways: the
# bench reads /proc/PID/stat over its measured phase (--cpu-pid), and this
# script reads it before and after each whole run (which also holds the
# preparation: reading the centre, and for the pages filling the queues and
# opening the streams). With two or more cores, the server and the gateway
# are pinned to core 0 and the bench to core 1 (taskset), so the bench does
# not take the gateway's CPU; --no-pin leaves scheduling to the kernel.
# --data puts the server's store elsewhere (default OUT/data; it is
# emptied first): on a tmpfs (/dev/shm/...) fsync costs nothing, which
# shows how much of the tail is the disk's.
# Every wait is bounded; the script stops what it started (trap on exit).
# Results: OUT/gateway.md, and each run's text, JSON and plot in OUT.
set -euo pipefail

BUILD=build
SECONDS_PER_RUN=20
OUT=/tmp/qms-gateway-bench
KIOSKS=100
TAP_MS=1000
PAGES=200
CALLS=5
PIN=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) SECONDS_PER_RUN=$2; shift 2 ;;
    --build) BUILD=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --data) DATA=$2; shift 2 ;;
    --kiosks) KIOSKS=$2; shift 2 ;;
    --tap-interval-ms) TAP_MS=$2; shift 2 ;;
    --pages) PAGES=$2; shift 2 ;;
    --calls-per-second) CALLS=$2; shift 2 ;;
    --no-pin) PIN=0; shift ;;
    *) echo "unknown flag $1" >&2; exit 2 ;;
  esac
done

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SERVER=$ROOT/$BUILD/services/server/qms-server
GATEWAY=$ROOT/$BUILD/kiosk/gateway/qms-gateway
BENCH=$ROOT/$BUILD/bench/qms-bench
GEN=$ROOT/$BUILD/bench/qms-gen-config
for binary in "$SERVER" "$GATEWAY" "$BENCH" "$GEN"; do
  [[ -x "$binary" ]] || { echo "missing $binary: build qms-server qms-gateway qms-bench qms-gen-config" >&2; exit 1; }
done
SERVER_PORT=50094
GATEWAY_PORT=8094
GATEWAY_URL=http://127.0.0.1:$GATEWAY_PORT
DATA=${DATA:-$OUT/data}
mkdir -p "$OUT"
rm -rf "$DATA"
"$GEN" --centres 5 --bench -o "$OUT/centres.yaml"

SERVICES_PIN=()
BENCH_PIN=()
if [[ $PIN -eq 1 && $(nproc) -ge 2 ]] && command -v taskset >/dev/null; then
  SERVICES_PIN=(taskset -c 0)
  BENCH_PIN=(taskset -c 1)
  PINNING="qms-server and qms-gateway on core 0, qms-bench on core 1 (taskset)"
else
  PINNING="not pinned ($(nproc) cores; --no-pin or no taskset)"
fi

SERVER_PID=
GATEWAY_PID=
# stop PID: SIGTERM, then SIGKILL after 10 s.
stop() {
  local pid=$1
  [[ -n "$pid" ]] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
PROBE_PID=
stop_all() {
  [[ -n "$PROBE_PID" ]] && kill "$PROBE_PID" 2>/dev/null
  stop "$GATEWAY_PID"
  GATEWAY_PID=
  stop "$SERVER_PID"
  SERVER_PID=
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# wait_for_line FILE PATTERN PID: until FILE has PATTERN (at most 60 s).
wait_for_line() {
  for _ in $(seq 1 600); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || { echo "exited early; log:" >&2; cat "$1" >&2; exit 1; }
    sleep 0.1
  done
  echo "timed out waiting for \"$2\" in $1" >&2
  exit 1
}

# http_status PATH: the gateway's status code for GET PATH (bash's /dev/tcp,
# at most 2 s), or 000.
http_status() {
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$GATEWAY_PORT &&
    printf 'GET $1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3 &&
    head -c 12 <&3 | cut -c 10-12" 2>/dev/null || echo 000
}

"${SERVICES_PIN[@]}" "$SERVER" --config "$OUT/centres.yaml" --data-dir "$DATA" \
  --listen "127.0.0.1:$SERVER_PORT" --insecure-no-auth >"$OUT/server.log" 2>&1 &
SERVER_PID=$!
wait_for_line "$OUT/server.log" "listening on" "$SERVER_PID"
"${SERVICES_PIN[@]}" "$GATEWAY" --server "127.0.0.1:$SERVER_PORT" --centres 10001,10002,10003,10004,10005 \
  --listen "127.0.0.1:$GATEWAY_PORT" --no-voice >"$OUT/gateway.log" 2>&1 &
GATEWAY_PID=$!
wait_for_line "$OUT/gateway.log" "listening on" "$GATEWAY_PID"
for _ in $(seq 1 100); do  # the centre readable through the gateway: at most 20 s
  [[ $(http_status /api/c/10001) == 200 && $(http_status /api/c/10002) == 200 ]] && break
  sleep 0.2
done
[[ $(http_status /api/c/10001) == 200 ]] || { echo "the gateway does not serve centre 10001" >&2; exit 1; }

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
HZ=$(getconf CLK_TCK)
# field NAME FILE: the first number after "NAME": in FILE (the bench's
# summary prints its figures as JSON lines).
field() { grep -o "\"$1\":[0-9.e+-]*" "$2" | head -1 | cut -d: -f2; }

# core_ticks N: "busy steal total" ticks of core N from /proc/stat.
core_ticks() {
  awk -v cpu="cpu$1" '$1 == cpu {
      total = 0; for (i = 2; i <= NF; i++) total += $i
      print total - $5 - $6 - $9, $9, total
    }' /proc/stat
}

# core_use NAME N BEFORE AFTER OURS LABEL: how core N was used over the
# run: by OURS ticks (LABEL: the processes pinned there; none when LABEL is
# empty), by every other process, stolen by the hypervisor, idle. A core
# shared with other work explains a tail the gateway's own CPU does not.
core_use() {
  local name=$1 core=$2 ours=$5 label=$6
  read -r b0 s0 t0 <<<"$3"
  read -r b1 s1 t1 <<<"$4"
  awk -v name="$name" -v core="$core" -v busy=$((b1 - b0)) -v steal=$((s1 - s0)) -v total=$((t1 - t0)) \
    -v ours="$ours" -v label="$label" 'BEGIN {
      if (total <= 0) exit
      mine = label == "" ? "" : sprintf("%s %.0f%%, other processes ", label, 100 * ours / total)
      printf "%s, core %d: %s%.0f%% busy, stolen %.0f%%, idle %.0f%%\n", name, core, mine,
             100 * (busy - ours) / total, 100 * steal / total, 100 * (total - busy - steal) / total
    }'
}

# fsync_probe FILE: five times a second, one synced 4 KB write beside the
# store (dd oflag=dsync, on the bench's core), its seconds appended to FILE;
# bounded in count, and stopped after each run. A slow one while a run's
# tail grows points at the disk (every issue and call waits for an fsync).
fsync_probe() {
  for _ in $(seq 1 $((SECONDS_PER_RUN * 5 + 3000))); do
    "${BENCH_PIN[@]}" dd if=/dev/zero of="$DATA/fsync-probe" bs=4k count=1 oflag=dsync 2>&1 |
      awk '/copied/ { print $(NF - 3) }' >>"$1"
    sleep 0.2
  done
}

# fsync_summary NAME: count, median and largest probe write, and how many took 50 ms or more.
fsync_summary() {
  sort -g "$OUT/$1.fsync" | awk -v name="$1" '{ v[NR] = $1 } END {
      if (NR == 0) exit
      slow = 0; for (i = 1; i <= NR; i++) if (v[i] >= 0.05) slow++
      printf "%s, synced 4 KB writes beside the store: %d, median %.2f ms, max %.1f ms, %d of 50 ms or more\n",
             name, NR, 1000 * v[int((NR + 1) / 2)], 1000 * v[NR], slow
    }'
}

# run NAME MODE-ARGS...: one bench run, pinned; records the whole-run CPU
# of the gateway and the server from /proc, how the cores were used, and
# the fsync probe.
run() {
  local name=$1
  shift
  : >"$OUT/$name.fsync"
  fsync_probe "$OUT/$name.fsync" &
  PROBE_PID=$!
  local gw_before sv_before core0_before core1_before
  gw_before=$(cpu_ticks "$GATEWAY_PID")
  sv_before=$(cpu_ticks "$SERVER_PID")
  core0_before=$(core_ticks 0)
  core1_before=$(core_ticks 1)
  timeout $((SECONDS_PER_RUN + 900)) "${BENCH_PIN[@]}" "$BENCH" --duration "$SECONDS_PER_RUN" --quiet \
    --json "$OUT/$name.json" "$@" --gateway "$GATEWAY_URL" \
    --cpu-pid "gateway=$GATEWAY_PID" --cpu-pid "server=$SERVER_PID" >"$OUT/$name.txt" 2>&1 ||
    echo "qms-bench $name failed; see $OUT/$name.txt" >&2
  kill "$PROBE_PID" 2>/dev/null || true
  wait "$PROBE_PID" 2>/dev/null || true
  PROBE_PID=
  local gw=$(( $(cpu_ticks "$GATEWAY_PID") - gw_before )) sv=$(( $(cpu_ticks "$SERVER_PID") - sv_before ))
  echo "$gw $sv" >"$OUT/$name.wholecpu"
  if [[ ${#SERVICES_PIN[@]} -gt 0 ]]; then
    {
      core_use "$name" 0 "$core0_before" "$(core_ticks 0)" $((gw + sv)) "gateway+server"
      core_use "$name" 1 "$core1_before" "$(core_ticks 1)" 0 ""  # the bench's core: its CPU is in its JSON
    } >"$OUT/$name.cores"
  fi
}

# requests NAME METRIC: OK plus failed outcomes of METRIC in the run's text output.
requests() {
  awk -v metric="$2" '$1 == metric {
      n = $2
      for (i = 9; i <= NF; i++) { split($i, kv, "="); n += kv[2] }
      print n
    }' "$OUT/$1.txt"
}

# row NAME LABEL METRIC COUNT UNIT: a table row from the run's text output,
# with the gateway's and the server's whole-run CPU per COUNT UNITs.
row() {
  local name=$1 label=$2 metric=$3 count=${4:-0} unit=$5 gw sv
  read -r gw sv <"$OUT/$name.wholecpu"
  awk -v label="$label" -v metric="$metric" -v count="$count" -v unit="$unit" -v hz="$HZ" -v gw="$gw" \
    -v sv="$sv" '
    $1 == metric {
      ok = $2; p50 = $4; p99 = $6; p999 = $7; max = $8; errors = $9
      for (i = 10; i <= NF; i++) errors = errors " " $i
    }
    END {
      if (ok == "") { printf "| %s | failed: see its .txt | | | | | | |\n", label; exit }
      cpu = count > 0 ? sprintf("%.0f / %.0f µs per %s", gw / hz * 1e6 / count, sv / hz * 1e6 / count, unit) : "-"
      printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", label, ok, p50, p99, p999, max, errors, cpu
    }' "$OUT/$name.txt"
}

# cpu_of NAME PROCESS UNIT: the measured-phase µs per unit the bench reported.
cpu_of() {
  grep "^cpu: " "$OUT/$1.txt" | grep -o "\"$2\":{[^}]*}" | grep -o "\"us_per_$3\":[0-9.]*" | cut -d: -f2 |
    awk '{ printf "%.0f", $1 }'
}

{
  echo "qms-gateway targets, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -r); $PINNING;"
  echo "gateway --no-voice, no printer; store in $DATA ($(df -T "$(dirname "$DATA")" | awk 'NR == 2 { print $2 }')); $SECONDS_PER_RUN s per run"
  echo
} >"$OUT/gateway.md"

echo "runs of $SECONDS_PER_RUN s; $PINNING; results in $OUT" >&2
run kiosk_open gateway-kiosk --centre 10001 --kiosks "$KIOSKS" --tap-interval-ms "$TAP_MS"
run kiosk_closed gateway-kiosk --centre 10001 --kiosks "$KIOSKS"
run pages gateway-pages --centre 10002 --pages "$PAGES" --calls-per-second "$CALLS"

{
  echo "| run | samples | p50 ms | p99 ms | p99.9 ms | max ms | errors | gateway / server CPU, whole run |"
  echo "|---|---|---|---|---|---|---|---|"
  row kiosk_open "tap to ticket, $KIOSKS kiosks, a tap every $TAP_MS ms each" tap_to_ticket \
    "$(requests kiosk_open tap_to_ticket)" ticket
  row kiosk_closed "tap to ticket, $KIOSKS kiosks, closed loop" tap_to_ticket \
    "$(requests kiosk_closed tap_to_ticket)" ticket
  row pages "call to page, $PAGES pages, $CALLS calls/s" call_to_page "$(field answered "$OUT/pages.txt")" call
  echo
  echo "Measured phase only (the bench's --cpu-pid), µs of CPU:"
  echo
  echo "| run | gateway | server | bench |"
  echo "|---|---|---|---|"
  for name in kiosk_open kiosk_closed; do
    echo "| $name, per ticket | $(cpu_of $name gateway request) | $(cpu_of $name server request) | $(cpu_of $name bench request) |"
  done
  echo "| pages, per call | $(cpu_of pages gateway call) | $(cpu_of pages server call) | $(cpu_of pages bench call) |"
  echo "| pages, per delivered frame | $(cpu_of pages gateway frame) | $(cpu_of pages server frame) | $(cpu_of pages bench frame) |"
  echo
  for name in kiosk_open kiosk_closed pages; do
    echo "$name: $(grep -E '^(offered|achieved) ' "$OUT/$name.txt" || echo 'no rate line')"
  done
  # How late the bench itself sent: a large p99 means the bench's core, not
  # the gateway, set the open loop's tail.
  echo "kiosk_open send_lag and exchange (from the send, not the due moment), ms (ok ok/s p50 p90 p99 p99.9 max):"
  echo "    $(awk '$1 == "send_lag" || $1 == "exchange"' "$OUT/kiosk_open.txt" | tr '\n' ';')"
  echo "pages call_next and call_lag (ms): $(awk '$1 == "call_next" || $1 == "call_lag"' "$OUT/pages.txt" | tr '\n' ';')"
  echo "load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
  cat "$OUT"/*.cores 2>/dev/null || true
  for name in kiosk_open kiosk_closed pages; do fsync_summary "$name"; done
  echo "pages: $(grep '^streams: ' "$OUT/pages.txt" || true)"
  echo "pages: $(grep '^calls: ' "$OUT/pages.txt" || true)"
} >>"$OUT/gateway.md"
cat "$OUT/gateway.md"
