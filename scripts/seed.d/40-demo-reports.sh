#!/usr/bin/env bash
# Demo periodic reports for `make run`: the demo year's quarter-I and 6-month
# reports of the synthetic province T01 (20-demo-ledger.sh), made with
# `cchc report` as officials would, each action dated in the past of the
# demo's "today" (demo-today.inc, `--at`) so that the figures are frozen as
# of that moment:
#   S0001 on time and accepted; S0002 sent 4 days after its due date, accepted;
#   H0001 returned with a reason, corrected, resubmitted and accepted;
#   S0003 not sent (the matrix shows it missing; a reminder is sent);
#   T01   the province's consolidated report, quoting a department.
# The 6-month round: S0001 sent, H0001 returned and waiting, S0002 drafting.
# A report whose due date is still ahead of the demo's today is only
# drafted (provisional). Deterministic for a day.
set -euo pipefail
bin=$1
. "$(dirname "$0")/demo-today.inc"
echo "== Báo cáo định kỳ mẫu / demo periodic reports ($demo_year, đến / up to $demo_today)"

# create UNIT KIND DAY: sets id and due of the (new or existing) report (due
# "—" when the calendar sets none); stops the script when it cannot
create() {
  local line
  line=$("$bin" report create --unit "$1" --kind "$2" --year "$demo_year" --at "$3 08:00" |
    sed -n 's/^#\([0-9]*\) .*hạn \/ due \([^)]*\)).*/\1 \2/p')
  if [ -z "$line" ]; then
    echo "40-demo-reports: cannot create the $2 report of $1" >&2
    exit 1
  fi
  read -r id due <<<"$line"
}
# write ID CODE TEXT: a section's text
write() { printf '%s' "$3" | "$bin" report section "$1" --code "$2" --file - >/dev/null; }
# step ID ACTION DAY [ARGS]: submit/return/accept at 15:00 of DAY
step() {
  local id=$1 action=$2 day=$3
  shift 3
  "$bin" report "$action" "$id" --at "$day 15:00" "$@" >/dev/null
}
day_from() { date -u -d "$1 $2 days" +%F; } # DAY +/-N
past() { [[ $1 =~ ^[0-9-]+$ ]] && [[ ! $1 > $demo_today ]]; }

texts() { # ID UNIT-NAME: the narrative an officer would write
  write "$1" I "$2 đã ban hành kế hoạch cải cách hành chính năm $demo_year, phân công nhiệm vụ cụ thể cho từng phòng, bộ phận; lãnh đạo đơn vị chỉ đạo thường xuyên việc giải quyết thủ tục hành chính đúng hạn."
  write "$1" II.2 "Đơn vị tiếp tục rà soát, đơn giản hóa thủ tục hành chính; 100% thủ tục được công khai trên Cổng dịch vụ công; tăng cường tiếp nhận hồ sơ trực tuyến và thanh toán phí, lệ phí trực tuyến."
  write "$1" III.2 "Một số hồ sơ còn giải quyết quá hạn do phải lấy ý kiến cơ quan liên quan; tỷ lệ thanh toán trực tuyến chưa đạt chỉ tiêu."
  write "$1" V "Đề nghị Sở Nội vụ tổ chức tập huấn nghiệp vụ cải cách hành chính cho công chức phụ trách."
}

round() { # KIND: one reporting round
  local kind=$1 id due start dep
  start=$(demo_days_ago 400) # the demo's first day of the year (21 January)
  create S0001 "$kind" "$start"
  if ! past "$due"; then
    echo "  $kind: hạn $due chưa đến, chỉ soạn thảo / not due yet, drafts only"
    texts "$id" "Sở Tài chính 1"
    return 1
  fi
  texts "$id" "Sở Tài chính 1"
  step "$id" submit "$(day_from "$due" -3)"
  dep=$id
  [ "$kind" = quy1 ] && step "$id" accept "$(day_from "$due" -1)"

  create S0002 "$kind" "$start"
  texts "$id" "Sở Xây dựng 2"
  if [ "$kind" = quy1 ]; then
    step "$id" submit "$(day_from "$due" +4)"
    step "$id" accept "$(day_from "$due" +6)"
  fi

  create H0001 "$kind" "$start"
  texts "$id" "UBND huyện Số 1"
  step "$id" submit "$(day_from "$due" -2)"
  step "$id" return "$(day_from "$due" -1)" \
    --reason "Đề nghị bổ sung kết quả kiểm soát thủ tục hành chính và số liệu hồ sơ quá hạn theo từng lĩnh vực."
  if [ "$kind" = quy1 ]; then
    write "$id" III.2 "Còn hồ sơ giải quyết quá hạn ở lĩnh vực đất đai và xây dựng; đơn vị đã xin lỗi người dân bằng văn bản và chấn chỉnh bộ phận chuyên môn."
    step "$id" submit "$(day_from "$due" +1)"
    step "$id" accept "$(day_from "$due" +2)"
  fi
  "$bin" report remind --unit S0003 --kind "$kind" --year "$demo_year" >/dev/null

  create T01 "$kind" "$start"
  write "$id" I "UBND tỉnh ban hành Kế hoạch cải cách hành chính năm $demo_year, kiện toàn Ban Chỉ đạo cải cách hành chính tỉnh; tổ chức kiểm tra công tác cải cách hành chính tại các sở, ban, ngành và UBND cấp huyện."
  write "$id" V "Đề nghị Bộ Nội vụ hướng dẫn bộ tiêu chí xác định Chỉ số cải cách hành chính năm $demo_year."
  "$bin" report quote "$id" --from "$dep" --code II.2 >/dev/null
  if [ "$kind" = quy1 ] && past "$due"; then
    step "$id" submit "$due"
  fi
  return 0
}

round quy1 && round 6thang || true
