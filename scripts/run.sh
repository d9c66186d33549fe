#!/usr/bin/env bash
# make run: create the database on first use (sample units, admin user),
# then serve the web UI until interrupted. Re-running reuses the database.
#   CCHC_DB      database file        (default var/cchc.db)
#   CCHC_DATA    data directory       (default data)
#   CCHC_LISTEN  address:port         (default 127.0.0.1:8080)
#   CCHC_TODAY   the demo's "today"   (YYYY-MM-DD, default today: the demo data
#                of scripts/seed.d live in that year, up to that day)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/rel/cchc
export CCHC_DB=${CCHC_DB:-var/cchc.db}
export CCHC_DATA=${CCHC_DATA:-data}
listen=${CCHC_LISTEN:-127.0.0.1:8080}
pwfile="$(dirname "$CCHC_DB")/initial-admin-password"

if [ ! -f "$CCHC_DB" ]; then
  echo "== Tạo cơ sở dữ liệu / creating database $CCHC_DB"
  mkdir -p "$(dirname "$CCHC_DB")"
  "$bin" db migrate
  echo "== Nhập đơn vị mẫu / importing sample units"
  "$bin" unit import "$CCHC_DATA"/units/vinhlong_2024.csv "$CCHC_DATA"/units/vinhlong_2025.csv \
    "$CCHC_DATA"/units/vinhlong_links.csv
  for f in scripts/seed.d/*.sh; do
    [ -x "$f" ] && "$f" "$bin"
  done
  pw=$("$bin" user add admin --role admin --name "Quản trị hệ thống" | sed -n 's/^Mật khẩu \/ password: //p')
  umask 077
  printf '%s\n' "$pw" > "$pwfile"
else
  echo "== Dùng lại cơ sở dữ liệu / reusing database $CCHC_DB"
  "$bin" db migrate >/dev/null
fi

echo
echo "  Địa chỉ / address : http://$listen/"
echo "  Đăng nhập / login : admin"
if [ -f "$pwfile" ]; then
  echo "  Mật khẩu / password: $(cat "$pwfile")"
  echo "  (lưu tại / kept in $pwfile; đổi bằng / change with: $bin user passwd admin)"
else
  echo "  Mật khẩu: đã đổi; đặt lại bằng / password was changed; reset with: $bin user passwd admin"
fi
echo
exec "$bin" serve --listen "$listen"
