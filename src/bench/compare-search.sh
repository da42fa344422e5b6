#!/usr/bin/env bash
# Uncached searches of two builds side by side in one run, each jar against its own copy of the same generated data.
# Usage: src/bench/compare-search.sh OLD_JAR OLD_DB NEW_JAR NEW_DB   (databases loaded by generate.sql, one per schema)
# Prints one Markdown row per measurement. Knobs: DURATION (s per row, default 15), WARMUP (s, default 10), APP_PORT.
# Sends traffic only to 127.0.0.1; stops every process it started by PID.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-10}
APP_PORT=${APP_PORT:-18080}
WORK=$(mktemp -d /tmp/gongkai-compare.XXXXXX)
APP_PID=""
trap '[ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true' EXIT

TWO="疫苗,医师,献血,母婴,结核,护士,急救,中医"
FOUR="医疗废物,家庭医生,卫生监督,应急演练,无偿献血,学校卫生,疫苗接种,母婴安全"
COMMON="工作,单位,卫生,通知,各区,事项,组织,责任"   # in (nearly) every text

measure() { # connections terms extra -> "rps p50 p95 p99 errors non2xx"
  WRK_TERMS="$2" WRK_EXTRA="$3" wrk -t2 -c"$1" -d"${DURATION}s" --latency -s src/bench/report.lua "http://127.0.0.1:$APP_PORT/search" \
    | sed -n 's/^RESULT rps=\([^ ]*\) p50=\([^ ]*\) p95=\([^ ]*\) p99=\([^ ]*\) errors=\([^ ]*\) non2xx=\([^ ]*\)$/\1 \2 \3 \4 \5 \6/p'
}

run() { # label jar db
  java -Xmx512m -jar "$2" --server.port=$APP_PORT --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/$3 \
    --spring.datasource.username=postgres --gongkai.base-url=http://127.0.0.1:$APP_PORT > "$WORK/$1.log" 2>&1 &
  APP_PID=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$APP_PORT/login"; do
    kill -0 "$APP_PID" 2>/dev/null || { echo "$1 failed to start; see $WORK/$1.log"; exit 1; }
    sleep 0.5
  done
  WRK_TERMS="$TWO" wrk -t2 -c8 -d"${WARMUP}s" -s src/bench/report.lua "http://127.0.0.1:$APP_PORT/search" > /dev/null
  local rows=(
    "2 characters|32|$TWO|"
    "2 characters|8|$TWO|"
    "4 characters|32|$FOUR|"
    "2 characters, year 2020|8|$TWO|&year=2020"
    "word in every text, year 2020|8|$COMMON|&year=2020"
    "word in every text, department|8|$COMMON|&department=%E7%BB%BC%E5%90%88%E7%9B%91%E7%9D%A3%E7%A7%91"
  )
  [ "$1" = after ] && rows+=("2 characters, by date|8|$TWO|&sort=date" "word in every text, year 2020, by date|8|$COMMON|&year=2020&sort=date")
  for row in "${rows[@]}"; do
    IFS='|' read -r label connections terms extra <<<"$row"
    read -r rps p50 p95 p99 err non <<<"$(measure "$connections" "$terms" "$extra")"
    echo "| $1 | $label | $connections | $rps | $p50 | $p95 | $p99 | $err/$non |"
  done
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
}

echo "| code | search | connections | req/s | p50 ms | p95 ms | p99 ms | errors/non-2xx |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |"
run before "$1" "$2"
run after "$3" "$4"
