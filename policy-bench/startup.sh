#!/usr/bin/env bash
# Start-up: JVM start to first decision, and the engine's build time, in fresh JVMs (RUNS, default 5),
# with the benchmarks jar (library + bundled rules); then the CLI end to end: `aipolicy evaluate` on one file,
# by java -jar and by the launcher policy-cli/target/aipolicy (class-data sharing archive).
# Needs `mvn -B -Pbench -pl policy-bench,policy-cli -am package -DskipTests` first (or run-quick.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
for i in $(seq "$runs"); do
  java -cp policy-bench/target/benchmarks.jar fr.inserm.aipolicy.bench.StartupProbe 2>/dev/null
done
for i in $(seq "$runs"); do
  start=$(date +%s%N)
  java -jar policy-cli/target/aipolicy.jar evaluate examples/draft-article-chatgpt.json >/dev/null 2>&1 || true
  echo "cli evaluate, wall: $(( ($(date +%s%N) - start) / 1000000 )) ms"
done
if [ -x policy-cli/target/aipolicy ]; then # the launcher, with the build's class-data sharing archive
  for i in $(seq "$runs"); do
    start=$(date +%s%N)
    policy-cli/target/aipolicy evaluate examples/draft-article-chatgpt.json >/dev/null 2>&1 || true
    echo "cli launcher evaluate, wall: $(( ($(date +%s%N) - start) / 1000000 )) ms"
  done
fi
