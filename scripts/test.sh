#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors and runs every
# test; installs newsdex into a temporary prefix and builds and runs the
# examples against it; runs the concurrency test under ThreadSanitizer; then
# builds again with AddressSanitizer + UndefinedBehaviorSanitizer and runs
# every test once more. This is what CI runs (.ci/run).
# NEWSDEX_SKIP_SANITIZERS=1 skips the sanitizer builds.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
build_dir=${NEWSDEX_BUILD_DIR:-build}

# The benchmarks are compiled too (not run: bench/ has its own scripts), so
# that a change to an internal interface cannot leave them broken unseen.
NEWSDEX_BUILD_DIR=$build_dir bash scripts/build.sh -DNEWSDEX_WERROR=ON -DNEWSDEX_BUILD_TESTS=ON \
  -DNEWSDEX_BUILD_BENCHMARKS=ON
ctest --test-dir "$build_dir" --output-on-failure --parallel "$(nproc)"

echo "== install into a temporary prefix and build the examples against it"
bash examples/run-examples.sh "$build_dir"

[ "${NEWSDEX_SKIP_SANITIZERS:-0}" = 1 ] && exit 0

echo "== searches from eight threads while an indexer commits, the parallel indexer and sharded builds and counting, under ThreadSanitizer"
cmake -S . -B "$build_dir-tsan" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DNEWSDEX_WERROR=ON \
  -DNEWSDEX_BUILD_TESTS=ON -DNEWSDEX_BUILD_TOOLS=OFF -DNEWSDEX_BUILD_STATIC=OFF -DNEWSDEX_SANITIZE=thread > /dev/null
cmake --build "$build_dir-tsan" --target searcher_test indexer_test sharding_test --parallel "$(nproc)"
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
"$build_dir-tsan/tests/searcher_test" --gtest_filter='ConcurrencyTest.*'
"$build_dir-tsan/tests/indexer_test" --gtest_filter='ParallelIndexerTest.*'
"$build_dir-tsan/tests/sharding_test" \
  --gtest_filter='ShardedIndexTest.*:ShardedSearchTest.ShardsCountedApartWithTheirOwnFacetCachesAgree'

echo "== every test again under AddressSanitizer + UndefinedBehaviorSanitizer"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
NEWSDEX_BUILD_DIR=$build_dir-asan bash scripts/build.sh -DNEWSDEX_WERROR=ON \
  -DNEWSDEX_BUILD_TESTS=ON -DNEWSDEX_BUILD_STATIC=OFF -DCMAKE_BUILD_TYPE=Debug \
  -DNEWSDEX_SANITIZE=address,undefined
ctest --test-dir "$build_dir-asan" --output-on-failure --parallel "$(nproc)"
