#!/usr/bin/env bash
# Demo task progress for `make run`: for each imported plan, some of its
# assignments get updates through `cchc task update` (the path officials'
# updates take): completed on their due date with an evidence file, in
# progress at various percentages, one completed late, one that cannot be
# done with its reason; the rest stay "chưa thực hiện". Deterministic.
set -euo pipefail
bin=$1
out="$(dirname "${CCHC_DB:-var/cchc.db}")/demo"
mkdir -p "$out"
pdf="$out/bao-cao-ket-qua.pdf"
printf '%%PDF-1.4\n%% Báo cáo kết quả thực hiện nhiệm vụ (dữ liệu mẫu)\n1 0 obj<<>>endobj\ntrailer<<>>\n%%%%EOF\n' >"$pdf"
echo "== Cập nhật tiến độ mẫu / demo task updates"
"$bin" plan list | sed -n 's/^#\([0-9]*\) .*/\1/p' | while read -r plan; do
  i=0
  "$bin" task list --plan "$plan" --limit 300 | sed -n 's/^#\([0-9]*\) *\([0-9-]*\) .*/\1 \2/p' |
    while read -r id due; do
      i=$((i + 1))
      case $((i % 6)) in
      0 | 1)
        if [ "$due" != "—" ] && [ -n "$due" ]; then
          "$bin" task update "$id" --status hoan_thanh --on "$due" \
            --note "Đã hoàn thành, gửi báo cáo kết quả." --evidence "$pdf" >/dev/null
        else
          "$bin" task update "$id" --status hoan_thanh \
            --note "Đã hoàn thành." --evidence "$pdf" >/dev/null
        fi ;;
      2) "$bin" task update "$id" --status dang_thuc_hien --progress $((20 + i % 7 * 10)) \
           --note "Đang triển khai, đã ban hành văn bản hướng dẫn." >/dev/null ;;
      3) "$bin" task update "$id" --status dang_thuc_hien --progress 50 \
           --note "Đã xây dựng dự thảo, đang lấy ý kiến." >/dev/null ;;
      4) [ "$i" -eq 10 ] && "$bin" task update "$id" --status khong_thuc_hien_duoc \
           --note "Chưa được bố trí kinh phí; đề nghị chuyển sang năm sau." >/dev/null || true ;;
      *) ;;
      esac
    done
done
echo "   xong / done"
