#!/usr/bin/env bash
# Pages that no cache answers, side by side with spring-petclinic's /owners/1, in one run on this machine.
# Usage: PETCLINIC_JAR=…/spring-petclinic-*.jar [BEFORE_JAR=an older gongkai jar [BEFORE_DB=its own copy of the data]]
#        src/bench/uncached.sh [items]
#   items: the generate.sql database gongkai_bench_<items> (default 100000), loaded first by src/bench/run.sh <items>.
# Build petclinic from its repository (not part of this project): git clone https://github.com/spring-projects/spring-petclinic
#   && ./mvnw -DskipTests package; it runs on its in-memory H2 database as it comes.
# Rows: petclinic /owners/1; Gongkai a different item every request (the long tail), uncached catalogue pages (eight columns,
# pages 1–5, a counter in the query), the home page with a counter; with BEFORE_JAR the same three rows for that jar; petclinic
# again at the end, to see how much the machine's load moved during the run. Every row after a warm-up of the same load.
# Start-up: all JVMs are started at once; each one's time to its first served page (Gongkai `/`, petclinic `/owners/1`).
# Knobs: DURATION, WARMUP, CONNECTIONS (32), TIMEOUT (wrk's, 2s), JAVA_OPTS, OUT. Writes a Markdown table to $OUT.
set -euo pipefail
cd "$(dirname "$0")/../.."

ITEMS=${1:-100000}
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-10}
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
    --spring.datasource.hikari.maximum-pool-size=10 --gongkai.base-url="http://127.0.0.1:$2" > "$WORK/$3" 2>&1 &
  PID=$!
  PIDS+=("$PID")
}

measure() { # url mode start -> "rps p50 p95 p99 errors non2xx"
  WRK_MODE=$2 WRK_START=$3 WRK_ITEMS=$ITEMS wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" --timeout "$TIMEOUT" -s src/bench/uncached.lua "$1" > /dev/null
  WRK_MODE=$2 WRK_START=$(( $3 + 40000 )) WRK_ITEMS=$ITEMS wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout "$TIMEOUT" --latency \
    -s src/bench/uncached.lua "$1" \
    | sed -n 's/^RESULT rps=\([^ ]*\) p50=\([^ ]*\) p95=\([^ ]*\) p99=\([^ ]*\) errors=\([^ ]*\) non2xx=\([^ ]*\)$/\1 \2 \3 \4 \5 \6/p'
}

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

ROWS=""
row() { # label url mode start
  local rps p50 p95 p99 err non
  read -r rps p50 p95 p99 err non <<<"$(measure "$2" "$3" "$4")"
  echo "$1: $rps req/s p50 $p50 p95 $p95 p99 $p99 errors $err non2xx $non"
  ROWS+="| $1 | $rps | $p50 | $p95 | $p99 | $err/$non |"$'\n'
  LAST=$rps
}
row "petclinic \`/owners/1\` (H2)" "http://127.0.0.1:$PET_PORT/owners/1" fixed 1
PET_RPS=$LAST
row "Gongkai item, a different one every request" "http://127.0.0.1:$APP_PORT" items 1
ITEM_RPS=$LAST
row "Gongkai catalogue page, uncached" "http://127.0.0.1:$APP_PORT" catalogue 1
CAT_RPS=$LAST
row "Gongkai home page, uncached" "http://127.0.0.1:$APP_PORT" home 1
HOME_RPS=$LAST
if [ -n "$BEFORE_JAR" ]; then
  row "before: item, a different one every request" "http://127.0.0.1:$BEFORE_PORT" items 100001
  row "before: catalogue page, uncached" "http://127.0.0.1:$BEFORE_PORT" catalogue 100001
  row "before: home page, uncached" "http://127.0.0.1:$BEFORE_PORT" home 100001
fi
row "petclinic \`/owners/1\` again" "http://127.0.0.1:$PET_PORT/owners/1" fixed 1
PET_RPS2=$LAST
ratio() { printf '%.2f' "$(echo "scale=4; 2 * $1 / ($PET_RPS + $PET_RPS2)" | bc)"; }

cat > "$OUT" <<DOC
\`src/bench/uncached.sh $ITEMS\`, $(date -u '+%Y-%m-%d %H:%M') UTC, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; wrk 2 threads,
$CONNECTIONS connections (timeout $TIMEOUT), ${WARMUP} s warm-up then ${DURATION} s per row; every JVM -Xmx512m; Gongkai's pool 10 connections.

| row | req/s | p50 ms | p95 ms | p99 ms | errors/non-2xx |
| --- | ---: | ---: | ---: | ---: | --- |
$ROWS
Against the mean of the two petclinic rows: item $(ratio "$ITEM_RPS")×, catalogue $(ratio "$CAT_RPS")×, home $(ratio "$HOME_RPS")×.
Start-up to the first served page: petclinic $PET_STARTED s (\`/owners/1\`), Gongkai $APP_STARTED s (\`/\`)${BEFORE_JAR:+, before $BEFORE_STARTED s}.
DOC
cat "$OUT"
