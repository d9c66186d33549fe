#!/usr/bin/env bash
# Runs every test program of a build variant (unit tests, then integration
# tests), each with a timeout, and ends with one "N passed, N failed" line
# summing the cmocka summaries. Exit status 1 if any test failed or a test
# program crashed.
set -u
dir=${1:-build/asan}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export CCHC_BIN=$PWD/$dir/cchc
export CCHC_ROOT=$PWD
passed=0; failed=0; broken=0
log=$(mktemp -d)
for t in "$dir"/tests/* "$dir"/itests/*; do
  [ -x "$t" ] || continue
  name=$(basename "$t")
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
rm -rf "$log"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
