#!/usr/bin/env bash
# The README's two commands, on Debian 12:
#   ./packaging/dev.sh run    install what is missing, build, start the console
#   ./packaging/dev.sh test   install what is missing, build, run every test
# Running either again when nothing changed installs nothing and builds incrementally.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

# libjs-chart.js: Chart.js, compiled into the web dashboard; fonts-dejavu-core: the PDF reports' text.
# libqt6opengl6-dev: Qt6Charts' CMake package needs Qt6OpenGL, which qt6-base-dev only recommends.
build_packages=(cmake ninja-build g++ qt6-base-dev libqt6opengl6-dev qt6-charts-dev qt6-httpserver-dev
                qt6-websockets-dev zlib1g-dev
                libqt6sql6-sqlite libqt6sql6-psql libsqlite3-dev libgl-dev fonts-dejavu-core
                libjs-chart.js)
# poppler-utils: the PDF export tests read the reports back with pdfinfo, pdftotext and pdftocairo;
# chromium: the browser tests (tests/browser), with iproute2 for their network namespace.
test_packages=(postgresql poppler-utils chromium iproute2)

say() { printf '[dev.sh] %s\n' "$*" >&2; }

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

# Installs the named Debian packages that are not installed yet.
ensure_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  ((${#missing[@]} == 0)) && return 0
  say "installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

build() {
  [[ -f build/build.ninja ]] || cmake --preset default >/dev/null
  cmake --build --preset default
}

# A throwaway PostgreSQL cluster for the tests: initdb in a temporary folder as the postgres user
# (initdb refuses root), listening on 127.0.0.1 only, on a free port. Stopped and removed on exit.
pg_dir=""
stop_postgres() {
  [[ -n $pg_dir ]] || return 0
  as_root runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}

start_postgres() {
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  pg_dir=$(mktemp -d /tmp/vibestream-pg.XXXXXX)
  as_root chown postgres "$pg_dir"
  trap stop_postgres EXIT
  as_root runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U vibe -E UTF8 >/dev/null
  local attempt port
  for attempt in 1 2 3 4 5 6 7 8; do
    port=$((20000 + RANDOM % 40000))
    if as_root runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w start \
         -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off" >/dev/null; then
      export VIBESTREAM_TEST_POSTGRES_URL="postgresql://vibe@127.0.0.1:$port/postgres"
      say "PostgreSQL for the tests on 127.0.0.1:$port"
      return 0
    fi
  done
  say "could not start PostgreSQL; its log:"
  cat "$pg_dir/log" >&2
  return 1
}

case "${1:-}" in
  run)
    shift
    ensure_packages "${build_packages[@]}"
    build
    if [[ -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} ]]; then
      say "no display: starting the console headless"
      exec build/bin/vibestream-console --headless "$@"
    fi
    exec build/bin/vibestream-console "$@"
    ;;
  test)
    shift
    ensure_packages "${build_packages[@]}" "${test_packages[@]}"
    # Node.js drives the browser tests; a machine that has it (from elsewhere than Debian) keeps it.
    command -v npm >/dev/null || ensure_packages nodejs npm
    build
    say "installing the browser tests' playwright-core (tests/browser/package-lock.json)"
    npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error >/dev/null
    start_postgres
    ctest --preset default --parallel "$(nproc)" "$@"
    ;;
  *)
    echo "usage: $0 run|test [arguments for the console or ctest]" >&2
    exit 2
    ;;
esac
