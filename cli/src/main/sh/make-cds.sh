#!/bin/sh
# Builds a class-data sharing archive from a few representative runs of the CLI, so that every
# later start maps the classes instead of loading and verifying them. Failure is not fatal:
# the launcher runs without the archive.
target=$(cd "$1" && pwd)
cp="$target/berth.jar:$target/lib/*"
rm -f "$target/berth.jsa" "$target/berth-supervisor.jsa" "$target/classes.lst"
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
# The container commands (up, ps, ls, logs, down) and the supervisor they start: a real run of a
# tiny project against a throwaway state root, when we may (root, busybox, the rootfs script).
# Classes only these paths load (the engine, the supervisor protocol, Jackson's record handling)
# were half of `berth ps`'s start-up. Without it the archive covers the commands above only.
fixture="$(dirname "$0")/../../../../test-fixtures/scripts/busybox-rootfs"
if [ "$(id -u)" = 0 ] && [ -x /bin/busybox ] && [ -x "$fixture" ] && command -v timeout >/dev/null; then
  train=$(mktemp -d /tmp/berth-cds-train.XXXXXX)
  # Whatever happens (a failed step, Ctrl-C on the build), the training's containers, supervisor
  # and files go; nothing is deleted while anything is still mounted under the training root.
  cleanup_training() {
    if [ -d "$train/cdstrain" ] && [ -f "$train/run/supervisor.pid" ]; then
      (cd "$train/cdstrain" && timeout 60 java -cp "$cp" io.berth.cli.Main down -v -t 0 >/dev/null 2>&1)
    fi
    if [ -f "$train/run/supervisor.pid" ]; then
      pid=$(cut -d" " -f1 "$train/run/supervisor.pid")  # "PID STARTTIME"
      kill "$pid" 2>/dev/null
      for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    fi
    if grep -q " $train/" /proc/mounts; then
      echo "warning: CDS training left mounts under $train; not removing it" >&2
    else
      rm -rf --one-file-system "$train"
    fi
  }
  trap cleanup_training INT TERM
  export BERTH_ROOT="$train/state" BERTH_RUN_ROOT="$train/run"
  export BERTH_SUPERVISOR_JAVA_OPTS="-Xshare:off -XX:DumpLoadedClassList=$target/classes-supervisor.lst"
  berth() {
    timeout 60 java -Xshare:off -XX:DumpLoadedClassList="$target/classes3.lst" -XX:TieredStopAtLevel=1 \
      -XX:+UseSerialGC -cp "$cp" io.berth.cli.Main "$@" >/dev/null 2>&1
    cat "$target/classes3.lst" >> "$target/classes.lst" 2>/dev/null
  }
  mkdir -p "$train/cdstrain"
  # Block sequences and ${VAR:-default}, as most Compose files have: their parser and
  # interpolation classes were left out of the archive when the file used only flow style.
  cat > "$train/cdstrain/compose.yaml" <<'YAML'
services:
  db:
    image: ${BERTH_CDS_IMAGE:-busybox:local}
    command: ["sh", "-c", "echo ready && exec sleep 1000"]
    volumes:
      - data:/data
    networks: [back]
  client:
    image: busybox:local
    command: ["sh", "-c", "echo hello && exec sleep 1000"]
    depends_on:
      - db
    networks: [back]
volumes: {data: {}}
networks: {back: {}}
YAML
  if "$fixture" "$train/busybox.tar" >/dev/null 2>&1; then
    berth image import "$train/busybox.tar" busybox:local
    cd "$train/cdstrain"
    berth up -d; berth up -d; berth ps; berth ps -a --format json; berth ls; berth logs
    berth images; berth config -q; berth down -v
    cd - >/dev/null
  fi
  # Stop the training's supervisor (it writes its class list as it loads), then remove it all.
  cleanup_training
  trap - INT TERM
  # The supervisor gets an archive of its own classes only: mapping the CLI's too cost it ~3 MiB
  # of resident memory, for as long as it runs.
  if [ -s "$target/classes-supervisor.lst" ]; then
    java -Xshare:dump -XX:SharedClassListFile="$target/classes-supervisor.lst" \
      -XX:SharedArchiveFile="$target/berth-supervisor.jsa" -cp "$cp" >/dev/null 2>&1 \
      || echo "warning: no supervisor CDS archive made" >&2
  fi
  rm -f "$target/classes3.lst" "$target/classes-supervisor.lst"
  unset BERTH_ROOT BERTH_RUN_ROOT BERTH_SUPERVISOR_JAVA_OPTS
fi
java -Xshare:dump -XX:SharedClassListFile="$target/classes.lst" -XX:SharedArchiveFile="$target/berth.jsa" \
  -cp "$cp" >/dev/null 2>&1 || echo "warning: no CDS archive made" >&2
exit 0
