# The large image of the `images` scenario: a Debian root filesystem with PostgreSQL, Redis, nginx
# and Python made by mmdebstrap from Debian's packages (sourced by bench/run). Made on first use and
# cached under /var/tmp; never committed.

BIG_IMAGE_DIR=${BIG_IMAGE_DIR:-/var/tmp/berth-bench-bigimage}
BIG_ROOTFS="$BIG_IMAGE_DIR/rootfs.tar"

# Writes $BIG_ROOTFS unless it is there (mmdebstrap is installed from Debian when missing).
make_big_rootfs() {
  [ -s "$BIG_ROOTFS" ] && return 0
  command -v mmdebstrap >/dev/null || {
    log "installing mmdebstrap from Debian"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mmdebstrap >/dev/null 2>&1 \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mmdebstrap >/dev/null 2>&1; } \
      || { log "mmdebstrap could not be installed"; return 1; }
  }
  mkdir -p "$BIG_IMAGE_DIR"
  log "making the large image's rootfs with mmdebstrap (once; cached in $BIG_ROOTFS)"
  local suite; suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
  mmdebstrap --variant=minbase --include=postgresql,redis-server,nginx-light,python3 \
    --format=tar "$suite" "$BIG_ROOTFS.part" >"$BIG_IMAGE_DIR/mmdebstrap.log" 2>&1 \
    || { log "mmdebstrap failed (see $BIG_IMAGE_DIR/mmdebstrap.log)"; rm -f "$BIG_ROOTFS.part"; return 1; }
  mv "$BIG_ROOTFS.part" "$BIG_ROOTFS"
}
