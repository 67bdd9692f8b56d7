#!/usr/bin/env bash
# CPU time the server spends per request (user + system, from /proc/PID/stat), for the bare route, the reference and
# the emulator under one wrk scenario. Unlike requests per second it hardly moves when other work shares the cores,
# so it compares two builds of the hot path on a busy machine; BENCHMARKS.md's ratios still come from run.sh.
#
#   bench/cost.sh start                 # SCENARIO: start, summary or mix; SERVERS: "bare reference emulator"
set -euo pipefail
cd "$(dirname "$0")/.."
SCENARIO=${1:-start}
SERVERS=${SERVERS:-bare reference emulator}
WARMUP=${WARMUP:-15}
DURATION=${DURATION:-15}
PORT=${PORT:-18500}
JVM_FLAGS=${JVM_FLAGS:--Xms1g -Xmx1g -XX:+UseG1GC}
JAR=${JAR:-target/connect-test-emulator.jar}
URL=http://127.0.0.1:$PORT
export BENCH_LUA=bench/lua INSTANCE_ID=11111111-2222-3333-4444-555555555555 TEST_CASE_ID=bench
TICKS=$(getconf CLK_TCK)
source bench/lib.sh

pid=""
stop() { [ -z "$pid" ] || { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=""; }; }
trap stop EXIT
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
# The event-loop threads alone: the request path, without the JIT compiler's and the collector's threads.
loop_ticks() {
  local total=0 task
  for task in /proc/$pid/task/*; do
    if grep -q '^vert.x-eventloo' "$task/comm" 2>/dev/null; then
      total=$((total + $(awk '{print $14 + $15}' "$task/stat")))
    fi
  done
  echo "$total"
}

for server in $SERVERS; do
  case "$server" in
    bare) java $JVM_FLAGS -cp "$JAR" bench/BareRoute.java "$PORT" > target/cost-$server.log 2>&1 & ;;
    reference) java $JVM_FLAGS -cp "$JAR" bench/ReferenceServer.java "$PORT" > target/cost-$server.log 2>&1 & ;;
    emulator) launch_emulator target/cost-$server.log ;;
  esac
  pid=$!
  wait_for /
  if [ "$server" = emulator ]; then
    TEST_CASE_ID=$(create_bench_test_case cost)
  fi
  wrk -t2 -c64 -d"${WARMUP}s" -s "bench/lua/$SCENARIO.lua" "$URL" > /dev/null
  before=$(cpu_ticks); loops_before=$(loop_ticks)
  out=$(wrk -t2 -c64 -d"${DURATION}s" -s "bench/lua/$SCENARIO.lua" "$URL")
  after=$(cpu_ticks); loops_after=$(loop_ticks)
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  printf "%-9s %-7s %6.1f us CPU per request, %6.1f us on event loops  (%s requests, %s req/s)\n" "$server" \
    "$SCENARIO" "$(echo "($after - $before) * 1000000 / $TICKS / $requests" | bc -l)" \
    "$(echo "($loops_after - $loops_before) * 1000000 / $TICKS / $requests" | bc -l)" "$requests" "$rps"
  stop
done
