#!/usr/bin/env bash
# Installs newsdex from BUILD_DIR into a temporary prefix, builds both
# examples against the installed package (as an outside project would) and
# runs them. Used by scripts/test.sh.   examples/run-examples.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build_dir" --prefix "$work/prefix" > /dev/null
for example in embed-index embed-search; do
  cmake -S "examples/$example" -B "$work/$example" -G Ninja \
    -DCMAKE_PREFIX_PATH="$work/prefix" > /dev/null
  cmake --build "$work/$example" > /dev/null
done
echo "== embed-index"
"$work/embed-index/embed-index" "$work/feed.db" | tee "$work/index.out"
grep -q "indexed 3 articles" "$work/index.out"
grep -q "Chip makers expect record exports" "$work/index.out"
echo "== embed-search (on the sample corpus)"
"$work/prefix/bin/newsdex-index" --quiet --db "$work/sample.db" corpus/sample
"$work/embed-search/embed-search" "$work/sample.db" chip export | tee "$work/search.out"
grep -q "^1\. " "$work/search.out"
grep -q "^source:" "$work/search.out"
echo "examples: ok"
