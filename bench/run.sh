#!/usr/bin/env bash
# Runs the benchmark: every scenario against the bare route, the reference server, the bus hop and the emulator
# (profile loadtest), one server at a time, with the same JVM flags, each after a warm-up; then the soak, memory,
# timer-lag and start-up figures, and the Start scenario against WireMock. Prints every figure; servers stay on
# 127.0.0.1 and are stopped by PID.
#
#   bench/run.sh                          # everything (about 27 minutes)
#   WARMUP=10 DURATION=10 SOAK=60 bench/run.sh start   # a quick look at one part
#
# Parts: start summary mix soak memory timers startup wiremock aws (default: all), and startup-image (needs docker and
# an image built from the Dockerfile: IMAGE=tag, default connect-test-emulator:local). `aws` measures the emulator
# alone in the default profile (AWS's quotas), to compare builds: run it at both commits.
set -euo pipefail
cd "$(dirname "$0")/.."

WARMUP=${WARMUP:-20}
DURATION=${DURATION:-15}
SOAK=${SOAK:-300}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
PORT=${PORT:-18500}
JVM_FLAGS=${JVM_FLAGS:--Xms1g -Xmx1g -XX:+UseG1GC}
MEMORY_EXECUTIONS=${MEMORY_EXECUTIONS:-1000000}
LIVE_RUNS=${LIVE_RUNS:-100000}
ROUNDS=${ROUNDS:-2}
ROUND_LOG=target/bench-rounds.txt
PARTS=${*:-start summary mix soak memory timers startup wiremock aws}
JAR=${JAR:-target/connect-test-emulator.jar}
WIREMOCK_VERSION=3.13.2
WIREMOCK_JAR=target/wiremock-standalone-$WIREMOCK_VERSION.jar
export BENCH_LUA=bench/lua
export INSTANCE_ID=11111111-2222-3333-4444-555555555555
URL=http://127.0.0.1:$PORT
source bench/lib.sh

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk"; exit 1; }
[ -f "$JAR" ] || mvn -q -B -DskipTests -DskipSdkTests=true package

server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
trap stop_server EXIT

wait_until_up() {
  wait_for / || exit 1
}

# One of the single-file servers beside the emulator: $1 its log's name, then its source and arguments. They are the
# bare route (BareRoute.java: one vertx-web route with a fixed reply, the stack's own limit), the reference
# (ReferenceServer.java) and the bus hop (ReferenceServer.java bus-hop: the reference's work plus the design's event-bus
# hop to an owner that only answers, i.e. what the hop alone costs).
start_java_server() {
  local log=$1
  shift
  java $JVM_FLAGS -cp "$JAR" "$@" > "target/bench-$log.log" 2>&1 &
  server_pid=$!
  wait_until_up
  export TEST_CASE_ID=bench
}

# $1: extra environment, e.g. "EMULATOR_TIMING_OBSERVATION_MILLIS=1000"
start_emulator() {
  launch_emulator target/bench-emulator.log ${1:-}
  server_pid=$!
  wait_until_up
  TEST_CASE_ID=$(create_bench_test_case "bench-$RANDOM")
  export TEST_CASE_ID
}

start_wiremock() {
  [ -f "$WIREMOCK_JAR" ] || mvn -q -B dependency:copy -Dartifact=org.wiremock:wiremock-standalone:$WIREMOCK_VERSION \
    -DoutputDirectory=target
  mkdir -p target/wiremock/mappings
  cat > target/wiremock/mappings/start.json <<JSON
{"request": {"method": "PUT", "urlPathPattern": "/test-cases/[^/]+/[^/]+/start-execution"},
 "response": {"status": 200, "headers": {"Content-Type": "application/json"},
   "body": "{\"TestCaseExecutionId\":\"4f3a7c88-edcd-4843-a703-9927cd008d43\",\"TestCaseId\":\"bench\",\"Status\":\"INITIATED\"}"}}
JSON
  java $JVM_FLAGS -jar "$WIREMOCK_JAR" --port "$PORT" --bind-address 127.0.0.1 --root-dir target/wiremock \
    --no-request-journal --disable-request-logging --async-response-enabled true > target/bench-wiremock.log 2>&1 &
  server_pid=$!
  wait_until_up
  export TEST_CASE_ID=bench
}

# Prints "requests-per-second p99-milliseconds" of one wrk run: $1 scenario, $2 seconds.
measure() {
  local out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2"s --latency -s "bench/lua/$1.lua" "$URL")
  local rps p99
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  echo "$rps $(to_ms "$p99")"
}

to_ms() {
  case "$1" in
    *us) echo "$1" | sed 's/us//' | awk '{printf "%.3f", $1 / 1000}' ;;
    *ms) echo "$1" | sed 's/ms//' ;;
    *s) echo "$1" | sed 's/s//' | awk '{printf "%.1f", $1 * 1000}' ;;
    *) echo "$1" ;;
  esac
}

heap_used_mb() {
  jcmd "$server_pid" GC.run > /dev/null
  jcmd "$server_pid" GC.heap_info | awk '/used/ {for (i = 1; i <= NF; i++) if ($i == "used") {gsub("K,?", "", $(i+1)); printf "%.1f", $(i+1) / 1024; exit}}'
}

# One server's figures for one scenario into $rps and $p99: $1 the server (bare, reference, hop, emulator), $2 the
# scenario. It runs in this shell, so that the EXIT trap stops a server left running.
measure_server() {
  case "$1" in
    bare) start_java_server bare bench/BareRoute.java "$PORT" ;;
    reference) start_java_server reference bench/ReferenceServer.java "$PORT" ;;
    hop) start_java_server bus-hop bench/ReferenceServer.java "$PORT" bus-hop ;;
    emulator) start_emulator ;;
  esac
  warm_up "$2" "$WARMUP"
  read -r rps p99 < <(measure "$2" "$DURATION")
  stop_server
}

# Runs one scenario on the bare route, the reference, the bus hop and the emulator, and prints a row of the table.
# With ROUNDS=2 (the default) the last three are measured twice, in the order reference, hop, emulator, emulator, hop,
# reference, and the row gives each one's mean: the machine's speed drifts within minutes, and this order gives each
# server the same mean position in time, so that a steady drift moves no ratio. Each round's figures go to $ROUND_LOG.
scenario() {
  local name=$1 order=(reference hop emulator) server rps p99
  [ "$ROUNDS" = 2 ] && order=(reference hop emulator emulator hop reference)
  declare -A sum_rps=() sum_p99=() rounds=()
  measure_server bare "$name"
  local bare_rps=$rps bare_p99=$p99
  for server in "${order[@]}"; do
    measure_server "$server" "$name"
    sum_rps[$server]=$(echo "${sum_rps[$server]:-0} + $rps" | bc -l)
    sum_p99[$server]=$(echo "${sum_p99[$server]:-0} + $p99" | bc -l)
    rounds[$server]="${rounds[$server]:+${rounds[$server]}, }$(printf '%.0f req/s p99 %s ms' "$rps" "$p99")"
  done
  local n=$((${#order[@]} / 3))
  local ref_rps hop_rps emu_rps ref_p99 hop_p99 emu_p99
  ref_rps=$(echo "${sum_rps[reference]} / $n" | bc -l); ref_p99=$(echo "${sum_p99[reference]} / $n" | bc -l)
  hop_rps=$(echo "${sum_rps[hop]} / $n" | bc -l); hop_p99=$(echo "${sum_p99[hop]} / $n" | bc -l)
  emu_rps=$(echo "${sum_rps[emulator]} / $n" | bc -l); emu_p99=$(echo "${sum_p99[emulator]} / $n" | bc -l)
  printf "| %-8s | %8.0f | %8.0f | %8.0f | %8.0f | %5.2f | %5.2f | %5.2f | %5.2f | %6.2f | %6.2f | %6.2f | %6.2f | %5.2f |\n" \
    "$name" "$bare_rps" "$ref_rps" "$hop_rps" "$emu_rps" "$(echo "$emu_rps / $ref_rps" | bc -l)" \
    "$(echo "$emu_rps / $bare_rps" | bc -l)" "$(echo "$hop_rps / $ref_rps" | bc -l)" \
    "$(echo "$emu_rps / $hop_rps" | bc -l)" "$bare_p99" "$ref_p99" "$hop_p99" "$emu_p99" \
    "$(echo "$emu_p99 / $ref_p99" | bc -l)"
  {
    echo "$name rounds, in the order measured:"
    for server in reference hop emulator; do echo "  $server: ${rounds[$server]}"; done
  } >> "$ROUND_LOG"
}

soak() {
  start_emulator
  warm_up mix "$WARMUP"
  # The server's CPU per request too: it moves far less than requests per second when the machine around the server
  # slows down or speeds up, so a cost that grew over the minutes would show there.
  echo "| minute | mix req/s | p99 ms | heap used MB | server CPU µs per request |"
  echo "|---|---|---|---|---|"
  local ticks_per_second before after
  ticks_per_second=$(getconf CLK_TCK)
  for minute in $(seq 1 $((SOAK / 60))); do
    before=$(process_cpu_ticks "$server_pid")
    read -r rps p99 < <(measure mix 60)
    after=$(process_cpu_ticks "$server_pid")
    printf "| %d | %.0f | %s | %s | %.1f |\n" "$minute" "$rps" "$p99" "$(heap_used_mb)" \
      "$(echo "($after - $before) * 1000000 / $ticks_per_second / ($rps * 60)" | bc -l)"
  done
  stop_server
}

memory() {
  # Retention is shared evenly between owners and one instance lives on one owner: room for twice the count.
  start_emulator "EMULATOR_TIMING_MODE=immediate EMULATOR_RETENTION_MAX_FINISHED_EXECUTIONS=$((MEMORY_EXECUTIONS * 2))"
  local before after count previous
  before=$(heap_used_mb)
  count=0
  previous=-1
  while [ "$count" -lt "$MEMORY_EXECUTIONS" ] && [ "$count" -gt "$previous" ]; do
    previous=$count
    wrk -t"$THREADS" -c"$CONNECTIONS" -d10s -s bench/lua/start.lua "$URL" > /dev/null
    count=$(curl -s "$URL/_emulator/stats" | sed -n 's/.*"executions":{"PASSED":\([0-9]*\)}.*/\1/p' | head -1)
  done
  after=$(heap_used_mb)
  echo "retained finished executions: $count; heap used before: $before MB, after: $after MB"
  echo "bytes per retained execution: $(echo "($after - $before) * 1048576 / $count" | bc)"
  jcmd "$server_pid" GC.class_histogram | sed -n 1,12p
  stop_server
}

timers() {
  start_emulator
  warm_up start "$WARMUP"
  read -r idle_rps idle_p99 < <(measure start "$DURATION")
  stop_server
  # Runs of 3 observations of 20 s each stay live for a minute: start LIVE_RUNS of them, then measure. The collector's
  # pauses are logged: they are what makes steps late.
  local gc_log=target/bench-timers-gc.log
  rm -f "$gc_log"
  local JVM_FLAGS="$JVM_FLAGS -Xlog:gc:file=$gc_log"
  start_emulator "EMULATOR_TIMING_OBSERVATION_MILLIS=20000"
  warm_up start "$WARMUP"
  curl -s -X POST "$URL/_emulator/reset" > /dev/null
  start_emulator_test_case_again
  local live=0
  while [ "$live" -lt "$LIVE_RUNS" ]; do
    wrk -t"$THREADS" -c"$CONNECTIONS" -d2s -s bench/lua/start.lua "$URL" > /dev/null
    live=$(curl -s "$URL/_emulator/stats" | sed -n 's/.*"executions":{[^}]*"IN_PROGRESS":\([0-9]*\).*/\1/p' | head -1)
    live=${live:-0}
  done
  local logged
  logged=$(wc -l < "$gc_log")
  read -r busy_rps busy_p99 < <(measure start "$DURATION")
  local stats
  stats=$(curl -s "$URL/_emulator/stats")
  echo "live runs when measured: at least $live"
  echo "Start req/s idle: $idle_rps, with live runs: $busy_rps (ratio $(echo "$busy_rps / $idle_rps" | bc -l | cut -c1-5))"
  echo "timer lag: $(echo "$stats" | sed -n 's/.*"timerLagMillis":\({[^}]*}\).*/\1/p')"
  echo "collector pauses while measured: $(tail -n +$((logged + 1)) "$gc_log" | sed -n 's/.*Pause.* \([0-9.]*\)ms$/\1/p' \
    | sort -n | awk '{p[NR] = $1; total += $1} END {if (NR == 0) {print "none"} else {printf "%d, %.0f ms in all, median %s ms, max %s ms", NR, total, p[int((NR + 1) / 2)], p[NR]}}')"
  stop_server
}

start_emulator_test_case_again() {
  TEST_CASE_ID=$(create_bench_test_case bench-again)
  export TEST_CASE_ID
}

# Start-up to the first successful request, 5 times: plain, then with an AppCDS archive made by one training run
# (java -XX:ArchiveClassesAtExit, stopped by SIGTERM, which exits 0 and writes the archive).
startup() {
  echo "start-up to first successful request, ms: $(startup_times "")"
  local archive=target/bench-app-cds.jsa
  rm -f "$archive"
  env EMULATOR_PROFILE=loadtest EMULATOR_HTTP_HOST=127.0.0.1 HTTP_PORT="$PORT" \
    java $JVM_FLAGS -XX:ArchiveClassesAtExit="$archive" -jar "$JAR" > target/bench-cds-training.log 2>&1 &
  server_pid=$!
  until answered target/bench-cds-training.log; do sleep 0.01; done
  start_emulator_test_case_again
  stop_server
  echo "with AppCDS (-XX:SharedArchiveFile), ms: $(startup_times "-XX:SharedArchiveFile=$archive")"
}

# The image's start-up, inside its container (no container set-up in the figure): 5 times with the AppCDS archive the
# image was built with, as its ENTRYPOINT starts it, then 5 times without. The image's own settings and JAVA_OPTS;
# its bash polls over /dev/tcp (the image has no curl). IMAGE: the tag (docker build -t ... .).
startup_image() {
  command -v docker >/dev/null || { echo "startup-image needs docker"; exit 1; }
  docker run --rm --network host -e HTTP_PORT="$PORT" -e EMULATOR_HTTP_HOST=127.0.0.1 -e INSTANCE_ID \
    --entrypoint bash "${IMAGE:-connect-test-emulator:local}" -c '
      times() {
        local all=() t0 t1 pid
        for _ in 1 2 3 4 5; do
          t0=$(date +%s%N)
          java "$@" $JAVA_OPTS -jar /app/connect-test-emulator.jar > /tmp/startup.log 2>&1 &
          pid=$!
          until { exec 3<>/dev/tcp/127.0.0.1/$HTTP_PORT; } 2>/dev/null && printf "GET /test-cases-summary/%s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" "$INSTANCE_ID" >&3 && timeout 5 head -c 12 <&3 | grep -q " 200"; do
            exec 3<&- 2>/dev/null; sleep 0.005
          done
          t1=$(date +%s%N)
          exec 3<&-
          all+=($(( (t1 - t0) / 1000000 )))
          kill $pid; wait $pid
        done
        echo "${all[*]} (median $(printf "%s\n" "${all[@]}" | sort -n | sed -n 3p))"
      }
      echo "in the image, with its AppCDS archive, ms: $(times -XX:SharedArchiveFile=/app/emulator.jsa -Xshare:auto)"
      echo "in the image, without (-Xshare:auto, the JDK'"'"'s own archive only), ms: $(times)"'
}

startup_times() {
  local times=()
  for _ in 1 2 3 4 5; do
    local t0 t1
    t0=$(date +%s%N)
    env EMULATOR_PROFILE=loadtest EMULATOR_HTTP_HOST=127.0.0.1 HTTP_PORT="$PORT" \
      java $JVM_FLAGS $1 -jar "$JAR" > target/bench-startup.log 2>&1 &
    server_pid=$!
    until answered target/bench-startup.log; do sleep 0.005; done
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
    stop_server
  done
  echo "${times[*]} (median $(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p))"
}

# The default profile, aws: Start (most are refused by the quota of 100 queued runs, as AWS would) and summary polls.
aws_profile() {
  echo "| profile aws | emulator req/s | p99 ms |"
  echo "|---|---|---|"
  local name
  for name in start summary; do
    start_emulator "EMULATOR_PROFILE=aws"
    warm_up "$name" "$WARMUP"
    read -r rps p99 < <(measure "$name" "$DURATION")
    stop_server
    printf "| %s | %.0f | %s |\n" "$name" "$rps" "$p99"
  done
}

wiremock() {
  start_wiremock
  warm_up start "$WARMUP"
  read -r rps p99 < <(measure start "$DURATION")
  stop_server
  printf "| start on WireMock %s | %.0f req/s | p99 %s ms |\n" "$WIREMOCK_VERSION" "$rps" "$p99"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; $(java -version 2>&1 | head -1); JVM flags: $JVM_FLAGS"
echo "wrk -t$THREADS -c$CONNECTIONS, warm-up ${WARMUP}s, measured ${DURATION}s; scenarios: $ROUNDS round(s) of reference, bus hop and emulator"
header_printed=no
rm -f "$ROUND_LOG"
for part in $PARTS; do
  case "$part" in
    start|summary|mix)
      if [ "$header_printed" = no ]; then
        echo "| scenario | bare req/s | reference req/s | bus hop req/s | emulator req/s | emu/ref | emu/bare | hop/ref | emu/hop | bare p99 ms | ref p99 ms | hop p99 ms | emu p99 ms | p99 emu/ref |"
        echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
        header_printed=yes
      fi
      scenario "$part" ;;
    soak) soak ;;
    memory) memory ;;
    timers) timers ;;
    startup) startup ;;
    startup-image) startup_image ;;
    wiremock) wiremock ;;
    aws) aws_profile ;;
    *) echo "unknown part $part"; exit 2 ;;
  esac
done
if [ -f "$ROUND_LOG" ]; then
  echo "each round of the scenarios above ($ROUND_LOG):"
  cat "$ROUND_LOG"
fi
