#!/usr/bin/env bash
# The go-live day compressed past what this machine can serve: how much of
# what the bench sees (goodput below the offered rate, stretches of zero,
# DEADLINE_EXCEEDED) is the server, and how much the bench itself?
# Starts one qms-server (national config, fresh store, queue services,
# plaintext, --insecure-no-auth), by default pinned to CPU 0 with the bench
# pinned to CPU 1 (--no-split: both float over every CPU), runs
#   qms-bench golive --day-minutes M
# and samples every second, for the server and for the bench, the CPU each
# used and the time its threads were ready to run but waited for a CPU
# (the sums of /proc/PID/task/*/schedstat, in % of one core). A process whose
# core is full (used >= 95%) is the limit; one that waits long for a CPU is
# held back by whatever else runs on the machine, not by its own work.
# Prints the bench's summary and these figures, and writes the per-second
# samples to OUT/cpu.tsv beside the bench's JSON (OUT/golive.json, whose
# series gives ok/s, failures/s and calls in flight per second).
#
#   bench/golive-overload.sh [--build DIR] [--day-minutes 3] [--seconds S] [--no-split] [--port 29420]
#                            [--out DIR] [-- QMS_BENCH_FLAGS...]
#
# --day-minutes 3 is 190x real time; --seconds bounds the run (default: the
# whole day). Flags after `--` go to qms-bench before the mode name.
set -euo pipefail

BUILD=build
DAY_MINUTES=3
RUN_SECONDS=""
SPLIT=1
PORT=29420
OUT=/tmp/qms-golive-overload
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) BUILD=$2; shift 2 ;;
    --day-minutes) DAY_MINUTES=$2; shift 2 ;;
    --seconds) RUN_SECONDS=$2; shift 2 ;;
    --no-split) SPLIT=0; shift ;;
    --port) PORT=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "unknown flag $1" >&2; exit 2 ;;
  esac
done
EXTRA=("$@")

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SERVER=$ROOT/$BUILD/services/server/qms-server
BENCH=$ROOT/$BUILD/bench/qms-bench
HZ=$(getconf CLK_TCK)
mkdir -p "$OUT"
rm -rf "$OUT/data"
"$ROOT/$BUILD/bench/qms-gen-config" --centres 3321 --bench -o "$OUT/national.yaml"

PIN_SERVER=()
PIN_BENCH=()
if [[ $SPLIT -eq 1 && $(nproc) -ge 2 ]]; then
  PIN_SERVER=(taskset -c 0)
  PIN_BENCH=(taskset -c 1)
fi

PIDS=()
trap 'for p in "${PIDS[@]}"; do kill -INT "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT
"${PIN_SERVER[@]}" "$SERVER" --config "$OUT/national.yaml" --data-dir "$OUT/data" \
  --listen "127.0.0.1:$PORT" --services queue --insecure-no-auth >"$OUT/server.log" 2>&1 &
SERVER_PID=$!
PIDS+=("$SERVER_PID")
for _ in $(seq 1 3000); do
  grep -q "listening on" "$OUT/server.log" && break
  sleep 0.1
done
grep -q "listening on" "$OUT/server.log" || { echo "server did not start; see $OUT/server.log" >&2; exit 1; }

DURATION=()
[[ -n $RUN_SECONDS ]] && DURATION=(--duration "$RUN_SECONDS")
echo "== golive --day-minutes $DAY_MINUTES, split=$SPLIT, load average $(cut -d' ' -f1-3 /proc/loadavg) =="
"${PIN_BENCH[@]}" "$BENCH" --target "127.0.0.1:$PORT" --json "$OUT/golive.json" "${DURATION[@]}" "${EXTRA[@]}" \
  golive --day-minutes "$DAY_MINUTES" >"$OUT/golive.txt" 2>"$OUT/golive.err" &
BENCH_PID=$!
PIDS+=("$BENCH_PID")

# "RUN WAIT" in 10 ms units: CPU used (/proc/PID/stat, every thread that
# ever ran) and time waited for a CPU (schedstat of the threads alive now;
# a second in which a thread ended may read low, and is counted as 0).
sched() {
  local run wait
  run=$(awk -v hz="$HZ" '{ printf "%.0f", ($14 + $15) * 100 / hz }' "/proc/$1/stat" 2>/dev/null || echo 0)
  wait=$(cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{ w += $2 } END { printf "%.0f", w / 1e7 }')
  echo "${run:-0} ${wait:-0}"
}
clamp() { echo $(($1 < 0 ? 0 : $1)); }
printf 's\tserver_cpu_pct\tserver_wait_pct\tbench_cpu_pct\tbench_wait_pct\tloadavg\n' >"$OUT/cpu.tsv"
read -r s_run s_wait <<<"$(sched "$SERVER_PID")"
read -r b_run b_wait <<<"$(sched "$BENCH_PID")"
second=0
# Bounded: the bench ends by itself (its day plus preparation and drain).
while kill -0 "$BENCH_PID" 2>/dev/null && [[ $second -lt 7200 ]]; do
  sleep 1
  second=$((second + 1))
  read -r s_run2 s_wait2 <<<"$(sched "$SERVER_PID")"
  read -r b_run2 b_wait2 <<<"$(sched "$BENCH_PID")"
  [[ -e /proc/$BENCH_PID/stat ]] || break
  printf '%d\t%d\t%d\t%d\t%d\t%s\n' "$second" $((s_run2 - s_run)) "$(clamp $((s_wait2 - s_wait)))" \
    $((b_run2 - b_run)) "$(clamp $((b_wait2 - b_wait)))" "$(cut -d' ' -f1 /proc/loadavg)" >>"$OUT/cpu.tsv"
  s_run=$s_run2 s_wait=$s_wait2 b_run=$b_run2 b_wait=$b_wait2
done
wait "$BENCH_PID" || true
cat "$OUT/golive.txt"
tail -n 3 "$OUT/golive.err"
echo "== CPU per second (% of one core), load average now $(cut -d' ' -f1-3 /proc/loadavg) =="
awk -F'\t' 'NR > 1 {
    n++; s += $2; sw += $3; b += $4; bw += $5; l += $6
    if ($2 >= 95) sfull++
    if ($4 >= 95) bfull++
  }
  END {
    if (n == 0) exit
    printf "%d s sampled (preparation included), mean load average %.1f\n", n, l / n
    printf "server: used %.0f%% of a core, waited for a CPU %.0f%%; core full %d s\n", s / n, sw / n, sfull
    printf "bench:  used %.0f%% of a core, waited for a CPU %.0f%%; core full %d s\n", b / n, bw / n, bfull
  }' "$OUT/cpu.tsv" | tee "$OUT/summary.txt"
