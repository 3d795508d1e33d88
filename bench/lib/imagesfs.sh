# Where the images scenario writes (sourced by bench/run): a journaled ext4 made for the run, loop
# mounted under the work directory, holding Berth's state root and the data root of a dockerd of
# its own. Both tools write their 15,000 files to the same kind of filesystem, made fresh.
#
# Why not the root filesystem: on these machines it is ext4 without a journal, and there an inode
# freed less than 60 s ago (360 s while its inode-table block is dirty) is skipped by the allocator,
# which tests every such inode of the block group in turn (ext4's recently_deleted()). Each phase
# follows the removal of the previous phase's files, so the figures measured that scan more than
# the tools: the same command took 4 s or 12 s (docs/benchmarks.md). With a journal the check is
# off. BENCH_IMAGES_FS=root measures on the work directory as it is (and waits the 65 s out).

IMGFS=""            # the mount point, empty when measuring on the work directory's filesystem
IMG_DOCKERD_PID=""
IMG_DOCKER=()       # the Docker client talking to the scenario's own dockerd

# Makes and mounts the filesystem once per run. Inode tables and journal are written now, not by
# the kernel's lazy-init thread in the background of the measurements.
mount_images_fs() {
  [ "${BENCH_IMAGES_FS:-loop}" = root ] && return 0
  [ -n "$IMGFS" ] && return 0
  local img="$WORK/images-fs.img" mnt="$WORK/imgfs"
  mkdir -p "$mnt"
  truncate -s "${BENCH_IMAGES_FS_SIZE:-12G}" "$img" \
    && mkfs.ext4 -q -F -E lazy_itable_init=0,lazy_journal_init=0 "$img" >"$WORK/logs/mkfs.log" 2>&1 \
    && mount -o loop "$img" "$mnt" \
    || { log "images: could not make the loop filesystem (see $WORK/logs/mkfs.log)"; rm -f "$img"; return 1; }
  IMGFS=$mnt
  log "images: working on a journaled ext4 loop-mounted at $mnt"
}

# The work place of the scenario: the loop filesystem, or the work directory itself.
images_place() { echo "${IMGFS:-$WORK}"; }

# A dockerd of its own for the scenario, its data root on the same filesystem as Berth's state
# root, with no bridge and no iptables rules (it only pulls, loads, pushes and imports).
start_images_dockerd() {
  [ -n "$IMG_DOCKERD_PID" ] && return 0
  [ -x /usr/sbin/dockerd ] || return 1
  local place; place=$(images_place)
  local sock="$place/dockerd.sock"
  mkdir -p "$place/docker" "$place/docker-exec"
  setsid /usr/sbin/dockerd --data-root "$place/docker" --exec-root "$place/docker-exec" \
    --pidfile "$place/dockerd.pid" -H "unix://$sock" --iptables=false --ip-forward=false \
    --ip-masq=false --bridge=none >"$WORK/logs/images-dockerd.log" 2>&1 </dev/null &
  IMG_DOCKERD_PID=$!
  IMG_DOCKER=("$(docker_bin)" -H "unix://$sock")
  local i
  for i in $(seq 1 150); do
    timeout 5 "${IMG_DOCKER[@]}" info >/dev/null 2>&1 && return 0
    kill -0 "$IMG_DOCKERD_PID" 2>/dev/null || break
    sleep 0.2
  done
  log "images: dockerd did not come up (see $WORK/logs/images-dockerd.log)"
  stop_images_dockerd
  return 1
}

# Stops the scenario's dockerd and unmounts what it left under its data root, then the loop
# filesystem (its loop device goes with it: mount -o loop sets autoclear).
stop_images_dockerd() {
  if [ -n "$IMG_DOCKERD_PID" ]; then
    kill "$IMG_DOCKERD_PID" 2>/dev/null
    local i
    for i in $(seq 1 100); do kill -0 "$IMG_DOCKERD_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$IMG_DOCKERD_PID" 2>/dev/null
    wait "$IMG_DOCKERD_PID" 2>/dev/null
    IMG_DOCKERD_PID=""
  fi
  [ -n "$IMGFS" ] || return 0
  local m
  for m in $(awk -v w="$IMGFS" '$2 == w || index($2, w "/") == 1 {print $2}' /proc/mounts | sort -r); do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null
  done
  IMGFS=""
}

# Before a phase, after the previous one's files were removed: written back, so that the phase
# does not pay for the harness's removal. On the work directory's own filesystem (without a
# journal) also the 65 s after which freed inodes are free again.
settle_after_delete() {
  sync
  if [ -z "$IMGFS" ]; then sleep "${BENCH_SETTLE_SECONDS:-65}"; else sleep "${BENCH_SETTLE_SECONDS:-2}"; fi
}
