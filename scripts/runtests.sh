#!/usr/bin/env bash
# Runs every test program of a build variant (unit tests, then integration
# tests), each with a timeout, then the browser tests (tests/browser/*.test.mjs,
# node --test with the TAP reporter), and ends with one
# "N passed, N failed[, N skipped]" line summing the cmocka and TAP summaries.
# Exit status 1 if any test failed or a test program crashed.
# Browser tests are skipped (and counted as skipped) when node, Chromium or
# node_modules/playwright-core is missing, unless CCHC_BROWSER_TESTS=require
# (the default when CI=true): then a missing prerequisite is a failure.
# CCHC_BROWSER_TESTS=skip never runs them.
#
# With CCHC_TEST_DB=postgresql://... (scripts/pg_cluster.sh run, as make check
# does through scripts/pg_check.sh) only the programs that use a database
# (their source uses tests/support/testdb.h, app_fixture.h, api_fixture.h or
# store_fixture.h) run, against
# PostgreSQL, and the browser tests are left to the SQLite run.
set -u
dir=${1:-build/asan}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export CCHC_BIN=$PWD/$dir/cchc
export CCHC_ROOT=$PWD
passed=0; failed=0; broken=0
log=$(mktemp -d)
uses_db() { # test program name
  local src
  for src in tests/unit/"$1".c tests/integration/"$1".c; do
    [ -f "$src" ] && grep -q -E 'support/(testdb|app_fixture|api_fixture|store_fixture)\.h' "$src" && return 0
  done
  return 1
}
for t in "$dir"/tests/* "$dir"/itests/*; do
  [ -x "$t" ] || continue
  name=$(basename "$t")
  if [ -n "${CCHC_TEST_DB:-}" ] && ! uses_db "$name"; then
    continue
  fi
  out="$log/$name.out"
  timeout 600 "$t" >"$out" 2>&1
  rc=$?
  p=$(grep -Eo '^\[  PASSED  \] [0-9]+' "$out" | awk '{s+=$4} END {print s+0}')
  f=$(grep -Eo '^\[  FAILED  \] [0-9]+ test' "$out" | awk '{s+=$4} END {print s+0}')
  passed=$((passed + p)); failed=$((failed + f))
  if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
    broken=$((broken + 1)); failed=$((failed + 1))
    echo "CRASH  $name (exit $rc)"; tail -n 40 "$out"
  elif [ "$f" -ne 0 ]; then
    echo "FAIL   $name: $p passed, $f failed"; grep -E '^\[  (FAILED|  ERROR) \]|error|Error|failure' "$out" | head -n 40
  else
    echo "ok     $name: $p passed"
  fi
done

# ---- browser tests ---------------------------------------------------------
skipped=0
browser_mode=${CCHC_BROWSER_TESTS:-$([ "${CI:-}" = true ] && echo require || echo auto)}
[ -n "${CCHC_TEST_DB:-}" ] && browser_mode=skip
browser_tests=(tests/browser/*.test.mjs)
if [ "$browser_mode" != skip ] && [ -e "${browser_tests[0]}" ]; then
  # Without node nothing can run; the other prerequisites (Chromium,
  # playwright-core, the binary) are checked by the tests themselves, which
  # then report each test as skipped (or fail, in require mode).
  if ! command -v node >/dev/null 2>&1; then
    if [ "$browser_mode" = require ]; then
      echo "FAIL   browser tests: node not found"; failed=$((failed + 1))
    else
      echo "skip   browser tests: node not found"; skipped=$((skipped + ${#browser_tests[@]}))
    fi
  else
    out="$log/browser.out"
    mkdir -p build/screenshots
    CCHC_BROWSER_TESTS=$browser_mode timeout 300 node --test --test-reporter=tap "${browser_tests[@]}" >"$out" 2>&1
    rc=$?
    count() { sed -n "s/^# $1 \([0-9][0-9]*\)\$/\1/p" "$out" | awk '{s+=$1} END {print s+0}'; }
    p=$(count pass); f=$(( $(count fail) + $(count cancelled) )); s=$(count skipped)
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
    if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
      failed=$((failed + 1))
      echo "CRASH  browser tests (exit $rc)"; tail -n 60 "$out"
    elif [ "$f" -ne 0 ]; then
      echo "FAIL   browser tests: $p passed, $f failed"
      grep -E -A 30 '^not ok|^ +not ok' "$out" | head -n 120
    elif [ "$p" -eq 0 ] && [ "$s" -ne 0 ]; then
      echo "skip   browser tests: $(grep -m1 -o '# SKIP .*' "$out" | cut -c8-)"
    else
      note=; [ "$s" -ne 0 ] && note=", $s skipped"
      echo "ok     browser tests: $p passed$note (screenshots in build/screenshots)"
    fi
  fi
fi

rm -rf "$log"
if [ "$skipped" -ne 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
