#!/usr/bin/env bash
# What does TLS cost per operation? Starts two qms-servers on loopback with
# the national config and fresh stores, one plaintext and one with TLS
# (demo certificates from scripts/make-demo-certs.sh, made in the output
# folder), and alternates the same qms-bench run between them: plaintext,
# TLS, plaintext, TLS, ... ROUNDS times per mode, so that the machine's drift
# falls on both alike. Prints rate and CPU time per operation of the server
# (/proc/PID/stat) and of the bench (/usr/bin/time) for every run, and the
# mean TLS/plaintext ratios per mode.
#
#   bench/compare-tls.sh [--build DIR] [--rounds 2] [--seconds 8] [--mutual] [--out DIR] [MODE...]
#
# MODEs default to `echo issue`. --mutual starts the TLS server with
# --tls-client-ca and gives the bench the gateway's client certificate
# (mutual TLS). The channels connect (and shake hands) before the measured
# time: the figures are the steady cost of encrypting calls, not of
# handshakes. Every run is bounded by --seconds.
set -euo pipefail

BUILD=build
ROUNDS=2
SECONDS_PER_RUN=8
MUTUAL=0
OUT=/tmp/qms-compare-tls
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) BUILD=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --seconds) SECONDS_PER_RUN=$2; shift 2 ;;
    --mutual) MUTUAL=1; shift ;;
    --out) OUT=$2; shift 2 ;;
    -*) echo "unknown flag $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
MODES=("$@")
[[ ${#MODES[@]} -gt 0 ]] || MODES=(echo issue)

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SERVER=$ROOT/$BUILD/services/server/qms-server
BENCH=$ROOT/$BUILD/bench/qms-bench
CERTS=$OUT/certs
mkdir -p "$OUT"
rm -rf "$OUT/plain" "$OUT/tls" "$OUT/rows"
bash "$ROOT/scripts/make-demo-certs.sh" "$CERTS" >/dev/null
"$ROOT/$BUILD/bench/qms-gen-config" --centres 3321 --bench -o "$OUT/national.yaml"
HZ=$(getconf CLK_TCK)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -INT "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

SERVER_TLS=(--tls-cert "$CERTS/server.pem" --tls-key "$CERTS/server.key")
BENCH_TLS=(--tls-ca "$CERTS/ca.pem")
if [[ $MUTUAL == 1 ]]; then
  SERVER_TLS+=(--tls-client-ca "$CERTS/ca.pem")
  BENCH_TLS+=(--tls-cert "$CERTS/gateway.pem" --tls-key "$CERTS/gateway.key")
fi

# start NAME PORT [flags...]: starts a server; waits (at most 5 minutes) until it listens.
start() {
  local name=$1 port=$2
  shift 2
  "$SERVER" --config "$OUT/national.yaml" --data-dir "$OUT/$name" --listen "127.0.0.1:$port" --services queue \
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

start plain 50094
start tls 50095 "${SERVER_TLS[@]}"
grep -h "listening on" "$OUT/plain.log" "$OUT/tls.log" | sed 's/^/  /'

# run SIDE PID PORT MODE [bench flags...]: one bench run; prints
# "SIDE ops/s server-µs/op bench-µs/op".
run() {
  local side=$1 pid=$2 port=$3 mode=$4 before after ok rate bench
  shift 4
  before=$(ticks "$pid")
  /usr/bin/time -f "%U %S" -o "$OUT/run.time" \
    "$BENCH" --target "127.0.0.1:$port" --duration "$SECONDS_PER_RUN" --in-flight 256 --quiet "$@" "$mode" \
    >"$OUT/run.txt" 2>&1 || true
  after=$(ticks "$pid")
  ok=$(awk '/^operation / { print $2 }' "$OUT/run.txt")
  rate=$(awk '/achieved/ { for (i = 1; i < NF; i++) if ($i == "achieved") print $(i + 1) }' "$OUT/run.txt")
  bench=$(awk '{ print $1 + $2 }' "$OUT/run.time")
  echo "$side ${rate:-0} $(((after - before) * 1000000 / HZ / ${ok:-1})) $(awk -v s="$bench" -v n="${ok:-1}" 'BEGIN { printf "%d", s * 1e6 / n }')"
}

echo "${SECONDS_PER_RUN}-second runs, 256 in flight, 2 threads, 2 channels; TLS side: $([[ $MUTUAL == 1 ]] && echo mutual TLS || echo TLS)"
printf '%-6s %-6s %-10s %12s %16s %16s\n' mode round side "ops/s" "server µs/op" "bench µs/op"
for mode in "${MODES[@]}"; do
  for round in $(seq 1 "$ROUNDS"); do
    for side in plain tls; do
      if [[ $side == plain ]]; then
        line=$(run plain "${PIDS[0]}" 50094 "$mode")
      else
        line=$(run tls "${PIDS[1]}" 50095 "$mode" "${BENCH_TLS[@]}")
      fi
      read -r name rate server bench <<<"$line"
      printf '%-6s %-6s %-10s %12s %16s %16s\n' "$mode" "$round" "$name" "$rate" "$server" "$bench"
      echo "$mode $name $rate $server $bench" >>"$OUT/rows"
    done
  done
done
awk '{ k = $1 " " $2; rate[k] += $3; server[k] += $4; bench[k] += $5; n[k]++; modes[$1] = 1 }
  END {
    for (m in modes) {
      p = m " plain"; t = m " tls"
      printf "%s mean: plaintext %.0f/s (server %.0f, bench %.0f µs/op), TLS %.0f/s (server %.0f, bench %.0f µs/op): TLS/plaintext rate %.2f, server CPU/op %.2f\n",
        m, rate[p] / n[p], server[p] / n[p], bench[p] / n[p], rate[t] / n[t], server[t] / n[t], bench[t] / n[t],
        (rate[t] / n[t]) / (rate[p] / n[p]), (server[t] / n[t]) / (server[p] / n[p])
    }
  }' "$OUT/rows"
