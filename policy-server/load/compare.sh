#!/usr/bin/env bash
# Keep-alive throughput of POST /api/decisions: the old server (JDK HttpServer, `aipolicy.jar serve`
# built from main's policy-examples) against the new one (Jetty, aipolicy-server.jar), in the same run,
# on the loopback interface only: 16 connections, 2 wrk threads, DURATION seconds per round, ROUNDS
# rounds alternating old and new (so drift on a shared machine hits both).
#
# Usage: policy-server/load/compare.sh OLD_JAR NEW_JAR [DURATION] [ROUNDS]
#   (OLD_JAR may also be an aipolicy-server.jar built from main: git worktree add --detach /tmp/server-base main)
#   OLD_JAR  e.g. /tmp/main/policy-examples/target/aipolicy.jar  (git worktree add /tmp/main main;
#            cd /tmp/main && mvn -q -B package -DskipTests -pl policy-examples -am)
#   NEW_JAR  policy-server/target/aipolicy-server.jar
# Needs wrk (Debian: apt-get install -y wrk).
set -euo pipefail
old_jar=$1
new_jar=$2
duration=${3:-10}
rounds=${4:-2}
here=$(cd "$(dirname "$0")" && pwd)
old_port=18081
new_port=18082
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# The JDK server of main before Jetty took `serve`; two aipolicy-server.jar builds (before and after a
# change) take their options directly.
old_serve=(serve); case "$old_jar" in *aipolicy-server*.jar) old_serve=();; esac
java -Xmx512m -jar "$old_jar" "${old_serve[@]}" --port "$old_port" --rate 0 --quiet > /tmp/compare-old.log 2>&1 &
pids+=($!)
java -Xmx512m -jar "$new_jar" --port "$new_port" --rate 0 --quiet > /tmp/compare-new.log 2>&1 &
pids+=($!)
for port in $old_port $new_port; do
  for _ in $(seq 1 60); do
    curl -s -o /dev/null "http://127.0.0.1:$port/health" && break
    sleep 0.5
  done
done

run() { # name port
  wrk -t2 -c16 -d"${duration}s" --latency -s "$here/post-decision.lua" "http://127.0.0.1:$2/api/decisions" > "/tmp/compare-$1.out"
  local rps p99
  rps=$(awk '/^Requests\/sec:/ {print $2}' "/tmp/compare-$1.out")
  p99=$(awk '$1 == "99%" {print $2}' "/tmp/compare-$1.out")
  echo "$1 $rps $p99 $(grep -c 'non-200' /tmp/compare-$1.out) $(grep 'non-200' /tmp/compare-$1.out | head -1)"
}

# Warm-up of both JITs, not counted.
wrk -t2 -c16 -d5s -s "$here/post-decision.lua" "http://127.0.0.1:$old_port/api/decisions" > /dev/null
wrk -t2 -c16 -d5s -s "$here/post-decision.lua" "http://127.0.0.1:$new_port/api/decisions" > /dev/null

echo "round server req/s p99"
for r in $(seq 1 "$rounds"); do
  for server in old new; do
    port=$old_port; [ "$server" = new ] && port=$new_port
    line=$(run "$server-$r" "$port")
    echo "$r $line"
  done
done | tee /tmp/compare-results.txt
awk '{split($2, a, "-"); s[a[1]] += $3; n[a[1]]++} END {
  printf "mean req/s: old %.0f, new %.0f, new/old %.2f\n", s["old"]/n["old"], s["new"]/n["new"], (s["new"]/n["new"])/(s["old"]/n["old"])}' /tmp/compare-results.txt
