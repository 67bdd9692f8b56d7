#!/usr/bin/env bash
# Writes the list ClassPreloader loads ahead of need (src/main/resources/.../service/startup-classes.txt): the classes
# the runnable jar loads from its start to its first successful request (ListTestCases), in that order, as
# -Xlog:class+load reports them, less those the JDK's own class-data archive already holds and the generated ones
# (lambdas, method handles, proxies). Run it after a dependency upgrade or a change in what start-up does, then
# rebuild; a stale list only loads less ahead (see ClassPreloader). The server stays on 127.0.0.1, stopped by PID.
#
#   bench/startup-classes.sh            (PORT=18500 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/connect-test-emulator.jar
PORT=${PORT:-18500}
LIST=src/main/resources/io/github/connectemulator/service/startup-classes.txt
[ -f "$JAR" ] || mvn -q -B -DskipTests -DskipSdkTests=true package
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Without a list of its own in the way: the run must show what start-up loads, not what the preloader guessed.
EMULATOR_HTTP_HOST=127.0.0.1 HTTP_PORT="$PORT" \
  java -Dconnect-emulator.preload=false -Xlog:class+load:file="$log":none -jar "$JAR" > /dev/null 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  curl -s -o /dev/null --max-time 5 "http://127.0.0.1:$PORT/test-cases-summary/11111111-2222-3333-4444-555555555555" && break
  sleep 0.05
done
loaded=$(wc -l < "$log")
kill "$pid"
wait "$pid" || true

head -n "$loaded" "$log" \
  | awk '$2 == "source:" && ($3 ~ /^jrt:/ || $3 ~ /^file:/) && $1 !~ /\$\$Lambda|^java\.lang\.invoke\.LambdaForm\$|^jdk\.proxy|\/0x/ { print $1 }' \
  > "$LIST"
echo "$(wc -l < "$LIST") classes in $LIST"
