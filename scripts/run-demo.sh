#!/usr/bin/env bash
# The README's run command: installs what is missing, builds, and runs a
# whole centre on the embedded default: qms-server (RocksDB under ./data,
# the demo centres of config/demo.yaml, gRPC on 127.0.0.1:50051) and
# qms-gateway (the pages on http://127.0.0.1:8080, tickets printed to files
# under data/tickets/, calls spoken with espeak-ng). Ctrl-C stops both.
#
# Access control and TLS are on, as in a centre: the first start makes a
# signing key (data/auth/keys.txt) and demo certificates (data/tls/); every
# start makes fresh tokens for each role (data/auth/tokens.txt, printed
# below) and the gateway's (data/auth/gateway.tokens). gRPC runs over TLS;
# the pages stay on plain HTTP on loopback unless QMS_HTTPS=1.
#
# Settings (environment): QMS_LISTEN (gRPC, 127.0.0.1:50051),
# QMS_WEB_LISTEN (pages, 127.0.0.1:8080; 0.0.0.0:8080 lets the kiosk, the
# board and phones on the centre's network reach it), QMS_PUBLIC_URL (the
# address in the tickets' QR codes), QMS_CENTRES (default: every demo
# centre), QMS_PRINTER (default file:data/tickets/; tcp:HOST:9100 for a
# network thermal printer), QMS_HTTPS=1 (the pages over HTTPS with the demo
# certificate).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
BUILD_DIR="${QMS_BUILD_DIR:-build}"
LISTEN="${QMS_LISTEN:-127.0.0.1:50051}"
WEB_LISTEN="${QMS_WEB_LISTEN:-127.0.0.1:8080}"
CENTRES="${QMS_CENTRES:-09187,07696,11413,11320,00070}"
PRINTER="${QMS_PRINTER:-file:data/tickets/}"
QMSCTL="$BUILD_DIR/services/qmsctl/qmsctl"
mkdir -p data/tickets data/logs
bash scripts/make-demo-certs.sh data/tls
bash scripts/demo-auth.sh "$QMSCTL" data "$CENTRES"
token_of() { awk -v s="$1" '$2 == s { print $3 }' data/auth/tokens.txt; }

server_pid=""
gateway_pid=""
stop() {
  trap - INT TERM EXIT
  echo
  echo "Dừng / stopping..."
  [ -n "$gateway_pid" ] && kill -TERM "$gateway_pid" 2>/dev/null || true
  [ -n "$server_pid" ] && kill -TERM "$server_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  echo "Đã dừng / stopped. Dữ liệu / data: ./data"
}
trap stop INT TERM EXIT

# Waits until `file` has a line matching `pattern`, or the process exits.
wait_for_line() {
  local file=$1 pattern=$2 pid=$3
  for _ in $(seq 1 600); do
    grep -q "$pattern" "$file" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$file" >&2; return 1; }
    sleep 0.1
  done
  echo "timed out waiting for \"$pattern\" in $file" >&2
  return 1
}

echo "Khởi động qms-server / starting qms-server on $LISTEN (log: data/logs/server.log)"
"$BUILD_DIR/services/server/qms-server" --config config/demo.yaml --data-dir data --listen "$LISTEN" \
  --auth-keys data/auth/keys.txt --tls-cert data/tls/server.pem --tls-key data/tls/server.key \
  >data/logs/server.log 2>&1 &
server_pid=$!
wait_for_line data/logs/server.log "listening on" "$server_pid"

gateway_args=(--server "$LISTEN" --centres "$CENTRES" --listen "$WEB_LISTEN" --printer "$PRINTER"
  --tokens data/auth/gateway.tokens --tls-ca data/tls/ca.pem)
scheme=http
if [ "${QMS_HTTPS:-0}" = 1 ]; then
  gateway_args+=(--https-cert data/tls/server.pem --https-key data/tls/server.key)
  scheme=https
fi
[ -n "${QMS_PUBLIC_URL:-}" ] && gateway_args+=(--public-url "$QMS_PUBLIC_URL")
echo "Khởi động qms-gateway / starting qms-gateway on $WEB_LISTEN (log: data/logs/gateway.log)"
"$BUILD_DIR/kiosk/gateway/qms-gateway" "${gateway_args[@]}" >data/logs/gateway.log 2>&1 &
gateway_pid=$!
wait_for_line data/logs/gateway.log "listening on" "$gateway_pid"

base="$scheme://${WEB_LISTEN/0.0.0.0/127.0.0.1}"
echo
echo "Các trang / the pages:  $base/"
IFS=',' read -ra ids <<<"$CENTRES"
for id in "${ids[@]}"; do
  echo "  Trung tâm / centre $id:"
  echo "    ki-ốt lấy số / kiosk          $base/c/$id/kiosk"
  echo "    bảng gọi số / board           $base/c/$id/board"
  echo "    quầy giao dịch / counter      $base/c/$id/counter"
  echo "      như cán bộ / as clerk lan-$id: $base/c/$id/counter#token=$(token_of "lan-$id")"
  echo "    giám sát / dashboard          $base/c/$id/dashboard"
  echo "    đánh giá tại quầy / rating    $base/c/$id/counter?view=rating&counter=1"
done
echo "  Trạng thái / health:  $base/healthz"
echo "Vé in ra tệp / tickets are printed to data/tickets/ (ESC/POS and PNG)."
echo "Mã truy cập / tokens (12 h for clerks): data/auth/tokens.txt"
echo "Thử từ dòng lệnh / from the command line:"
echo "  $QMSCTL --server $LISTEN --tls-ca data/tls/ca.pem --token \"\$(awk '\$2==\"giam-sat\" {print \$3}' data/auth/tokens.txt)\" stats --centre ${CENTRES%%,*}"
echo "Ctrl-C để dừng / Ctrl-C stops both."

# Ends when either stops (then stop() stops the other).
wait -n "$server_pid" "$gateway_pid" || true
