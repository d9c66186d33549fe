#!/usr/bin/env bash
# Copies the front-end assets the web UI needs from node_modules/ (installed
# by `npm ci` from package-lock.json, see scripts/deps.sh) into web/vendor/,
# which `cchc serve` serves as static files. web/vendor/ is generated, never
# committed; no CDN is used at run time.
# Idempotent and quiet when everything is up to date.
# Usage: scripts/web_assets.sh [--if-present]
#   --if-present  warn and succeed when node_modules/ is missing (make check
#                 on a machine where npm could not be installed)
set -euo pipefail
cd "$(dirname "$0")/.."

# package  source file (under node_modules/<package>/)  destination (under web/vendor/)
assets=(
  "uplot dist/uPlot.esm.js uplot/uPlot.esm.js"
  "uplot dist/uPlot.min.css uplot/uPlot.min.css"
  "uplot LICENSE uplot/LICENSE"
)

if_present=false
[ "${1:-}" = "--if-present" ] && if_present=true

missing=()
for a in "${assets[@]}"; do
  read -r pkg src _ <<<"$a"
  [ -f "node_modules/$pkg/$src" ] || missing+=("$pkg/$src")
done
if [ ${#missing[@]} -ne 0 ]; then
  msg="web-assets: node_modules is missing ${missing[*]}; run 'make deps' (npm ci)"
  if $if_present; then
    echo "$msg: web/vendor not updated" >&2
    exit 0
  fi
  echo "$msg" >&2
  exit 1
fi

changed=0
for a in "${assets[@]}"; do
  read -r pkg src dst <<<"$a"
  from="node_modules/$pkg/$src"
  to="web/vendor/$dst"
  if [ -f "$to" ] && cmp -s "$from" "$to"; then
    continue
  fi
  mkdir -p "$(dirname "$to")"
  cp "$from" "$to.tmp"
  mv "$to.tmp" "$to"
  changed=$((changed + 1))
done

# A record of what is in web/vendor (package@version), for support questions.
versions=$(for a in "${assets[@]}"; do read -r pkg _ <<<"$a"; echo "$pkg"; done | sort -u |
  while read -r pkg; do
    v=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "node_modules/$pkg/package.json" | head -n 1)
    echo "$pkg@$v"
  done)
if [ ! -f web/vendor/VERSIONS ] || [ "$(cat web/vendor/VERSIONS)" != "$versions" ]; then
  printf '%s\n' "$versions" > web/vendor/VERSIONS
fi
if [ $changed -ne 0 ]; then
  echo "web-assets: $changed file(s) copied into web/vendor ($(echo "$versions" | paste -sd ' '))"
fi
