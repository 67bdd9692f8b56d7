#!/usr/bin/env bash
# Where a start-up's CPU goes, thread by thread and over time: starts the jar once (java -jar, profile loadtest, as
# `bench/run.sh startup` does) with async-profiler sampling every thread by CPU time from the JVM's first moments,
# polls until the first successful request, and prints, for each 100 ms counted from the JVM's start up to that
# request (from the first with a sample: the profiler's own start comes before), the milliseconds of CPU each kind of
# thread used. On a machine with few cores this shows what the main thread and the
# event loops share the cores with (the JIT compilers, the class preloader). Linux x64 only.
#
#   bench/startup-profile.sh                      # JAR: target/connect-test-emulator.jar unless set
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18641}
URL=http://127.0.0.1:$PORT
JVM_FLAGS=${JVM_FLAGS:--Xms1g -Xmx1g -XX:+UseG1GC}
JAR=${JAR:-target/connect-test-emulator.jar}
INSTANCE_ID=11111111-2222-3333-4444-555555555555
REC=$(pwd)/target/startup-profile.jfr
source bench/lib.sh
LIB=$(async_profiler_lib)

rm -f "$REC"
t0=$(date +%s%N)
JVM_FLAGS="$JVM_FLAGS -agentpath:$(pwd)/$LIB=start,event=cpu,interval=1ms,threads,jfr,file=$REC" \
  launch_emulator target/startup-profile.log
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until answered target/startup-profile.log; do sleep 0.005; done
t1=$(date +%s%N)
kill "$pid"
wait "$pid" 2>/dev/null || true
trap - EXIT
first=$(((t1 - t0) / 1000000))
echo "first successful request after $first ms (profiled, so slower than bench/run.sh startup)"
echo "CPU ms in each 100 ms from the JVM's start to that request, by thread kind (200: both cores busy); the"
echo "profiler's own start, before its first sample, is left out:"
# Times of day in seconds; the JVM's own start time is the origin.
jvm_start=$(jfr print --events jdk.JVMInformation "$REC" | awk '/jvmStartTime = / {print $3}')
jfr print --stack-depth 1 --events jdk.ExecutionSample "$REC" | awk -v origin="$jvm_start" -v end="$first" '
  function seconds(hms,  p) {split(hms, p, ":"); return p[1] * 3600 + p[2] * 60 + p[3]}
  BEGIN {first = seconds(origin)}
  /startTime = / {t = seconds($3)}
  /sampledThread = / {
    name = $0; sub(/.*sampledThread = "/, "", name); sub(/".*/, "", name)
    kind = name ~ /^C1 Compiler/ ? "C1 JIT" : name ~ /^C2 Compiler/ ? "C2 JIT" : name ~ /eventloop/ ? "event loops" \
      : name == "main" || name == "DestroyJavaVM" ? "main" : name == "class-preloader" ? "preloader" \
      : name ~ /^(GC|G1)/ ? "GC" : "other"
    ms = (t - first) * 1000
    if (ms >= 0 && ms < end) {
      bucket = int(ms / 100); n[bucket, kind]++; if (bucket > last) last = bucket
      if (start == "" || bucket < start) start = bucket
    }
  }
  END {
    split("main preloader C1_JIT C2_JIT event_loops GC other", order, " ")
    printf "%6s", "ms"; for (i = 1; i <= 7; i++) printf " %11s", order[i]; printf "\n"
    for (b = start; b <= last; b++) {
      printf "%6d", b * 100
      for (i = 1; i <= 7; i++) {k = order[i]; gsub(/_/, " ", k); printf " %11d", n[b, k]}
      printf "\n"
    }
  }'
