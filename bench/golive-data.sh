#!/usr/bin/env bash
# Backup, restore and retention at go-live size (docs/backup.md,
# docs/retention.md): one qms-server with both services and the national
# config (3,321 centres) on a fresh data dir, its clock set by --clock-start.
#
#   bench/golive-data.sh [--build DIR] [--tickets 3560000] [--dossiers 2000000] [--port-base 29710]
#                        [--out /tmp/qms-golive-data]
#
# 1. Day A (2026-12-01): `qms-bench prefill TICKETS` (IssueTicket, closed
#    loop, 256 in flight) and `qms-bench dossier --prefill DOSSIERS`
#    (ReceiveDossier, closed loop); the stores' sizes.
# 2. `qmsctl backup --to OUT/backup` of the serving server (same file
#    system: hard links), then `cp -a` of the backup folder (what copying it
#    to another disk costs here), both timed.
# 3. Restore as docs/backup.md says: stop the server, `cp -a` the backup to
#    a new data dir, start a server on it (same day): time to listening and
#    to every centre recovered; the tickets and request ids of the day
#    recovered are printed beside what was acknowledged.
# 4. Day B (2026-12-02): the restored store restarted (the start closes day
#    A: its figures are stored for 3,321 centres), `qms-bench issue` for a
#    few seconds so that every centre has a later day.
# 5. 2036-12-03 with retention.ticket_days 1 (dossier_years 10): the start's
#    passes remove day A's tickets, events and audit records, and the
#    request ids of 2026-12-01..02 (the dossiers themselves are open: kept).
#    Their log lines and the stores' sizes before and after.
# Every step prints the load average. Ports PORT_BASE..PORT_BASE+3. OUT is
# left for a look (several GB): delete it after.
set -euo pipefail

BUILD=build
TICKETS=3560000
DOSSIERS=2000000
PORT_BASE=29710
OUT=/tmp/qms-golive-data
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) BUILD=$2; shift 2 ;;
    --tickets) TICKETS=$2; shift 2 ;;
    --dossiers) DOSSIERS=$2; shift 2 ;;
    --port-base) PORT_BASE=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    *) echo "unknown flag $1" >&2; exit 2 ;;
  esac
done
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SERVER=$ROOT/$BUILD/services/server/qms-server
QMSCTL=$ROOT/$BUILD/services/qmsctl/qmsctl
BENCH=$ROOT/$BUILD/bench/qms-bench
rm -rf "$OUT"
mkdir -p "$OUT"
# shellcheck source=side_by_side.sh
source "$ROOT/bench/side_by_side.sh"

"$ROOT/$BUILD/bench/qms-gen-config" --centres 3321 --bench -o "$OUT/national.yaml"
cp "$OUT/national.yaml" "$OUT/retain.yaml"
printf '\nretention:\n  ticket_days: 1\n' >>"$OUT/retain.yaml"

load() { echo "  load average: $(cut -d' ' -f1-3 /proc/loadavg)"; }
sizes() { # DATA
  echo "  queue store $(du -sh "$1/queue" | cut -f1), deadline store $(du -sh "$1/deadline" | cut -f1)"
}
now_ms() { date +%s%3N; }
# serve NAME DATA CONFIG PORT CLOCK: a server with both services; prints
# the time to listening and, once logged, the queue's recovery line.
serve() {
  local started
  started=$(now_ms)
  start_server "$1" "$SERVER" --config "$OUT/$3.yaml" --data-dir "$2" --listen "127.0.0.1:$4" \
    --clock-start "$5" --insecure-no-auth
  echo "  $1: listening $(($(now_ms) - started)) ms after the start"
  for _ in $(seq 1 3000); do # at most 5 minutes
    grep -q "tickets of today recovered" "$OUT/$1.log" && break
    sleep 0.1
  done
  echo "  $1: every centre recovered $(($(now_ms) - started)) ms after the start"
  grep "deadline: \|tickets of today recovered\|WAL to replay" "$OUT/$1.log" | sed 's/^/  /'
}
stop() {
  stop_servers
  PIDS=()
}

echo "== day A: $TICKETS tickets and $DOSSIERS dossiers"
serve dayA "$OUT/data" national "$PORT_BASE" 2026-12-01T07:30
load
/usr/bin/time -f "  prefill: %e s wall" "$BENCH" --target "127.0.0.1:$PORT_BASE" --in-flight 256 --quiet \
  prefill "$TICKETS" >"$OUT/prefill.txt" 2>&1
grep -h "^operation \|achieved" "$OUT/prefill.txt" | sed 's/^/  /' || true
tail -1 "$OUT/prefill.txt"
load
/usr/bin/time -f "  dossier prefill: %e s wall" "$BENCH" --target "127.0.0.1:$PORT_BASE" --in-flight 256 \
  --duration 2 --quiet dossier --prefill "$DOSSIERS" --overdue-queries 10 >"$OUT/dossiers.txt" 2>&1
grep -h "^operation \|achieved" "$OUT/dossiers.txt" | sed 's/^/  /' || true
tail -1 "$OUT/dossiers.txt"
load
idle "${PIDS[0]}"
sizes "$OUT/data"

echo "== backup while serving"
load
/usr/bin/time -f "  qmsctl backup: %e s wall" "$QMSCTL" --server "127.0.0.1:$PORT_BASE" backup --to "$OUT/backup" 2>&1 |
  sed 's/^/  /'
/usr/bin/time -f "  cp -a of the backup (a full copy): %e s wall" cp -a "$OUT/backup" "$OUT/backup-copy"
echo "  backup folder $(du -sh --apparent-size "$OUT/backup" | cut -f1) apparent, $(find "$OUT/backup" -type f | wc -l) files"
load
stop
rm -rf "$OUT/backup-copy"

echo "== restore: cp -a of the backup to a new data dir, a server started on it (same day)"
load
/usr/bin/time -f "  cp -a backup -> restored: %e s wall" cp -a "$OUT/backup" "$OUT/restored"
serve restored "$OUT/restored" national $((PORT_BASE + 1)) 2026-12-01T18:00
load
stop
sizes "$OUT/restored"

echo "== day B: the restored store, one day later (the start closes day A)"
serve dayB "$OUT/restored" national $((PORT_BASE + 2)) 2026-12-02T07:30
"$BENCH" --target "127.0.0.1:$((PORT_BASE + 2))" --in-flight 256 --duration 3 --quiet issue >"$OUT/dayB.txt" 2>&1
grep -h "^operation " "$OUT/dayB.txt" | sed 's/^/  /' || true
load
stop

echo "== retention passes: 2036-12-03, ticket_days 1, dossier_years 10"
sizes "$OUT/restored"
started=$(now_ms)
serve retain "$OUT/restored" retain $((PORT_BASE + 3)) 2036-12-03T07:30
for _ in $(seq 1 6000); do # at most 10 minutes
  [[ $(grep -c "retention:\|retention failed" "$OUT/retain.log") -ge 2 ]] && break
  sleep 0.1
done
echo "  both passes logged $(($(now_ms) - started)) ms after the start"
grep "retention:\|retention failed" "$OUT/retain.log" | sed 's/^/  /'
load
idle "${PIDS[0]}"
stop
sizes "$OUT/restored"
echo "left in $OUT"
