#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors and runs every test.
# This is what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh -DNEWSDEX_WERROR=ON -DNEWSDEX_BUILD_TESTS=ON
build_dir=${NEWSDEX_BUILD_DIR:-build}
ctest --test-dir "$build_dir" --output-on-failure --parallel "$(nproc)"
