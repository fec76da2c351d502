#!/usr/bin/env bash
# Installs the Debian 12 packages the project builds and runs with.
# Skips apt entirely when every package is already installed.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  protobuf-compiler libprotobuf-dev libgrpc++-dev protobuf-compiler-grpc libgrpc-dev
  librocksdb-dev
  libboost-dev libboost-system-dev
  libgtest-dev libgmock-dev
  nlohmann-json3-dev libyaml-cpp-dev libssl-dev libcli11-dev libjemalloc-dev
  clang-format gnuplot-nox
  # the fuzz build (scripts/fuzz.sh): clang with libFuzzer and its sanitizers
  clang libclang-rt-14-dev
  # kiosk/: voice, ticket printing, and the browser the pages are tested in
  libespeak-ng-dev espeak-ng-data libpango1.0-dev libcairo2-dev libqrencode-dev
  fonts-dejavu-core fonts-noto-core chromium
  # access control: token signatures (Ed25519), the demo's TLS certificate
  libsodium-dev openssl
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# Node.js builds the pages (esbuild) and drives the browser tests; the
# machine's own Node 20 is used when present, else Debian's.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages present"
else
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The pages' npm packages, at the versions of kiosk/web/package-lock.json.
# Installed here, once; the build and the run fetch nothing.
web="$(dirname "$0")/../kiosk/web"
if [ ! -f "$web/node_modules/.package-lock.json" ] || [ "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]; then
  echo "setup: npm ci in kiosk/web"
  (cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
fi
