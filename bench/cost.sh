#!/usr/bin/env bash
# CPU time the server spends per request (user + system, from /proc/PID/stat), for the bare route, the reference and
# the emulator under one wrk scenario. Unlike requests per second it hardly moves when other work shares the cores,
# so it compares two builds of the hot path on a busy machine; BENCHMARKS.md's ratios still come from run.sh. It also
# gives the machine's idle share while wrk ran: a server that leaves cores idle is held back by its latency.
#
#   bench/cost.sh start                 # SCENARIO: start, summary or mix; SERVERS: "bare reference emulator"
#                                       # (and bushop, bench/ReferenceServer.java bus-hop, by name)
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
# CPU ticks of the process's threads by kind: event loops (the request path), GC, JIT compiler, and the rest.
thread_ticks() {
  local task
  for task in /proc/$pid/task/*; do
    printf '%s %s\n' "$(cat "$task/comm" 2>/dev/null)" "$(awk '{print $14 + $15}' "$task/stat" 2>/dev/null)"
  done | awk '{ticks = $NF; $NF = ""; name = $0
      kind = name ~ /^vert\.x-eventloo/ ? "loops" : name ~ /^(GC|G1)/ ? "gc" : name ~ /Compiler/ ? "jit" : "other"
      n[kind] += ticks}
    END {printf "%d %d %d %d\n", n["loops"], n["gc"], n["jit"], n["other"]}'
}

# CPU ticks of each event-loop thread, by thread id, and how often the scheduler took the core from it while it could
# run (involuntary context switches): where the owner of the benchmark's one instance sits shows, and a loop that must
# wait for its turn holds up every request that needs it.
loop_ticks() {
  local task
  for task in /proc/$pid/task/*; do
    if grep -q '^vert.x-eventloo' "$task/comm" 2>/dev/null; then
      echo "$(basename "$task") $(awk '{print $14 + $15}' "$task/stat") $(awk '/^nonvoluntary_ctxt_switches/ {print $2}' "$task/status")"
    fi
  done | sort
}

# The machine's idle and busy CPU ticks, all cores (/proc/stat): idle includes waiting for I/O.
machine_ticks() {
  awk '/^cpu / {idle = $5 + $6; busy = 0; for (i = 2; i <= NF; i++) busy += $i; print idle, busy - idle}' /proc/stat
}

for server in $SERVERS; do
  kind=$([ "$server" = bushop ] && echo hop || echo "$server")
  launch_server "$kind" "target/cost-$server.log"
  pid=$!
  await_server "$kind" cost
  warm_up "$SCENARIO" "$WARMUP"
  before=$(process_cpu_ticks "$pid"); threads_before=($(thread_ticks)); loops_before=$(loop_ticks)
  machine_before=($(machine_ticks))
  out=$(wrk -t2 -c64 -d"${DURATION}s" -s "bench/lua/$SCENARIO.lua" "$URL")
  machine_after=($(machine_ticks))
  after=$(process_cpu_ticks "$pid"); threads_after=($(thread_ticks)); loops_after=$(loop_ticks)
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  per_request() { echo "($2 - $1) * 1000000 / $TICKS / $requests" | bc -l; }
  printf "%-9s %-7s %6.1f us CPU per request: %5.1f event loops, %4.1f GC, %4.1f JIT, %4.1f other  (%s requests, %s req/s)\n" \
    "$server" "$SCENARIO" "$(per_request "$before" "$after")" \
    "$(per_request "${threads_before[0]}" "${threads_after[0]}")" "$(per_request "${threads_before[1]}" "${threads_after[1]}")" \
    "$(per_request "${threads_before[2]}" "${threads_after[2]}")" "$(per_request "${threads_before[3]}" "${threads_after[3]}")" \
    "$requests" "$rps"
  # Each busy event loop's share, largest first (the emulator's owner of the one instance shares a loop with a router),
  # with the times it was preempted per 1 000 requests.
  per_loop=$(join <(echo "$loops_before") <(echo "$loops_after") \
    | awk -v ticks="$TICKS" -v n="$requests" '{us = ($4 - $2) * 1000000 / ticks / n
        if (us >= 0.1) printf "%.1f (preempted %.0f)\n", us, ($5 - $3) * 1000 / n}' \
    | sort -rn | paste -sd, - | sed 's/,/, /g')
  echo "          event loops one by one, us per request (times preempted per 1 000 requests): ${per_loop:-none}"
  # A server that leaves cores idle while wrk waits on it is held back by its latency, not by its CPU per request.
  idle=$((machine_after[0] - machine_before[0]))
  busy=$((machine_after[1] - machine_before[1]))
  printf "          machine: %.1f %% idle; the rest of the machine (wrk, mostly) %.1f us CPU per request\n" \
    "$(echo "100 * $idle / ($idle + $busy)" | bc -l)" "$(per_request "$((after - before))" "$busy")"
  stop
done
