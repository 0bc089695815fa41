#!/usr/bin/env bash
# Ingest benchmarks of the HTTP issue, measured on this machine in one run, written to docs/benchmarks.md:
#   1. single-record POST of the seed's connection payload, 16 connections (wrk), against
#      (a) a bare QHttpServer route that only parses the JSON (the ceiling) and (b) the console on SQLite;
#   2. batches of 1,000 records to the console on SQLite: records/s stored;
#   3. the storage layer alone (bench_store): records/s in batches of 1,000, SQLite;
#   4. the same single-record and 1,000-record workloads as InfluxDB line protocol, written to Debian's
#      VictoriaMetrics and InfluxDB (each bound to 127.0.0.1, data in a temporary folder);
#   5. with BASELINE_CONSOLE=path, the workloads of 1 and 2 against that console binary too (one built
#      without rollups, to compare ingestion with and without them).
# Each figure is the median of ROUNDS rounds of DURATION seconds; the servers alternate in each round.
# Only 127.0.0.1 is used. Usage: tests/bench/run_ingest_bench.sh [rounds] [seconds]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
rounds=${1:-3}
duration=${2:-10}
missing=()
for tool in wrk victoria-metrics influxd; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if ((${#missing[@]})); then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk victoria-metrics influxdb >/dev/null
fi
[[ -f build/build.ninja ]] || cmake --preset default >/dev/null
cmake --build --preset default >/dev/null

work=$(mktemp -d /tmp/vibestream-bench.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Starts a server whose first stdout line is "Listening on URL"; sets $url and records its pid.
start_server() {
  local out=$work/server-$RANDOM.out
  "$@" >"$out" 2>"$out.err" &
  pids+=($!)
  for _ in $(seq 100); do
    url=$(sed -n 's/^Listening on //p' "$out")
    [[ -n $url ]] && return 0
    sleep 0.1
  done
  echo "server did not start: $*" >&2
  cat "$out.err" >&2
  return 1
}

stop_last_server() {
  kill -TERM "${pids[-1]}"
  wait "${pids[-1]}" 2>/dev/null || true
  unset 'pids[-1]'
}

to_ms() { # wrk latency ("583.00us", "1.68ms", "1.02s") in milliseconds
  awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.2f", v}' <<<"$1"
}

# Runs wrk; prints "requests_per_second p50_ms p99_ms".
load() { # url path body connections
  local output
  output=$(BODY=$3 wrk -t1 -c"$4" -d"${duration}s" --latency -s tests/bench/post.lua "$1$2")
  if grep -q 'Non-2xx' <<<"$output"; then
    echo "non-2xx answers during the run:" >&2
    echo "$output" >&2
    return 1
  fi
  printf '%s %s %s\n' "$(awk '/Requests\/sec/ {print $2}' <<<"$output")" \
    "$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$output")")" "$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$output")")"
}

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

single=tests/data/connection-metrics.json
batch=$work/batch1000.json
{
  printf '{"records": ['
  for i in $(seq 0 999); do
    ((i > 0)) && printf ','
    printf '{"kind": "connection", "session_id": "bench-%d", "user_id": "user-%d", "connection_id": "conn-%d", ' $((i % 50)) $((i % 20)) "$i"
    printf '"peer_id": "peer-%d", "connection_type": "WebRTC", "latency_ms": %d, "bandwidth_mbps": 10.5, ' "$i" $((20 + i % 80))
    printf '"packet_loss_percent": 0.1, "jitter_ms": 5, "connection_quality": "Good", "ice_connection_state": "connected", '
    printf '"dtls_transport_state": "connected"}'
  done
  printf ']}'
} >"$batch"

# The same records as InfluxDB line protocol: the seed's payload, and 1,000 connections.
line_single=$work/single.lp
line_batch=$work/batch1000.lp
line() { # session user connection peer latency
  printf 'connection_metrics,session_id=%s,user_id=%s,connection_id=%s,peer_id=%s,connection_type=WebRTC ' "$1" "$2" "$3" "$4"
  printf 'latency_ms=%di,bandwidth_mbps=10.5,packet_loss_percent=0.1,jitter_ms=5i,connection_quality="Good",' "$5"
  printf 'ice_connection_state="connected",dtls_transport_state="connected"\n'
}
line test-session-001 test-user-001 conn-001 peer-001 45 >"$line_single"
for i in $(seq 0 999); do line "bench-$((i % 50))" "user-$((i % 20))" "conn-$i" "peer-$i" $((20 + i % 80)); done >"$line_batch"

# VictoriaMetrics and InfluxDB 1.x on a free port each, data in the work folder. Sets $url.
start_victoria() {
  local port=$((20000 + RANDOM % 40000))
  rm -rf "$work/vm"
  victoria-metrics -storageDataPath="$work/vm" -httpListenAddr="127.0.0.1:$port" -retentionPeriod=1 \
    >"$work/vm.log" 2>&1 &
  pids+=($!)
  url="http://127.0.0.1:$port"
  for _ in $(seq 100); do curl -sf "$url/health" >/dev/null && return 0; sleep 0.1; done
  echo "VictoriaMetrics did not start" >&2
  return 1
}
start_influx() {
  local port=$((20000 + RANDOM % 40000))
  rm -rf "$work/influx"
  mkdir -p "$work/influx"
  cat >"$work/influx/influx.conf" <<CONF
reporting-disabled = true
bind-address = "127.0.0.1:$((port + 1))"
[meta]
  dir = "$work/influx/meta"
[data]
  dir = "$work/influx/data"
  wal-dir = "$work/influx/wal"
  query-log-enabled = false
[http]
  bind-address = "127.0.0.1:$port"
  log-enabled = false
[monitor]
  store-enabled = false
CONF
  influxd -config "$work/influx/influx.conf" >"$work/influx.log" 2>&1 &
  pids+=($!)
  url="http://127.0.0.1:$port"
  for _ in $(seq 100); do
    curl -sf -X POST "$url/query" --data-urlencode "q=CREATE DATABASE bench" >/dev/null && return 0
    sleep 0.1
  done
  echo "InfluxDB did not start" >&2
  return 1
}

ceiling_runs=() console_runs=() batch_runs=() store_runs=()
vm_runs=() vm_batch_runs=() influx_runs=() influx_batch_runs=() baseline_runs=() baseline_batch_runs=()
records_of() { awk -v r="$1" 'BEGIN {printf "%d", r * 1000}'; }
for round in $(seq "$rounds"); do
  start_server build/bin/bench_ceilingserver
  ceiling_runs+=("$(load "$url" /api/p2p/analytics/connection-metrics "$single" 16)")
  stop_last_server

  rm -f "$work"/console.db*
  start_server build/bin/vibestream-console --headless --port 0 --database "sqlite://$work/console.db"
  console_runs+=("$(load "$url" /api/p2p/analytics/connection-metrics "$single" 16)")
  read -r batch_rps _ _ < <(load "$url" /api/p2p/analytics/batch "$batch" 4)
  batch_runs+=("$(awk -v r="$batch_rps" 'BEGIN {printf "%d", r * 1000}')")
  stop_last_server

  if [[ -n ${BASELINE_CONSOLE:-} ]]; then
    rm -f "$work"/console.db*
    start_server "$BASELINE_CONSOLE" --headless --port 0 --database "sqlite://$work/console.db"
    baseline_runs+=("$(load "$url" /api/p2p/analytics/connection-metrics "$single" 16)")
    read -r batch_rps _ _ < <(load "$url" /api/p2p/analytics/batch "$batch" 4)
    baseline_batch_runs+=("$(records_of "$batch_rps")")
    stop_last_server
  fi

  start_victoria
  vm_runs+=("$(load "$url" /write "$line_single" 16)")
  read -r batch_rps _ _ < <(load "$url" /write "$line_batch" 4)
  vm_batch_runs+=("$(records_of "$batch_rps")")
  stop_last_server

  start_influx
  influx_runs+=("$(load "$url" "/write?db=bench" "$line_single" 16)")
  read -r batch_rps _ _ < <(load "$url" "/write?db=bench" "$line_batch" 4)
  influx_batch_runs+=("$(records_of "$batch_rps")")
  stop_last_server

  rm -f "$work"/store.db*
  store_runs+=("$(build/bin/bench_store "sqlite://$work/store.db" 100 1000 | awk '{print $2}')")
  echo "round $round: ceiling ${ceiling_runs[-1]} | console ${console_runs[-1]} | batch ${batch_runs[-1]} rec/s | store ${store_runs[-1]} rec/s | victoria ${vm_runs[-1]} ${vm_batch_runs[-1]} | influx ${influx_runs[-1]} ${influx_batch_runs[-1]}" >&2
done

column() { printf '%s\n' "${@:2}" | awk -v c="$1" '{print $c}' | median; }
ceiling_rps=$(column 1 "${ceiling_runs[@]}")
console_rps=$(column 1 "${console_runs[@]}")
ratio=$(awk -v a="$console_rps" -v b="$ceiling_rps" 'BEGIN {printf "%.2f", a / b}')
console_batch=$(printf '%s\n' "${batch_runs[@]}" | median)
vm_rps=$(column 1 "${vm_runs[@]}") vm_batch=$(printf '%s\n' "${vm_batch_runs[@]}" | median)
influx_rps=$(column 1 "${influx_runs[@]}") influx_batch=$(printf '%s\n' "${influx_batch_runs[@]}" | median)
x() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2fx", a / b}'; }
baseline_rows=""
if [[ -n ${BASELINE_CONSOLE:-} ]]; then
  baseline_rps=$(column 1 "${baseline_runs[@]}") baseline_batch=$(printf '%s\n' "${baseline_batch_runs[@]}" | median)
  baseline_rows="
### With and without rollups

| workload | console | without rollups (BASELINE_CONSOLE) | with / without |
|---|---|---|---|
| single-record POST, 16 connections (requests/s) | $console_rps | $baseline_rps | $(x "$console_rps" "$baseline_rps") |
| batches of 1,000, 4 connections (records/s) | $console_batch | $baseline_batch | $(x "$console_batch" "$baseline_batch") |

Target: no more than 10 % lower with rollups. Rounds without rollups: ${baseline_runs[*]}, batches ${baseline_batch_runs[*]}.
"
fi
cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
version_of() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null | sed 's/[+~].*//'; }

# Hand-written analysis below the marker survives a new run.
analysis=""
[[ -f docs/benchmarks.md ]] && analysis=$(sed -n '/^<!-- analysis -->$/,$p' docs/benchmarks.md)
# Written aside first, so that a failing run leaves the previous file whole.
cat >"$work/benchmarks.md" <<MD
# Benchmarks

Written by \`tests/bench/run_ingest_bench.sh $rounds $duration\` on $(date -u +%Y-%m-%d). Machine: $(nproc) cores
($cpu), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(uname -sr). Every figure is the
median of $rounds rounds of ${duration} s; the ceiling and the console alternate in each round, so that
both meet the same machine state. wrk runs on the same 2 cores as the server (\`wrk -t1\`).

## Ingest (HTTP issue)

| workload | server | requests/s | p50 ms | p99 ms | records/s |
|---|---|---|---|---|---|
| single-record POST, 16 connections | bare QHttpServer route, parse only (ceiling) | $ceiling_rps | $(column 2 "${ceiling_runs[@]}") | $(column 3 "${ceiling_runs[@]}") | – |
| single-record POST, 16 connections | console, SQLite, answered after COMMIT | $console_rps | $(column 2 "${console_runs[@]}") | $(column 3 "${console_runs[@]}") | $console_rps |
| batches of 1,000, 4 connections | console, SQLite | – | – | – | $console_batch |
| batches of 1,000, no HTTP (\`bench_store\`) | SQLite repository alone | – | – | – | $(printf '%s\n' "${store_runs[@]}" | median) |

Console / ceiling, single-record POST: **${ratio}x** (target 0.60x). Batches: target 300,000 records/s.
$baseline_rows

### Against VictoriaMetrics and InfluxDB (same machine, same load, line protocol)

| workload | VibeStream console (SQLite, answered after COMMIT) | VictoriaMetrics $(version_of victoria-metrics) | InfluxDB $(version_of influxdb) | console / VictoriaMetrics | console / InfluxDB |
|---|---|---|---|---|---|
| single-record POST, 16 connections (requests/s) | $console_rps | $vm_rps | $influx_rps | $(x "$console_rps" "$vm_rps") | $(x "$console_rps" "$influx_rps") |
| batches of 1,000, 4 connections (records/s) | $console_batch | $vm_batch | $influx_batch | $(x "$console_batch" "$vm_batch") | $(x "$console_batch" "$influx_batch") |

VictoriaMetrics answers 204 before the data is on disk (it buffers about a second in memory);
InfluxDB 1.x answers once the points are in its write-ahead log. The console answers after COMMIT.

Rounds (requests/s p50 p99): ceiling ${ceiling_runs[*]}; console ${console_runs[*]}; batch records/s
${batch_runs[*]}; store records/s ${store_runs[*]}; VictoriaMetrics ${vm_runs[*]}, batches ${vm_batch_runs[*]};
InfluxDB ${influx_runs[*]}, batches ${influx_batch_runs[*]}.

$analysis
MD
cp "$work/benchmarks.md" docs/benchmarks.md
cat docs/benchmarks.md
