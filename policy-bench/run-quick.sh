#!/usr/bin/env bash
# Builds the benchmarks (reactor, no install) and runs them in quick mode, printing the ratio table.
#   policy-bench/run-quick.sh            quick mode (about two minutes)
#   policy-bench/run-quick.sh full       full mode (2 forks, 3 x 2 s warm-up, 5 x 2 s measured: about 15 minutes)
#   policy-bench/run-quick.sh quick 'engine|reference'   only some implementations
# Set SKIP_BUILD=1 to reuse policy-bench/target/benchmarks.jar.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -q -B -Pbench -pl policy-bench -am package -DskipTests
fi
exec java -jar policy-bench/target/benchmarks.jar "${1:-quick}" ${2:+"$2"}
