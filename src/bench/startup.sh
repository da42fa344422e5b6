#!/usr/bin/env bash
# Start-up to a served page, one JVM at a time, side by side with spring-petclinic (issue 19).
# Usage: PETCLINIC_JAR=…/spring-petclinic-*.jar src/bench/startup.sh [items] [rounds]
#   items: the generate.sql database gongkai_bench_<items> (default 100000); rounds: default 3.
# Each round starts, one after the other and each alone on the machine: petclinic (`java -jar`, to /owners/1), Gongkai as a jar
# (`java -jar`, to /), and Gongkai extracted with a class-data-sharing archive (the way docs/operations.md runs it in
# production: `java -Djarmode=tools -jar … extract`, one training run that stops after the context refresh, then
# -XX:SharedArchiveFile). The archive is made once, before the rounds. Prints every time and the medians as Markdown.
# Knobs: JAR, JAVA_OPTS (default -Xmx512m), OUT. Sends traffic only to 127.0.0.1 and stops every process it started by PID.
set -euo pipefail
cd "$(dirname "$0")/../.."

ITEMS=${1:-100000}
ROUNDS=${2:-3}
JAR=${JAR:-target/gongkai-0.1.0-SNAPSHOT.jar}
PETCLINIC_JAR=${PETCLINIC_JAR:?set PETCLINIC_JAR to a spring-petclinic jar built from its repository}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
OUT=${OUT:-/tmp/gongkai-startup.md}
DB=gongkai_bench_${ITEMS}
PORT=9180
WORK=$(mktemp -d /tmp/gongkai-startup.XXXXXX)
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; true' EXIT
psql -h 127.0.0.1 -U postgres -d "$DB" -tAc "select 1" >/dev/null || { echo "no database $DB: run src/bench/run.sh $ITEMS first"; exit 1; }
DATASOURCE=(--spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$DB" --spring.datasource.username=postgres)

# the class-data-sharing archive, as an operator makes it at each upgrade
java -Djarmode=tools -jar "$JAR" extract --destination "$WORK/cds" > /dev/null
APP=$(basename "$JAR")
# shellcheck disable=SC2086
(cd "$WORK/cds" && java $JAVA_OPTS -XX:ArchiveClassesAtExit=gongkai.jsa -Dspring.context.exit=onRefresh -jar "$APP" \
  --server.port=$PORT "${DATASOURCE[@]}" > "$WORK/training.log" 2>&1)

served() { # path dir java-args… -> seconds until path answered 200
  local path=$1 dir=$2; shift 2
  local begin
  begin=$(date +%s.%N)
  (cd "$dir" && exec "$@" > "$WORK/last.log" 2>&1) &
  PID=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT$path")" = 200 ]; do
    kill -0 "$PID" 2>/dev/null || { echo "process ended; see $WORK/last.log" >&2; exit 1; }
    sleep 0.05
  done
  printf '%.1f' "$(echo "$(date +%s.%N) - $begin" | bc)"
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
}

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END{print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

PET="" PLAIN="" SHARED=""
ROOT=$(pwd)
for round in $(seq 1 "$ROUNDS"); do
  # shellcheck disable=SC2086
  p=$(served /owners/1 "$ROOT" java $JAVA_OPTS -jar "$(realpath "$PETCLINIC_JAR")" --server.port=$PORT)
  # shellcheck disable=SC2086
  g=$(served / "$ROOT" java $JAVA_OPTS -jar "$(realpath "$JAR")" --server.port=$PORT "${DATASOURCE[@]}")
  # shellcheck disable=SC2086
  c=$(served / "$WORK/cds" java $JAVA_OPTS -XX:SharedArchiveFile=gongkai.jsa -jar "$APP" --server.port=$PORT "${DATASOURCE[@]}")
  echo "round $round: petclinic $p s, Gongkai jar $g s, Gongkai with CDS $c s"
  PET+=" $p" PLAIN+=" $g" SHARED+=" $c"
done

cat > "$OUT" <<DOC
\`src/bench/startup.sh $ITEMS $ROUNDS\`, $(date -u '+%Y-%m-%d %H:%M') UTC, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; each JVM alone, $JAVA_OPTS.

| JVM | to | times (s) | median (s) |
| --- | --- | --- | ---: |
| petclinic, \`java -jar\` | \`/owners/1\` |$PET | $(echo "$PET" | median) |
| Gongkai, \`java -jar\` | \`/\` |$PLAIN | $(echo "$PLAIN" | median) |
| Gongkai, extracted, with its CDS archive | \`/\` |$SHARED | $(echo "$SHARED" | median) |
DOC
cat "$OUT"
