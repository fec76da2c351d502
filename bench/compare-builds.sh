#!/usr/bin/env bash
# Did a change make the server cheaper or dearer? Starts two qms-servers built
# from two revisions (BEFORE and AFTER: paths to their qms-server binaries) on
# loopback, with the national config and fresh stores, both plaintext and
# --insecure-no-auth, and alternates the same closed-loop qms-bench run
# between them, before, after, before, ... ROUNDS times per mode, so that the
# machine's drift falls on both alike. Prints rate and server CPU time per
# operation (/proc/PID/stat) for every run and the means.
#
#   bench/compare-builds.sh BEFORE_SERVER AFTER_SERVER [--build DIR] [--rounds 3] [--seconds 10] [--out DIR] [--port 29097] [MODE...]
#
# To keep a binary of today's main for a later comparison:
#   cp build/services/server/qms-server /tmp/qms-server-before
# MODEs default to `issue`. Ports --port and the next (default 29097 and 29098,
# below the ephemeral range). The bench and the config generator come from
# --build (default build/).
set -euo pipefail

if [[ $# -lt 2 ]]; then
  sed -n '2,15p' "$0" >&2
  exit 2
fi
BEFORE=$1
AFTER=$2
shift 2
BUILD=build
ROUNDS=3
SECONDS_PER_RUN=10
OUT=/tmp/qms-compare-builds
PORT=29097
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) BUILD=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --seconds) SECONDS_PER_RUN=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    -*) echo "unknown flag $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
MODES=("$@")
[[ ${#MODES[@]} -gt 0 ]] || MODES=(issue)

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/$BUILD/bench/qms-bench
mkdir -p "$OUT"
rm -rf "$OUT/before" "$OUT/after" "$OUT/rows"
"$ROOT/$BUILD/bench/qms-gen-config" --centres 3321 --bench -o "$OUT/national.yaml"
source "$ROOT/bench/side_by_side.sh"

# start NAME BINARY PORT: a queue server of the national config, without access control.
start() {
  start_server "$1" "$2" --config "$OUT/national.yaml" --data-dir "$OUT/$1" --listen "127.0.0.1:$3" \
    --services queue --insecure-no-auth
}

start before "$BEFORE" "$PORT"
start after "$AFTER" $((PORT + 1))

echo "${SECONDS_PER_RUN}-second runs, 256 in flight; before: $BEFORE, after: $AFTER"
printf '%-6s %-6s %-8s %12s %16s\n' mode round side "ops/s" "server µs/op"
for mode in "${MODES[@]}"; do
  for round in $(seq 1 "$ROUNDS"); do
    for side in before after; do
      if [[ $side == before ]]; then
        line=$(measure before "${PIDS[0]}" "$PORT" "$SECONDS_PER_RUN" "$mode")
      else
        line=$(measure after "${PIDS[1]}" $((PORT + 1)) "$SECONDS_PER_RUN" "$mode")
      fi
      read -r name rate server _ <<<"$line"
      printf '%-6s %-6s %-8s %12s %16s\n' "$mode" "$round" "$name" "$rate" "$server"
      echo "$mode $name $rate $server" >>"$OUT/rows"
    done
  done
done
awk '{ k = $1 " " $2; rate[k] += $3; server[k] += $4; n[k]++; modes[$1] = 1 }
  END {
    for (m in modes) {
      b = m " before"; a = m " after"
      printf "%s mean: before %.0f/s, %.1f µs server CPU/op; after %.0f/s, %.1f µs/op; after/before CPU %.3f\n",
        m, rate[b] / n[b], server[b] / n[b], rate[a] / n[a], server[a] / n[a], (server[a] / n[a]) / (server[b] / n[b])
    }
  }' "$OUT/rows"
