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
# `berth config` on a small project: the loader, YAML and JSON classes every compose command uses.
sample="$target/cds-sample"
mkdir -p "$sample"
cat > "$sample/compose.yaml" <<'YAML'
services:
  web:
    image: nginx
    build: {context: ., args: [A=1]}
    command: nginx -g 'daemon off;'
    ports: ["8080:80"]
    volumes: [data:/data, ./html:/html:ro]
    environment: [A=1, B]
    depends_on: {db: {condition: service_healthy}}
    healthcheck: {test: "true", interval: 5s}
    labels: {a: b}
    deploy: {resources: {limits: {memory: 64m}}}
  db: {image: postgres, networks: [back], extends: {service: web}}
networks: {back: {}}
volumes: {data: {}}
YAML
for format in yaml json; do
  java -Xshare:off -XX:DumpLoadedClassList="$target/classes3.lst" -cp "$cp" io.berth.cli.Main \
    -f "$sample/compose.yaml" config --format $format --hash '*' >/dev/null 2>&1
  cat "$target/classes3.lst" >> "$target/classes.lst" 2>/dev/null
  java -Xshare:off -XX:DumpLoadedClassList="$target/classes3.lst" -cp "$cp" io.berth.cli.Main \
    -f "$sample/compose.yaml" config --format $format >/dev/null 2>&1
  cat "$target/classes3.lst" >> "$target/classes.lst" 2>/dev/null
done
rm -rf "$sample" "$target/classes3.lst"
java -Xshare:dump -XX:SharedClassListFile="$target/classes.lst" -XX:SharedArchiveFile="$target/berth.jsa" \
  -cp "$cp" >/dev/null 2>&1 || echo "warning: no CDS archive made" >&2
exit 0
