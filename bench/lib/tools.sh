# The tools measured: how to call each, which host processes are its own, how to take a project
# down and check that nothing is left (sourced by bench/run).
#   berth       ./berth, on a state root of its own under $WORK
#   compose-v2  Docker Compose 2.x (Debian trixie's binary, called directly)
#   compose-v1  docker-compose 1.29 (Debian bookworm)
#   docker      the plain Docker CLI, only for `docker run --rm` next to Berth's container start

tool_available() {
  local t=$1 docker_up=$2
  case "$t" in
    berth) [ -x "$BERTH" ] ;;
    compose-v2) [ "$docker_up" = 1 ] && compose_v2_bin >/dev/null ;;
    compose-v1) [ "$docker_up" = 1 ] && command -v docker-compose >/dev/null ;;
    *) log "unknown tool $t (known: berth, compose-v2, compose-v1)"; return 1 ;;
  esac
}

# Sets TOOLCMD to the command line that runs tool $1.
tool_cmd() {
  case "$1" in
    berth) TOOLCMD=(env "BERTH_ROOT=$BENCH_BERTH_ROOT" "BERTH_RUN_ROOT=$BENCH_BERTH_RUN_ROOT" "$BERTH") ;;
    compose-v2) TOOLCMD=("$(compose_v2_bin)") ;;
    compose-v1) TOOLCMD=(docker-compose) ;;
    docker) TOOLCMD=("$(docker_bin)") ;;
  esac
}

# in_project TOOL DIR PROJECT ARGS...: the tool's compose command for that project, run in DIR.
in_project() {
  local t=$1 dir=$2 p=$3; shift 3
  tool_cmd "$t"
  env -C "$dir" "${TOOLCMD[@]}" -p "$p" "$@"
}

# Berth's supervisor and its CLI server (docs/cli-server.md): java processes whose environment or command
# line names our work directory. Each run has a new run root, so no server of a previous build
# serves it; the cleanup stops the one its first command started.
berth_supervisor_pids() {
  local f pid
  for f in $(grep -l -a -F "$WORK" /proc/[0-9]*/environ /proc/[0-9]*/cmdline 2>/dev/null | sort -u); do
    pid=${f#/proc/}; pid=${pid%%/*}
    [ "$pid" = "$$" ] && continue
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = java ] && echo "$pid"
  done | sort -un
}

docker_daemon_pids() { pgrep -x dockerd; pgrep -x containerd; }
docker_shim_pids() { { pgrep -x containerd-shim; pgrep -f '^/usr/bin/containerd-shim-runc-v2 '; } | sort -un; }

# The tool's own host-side processes: what its containers cost beyond their own processes.
overhead_pids() {
  case "$1" in
    berth) host_side_tree $(berth_supervisor_pids) ;;
    *) { docker_daemon_pids; docker_shim_pids; pgrep -x docker-proxy; } | sort -un ;;
  esac
}

# Running containers of the project, as the tool itself counts them.
running_containers() {
  local t=$1 dir=$2 p=$3
  case "$t" in
    berth) in_project berth "$dir" "$p" ps -q 2>/dev/null | grep -c . ;;
    *) "$(docker_bin)" ps -q --filter "label=com.docker.compose.project=$p" 2>/dev/null | grep -c . ;;
  esac
}

# What is left of the project after down -v (containers of any state, and for Docker its
# networks and volumes); prints nothing when clean, "unknown" when it cannot be asked.
project_leftovers() {
  local t=$1 dir=$2 p=$3 d
  case "$t" in
    berth)
      local out
      out=$(in_project berth "$dir" "$p" ps -a -q 2>/dev/null) || { echo unknown; return; }
      [ -n "$out" ] && echo "containers: $(echo $out)" ;;
    *)
      d=$(docker_bin)
      local c n v
      c=$("$d" ps -aq --filter "label=com.docker.compose.project=$p" 2>/dev/null)
      n=$("$d" network ls -q --filter "label=com.docker.compose.project=$p" 2>/dev/null)
      v=$("$d" volume ls -q --filter "label=com.docker.compose.project=$p" 2>/dev/null)
      [ -n "$c$n$v" ] && echo "containers: $(echo $c) networks: $(echo $n) volumes: $(echo $v)" ;;
  esac
}

# down -v with no grace period, then check; Docker's leftovers are removed by force.
take_down() {
  local t=$1 dir=$2 p=$3 left
  [ "$t" = docker ] && return 0
  tool_cmd "$t"
  timeout --kill-after=5 "$phase_timeout" env -C "$dir" "${TOOLCMD[@]}" -p "$p" down -v -t 0 --remove-orphans \
    </dev/null >>"$WORK/logs/take-down.log" 2>&1
  left=$(project_leftovers "$t" "$dir" "$p")
  case "$left" in
    "") return 0 ;;
    unknown) return 0 ;;
  esac
  log "  $t left after down -v of $p: $left"
  if [ "$t" != berth ]; then
    local d; d=$(docker_bin)
    "$d" rm -f $("$d" ps -aq --filter "label=com.docker.compose.project=$p") >/dev/null 2>&1
    # Docker 20.10 sometimes keeps a removed container's endpoint for a moment ("has active
    # endpoints"): disconnect what it still lists, and try again.
    local n e i
    for n in $("$d" network ls -q --filter "label=com.docker.compose.project=$p"); do
      for e in $("$d" network inspect "$n" --format '{{range $k, $v := .Containers}}{{$v.Name}} {{end}}' 2>/dev/null); do
        "$d" network disconnect -f "$n" "$e" >/dev/null 2>&1
      done
      for i in 1 2 3; do "$d" network rm "$n" >/dev/null 2>&1 && break; sleep 1; done
    done
    if [ -n "$("$d" network ls -q --filter "label=com.docker.compose.project=$p")" ] && restart_dockerd; then
      "$d" network rm $("$d" network ls -q --filter "label=com.docker.compose.project=$p") >/dev/null 2>&1
    fi
    "$d" volume rm $("$d" volume ls -q --filter "label=com.docker.compose.project=$p") >/dev/null 2>&1
  fi
  return 1
}

take_down_everything() {
  local t=$1 s dir
  for s in $(all_compose_scenarios); do
    dir=$(scenario_dir "$s"); take_down "$t" "$dir" "bench-$s" || true
  done
  take_down "$t" "$BENCH_DIR/fixtures/latency" bench-latency || true
}

stop_berth_supervisor() {
  local pids i
  pids=$(berth_supervisor_pids)
  [ -n "$pids" ] || return 0
  kill -TERM $pids 2>/dev/null
  for i in $(seq 1 50); do
    pids=$(for p in $pids; do kill -0 "$p" 2>/dev/null && echo "$p"; done)
    [ -n "$pids" ] || return 0
    sleep 0.2
  done
  log "Berth supervisor did not stop on SIGTERM in 10 s: killing $pids"
  kill -KILL $pids 2>/dev/null
}

# The work directory goes, unless something is still mounted under it (then it is kept, and
# said: removing files under a live mount would reach into it). Logs and results are kept.
remove_work_dir() {
  local keep="$BENCH_CACHE/last-run" m
  mkdir -p "$keep" 2>/dev/null && rm -rf "$keep"/* && cp -r "$WORK/logs" "$WORK"/*.tsv "$WORK"/*.md "$keep"/ 2>/dev/null
  for m in $(awk -v w="$WORK/" 'index($2, w) == 1 {print $2}' /proc/mounts | sort -r); do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null
  done
  if awk -v w="$WORK/" 'index($2, w) == 1 {found = 1} END {exit !found}' /proc/mounts; then
    log "warning: mounts left under $WORK (Berth leaked them): keeping the directory"
    return
  fi
  rm -rf --one-file-system "$WORK"
}
