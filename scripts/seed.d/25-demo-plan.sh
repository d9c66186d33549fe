#!/usr/bin/env bash
# Demo plan for `make run`: a synthetic CCHC plan of the demo province T01
# (data/demo/, marked as synthetic in its text, written for 2024) moved to
# the demo's year (demo-today.inc: every "2024" of the text becomes that
# year), with dossier targets (on time, early, satisfaction, online, online
# payment, digitisation) that the KPI engine measures live on the demo ledger,
# one target entered by hand with an evidence file, and tasks assigned to the
# province's departments and districts.
set -euo pipefail
bin=$1
data=${CCHC_DATA:-data}
. "$(dirname "$0")/demo-today.inc"
out="$(dirname "${CCHC_DB:-var/cchc.db}")/demo"
mkdir -p "$out"
# the 2024 text of data/demo/NAME-2024.txt as $out/NAME-<year>.txt
demo_text() {
  local f="$out/$1-$demo_year.txt"
  sed "s/2024/$demo_year/g" "$data/demo/$1-2024.txt" >"$f"
  printf '%s\n' "$f"
}
echo "== Kế hoạch mẫu của tỉnh giả lập / demo plan of the synthetic province T01 ($demo_year)"
"$bin" plan import "$(demo_text ke-hoach-cchc-T01)" --unit T01
plan=$("$bin" plan list | sed -n 's/^#\([0-9]*\) *01\/KH-UBND .*/\1/p' | head -1)
# the hand-entered target (staff trained) with its evidence
target=$("$bin" target list --plan "$plan" | sed -n 's/^#\([0-9]*\) .*đào tạo.*/\1/p' | head -1)
if [ -n "$target" ]; then
  printf '%%PDF-1.4\n%% Bao cao dao tao boi duong %s (du lieu mau)\n%%%%EOF\n' "$demo_year" >"$out/bao-cao-dao-tao.pdf"
  "$bin" target measure "$target" --unit T01 --period "$demo_year" --value 96.5 \
    --note "Theo báo cáo kết quả đào tạo, bồi dưỡng năm $demo_year (số liệu mẫu)." \
    --evidence "$out/bao-cao-dao-tao.pdf" >/dev/null
fi
# the plan of one district of T01, for the cascade check (some tasks of the
# province plan reworded, some missing)
"$bin" plan import "$(demo_text ke-hoach-cchc-H0001)" --unit H0001 >/dev/null
