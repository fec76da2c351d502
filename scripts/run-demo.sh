#!/usr/bin/env bash
# The README's run command: installs what is missing, builds, and runs the
# whole system on its embedded default: RocksDB under ./data, the demo
# centres of config/demo.yaml, gRPC on 127.0.0.1:50051. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
BUILD_DIR="${QMS_BUILD_DIR:-build}"
LISTEN="${QMS_LISTEN:-127.0.0.1:50051}"
mkdir -p data
echo "Khởi động qms-server với các trung tâm mẫu / starting qms-server with the demo centres on $LISTEN"
echo "Thử / try:  $BUILD_DIR/services/qmsctl/qmsctl --server $LISTEN centres"
exec "$BUILD_DIR/services/server/qms-server" --config config/demo.yaml --data-dir data --listen "$LISTEN"
