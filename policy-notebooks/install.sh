#!/usr/bin/env bash
# Installs what the aipolicy notebooks need on Debian 12, for the current user; safe to run again.
#
#   bash policy-notebooks/install.sh
#
# 1. Debian packages, only those missing (apt-get, through sudo when not root): Java 17 and Maven
#    when `java` or `mvn` is missing; Jupyter Notebook (`jupyter-notebook`, the classic notebook:
#    Debian 12 has no JupyterLab package) and what runs a notebook headlessly (`jupyter-nbconvert`,
#    `python3-nbclient`, `jupyter-client`).
# 2. The rapaio Jupyter Java kernel 3.0.1, from Maven Central (mvn dependency:copy), only if missing.
# 3. Its start-up fix: policy-notebooks/kernel/LoopThread.java, compiled against the kernel jar and put
#    ahead of it on the kernel's class path. The kernel as published hangs at about one start in five
#    (two races in its channel threads); see policy-notebooks/README.md.
# 4. A Jupyter kernel named "rjk-aipolicy" ("Java 17 (rapaio 3.0.1, aipolicy)"): kernel.json, the jar and
#    the compiled fix in one folder, $JUPYTER_DATA_DIR/kernels/rjk-aipolicy (by default
#    ~/.local/share/jupyter/kernels/rjk-aipolicy). Remove that folder to uninstall.
#
# CI (.ci/notebooks.sh) runs this same script, with JUPYTER_DATA_DIR pointing into target/.
set -euo pipefail
cd "$(dirname "$0")/.."

KERNEL_VERSION=3.0.1
KERNEL_ARTIFACT=io.github.padreati:rapaio-jupyter-kernel:$KERNEL_VERSION
KERNEL_JAR_NAME=rapaio-jupyter-kernel-$KERNEL_VERSION.jar
# SHA-256 of the jar on Maven Central, checked after every fetch and before every install.
KERNEL_SHA256=cffac185dafff9a4d62ffdbeb357822b56931c41421c576314a84d3605addd09
KERNEL_NAME=rjk-aipolicy
FIX_SOURCE=$PWD/policy-notebooks/kernel/LoopThread.java
APT_PACKAGES=(jupyter-notebook jupyter-nbconvert python3-nbclient jupyter-client)

log() { echo "install: $*"; }
die() { echo "install: $*" >&2; exit 1; }

# 1. Debian packages, only those missing.
missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v javac >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
if [ ${#missing[@]} -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found: this script is for Debian 12; install ${missing[*]} by hand"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  log "installing Debian packages: $(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
  # shellcheck disable=SC2046
  $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
    $(printf '%s\n' "${missing[@]}" | sort -u) >/dev/null
else
  log "Debian packages already installed: ${APT_PACKAGES[*]}"
fi

java_major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
[ "${java_major:-0}" -ge 17 ] 2>/dev/null || die "Java 17 or later is needed; 'java' is version ${java_major:-unknown}"
JAVA=$(readlink -f "$(command -v java)")

# 2. The kernel jar, from Maven Central, only if missing.
KERNEL_DIR=${JUPYTER_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/jupyter}/kernels/$KERNEL_NAME
KERNEL_JAR=$KERNEL_DIR/$KERNEL_JAR_NAME
mkdir -p "$KERNEL_DIR"
if [ ! -f "$KERNEL_JAR" ]; then
  log "fetching $KERNEL_ARTIFACT from Maven Central"
  fetch_log=$(mktemp)
  if ! mvn -q -B -N -Dstyle.color=never org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="$KERNEL_ARTIFACT" \
      -DoutputDirectory="$KERNEL_DIR" >"$fetch_log" 2>&1; then
    cat "$fetch_log" >&2
    rm -f "$fetch_log"
    die "could not fetch $KERNEL_ARTIFACT"
  fi
  rm -f "$fetch_log"
fi
actual=$(sha256sum "$KERNEL_JAR" | cut -d' ' -f1)
if [ "$actual" != "$KERNEL_SHA256" ]; then
  rm -f "$KERNEL_JAR"
  die "$KERNEL_JAR_NAME has SHA-256 $actual, expected $KERNEL_SHA256: removed; run again to fetch it anew"
fi

# 3. The start-up fix, compiled when missing or older than its source.
FIX_CLASS=$KERNEL_DIR/fix/org/rapaio/jupyter/kernel/channels/LoopThread.class
if [ ! -f "$FIX_CLASS" ] || [ "$FIX_SOURCE" -nt "$FIX_CLASS" ]; then
  log "compiling the kernel start-up fix ($FIX_SOURCE)"
  rm -rf "$KERNEL_DIR/fix"
  javac -nowarn --release 17 -cp "$KERNEL_JAR" -d "$KERNEL_DIR/fix" "$FIX_SOURCE"
fi
[ -f "$FIX_CLASS" ] || die "the start-up fix did not compile to $FIX_CLASS"

# 4. kernel.json, written anew each time (same content for the same machine).
cat > "$KERNEL_DIR/kernel.json" <<EOF
{
  "argv": ["$JAVA", "-cp", "$KERNEL_DIR/fix:$KERNEL_JAR", "org.rapaio.jupyter.kernel.MainApp", "{connection_file}"],
  "display_name": "Java 17 (rapaio $KERNEL_VERSION, aipolicy)",
  "language": "java",
  "interrupt_mode": "message",
  "env": {
    "RJK_COMPILER_OPTIONS": "",
    "RJK_TIMEOUT_MILLIS": "-1",
    "RJK_INIT_SCRIPT": "",
    "RJK_CLASSPATH": "",
    "RJK_MIMA_CACHE": "$KERNEL_DIR/mima-cache"
  }
}
EOF
log "kernel \"$KERNEL_NAME\" installed in $KERNEL_DIR (rapaio $KERNEL_VERSION, start-up fix ahead of its jar)"
if [ ! -f policy-notebooks/target/aipolicy-notebooks.jar ]; then
  log "next: build the library the notebooks load: mvn -B -q package -pl policy-notebooks -am -DskipTests"
fi
log "open the notebooks with: jupyter notebook policy-notebooks/notebooks"
