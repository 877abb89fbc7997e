#!/usr/bin/env bash
# Batch: `aipolicy evaluate --batch` end to end (parse, decide, write) on LINES JSON lines (default 1,000,000),
# WORKLOAD inventory (Zipf over 2,000 profiles, default) or distinct (every line drawn uniformly).
# INPUT jsonl (default) or csv: the same usages as a CSV inventory (`--input csv`).
# RUN launcher (default: policy-cli/target/aipolicy, the README's command, with the build's class-data
# sharing archive) or jar (java -jar policy-cli/target/aipolicy.jar). JAVA_OPTS are the JVM's options.
# Prints wall time, usages per second and the peak resident memory of the JVM.
# Needs `mvn -B -Pbench -pl policy-bench,policy-cli -am package -DskipTests` first (or run-quick.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
lines=${LINES:-1000000}
workload=${WORKLOAD:-inventory}
input=${INPUT:-jsonl}
file=${TMPDIR:-/tmp}/aipolicy-batch-$workload-$lines.$input
[ -f "$file" ] || java -cp policy-bench/target/benchmarks.jar fr.inserm.aipolicy.bench.InventoryFile "$file" "$lines" "$workload"
start=$(date +%s%N)
status=0
if [ "${RUN:-launcher}" = jar ]; then
  command=(java ${JAVA_OPTS:-} -jar policy-cli/target/aipolicy.jar)
else
  export AIPOLICY_JAVA_OPTS="${JAVA_OPTS:-}"
  command=(policy-cli/target/aipolicy)
fi
/usr/bin/time -f "%M" -o "$file.rss" "${command[@]}" evaluate --batch "$file" --input "$input" >/dev/null 2>"$file.err" || status=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
tail -1 "$file.err"
echo "batch $workload $input (${RUN:-launcher}): $lines lines in $ms ms = $(( lines * 1000 / (ms > 0 ? ms : 1) )) usages/s, peak RSS $(( $(tail -1 "$file.rss") / 1024 )) MB, exit $status"
