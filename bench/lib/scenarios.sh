# One round of one scenario with one tool (sourced by bench/run). Phase names are the rows of
# the report: the same name for every tool.

all_compose_scenarios() {
  local d
  for d in "$BENCH_DIR"/scenarios/*/; do d=${d%/}; echo "${d##*/}"; done
}
scenario_dir() { echo "$BENCH_DIR/scenarios/$1"; }

# Sets PCMD to the tool's command for project $3 in directory $2.
project_cmd() {
  tool_cmd "$1"
  PCMD=(env -C "$2" "${TOOLCMD[@]}" -p "$3")
}

run_scenario() {
  local t=$1 scen=$2 round=$3
  case "$scen" in
    cli) scenario_cli "$t" "$round" ;;
    port) scenario_port "$t" "$round" ;;
    netcost) scenario_netcost "$t" "$round" ;;
    build) scenario_build "$t" "$round" ;;
    watch) scenario_watch "$t" "$round" ;;
    images) scenario_images "$t" "$round" ;;
    *)
      if [ -f "$(scenario_dir "$scen")/compose.yaml" ]; then scenario_compose "$t" "$scen" "$round"
      else log "unknown scenario $scen (known: cli $(all_compose_scenarios | tr '\n' ' '))"; fi ;;
  esac
}

# A Compose file of 200 services, for `config`, made once per run.
config200_file() {
  local f="$WORK/config200/compose.yaml" i
  [ -f "$f" ] && { echo "$f"; return; }
  mkdir -p "$WORK/config200"
  {
    echo "services:"
    for i in $(seq -w 1 200); do
      echo "  svc$i:"
      echo "    image: \${BENCH_IMAGE:-busybox:local}"
      echo "    command: [\"sh\", \"-c\", \"exec sleep 1000\"]"
      echo "    environment: {INDEX: \"$i\", MODE: \"\${MODE:-bench}\"}"
      echo "    ports: [\"$((20000 + 10#$i)):80\"]"
      echo "    volumes: [\"data$i:/data\", \"./conf:/conf:ro\"]"
      echo "    labels: {tier: \"t$((10#$i % 5))\"}"
      [ "$i" != 001 ] && echo "    depends_on: [svc$(printf %03d $((10#$i - 1)))]"
    done
    echo "volumes:"
    for i in $(seq -w 1 200); do echo "  data$i: {}"; done
  } >"$f"
  echo "$f"
}

# The tool's resident memory with nothing of the project running: Berth's supervisor, or
# dockerd + containerd.
record_idle_rss() {
  local pids; pids=$(overhead_pids "$2")
  if [ -n "$pids" ]; then record "$1" "idle RSS after down -v" "$2" "$3" "$(mib "$(rss_kib $pids)")" MiB
  else record "$1" "idle RSS after down -v" "$2" "$3" "no process" MiB; fi
}

scenario_cli() {
  local t=$1 r=$2 s=cli
  if [ "$t" = docker ]; then
    tool_cmd docker
    timed $s "container start: run --rm true, no network" docker "$r" -- "${TOOLCMD[@]}" run --rm --network none "$BENCH_IMAGE" true
    return
  fi
  tool_cmd "$t"
  timed $s "version" "$t" "$r" -- "${TOOLCMD[@]}" version
  timed $s "--help" "$t" "$r" -- "${TOOLCMD[@]}" --help
  local cfg; cfg=$(config200_file)
  timed $s "config, 200 services" "$t" "$r" -- env -C "${cfg%/*}" "${TOOLCMD[@]}" -p bench-config200 config
  project_cmd "$t" "$BENCH_DIR/fixtures/empty" bench-empty
  timed $s "ps, empty project" "$t" "$r" -- "${PCMD[@]}" ps
  project_cmd "$t" "$BENCH_DIR/fixtures/latency" bench-latency
  timed $s "container start: run --rm true, no network" "$t" "$r" -- "${PCMD[@]}" run --rm -T one true
  take_down "$t" "$BENCH_DIR/fixtures/latency" bench-latency || record $s "left after run --rm" "$t" "$r" failed n
}

scenario_compose() {
  local t=$1 scen=$2 r=$3 dir p scale_service=client run_service=client
  dir=$(scenario_dir "$scen"); p="bench-$scen"
  [ -f "$dir/bench.conf" ] && source "$dir/bench.conf"
  take_down "$t" "$dir" "$p" || log "  $scen was not clean before the round"
  project_cmd "$t" "$dir" "$p"
  timed "$scen" "up -d" "$t" "$r" -- "${PCMD[@]}" up -d \
    && record "$scen" "containers running after up -d" "$t" "$r" "$(running_containers "$t" "$dir" "$p")" n
  timed "$scen" "up -d, nothing changed" "$t" "$r" -- "${PCMD[@]}" up -d
  timed "$scen" "ps" "$t" "$r" -- "${PCMD[@]}" ps
  timed "$scen" "logs" "$t" "$r" -- "${PCMD[@]}" logs
  timed "$scen" "run --rm $run_service true" "$t" "$r" -- "${PCMD[@]}" run --rm -T "$run_service" true
  local n0 n1 rss0 rss1
  n0=$(running_containers "$t" "$dir" "$p"); rss0=$(rss_kib $(overhead_pids "$t"))
  # Memory is measured even when scaling stopped part way: per container added, however many.
  timed "$scen" "up -d --scale $scale_service=$scale_to" "$t" "$r" -- "${PCMD[@]}" up -d --scale "$scale_service=$scale_to"
  sleep 1
  n1=$(running_containers "$t" "$dir" "$p"); rss1=$(rss_kib $(overhead_pids "$t"))
  if [ "$n1" -gt 0 ]; then
    record "$scen" "containers running, scaled" "$t" "$r" "$n1" n
    record "$scen" "tool's RSS, scaled" "$t" "$r" "$(mib "$rss1")" MiB
    if [ "$n1" -gt "$n0" ]; then
      record "$scen" "RSS added per container" "$t" "$r" "$(mib $(( (rss1 - rss0) / (n1 - n0) )))" MiB
    fi
    if [ "$t" != berth ]; then
      local shims; shims=$(docker_shim_pids)
      [ -n "$shims" ] && record "$scen" "shim RSS per container" "$t" "$r" \
        "$(mib $(( $(rss_kib $shims) / $(echo "$shims" | wc -l) )))" MiB
    fi
  fi
  timed "$scen" "down -v" "$t" "$r" -- "${PCMD[@]}" down -v
  sleep 0.5
  record_idle_rss "$scen" "$t" "$r"
  local left; left=$(project_leftovers "$t" "$dir" "$p")
  if [ -n "$left" ] && [ "$left" != unknown ]; then
    log "  $scen: left after down -v: $left"
    record "$scen" "clean after down -v" "$t" "$r" failed n
    take_down "$t" "$dir" "$p" || true
  fi
}

# Latency and throughput through a port published on 127.0.0.1 (bounded: 200 small requests,
# 8 transfers of 64 MiB, each under a time limit; nothing leaves the loopback interface).
scenario_port() {
  local t=$1 r=$2 s=port dir p url=http://127.0.0.1:${BENCH_PORT:-18081}
  dir=$(scenario_dir port); p=bench-port
  take_down "$t" "$dir" "$p" || true
  project_cmd "$t" "$dir" "$p"
  local i ready=0 status=failed
  timed $s "up -d" "$t" "$r" -- "${PCMD[@]}" up -d || { ready=2; status=$(tail -1 "$RESULTS" | cut -f5); }
  for i in $(seq 1 60); do
    [ $ready = 2 ] && break
    [ "$(curl -s -m 2 "$url/ping" 2>/dev/null)" = pong ] && { ready=1; break; }
    sleep 0.25
  done
  if [ $ready = 1 ]; then
    local lat thr
    lat=$(timeout 60 curl -s -m 5 -w '%{stderr}%{time_total}\n' "$url/ping?[1-200]" 2>&1 >/dev/null \
      | sort -g | awk '{v[NR] = $1} END {if (NR >= 100) printf "%.3f", 1000 * (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}')
    record $s "HTTP GET latency, median of 200" "$t" "$r" "${lat:-failed}" ms
    thr=$(timeout 120 curl -s -m 30 -w '%{stderr}%{size_download} %{time_total}\n' "$url/blob?[1-8]" 2>&1 >/dev/null \
      | awk '{b += $1; s += $2; n++} END {if (n == 8 && b == 8 * 67108864 && s > 0) printf "%.0f", b / s / 1048576}')
    record $s "throughput, 8 x 64 MiB" "$t" "$r" "${thr:-failed}" MiB/s
  else
    record $s "HTTP GET latency, median of 200" "$t" "$r" "$status" ms
    record $s "throughput, 8 x 64 MiB" "$t" "$r" "$status" MiB/s
  fi
  timed $s "down -v" "$t" "$r" -- "${PCMD[@]}" down -v
  take_down "$t" "$dir" "$p" || true
}

# Network set-up cost per container, the same way for every tool: `up -d --scale w=N` of one
# service on the default bridge network, minus the same with network_mode: none, divided by N
# (a netns, a veth pair on the bridge, an address, /etc/hosts of every peer). For Berth also the
# median of the "network N ms" its supervisor logs for each of those starts (attach, name files).
scenario_netcost() {
  local t=$1 r=$2 s=netcost n=10 mode dir p
  for mode in none bridge; do
    dir="$BENCH_DIR/fixtures/netcost/$mode"; p=bench-net-$mode
    take_down "$t" "$dir" "$p" || true
    project_cmd "$t" "$dir" "$p"
    timed $s "up -d --scale w=$n, network_mode $mode" "$t" "$r" -- "${PCMD[@]}" up -d --scale w=$n
    timed $s "down -v, network_mode $mode" "$t" "$r" -- "${PCMD[@]}" down -v
    take_down "$t" "$dir" "$p" || true
  done
  local none bridge
  none=$(awk -F'\t' -v t="$t" -v r="$r" -v ph="up -d --scale w=$n, network_mode none" '$1=="netcost" && $2==ph && $3==t && $4==r {v=$5} END {print v}' "$RESULTS")
  bridge=$(awk -F'\t' -v t="$t" -v r="$r" -v ph="up -d --scale w=$n, network_mode bridge" '$1=="netcost" && $2==ph && $3==t && $4==r {v=$5} END {print v}' "$RESULTS")
  if [[ "$none" =~ ^[0-9.]+$ && "$bridge" =~ ^[0-9.]+$ ]]; then
    record $s "bridge network cost per container (up, bridge - none) / $n" "$t" "$r" \
      "$(awk -v a="$bridge" -v b="$none" -v n=$n 'BEGIN{printf "%.1f", 1000 * (a - b) / n}')" ms
  else
    record $s "bridge network cost per container (up, bridge - none) / $n" "$t" "$r" failed ms
  fi
  if [ "$t" = berth ]; then
    local logged
    logged=$(grep -h "started bench-net-bridge-w-" "$BENCH_BERTH_RUN_ROOT/supervisor.log" 2>/dev/null | tail -$n \
      | sed -n 's/.*: network \([0-9]*\) ms before the launch, \([0-9]*\) ms during it.*/\1 \2/p' \
      | awk '{print $1 + $2}' | sort -n | awk '{v[NR] = $1} END {if (NR) print v[int((NR + 1) / 2)]}')
    record $s "network set-up per container, supervisor's log (median)" "$t" "$r" "${logged:-failed}" ms
  fi
}
