# The watch scenario (sourced by bench/run): `watch` of a project whose one rule syncs ./src to
# /app; a file of ./src is written (in place, as most editors save) $WATCH_SAMPLES times, and each
# time the script waits until the container shows the new content, read from the host through
# /proc/PID/root of the container's `sleep 1017` (so no exec or tool call is in the measurement).
# Records the 50th and 95th percentiles in ms. Compose v1 has no watch and is left out.
scenario_watch() {
  local t=$1 r=$2 s=watch p=bench-watch dir n=${WATCH_SAMPLES:-100}
  [ "$t" = compose-v1 ] && return 0
  dir="$WORK/watch-$t"
  rm -rf "$dir" && cp -r "$BENCH_DIR/fixtures/watch" "$dir"
  project_cmd "$t" "$dir" "$p"
  local logf="$WORK/logs/r$r-watch-$t.log"
  "${PCMD[@]}" watch </dev/null >"$logf" 2>&1 &
  local watcher=$! i pid=""
  for i in $(seq 1 600); do
    grep -qi "watch enabled" "$logf" && pid=$(pgrep -f -x "sleep 1017" | head -1)
    [ -n "$pid" ] && break
    kill -0 $watcher 2>/dev/null || break
    sleep 0.2
  done
  if [ -z "$pid" ]; then
    log "  watch: not watching after 120 s: $(tail -1 "$logf" | cut -c1-160)"
    record $s "file saved -> visible in the container, p50 of $n" "$t" "$r" failed ms
    record $s "file saved -> visible in the container, p95 of $n" "$t" "$r" failed ms
  else
    local tick samples="" token t0 t1 got k
    exec {tick}<> <(:)   # read -t on this fd sleeps without a fork
    for i in $(seq 1 "$n"); do
      token="r$r-s$i-$RANDOM"
      t0=$EPOCHREALTIME
      printf '%s\n' "$token" >"$dir/src/probe.txt"
      got=""
      for k in $(seq 1 5000); do   # at most ~5 s
        read -r got 2>/dev/null <"/proc/$pid/root/app/probe.txt"
        [ "$got" = "$token" ] && break
        read -r -t 0.001 -u $tick
      done
      t1=$EPOCHREALTIME
      if [ "$got" = "$token" ]; then
        samples="$samples $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", 1000 * (b - a)}')"
      else
        samples="$samples lost"
      fi
      read -r -t 0.3 -u $tick   # apart from the next save, so that each is a batch of its own
    done
    exec {tick}<&-
    local lost; lost=$(echo $samples | tr ' ' '\n' | grep -c lost)
    local stats; stats=$(echo $samples | tr ' ' '\n' | grep -v lost | sort -g \
      | awk '{v[NR] = $1} END {if (NR) {p50 = v[int((NR * 50 + 99) / 100)]; p95 = v[int((NR * 95 + 99) / 100)]; print p50, p95, v[NR]}}')
    set -- $stats
    record $s "file saved -> visible in the container, p50 of $n" "$t" "$r" "${1:-failed}" ms
    record $s "file saved -> visible in the container, p95 of $n" "$t" "$r" "${2:-failed}" ms
    record $s "file saved -> visible in the container, slowest of $n" "$t" "$r" "${3:-failed}" ms
    record $s "saves never seen within 5 s" "$t" "$r" "$lost" n
  fi
  kill -TERM $watcher 2>/dev/null; wait $watcher 2>/dev/null
  take_down "$t" "$dir" "$p" || log "  watch: left something after down -v"
  [ "$t" = berth ] && { tool_cmd berth; "${TOOLCMD[@]}" image rm "$p-app" >/dev/null 2>&1; }
  rm -rf "$dir"
}
