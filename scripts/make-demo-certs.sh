#!/usr/bin/env bash
# make-demo-certs.sh DIR: the demo's TLS certificates, made with openssl.
#
#   DIR/ca.pem, ca.key          a demo certificate authority (10 years)
#   DIR/server.pem, server.key  qms-server's gRPC and qms-gateway's HTTPS
#                               certificate, signed by the CA, for localhost,
#                               127.0.0.1 and ::1 (subjectAltName), plus the
#                               names in QMS_CERT_HOSTS ("ward7.lan,192.168.1.20")
#   DIR/gateway.pem, gateway.key a client certificate for qms-gateway (CN
#                               qms-gateway), for mutual TLS with
#                               qms-server --tls-client-ca DIR/ca.pem
#
# Idempotent: existing files are kept, missing ones made. When the CA itself
# has to be made anew, the certificates it signed are made anew too (the old
# ones would no longer verify). Keys are EC P-256, mode 0600. These are demo
# certificates: a real centre uses its province's CA. Never commit them.
# Docs: docs/tls.md.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 DIR" >&2
  exit 1
fi
dir=$1
command -v openssl >/dev/null || { echo "make-demo-certs: openssl is not installed (scripts/setup.sh)" >&2; exit 1; }
mkdir -p "$dir"
umask 077
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

new_key() {  # new_key FILE
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null
  chmod 600 "$1"
}

serial() { echo "0x$(openssl rand -hex 16)"; }

make_ca() {
  new_key "$dir/ca.key"
  cat >"$work/ca.ext" <<'EOF'
basicConstraints=critical,CA:TRUE,pathlen:0
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
EOF
  openssl req -new -key "$dir/ca.key" -subj "/O=QMS demo/CN=QMS demo CA" -out "$work/ca.csr"
  openssl x509 -req -in "$work/ca.csr" -signkey "$dir/ca.key" -days 3650 -sha256 -set_serial "$(serial)" \
    -extfile "$work/ca.ext" -out "$dir/ca.pem" 2>/dev/null
  chmod 644 "$dir/ca.pem"
  echo "make-demo-certs: made $dir/ca.pem (demo CA)"
}

# sign NAME CN EXTENSIONS: NAME.key and NAME.pem signed by the CA.
sign() {
  local name=$1 cn=$2 ext=$3
  new_key "$dir/$name.key"
  printf '%b' "$ext" >"$work/$name.ext"
  openssl req -new -key "$dir/$name.key" -subj "/O=QMS demo/CN=$cn" -out "$work/$name.csr"
  openssl x509 -req -in "$work/$name.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -days 825 -sha256 \
    -set_serial "$(serial)" -extfile "$work/$name.ext" -out "$dir/$name.pem" 2>/dev/null
  chmod 644 "$dir/$name.pem"
  echo "make-demo-certs: made $dir/$name.pem ($cn)"
}

# The subjectAltName list: loopback always, then QMS_CERT_HOSTS.
alt_names() {
  local names="DNS:localhost,IP:127.0.0.1,IP:::1" host
  IFS=',' read -ra extra <<<"${QMS_CERT_HOSTS:-}"
  for host in "${extra[@]}"; do
    [ -z "$host" ] && continue
    if [[ $host =~ ^[0-9.]+$ || $host == *:* ]]; then names+=",IP:$host"; else names+=",DNS:$host"; fi
  done
  echo "$names"
}

leaf_ext="basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n"
leaf_ext+="subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n"

if [ ! -s "$dir/ca.pem" ] || [ ! -s "$dir/ca.key" ]; then
  make_ca
  rm -f "$dir/server.pem" "$dir/server.key" "$dir/gateway.pem" "$dir/gateway.key"
fi
if [ ! -s "$dir/server.pem" ] || [ ! -s "$dir/server.key" ]; then
  sign server localhost "${leaf_ext}extendedKeyUsage=serverAuth\nsubjectAltName=$(alt_names)\n"
fi
if [ ! -s "$dir/gateway.pem" ] || [ ! -s "$dir/gateway.key" ]; then
  sign gateway qms-gateway "${leaf_ext}extendedKeyUsage=clientAuth\n"
fi
chmod 600 "$dir"/*.key
