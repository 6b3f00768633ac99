#!/usr/bin/env bash
# Configures and builds newsdex into build/ (or $NEWSDEX_BUILD_DIR).
# Extra arguments go to CMake, e.g. -DNEWSDEX_SANITIZE=address,undefined.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${NEWSDEX_BUILD_DIR:-build}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
cmake --build "$build_dir" --parallel "$(nproc)"
