#!/usr/bin/env bash
# Start a throwaway PostgreSQL server (ECOSYSTEM.md §4) and print its URL; `stop DIR` removes it.
# Usage: eval "$(scripts/pg-throwaway.sh start)"   -> sets PG_TMPDIR and LEEFBAAR_TEST_POSTGRES_URL
#        scripts/pg-throwaway.sh stop "$PG_TMPDIR"
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
start)
  [ -n "$PGBIN" ] || { echo "echo 'PostgreSQL niet gevonden' >&2"; exit 1; }
  DIR=$(mktemp -d /tmp/leefbaar-pg.XXXXXX)
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$DIR"
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  as_pg "$PGBIN/initdb" -D "$DIR/data" -A trust -U postgres -E UTF8 --no-locale >/dev/null
  as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null
  echo "export PG_TMPDIR=$DIR"
  echo "export LEEFBAAR_TEST_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres"
  ;;
stop)
  DIR=${2:?directory}
  as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
  ;;
*)
  echo "usage: $0 start | stop DIR" >&2; exit 2;;
esac
