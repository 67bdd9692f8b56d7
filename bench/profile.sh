#!/usr/bin/env bash
# Profiles the emulator (profile loadtest) under one wrk scenario with JFR, and prints where the CPU time goes (top
# methods by own samples, and by samples anywhere on the stack among the emulator's own classes) and what allocates
# most (top allocation sites by sampled weight).
#
#   bench/profile.sh start            # SCENARIO: start, summary or mix; WARMUP and DURATION seconds as in run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SCENARIO=${1:-start}
WARMUP=${WARMUP:-15}
DURATION=${DURATION:-20}
PORT=${PORT:-18500}
TOP=${TOP:-25}
JVM_FLAGS=${JVM_FLAGS:--Xms1g -Xmx1g -XX:+UseG1GC}
JAR=target/connect-test-emulator.jar
URL=http://127.0.0.1:$PORT
RECORDING=target/profile-$SCENARIO.jfr
export BENCH_LUA=bench/lua INSTANCE_ID=11111111-2222-3333-4444-555555555555
source bench/lib.sh

launch_emulator target/profile-emulator.log EMULATOR_ADMIN_ENABLED=true
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT
wait_for /health/live
TEST_CASE_ID=$(create_bench_test_case profile)
export TEST_CASE_ID
wrk -t2 -c64 -d"${WARMUP}s" -s "bench/lua/$SCENARIO.lua" "$URL" > /dev/null
# JFR's profile settings, sampling Java stacks every millisecond rather than every 10 ms.
sed 's/<setting name="period" control="method-sampling-java-interval">10 ms<\/setting>/<setting name="period">1 ms<\/setting>/' \
  "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/jfr/profile.jfc" > target/profile-1ms.jfc
jcmd $pid JFR.start name=profile settings="$(pwd)/target/profile-1ms.jfc" filename="$(pwd)/$RECORDING" > /dev/null
wrk -t2 -c64 -d"${DURATION}s" --latency -s "bench/lua/$SCENARIO.lua" "$URL" | grep -E 'Requests/sec|99%'
jcmd $pid JFR.stop name=profile > /dev/null
set +o pipefail # head closes the pipes early

echo "== CPU: top methods by own samples"
jfr print --events jdk.ExecutionSample --stack-depth 1 "$RECORDING" \
  | awk '/stackTrace = \[/ {getline; sub(/^[ \t]+/, ""); sub(/line:.*/, ""); n[$0]++; total++}
         END {for (m in n) printf "%6.2f%%  %s\n", 100 * n[m] / total, m}' | sort -rn | head -"$TOP"
echo "== CPU: emulator frames anywhere on the stack (inclusive)"
jfr print --events jdk.ExecutionSample --stack-depth 64 "$RECORDING" \
  | awk '/jdk.ExecutionSample/ {total++; delete seen}
         /io\.github\.connectemulator/ {sub(/^[ \t]+/, ""); sub(/line:.*/, ""); if (!($0 in seen)) {seen[$0]; n[$0]++}}
         END {for (m in n) printf "%6.2f%%  %s\n", 100 * n[m] / total, m}' | sort -rn | head -"$TOP"
echo "== Allocation: top sites by sampled weight"
jfr print --events jdk.ObjectAllocationSample --stack-depth 1 "$RECORDING" \
  | awk '/objectClass = / {cls = $3} /weight = / {w = $3; unit = $4} /eventThread = / {thread = $3}
         /stackTrace = \[/ {getline; sub(/^[ \t]+/, ""); sub(/line:.*/, "");
           # The first sample of each thread weighs all it allocated since the recording began: left out.
           if (!(thread in seen)) {seen[thread]; next}
           m = (unit ~ /MB/) ? 1024 * 1024 : (unit ~ /kB/) ? 1024 : (unit ~ /GB/) ? 1073741824 : 1;
           gsub(/,/, "", w); bytes[cls " @ " $0] += w * m; total += w * m}
         END {for (k in bytes) printf "%6.2f%%  %s\n", 100 * bytes[k] / total, k}' | sort -rn | head -"$TOP"
echo "recording: $RECORDING"
echo "== CPU: samples by the nearest frame of a known layer (leaf upwards)"
jfr print --events jdk.ExecutionSample --stack-depth 96 "$RECORDING" | awk '
  function layer(f) {
    if (f ~ /^io\.github\.connectemulator\.owner/) return "emulator owner";
    if (f ~ /^io\.github\.connectemulator\.(operations\.JsonBodies|operations\.PageTokens)/) return "emulator reply writing";
    if (f ~ /^io\.github\.connectemulator\.(operations\.(QuickSchemaCheck|SchemaCheck)|http\.ReusedValidators|http\.HttpValidation|http\.HttpMembers)/) return "emulator validation";
    if (f ~ /^io\.github\.connectemulator\.service/) return "emulator metrics/service";
    if (f ~ /^io\.github\.connectemulator/) return "emulator other";
    if (f ~ /^io\.vertx\.ext\.web\.validation|^io\.vertx\.json\.schema/) return "vertx-web-validation";
    if (f ~ /^io\.vertx\.ext\.web\.handler\.impl\.BodyHandler/) return "vertx-web BodyHandler";
    if (f ~ /^io\.vertx\.ext\.web/) return "vertx-web router";
    if (f ~ /^io\.vertx\.core\.eventbus/) return "vertx event bus";
    if (f ~ /^io\.micrometer/) return "micrometer";
    if (f ~ /^com\.fasterxml\.jackson|^io\.vertx\.core\.json/) return "jackson/json";
    if (f ~ /^io\.vertx\.core\.http|^io\.netty\.handler\.codec\.http/) return "http codec (vertx/netty)";
    if (f ~ /^io\.vertx\.core\.(impl|internal)|^io\.netty\.util\.concurrent/) return "vertx context/tasks/timers";
    if (f ~ /^io\.netty\.channel|^sun\.nio|^io\.netty\.buffer/) return "netty channel/io";
    return "";
  }
  /jdk.ExecutionSample/ {if (cur != "") {n[cur]++; total++}; cur = ""; found = 0; leaf = ""}
  /^[ \t]+[a-z].*line:/ {f = $0; sub(/^[ \t]+/, "", f); if (leaf == "") leaf = f;
    if (!found) {l = layer(f); if (l != "") {cur = l; found = 1}}}
  /^[ \t]+\]/ {if (!found && leaf != "") {cur = "other: " leaf; sub(/\(.*/, "", cur)}}
  END {if (cur != "") {n[cur]++; total++}; for (k in n) printf "%6.2f%%  %s\n", 100 * n[k] / total, k}' \
  | sort -rn | head -"$TOP"
