#!/usr/bin/env bash
# Scale benchmarks of the rollups issue, measured on this machine in one run, written into
# docs/benchmarks.md between the "scale" markers:
#   1. the API's analytics queries (bench_queries: p50 and p95 of 21 calls) on SQLite and PostgreSQL;
#   2. one console refresh (bench_refresh: every tile, chart and table, and the longest GUI stall),
#      the console's memory, and the database's bytes per stored record, on SQLite.
# Databases hold BenchData's samples over the 24 hours before they were filled (2,000 peers, 500
# sessions, 200 users). Usage:
#   tests/bench/run_scale_bench.sh [sqlite sizes] [postgresql sizes]     default "1000000 10000000" "1000000"
# BENCH_DIR=dir keeps the filled databases there (sqlite-N.db, and a PostgreSQL cluster in postgresql/
# with a database scaleN per size) and reuses them on the next run.
# Only 127.0.0.1 is used.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
sqlite_sizes=${1:-"1000000 10000000"}
postgres_sizes=${2:-"1000000"}
[[ -f build/build.ninja ]] || cmake --preset default >/dev/null
cmake --build --preset default >/dev/null

work=$(mktemp -d /tmp/vibestream-scale.XXXXXX)
dir=${BENCH_DIR:-$work}
mkdir -p "$dir"
pg_dir=""
cleanup() {
  if [[ -n $pg_dir ]]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true
    [[ -n ${BENCH_DIR:-} ]] || rm -rf "$pg_dir"
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# "query NAME p50_ms X p95_ms Y" lines as table rows: | NAME | X | Y |
query_rows() { awk '$1 == "query" {printf "| `%s` | %.1f | %.1f |\n", $2, $4, $6}'; }

section=$work/section.md
{
  echo "<!-- scale -->"
  echo "## Scale (rollups issue)"
  echo
  echo "Written by \`tests/bench/run_scale_bench.sh \"$sqlite_sizes\" \"$postgres_sizes\"\` on $(date -u +%Y-%m-%d): $(nproc) cores,"
  echo "$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo). Samples of \`BenchData::fill\` over the 24 hours before the fill."
  echo
} >"$section"

for n in $sqlite_sizes; do
  db=$dir/sqlite-$n.db
  fill="reused"
  if [[ ! -f $db ]]; then
    fill=$(build/bin/bench_queries fill "sqlite://$db" "$n" | awk '{print $5 " s"}')
  fi
  queries=$(build/bin/bench_queries run "sqlite://$db" 21)
  refresh=$(QT_QPA_PLATFORM=offscreen build/bin/bench_refresh "$db" "$n" 2>/dev/null)
  bytes=$(stat -c %s "$db")
  [[ -f $db-wal ]] && bytes=$((bytes + $(stat -c %s "$db-wal")))
  {
    echo "### SQLite, $(printf "%'d" "$n") records (filled in $fill)"
    echo
    echo "| query (24 h) | p50 ms | p95 ms |"
    echo "|---|---|---|"
    query_rows <<<"$queries"
    echo
    echo "| console refresh | queries ms (median) | console ms (median) | console ms (max) | longest GUI stall ms |"
    echo "|---|---|---|---|---|"
    awk '$1 ~ /^window=/ {split($1, w, "="); printf "| last %s h | %.0f | %.0f | %.0f | %.0f |\n", w[2] / 3600, $4, $7, $9, $11}' <<<"$refresh"
    echo
    awk '$1 == "rss_kib" {printf "Console memory with this database: %.0f MB resident after the refreshes, %.0f MB at peak (%.0f MB of it heap; the rest is SQLite'"'"'s mapped file and page cache, bounded by its settings).\n", $2 / 1024, $4 / 1024, $6 / 1024}' <<<"$refresh"
    echo "Database: $(awk -v b="$bytes" 'BEGIN {printf "%.0f MB", b / 1e6}'), $(awk -v b="$bytes" -v n="$n" 'BEGIN {printf "%.0f", b / n}') bytes per stored record (raw rows and their indices, rollups, presence)."
    echo
  } >>"$section"
done

if [[ -n $postgres_sizes ]]; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  pg_dir=$dir/postgresql
  mkdir -p "$pg_dir"
  chown postgres "$pg_dir"
  [[ -f $pg_dir/data/PG_VERSION ]] || runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U vibe -E UTF8 >/dev/null
  port=$((20000 + RANDOM % 40000))
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w start \
    -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c shared_buffers=512MB" >/dev/null
  for n in $postgres_sizes; do
    url="postgresql://vibe@127.0.0.1:$port/scale$n"
    fill="reused"
    admin="postgresql://vibe@127.0.0.1:$port/postgres"
    if ! psql -qtA "$admin" -c "SELECT 1 FROM pg_database WHERE datname = 'scale$n'" | grep -q 1; then
      # Filled under another name, so that an interrupted fill is never reused.
      psql -q "$admin" -c "DROP DATABASE IF EXISTS filling$n" -c "CREATE DATABASE filling$n"
      fill=$(build/bin/bench_queries fill "postgresql://vibe@127.0.0.1:$port/filling$n" "$n" | awk '{print $5 " s"}')
      psql -q "$admin" -c "ALTER DATABASE filling$n RENAME TO scale$n"
    fi
    psql -q "$url" -c "VACUUM ANALYZE"
    queries=$(build/bin/bench_queries run "$url" 21)
    {
      echo "### PostgreSQL 15, $(printf "%'d" "$n") records (filled in $fill)"
      echo
      echo "| query (24 h) | p50 ms | p95 ms |"
      echo "|---|---|---|"
      query_rows <<<"$queries"
      echo
    } >>"$section"
  done
fi
echo "<!-- /scale -->" >>"$section"

# Replace the previous scale section, or add it at the end.
if grep -q '^<!-- scale -->$' docs/benchmarks.md; then
  awk -v file="$section" '
    /^<!-- scale -->$/ {while ((getline line < file) > 0) print line; skip = 1; next}
    /^<!-- \/scale -->$/ {skip = 0; next}
    !skip {print}' docs/benchmarks.md >"$work/benchmarks.md"
  cp "$work/benchmarks.md" docs/benchmarks.md
else
  { echo; cat "$section"; } >>docs/benchmarks.md
fi
cat "$section"
