#!/usr/bin/env bash
# Writes the image's AppCDS archive (the classes a start-up and the first requests load, already parsed and verified):
# starts the emulator once with -XX:ArchiveClassesAtExit, sends it a few representative requests over bash's
# /dev/tcp (the image has no curl), then stops it with SIGTERM; the JVM writes the archive as it exits. Runs at image
# build time with the image's own JVM, jar and environment, which an archive must match to be used.
#
#   train-class-archive.sh ARCHIVE JAR [JVM flags…]
set -euo pipefail
archive=$1 jar=$2
shift 2
instance=11111111-2222-3333-4444-555555555555
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Port 0 and the port file: nothing else on the build machine's loopback can be in the way.
EMULATOR_HTTP_HOST=127.0.0.1 EMULATOR_HTTP_PORT=0 EMULATOR_SERVICE_PORT_FILE="$work/port" \
  java -XX:ArchiveClassesAtExit="$archive" "$@" -jar "$jar" > "$work/log" 2>&1 &
pid=$!
fail() { echo "train-class-archive: $*" >&2; cat "$work/log" >&2; kill "$pid" 2>/dev/null; exit 1; }

for _ in $(seq 600); do
  [ -s "$work/port" ] && break
  kill -0 "$pid" 2>/dev/null || fail "the emulator exited before it listened"
  sleep 0.1
done
[ -s "$work/port" ] || fail "no port file after 60 s"
read -r port < "$work/port"

# One HTTP/1.1 request; sets status and body.
request() {
  local method=$1 path=$2 payload=${3:-} response
  exec 3<>"/dev/tcp/127.0.0.1/$port"
  printf '%s %s HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
    "$method" "$path" "${#payload}" "$payload" >&3
  response=$(cat <&3)
  exec 3<&-
  status=$(head -1 <<<"$response" | cut -d' ' -f2)
  body=${response#*$'\r\n\r\n'}
}
expect() {
  [ "$status" = "$1" ] || fail "$2 answered $status, not $1: $body"
}
field() {
  sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" <<<"$body"
}

request GET /health/ready; expect 200 readiness
request GET /health/live; expect 200 liveness
content='{\"Version\":\"2025-06-21\",\"Observations\":[{\"Identifier\":\"start\",\"Event\":{\"Type\":\"TestInitiated\"},\"Actions\":[],\"Transitions\":{\"NextObservations\":[\"end\"]}},{\"Identifier\":\"end\",\"Event\":{\"Type\":\"MessageReceived\",\"Properties\":{\"Text\":\"Welcome\"}},\"Actions\":[]}]}'
request PUT "/test-cases/$instance" "{\"Name\":\"class-archive\",\"Content\":\"$content\"}"; expect 200 CreateTestCase
test_case=$(field TestCaseId)
request GET "/test-cases/$instance/$test_case"; expect 200 DescribeTestCase
request GET "/test-cases-summary/$instance"; expect 200 ListTestCases
request POST /search-test-cases "{\"InstanceId\":\"$instance\"}"; expect 200 SearchTestCases
request PUT "/test-cases/$instance/$test_case/start-execution" '{}'; expect 200 StartTestCaseExecution
execution=$(field TestCaseExecutionId)
for _ in $(seq 50); do
  request GET "/test-cases/$instance/$test_case/$execution/summary"; expect 200 GetTestCaseExecutionSummary
  [ "$(field Status)" = PASSED ] && break
  sleep 0.1
done
request GET "/test-cases/$instance/$test_case/$execution/records"; expect 200 ListTestCaseExecutionRecords
request GET "/test-case-executions/$instance"; expect 200 ListTestCaseExecutions
request GET "/test-cases/$instance/no-such-test-case"; expect 404 "DescribeTestCase of an unknown id"
request PUT "/test-cases/$instance/$test_case/start-execution" '{"ClientToken":42}'; expect 400 "a request that fails validation"
request GET /metrics; expect 200 metrics

kill -TERM "$pid"
wait "$pid" || fail "the emulator exited with status $? on SIGTERM"
[ -s "$archive" ] || fail "no archive at $archive"
echo "train-class-archive: wrote $archive ($(du -h "$archive" | cut -f1))"
