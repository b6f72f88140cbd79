#!/usr/bin/env bash
# Runs every test Runnel has, on a fresh machine of the project's kind, installing what the tests need first
# (with apt-get, so on Debian it needs root for that part). Ends with one line "N passed, N failed, N skipped" summed
# over every test runner and the README Quickstart check, and exits non-zero on failure.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out="$root/.test-run"
rm -rf "$out" && mkdir -p "$out"

passed=0; failed=0; skipped=0; broken=0

# --- SMTP servers for the delivery tests ------------------------------------------------------------------------
# A real SMTP server on loopback (Debian's python3-aiosmtpd) that stores what it accepts, and a second one that
# answers 451 to the first two deliveries of each message. Tests find them through RUNNEL_TEST_SMTP_* and fail
# (never pass silently) when those are missing.
if ! /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq python3-aiosmtpd >"$out/apt.log" 2>&1 \
    || { apt-get update -qq >>"$out/apt.log" 2>&1 && apt-get install -y -qq python3-aiosmtpd >>"$out/apt.log" 2>&1; } \
    || cat "$out/apt.log"
fi
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
smtp_pids=()
start_smtp() { # port folder fail_first
  /usr/bin/python3 "$root/scripts/smtp_sink.py" "$1" "$2" "$3" >"$2.log" 2>&1 &
  smtp_pids+=("$!")
  for _ in $(seq 1 100); do
    grep -q listening "$2.log" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "SMTP server on port $1 did not start:"; cat "$2.log"
}
stop_smtp() { for pid in "${smtp_pids[@]}"; do kill "$pid" 2>/dev/null; done; }
RUNNEL_TEST_SMTP_PORT=$(free_port); RUNNEL_TEST_SMTP_DIR="$out/smtp"
start_smtp "$RUNNEL_TEST_SMTP_PORT" "$RUNNEL_TEST_SMTP_DIR" 0
RUNNEL_TEST_SMTP_FLAKY_PORT=$(free_port); RUNNEL_TEST_SMTP_FLAKY_DIR="$out/smtp-flaky"
start_smtp "$RUNNEL_TEST_SMTP_FLAKY_PORT" "$RUNNEL_TEST_SMTP_FLAKY_DIR" 2
export RUNNEL_TEST_SMTP_PORT RUNNEL_TEST_SMTP_DIR RUNNEL_TEST_SMTP_FLAKY_PORT RUNNEL_TEST_SMTP_FLAKY_DIR

# --- A throwaway PostgreSQL 15 for the storage suite and the second HTTP run --------------------------------------
# Debian's server package, started without systemd on loopback with trust auth (TOOLCHAIN.md); fsync and
# synchronous_commit keep their defaults, so commits are as durable as in production. If it does not start, the
# PostgreSQL tests still run and fail on the connection: they count as failures, never as skipped. max_connections
# is raised because every test server (and every node of the multi-node tests) holds a pool of its own.
PGBIN=/usr/lib/postgresql/15/bin
if [ ! -x "$PGBIN/initdb" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq postgresql >"$out/apt-pg.log" 2>&1 \
    || { apt-get update -qq >>"$out/apt-pg.log" 2>&1 && apt-get install -y -qq postgresql >>"$out/apt-pg.log" 2>&1; } \
    || cat "$out/apt-pg.log"
fi
pg_port=55432
if ! /usr/bin/python3 -c "import socket; socket.socket().bind(('127.0.0.1', $pg_port))" 2>/dev/null; then
  pg_port=$(free_port)   # another run holds the usual port
fi
pg_data=$(mktemp -d -t pgdata.XXXXXX)
as_postgres=()
if [ "$(id -u)" -eq 0 ]; then   # the server refuses to run as root
  chown postgres:postgres "$pg_data"
  as_postgres=(runuser -u postgres --)
fi
chmod 700 "$pg_data"
pg_started=0
# postgres cannot read root's working directory, hence the subshells in /.
if (cd / && "${as_postgres[@]}" "$PGBIN/initdb" -D "$pg_data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8) \
     >"$out/pg-initdb.log" 2>&1 \
   && (cd / && "${as_postgres[@]}" "$PGBIN/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w -t 60 \
     -o "-p $pg_port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300" start) >"$out/pg-start.log" 2>&1; then
  pg_started=1
else
  echo "PostgreSQL did not start; its tests will fail:"; cat "$out/pg-initdb.log" "$out/pg-start.log" "$pg_data/server.log" 2>/dev/null
fi
stop_pg() {
  if [ "$pg_started" -eq 1 ]; then
    cp "$pg_data/server.log" "$out/postgres.log" 2>/dev/null
    (cd / && "${as_postgres[@]}" "$PGBIN/pg_ctl" -D "$pg_data" -m fast -w stop) >/dev/null 2>&1
  fi
  rm -rf "$pg_data"
}
trap 'stop_smtp; stop_pg' EXIT

# The README's Quickstart needs curl and jq.
if ! command -v jq >/dev/null 2>&1 || ! command -v curl >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq curl jq >"$out/apt-jq.log" 2>&1 \
    || { apt-get update -qq >>"$out/apt-jq.log" 2>&1 && apt-get install -y -qq curl jq >>"$out/apt-jq.log" 2>&1; } \
    || cat "$out/apt-jq.log"
fi
export RUNNEL_TEST_PG="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"

# --- .NET test assemblies ---------------------------------------------------------------------------------------
if ! dotnet build Runnel.slnx -c Release -nologo -v quiet >"$out/build.log" 2>&1; then
  cat "$out/build.log"
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# The README's Quickstart block, run as written (scripts/quickstart_test.sh), counted as one test. It runs beside the
# test assemblies: its own port and data folder, and its build finds the solution built above.
bash scripts/quickstart_test.sh "$out/quickstart" >"$out/quickstart.log" 2>&1 &
quickstart_pid=$!

# Both background suites below drive Debian's Chromium and would each apt-get it on a fresh machine; two apt-gets at
# once fight over dpkg's lock and one loses. Install it here, once, before either starts.
if [ ! -x /usr/bin/chromium ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq -o DPkg::Lock::Timeout=300 chromium >"$out/apt-chromium.log" 2>&1 \
    || { apt-get update -qq >>"$out/apt-chromium.log" 2>&1 \
         && apt-get install -y -qq -o DPkg::Lock::Timeout=300 chromium >>"$out/apt-chromium.log" 2>&1; } \
    || cat "$out/apt-chromium.log"   # the browser tests then fail, naming the missing binary
fi

# --- The TypeScript SDK (sdk/js), in the background beside the .NET tests: its own servers, ports and data folders --
RUNNEL_SDK_JS_SKIP_BUILD=1 RUNNEL_SDK_JS_OUT="$out/sdk-js" bash scripts/test-sdk-js.sh >"$out/sdk-js.log" 2>&1 &
sdk_js_pid=$!

# --- The web UI (web/): vitest and Chromium end-to-end tests, in the background too, with its own server and port --
RUNNEL_WEB_SKIP_BUILD=1 RUNNEL_WEB_OUT="$out/web" bash scripts/test-web.sh >"$out/web.log" 2>&1 &
web_pid=$!

dotnet_status=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  # Multi-node tests need a database several processes share: they run in the PostgreSQL pass below.
  dotnet test "$project" -c Release --no-build -nologo --results-directory "$out/trx" \
    --filter "Category!=Cluster" --logger "trx;LogFileName=$name.trx" 2>&1 | tee -a "$out/dotnet-test.log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || dotnet_status=1
done

# The whole HTTP suite again, every server on a PostgreSQL database of its own, plus the multi-node tests.
RUNNEL_TEST_BACKEND=postgres dotnet test tests/Runnel.Server.Tests/Runnel.Server.Tests.csproj -c Release --no-build \
  -nologo --results-directory "$out/trx" --logger "trx;LogFileName=Runnel.Server.Tests.postgres.trx" 2>&1 \
  | tee -a "$out/dotnet-test.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || dotnet_status=1

# Each test assembly writes a TRX file whose <Counters> element holds its totals.
assemblies=0
for trx in "$out"/trx/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { printf '%s' "$counters" | sed -nE "s/.* $1=\"([0-9]+)\".*/\1/p"; }
  total=$(get total); executed=$(get executed); p=$(get passed); f=$(get failed)
  errors=$(get error); timeouts=$(get timeout); aborted=$(get aborted)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${errors:-0} + ${timeouts:-0} + ${aborted:-0}))
  skipped=$((skipped + ${total:-0} - ${executed:-0}))
  assemblies=$((assemblies + 1))
done
if [ "$dotnet_status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The runner failed without reporting a failed test (a crashed test host, say): count it as a failure.
  broken=1
fi
if [ ! -f "$out/trx/Runnel.Server.Tests.postgres.trx" ]; then
  broken=$((broken + 1))   # the PostgreSQL run did not even report
fi
if [ "$assemblies" -eq 0 ]; then
  broken=1
fi

if wait "$quickstart_pid"; then
  echo "README Quickstart: passed"
  passed=$((passed + 1))
else
  echo "README Quickstart: failed"
  cat "$out/quickstart.log"
  failed=$((failed + 1))
fi

# The TypeScript SDK's counts, from the last line of its script ("N passed, N failed").
wait "$sdk_js_pid"; sdk_js_status=$?
sdk_js_summary=$(tail -n 1 "$out/sdk-js.log")
if [[ "$sdk_js_summary" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
  passed=$((passed + BASH_REMATCH[1])); failed=$((failed + BASH_REMATCH[2]))
  [ "$sdk_js_status" -ne 0 ] && [ "${BASH_REMATCH[2]}" -eq 0 ] && broken=$((broken + 1))
else
  broken=$((broken + 1))
fi
[ "$sdk_js_status" -eq 0 ] || { grep -vE '^(ok |  |# Subtest)' "$out/sdk-js.log" | tail -n 80; }
echo "sdk/js: $sdk_js_summary (log: .test-run/sdk-js.log)"

# The web UI's counts, from the last line of its script ("N passed, N failed").
wait "$web_pid"; web_status=$?
web_summary=$(tail -n 1 "$out/web.log")
if [[ "$web_summary" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
  passed=$((passed + BASH_REMATCH[1])); failed=$((failed + BASH_REMATCH[2]))
  [ "$web_status" -ne 0 ] && [ "${BASH_REMATCH[2]}" -eq 0 ] && broken=$((broken + 1))
else
  broken=$((broken + 1))
fi
[ "$web_status" -eq 0 ] || tail -n 80 "$out/web.log"
grep -E '^web (vitest|e2e)' "$out/web.log"
echo "web: $web_summary (log: .test-run/web.log, screenshots: .test-run/web/)"

failed=$((failed + broken))
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
[ "$failed" -eq 0 ]
