# shellcheck shell=bash
# Start a throwaway PostgreSQL cluster owned by this run, listening on 127.0.0.1 only.
# Sourced by .ci/run; sets PGPORT. Needs Debian's postgresql package.

start_postgres() {
  local bindir
  bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  PGDATA_DIR=$(mktemp -d /tmp/regiowerk-pg.XXXXXX)
  PGPORT=${PGPORT:-54329}
  chown postgres "$PGDATA_DIR" 2>/dev/null || true
  local as_pg=""
  [ "$(id -u)" = 0 ] && as_pg="runuser -u postgres --"
  $as_pg "$bindir/initdb" -D "$PGDATA_DIR" -U postgres -A trust --no-sync >/dev/null
  $as_pg "$bindir/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDATA_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
  "$bindir/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -q -c \
    "CREATE ROLE regiowerk LOGIN CREATEDB PASSWORD 'regiowerk'" postgres
  "$bindir/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -q -c \
    "CREATE DATABASE regiowerk OWNER regiowerk" postgres
  # shellcheck disable=SC2064
  trap "$as_pg $bindir/pg_ctl -D $PGDATA_DIR -m fast stop >/dev/null 2>&1 || true; rm -rf $PGDATA_DIR" EXIT
  export PGPORT
}
