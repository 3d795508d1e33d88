#!/bin/sh
# Builds a class-data sharing archive from a few representative runs of the CLI, so that every
# later start maps the classes instead of loading and verifying them. Failure is not fatal:
# the launcher runs without the archive.
target=$1
cp="$target/berth.jar:$target/lib/*"
rm -f "$target/berth.jsa" "$target/classes.lst"
java -Xshare:off -XX:DumpLoadedClassList="$target/classes.lst" -cp "$cp" io.berth.cli.Main --help >/dev/null 2>&1
java -Xshare:off -XX:DumpLoadedClassList="$target/classes2.lst" -cp "$cp" io.berth.cli.Main version >/dev/null 2>&1
cat "$target/classes2.lst" >> "$target/classes.lst" 2>/dev/null
java -Xshare:dump -XX:SharedClassListFile="$target/classes.lst" -XX:SharedArchiveFile="$target/berth.jsa" \
  -cp "$cp" >/dev/null 2>&1 || echo "warning: no CDS archive made" >&2
exit 0
