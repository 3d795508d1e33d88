# The Markdown report: machine, versions, command line, then one table per scenario with each
# tool's median (min-max) and its ratio to Berth (sourced by bench/run).

machine_line() {
  local cpu mem
  cpu=$(awk -F': ' '/^model name/{print $2; exit}' /proc/cpuinfo)
  mem=$(awk '/^MemTotal/{printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
  echo "$(nproc) cores ($cpu), $mem memory, Linux $(uname -r), $(. /etc/os-release && echo "$PRETTY_NAME")"
}

versions_line() {
  local v=() t
  for t in $ACTIVE_TOOLS; do
    case "$t" in
      berth) v+=("Berth: $(BERTH_SERVER=0 "$BERTH" version 2>/dev/null | head -1)") ;;
      compose-v2) v+=("Docker Compose v2: $(compose_v2_version)") ;;
      compose-v1) v+=("Docker Compose v1: $(compose_v1_version)") ;;
    esac
  done
  [ -n "$EXTRA_TOOLS" ] && v+=("Docker Engine: $(docker_version) (containerd $(containerd --version 2>/dev/null | awk '{print $3}'), runc $(runc --version 2>/dev/null | awk 'NR==1{print $3}'))")
  v+=("Java: $(java -version 2>&1 | head -1)")
  local IFS=';'; echo "${v[*]}" | sed 's/;/; /g'
}

# Written when the measuring starts: what ran, where, with which versions.
report_header() {
  echo "Command: \`bench/run ${BENCH_ARGS:-}\` ($rounds rounds; tools: $ACTIVE_TOOLS)"
  echo
  echo "Machine: $(machine_line)"
  echo
  echo "Versions: $(versions_line)"
  echo
  echo "Started $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)."
}

# report DIR: the header and the tables from DIR/header.md and DIR/results.tsv.
report() {
  local dir=$1 cols="berth compose-v2 compose-v1 docker"
  cat "$dir/header.md" 2>/dev/null
  echo
  awk -F'\t' -v cols="$cols" '
    function fmt(v, u) {
      if (u == "s") return sprintf(v < 0.1 ? "%.3f" : (v < 10 ? "%.2f" : "%.1f"), v)
      if (u == "ms") return sprintf(v < 1 ? "%.3f" : "%.2f", v)
      if (u == "MiB") return sprintf(v < 10 ? "%.2f" : "%.1f", v)
      if (u == "n" || u == "MiB/s") return sprintf("%.0f", v)
      return v
    }
    function median(key,   n, i, j, a, x) {
      n = split(vals[key], a, " ")
      for (i = 2; i <= n; i++) { x = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
      lo[key] = a[1]; hi[key] = a[n]
      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    {
      scen = $1; phase = $2; tool = $3; v = $5
      if (!(scen in seen_s)) { seen_s[scen] = 1; scens[++ns] = scen }
      used[scen, tool] = 1
      sp = scen SUBSEP phase
      if (!(sp in seen_p)) { seen_p[sp] = 1; np[scen]++; phases[scen, np[scen]] = phase; unit[sp] = $6 }
      key = sp SUBSEP tool
      if (v ~ /^-?[0-9.]+$/) vals[key] = vals[key] " " v
      else { bad[key]++; badword[key] = v }
    }
    END {
      nall = split(cols, call, " ")
      for (s = 1; s <= ns; s++) {
        scen = scens[s]
        nc = 0
        for (i = 1; i <= nall; i++) if ((scen, call[i]) in used) c[++nc] = call[i]
        printf "### %s\n\n| phase |", scen
        for (i = 1; i <= nc; i++) printf " %s |%s", c[i], (c[i] != "berth" && has_berth(scen) ? " ×Berth |" : "")
        printf "\n| --- |"
        for (i = 1; i <= nc; i++) printf " --- |%s", (c[i] != "berth" && has_berth(scen) ? " --- |" : "")
        printf "\n"
        for (k = 1; k <= np[scen]; k++) {
          phase = phases[scen, k]; sp = scen SUBSEP phase; u = unit[sp]
          bkey = sp SUBSEP "berth"; bmed = ""
          if (bkey in vals) bmed = median(bkey)
          printf "| %s%s |", phase, (u != "" && u != "n" ? " (" u ")" : "")
          for (i = 1; i <= nc; i++) {
            key = sp SUBSEP c[i]; cell = "—"; ratio = "—"
            if (key in vals) {
              m = median(key)
              cell = fmt(m, u)
              if (lo[key] != hi[key]) cell = cell " (" fmt(lo[key], u) "–" fmt(hi[key], u) ")"
              if (key in bad) cell = cell ", " bad[key] " " badword[key]
              if (bmed != "" && bmed > 0 && c[i] != "berth" && u != "n") ratio = sprintf(m / bmed < 10 ? "%.2f" : "%.1f", m / bmed)
            } else if (key in bad) cell = badword[key]
            printf " %s |", cell
            if (c[i] != "berth" && has_berth(scen)) printf " %s |", ratio
          }
          printf "\n"
        }
        printf "\n"
      }
    }
    function has_berth(scen) { return (scen, "berth") in used }
  ' "$dir/results.tsv"
  echo "Cells: median (min–max) over the rounds; ×Berth: the tool's median divided by Berth's (above 1: Berth"
  echo "takes less time or memory; for throughput, above 1: the tool moves more). \"failed\", \"timeout\","
  echo "\"not yet\": the phase did not succeed in any round (logs of the last run: $BENCH_CACHE/last-run/)."
}
