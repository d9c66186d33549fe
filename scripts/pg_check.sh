#!/usr/bin/env bash
# make check's test run on both engines: scripts/runtests.sh against SQLite
# and, in parallel, against a throwaway PostgreSQL cluster
# (scripts/pg_cluster.sh run: installed if missing, started as an
# unprivileged user on 127.0.0.1, removed afterwards). Prints each run's
# report, then one last line "N passed, N failed[, N skipped]" summing both.
# Exit status 1 if either run failed, or if the cluster could not be started
# (PostgreSQL must never be skipped silently).
# Usage: scripts/pg_check.sh [build/asan]
set -u
cd "$(dirname "$0")/.."
dir=${1:-build/asan}
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

scripts/runtests.sh "$dir" >"$log/sqlite" 2>&1 &
lite=$!
env -u CCHC_TEST_DB scripts/pg_cluster.sh run scripts/runtests.sh "$dir" >"$log/pg" 2>&1 &
pg=$!
wait $lite; lite_rc=$?
wait $pg; pg_rc=$?

summary() { tail -n 1 "$1" | grep -E '^[0-9]+ passed, [0-9]+ failed' || true; }
num() { echo "$1" | sed -n "s/.*\\b\\([0-9][0-9]*\\) $2.*/\\1/p"; }

echo "== SQLite"
sed '$d' "$log/sqlite"
echo "sqlite: $(summary "$log/sqlite")"
echo "== PostgreSQL"
if [ -n "$(summary "$log/pg")" ]; then
  sed '$d' "$log/pg" | sed 's/^/[pg] /'
  echo "postgresql: $(summary "$log/pg")"
else
  cat "$log/pg"
  echo "FAIL   PostgreSQL run did not complete (exit $pg_rc): see above"
fi

passed=0; failed=0; skipped=0
for f in "$log/sqlite" "$log/pg"; do
  s=$(summary "$f")
  if [ -z "$s" ]; then
    failed=$((failed + 1))
    continue
  fi
  passed=$((passed + $(num "$s" passed)))
  failed=$((failed + $(num "$s" failed)))
  sk=$(num "$s" skipped); skipped=$((skipped + ${sk:-0}))
done
[ $lite_rc -ne 0 ] || [ $pg_rc -ne 0 ] && [ $failed -eq 0 ] && failed=1
if [ $skipped -ne 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ $failed -eq 0 ]
