#!/usr/bin/env bash
# Install the Debian packages cchc needs to build, test and serve, when missing.
# Idempotent: prints what it installs, installs nothing when all is present.
# Usage: scripts/deps.sh [build|test|all]   (default: all)
set -euo pipefail

build_pkgs=(build-essential pkg-config
  libmicrohttpd-dev libjansson-dev libsqlite3-dev libutf8proc-dev libsodium-dev
  libpq-dev libzip-dev libxml2-dev libpoppler-glib-dev libxlsxwriter-dev
  libcairo2-dev libpango1.0-dev fonts-liberation2)
test_pkgs=(libcmocka-dev clang libclang-rt-14-dev clang-format cppcheck sqlite3 curl valgrind)

what=${1:-all}
case "$what" in
  build) pkgs=("${build_pkgs[@]}") ;;
  test|all) pkgs=("${build_pkgs[@]}" "${test_pkgs[@]}") ;;
  *) echo "usage: $0 [build|test|all]" >&2; exit 2 ;;
esac

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "deps: installing missing Debian packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "deps: installed ${#missing[@]} package(s)"
