#!/usr/bin/env bash
# Demo dataset for `make run`: a synthetic province ("UBND tỉnh Thử Nghiệm",
# code T01) with its procedures and 20,000 one-stop dossiers of 2024, made by
# `cchc gen` (deterministic seed), so that KPIs and the 766 index have data.
set -euo pipefail
bin=$1
out="$(dirname "${CCHC_DB:-var/cchc.db}")/demo"
mkdir -p "$out"
echo "== Dữ liệu mẫu hồ sơ một cửa / demo one-stop dossiers (synthetic province T01)"
"$bin" gen dossiers --units 40 --procedures 60 --dossiers 20000 --year 2024 --seed 7 \
  --out "$out/dossiers.csv" --units-out "$out/units.csv" --links-out "$out/links.csv" \
  --procedures-out "$out/procedures.csv"
"$bin" unit import "$out/units.csv" "$out/links.csv"
"$bin" ingest procedures "$out/procedures.csv"
"$bin" ingest dossiers "$out/dossiers.csv"
