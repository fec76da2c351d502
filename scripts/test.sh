#!/usr/bin/env bash
# The README's test command: installs what is missing, builds, runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
BUILD_DIR="${QMS_BUILD_DIR:-build}"
# The short fuzz run: every libFuzzer target for QMS_FUZZ_SECONDS (15) on
# its seed corpus, in build-fuzz/ (docs/testing.md); 0 skips it.
if [ "${QMS_FUZZ_SECONDS:-15}" != 0 ]; then
  bash scripts/fuzz.sh --seconds "${QMS_FUZZ_SECONDS:-15}"
fi
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$(nproc)" --timeout 600
