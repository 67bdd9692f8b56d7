#!/usr/bin/env bash
# Where the CPU goes under one wrk scenario, kernel included: async-profiler (fetched from Maven Central into target/)
# samples the emulator's threads by CPU time, which JFR cannot (it sees Java frames only, at points where it may
# stop a thread). Prints the top frames by own samples, then the emulator's frames with everything they call; the
# collapsed stacks stay in target/ for a flame graph or a closer look. Linux x64 only.
#
#   bench/cpu-profile.sh start            # SCENARIO: start, summary or mix; WARMUP and DURATION seconds as in run.sh
#   SERVER=reference bench/cpu-profile.sh summary   # the same for the reference (or SERVER=hop, the bus hop), to
#                                                   # compare layer by layer with the emulator
#   BY_THREAD=yes bench/cpu-profile.sh mix          # stacks by thread too, and each thread's CPU per request
set -euo pipefail
cd "$(dirname "$0")/.."
SCENARIO=${1:-start}
SERVER=${SERVER:-emulator}
WARMUP=${WARMUP:-15}
DURATION=${DURATION:-15}
PORT=${PORT:-18500}
TOP=${TOP:-30}
# CPU time between samples, in nanoseconds: every 0.5 ms of CPU.
INTERVAL=${INTERVAL:-500000}
JVM_FLAGS=${JVM_FLAGS:--Xms1g -Xmx1g -XX:+UseG1GC}
JAR=${JAR:-target/connect-test-emulator.jar}
URL=http://127.0.0.1:$PORT
OUT=$(pwd)/target/cpu-profile-$SCENARIO$([ "$SERVER" = emulator ] || echo "-$SERVER").collapsed
export BENCH_LUA=bench/lua INSTANCE_ID=11111111-2222-3333-4444-555555555555
source bench/lib.sh
LIB=$(async_profiler_lib)

launch_server "$SERVER" target/cpu-profile-$SERVER.log
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT
await_server "$SERVER" cpu-profile
warm_up "$SCENARIO" "$WARMUP"
# Loaded through the attach API: jcmd's JVMTI.agent_load would split the agent's options at their '=' signs.
java bench/AttachAgent.java "$pid" "$(pwd)/$LIB" "start,event=cpu,interval=$INTERVAL$([ "${BY_THREAD:-no}" = yes ] && echo ,threads)"
rps=$(wrk -t2 -c64 -d"${DURATION}s" -s "bench/lua/$SCENARIO.lua" "$URL" | awk '/Requests\/sec/ {print $2}')
echo "Requests/sec: $rps"
java bench/AttachAgent.java "$pid" "$(pwd)/$LIB" "stop,collapsed,file=$OUT"

# head closes the pipe before sort is done: with pipefail that SIGPIPE would end the script before its last lines.
set +o pipefail
echo "== CPU: top frames by own samples (kernel frames end in _[k])"
awk '{n = $NF; total += n; sub(/ [0-9]+$/, ""); k = split($0, f, ";"); self[f[k]] += n}
     END {for (m in self) printf "%6.2f%%  %s\n", 100 * self[m] / total, m}' "$OUT" | sort -rn | head -"$TOP"
echo "== CPU: emulator frames anywhere on the stack (inclusive)"
awk '{n = $NF; total += n; sub(/ [0-9]+$/, ""); k = split($0, f, ";"); delete seen
      for (i = 1; i <= k; i++) if (f[i] ~ /connectemulator/ && !(f[i] in seen)) {seen[f[i]]; incl[f[i]] += n}}
     END {for (m in incl) printf "%6.2f%%  %s\n", 100 * incl[m] / total, m}' "$OUT" | sort -rn | head -"$TOP"
if [ "${BY_THREAD:-no}" = yes ]; then
  # Each stack starts with its thread's name: e.g. how the load splits between the event loops.
  echo "== CPU by thread, us per request"
  awk -v per=$(echo "$INTERVAL / 1000 / ($rps * $DURATION)" | bc -l) '{n = $NF; split($0, f, ";"); t = f[1]
      sub(/ tid=[0-9]+/, "", t); us[t] += n} END {for (t in us) printf "%7.2f  %s\n", us[t] * per, t}' "$OUT" \
    | sort -rn | head -8
fi
echo "collapsed stacks: $OUT"
