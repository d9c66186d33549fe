#!/usr/bin/env bash
# Install what cchc needs to build, test and serve, when missing: Debian
# packages, then the npm packages pinned in package-lock.json (npm ci, only
# when node_modules/ is absent or the lockfile changed).
# Idempotent: prints what it installs, installs nothing when all is present.
# Usage: scripts/deps.sh [build|test|all]   (default: all)
#
# Node.js/npm, Chromium and the fonts serve the web assets and the browser
# tests. They are installed like the rest, but a failure to install them is a
# warning, not an error: the C build and tests still run and the browser tests
# report themselves as skipped (scripts/runtests.sh). A node already on PATH
# (e.g. a nodesource package, which bundles npm) is used as is; otherwise
# Debian's nodejs + npm (18 + 9 on Debian 12) are installed.
set -euo pipefail
cd "$(dirname "$0")/.."

build_pkgs=(build-essential pkg-config
  libmicrohttpd-dev libjansson-dev libsqlite3-dev libutf8proc-dev libsodium-dev
  libpq-dev libzip-dev libxml2-dev libpoppler-glib-dev libxlsxwriter-dev
  libcairo2-dev libpango1.0-dev fonts-liberation2 libqrencode-dev libcurl4-openssl-dev)
test_pkgs=(libcmocka-dev clang libclang-rt-14-dev clang-format cppcheck sqlite3 curl valgrind poppler-utils libreoffice-writer-nogui python3-aiosmtpd)
# Headless Chromium for the browser tests, and fonts with Vietnamese glyphs.
browser_pkgs=(chromium fonts-noto-core)

what=${1:-all}
case "$what" in
  build) pkgs=("${build_pkgs[@]}"); optional=() ;;
  test|all) pkgs=("${build_pkgs[@]}" "${test_pkgs[@]}"); optional=("${browser_pkgs[@]}") ;;
  *) echo "usage: $0 [build|test|all]" >&2; exit 2 ;;
esac
command -v node >/dev/null 2>&1 || optional+=(nodejs)
command -v npm >/dev/null 2>&1 || optional+=(npm)

not_installed() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
  done
}
mapfile -t missing < <(not_installed "${pkgs[@]}")
mapfile -t missing_opt < <(not_installed "${optional[@]}")

if [ ${#missing[@]} -ne 0 ] || [ ${#missing_opt[@]} -ne 0 ]; then
  SUDO=
  [ "$(id -u)" -ne 0 ] && SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  updated=false
  $SUDO apt-get update -qq && updated=true
  if [ ${#missing[@]} -ne 0 ]; then
    echo "deps: installing missing Debian packages: ${missing[*]}"
    $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    echo "deps: installed ${#missing[@]} package(s)"
  fi
  if [ ${#missing_opt[@]} -ne 0 ]; then
    echo "deps: installing missing Debian packages for the web UI and browser tests: ${missing_opt[*]}"
    if $updated && $SUDO apt-get install -y -qq --no-install-recommends "${missing_opt[@]}" \
        </dev/null >/dev/null; then
      echo "deps: installed ${#missing_opt[@]} package(s)"
    else
      echo "deps: WARNING: could not install ${missing_opt[*]}; browser tests will be skipped" >&2
    fi
  fi
fi

# npm packages, pinned by package-lock.json. The stamp records the hash of the
# manifest and lockfile that node_modules/ was installed from.
if [ -f package-lock.json ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "deps: WARNING: npm not found; web assets and browser tests unavailable" >&2
  else
    stamp=node_modules/.cchc-npm-stamp
    want=$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)
    if [ ! -d node_modules ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
      echo "deps: npm ci (package-lock.json)"
      if npm ci --no-audit --no-fund --loglevel=error </dev/null; then
        echo "$want" > "$stamp"
      else
        echo "deps: WARNING: npm ci failed; web assets and browser tests unavailable" >&2
      fi
    fi
  fi
fi
