#!/usr/bin/env bash
# Executes every example notebook (policy-examples/notebooks/*.ipynb) headlessly in a real Jupyter Java
# kernel, fails on any cell error, then checks the verdicts the executed notebooks show.
#
#   bash .ci/notebooks.sh            # run and check; the committed notebooks are left as they are
#   bash .ci/notebooks.sh --update   # also copy the executed notebooks (with their outputs) back
#
# Needs policy-examples/target/aipolicy.jar: run `mvn -B package` (or verify) first.
# Installs, only when missing: Debian's jupyter-nbconvert, jupyter-client, jupyter-core and
# python3-nbclient (apt-get), and the rapaio Jupyter kernel jar (Maven Central, through mvn).
# Everything it writes goes under policy-examples/target/notebooks/: the kernel jar, a private
# JUPYTER_PATH holding kernel.json, the executed notebooks and one log per attempt.
#
# The published kernel hangs at start-up now and then (9 starts in 21 on a loaded 2-core machine):
# two start-up races in its channel threads leave the shell channel deaf (a loop thread's "running"
# flag set after it starts; shell handlers filled after polling begins). The script puts a corrected
# copy of that one class ahead of the kernel jar (.ci/rjk-fix/LoopThread.java; RJK_UNPATCHED=1 runs
# the kernel as published), and still gives each start 20 s and each notebook up to 4 attempts.
# A cell error is not retried.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

KERNEL_ARTIFACT=io.github.padreati:rapaio-jupyter-kernel:3.0.1
KERNEL_NAME=rapaio-jupyter-kernel
NOTEBOOKS=policy-examples/notebooks
JAR=policy-examples/target/aipolicy.jar
WORK=$ROOT/policy-examples/target/notebooks
ATTEMPTS=4
STARTUP_TIMEOUT=20
CELL_TIMEOUT=300
NOTEBOOK_TIMEOUT=900
PYTHON=/usr/bin/python3   # Debian's: the one that has nbformat and nbclient

update=false
case "${1:-}" in
  --update) update=true ;;
  "") ;;
  *) echo "usage: bash .ci/notebooks.sh [--update]" >&2; exit 2 ;;
esac

log() { echo "notebooks: $*"; }

if [ ! -f "$JAR" ]; then
  log "$JAR is missing: run 'mvn -B package' first" >&2
  exit 1
fi

# 1. Jupyter (nbconvert + nbclient), from Debian, only if missing.
if ! "$PYTHON" -c 'import nbformat, nbclient, nbconvert, jupyter_client' >/dev/null 2>&1; then
  log "installing Debian's jupyter-nbconvert jupyter-client jupyter-core python3-nbclient"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
  $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
    jupyter-nbconvert jupyter-client jupyter-core python3-nbclient >/dev/null
fi
log "nbconvert $("$PYTHON" -m nbconvert --version 2>/dev/null), $(java -version 2>&1 | sed -n 1p)"

# 2. The kernel jar, from Maven Central, only if missing.
mkdir -p "$WORK/kernel" "$WORK/executed" "$WORK/logs"
KERNEL_JAR=$WORK/kernel/rapaio-jupyter-kernel-3.0.1.jar
if [ ! -f "$KERNEL_JAR" ]; then
  log "fetching $KERNEL_ARTIFACT"
  if ! mvn -q -B -N -Dstyle.color=never dependency:copy -Dartifact="$KERNEL_ARTIFACT" \
      -DoutputDirectory="$WORK/kernel" >"$WORK/logs/kernel-fetch.log" 2>&1; then
    cat "$WORK/logs/kernel-fetch.log" >&2
    exit 1
  fi
fi

# 3. A private Jupyter set-up: kernel.json in our own JUPYTER_PATH; user and system settings ignored.
export JUPYTER_PATH=$WORK/jupyter
export JUPYTER_DATA_DIR=$WORK/jupyter-data
export JUPYTER_CONFIG_DIR=$WORK/jupyter-config
export JUPYTER_RUNTIME_DIR=$WORK/jupyter-runtime
export JUPYTER_PLATFORM_DIRS=0
mkdir -p "$JUPYTER_PATH/kernels/$KERNEL_NAME" "$JUPYTER_DATA_DIR" "$JUPYTER_CONFIG_DIR" "$JUPYTER_RUNTIME_DIR"
JAVA=$(command -v java)
# The start-up fix: our LoopThread (.ci/rjk-fix/LoopThread.java) ahead of the kernel jar on the class
# path. RJK_UNPATCHED=1 runs the kernel as published, to measure its hang rate.
KERNEL_CLASSPATH=$KERNEL_JAR
if [ "${RJK_UNPATCHED:-0}" != 1 ]; then
  FIX=$WORK/kernel/fix
  if [ ! -f "$FIX/org/rapaio/jupyter/kernel/channels/LoopThread.class" ] \
      || [ .ci/rjk-fix/LoopThread.java -nt "$FIX/org/rapaio/jupyter/kernel/channels/LoopThread.class" ]; then
    javac -nowarn --release 17 -cp "$KERNEL_JAR" -d "$FIX" .ci/rjk-fix/LoopThread.java
  fi
  KERNEL_CLASSPATH=$FIX:$KERNEL_JAR
  log "kernel start-up fix: $FIX ahead of the kernel jar (RJK_UNPATCHED=1 to run without it)"
fi
cat > "$JUPYTER_PATH/kernels/$KERNEL_NAME/kernel.json" <<EOF
{
  "argv": ["$JAVA", "-cp", "$KERNEL_CLASSPATH", "org.rapaio.jupyter.kernel.MainApp", "{connection_file}"],
  "display_name": "Java (rjk 3.0.1)",
  "language": "java",
  "interrupt_mode": "message",
  "env": {
    "RJK_COMPILER_OPTIONS": "",
    "RJK_TIMEOUT_MILLIS": "-1",
    "RJK_INIT_SCRIPT": "",
    "RJK_MIMA_CACHE": "$WORK/mima-cache"
  }
}
EOF

# Kernels started from our private kernel jar that outlived their notebook run (a start-up hang can
# leave one): found by that jar's path, stopped by process id.
stop_leftover_kernels() {
  local pids
  pids=$(pgrep -f -- "$KERNEL_JAR org.rapaio.jupyter.kernel.MainApp" || true)
  if [ -n "$pids" ]; then
    log "stopping leftover kernel process(es): $(echo $pids)"
    kill $pids 2>/dev/null || true
  fi
}

# 4. Execute and check each notebook, retrying a kernel that does not start.
failed=0
passed=0
shopt -s nullglob
for notebook in "$NOTEBOOKS"/*.ipynb; do
  name=$(basename "$notebook" .ipynb)
  rm -f "$WORK/executed/$name.ipynb"
  ok=false
  for attempt in $(seq 1 $ATTEMPTS); do
    logfile=$WORK/logs/$name.attempt$attempt.log
    start=$(date +%s%N)
    set +e
    timeout "$NOTEBOOK_TIMEOUT" "$PYTHON" -m nbconvert --to notebook --execute \
      --ExecutePreprocessor.kernel_name="$KERNEL_NAME" \
      --ExecutePreprocessor.startup_timeout=$STARTUP_TIMEOUT \
      --ExecutePreprocessor.timeout=$CELL_TIMEOUT \
      --output-dir "$WORK/executed" --output "$name" "$notebook" >"$logfile" 2>&1
    status=$?
    set -e
    seconds=$(awk -v s="$start" -v e="$(date +%s%N)" 'BEGIN { printf "%.1f", (e - s) / 1e9 }')
    stop_leftover_kernels
    if [ $status -eq 0 ]; then
      log "$name.ipynb executed in ${seconds} s (attempt $attempt of $ATTEMPTS)"
      ok=true
      break
    fi
    if grep -q "CellExecutionError" "$logfile"; then
      log "$name.ipynb: a cell failed (attempt $attempt, ${seconds} s); not retried. From $logfile:" >&2
      sed -n '/CellExecutionError/,$p' "$logfile" | sed -n 1,40p >&2
      break
    fi
    reason=$(grep -E "Kernel didn't respond|TimeoutError|RuntimeError|Error" "$logfile" | tail -1 || true)
    log "$name.ipynb: attempt $attempt of $ATTEMPTS failed after ${seconds} s (exit $status: ${reason:-see $logfile})" >&2
  done
  # Check what the executed notebook shows: no error output, the expected verdicts, and (for the
  # inventory audit) a summary equal to the command-line tool's decisions of the same file.
  if $ok && ! "$PYTHON" .ci/check_notebooks.py "$WORK/executed/$name.ipynb" "$JAR" \
      "$NOTEBOOKS/data/synthetic-inventory.jsonl"; then
    ok=false
  fi
  if $ok; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
done

if [ $((passed + failed)) -eq 0 ]; then
  log "no notebook found in $NOTEBOOKS" >&2
  exit 1
fi

if [ $failed -eq 0 ] && $update; then
  # Copied as executed, except in stream outputs: terminal colour codes are dropped and this
  # checkout's absolute path is cut (the kernel prints the absolute path of the jar it adds).
  for executed in "$WORK"/executed/*.ipynb; do
    "$PYTHON" - "$executed" "$NOTEBOOKS/$(basename "$executed")" "$ROOT/" <<'PY'
import re, sys
import nbformat
source, target, root = sys.argv[1:]
nb = nbformat.read(source, as_version=4)
for cell in nb.cells:
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            output["text"] = re.sub(r"\x1b\[[0-9;]*m", "", output["text"]).replace(root, "")
nbformat.write(nb, target)
PY
  done
  log "copied the executed notebooks back to $NOTEBOOKS"
fi

echo "notebooks: $passed passed, $failed failed"
[ $failed -eq 0 ]
