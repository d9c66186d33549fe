#!/usr/bin/env bash
# Demo plan for `make run`: a synthetic 2024 CCHC plan of the demo province
# T01 (data/demo/, marked as synthetic in its text) with dossier targets
# (on time, early, satisfaction, online, online payment, digitisation) that
# the KPI engine measures live on the demo ledger, one target entered by hand
# with an evidence file, and tasks assigned to the province's departments and
# districts.
set -euo pipefail
bin=$1
data=${CCHC_DATA:-data}
out="$(dirname "${CCHC_DB:-var/cchc.db}")/demo"
mkdir -p "$out"
echo "== Kế hoạch mẫu của tỉnh giả lập / demo plan of the synthetic province T01"
"$bin" plan import "$data/demo/ke-hoach-cchc-T01-2024.txt" --unit T01
plan=$("$bin" plan list | sed -n 's/^#\([0-9]*\) *01\/KH-UBND .*/\1/p' | head -1)
# the hand-entered target (staff trained) with its evidence
target=$("$bin" target list --plan "$plan" | sed -n 's/^#\([0-9]*\) .*đào tạo.*/\1/p' | head -1)
if [ -n "$target" ]; then
  printf '%%PDF-1.4\n%% Bao cao dao tao boi duong 2024 (du lieu mau)\n%%%%EOF\n' >"$out/bao-cao-dao-tao.pdf"
  "$bin" target measure "$target" --unit T01 --period 2024 --value 96.5 \
    --note "Theo báo cáo kết quả đào tạo, bồi dưỡng năm 2024 (số liệu mẫu)." \
    --evidence "$out/bao-cao-dao-tao.pdf" >/dev/null
fi
# the plan of one district of T01, for the cascade check (some tasks of the
# province plan reworded, some missing)
"$bin" plan import "$data/demo/ke-hoach-cchc-H0001-2024.txt" --unit H0001 >/dev/null
