#!/usr/bin/env bash
# What an open dashboard page costs the emulator: the Start benchmark (bench/lua/start.lua, wrk) on the jar with the
# loadtest profile, without a page and with one headless Chromium page on /_emulator/ui/, ROUNDS times in alternating
# order, each on a fresh server, so that drift on a shared machine hits both alike. Prints each run and the ratio of the
# medians, and what the page's feed carried (snapshots and bytes per second). Needs wrk, the packaged jar, Node.js
# and ui-tests/ installed (npm ci there) with Debian's chromium. Servers stay on 127.0.0.1, stopped by PID.
#
#   bench/dashboard-cost.sh                          # 3 rounds of 30 s each way, after 20 s of warm-up
#   ROUNDS=1 WARMUP=10 DURATION=15 bench/dashboard-cost.sh   # a quick look
set -euo pipefail
cd "$(dirname "$0")/.."

WARMUP=${WARMUP:-20}
DURATION=${DURATION:-30}
ROUNDS=${ROUNDS:-3}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
PORT=${PORT:-18510}
JVM_FLAGS=${JVM_FLAGS:--Xms1g -Xmx1g -XX:+UseG1GC}
JAR=target/connect-test-emulator.jar
export BENCH_LUA=bench/lua
export INSTANCE_ID=11111111-2222-3333-4444-555555555555
URL=http://127.0.0.1:$PORT
source bench/lib.sh

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk"; exit 1; }
[ -f "$JAR" ] || mvn -q -B -DskipTests -DskipSdkTests=true package
[ -d ui-tests/node_modules ] || (cd ui-tests && npm ci --no-audit --no-fund)

server_pid=""
page_pid=""
stop_all() {
  for pid in "$page_pid" "$server_pid"; do
    if [ -n "$pid" ]; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  page_pid=""
  server_pid=""
}
trap stop_all EXIT

start_emulator() {
  launch_emulator target/bench-dashboard-emulator.log
  server_pid=$!
  wait_for /health/ready
  TEST_CASE_ID=$(create_bench_test_case "bench-$RANDOM")
  export TEST_CASE_ID
}

# CPU time the emulator's JVM has used, in clock ticks (user + system).
cpu_ticks() {
  awk '{print $14 + $15}' "/proc/$server_pid/stat"
}

# Prints "requests-per-second p99 emulator-CPU-microseconds-per-request" of one wrk run of $1 seconds. The CPU per
# request tells the emulator's own cost apart from a busy machine's: it hardly moves when other processes take cores.
measure() {
  local out rps p99 requests ticks_before ticks_after
  ticks_before=$(cpu_ticks)
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1"s --latency -s bench/lua/start.lua "$URL")
  ticks_after=$(cpu_ticks)
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  echo "$rps $p99 $(echo "($ticks_after - $ticks_before) * 1000000 / $(getconf CLK_TCK) / $requests" | bc -l | cut -c1-6)"
}

# One run: $1 "without" or "with" a page open during the measurement (and the warm-up).
run() {
  start_emulator
  if [ "$1" = with ]; then
    (cd ui-tests && node open-dashboard.mjs "$URL" $((WARMUP + DURATION + 5))) > target/bench-dashboard-page.json &
    page_pid=$!
    sleep 3 # the browser starts and the page opens before the load does
  fi
  measure "$WARMUP" > /dev/null
  read -r rps p99 cpu < <(measure "$DURATION")
  if [ -n "$page_pid" ]; then
    wait "$page_pid" || echo "the page reported problems: $(cat target/bench-dashboard-page.json)"
    page_pid=""
    feed=$(cat target/bench-dashboard-page.json)
  fi
  stop_all
  printf "| %d | %-7s | %10.0f | %8s | %6s |\n" "$round" "$1" "$rps" "$p99" "$cpu"
  echo "$1 $rps $cpu" >> target/bench-dashboard-runs.txt
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
echo "wrk -t$THREADS -c$CONNECTIONS start.lua, warm-up ${WARMUP}s, measured ${DURATION}s, $ROUNDS round(s)"
echo "| round | page | Start req/s | p99 | emulator CPU µs per Start |"
echo "|---|---|---|---|---|"
rm -f target/bench-dashboard-runs.txt
feed=""
for round in $(seq 1 "$ROUNDS"); do
  # Each round swaps the order, so that whatever drifts along a run (the machine, the disk cache) favours neither.
  if [ $((round % 2)) -eq 1 ]; then
    run without
    run with
  else
    run with
    run without
  fi
done
median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
without=$(awk '$1 == "without" {print $2}' target/bench-dashboard-runs.txt | median)
with=$(awk '$1 == "with" {print $2}' target/bench-dashboard-runs.txt | median)
echo "median Start req/s without a page: $without, with one: $with (ratio $(echo "$with / $without" | bc -l | cut -c1-5))"
cpu_without=$(awk '$1 == "without" {print $3}' target/bench-dashboard-runs.txt | median)
cpu_with=$(awk '$1 == "with" {print $3}' target/bench-dashboard-runs.txt | median)
echo "median emulator CPU per Start without a page: $cpu_without µs, with one: $cpu_with µs (ratio $(echo "$cpu_with / $cpu_without" | bc -l | cut -c1-5))"
echo "the page's feed (last run): $feed"
