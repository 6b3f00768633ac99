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
# The same program linked against the static libraries must not need them
# at run time.
static_libraries=$(find "$work/prefix" -name 'libnewsdex_*.a' | wc -l)
if [ "$static_libraries" -gt 0 ]; then
  cmake -S examples/embed-search -B "$work/embed-search-static" -G Ninja \
    -DCMAKE_PREFIX_PATH="$work/prefix" -DNEWSDEX_STATIC=ON > /dev/null
  cmake --build "$work/embed-search-static" > /dev/null
  if ldd "$work/embed-search-static/embed-search" | grep -q libnewsdex; then
    echo "examples: the static embed-search links a shared newsdex library" >&2
    exit 1
  fi
fi
echo "== embed-index"
"$work/embed-index/embed-index" "$work/feed.db" | tee "$work/index.out"
grep -q "indexed 3 articles" "$work/index.out"
grep -q "Chip makers expect record exports" "$work/index.out"
echo "== embed-search (on the sample corpus)"
"$work/prefix/bin/newsdex-index" --quiet --db "$work/sample.db" corpus/sample
"$work/embed-search/embed-search" "$work/sample.db" chip export | tee "$work/search.out"
grep -q "^1\. " "$work/search.out"
grep -q "^source:" "$work/search.out"
if [ -x "$work/embed-search-static/embed-search" ]; then
  echo "== embed-search, statically linked"
  "$work/embed-search-static/embed-search" "$work/sample.db" chip export > "$work/static.out"
  cmp "$work/search.out" "$work/static.out"
  echo "same output as the shared build"
fi
echo "== embed-search built with pkg-config instead of CMake"
export PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig"
# shellcheck disable=SC2046  # pkg-config prints several words on purpose
c++ -std=c++17 examples/embed-search/main.cc $(pkg-config --cflags --libs newsdex) \
  -Wl,-rpath,"$(pkg-config --variable=libdir newsdex)" -o "$work/embed-search-pc"
"$work/embed-search-pc" "$work/sample.db" chip export | cmp - "$work/search.out"
echo "same output as the CMake build"
echo "examples: ok"
