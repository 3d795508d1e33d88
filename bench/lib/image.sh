# The benchmark image: the host's static busybox as a one-layer image, the same tar imported into
# every tool under one tag (sourced by bench/run).

# Writes the rootfs tar to $1. scripts/busybox-rootfs is the project's own maker; until it exists
# this makes the same thing: /bin/busybox with its applet links, /etc/passwd and /etc/group,
# /tmp, and /www (so stack3's `httpd -h /www` has a home and keeps running), owned by 0:0.
make_rootfs_tar() {
  local out=$1
  if [ -x "$REPO/scripts/busybox-rootfs" ]; then
    "$REPO/scripts/busybox-rootfs" "$out" && return 0
    log "scripts/busybox-rootfs failed; making the rootfs here instead"
  fi
  local bb=/bin/busybox dir
  [ -x "$bb" ] || { log "no $bb (install busybox-static)"; return 1; }
  dir=$(mktemp -d "$WORK/rootfs.XXXXXX")
  mkdir -p "$dir/bin" "$dir/etc" "$dir/tmp" "$dir/root" "$dir/www" "$dir/proc" "$dir/sys" "$dir/dev"
  chmod 1777 "$dir/tmp"
  cp "$bb" "$dir/bin/busybox"
  local applet
  for applet in $("$bb" --list); do
    [ "$applet" = busybox ] || ln -s busybox "$dir/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$dir/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$dir/etc/group"
  echo '<html><body>berth bench</body></html>' >"$dir/www/index.html"
  tar --numeric-owner --owner=0 --group=0 --sort=name -C "$dir" -cf "$out" .
  rm -rf "$dir"
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
