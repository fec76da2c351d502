#!/usr/bin/env bash
# What do access control and TLS cost per operation? Starts three
# qms-servers on loopback with the national config and fresh stores:
#   plain  plaintext, --insecure-no-auth (no token checked)
#   auth   plaintext, --auth-keys: the bench sends a KIOSK token for all
#          centres (rate limit 1,000,000/s: the bucket is taken, never empty)
#   tls    --auth-keys and TLS (demo certificates from
#          scripts/make-demo-certs.sh, made in the output folder), the same token
# and alternates the same qms-bench run between them: plain, auth, tls,
# plain, ... ROUNDS times per mode, so that the machine's drift falls on all
# alike. Prints rate and CPU time per operation of the server
# (/proc/PID/stat) and of the bench (/usr/bin/time) for every run, and the
# means: auth - plain is the cost of the token check, tls - auth that of TLS.
# (EchoService is open, no token is checked: echo shows TLS alone.)
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
QMSCTL=$ROOT/$BUILD/services/qmsctl/qmsctl
rm -rf "$OUT/plain" "$OUT/auth" "$OUT/tls" "$OUT/rows" "$OUT/keys.txt"
bash "$ROOT/scripts/make-demo-certs.sh" "$CERTS" >/dev/null
"$ROOT/$BUILD/bench/qms-gen-config" --centres 3321 --bench -o "$OUT/national.yaml"
cat >>"$OUT/national.yaml" <<'YAML'
access:
  rate_limits:
    kiosk: {per_second: 1000000, burst: 10000000}
YAML
"$QMSCTL" keygen --out "$OUT/keys.txt" --key-id bench >/dev/null
TOKEN=$("$QMSCTL" token --key-file "$OUT/keys.txt" --role kiosk --all --subject bench-kiosk --ttl 1d)
source "$ROOT/bench/side_by_side.sh"

SERVER_TLS=(--tls-cert "$CERTS/server.pem" --tls-key "$CERTS/server.key")
BENCH_TLS=(--tls-ca "$CERTS/ca.pem")
if [[ $MUTUAL == 1 ]]; then
  SERVER_TLS+=(--tls-client-ca "$CERTS/ca.pem")
  BENCH_TLS+=(--tls-cert "$CERTS/gateway.pem" --tls-key "$CERTS/gateway.key")
fi

# start NAME PORT [flags...]: a queue server of the national config.
start() {
  local name=$1 port=$2
  shift 2
  start_server "$name" "$SERVER" --config "$OUT/national.yaml" --data-dir "$OUT/$name" --listen "127.0.0.1:$port" \
    --services queue "$@"
}

start plain 29094 --insecure-no-auth
start auth 29096 --auth-keys "$OUT/keys.txt"
start tls 29095 --auth-keys "$OUT/keys.txt" "${SERVER_TLS[@]}"
grep -h "listening on" "$OUT/plain.log" "$OUT/auth.log" "$OUT/tls.log" | sed 's/^/  /'

echo "${SECONDS_PER_RUN}-second runs, 256 in flight, 2 threads, 2 channels; TLS side: $([[ $MUTUAL == 1 ]] && echo mutual TLS || echo TLS)"
printf '%-6s %-6s %-10s %12s %16s %16s\n' mode round side "ops/s" "server µs/op" "bench µs/op"
for mode in "${MODES[@]}"; do
  for round in $(seq 1 "$ROUNDS"); do
    for side in plain auth tls; do
      case $side in
        plain) line=$(measure plain "${PIDS[0]}" 29094 "$SECONDS_PER_RUN" "$mode") ;;
        auth) line=$(measure auth "${PIDS[1]}" 29096 "$SECONDS_PER_RUN" "$mode" --token "$TOKEN") ;;
        tls) line=$(measure tls "${PIDS[2]}" 29095 "$SECONDS_PER_RUN" "$mode" --token "$TOKEN" "${BENCH_TLS[@]}") ;;
      esac
      read -r name rate server bench <<<"$line"
      printf '%-6s %-6s %-10s %12s %16s %16s\n' "$mode" "$round" "$name" "$rate" "$server" "$bench"
      echo "$mode $name $rate $server $bench" >>"$OUT/rows"
    done
  done
done
awk '{ k = $1 " " $2; rate[k] += $3; server[k] += $4; bench[k] += $5; n[k]++; modes[$1] = 1 }
  END {
    for (m in modes) {
      p = m " plain"; a = m " auth"; t = m " tls"
      printf "%s mean: plain %.0f/s (server %.1f, bench %.1f µs/op), auth %.0f/s (server %.1f, bench %.1f), auth+TLS %.0f/s (server %.1f, bench %.1f)\n",
        m, rate[p] / n[p], server[p] / n[p], bench[p] / n[p], rate[a] / n[a], server[a] / n[a], bench[a] / n[a],
        rate[t] / n[t], server[t] / n[t], bench[t] / n[t]
      printf "%s cost per operation: token check %+.1f µs server CPU; TLS %+.1f µs server, %+.1f µs bench CPU; auth+TLS/plain rate %.2f\n",
        m, server[a] / n[a] - server[p] / n[p], server[t] / n[t] - server[a] / n[a], bench[t] / n[t] - bench[a] / n[a],
        (rate[t] / n[t]) / (rate[p] / n[p])
    }
  }' "$OUT/rows"
