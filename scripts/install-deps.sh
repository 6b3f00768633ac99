#!/usr/bin/env bash
# Installs the Debian 12 packages newsdex needs to build and test, if any is
# missing. Safe to run again: it does nothing when everything is there.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config ca-certificates
  libxapian-dev xapian-tools libicu-dev libboost-program-options-dev
  libsimdjson-dev nlohmann-json3-dev libgtest-dev libgmock-dev
  libpugixml-dev libgumbo-dev libzstd-dev zlib1g-dev
  # The benchmarks, compiled by the test command so that they keep building.
  libbenchmark-dev libsqlite3-dev
)
# For the tests only: the search page of newsdex-serve is tested in headless
# Chromium, driven over WebDriver by a Python script (tests/browser/).
# NEWSDEX_NO_BROWSER=1 leaves them out (the browser test is then skipped).
if [ "${NEWSDEX_NO_BROWSER:-0}" != 1 ]; then
  packages+=(chromium chromium-driver python3)
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "newsdex: installing ${missing[*]}" >&2
if [ "$(id -u)" -ne 0 ]; then
  echo "newsdex: need root to install packages (try: sudo $0)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
