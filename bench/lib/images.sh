# The images scenario (sourced by bench/run): Berth's and Docker's image path on a large image made
# from Debian packages (bigimage.sh): pull into an empty store from a docker-registry on 127.0.0.1,
# load of a docker-archive, import of the rootfs tar, push to an empty registry. Not in the default
# list (it needs mmdebstrap's image, about 540 MB, made once and cached under /var/tmp).
#
# Both tools write to a journaled ext4 made for the run (imagesfs.sh): Berth's state root and the
# data root of a dockerd of the scenario's own. Berth works on a new empty state root for each phase
# (BERTH_SERVER=0: each command a cold JVM); Docker removes the image (and its layers) before each
# phase. The pushed image is the loaded
# one (Berth pushes its gzip blob as stored; Docker compresses its layer as it pushes). Each phase
# also records the CPU seconds (user + system) it took, which a loaded machine distorts less.
# Berth's commands run in a session of their own (setsid), as dockerd does: with the kernel's
# scheduler autogroups, each session gets an equal share of the CPU on a loaded machine.

IMG_PORT_SOURCE=${BENCH_REGISTRY_PORT:-18091}
IMG_NAME=bench/big
IMG_REGISTRY_PIDS=""

# Starts docker-registry on 127.0.0.1:$1 with storage in $2; waits until it answers.
start_bench_registry() {
  local port=$1 dir=$2 i
  mkdir -p "$dir/storage"
  cat >"$dir/config.yml" <<YAML
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $dir/storage
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
YAML
  setsid /usr/bin/docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 </dev/null &
  IMG_REGISTRY_PIDS="$IMG_REGISTRY_PIDS $!"
  for i in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$port/v2/" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  log "docker-registry on 127.0.0.1:$port did not come up (see $dir/registry.log)"; return 1
}

stop_bench_registries() {
  local pid
  for pid in $IMG_REGISTRY_PIDS; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  IMG_REGISTRY_PIDS=""
}

# Once per run: the rootfs tar (cached), its gzip (cached), and from them, with Berth, the
# docker-archive and the image in the source registry (its layer gzip, as registries serve them).
prepare_images_scenario() {
  [ -n "${IMG_PREPARED:-}" ] && return "$IMG_PREPARED"
  IMG_PREPARED=1
  command -v docker-registry >/dev/null || {
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-registry >/dev/null 2>&1 \
      || { log "images: docker-registry is not installed"; return 1; }
  }
  make_big_rootfs || return 1
  mount_images_fs || log "images: measuring on the work directory's own filesystem instead (65 s after each removal)"
  if [ ! -s "$BIG_ROOTFS.gz" ]; then
    log "images: compressing the rootfs once (cached in $BIG_ROOTFS.gz)"
    gzip -c "$BIG_ROOTFS" >"$BIG_ROOTFS.gz.part" && mv "$BIG_ROOTFS.gz.part" "$BIG_ROOTFS.gz" || return 1
  fi
  local root="$WORK/img-prepare" src="127.0.0.1:$IMG_PORT_SOURCE/$IMG_NAME:1"
  start_bench_registry "$IMG_PORT_SOURCE" "$WORK/registry-source" || return 1
  local b=(env "BERTH_ROOT=$root" "BERTH_RUN_ROOT=$WORK/img-prepare-run" BERTH_SERVER=0 "$BERTH")
  "${b[@]}" image import "$BIG_ROOTFS.gz" "$src" >"$WORK/logs/images-prepare.log" 2>&1 \
    && "${b[@]}" image push "$src" >>"$WORK/logs/images-prepare.log" 2>&1 \
    && "${b[@]}" image save -o "$WORK/big-docker-archive.tar" "$src" >>"$WORK/logs/images-prepare.log" 2>&1 \
    || { log "images: preparing with Berth failed (see $WORK/logs/images-prepare.log)"; return 1; }
  rm -rf "$root" "$WORK/img-prepare-run"
  IMG_PREPARED=0
}

# timed_cpu: as timed, and records the phase's CPU seconds (user + system of the command and its
# children; for Docker the daemon's and containerd's CPU time meanwhile is added).
timed_cpu() {
  local scen=$1 phase=$2 tool=$3 round=$4 before after rc own; shift 5
  before=$(cpu_ticks "$tool")
  : >"$WORK/cpu.txt"
  timed "$scen" "$phase" "$tool" "$round" -- env "CPUFILE=$WORK/cpu.txt" bash -c \
    'TIMEFORMAT="%U %S"; { time "$@" 2>&4; } 4>&2 2>"$CPUFILE"' _ "$@"
  rc=$?
  after=$(cpu_ticks "$tool")
  own=$(awk 'NF==2{s+=$1+$2} END{printf "%.2f", s}' "$WORK/cpu.txt")
  [ $rc -eq 0 ] && record "$scen" "$phase, CPU" "$tool" "$round" \
    "$(awk -v o="${own:-0}" -v a="$before" -v b="$after" -v hz="$(getconf CLK_TCK)" 'BEGIN{printf "%.2f", o+(b-a)/hz}')" s
  return $rc
}

# CPU ticks used so far by the scenario's dockerd and its children (its containerd, when it started
# one), with their own children waited for (dockerd unpacks layers in a re-executed child,
# docker-untar); 0 for Berth: it has no daemon in this path.
cpu_ticks() {
  [ "$1" = docker ] && [ -n "$IMG_DOCKERD_PID" ] || { echo 0; return; }
  local pid sum=0
  for pid in $IMG_DOCKERD_PID $(pgrep -P "$IMG_DOCKERD_PID"); do
    sum=$((sum + $(awk '{print $14 + $15 + $16 + $17}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo $sum
}

scenario_images() {
  local t=$1 r=$2 s=images
  [ "$t" = berth ] || [ "$t" = docker ] || return 0
  prepare_images_scenario || { log "images: not prepared; skipped"; return 0; }
  local src="127.0.0.1:$IMG_PORT_SOURCE/$IMG_NAME:1" port_push=$((IMG_PORT_SOURCE + 1))
  local pushed="127.0.0.1:$port_push/$IMG_NAME:pushed" local_name="bench/big:imported"
  local cmd=()
  if [ "$t" = docker ]; then start_images_dockerd || { log "images: no dockerd; Docker skipped"; return 0; }; fi
  images_fresh "$t" "$r"
  if [ "$t" = berth ]; then cmd=("${IMGCMD[@]}"); else cmd=("${IMG_DOCKER[@]}"); fi
  timed_cpu $s "pull, empty store" "$t" "$r" -- "${cmd[@]}" pull -q "$src"
  images_fresh "$t" "$r"
  timed_cpu $s "load of a docker-archive" "$t" "$r" -- "${cmd[@]}" load -q -i "$WORK/big-docker-archive.tar"
  rm -rf "$WORK/registry-push" && start_bench_registry "$port_push" "$WORK/registry-push" || return 0
  "${cmd[@]}" tag "$src" "$pushed" >/dev/null 2>&1
  timed_cpu $s "push to an empty registry" "$t" "$r" -- "${cmd[@]}" push -q "$pushed"
  stop_bench_registries_but_source
  images_fresh "$t" "$r"
  timed_cpu $s "import of the rootfs tar" "$t" "$r" -- "${cmd[@]}" import "$BIG_ROOTFS" "$local_name"
  images_fresh "$t" "$r"
}

# The registry for pushes stopped and its storage removed; the source registry stays.
stop_bench_registries_but_source() {
  local keep pid
  keep=${IMG_REGISTRY_PIDS%% *}; [ -n "$keep" ] || keep=$(echo $IMG_REGISTRY_PIDS | cut -d' ' -f1)
  for pid in $IMG_REGISTRY_PIDS; do
    [ "$pid" = "$keep" ] && continue
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  done
  IMG_REGISTRY_PIDS=" $keep"
  rm -rf "$WORK/registry-push"
}

# Nothing of the large image left: Berth gets a new empty state root (IMGCMD), Docker removes
# every name of it and prunes what is dangling.
images_fresh() {
  local t=$1 r=$2
  if [ "$t" = berth ]; then
    local place; place=$(images_place)
    rm -rf "$place/img-root" "$place/img-run"
    # setsid: a session (so a scheduler autogroup) of its own, as dockerd has: with autogroups
    # on, a command left in the harness's session shares one CPU slot with everything else there.
    IMGCMD=(setsid -w env "BERTH_ROOT=$place/img-root" "BERTH_RUN_ROOT=$place/img-run" BERTH_SERVER=0 "$BERTH" image)
    settle_after_delete
    return 0
  fi
  local d=("${IMG_DOCKER[@]}") ids
  ids=$("${d[@]}" image ls -q --filter "reference=*/$IMG_NAME:*" --filter "reference=*/*/$IMG_NAME:*" 2>/dev/null;
        "${d[@]}" image ls -q --filter "reference=127.0.0.1:*/$IMG_NAME:*" 2>/dev/null;
        "${d[@]}" image ls -q --filter "reference=bench/big:*" 2>/dev/null)
  [ -n "$ids" ] && "${d[@]}" image rm -f $(echo "$ids" | sort -u) >/dev/null 2>&1
  "${d[@]}" image prune -f >/dev/null 2>&1
  settle_after_delete
}
