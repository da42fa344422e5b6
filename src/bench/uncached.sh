#!/usr/bin/env bash
# Pages that no cache answers, side by side with spring-petclinic's /owners/1, in one run on this machine.
# Usage: PETCLINIC_JAR=…/spring-petclinic-*.jar [BEFORE_JAR=an older gongkai jar [BEFORE_DB=its own copy of the data]]
#        src/bench/uncached.sh [items]
#   BEFORE_DB is needed when the older jar stores pages too (0573dc0 and later): on one database each build replaces the
#   other's stored copies (createdb -T gongkai_bench_100000 gongkai_bench_100000_before makes the copy).
#   items: the generate.sql database gongkai_bench_<items> (default 100000), loaded first by src/bench/run.sh <items>.
# Build petclinic from its repository (not part of this project): git clone https://github.com/spring-projects/spring-petclinic
#   && ./mvnw -DskipTests package; it runs on its in-memory H2 database as it comes.
# Rows: petclinic /owners/1; Gongkai a different item every request (the long tail), uncached catalogue pages (eight columns,
# pages 1–5, a counter in the query: every one rendered), the catalogue pages a crawler walks (8,800 addresses of column,
# year and page, a different one every request), the home page with a counter; with BEFORE_JAR the same rows for that jar. Every
# JVM is warmed up first; then every row is measured once a round; each row's CPU a request is counted as well.
# Start-up: all JVMs are started at once; each one's time to its first served page (Gongkai `/`, petclinic `/owners/1`).
# Before the warm-up every measured item and crawled catalogue page is asked for once (a crawler's earlier pass; CRAWL=0
# leaves it out). AHEAD=1 empties the stored item pages first and lets Gongkai's sweep render them ahead of any reader, at a
# whole core (ItemPagesAhead), instead of the crawl's item requests; the run waits until it has stored the measured items.
# Knobs: DURATION, WARMUP (seconds of each row's load in each warm-up pass, 20), WARM_PASSES (2), ROUNDS (2), CONNECTIONS (32),
# TIMEOUT (wrk's, 2s), JAVA_OPTS, PAGE_CACHE_MB (8), OUT. Writes a Markdown table to $OUT.
set -euo pipefail
cd "$(dirname "$0")/../.."

ITEMS=${1:-100000}
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-20}
WARM_PASSES=${WARM_PASSES:-2}
ROUNDS=${ROUNDS:-2}
CONNECTIONS=${CONNECTIONS:-32}
TIMEOUT=${TIMEOUT:-2s}
APP_PORT=${APP_PORT:-9170}
BEFORE_PORT=${BEFORE_PORT:-9171}
PET_PORT=${PET_PORT:-9172}
JAR=${JAR:-target/gongkai-0.1.0-SNAPSHOT.jar}
BEFORE_JAR=${BEFORE_JAR:-}
BEFORE_DB=${BEFORE_DB:-}
PETCLINIC_JAR=${PETCLINIC_JAR:?set PETCLINIC_JAR to a spring-petclinic jar built from its repository}
OUT=${OUT:-/tmp/gongkai-uncached.md}
JAVA_OPTS=${JAVA_OPTS:-}
# the memory page cache of both Gongkai jars, small (the default is 64): the crawled rows then measure pages read from the
# store (or rendered, for an older jar), as a node that has not served them lately or a restarted one does, not pages that a
# cycle of 8,800 addresses keeps in memory
PAGE_CACHE_MB=${PAGE_CACHE_MB:-8}
DB=gongkai_bench_${ITEMS}
WORK=$(mktemp -d /tmp/gongkai-uncached.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }
psql -h 127.0.0.1 -U postgres -d "$DB" -tAc "select 1" >/dev/null || { echo "no database $DB: run src/bench/run.sh $ITEMS first"; exit 1; }

started() { # name port path pid -> seconds until the page answered 200
  local begin=$1 port=$2 path=$3 pid=$4
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$path")" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || { echo "process $pid ended; see $WORK"; exit 1; }
    sleep 0.1
  done
  printf '%.1f' "$(echo "$(date +%s.%N) - $begin" | bc)"
}

launch_gongkai() { # jar port log [database] -> sets PID
  # shellcheck disable=SC2086
  java -Xmx512m $JAVA_OPTS -jar "$1" --server.port="$2" \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/${4:-$DB}" --spring.datasource.username=postgres \
    --spring.datasource.hikari.maximum-pool-size=10 --gongkai.page-cache.max-megabytes="$PAGE_CACHE_MB" \
    --gongkai.base-url="http://127.0.0.1:$2" $AHEAD_OPTS > "$WORK/$3" 2>&1 &
  PID=$!
  PIDS+=("$PID")
}

measure() { # url mode start -> "rps p50 p95 p99 errors non2xx"
  WRK_MODE=$2 WRK_START=$3 WRK_ITEMS=$ITEMS wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout "$TIMEOUT" --latency \
    -s src/bench/uncached.lua "$1" \
    | sed -n 's/^RESULT rps=\([^ ]*\) p50=\([^ ]*\) p95=\([^ ]*\) p99=\([^ ]*\) errors=\([^ ]*\) non2xx=\([^ ]*\)$/\1 \2 \3 \4 \5 \6/p'
}

AHEAD=${AHEAD:-0}
# without AHEAD=1 the sweep is off: it would render the 60,000 items the crawl leaves unstored at half a core, through the
# warm-up and the measured rows
AHEAD_OPTS="--gongkai.item-pages.ahead.enabled=false"
if [ "$AHEAD" = 1 ]; then
  AHEAD_OPTS="--gongkai.item-pages.ahead.cpu-share=1 --gongkai.item-pages.ahead.sweep-initial-delay=PT1S"
  psql -h 127.0.0.1 -U postgres -d "$DB" -qc "truncate stored_item_page"
fi

# all JVMs start at the same moment, so that each start-up meets the same load
begin=$(date +%s.%N)
java -Xmx512m -jar "$PETCLINIC_JAR" --server.port=$PET_PORT > "$WORK/petclinic.log" 2>&1 &
PET_PID=$!
PIDS+=("$PET_PID")
launch_gongkai "$JAR" $APP_PORT gongkai.log
APP_PID=$PID
if [ -n "$BEFORE_JAR" ]; then
  launch_gongkai "$BEFORE_JAR" $BEFORE_PORT before.log "${BEFORE_DB:-$DB}"
  BEFORE_PID=$PID
fi
PET_STARTED=$(started "$begin" $PET_PORT /owners/1 "$PET_PID")
APP_STARTED=$(started "$begin" $APP_PORT / "$APP_PID")
[ -n "$BEFORE_JAR" ] && BEFORE_STARTED=$(started "$begin" $BEFORE_PORT / "$BEFORE_PID")
echo "start-up: petclinic $PET_STARTED s, gongkai $APP_STARTED s${BEFORE_JAR:+, before $BEFORE_STARTED s}"

# A crawler's earlier pass: every item that the measured rows ask for is asked for once first (CRAWL=0 leaves it out), as a
# search engine walks the whole site again and again. Gongkai keeps each item page it renders in PostgreSQL (PageStore),
# so the measured rows then read stored pages that no node has in memory; the older jar renders every item again.
crawl() { # url pid
  local list=$WORK/crawl-urls.txt
  if [ ! -f "$list" ]; then
    if [ "$AHEAD" = 1 ]; then
      : > "$list" # the items are rendered ahead by the application's sweep
    else
      for n in $(seq 1 40000); do printf 'url = "%s/items/bench%08d"\noutput = "/dev/null"\n' '@BASE@' "$n"; done > "$list"
    fi
    # the catalogue pages of the columns row (uncached.lua, WRK_MODE=columns)
    for code in ggws zcwj jdzf ylzy jbyjjz bszn yjgl czzj; do
      for p in $(seq 1 600); do printf 'url = "%s/catalogue/%s?page=%d"\noutput = "/dev/null"\n' '@BASE@' "$code" "$p"; done
      for y in $(seq 2016 2025); do
        for p in $(seq 1 50); do printf 'url = "%s/catalogue/%s?year=%d&page=%d"\noutput = "/dev/null"\n' '@BASE@' "$code" "$y" "$p"; done
      done
    done >> "$list"
  fi
  sed "s|@BASE@|$1|" "$list" > "$list.$2"
  local begin=$(date +%s)
  curl -s --no-progress-meter -Z --parallel-max 16 --config "$list.$2" || true
  echo "crawled $([ "$AHEAD" = 1 ] || echo "40,000 items and ")8,800 catalogue pages of $1 in $(( $(date +%s) - begin )) s"
}
if [ "$AHEAD" = 1 ]; then
  ahead_began=$(date +%s)
  for _ in $(seq 1800); do
    stored=$(psql -h 127.0.0.1 -U postgres -d "$DB" -tAc "select count(*) from stored_item_page where document_id between 'bench00000001' and 'bench00040000'" 2>/dev/null || echo 0)
    [ "$stored" -ge 39000 ] && break
    sleep 1
  done
  echo "rendered ahead: ${stored:-0} of the measured items stored, $(psql -h 127.0.0.1 -U postgres -d "$DB" -tAc "select count(*) from stored_item_page") in all, $(( $(date +%s) - ahead_began )) s after start-up"
fi
if [ "${CRAWL:-1}" = 1 ]; then
  crawl "http://127.0.0.1:$APP_PORT" app
  [ -n "$BEFORE_JAR" ] && crawl "http://127.0.0.1:$BEFORE_PORT" before
  # the pages are stored after their responses: wait for the writer to finish
  for _ in $(seq 60); do
    stored=$(psql -h 127.0.0.1 -U postgres -d "$DB" -tAc "select count(*) from stored_item_page where document_id between 'bench00000001' and 'bench00040000'" 2>/dev/null || echo 0)
    [ "$stored" -ge 39000 ] && break
    sleep 2
  done
  listings=$(psql -h 127.0.0.1 -U postgres -d "$DB" -tAc "select count(*) from stored_listing_page" 2>/dev/null || echo 0)
  echo "stored item pages among the crawled: ${stored:-0}; stored catalogue pages: ${listings:-0}"
fi

# Every JVM is warmed up before the first measured row: measured in turn right after a start-up, the first rows met JVMs
# whose JIT was still compiling (its threads competing with the others' on two cores) and the later rows warm ones, which
# moved a ratio by half.
# the measured rounds ask for items 1–40,000, the warm-up for items after them: no measured item is in a page cache
warm() { # url mode start
  WRK_MODE=$2 WRK_START=$3 WRK_ITEMS=$ITEMS wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" --timeout "$TIMEOUT" -s src/bench/uncached.lua "$1" > /dev/null
}
for pass in $(seq "$WARM_PASSES"); do
  warm "http://127.0.0.1:$PET_PORT/owners/1" fixed 1
  warm "http://127.0.0.1:$APP_PORT" items $(( 40000 + pass * 20000 ))
  warm "http://127.0.0.1:$APP_PORT" catalogue $(( pass * 100000 ))
  warm "http://127.0.0.1:$APP_PORT" columns $(( pass * 3000 ))
  warm "http://127.0.0.1:$APP_PORT" home $(( pass * 100000 ))
  if [ -n "$BEFORE_JAR" ]; then
    warm "http://127.0.0.1:$BEFORE_PORT" items $(( 40000 + pass * 20000 ))
    warm "http://127.0.0.1:$BEFORE_PORT" catalogue $(( pass * 100000 ))
    warm "http://127.0.0.1:$BEFORE_PORT" columns $(( pass * 3000 ))
    warm "http://127.0.0.1:$BEFORE_PORT" home $(( pass * 100000 ))
  fi
done

# CPU seconds (user + system) so far of a process, and of every PostgreSQL process together
cpu_of() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"; }
postgres_cpu() {
  local total=0 pid
  for pid in $(pgrep -x postgres); do
    total=$(echo "$total + $(cpu_of "$pid" 2>/dev/null || echo 0)" | bc)
  done
  echo "$total"
}

# A throughput on this shared two-core machine moves by a third from one minute to the next (JIT, neighbours); the CPU
# that each request cost (the JVM's, plus PostgreSQL's for Gongkai; petclinic's H2 runs inside its JVM) moves much less.
ROWS=""
row() { # label url mode start pid
  local rps p50 p95 p99 err non jvm0 pg0 jvm1 pg1 per
  jvm0=$(cpu_of "$5"); pg0=$(postgres_cpu)
  read -r rps p50 p95 p99 err non <<<"$(measure "$2" "$3" "$4")"
  jvm1=$(cpu_of "$5"); pg1=$(postgres_cpu)
  per=$(printf '%.2f' "$(echo "scale=6; 1000 * ($jvm1 - $jvm0 + $pg1 - $pg0) / ($rps * $DURATION)" | bc)")
  echo "$1: $rps req/s p50 $p50 p95 $p95 p99 $p99 errors $err non2xx $non, $per ms CPU a request"
  ROWS+="| $1 | $rps | $p50 | $p95 | $p99 | $per | $err/$non |"$'\n'
  LAST=$rps
  LAST_CPU=$per
}
# the rows are measured in ROUNDS rounds, each round every row once, so that a drift of the machine meets every row alike;
# the ratios compare the sums over the rounds
SUM_RPS=() SUM_CPU=()
add() { # key
  SUM_RPS[$1]=$(echo "${SUM_RPS[$1]:-0} + $LAST" | bc)
  SUM_CPU[$1]=$(echo "${SUM_CPU[$1]:-0} + $LAST_CPU" | bc)
}
for round in $(seq "$ROUNDS"); do
  row "petclinic \`/owners/1\` (H2), round $round" "http://127.0.0.1:$PET_PORT/owners/1" fixed 1 "$PET_PID"; add 0
  row "Gongkai item, a different one every request, round $round" "http://127.0.0.1:$APP_PORT" items $(( (round - 1) * 20000 + 1 )) "$APP_PID"; add 1
  row "Gongkai catalogue page, uncached, round $round" "http://127.0.0.1:$APP_PORT" catalogue $(( (round + 10) * 100000 )) "$APP_PID"; add 2
  row "Gongkai home page, uncached, round $round" "http://127.0.0.1:$APP_PORT" home $(( (round + 10) * 100000 )) "$APP_PID"; add 3
  row "Gongkai catalogue pages a crawler walks, a different one every request, round $round" "http://127.0.0.1:$APP_PORT" columns $(( (round - 1) * 4400 )) "$APP_PID"; add 7
  if [ -n "$BEFORE_JAR" ]; then
    row "before: item, a different one every request, round $round" "http://127.0.0.1:$BEFORE_PORT" items $(( (round - 1) * 20000 + 1 )) "$BEFORE_PID"; add 4
    row "before: catalogue page, uncached, round $round" "http://127.0.0.1:$BEFORE_PORT" catalogue $(( (round + 10) * 100000 )) "$BEFORE_PID"; add 5
    row "before: home page, uncached, round $round" "http://127.0.0.1:$BEFORE_PORT" home $(( (round + 10) * 100000 )) "$BEFORE_PID"; add 6
    row "before: catalogue pages a crawler walks, round $round" "http://127.0.0.1:$BEFORE_PORT" columns $(( (round - 1) * 4400 )) "$BEFORE_PID"; add 8
  fi
done
ratio() { printf '%.2f' "$(echo "scale=4; ${SUM_RPS[$1]} / ${SUM_RPS[$2]}" | bc)"; }
cpu_ratio() { printf '%.2f' "$(echo "scale=4; ${SUM_CPU[$2]} / ${SUM_CPU[$1]}" | bc)"; }
BEFORE_LINE=""
if [ -n "$BEFORE_JAR" ]; then
  BEFORE_LINE="Against the older jar: item $(ratio 1 4)×, catalogue $(ratio 2 5)×, home $(ratio 3 6)×, crawled catalogue pages $(ratio 7 8)× in requests a second; $(cpu_ratio 1 4)×, $(cpu_ratio 2 5)×, $(cpu_ratio 3 6)×, $(cpu_ratio 7 8)× in CPU a request."
fi

cat > "$OUT" <<DOC
\`src/bench/uncached.sh $ITEMS\`, $(date -u '+%Y-%m-%d %H:%M') UTC, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; wrk 2 threads,
$CONNECTIONS connections (timeout $TIMEOUT), $WARM_PASSES warm-up passes of ${WARMUP} s per row over every row, then $ROUNDS rounds of ${DURATION} s per row; every JVM -Xmx512m; Gongkai's pool 10 connections, its memory page cache $PAGE_CACHE_MB MB.

| row | req/s | p50 ms | p95 ms | p99 ms | CPU ms a request | errors/non-2xx |
| --- | ---: | ---: | ---: | ---: | ---: | --- |
$ROWS
Against petclinic, in requests a second: item $(ratio 1 0)×, catalogue $(ratio 2 0)×, home $(ratio 3 0)×, crawled catalogue pages $(ratio 7 0)×;
in CPU a request (petclinic's ÷ Gongkai's, the JVM's and PostgreSQL's together): item $(cpu_ratio 1 0)×, catalogue $(cpu_ratio 2 0)×,
home $(cpu_ratio 3 0)×, crawled catalogue pages $(cpu_ratio 7 0)×.
$BEFORE_LINE
Start-up to the first served page: petclinic $PET_STARTED s (\`/owners/1\`), Gongkai $APP_STARTED s (\`/\`)${BEFORE_JAR:+, before $BEFORE_STARTED s}.
DOC
cat "$OUT"
