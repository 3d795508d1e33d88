# Measuring: wall time of one command under a timeout, and resident memory of processes
# (sourced by bench/run). Every figure goes to $RESULTS as one line:
#   scenario <TAB> phase <TAB> tool <TAB> round <TAB> value|failed|timeout <TAB> unit

record() { printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$6" >>"$RESULTS"; }

# timed SCENARIO PHASE TOOL ROUND -- COMMAND...: runs COMMAND with stdin closed, its output to a
# log file, under $phase_timeout, and records its wall time in seconds (or failed / timeout).
# Returns the command's status.
timed() {
  local scen=$1 phase=$2 tool=$3 round=$4; shift 5
  local logf="$WORK/logs/r$round-$scen-$tool-${phase//[^a-zA-Z0-9]/_}.log"
  local t0 t1 rc
  t0=$EPOCHREALTIME
  timeout --kill-after=5 "$phase_timeout" "$@" </dev/null >"$logf" 2>&1
  rc=$?
  t1=$EPOCHREALTIME
  if [ $rc -eq 0 ]; then
    record "$scen" "$phase" "$tool" "$round" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.4f", b-a}')" s
  elif [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
    record "$scen" "$phase" "$tool" "$round" timeout s
    log "  $phase: timed out after ${phase_timeout}s (log: $logf)"
  elif [ "$tool" = berth ] && grep -qE 'Unmatched argument|Unknown (sub)?command|Unknown option|not (implemented|supported) yet|not available in this build' "$logf"; then
    record "$scen" "$phase" "$tool" "$round" "not yet" s
  else
    record "$scen" "$phase" "$tool" "$round" failed s
    log "  $phase: failed, exit $rc: $(tail -1 "$logf" | cut -c1-160)"
  fi
  return $rc
}

# Resident set size of the given PIDs, summed, in KiB (processes gone meanwhile count 0).
rss_kib() {
  local pid sum=0 v
  for pid in "$@"; do
    v=$(awk '/^VmRSS:/{print $2}' "/proc/$pid/status" 2>/dev/null)
    sum=$((sum + ${v:-0}))
  done
  echo $sum
}

HOST_PIDNS=$(readlink /proc/self/ns/pid)

# PIDs of the given processes and all their descendants that live in the host's PID namespace:
# a tool's own processes, not the containers' (which live in namespaces of their own).
host_side_tree() {
  [ $# -gt 0 ] || return 0
  ps -eo pid=,ppid= | awk -v roots=" $* " '
    { parent[$1] = $2; pids[NR] = $1 }
    END {
      n = split(roots, r, " "); for (i = 1; i <= n; i++) keep[r[i]] = 1
      changed = 1
      while (changed) { changed = 0
        for (i in pids) { p = pids[i]; if (!(p in keep) && (parent[p] in keep)) { keep[p] = 1; changed = 1 } } }
      for (p in keep) print p
    }' | while read -r pid; do
      [ "$(readlink "/proc/$pid/ns/pid" 2>/dev/null)" = "$HOST_PIDNS" ] && echo "$pid"
    done
}

mib() { awk -v k="$1" 'BEGIN{printf "%.2f", k/1024}'; }
