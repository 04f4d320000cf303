#!/usr/bin/env bash
# The queue-mode suite: installs what it needs (development dependencies, the pinned n8n runtime,
# Redis and nginx from Debian, Postgres 17 from npm), builds the package, then runs
# jest.queue.config.js. Every server it starts is its own process on a loopback port, stopped by PID
# at the end (also when jest dies: the e2e harness's watchdog and exit hook).
# Extra arguments go to jest. Env: QUEUE_DETECTIONS (default 2000), E2E_SKIP_BUILD=1.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
T0=$SECONDS
say() { printf '[queue %4ds] %s\n' "$((SECONDS - T0))" "$*"; }

say "dependencies: scripts/ensure-deps.sh"
bash scripts/ensure-deps.sh
say "runtime: scripts/install-n8n.sh"
bash scripts/install-n8n.sh
say "Postgres 17, Redis, nginx: scripts/install-queue.sh"
bash scripts/install-queue.sh
if [ "${E2E_SKIP_BUILD:-0}" != 1 ]; then
	say "build: npm run build"
	npm run build
fi
say "jest: jest.queue.config.js $*"
status=0
./node_modules/.bin/jest --config jest.queue.config.js "$@" || status=$?
say "done (exit $status)"
exit "$status"
