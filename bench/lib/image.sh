# The benchmark image: the host's static busybox as a one-layer image, the same tar imported into
# every tool under one tag (sourced by bench/run).

# Writes the rootfs tar to $1 with the project's one maker of it, the same the tests use.
make_rootfs_tar() {
  "$REPO/test-fixtures/scripts/busybox-rootfs" "$1"
}

# Imports the tar into Docker and Berth as $BENCH_IMAGE unless it is there already.
import_image_docker() {
  local tar=$1 d; d=$(docker_bin)
  "$d" image inspect "$BENCH_IMAGE" >/dev/null 2>&1 && return 0
  "$d" import "$tar" "$BENCH_IMAGE" >/dev/null
}

import_image_berth() {
  local tar=$1
  tool_cmd berth
  "${TOOLCMD[@]}" image inspect "$BENCH_IMAGE" >/dev/null 2>&1 && return 0
  "${TOOLCMD[@]}" image import "$tar" "$BENCH_IMAGE" >/dev/null
}
