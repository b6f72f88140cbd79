#!/usr/bin/env bash
# Tests the web UI (web/): vitest unit tests, then end-to-end tests in Debian's Chromium (playwright-core) against a
# real Runnel server on the dev clock (own port, own data folder), installing what it needs first: chromium, the npm
# packages (npm install, not npm ci: the lock file would name platform binaries the mirror lacks), the server build.
# Prints each suite's counts and ends with one line "N passed, N failed"; exits non-zero on failure.
# RUNNEL_WEB_SKIP_BUILD=1 skips the server build (scripts/test.sh has built it); RUNNEL_WEB_OUT sets where logs and
# screenshots go (default web/test-results).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out="${RUNNEL_WEB_OUT:-$root/web/test-results}"
mkdir -p "$out"
fail() { echo "$1"; echo "0 passed, 1 failed"; exit 1; }

if [ ! -x /usr/bin/chromium ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq -o DPkg::Lock::Timeout=300 chromium >"$out/apt-chromium.log" 2>&1 \
    || { apt-get update -qq >>"$out/apt-chromium.log" 2>&1 && apt-get install -y -qq -o DPkg::Lock::Timeout=300 chromium >>"$out/apt-chromium.log" 2>&1; } \
    || cat "$out/apt-chromium.log"   # the browser tests then fail, naming the missing binary
fi

(cd web && npm install --no-audit --no-fund >"$out/npm-install.log" 2>&1) \
  || { cat "$out/npm-install.log"; fail "npm install in web/ failed"; }

# The server build (the MSBuild target in Runnel.Server.csproj) also builds web/dist when it is older than its sources.
if [ "${RUNNEL_WEB_SKIP_BUILD:-0}" != "1" ]; then
  dotnet build src/Runnel.Server -c Release -nologo -v quiet >"$out/dotnet-build.log" 2>&1 \
    || { cat "$out/dotnet-build.log"; fail "server build failed"; }
fi
if [ ! -f web/dist/index.html ]; then
  (cd web && npm run build) >"$out/web-build.log" 2>&1 || { cat "$out/web-build.log"; fail "web build failed"; }
fi

passed=0; failed=0

# --- vitest -------------------------------------------------------------------------------------------------------
(cd web && npx vitest run --reporter=json --outputFile="$out/vitest.json") >"$out/vitest.log" 2>&1
vitest_status=$?
read -r vp vf < <(node -e '
  try { const r = require(process.argv[1]); console.log(r.numPassedTests, r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0)); }
  catch { console.log("0 1"); }' "$out/vitest.json")
[ "$vitest_status" -ne 0 ] && [ "$vf" -eq 0 ] && vf=1
[ "$vf" -ne 0 ] && (cd web && npx vitest run 2>&1 | tail -n 60)
echo "web vitest: $vp passed, $vf failed"
passed=$((passed + vp)); failed=$((failed + vf))

# --- Chromium end to end --------------------------------------------------------------------------------------------
(cd web && RUNNEL_WEB_OUT="$out" node e2e/run.mjs) >"$out/e2e.log" 2>&1
e2e_status=$?
e2e_summary=$(tail -n 1 "$out/e2e.log")
if [[ "$e2e_summary" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
  ep=${BASH_REMATCH[1]}; ef=${BASH_REMATCH[2]}
  [ "$e2e_status" -ne 0 ] && [ "$ef" -eq 0 ] && ef=1
else
  ep=0; ef=1
fi
[ "$ef" -ne 0 ] && tail -n 80 "$out/e2e.log"
echo "web e2e (Chromium): $ep passed, $ef failed (screenshots: $out)"
passed=$((passed + ep)); failed=$((failed + ef))

echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
