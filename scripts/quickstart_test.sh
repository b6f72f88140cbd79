#!/usr/bin/env bash
# Runs the README's Quickstart block as written, against a fresh data folder and a free port, so the README cannot
# drift from the product. Usage: scripts/quickstart_test.sh OUTPUT_FOLDER. Exits 0 when the block ran to its end
# without a failed call and showed the triggered member completed; its output is in OUTPUT_FOLDER/output.log.
set -uo pipefail
cd "$(dirname "$0")/.."
dir=$(realpath -m "$1")
rm -rf "$dir" && mkdir -p "$dir"

# The first ```bash fence after the "## Quickstart" heading, up to its closing fence.
awk '/^## Quickstart/ { section = 1; next }
     section && /^```bash$/ { inside = 1; next }
     inside && /^```$/ { exit }
     inside { print }' README.md > "$dir/quickstart.sh"
if [ ! -s "$dir/quickstart.sh" ]; then
  echo "quickstart: no \`\`\`bash block under \"## Quickstart\" in README.md"
  exit 1
fi

port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# bash -e: a call that fails (curl --fail-with-body) stops the block, where a user pasting it would see the error.
# setsid: the block and the server it leaves running share a process group of their own, stopped below; timeout
# bounds a hung build or server (signalling that group).
RUNNEL="http://127.0.0.1:$port" DATA="$dir/data" setsid timeout 300 bash -e "$dir/quickstart.sh" \
  > "$dir/output.log" 2>&1 < /dev/null &
group=$!
wait "$group"
status=$?
kill -- "-$group" 2>/dev/null

if [ "$status" -ne 0 ]; then
  echo "quickstart: the README block exited with status $status:"
elif ! grep -q '"status": "completed"' "$dir/output.log"; then
  echo "quickstart: the README block ran, but did not show the member completed:"
  status=1
fi
if [ "$status" -ne 0 ]; then
  cat "$dir/output.log"
  tail -n 40 "$dir/data/server.log" 2>/dev/null
fi
exit "$status"
