#!/usr/bin/env bash
# Start-up, in fresh JVMs (RUNS each, default 5), best and median at the end:
# - the engine's build (`PolicyEngine.builder().build()`) and JVM start to first decision, as an application
#   sees them: the outside application's class path (embedding-test/app: policy-rules and what it brings,
#   no rule compiler), without and with a class-data sharing archive the application makes in one run
#   (`-XX:ArchiveClassesAtExit`, JDK 17's dynamic archive), and with the benchmarks jar (everything);
# - Drools alone on the application's class path: the rules' kie base made from their compiled model
#   (KieBaseProbe), the floor under the engine's build;
# - the CLI end to end: `evaluate` on one file, by java -jar and by the launcher policy-cli/target/aipolicy
#   (the README's command, with the build's archive).
# Needs `mvn -B -Pbench install -DskipTests` first (the application's class path is read from the installed
# artifacts; without them that part is skipped).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
probe=fr.inserm.aipolicy.bench.StartupProbe
{
if mvn -q -B -f embedding-test/app/pom.xml dependency:build-classpath -Dmdep.outputFile="$tmp/cp.txt" >/dev/null 2>&1; then
  jar cf "$tmp/probe.jar" -C policy-bench/target/classes fr/inserm/aipolicy/bench/StartupProbe.class \
    -C policy-bench/target/classes fr/inserm/aipolicy/bench/KieBaseProbe.class
  cp="$tmp/probe.jar:$(cat "$tmp/cp.txt")"
  java -XX:ArchiveClassesAtExit="$tmp/app.jsa" -cp "$cp" $probe >/dev/null 2>&1 || true
  for i in $(seq "$runs"); do
    echo "application: $(java -cp "$cp" $probe 2>/dev/null)"
    # Drools alone: the rules' kie base from their compiled model, nothing of the engine's own
    echo "application, Drools kie base alone: $(java -cp "$cp" fr.inserm.aipolicy.bench.KieBaseProbe 2>/dev/null)"
    if [ -f "$tmp/app.jsa" ]; then
      echo "application, with its archive: $(java -XX:SharedArchiveFile="$tmp/app.jsa" -cp "$cp" $probe 2>/dev/null)"
    fi
  done
else
  echo "(the application's class path needs the artifacts installed: mvn -B -Pbench install -DskipTests)"
fi
for i in $(seq "$runs"); do
  echo "benchmarks jar: $(java -cp policy-bench/target/benchmarks.jar $probe 2>/dev/null)"
done
for i in $(seq "$runs"); do
  start=$(date +%s%N)
  java -jar policy-cli/target/aipolicy.jar evaluate examples/draft-article-chatgpt.json >/dev/null 2>&1 || true
  echo "cli java -jar evaluate: wall $(( ($(date +%s%N) - start) / 1000000 )) ms"
done
if [ -x policy-cli/target/aipolicy ]; then # the launcher, with the build's class-data sharing archive
  for i in $(seq "$runs"); do
    start=$(date +%s%N)
    policy-cli/target/aipolicy evaluate examples/draft-article-chatgpt.json >/dev/null 2>&1 || true
    echo "cli launcher evaluate: wall $(( ($(date +%s%N) - start) / 1000000 )) ms"
  done
fi
} | tee "$tmp/all.txt"
# best and median of each kind of run: the build (ms) for the probes, the wall time for the CLI
echo "summary (best / median, ms, $runs runs each; load $(cut -d' ' -f1 /proc/loadavg)):"
sed -E 's/^([^:]+):.* (build|wall) ([0-9]+) ms.*/\1 \2 \3/' "$tmp/all.txt" | grep -E ' (build|wall) [0-9]+$' |
  sort -t' ' -k1,1 | awk '{ key = $0; sub(/ (build|wall) [0-9]+$/, "", key); what = $(NF-1); v[key] = v[key] " " $NF; w[key] = what }
    END { for (k in v) { n = split(substr(v[k], 2), a, " "); for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      printf "  %s (%s): %d / %d\n", k, w[k], a[1], a[int((n + 1) / 2)] } }'
