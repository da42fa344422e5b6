#!/usr/bin/env bash
# Uncached searches of two builds side by side in one run, each jar against its own copy of the same generated data.
# Usage: src/bench/compare-search.sh OLD_JAR OLD_DB NEW_JAR NEW_DB   (databases loaded by generate.sql, one per schema)
# Both jars run at once (idle when not measured); every row is measured on the old one and right after on the new one,
# so that the two figures of a row share the machine's load of that minute. Prints Markdown rows.
# Knobs: DURATION (s per measurement, default 15), WARMUP (s per kind of search and JVM, default 20), TIMEOUT (wrk's, default 10s), OLD_PORT, NEW_PORT,
#   OLD_BY_DATE=1 (the old build sorts by date too: measure the by-date rows on both).
# Sends traffic only to 127.0.0.1; stops every process it started by PID.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-20}
TIMEOUT=${TIMEOUT:-10s}
OLD_PORT=${OLD_PORT:-18081}
NEW_PORT=${NEW_PORT:-18082}
WORK=$(mktemp -d /tmp/gongkai-compare.XXXXXX)
PIDS=()
# (a JVM stopped by SIGTERM exits with 143: without `|| true`, set -e ended the loop after the first one and left the other)
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null || true; done' EXIT

TWO="疫苗,医师,献血,母婴,结核,护士,急救,中医"
FOUR="医疗废物,家庭医生,卫生监督,应急演练,无偿献血,学校卫生,疫苗接种,母婴安全"
COMMON="工作,单位,卫生,通知,各区,事项,组织,责任"   # in (nearly) every text
DEPARTMENT="&department=%E7%BB%BC%E5%90%88%E7%9B%91%E7%9D%A3%E7%A7%91"   # 综合监督科

start() { # name jar db port
  # a JVM left over on the port would answer for this one, which then fails to bind and is never measured
  if curl -s -m 5 -o /dev/null "http://127.0.0.1:$4/login"; then echo "port $4 is already in use" >&2; exit 1; fi
  java -Xmx512m -jar "$2" --server.port="$4" --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$3" \
    --spring.datasource.username=postgres --gongkai.base-url="http://127.0.0.1:$4" > "$WORK/$1.log" 2>&1 &
  PIDS+=($!)
  local pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$4/login"; do
    kill -0 "$pid" 2>/dev/null || { echo "$1 failed to start; see $WORK/$1.log" >&2; exit 1; }
    sleep 0.5
  done
}

measure() { # port connections terms extra -> "rps p50 p95 p99 errors non2xx"
  WRK_TERMS="$3" WRK_EXTRA="$4" wrk -t2 -c"$2" -d"${DURATION}s" --timeout "$TIMEOUT" --latency -s src/bench/report.lua \
      "http://127.0.0.1:$1/search" \
    | sed -n 's/^RESULT rps=\([^ ]*\) p50=\([^ ]*\) p95=\([^ ]*\) p99=\([^ ]*\) errors=\([^ ]*\) non2xx=\([^ ]*\)$/\1 \2 \3 \4 \5 \6/p'
}

start before "$1" "$2" "$OLD_PORT"
start after "$3" "$4" "$NEW_PORT"

rows=(
  "2 characters|8|$TWO|"
  "2 characters|32|$TWO|"
  "4 characters|8|$FOUR|"
  "2 characters, year 2020|8|$TWO|&year=2020"
  "word in every text, year 2020|8|$COMMON|&year=2020"
  "word in every text, department|8|$COMMON|$DEPARTMENT"
  "2 characters, department|8|$TWO|$DEPARTMENT"
)
by_date=("2 characters, by date|8|$TWO|&sort=date" "word in every text, year 2020, by date|8|$COMMON|&year=2020&sort=date")
# Warm-up: every row's searches, WARMUP seconds each, on each JVM in turn. A warm-up of one kind of search left the JIT
# compiling through the rows after it (a third of the JVM's samples in C2 after 40 s of 2-character searches; the same
# build answered 290 such searches a second then and 600 three minutes later), so the first rows measured compilation.
for port in "$OLD_PORT" "$NEW_PORT"; do
  for row in "${rows[@]}" "${by_date[@]}"; do
    IFS='|' read -r label connections terms extra <<<"$row"
    WRK_TERMS="$terms" WRK_EXTRA="$extra" wrk -t2 -c8 -d"${WARMUP}s" --timeout "$TIMEOUT" -s src/bench/report.lua \
      "http://127.0.0.1:$port/search" > /dev/null
  done
done

echo "| search | connections | before: req/s | p50 ms | p95 ms | errors/non-2xx | after: req/s | p50 ms | p95 ms | errors/non-2xx | after / before |"
echo "| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- | ---: |"
for row in "${rows[@]}"; do
  IFS='|' read -r label connections terms extra <<<"$row"
  read -r b_rps b_p50 b_p95 b_p99 b_err b_non <<<"$(measure "$OLD_PORT" "$connections" "$terms" "$extra")"
  read -r a_rps a_p50 a_p95 a_p99 a_err a_non <<<"$(measure "$NEW_PORT" "$connections" "$terms" "$extra")"
  ratio=$(printf '%.1f' "$(echo "scale=3; $a_rps / $b_rps" | bc)")
  echo "| $label | $connections | $b_rps | $b_p50 | $b_p95 | $b_err/$b_non | $a_rps | $a_p50 | $a_p95 | $a_err/$a_non | ${ratio}× |"
done
# results by date: the new build only, unless the old one sorts by date too (OLD_BY_DATE=1: any build since 5cfa122)
for row in "${by_date[@]}"; do
  IFS='|' read -r label connections terms extra <<<"$row"
  if [ "${OLD_BY_DATE:-0}" = 1 ]; then
    read -r b_rps b_p50 b_p95 b_p99 b_err b_non <<<"$(measure "$OLD_PORT" "$connections" "$terms" "$extra")"
  fi
  read -r a_rps a_p50 a_p95 a_p99 a_err a_non <<<"$(measure "$NEW_PORT" "$connections" "$terms" "$extra")"
  if [ "${OLD_BY_DATE:-0}" = 1 ]; then
    ratio=$(printf '%.1f' "$(echo "scale=3; $a_rps / $b_rps" | bc)")
    echo "| $label | $connections | $b_rps | $b_p50 | $b_p95 | $b_err/$b_non | $a_rps | $a_p50 | $a_p95 | $a_err/$a_non | ${ratio}× |"
  else
    echo "| $label | $connections | – | | | | $a_rps | $a_p50 | $a_p95 | $a_err/$a_non | |"
  fi
done
