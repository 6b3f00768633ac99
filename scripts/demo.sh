#!/usr/bin/env bash
# The quick start: installs what is missing, builds, indexes the sample
# archive in corpus/ and runs a search. Usage: scripts/demo.sh [QUERY...]
# scripts/demo.sh --serve [ADDRESS:PORT] serves it instead, with the search
# page, at http://127.0.0.1:8080/ (Ctrl-C stops it).
set -euo pipefail
cd "$(dirname "$0")/.."
NEWSDEX_NO_BROWSER=1 bash scripts/install-deps.sh  # the browser is for the tests only
bash scripts/build.sh -DNEWSDEX_BUILD_TESTS=OFF -DNEWSDEX_BUILD_STATIC=OFF
build_dir=${NEWSDEX_BUILD_DIR:-build}
db="$build_dir/demo.db"
rm -rf "$db"
"$build_dir/indexer/newsdex-index" --db "$db" corpus/sample
echo
if [ "${1:-}" = --serve ]; then
  listen=${2:-127.0.0.1:8080}
  echo "\$ newsdex-serve --db $db --listen $listen"
  exec "$build_dir/server/newsdex-serve" --db "$db" --listen "$listen"
fi
if [ $# -eq 0 ]; then set -- chip export; fi
echo "\$ newsdex-search --db $db $*"
"$build_dir/searcher/newsdex-search" --db "$db" --limit 5 "$@"
