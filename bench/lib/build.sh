# The build scenario (sourced by bench/run): a small multi-stage project from the busybox base,
# built cold (build cache and image removed first), again with nothing changed, and again after
# one source file changed. Docker Compose v2 builds on the daemon's BuildKit (DOCKER_BUILDKIT=1);
# Compose v1 has no BuildKit of its own and is left out.
scenario_build() {
  local t=$1 r=$2 s=build p=bench-build dir
  [ "$t" = compose-v1 ] && return 0
  dir="$WORK/build-$t"
  rm -rf "$dir" && cp -r "$BENCH_DIR/fixtures/build" "$dir"
  project_cmd "$t" "$dir" "$p"
  forget_build "$t" "$p"
  timed $s "build, cold" "$t" "$r" -- env DOCKER_BUILDKIT=1 "${PCMD[@]}" build
  timed $s "build, nothing changed" "$t" "$r" -- env DOCKER_BUILDKIT=1 "${PCMD[@]}" build
  echo "echo changed $r" >>"$dir/src/lib.sh"
  timed $s "build, one source file changed" "$t" "$r" -- env DOCKER_BUILDKIT=1 "${PCMD[@]}" build
  timed $s "up -d after a build" "$t" "$r" -- "${PCMD[@]}" up -d
  take_down "$t" "$dir" "$p" || log "  build: left something after down -v"
  forget_build "$t" "$p"
  rm -rf "$dir"
}

# The built image and the build cache, gone: the next build is cold.
forget_build() {
  local t=$1 p=$2
  case "$t" in
    berth)
      tool_cmd berth
      "${TOOLCMD[@]}" image rm "$p-app" >/dev/null 2>&1
      "${TOOLCMD[@]}" builder prune -f >/dev/null 2>&1 || log "  build: berth builder prune failed" ;;
    *)
      tool_cmd docker
      "${TOOLCMD[@]}" image rm -f "$p-app" >/dev/null 2>&1
      "${TOOLCMD[@]}" builder prune -af >/dev/null 2>&1 ;;
  esac
}
