#!/usr/bin/env bash
# Regenerates docs/demo-workflow.png (README): starts `npm start` (scripts/start.sh) on a spare port,
# waits until the demo has shown a few executions, photographs the workflow in the editor with
# headless Chromium, then stops the demo. Needs Chromium: installs it with scripts/install-browser.sh.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
bash scripts/install-browser.sh
PORT=${SCREENSHOT_PORT:-5699}
LOG=$(mktemp)
DEV_HOME=$(mktemp -d)
N8N_PORT=$PORT DEV_HOME=$DEV_HOME DEMO_INTERVAL_MS=2000 bash scripts/start.sh >"$LOG" 2>&1 &
DEMO=$!
cleanup() {
	kill -TERM "$DEMO" 2>/dev/null || true
	wait "$DEMO" 2>/dev/null || true
	rm -rf "$DEV_HOME" "$DEV_HOME.logs" "$LOG"
}
trap cleanup EXIT
for _ in $(seq 1 600); do
	if [ "$(grep -c 'execution #' "$LOG" || true)" -ge 3 ]; then break; fi
	kill -0 "$DEMO" 2>/dev/null || { cat "$LOG"; echo "[screenshot] npm start exited early" >&2; exit 1; }
	sleep 1
done
grep -q 'execution #' "$LOG" || { cat "$LOG"; echo "[screenshot] no execution within 10 minutes" >&2; exit 1; }
N8N_URL=http://127.0.0.1:$PORT node build/scripts/screenshot.js
