#!/usr/bin/env bash
# demo-auth.sh QMSCTL DATA_DIR CENTRES: the demo's keys and tokens.
#
#   DATA_DIR/auth/keys.txt       the signing key (qmsctl keygen), made at the
#                                first start and kept (mode 0600)
#   DATA_DIR/auth/gateway.tokens qms-gateway --tokens: kiosk, board, counter
#                                and supervisor tokens of CENTRES ("09187,07696")
#   DATA_DIR/auth/tokens.txt     every token made, one "ROLE SUBJECT TOKEN" a
#                                line, for people and for qmsctl: the gateway's
#                                four, two clerks of each centre (12 h), a
#                                supervisor of CENTRES and an admin (1 h)
#
# Tokens are made anew at each start; the key is not. These are demo tokens
# on a demo key: a real centre signs its own (docs/access.md). Never commit
# them.
set -euo pipefail

if [ $# -ne 3 ]; then
  echo "usage: $0 QMSCTL DATA_DIR CENTRES" >&2
  exit 1
fi
qmsctl=$1
dir=$2/auth
centres=$3
mkdir -p "$dir"
chmod 700 "$dir"
keys=$dir/keys.txt
[ -s "$keys" ] || "$qmsctl" keygen --out "$keys" --key-id demo >/dev/null

token() {  # token ROLE SUBJECT TTL SCOPE...
  local role=$1 subject=$2 ttl=$3
  shift 3
  "$qmsctl" token --key-file "$keys" --role "$role" --subject "$subject" --ttl "$ttl" "$@"
}

umask 077
gateway=$dir/gateway.tokens.new
all=$dir/tokens.txt.new
{
  echo "# qms-gateway --tokens: ROLE CENTRE TOKEN (made by scripts/demo-auth.sh)"
} >"$gateway"
echo "# ROLE SUBJECT TOKEN (made by scripts/demo-auth.sh; never commit)" >"$all"
# The gateway's own: one each, for every demo centre. The counter token
# acts for a console whose clerk did not come with their own.
for pair in "kiosk kiosk kiosk-demo 90d" "board board board-demo 90d" "counter clerk quay-chung 30d" \
  "supervisor supervisor giam-sat 30d"; do
  read -r page role subject ttl <<<"$pair"
  t=$(token "$role" "$subject" "$ttl" --centres "$centres")
  echo "$page * $t" >>"$gateway"
  echo "$role $subject $t" >>"$all"
done
IFS=',' read -ra ids <<<"$centres"
for id in "${ids[@]}"; do
  for clerk in lan hoa; do
    echo "clerk $clerk-$id $(token clerk "$clerk-$id" 12h --centres "$id")" >>"$all"
  done
done
echo "admin ops $(token admin ops 1h --all)" >>"$all"
mv "$gateway" "$dir/gateway.tokens"
mv "$all" "$dir/tokens.txt"
