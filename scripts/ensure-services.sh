#!/usr/bin/env bash
# Makes sure PostgreSQL (with the PostGIS package) and Redis answer on the configured URLs.
# Installs PostGIS through apt when the server lacks it; starts local services that are installed but
# stopped. Never touches remote servers: for those it only reports.
set -euo pipefail

DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/rural_dispatch}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
ADMIN_URL="$(node -e 'const u=new URL(process.argv[1]); u.pathname="/postgres"; console.log(u.toString())' "$DATABASE_URL")"
PG_HOST="$(node -e 'console.log(new URL(process.argv[1]).hostname)' "$DATABASE_URL")"
say() { echo "[setup] $*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else say "need root for: $*"; return 1; fi; }
is_local() { case "$1" in 127.*|localhost|::1|'[::1]') return 0;; *) return 1;; esac; }

pg_query() { node -e '
const { Client } = require("pg");
const c = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
c.connect().then(() => c.query(process.argv[2])).then((r) => { console.log(r.rows.map((row) => Object.values(row).join("|")).join("\n")); return c.end(); })
 .catch((e) => { console.error(e.message); process.exit(1); });' "$ADMIN_URL" "$1"; }

if ! pg_query 'SELECT 1' >/dev/null 2>&1; then
  if is_local "$PG_HOST" && command -v pg_ctlcluster >/dev/null; then
    say "PostgreSQL is not answering; starting the local cluster"
    for version in $(ls /etc/postgresql 2>/dev/null); do as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true; done
    sleep 2
  fi
  pg_query 'SELECT 1' >/dev/null || { say "cannot reach PostgreSQL at $ADMIN_URL — start it or set DATABASE_URL"; exit 1; }
fi

if [ "$(pg_query "SELECT count(*) FROM pg_available_extensions WHERE name = 'postgis'")" = "0" ]; then
  is_local "$PG_HOST" || { say "the PostgreSQL server at $PG_HOST has no PostGIS; install it there"; exit 1; }
  major="$(pg_query 'SHOW server_version_num' | cut -c1-2)"
  say "installing PostGIS for PostgreSQL $major (apt-get install postgresql-$major-postgis-3)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "postgresql-$major-postgis-3" >/dev/null
fi

REDIS_HOST="$(node -e 'console.log(new URL(process.argv[1]).hostname)' "$REDIS_URL")"
REDIS_PORT="$(node -e 'console.log(new URL(process.argv[1]).port || 6379)' "$REDIS_URL")"
redis_ping() { node -e '
const Redis = require("ioredis");
const r = new Redis(process.argv[1], { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null });
r.connect().then(() => r.ping()).then(() => { r.disconnect(); }).catch((e) => { console.error(e.message); process.exit(1); });' "$REDIS_URL"; }
if ! redis_ping >/dev/null 2>&1; then
  if is_local "$REDIS_HOST" && command -v redis-server >/dev/null; then
    say "Redis is not answering; starting a local redis-server on port $REDIS_PORT (no persistence: PostgreSQL is the source of truth)"
    redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no --maxmemory-policy noeviction >/dev/null
    sleep 1
  fi
  redis_ping >/dev/null || { say "cannot reach Redis at $REDIS_URL — start it or set REDIS_URL"; exit 1; }
fi
say "PostgreSQL (with PostGIS available) and Redis are reachable"

# The font the PDF manifests embed, and pdftotext for the tests.
bash "$(dirname "$0")/ensure-system-packages.sh"
