#!/usr/bin/env bash
# Tests the TypeScript SDK (sdk/js) against real Runnel servers and Chromium, installing what it needs first:
# npm packages (npm install, not npm ci: the lock file would name platform binaries the mirror lacks), Debian's
# chromium, the server build. Ends with one line "N passed, N failed" and exits non-zero on failure.
# RUNNEL_SDK_JS_SKIP_BUILD=1 skips the server build (scripts/test.sh has built it); RUNNEL_SDK_JS_OUT sets where
# logs, TAP output, screenshots and the bundle size go (default .test-run/sdk-js).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out="${RUNNEL_SDK_JS_OUT:-$root/.test-run/sdk-js}"
mkdir -p "$out"
fail() { echo "$1"; echo "0 passed, 1 failed"; exit 1; }

if [ ! -x /usr/bin/chromium ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq -o DPkg::Lock::Timeout=300 chromium >"$out/apt-chromium.log" 2>&1 \
    || { apt-get update -qq >>"$out/apt-chromium.log" 2>&1 && apt-get install -y -qq -o DPkg::Lock::Timeout=300 chromium >>"$out/apt-chromium.log" 2>&1; } \
    || cat "$out/apt-chromium.log"   # the browser test then fails, naming the missing binary
fi

(cd sdk/js && npm install --no-audit --no-fund >"$out/npm-install.log" 2>&1) \
  || { cat "$out/npm-install.log"; fail "npm install in sdk/js failed"; }

if [ "${RUNNEL_SDK_JS_SKIP_BUILD:-0}" != "1" ]; then
  dotnet build Runnel.slnx -c Release -nologo -v quiet >"$out/dotnet-build.log" 2>&1 \
    || { cat "$out/dotnet-build.log"; fail "server build failed"; }
fi

(cd sdk/js && node scripts/build.mjs) >"$out/sdk-build.log" 2>&1 \
  || { cat "$out/sdk-build.log"; fail "sdk/js build failed"; }

# Starts its own servers on free ports with their own data folders; prints the TAP stream, then the summary line.
cd sdk/js && RUNNEL_SDK_JS_OUT="$out" node test/run.mjs
