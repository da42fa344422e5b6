#!/usr/bin/env bash
# Benchmark of the public pages, side by side with nginx serving saved copies of the same pages, on this machine.
# Usage: src/bench/run.sh [items]     (default 100000; 1000000 works; the database is kept for the next run)
# Needs: PostgreSQL on 127.0.0.1:5432 (trust auth, user postgres), wrk and nginx (apt-get install wrk nginx-light).
# Writes the figures to docs/performance.md (or to $OUT). Sends traffic only to 127.0.0.1 and stops by itself.
# WITH_GZIP=1: every request says Accept-Encoding: gzip; Gongkai answers from its page cache's gzip bytes, nginx from a
# pre-compressed copy (gzip_static), so neither compresses per request.
set -euo pipefail
cd "$(dirname "$0")/../.."

ITEMS=${1:-100000}
DURATION=${DURATION:-15}
CONNECTIONS=${CONNECTIONS:-32}
APP_PORT=${APP_PORT:-18080}
NGINX_PORT=${NGINX_PORT:-18888}
WITH_GZIP=${WITH_GZIP:-}
OUT=${OUT:-docs/performance.md}
WRK_HEADERS=()
GZIP_STATIC=off
[ -n "$WITH_GZIP" ] && WRK_HEADERS=(-H "Accept-Encoding: gzip") && GZIP_STATIC=on
DB=gongkai_bench_${ITEMS}
PSQL="psql -h 127.0.0.1 -p 5432 -U postgres -v ON_ERROR_STOP=1 -q"
WORK=$(mktemp -d /tmp/gongkai-bench.XXXXXX)
APP_PID=""
NGINX_STARTED=""

cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  [ -n "$NGINX_STARTED" ] && nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -s stop 2>/dev/null || true
}
trap cleanup EXIT

command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "needs wrk and nginx: apt-get install wrk nginx-light"; exit 1; }
[ -f target/gongkai-0.1.0-SNAPSHOT.jar ] || ./mvnw -q -B -DskipTests package

if ! $PSQL -d postgres -tAc "select 1 from pg_database where datname = '$DB'" | grep -q 1; then
  $PSQL -d postgres -c "create database $DB encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8' template template0"
fi

start_app() {
  local started=$(date +%s.%N)
  java -Xmx512m -jar target/gongkai-0.1.0-SNAPSHOT.jar --server.port=$APP_PORT \
    --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/$DB --spring.datasource.username=postgres \
    --gongkai.base-url=http://127.0.0.1:$APP_PORT > "$WORK/app.log" 2>&1 &
  APP_PID=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$APP_PORT/login"; do
    kill -0 "$APP_PID" 2>/dev/null || { echo "application failed to start; see $WORK/app.log"; tail -30 "$WORK/app.log"; exit 1; }
    sleep 0.2
  done
  STARTUP=$(printf '%.1f' "$(echo "$(date +%s.%N) - $started" | bc)")
}

start_app
loaded=$($PSQL -d "$DB" -tAc "select count(*) from public_document where document_id like 'bench%'")
if [ "$loaded" -lt "$ITEMS" ]; then
  echo "Loading $ITEMS published items…"
  load_started=$(date +%s)
  $PSQL -d "$DB" -v n="$ITEMS" -f src/bench/generate.sql > "$WORK/generate.log"
  LOAD_NOTE="loaded by \`src/bench/generate.sql\` in $(( $(date +%s) - load_started )) s"
  # restart so that nothing from before the load is cached
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
  start_app
else
  LOAD_NOTE="kept from an earlier run of \`src/bench/generate.sql\`"
fi
COUNT=$($PSQL -d "$DB" -tAc "select count(*) from public_document where status = 'LIVE'")

# the pages, saved for nginx
mkdir -p "$WORK/nginx/html" "$WORK/nginx/logs"
ITEM=/items/bench00004242
CATALOGUE=/catalogue/ggws
declare -A PAGES=([home]=/ [item]=$ITEM [catalogue]=$CATALOGUE [search]="/search?q=%E7%96%AB%E8%8B%97")
for name in "${!PAGES[@]}"; do
  code=$(curl -s -o "$WORK/nginx/html/$name.html" -w '%{http_code}' "http://127.0.0.1:$APP_PORT${PAGES[$name]}")
  [ "$code" = 200 ] || echo "warning: ${PAGES[$name]} answered $code"
  if [ -n "$WITH_GZIP" ]; then
    gzip -k -6 "$WORK/nginx/html/$name.html"
    encoding=$(curl -s -o /dev/null -H 'Accept-Encoding: gzip' -w '%header{content-encoding}' "http://127.0.0.1:$APP_PORT${PAGES[$name]}")
    [ "$encoding" = gzip ] || echo "warning: ${PAGES[$name]} answered without Content-Encoding: gzip"
  fi
done
cat > "$WORK/nginx/nginx.conf" <<NGINX
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type text/html;
  sendfile on;
  gzip_static $GZIP_STATIC;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/nginx/html;
  }
}
NGINX
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf"
NGINX_STARTED=yes

measure() { # url [terms] -> "rps p50 p95 p99 errors non2xx"
  WRK_TERMS="${2:-}" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "${WRK_HEADERS[@]}" -s src/bench/report.lua "$1" \
    | sed -n 's/^RESULT rps=\([^ ]*\) p50=\([^ ]*\) p95=\([^ ]*\) p99=\([^ ]*\) errors=\([^ ]*\) non2xx=\([^ ]*\)$/\1 \2 \3 \4 \5 \6/p'
}

ROWS=""
for name in home item catalogue search; do
  curl -s -o /dev/null "http://127.0.0.1:$APP_PORT${PAGES[$name]}"   # warm
  read -r a_rps a_p50 a_p95 a_p99 a_err a_non <<<"$(measure "http://127.0.0.1:$APP_PORT${PAGES[$name]}")"
  read -r n_rps n_p50 n_p95 n_p99 n_err n_non <<<"$(measure "http://127.0.0.1:$NGINX_PORT/$name.html")"
  ratio=$(printf '%.1f' "$(echo "scale=3; 100 * $a_rps / $n_rps" | bc)")
  ROWS+="| $name \`${PAGES[$name]}\` | $a_rps | $a_p50 | $a_p99 | $n_rps | $n_p50 | $n_p99 | $ratio % | $a_err/$a_non |"$'\n'
done

read -r s2_rps s2_p50 s2_p95 s2_p99 s2_err s2_non <<<"$(measure "http://127.0.0.1:$APP_PORT/search" "疫苗,医师,献血,母婴,结核,护士,急救,中医")"
read -r s4_rps s4_p50 s4_p95 s4_p99 s4_err s4_non <<<"$(measure "http://127.0.0.1:$APP_PORT/search" "医疗废物,家庭医生,卫生监督,应急演练,无偿献血,学校卫生,疫苗接种,母婴安全")"
HEAP=$(jcmd "$APP_PID" GC.heap_info 2>/dev/null | sed -n 's/.*total [0-9]*K, used \([0-9]*\)K.*/\1/p' | head -1)
HEAP=$(( ${HEAP:-0} / 1024 ))

CPU=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
cat > "$OUT" <<DOC
# Performance

Measured with \`src/bench/run.sh $ITEMS\` on $(date -u +%Y-%m-%d) on this project's machine: $(nproc) cores ($CPU),
$(free -g | awk '/Mem:/ {print $2}') GiB, Debian, PostgreSQL 15 on the same machine, the application as a jar with \`-Xmx512m\`,
wrk and nginx on the same machine too (all four share the two cores, so absolute numbers are low; the ratio is what counts).
wrk: 2 threads, $CONNECTIONS connections, ${DURATION} s per row${WITH_GZIP:+, every request with \`Accept-Encoding: gzip\` (nginx: gzip_static)}. nginx serves a saved copy of the same page from disk.

Published items in the database: **$COUNT** ($LOAD_NOTE).

## Pages (anonymous)

| page | Gongkai req/s | p50 ms | p99 ms | nginx req/s | p50 ms | p99 ms | Gongkai / nginx | errors/non-2xx |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
$ROWS
## Search, uncached

Every request searches a different term with a counter in the query, so no cache answers it.

| query length | req/s | p50 ms | p95 ms | p99 ms | errors/non-2xx |
| --- | ---: | ---: | ---: | ---: | --- |
| 2 characters (疫苗, 医师, 献血 …) | $s2_rps | $s2_p50 | $s2_p95 | $s2_p99 | $s2_err/$s2_non |
| 4 characters (医疗废物, 家庭医生 …) | $s4_rps | $s4_p50 | $s4_p95 | $s4_p99 | $s4_err/$s4_non |

## Start-up and memory

- Start-up to the first served page (\`/login\`): **${STARTUP} s** (JVM start, Flyway check, demo seeders).
- Heap in use after the benchmark: **${HEAP} MB** of the 512 MB maximum (\`jcmd GC.heap_info\`); the
  application did not run out of memory under the load.

## Targets (issue 6)

- Anonymous item and home page ≥ 40 % of nginx, p99 ≤ 50 ms at 32 connections: see the table above.
- Search p95 ≤ 150 ms with 1,000,000 items for 2- and 4-character queries: run \`src/bench/run.sh 1000000\`.
- Start-up ≤ 10 s with the demo data; heap within 512 MB.
DOC
echo "Wrote $OUT"
cat "$OUT"
