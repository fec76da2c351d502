#!/usr/bin/env bash
# Does a full store cost speed? Starts two qms-servers on loopback with the
# national config: one on a fresh, empty store and one on FULL (a store
# filled before, e.g. the one bench/run-targets.sh leaves in
# /tmp/qms-targets/data), and alternates the same qms-bench run between them,
# ROUNDS times, so that the machine's drift falls on both alike. Prints rate,
# server and bench CPU per operation and the load average of every run, and
# the mean ratio full/empty. The servers, the wait until idle and the
# measured run are bench/side_by_side.sh's.
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
# shellcheck source=side_by_side.sh
source "$ROOT/bench/side_by_side.sh"
trap 'stop_servers; rm -rf "$OUT"' EXIT

# start NAME DATA PORT: a queue server of the national config on DATA.
start() {
  start_server "$1" "$SERVER" --config "$OUT/national.yaml" --data-dir "$2" --listen "127.0.0.1:$3" \
    --services queue --insecure-no-auth
}

start empty "$OUT/empty" 50091
start full "$FULL" 50092
idle "${PIDS[0]}" 120
idle "${PIDS[1]}" 120

echo "${MODE[*]}, ${SECONDS_PER_RUN}-second runs, 256 in flight; server CPU includes any preparation"
printf '%-8s %-6s %12s %16s %16s %s\n' round store "ops/s" "server µs/op" "bench µs/op" "load (1 min)"
for round in $(seq 1 "$ROUNDS"); do
  for side in empty full; do
    if [[ $side == empty ]]; then line=$(measure empty "${PIDS[0]}" 50091 "$SECONDS_PER_RUN" "${MODE[*]}")
    else line=$(measure full "${PIDS[1]}" 50092 "$SECONDS_PER_RUN" "${MODE[*]}"); fi
    read -r name rate cpu bench <<<"$line"
    printf '%-8s %-6s %12s %16s %16s %s\n' "$round" "$name" "$rate" "$cpu" "$bench" "$(cut -d' ' -f1 /proc/loadavg)"
    echo "$name $rate" >>"$OUT/rates"
  done
done
awk '{ sum[$1] += $2; n[$1]++ } END {
  printf "mean: empty %.0f/s, full %.0f/s, full/empty %.2f\n", sum["empty"] / n["empty"], sum["full"] / n["full"],
    (sum["full"] / n["full"]) / (sum["empty"] / n["empty"]) }' "$OUT/rates"
