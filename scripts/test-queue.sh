#!/usr/bin/env bash
# The queue-mode suite (npm run test:queue): Redis and nginx from Debian and Postgres 17 from npm
# (scripts/install-queue.sh), then the same steps as the e2e suites (scripts/e2e.sh: dependencies,
# the pinned n8n runtime, the build) with jest.queue.config.js. Every server it starts is its own
# process on a loopback port, stopped by PID at the end (also when jest dies: the e2e harness's
# watchdog and exit hook). Extra arguments go to jest. Env: QUEUE_DETECTIONS (default 2000),
# E2E_SKIP_BUILD=1. Runs on the default n8n line only.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
echo "[queue] Postgres 17, Redis, nginx: scripts/install-queue.sh"
bash scripts/install-queue.sh
E2E_JEST_CONFIG=jest.queue.config.js exec bash scripts/e2e.sh "$@"
