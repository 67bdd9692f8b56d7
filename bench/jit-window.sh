#!/usr/bin/env bash
# How much JIT work falls inside a benchmark's measured window: runs one server under one wrk scenario as run.sh does
# (its warm-up, then DURATION seconds measured) with a JFR recording of compilations and deoptimizations, and prints
# what happened between the measured run's start and end (bench/JitWindow.java). The server stays on 127.0.0.1 and is
# stopped by its PID.
#
#   bench/jit-window.sh start                      # SCENARIO: start, summary or mix; SERVER=emulator|reference|hop
#   WARMUP=15 SPLIT=no bench/jit-window.sh start   # the warm-up as one wrk run, as before issue 15's seventh session
set -euo pipefail
cd "$(dirname "$0")/.."
SCENARIO=${1:-start}
SERVER=${SERVER:-emulator}
WARMUP=${WARMUP:-20}
DURATION=${DURATION:-15}
PORT=${PORT:-18500}
JAR=${JAR:-target/connect-test-emulator.jar}
URL=http://127.0.0.1:$PORT
REC=$(pwd)/target/jit-window-$SCENARIO-$SERVER.jfr
SETTINGS=$(mktemp --suffix=.jfc)
cat > "$SETTINGS" <<'JFC'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0">
  <event name="jdk.Compilation"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
  <event name="jdk.Deoptimization"><setting name="enabled">true</setting><setting name="stackTrace">false</setting></event>
</configuration>
JFC
JVM_FLAGS="${JVM_FLAGS:--Xms1g -Xmx1g -XX:+UseG1GC} -XX:StartFlightRecording=filename=$REC,settings=$SETTINGS"
export BENCH_LUA=bench/lua INSTANCE_ID=11111111-2222-3333-4444-555555555555
source bench/lib.sh

launch_server "$SERVER" target/jit-window-$SERVER.log
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -f "$SETTINGS"' EXIT
await_server "$SERVER" jit-window
if [ "${SPLIT:-yes}" = no ]; then
  wrk -t2 -c64 -d"${WARMUP}s" -s "bench/lua/$SCENARIO.lua" "$URL" > /dev/null
else
  warm_up "$SCENARIO" "$WARMUP"
fi
from=$(date +%s%3N)
wrk -t2 -c64 -d"${DURATION}s" -s "bench/lua/$SCENARIO.lua" "$URL" | grep 'Requests/sec'
to=$(date +%s%3N)
jcmd "$pid" JFR.dump filename="$REC" > /dev/null
java bench/JitWindow.java "$REC" "$from" "$to" "${TOP:-10}"
