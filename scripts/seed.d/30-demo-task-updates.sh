#!/usr/bin/env bash
# Demo task progress for `make run`: for each imported plan, some of its
# assignments get updates through `cchc task update` (the path officials'
# updates take), all dated in the past of the demo's "today"
# (demo-today.inc): completed on their due date with an evidence file when
# that date has passed (in progress when it is still ahead), in progress at
# various percentages, one that cannot be done with its reason; the rest
# stay "chưa thực hiện". Periodic tasks ("định kỳ hằng quý") get most of
# their past occurrences reported and some missed. Deterministic for a day.
set -euo pipefail
bin=$1
. "$(dirname "$0")/demo-today.inc"
out="$(dirname "${CCHC_DB:-var/cchc.db}")/demo"
mkdir -p "$out"
pdf="$out/bao-cao-ket-qua.pdf"
printf '%%PDF-1.4\n%% Báo cáo kết quả thực hiện nhiệm vụ (dữ liệu mẫu)\n1 0 obj<<>>endobj\ntrailer<<>>\n%%%%EOF\n' >"$pdf"
echo "== Cập nhật tiến độ mẫu / demo task updates (đến / up to $demo_today)"

# update ID DAY ARGS...: an update made on DAY, recorded at 16:00
update() {
  local id=$1 day=$2
  shift 2
  "$bin" task update "$id" --on "$day" --at "$day 16:00" "$@" >/dev/null
}
done_on() { # ID DAY [--period P]: completed with the report as evidence
  local id=$1 day=$2
  shift 2
  update "$id" "$day" --status hoan_thanh --note "Đã hoàn thành, gửi báo cáo kết quả." \
    --evidence "$pdf" "$@"
}
# "PERIOD DUE" of each occurrence of a periodic assignment up to today
# (nothing for a one-off task), from `cchc task show --json`
occurrences() {
  "$bin" task show "$1" --today "$demo_today" --json |
    awk '/"occurrences": \[/ { o = 1 }
         o && /"period":/ { p = $0; gsub(/.*"period": "|".*/, "", p) }
         o && /"due":/ { d = $0; gsub(/.*"due": "?|"?,?$/, "", d); print p, d }'
}
not_after_today() { [ -n "$1" ] && [ "$1" != null ] && [[ ! $1 > $demo_today ]]; }

"$bin" plan list | sed -n 's/^#\([0-9]*\) .*/\1/p' | while read -r plan; do
  i=0
  # "ID KIND DUE" of each assignment (DUE empty when there is none)
  "$bin" task list --plan "$plan" --limit 300 --today "$demo_today" --json |
    awk '/^      "id":/ { id = $2; sub(/,/, "", id) }
         /^      "due":/ { due = $2; gsub(/[",]|null/, "", due) }
         /^      "deadline_kind":/ { kind = $2; gsub(/[",]/, "", kind) }
         /^    }/ { print id, kind, due }' |
    while read -r id kind due; do
      i=$((i + 1))
      k=$((i % 6))
      recent=$(demo_days_ago $((2 + i * 5 % 19))) # within the last three weeks
      # earlier occurrences of a periodic task: reported on time, except
      # for k 4 and 5 (missed) and k 3 (the first one late)
      occ=
      case $kind in date | event | unspecified | null) ;; *) occ=$(occurrences "$id") ;; esac
      last=$(printf '%s\n' "$occ" | tail -n 1 | cut -d' ' -f1)
      late=$([ $k -eq 3 ] && echo 5 || echo 0)
      while read -r period pdue; do
        [ -n "$period" ] && [ "$period" != "$last" ] && [ $k -le 3 ] && not_after_today "$pdue" || continue
        day=$(date -u -d "$pdue + $late days" +%F)
        [[ $day > $demo_today ]] && day=$demo_today
        done_on "$id" "$day" --period "$period"
        late=0
      done <<<"$occ"
      # the current occurrence (or the one-off task)
      case $k in
      0 | 1)
        if not_after_today "$due"; then
          done_on "$id" "$due"
        elif [ -n "$due" ]; then
          update "$id" "$recent" --status dang_thuc_hien --progress 60 \
            --note "Đang triển khai theo kế hoạch."
        else
          done_on "$id" "$recent"
        fi ;;
      2) update "$id" "$recent" --status dang_thuc_hien --progress $((20 + i % 7 * 10)) \
           --note "Đang triển khai, đã ban hành văn bản hướng dẫn." ;;
      3) update "$id" "$recent" --status dang_thuc_hien --progress 50 \
           --note "Đã xây dựng dự thảo, đang lấy ý kiến." ;;
      4) if [ "$i" -eq 10 ]; then
           update "$id" "$recent" --status khong_thuc_hien_duoc \
             --note "Chưa được bố trí kinh phí; đề nghị chuyển sang năm sau."
         fi ;;
      *) ;;
      esac
    done
done
echo "   xong / done"
