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
  # The generated password goes to $pwfile (mode 0600), never through a pipe or the
  # terminal history; cchc deletes that file at the first change of the password.
  "$bin" user add admin --role admin --name "Quản trị hệ thống" --password-file "$pwfile" >/dev/null
  # The demo's notices of today (what the daily scheduler below would have
  # recorded this morning): the bells are not empty on the first visit.
  source scripts/seed.d/demo-today.inc
  echo "== Nhắc hạn của ngày / today's reminders ($demo_today)"
  "$bin" remind run --at "$demo_today 07:00" --no-mail >/dev/null
  first_run=1
else
  echo "== Dùng lại cơ sở dữ liệu / reusing database $CCHC_DB"
  "$bin" db migrate >/dev/null
fi

echo
echo "  Địa chỉ / address : http://$listen/"
echo "  Đăng nhập / login : admin"
if [ -n "${first_run:-}" ] && [ -f "$pwfile" ]; then
  # Shown once, when it was made; later runs only say where it is.
  echo "  Mật khẩu ban đầu / initial password: $(cat "$pwfile")"
  echo "  (hãy đổi ngay trong thẻ người dùng / change it now under the user card)"
elif [ -f "$pwfile" ]; then
  echo "  Mật khẩu ban đầu chưa đổi, xem tệp / initial password unchanged, see: $pwfile"
else
  echo "  Mật khẩu đã được đổi / the password was changed (reset: $bin user passwd admin)"
fi
echo
# The reminder scheduler runs every day at 07:00 (no e-mail until SMTP is
# configured: docs/deploy.md); --no-remind turns it off.
exec "$bin" serve --listen "$listen" --remind-at 07:00
