#!/usr/bin/env bash
# Sample plans for `make run`: the three real CCHC plans shipped in data/plans/,
# imported through the same parser officials use (tasks, targets, assignments).
set -euo pipefail
bin=$1
data=${CCHC_DATA:-data}
echo "== Nhập kế hoạch mẫu / importing sample plans"
for f in "$data"/plans/*.txt; do
  "$bin" plan import "$f" || echo "   (bỏ qua / skipped: $f)"
done
