#!/usr/bin/env bash
# Starts the servers the test suites use, on loopback, installing them from Debian's packages when
# missing (needs root, as on CI and the dev machines): redis-server on 127.0.0.1:6399 and a
# PostgreSQL cluster on 127.0.0.1:5432 with a `signalbox` role and database.
# Idempotent: already running servers are reused. Prints the URLs as `export` lines.
set -euo pipefail
REDIS_PORT=${SIGNALBOX_TEST_REDIS_PORT:-6399}
PG_USER=signalbox
PG_DB=signalbox_test

log() { echo "[test-services] $*" >&2; }

need_install=()
command -v redis-server >/dev/null 2>&1 || need_install+=(redis-server)
command -v pg_ctlcluster >/dev/null 2>&1 || need_install+=(postgresql)
# Headless browser for the dashboard's test (launched by playwright-core at /usr/bin/chromium).
command -v chromium >/dev/null 2>&1 || need_install+=(chromium)
if [ ${#need_install[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then log "missing ${need_install[*]} and not root: install them"; exit 1; fi
  log "installing ${need_install[*]}"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_install[@]}" >&2
fi

if ! redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then
  log "starting redis-server on 127.0.0.1:$REDIS_PORT"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes --save '' --appendonly no \
    --dir /tmp --logfile /tmp/signalbox-test-redis.log >&2
  for _ in $(seq 1 50); do redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
fi

version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  log "creating PostgreSQL $version cluster"
  pg_createcluster "$version" main >&2
fi
if ! pg_lsclusters -h | awk '$1=="'"$version"'" && $2=="main" {print $4}' | grep -q online; then
  log "starting PostgreSQL $version"
  pg_ctlcluster "$version" main start >&2
fi
port=$(pg_lsclusters -h | awk '$1=="'"$version"'" && $2=="main" {print $3}')
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -c "$1"; else bash -c "$1"; fi; }
for _ in $(seq 1 50); do as_postgres "psql -p $port -tAc 'select 1'" >/dev/null 2>&1 && break; sleep 0.2; done
if [ "$(as_postgres "psql -p $port -tAc \"select 1 from pg_roles where rolname='$PG_USER'\"")" != 1 ]; then
  as_postgres "psql -p $port -c \"create role $PG_USER login superuser password 'signalbox'\"" >&2
fi
if [ "$(as_postgres "psql -p $port -tAc \"select 1 from pg_database where datname='$PG_DB'\"")" != 1 ]; then
  as_postgres "createdb -p $port -O $PG_USER $PG_DB" >&2
fi

echo "export SIGNALBOX_TEST_REDIS_URL=redis://127.0.0.1:$REDIS_PORT"
echo "export SIGNALBOX_TEST_DATABASE_URL=postgres://$PG_USER:signalbox@127.0.0.1:$port/$PG_DB"
