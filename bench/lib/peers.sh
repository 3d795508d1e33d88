# Docker and Docker Compose, the tools Berth is measured against (sourced by bench/run).
#
# Docker comes from Debian's docker.io, Compose v1 from bookworm's docker-compose, and Compose v2
# from the docker-compose 2.x package of Debian's next release (trixie). The trixie .deb is
# fetched with apt through a sources list, package lists and cache of its own under the bench
# cache, so the system's apt state never sees trixie; its binary is unpacked with dpkg-deb -x and
# called directly. Nothing on the system is upgraded.

BENCH_CACHE=${BENCH_CACHE:-/var/cache/berth-bench}
COMPOSE_V2_DIR="$BENCH_CACHE/compose-v2"
DOCKER_STATE="$BENCH_CACHE/docker"   # dockerd's log and pid file for the run

compose_v2_bin() {
  local b
  for b in "$COMPOSE_V2_DIR"/usr/libexec/docker/cli-plugins/docker-compose \
           "$COMPOSE_V2_DIR"/usr/bin/docker-compose; do
    [ -x "$b" ] && { echo "$b"; return 0; }
  done
  return 1
}

# The Docker client that matches the daemon: Debian's, not another one found first on PATH.
docker_bin() {
  if [ -x /usr/bin/docker ]; then echo /usr/bin/docker; else command -v docker; fi
}

install_peers() {
  export DEBIAN_FRONTEND=noninteractive
  local need=()
  [ -x /usr/sbin/dockerd ] || need+=(docker.io)
  [ -x /usr/bin/docker-compose ] || need+=(docker-compose)
  if [ ${#need[@]} -gt 0 ]; then
    log "installing ${need[*]} from Debian"
    apt-get update -qq || true
    apt-get install -y -qq --no-install-recommends "${need[@]}" >"$WORK/apt-install.log" 2>&1 \
      || { log "apt-get install ${need[*]} failed (see $WORK/apt-install.log)"; return 1; }
  fi
  compose_v2_bin >/dev/null || fetch_compose_v2 || log "Compose v2 could not be had; measuring without it"
}

fetch_compose_v2() {
  local apt="$BENCH_CACHE/apt"
  mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/sources.d" "$apt/deb"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" \
    >"$apt/trixie.list"
  local opts=(-o "Dir::Etc::SourceList=$apt/trixie.list" -o "Dir::Etc::SourceParts=$apt/sources.d"
              -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o "APT::Get::List-Cleanup=0")
  log "fetching docker-compose 2.x from Debian trixie (download only, into $apt)"
  apt-get "${opts[@]}" update -qq >"$WORK/apt-trixie.log" 2>&1 \
    || { log "apt-get update for trixie failed (see $WORK/apt-trixie.log)"; return 1; }
  (cd "$apt/deb" && rm -f docker-compose_*.deb && apt-get "${opts[@]}" download docker-compose) \
    >>"$WORK/apt-trixie.log" 2>&1 || { log "apt-get download docker-compose failed"; return 1; }
  rm -rf "$COMPOSE_V2_DIR" && mkdir -p "$COMPOSE_V2_DIR"
  dpkg-deb -x "$apt"/deb/docker-compose_*.deb "$COMPOSE_V2_DIR"
  compose_v2_bin >/dev/null || { log "no docker-compose binary in the trixie package"; return 1; }
}

# --- dockerd for the duration of the run ---------------------------------------------------

DOCKERD_STARTED=""
FORWARD_POLICY_BEFORE=""
IP_FORWARD_BEFORE=""
DOCKER_CHAINS_BEFORE=""
BRIDGES_BEFORE=""

# Docker names the bridge of a network br-<first 12 hex digits of its id>.
docker_bridges() { ip -o link show type bridge 2>/dev/null | awk -F': ' '{print $2}' | grep -E '^br-[0-9a-f]{12}$'; }

docker_available() { [ -x /usr/sbin/dockerd ] && [ -n "$(docker_bin)" ]; }

docker_ping() { timeout 5 "$(docker_bin)" info >/dev/null 2>&1; }

start_dockerd() {
  docker_available || return 1
  if docker_ping; then log "dockerd already running: using it, and leaving it running"; return 0; fi
  FORWARD_POLICY_BEFORE=$(iptables -S FORWARD 2>/dev/null | awk '$1=="-P"{print $3}')
  IP_FORWARD_BEFORE=$(sysctl -n net.ipv4.ip_forward 2>/dev/null)
  DOCKER_CHAINS_BEFORE=$( (iptables-save -t filter; iptables-save -t nat) 2>/dev/null | grep -c '^:DOCKER')
  BRIDGES_BEFORE=$(docker_bridges | tr '\n' ' ')
  mkdir -p "$DOCKER_STATE"
  log "starting dockerd (log: $DOCKER_STATE/dockerd.log)"
  # setsid: its own session, so our process group signals do not reach it unasked.
  setsid /usr/sbin/dockerd --pidfile "$DOCKER_STATE/dockerd.pid" >"$DOCKER_STATE/dockerd.log" 2>&1 </dev/null &
  DOCKERD_STARTED=$!
  local i
  for i in $(seq 1 150); do
    docker_ping && return 0
    kill -0 "$DOCKERD_STARTED" 2>/dev/null || break
    sleep 0.2
  done
  log "dockerd did not come up; last lines of its log:"; tail -5 "$DOCKER_STATE/dockerd.log" >&2
  stop_dockerd
  return 1
}

# Removes every container left, stops the dockerd we started, and puts the host back as it was:
# the iptables FORWARD policy dockerd set to DROP, and its docker0 bridge.
stop_dockerd() {
  [ -n "$DOCKERD_STARTED" ] || return 0
  local d; d=$(docker_bin)
  if docker_ping; then
    local left; left=$("$d" ps -aq 2>/dev/null)
    [ -n "$left" ] && { log "removing docker containers left: $(echo $left)"; "$d" rm -f $left >/dev/null 2>&1; }
  fi
  kill -TERM "$DOCKERD_STARTED" 2>/dev/null
  local i
  for i in $(seq 1 100); do kill -0 "$DOCKERD_STARTED" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$DOCKERD_STARTED" 2>/dev/null && { log "dockerd did not stop in 20 s: killing it"; kill -KILL "$DOCKERD_STARTED"; }
  wait "$DOCKERD_STARTED" 2>/dev/null
  # containerd is dockerd's child; a shim outliving it would hold a container: say so.
  local orphans; orphans=$(docker_shim_pids)
  [ -n "$orphans" ] && log "warning: containerd shims still running after dockerd stopped: $orphans"
  if [ -n "$FORWARD_POLICY_BEFORE" ]; then
    iptables -P FORWARD "$FORWARD_POLICY_BEFORE" 2>/dev/null
  fi
  [ "$DOCKER_CHAINS_BEFORE" = 0 ] && remove_docker_iptables
  remove_docker_bridges
  [ -n "$IP_FORWARD_BEFORE" ] && sysctl -qw net.ipv4.ip_forward="$IP_FORWARD_BEFORE" 2>/dev/null
  ip link show docker0 >/dev/null 2>&1 && ip link delete docker0 2>/dev/null
  DOCKERD_STARTED=""
  log "dockerd stopped; iptables FORWARD policy ${FORWARD_POLICY_BEFORE:-unchanged}"
}

# dockerd leaves its chains (DOCKER, DOCKER-USER, DOCKER-ISOLATION-*) and the jumps to them in
# the built-in chains when it stops. Called only when none of them existed before we started it.
remove_docker_iptables() {
  local t rule c
  for t in filter nat; do
    iptables-save -t "$t" 2>/dev/null | grep -E '^-A (INPUT|FORWARD|OUTPUT|PREROUTING|POSTROUTING) ' \
      | grep -E 'DOCKER|docker0' | sed 's/^-A /-D /' | while read -r rule; do
        eval "iptables -t $t $rule" 2>/dev/null
      done
    for c in $(iptables-save -t "$t" 2>/dev/null | awk '/^:DOCKER/{print substr($1, 2)}'); do
      iptables -t "$t" -F "$c" 2>/dev/null
    done
    for c in $(iptables-save -t "$t" 2>/dev/null | awk '/^:DOCKER/{print substr($1, 2)}'); do
      iptables -t "$t" -X "$c" 2>/dev/null
    done
  done
}

# A network dockerd could not remove (see take_down) keeps its bridge and rules after dockerd
# stops: remove the bridges that were not there before we started it, and their rules.
remove_docker_bridges() {
  local br t rule
  for br in $(docker_bridges); do
    [[ " $BRIDGES_BEFORE " == *" $br "* ]] && continue
    for t in filter nat; do
      iptables-save -t "$t" 2>/dev/null | grep -E '^-A ' | grep -F -- "$br" | sed 's/^-A /-D /' \
        | while read -r rule; do eval "iptables -t $t $rule" 2>/dev/null; done
    done
    ip link delete "$br" 2>/dev/null && log "removed Docker's bridge $br left by a network it could not remove"
  done
}

# Docker 20.10 sometimes keeps a stale endpoint on a network after its last container is gone
# ("has active endpoints") until dockerd restarts: restart it, as a user would.
restart_dockerd() {
  [ -n "$DOCKERD_STARTED" ] || return 1
  log "restarting dockerd to clear a stale network endpoint"
  stop_dockerd
  start_dockerd
}

docker_version() { "$(docker_bin)" version --format '{{.Server.Version}}' 2>/dev/null; }
compose_v1_version() { docker-compose version --short 2>/dev/null; }
compose_v2_version() { local b; b=$(compose_v2_bin) && "$b" version --short 2>/dev/null; }
