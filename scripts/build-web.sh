#!/usr/bin/env bash
# Builds the web page's bundle for CMake (cmake/parley_web.cmake):
#   scripts/build-web.sh WEB_SOURCE OUT STAMP [NPM]
# `npm ci` when web/package-lock.json changed since the last install (or
# node_modules is gone), then `npm run build` with PARLEY_WEB_OUT into a fresh
# folder that replaces OUT only when it holds an index.html. Never fails the
# C++ build: when npm fails it says so once, with the log's last lines, keeps
# an earlier bundle if there is one (parley serve otherwise says at / that the
# page was not built), and still writes STAMP, so that a failing npm is tried
# again only when web/ changes, not on every build.
set -uo pipefail

src=$1
out=$2
stamp=$3
npm=${4:-npm}
log="$stamp.log"
: > "$log"

finish() {
  touch "$stamp"
  exit 0
}

fail() {
  echo "parley: the web page was not built: $1 (log: $log)"
  tail -n 15 "$log" | sed 's/^/  | /'
  if [ -f "$out/index.html" ]; then
    echo "parley: $out keeps the bundle of an earlier build"
  else
    echo "parley: parley serve says at / that the web page was not built; the API works without it"
  fi
  finish
}

lock_sum=$(sha256sum "$src/package-lock.json" 2>/dev/null | cut -d' ' -f1)
[ -n "$lock_sum" ] || fail "web/package-lock.json is missing (npm ci needs it)"
if [ ! -f "$src/node_modules/.package-lock.json" ] || [ "$(cat "$stamp.ci" 2>/dev/null)" != "$lock_sum" ]; then
  echo "parley: installing the web page's packages (npm ci in $src)"
  if ! (cd "$src" && "$npm" ci --no-audit --no-fund) >> "$log" 2>&1; then
    rm -f "$stamp.ci"
    fail "npm ci failed"
  fi
  echo "$lock_sum" > "$stamp.ci"
fi

rm -rf "$out.new"
if ! (cd "$src" && PARLEY_WEB_OUT="$out.new" "$npm" run build) >> "$log" 2>&1; then
  rm -rf "$out.new"
  fail "npm run build failed"
fi
if [ ! -f "$out.new/index.html" ]; then
  rm -rf "$out.new"
  fail "npm run build wrote no index.html into \$PARLEY_WEB_OUT"
fi
rm -rf "$out"
mv "$out.new" "$out"
echo "parley: web page built into $out"
finish
