#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and benchmarks.
#
#   scripts/pg_cluster.sh up DIR        create DIR, initdb, start; prints the URL
#   scripts/pg_cluster.sh down DIR      stop the server and remove DIR
#   scripts/pg_cluster.sh stop DIR      stop the server, keep the data (fault tests)
#   scripts/pg_cluster.sh start DIR     start it again on the same port
#   scripts/pg_cluster.sh url DIR       print the URL of a cluster made by `up`
#   scripts/pg_cluster.sh run CMD...    up in a fresh temporary directory, run CMD
#                                       with CCHC_TEST_DB and CCHC_TEST_PG set, down
#
# The cluster lives in a temporary directory, listens on 127.0.0.1 only, on a
# free port, with its Unix socket inside DIR (nothing under /var/run). initdb
# refuses to run as root, so as root the server runs as an unprivileged system
# user: `postgres` (created by the Debian package) or, failing that, a system
# user `cchc-pg` created here. Authentication is scram-sha-256 with a random
# password for the superuser `cchc`, so tests can also check a refused password.
# The cluster is tuned for throwaway use (fsync off): never point it at data
# that matters.
#
# When the PostgreSQL server is not installed it is installed from Debian
# (`postgresql`); when that fails the script fails loudly (exit 1): the
# PostgreSQL half of `make check` must never be skipped silently.
set -euo pipefail

die() {
  echo "pg_cluster: ERROR: $*" >&2
  echo "pg_cluster: LỖI: không khởi động được cụm PostgreSQL thử nghiệm" >&2
  exit 1
}

pg_bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
    echo "$d"
    return 0
  fi
  d=$(command -v initdb 2>/dev/null || true)
  [ -n "$d" ] && dirname "$(readlink -f "$d")"
  return 0
}

ensure_installed() {
  local bin
  bin=$(pg_bindir)
  if [ -z "$bin" ]; then
    echo "pg_cluster: installing the PostgreSQL server (Debian package postgresql)" >&2
    local sudo=
    [ "$(id -u)" -ne 0 ] && sudo=sudo
    export DEBIAN_FRONTEND=noninteractive
    { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends postgresql \
      </dev/null >/dev/null; } || die "could not install the Debian package postgresql"
    bin=$(pg_bindir)
    [ -n "$bin" ] || die "postgresql installed but initdb/pg_ctl not found"
  fi
  PGBIN=$bin
}

# The account the server runs as, and how to run a command as it.
pick_user() {
  if [ "$(id -u)" -ne 0 ]; then
    PGUSER_OS=$(id -un)
    return 0
  fi
  if getent passwd postgres >/dev/null; then
    PGUSER_OS=postgres
  else
    if ! getent passwd cchc-pg >/dev/null; then
      useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin cchc-pg \
        || die "could not create the system user cchc-pg"
    fi
    PGUSER_OS=cchc-pg
  fi
}

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$PGUSER_OS" -- "$@"
  else
    "$@"
  fi
}

port_free() {
  ! ss -Hltn "sport = :$1" 2>/dev/null | grep -q .
}

random_port() {
  echo $((20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 30000))
}

# Starts the server of DIR; returns 1 when the port was taken meanwhile.
start_server() {
  local dir=$1 port
  port=$(cat "$dir/port")
  as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir/sock -c listen_addresses=127.0.0.1" start >/dev/null 2>&1 || return 1
  return 0
}

cmd_up() {
  local dir=$1 pw tries port
  ensure_installed
  pick_user
  [ -e "$dir" ] && [ -n "$(ls -A "$dir" 2>/dev/null)" ] && die "$dir exists and is not empty"
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  # The server user must reach DIR: every parent must be traversable.
  chmod 0755 "$dir"
  mkdir -p "$dir/data" "$dir/sock"
  pw=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  printf '%s\n' "$pw" >"$dir/pwfile"
  if [ "$(id -u)" -eq 0 ]; then
    chown "$PGUSER_OS" "$dir/data" "$dir/sock" "$dir/pwfile" "$dir"
  fi
  chmod 0700 "$dir/data"
  chmod 0600 "$dir/pwfile"
  as_pg "$PGBIN/initdb" -D "$dir/data" -U cchc --pwfile="$dir/pwfile" -A scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 --lc-collate=C --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; die "initdb failed (log above)"; }
  cat >>"$dir/data/postgresql.conf" <<EOF
# throwaway test cluster (scripts/pg_cluster.sh)
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 256MB
wal_buffers = 32MB
max_wal_size = 4GB
checkpoint_timeout = 30min
unix_socket_permissions = 0777
log_min_messages = warning
EOF
  tries=0
  while :; do
    tries=$((tries + 1))
    [ $tries -le 20 ] || { cat "$dir/server.log" >&2 2>/dev/null || true; die "could not start the server"; }
    port=$(random_port)
    port_free "$port" || continue
    echo "$port" >"$dir/port"
    start_server "$dir" && break
  done
  (umask 077 && echo "postgresql://cchc:$pw@127.0.0.1:$port/postgres" >"$dir/url")
  cat "$dir/url"
}

cmd_down() {
  local dir=$1
  [ -d "$dir" ] || return 0
  ensure_installed
  if [ -f "$dir/data/postmaster.pid" ]; then
    pick_user
    as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w -t 60 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

cmd_stop() {
  local dir=$1
  ensure_installed
  pick_user
  as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null \
    || die "could not stop the server in $dir"
}

cmd_start() {
  local dir=$1 i
  ensure_installed
  pick_user
  # The port was just released; a TIME_WAIT socket does not block a listener.
  for i in 1 2 3 4 5; do
    start_server "$dir" && return 0
    sleep 1
  done
  cat "$dir/server.log" >&2 || true
  die "could not restart the server in $dir on port $(cat "$dir/port")"
}

cmd_run() {
  local dir rc
  dir=$(mktemp -d /tmp/cchc-pg.XXXXXX)
  # shellcheck disable=SC2064
  trap "'$0' down '$dir'" EXIT
  trap 'exit 130' INT TERM
  CCHC_TEST_DB=$(cmd_up "$dir")
  export CCHC_TEST_DB
  export CCHC_TEST_PG=$dir
  export CCHC_TEST_PG_CTL=$(readlink -f "$0")
  rc=0
  "$@" || rc=$?
  return $rc
}

[ $# -ge 1 ] || { sed -n '2,10p' "$0" >&2; exit 2; }
action=$1
shift
case "$action" in
  up | down | stop | start | url)
    [ $# -eq 1 ] || { echo "usage: $0 $action DIR" >&2; exit 2; }
    case "$action" in
      url) cat "$1/url" ;;
      *) "cmd_$action" "$1" ;;
    esac
    ;;
  run)
    [ $# -ge 1 ] || { echo "usage: $0 run CMD..." >&2; exit 2; }
    cmd_run "$@"
    ;;
  *) echo "usage: $0 up|down|stop|start|url DIR | run CMD..." >&2; exit 2 ;;
esac
