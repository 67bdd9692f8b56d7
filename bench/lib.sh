# Sourced by the bench scripts: what each of them does the same way. Expects URL, PORT, JAR, JVM_FLAGS and
# INSTANCE_ID to be set by the script.

# Starts the emulator as every benchmark runs it (profile loadtest, on loopback) in the background: $1 the log file,
# then any extra environment (KEY=value ...). The caller takes its PID from $!.
launch_emulator() {
  local log=$1
  shift
  env EMULATOR_PROFILE=loadtest EMULATOR_HTTP_HOST=127.0.0.1 HTTP_PORT="$PORT" "$@" \
    java $JVM_FLAGS -jar "$JAR" > "$log" 2>&1 &
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
