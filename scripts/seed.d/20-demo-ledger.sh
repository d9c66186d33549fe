#!/usr/bin/env bash
# Demo dataset for `make run`: a synthetic province ("UBND tỉnh Thử Nghiệm",
# code T01) with its procedures and one-stop dossiers of the current year up
# to today (demo-today.inc; 20,000 for a whole year, CCHC_DEMO_DOSSIERS
# changes it), made by `cchc gen` (deterministic seed: the same days give the
# same dossiers), as they stand today, so that KPIs and the 766 index have
# live data.
set -euo pipefail
bin=$1
. "$(dirname "$0")/demo-today.inc"
out="$(dirname "${CCHC_DB:-var/cchc.db}")/demo"
mkdir -p "$out"
echo "== Dữ liệu mẫu hồ sơ một cửa / demo one-stop dossiers (synthetic province T01, $demo_year đến / up to $demo_today)"
"$bin" gen dossiers --units 40 --procedures 60 --dossiers "${CCHC_DEMO_DOSSIERS:-20000}" \
  --year "$demo_year" --until "$demo_today" --seed 7 \
  --out "$out/dossiers.csv" --units-out "$out/units.csv" --links-out "$out/links.csv" \
  --procedures-out "$out/procedures.csv"
"$bin" unit import "$out/units.csv" "$out/links.csv"
"$bin" ingest procedures "$out/procedures.csv"
# The dossiers stand as at the end of the demo's today: times later than the
# real clock (the rest of today, or a CCHC_TODAY ahead) are not typing errors.
"$bin" ingest dossiers "$out/dossiers.csv" --now "$demo_today 23:59:59"
