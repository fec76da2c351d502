# Sourced by the benches that start their own servers (compare-tls.sh,
# compare-builds.sh, compare-stores.sh, retention-bench.sh, golive-data.sh):
# servers started on loopback and stopped at exit, a wait until a server is
# idle, and one measured bench run against one of them. Needs OUT (a
# folder) and BENCH (qms-bench) set.

HZ=$(getconf CLK_TCK)
PIDS=()
stop_servers() {
  for pid in "${PIDS[@]}"; do kill -INT "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_servers EXIT

# start_server NAME COMMAND...: runs COMMAND (a qms-server) with its log in
# OUT/NAME.log, appends its pid to PIDS, and waits (at most 5 minutes) until
# it listens.
start_server() {
  local name=$1
  shift
  "$@" >"$OUT/$name.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 3000); do
    grep -q "listening on" "$OUT/$name.log" && return 0
    sleep 0.1
  done
  echo "$name server did not start; see $OUT/$name.log" >&2
  exit 1
}

ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# idle PID [SECONDS]: waits (at most SECONDS, default 240) until the server
# uses under 5% of a core over 2 seconds (RocksDB's compactions after opening
# a full store, a retention pass).
idle() {
  local before
  for _ in $(seq 1 $((${2:-240} / 2))); do
    before=$(ticks "$1")
    sleep 2
    [[ $(($(ticks "$1") - before)) -lt $((HZ / 10)) ]] && return 0
  done
}

# measure SIDE PID PORT SECONDS MODE [bench flags...]: one closed-loop run
# (256 in flight) of qms-bench MODE against 127.0.0.1:PORT (MODE may carry
# its own flags, split on spaces: "call --finish complete"); prints
# "SIDE ops/s server-µs/op bench-µs/op" (CPU time per operation of the
# server, from /proc/PID/stat, and of the bench, from /usr/bin/time).
measure() {
  local side=$1 pid=$2 port=$3 seconds=$4 mode=$5 before after ok rate bench
  shift 5
  before=$(ticks "$pid")
  # shellcheck disable=SC2086 # MODE splits into the mode and its flags
  /usr/bin/time -f "%U %S" -o "$OUT/run.time" \
    "$BENCH" --target "127.0.0.1:$port" --duration "$seconds" --in-flight 256 --quiet "$@" $mode \
    >"$OUT/run.txt" 2>&1 || true
  after=$(ticks "$pid")
  ok=$(awk '/^operation / { print $2 }' "$OUT/run.txt")
  rate=$(awk '/achieved/ { for (i = 1; i < NF; i++) if ($i == "achieved") print $(i + 1) }' "$OUT/run.txt")
  bench=$(awk '{ print $1 + $2 }' "$OUT/run.time")
  echo "$side ${rate:-0} $(awk -v t=$((after - before)) -v hz="$HZ" -v n="${ok:-1}" 'BEGIN { printf "%.1f", t * 1e6 / hz / n }') $(awk -v s="$bench" -v n="${ok:-1}" 'BEGIN { printf "%.1f", s * 1e6 / n }')"
}
