# Sourced by the bench scripts: what each of them does the same way. Expects URL, PORT, JAR, JVM_FLAGS and
# INSTANCE_ID to be set by the script.

# Logs, archives and fetched tools go to target/, which a clone given JAR=... has not built yet.
mkdir -p target

# Starts the emulator as every benchmark runs it (profile loadtest, on loopback) in the background: $1 the log file,
# then any extra environment (KEY=value ...). The caller takes its PID from $!.
launch_emulator() {
  local log=$1
  shift
  env EMULATOR_PROFILE=loadtest EMULATOR_HTTP_HOST=127.0.0.1 HTTP_PORT="$PORT" "$@" \
    java $JVM_FLAGS -jar "$JAR" > "$log" 2>&1 &
}

# One poll of a start-up ($1: the server's log, named in the message): true on any HTTP answer. A poll the server accepted but did not answer within 5 s is told
# on stderr (without --max-time it would wait for the idle timeout, http.idleTimeoutSeconds, and that would be the
# figure) and polled again.
answered() {
  curl -s -o /dev/null --max-time 5 "$URL/test-cases-summary/$INSTANCE_ID" 2>/dev/null
  local status=$?
  [ "$status" != 28 ] || echo "startup: a poll got no answer within 5 s (server log: $1)" >&2
  return "$status"
}

# Waits (at most 30 s) until $1, a path on the server, answers; fails otherwise.
wait_for() {
  for _ in $(seq 1 1500); do
    curl -s -o /dev/null "$URL$1" && return 0
    sleep 0.02
  done
  echo "server on port $PORT did not answer $1"
  return 1
}

# Creates the published test case of three observations the wrk scenarios start, named $1; prints its id.
create_bench_test_case() {
  local content='{\"Observations\":[{\"Identifier\":\"a\"},{\"Identifier\":\"b\"},{\"Identifier\":\"c\"}]}'
  curl -s -X PUT "$URL/test-cases/$INSTANCE_ID" -H 'Content-Type: application/json' \
    -d "{\"Name\":\"$1\",\"Content\":\"$content\"}" | sed -n 's/.*"TestCaseId":"\([^"]*\)".*/\1/p'
}

# The CPU time process $1 has used so far (user and system, all its threads), in clock ticks (getconf CLK_TCK).
process_cpu_ticks() {
  awk '{print $14 + $15}' "/proc/$1/stat"
}

# Warms a server up for $2 seconds with scenario $1 (wrk -t${THREADS:-2} -c${CONNECTIONS:-64}), in two wrk runs: all
# but the last 5 s, then 5 s on new connections. When the measured wrk run opens its connections after a warm-up's
# have closed, HotSpot deoptimizes some 50-150 compiled methods of the connection and read paths (class_check traps:
# types the warm-up's steady state never saw there) and recompiles them: in one Start run, 0.9-1.1 s of compiler
# thread CPU in the first second of a 10 s window, for the emulator and the reference alike (JFR, BENCHMARKS.md,
# seventh session). A second opening of the connections within the warm-up takes that recompilation there: 0.04-0.14 s
# of it was left in the window.
warm_up() {
  local scenario=$1 seconds=$2 first
  first=$((seconds > 10 ? seconds - 5 : (seconds + 1) / 2))
  wrk -t"${THREADS:-2}" -c"${CONNECTIONS:-64}" -d"${first}s" -s "bench/lua/$scenario.lua" "$URL" > /dev/null
  if [ "$seconds" -gt "$first" ]; then
    wrk -t"${THREADS:-2}" -c"${CONNECTIONS:-64}" -d"$((seconds - first))s" -s "bench/lua/$scenario.lua" "$URL" > /dev/null
  fi
}

# Starts $1 (emulator, reference, hop: the reference with the bus hop, or bare: the bare route) in the background,
# logging to $2; the caller takes its PID from $!, then calls await_server.
launch_server() {
  case $1 in
    emulator) launch_emulator "$2" ;;
    bare) java $JVM_FLAGS -cp "$JAR" bench/BareRoute.java "$PORT" > "$2" 2>&1 & ;;
    reference) java $JVM_FLAGS -cp "$JAR" bench/ReferenceServer.java "$PORT" > "$2" 2>&1 & ;;
    hop) java $JVM_FLAGS -cp "$JAR" bench/ReferenceServer.java "$PORT" bus-hop > "$2" 2>&1 & ;;
    *) echo "SERVER: emulator, reference, hop or bare"; exit 1 ;;
  esac
}

# Waits until server $1, started by launch_server, answers, and exports the TEST_CASE_ID the wrk scenarios start: the
# emulator's gets a test case named $2; the reference and the bare route answer any path and id.
await_server() {
  if [ "$1" = emulator ]; then
    wait_for /health/live
    TEST_CASE_ID=$(create_bench_test_case "$2")
  else
    wait_for /
    TEST_CASE_ID=bench
  fi
  export TEST_CASE_ID
}

# The path of async-profiler's agent (Linux x64), fetched from Maven Central into target/ on first use.
async_profiler_lib() {
  local version=4.0
  local lib=target/async-profiler-$version/linux-x64/libasyncProfiler.so
  if [ ! -f "$lib" ]; then
    mvn -q -B dependency:copy -Dartifact=tools.profiler:async-profiler:$version -DoutputDirectory=target >&2
    unzip -q -o "target/async-profiler-$version.jar" 'linux-x64/*' -d "target/async-profiler-$version"
  fi
  echo "$lib"
}
