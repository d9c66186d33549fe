#!/usr/bin/env bash
# Demo PAR Index campaigns for `make run` (docs/internals/par_campaign.md),
# over the departments of the demo province T01 with the sample framework
# (data/par/so-2024.json), through the `cchc par` commands officials' work
# takes:
#   the year before the demo year: every department scored (values varied
#   deterministically over each criterion's allowed values), evidence and a
#   bonus, pre-filled figures, submitted; an appraisal round by the appraising
#   department with an explanation asked and given, a second-round value, a
#   penalty, survey results, finalised and published;
#   the demo year: the campaign (open for self-assessment from December),
#   figures pre-filled, one department part-way through.
# The demo year is $CCHC_DEMO_YEAR, else the year of the demo's today
# (demo-today.inc: $CCHC_TODAY, else today in Vietnam). Demo accounts
# (officer of a department, appraiser of Sở Tài chính, standing agency) are
# written with their passwords to <db dir>/demo/par-demo-users.txt.
set -euo pipefail
bin=$1
data=${CCHC_DATA:-data}
out="$(dirname "${CCHC_DB:-var/cchc.db}")/demo"
mkdir -p "$out"
. "$(dirname "$0")/demo-today.inc"
year=${CCHC_DEMO_YEAR:-$demo_year}
prev=$((year - 1))
province=T01
echo "== Chấm điểm Chỉ số CCHC mẫu / demo PAR campaigns ($prev published, $year open)"

fw=$("$bin" par framework import "$data/par/so-2024.json" --json | jq -r .id)
camp=$("$bin" par campaign create --year "$prev" --framework "$fw" --scope "$province" \
  --opens "$prev-12-01" --self-due "$prev-12-20" --round1-due "$year-01-09" \
  --explain-due "$year-01-14" --round2-due "$year-01-21" --publish-due "$year-02-06" --json |
  jq -r .id)
mapfile -t units < <("$bin" par results --campaign "$camp" --json | jq -r '.units[].unit' | sort)
if [ "${#units[@]}" -eq 0 ]; then
  echo "   bỏ qua: tỉnh $province chưa có sở, ngành / skipped: no departments in $province"
  exit 0
fi

pdf="$out/ke-hoach-cchc.pdf"
printf '%%PDF-1.4\n%% Kế hoạch CCHC năm (dữ liệu mẫu)\n1 0 obj<<>>endobj\ntrailer<<>>\n%%%%EOF\n' >"$pdf"

# "code v1,v2,... figure" per leaf the unit scores itself: allowed values,
# highest first, and whether cchc pre-filled a figure (then it is accepted).
leaves() {
  "$bin" par sheet --campaign "$1" --unit "$2" --json | jq -r '
    def opts: if .method == "levels" then [.levels[].points]
      elif .method == "bands" then [.bands[].points]
      elif .method == "yesno" then [.max, 0]
      else [.max, (.max * 3 / 4)] end | unique | sort | reverse;
    .nodes[] | select(.leaf and .applies and .source != "survey" and .kind == "criterion")
    | "\(.code) \(opts | map(tostring) | join(",")) \(.suggested != null)"'
}

# Scores unit (index k) on campaign c; stop after `limit` leaves (0 = all).
score_unit() {
  local c=$1 unit=$2 k=$3 limit=$4 j=0 code opts figure pick
  while read -r code opts figure; do
    j=$((j + 1))
    [ "$limit" -gt 0 ] && [ "$j" -gt "$limit" ] && break
    if [ "$figure" = true ]; then
      "$bin" par score --campaign "$c" --unit "$unit" --criterion "$code" --accept >/dev/null
      continue
    fi
    IFS=, read -ra v <<<"$opts"
    pick=${v[0]}
    if [ $(((j * 7 + k * 3) % 5)) -eq 0 ] && [ "${#v[@]}" -gt 1 ]; then pick=${v[1]}; fi
    if [ "$pick" = "${v[0]}" ]; then
      "$bin" par score --campaign "$c" --unit "$unit" --criterion "$code" --points "$pick" >/dev/null
    else
      "$bin" par score --campaign "$c" --unit "$unit" --criterion "$code" --points "$pick" \
        --note "Thực hiện chưa đầy đủ so với kế hoạch (số liệu mẫu)." >/dev/null
    fi
  done < <(leaves "$c" "$unit")
}

"$bin" par prefill --campaign "$camp" >/dev/null
k=0
for u in "${units[@]}"; do
  k=$((k + 1))
  score_unit "$camp" "$u" "$k" 0
  "$bin" par score --campaign "$camp" --unit "$u" --criterion 1.1.1 --points 1 \
    --note "Kế hoạch ban hành đúng hạn." --evidence "$pdf" >/dev/null
  "$bin" par text --campaign "$camp" --unit "$u" \
    --difficulties "Biên chế làm công tác CCHC còn mỏng; đề nghị tăng cường tập huấn nghiệp vụ." >/dev/null
  if [ "$k" -eq 1 ]; then
    "$bin" par bonus --campaign "$camp" --unit "$u" --points 1 \
      --reason "Sáng kiến cải cách hành chính được công nhận cấp tỉnh (số liệu mẫu)." >/dev/null
  fi
  "$bin" par submit --campaign "$camp" --unit "$u" >/dev/null
done

# appraisal of the last department: area 6 (public finance) by Sở Tài chính,
# with an explanation, then round 2; a penalty by the standing agency
last=${units[$((${#units[@]} - 1))]}
"$bin" par appraise --campaign "$camp" --unit "$last" --criterion 6.1.1 --points 0 --round 1 \
  --reason "Chưa có quy chế chi tiêu nội bộ cập nhật năm $prev." >/dev/null
"$bin" par explain --campaign "$camp" --unit "$last" --criterion 6.1.1 \
  --request "Đề nghị bổ sung quy chế chi tiêu nội bộ." >/dev/null
"$bin" par explain --campaign "$camp" --unit "$last" --criterion 6.1.1 \
  --answer "Đã ban hành quy chế số 05/QC ngày 10/01/$prev, gửi kèm." >/dev/null
"$bin" par appraise --campaign "$camp" --unit "$last" --criterion 6.1.1 --points 1 --round 2 \
  --reason "Chấp nhận giải trình: quy chế ban hành trong năm." >/dev/null
"$bin" par penalty --campaign "$camp" --unit "${units[0]}" --points 0.5 \
  --reason "Báo cáo CCHC quý III gửi chậm (số liệu mẫu)." >/dev/null
survey="$out/dieu-tra-xhh-$prev.csv"
{
  echo "MaDonVi,TieuChi,Diem"
  k=0
  for u in "${units[@]}"; do
    k=$((k + 1))
    echo "$u,8.1,$((80 + k * 3 % 17))%"
    echo "$u,8.4,$((75 + k * 5 % 19))%"
  done
} >"$survey"
"$bin" par survey import --campaign "$camp" "$survey" >/dev/null
"$bin" par campaign finalise "$camp"
"$bin" par campaign publish "$camp"

# the demo year: open for self-assessment
# (it opens on 1 December, or on the demo's today when that is later but
# not beyond the next year, as `par campaign create` does with the real
# clock; the other dates follow)
opens="$year-12-01"
[[ $demo_today > $opens && ${demo_today%%-*} -le $((year + 1)) ]] && opens=$demo_today
cur=$("$bin" par campaign create --year "$year" --framework "$fw" --scope "$province" \
  --opens "$opens" --json | jq -r .id)
"$bin" par prefill --campaign "$cur" >/dev/null
score_unit "$cur" "${units[$((${#units[@]} > 2 ? 2 : 0))]}" 3 12

# demo accounts
users="$out/par-demo-users.txt"
umask 077
: >"$users"
adduser() {
  local pw
  pw=$("$bin" user add "$1" --role "$2" --unit "$3" --name "$4" | sed -n 's/^Mật khẩu \/ password: //p')
  printf '%s\t%s\t%s\t%s\n' "$1" "$pw" "$2" "$3" >>"$users"
}
adduser canbo.par "officer" "${units[$((${#units[@]} > 2 ? 2 : 0))]}" "Cán bộ CCHC (mẫu)"
appr=$("$bin" par campaign show "$cur" | jq -r '.appraisers[] | select(.role == "so_tai_chinh") | .unit // empty')
[ -n "$appr" ] && adduser thamdinh.par appraiser "$appr" "Cán bộ thẩm định (mẫu)"
adduser thuongtruc.par standing "$province" "Cơ quan thường trực CCHC (mẫu)"
echo "   xong / done: đợt $camp ($prev, đã công bố), đợt $cur ($year, đang tự chấm); tài khoản: $users"
