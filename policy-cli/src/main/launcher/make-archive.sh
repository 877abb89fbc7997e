#!/bin/sh
# Run by the build (policy-cli, phase package, after aipolicy.jar is made): puts the launcher
# target/aipolicy beside the jar, and makes target/aipolicy.jsa, a static class-data sharing archive of
# the classes one decision loads (a training run lists them, -Xshare:dump archives them). Any failure
# only leaves the archive out (the launcher then runs plain java -jar): this script always exits 0.
# Usage: make-archive.sh TARGET_DIR JAVA LAUNCHER
target=$(cd "$1" && pwd -P) || exit 0
java=$2
launcher=$3
work=$target/cds
jar=$target/aipolicy.jar
jsa=$target/aipolicy.jsa

cp "$launcher" "$target/aipolicy" && chmod +x "$target/aipolicy" || echo "aipolicy launcher: could not write $target/aipolicy"
rm -rf "$work" "$jsa"
mkdir -p "$work" || exit 0
[ -f "$jar" ] || { echo "aipolicy archive: no $jar, no archive"; exit 0; }

# the training run: the README's example (a DENY, with its texts), pretty-printed
cat > "$work/usage.json" <<'JSON'
{"tool": {"name": "ChatGPT"}, "hosting": "EXTERNAL", "dataCategories": ["UNPUBLISHED_RESEARCH"], "purpose": "WRITING"}
JSON
if ! "$java" -Xshare:off -XX:DumpLoadedClassList="$work/classes.lst" -jar "$jar" evaluate --pretty "$work/usage.json" \
    > "$work/training.out" 2> "$work/training.err"; then
  echo "aipolicy archive: the training run failed (see $work/training.err), no archive"
  exit 0
fi
# the archive: the class path must be given as the launcher gives it (the jar's real path)
if ! "$java" -Xshare:dump -XX:SharedClassListFile="$work/classes.lst" -XX:SharedArchiveFile="$work/aipolicy.jsa" \
    -cp "$jar" > "$work/dump.log" 2>&1; then
  echo "aipolicy archive: -Xshare:dump failed (see $work/dump.log), no archive"
  exit 0
fi
# kept only if this JVM maps it (-Xshare:on fails rather than run without it) and decides the same
if "$java" -XX:SharedArchiveFile="$work/aipolicy.jsa" -Xshare:on -XX:TieredStopAtLevel=1 -jar "$jar" evaluate --pretty \
    "$work/usage.json" > "$work/check.out" 2> "$work/check.err" && cmp -s "$work/training.out" "$work/check.out"; then
  mv "$work/aipolicy.jsa" "$jsa" && echo "aipolicy archive: $jsa ($(wc -l < "$work/classes.lst") classes listed)"
else
  echo "aipolicy archive: the JVM refused the archive (see $work/check.err), no archive"
fi
exit 0
