#!/usr/bin/env bash
# Installs the Debian 12 packages parley needs to build, test, benchmark and fuzz.
# Idempotent: does nothing when everything is present; runs `apt-get update` only
# when a package is missing. Needs root (or sudo) only in that case.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  nlohmann-json3-dev libcli11-dev libfmt-dev libgmp-dev
  libgtest-dev libgmock-dev librapidcheck-dev libbenchmark-dev
  libpugixml-dev coinor-libcbc-dev libgeos-dev
  libsqlite3-dev libssl-dev
  clang libclang-rt-14-dev
  pybind11-dev python3-dev python3-pytest
  libcpp-httplib-dev libpqxx-dev curl jq
  # The PostgreSQL tests start their own throwaway cluster with its initdb and pg_ctl.
  postgresql
  # The web page's browser test (WebEndToEnd) drives Debian's Chromium; no
  # browser is ever downloaded.
  chromium
)
# The web page is built with npm (cmake/parley_web.cmake). A Node.js from
# elsewhere that has npm (nodesource, nvm) is kept as it is: Debian's nodejs
# and npm only where there is no npm at all.
if ! command -v npm > /dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
