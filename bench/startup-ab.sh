#!/usr/bin/env bash
# Start-up of two or more builds in turn: bench/startup-ab.sh ROUNDS JAR JAR...
# Each round starts every jar once (java -jar, profile loadtest, as `bench/run.sh startup` does) and times it from
# `java` to the first successful request; the rounds alternate the jars, so that this machine's drift (up to 40 %
# within an hour, BENCHMARKS.md) falls on all of them alike. Prints each jar's times and their median.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 3 ] || { echo "usage: bench/startup-ab.sh ROUNDS JAR JAR..."; exit 1; }
ROUNDS=$1
shift
PORT=${PORT:-18640}
URL=http://127.0.0.1:$PORT
JVM_FLAGS=${JVM_FLAGS:--Xms1g -Xmx1g -XX:+UseG1GC}
INSTANCE_ID=11111111-2222-3333-4444-555555555555
source bench/lib.sh
server_pid=
trap '[ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null || true' EXIT

# Times by the jar's place in the arguments, so that one jar given twice (an A/A check of the noise) keeps two lists.
jars=("$@")
times=()
for _ in $(seq 1 "$ROUNDS"); do
  for i in "${!jars[@]}"; do
    t0=$(date +%s%N)
    JAR=${jars[$i]} launch_emulator target/bench-startup-ab.log
    server_pid=$!
    until answered target/bench-startup-ab.log; do sleep 0.005; done
    t1=$(date +%s%N)
    times[$i]="${times[$i]:-} $(((t1 - t0) / 1000000))"
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  done
done
for i in "${!jars[@]}"; do
  sorted=($(printf '%s\n' ${times[$i]} | sort -n))
  echo "${jars[$i]}, ms:${times[$i]} (median ${sorted[$(((${#sorted[@]} - 1) / 2))]})"
done
