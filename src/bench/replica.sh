#!/usr/bin/env bash
# A real PostgreSQL streaming replica on this machine, and Gongkai serving its public pages from it (docs/operations.md).
# Usage: src/bench/replica.sh            (run as root or as the postgres OS user; needs PostgreSQL 15's server binaries)
#
# 1. A primary cluster of its own on 127.0.0.1:5433 and a replica of it on :5434, made with `pg_basebackup -R` (the main
#    PostgreSQL on 5432 is not touched: its pg_hba.conf allows no replication connections, and nothing here restarts it).
# 2. The jar on 127.0.0.1:$APP_PORT with GONGKAI_DB_URL on the primary and GONGKAI_REPLICA_DB_URL on the replica.
# 3. Shows that public pages read from the replica (the node's gongkai_public_reads_total counters and the replica's
#    pg_stat_database), then what replica lag means: WAL replay on the replica is paused, an item is unpublished on the
#    primary, the node hears of it (NOTIFY) and serves 410 from the primary while the paused replica still lists the item as
#    LIVE; once replay resumes the node reads from the replica again.
# Everything lives under $BASE (default /var/tmp/gongkai-replica) and is stopped by PID/pg_ctl at the end (KEEP=1 keeps it).
set -euo pipefail
cd "$(dirname "$0")/../.."

BASE=${BASE:-/var/tmp/gongkai-replica}
PRIMARY_PORT=${PRIMARY_PORT:-5433}
REPLICA_PORT=${REPLICA_PORT:-5434}
APP_PORT=${APP_PORT:-9162}
PG=${PG:-/usr/lib/postgresql/15/bin}
JAR=${JAR:-target/gongkai-0.1.0-SNAPSHOT.jar}
APP_PID=""

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}
psql_at() { # port db sql
  psql -h 127.0.0.1 -p "$1" -U postgres -d "$2" -v ON_ERROR_STOP=1 -qAtc "$3"
}
metric() { # target
  curl -s "http://127.0.0.1:$APP_PORT/actuator/prometheus" \
    | sed -n "s/^gongkai_public_reads_total{target=\"$1\"} \([0-9.E]*\).*/\1/p" | awk '{printf "%d", $1}'
}
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  if [ -z "${KEEP:-}" ]; then
    as_postgres "$PG/pg_ctl" -D "$BASE/replica" -m fast stop >/dev/null 2>&1 || true
    as_postgres "$PG/pg_ctl" -D "$BASE/primary" -m fast stop >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

[ -f "$JAR" ] || ./mvnw -q -B -DskipTests package

echo "== 1. primary on :$PRIMARY_PORT, replica on :$REPLICA_PORT under $BASE"
as_postgres "$PG/pg_ctl" -D "$BASE/replica" -m fast stop >/dev/null 2>&1 || true
as_postgres "$PG/pg_ctl" -D "$BASE/primary" -m fast stop >/dev/null 2>&1 || true
rm -rf "$BASE"
mkdir -p "$BASE"
chown postgres "$BASE" 2>/dev/null || true
as_postgres "$PG/initdb" -D "$BASE/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
# PostgreSQL 15's defaults already allow streaming replication (wal_level=replica, max_wal_senders=10); initdb's pg_hba.conf
# allows replication connections from 127.0.0.1 with --auth=trust
cat >> "$BASE/primary/postgresql.conf" <<CONF
port = $PRIMARY_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$BASE'
max_connections = 60
CONF
as_postgres "$PG/pg_ctl" -D "$BASE/primary" -l "$BASE/primary.log" -w start >/dev/null
psql_at "$PRIMARY_PORT" postgres "create database gongkai encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8' template template0"
as_postgres "$PG/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$BASE/replica" -R -X stream -c fast
echo "port = $REPLICA_PORT" >> "$BASE/replica/postgresql.conf"
as_postgres "$PG/pg_ctl" -D "$BASE/replica" -l "$BASE/replica.log" -w start >/dev/null
echo "replica in recovery: $(psql_at "$REPLICA_PORT" postgres 'select pg_is_in_recovery()')"
echo "primary's WAL senders: $(psql_at "$PRIMARY_PORT" postgres "select client_addr || ' ' || state || ' ' || sync_state from pg_stat_replication")"

echo "== 2. the node: primary for writes and the console, replica for public pages"
started=$(date +%s.%N)
GONGKAI_DB_URL=jdbc:postgresql://127.0.0.1:$PRIMARY_PORT/gongkai GONGKAI_DB_USER=postgres \
GONGKAI_REPLICA_DB_URL="jdbc:postgresql://127.0.0.1:$REPLICA_PORT/gongkai?ApplicationName=gongkai-public-reads" \
GONGKAI_BASE_URL=http://127.0.0.1:$APP_PORT \
  java -Xmx512m -jar "$JAR" --server.port="$APP_PORT" > "$BASE/app.log" 2>&1 &
APP_PID=$!
until curl -fs -o /dev/null "http://127.0.0.1:$APP_PORT/actuator/health/readiness"; do
  kill -0 "$APP_PID" 2>/dev/null || { echo "the node did not start; see $BASE/app.log"; tail -30 "$BASE/app.log"; exit 1; }
  sleep 0.5
done
echo "ready after $(printf '%.1f' "$(echo "$(date +%s.%N) - $started" | bc)") s (demo data seeded on the primary, replayed on the replica)"
grep -h 'Public reads' "$BASE/app.log" | sed 's/^.*: Public reads/  log: Public reads/'

ITEM=$(psql_at "$REPLICA_PORT" gongkai "select document_id from public_document where status = 'LIVE' order by first_published_at desc limit 1")
commits_before=$(psql_at "$REPLICA_PORT" postgres "select xact_commit from pg_stat_database where datname = 'gongkai'")
replica_before=$(metric replica); primary_before=$(metric primary)
for path in / /catalogue "/items/$ITEM" "/search?q=%E5%8D%AB%E7%94%9F"; do
  echo "  GET $path -> $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$APP_PORT$path")"
done
sleep 0.6 # pg_stat_database is flushed at most every 500 ms
commits_after=$(psql_at "$REPLICA_PORT" postgres "select xact_commit from pg_stat_database where datname = 'gongkai'")
echo "  public read connections: replica $replica_before -> $(metric replica), primary $primary_before -> $(metric primary)"
echo "  transactions committed on the replica's database: $commits_before -> $commits_after"
echo "  the node's connections on the replica: $(psql_at "$REPLICA_PORT" postgres "select count(*) from pg_stat_activity where application_name = 'gongkai-public-reads'")"

echo "== 3. replica lag: replay paused on the replica, $ITEM unpublished on the primary"
psql_at "$REPLICA_PORT" postgres "select pg_wal_replay_pause()" >/dev/null
# what an unpublishing commits on the primary's read model, with the public change version and its NOTIFY
psql_at "$PRIMARY_PORT" gongkai "begin;
  update public_document set status = 'UNPUBLISHED' where document_id = '$ITEM';
  with v as (update public_change set version = version + 1, changed_at = now() where id = 1 returning version)
    select pg_notify('gongkai_public_change', version::text) from v;
  commit;" >/dev/null
sleep 0.3
echo "  the replica still says: $ITEM is $(psql_at "$REPLICA_PORT" gongkai "select status from public_document where document_id = '$ITEM'") (public change version $(psql_at "$REPLICA_PORT" gongkai 'select version from public_change'))"
echo "  the primary says:       $ITEM is $(psql_at "$PRIMARY_PORT" gongkai "select status from public_document where document_id = '$ITEM'") (public change version $(psql_at "$PRIMARY_PORT" gongkai 'select version from public_change'))"
replica_before=$(metric replica); primary_before=$(metric primary)
echo "  GET /items/$ITEM -> $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$APP_PORT/items/$ITEM") (410: read from the primary)"
echo "  GET /catalogue -> $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$APP_PORT/catalogue?lag=1")"
echo "  public read connections while behind: replica $replica_before -> $(metric replica), primary $primary_before -> $(metric primary)"
psql_at "$REPLICA_PORT" postgres "select pg_wal_replay_resume()" >/dev/null
sleep 0.5
replica_before=$(metric replica)
echo "  replay resumed; the replica says: $ITEM is $(psql_at "$REPLICA_PORT" gongkai "select status from public_document where document_id = '$ITEM'")"
echo "  GET /catalogue -> $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$APP_PORT/catalogue?lag=2"), replica connections $replica_before -> $(metric replica)"
grep -h 'Public reads: the replica' "$BASE/app.log" | sed 's/^.*: Public reads/  log: Public reads/'
