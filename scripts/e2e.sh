#!/usr/bin/env bash
# End-to-end tests against a real n8n 2.41.1: installs (or reuses) the runtime, builds the package,
# then runs jest with jest.e2e.config.js. Extra arguments go to jest, e.g.
#   bash scripts/e2e.sh -t 'credential test'
# Env: E2E_SKIP_BUILD=1 skips `npm run build` (when dist/ is already fresh);
#      E2E_KEEP=1 keeps each n8n user folder (path printed in the test output);
#      E2E_N8N_LOG_DIR (default .cache/e2e-logs) where each n8n's stdout/stderr is written.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
T0=$SECONDS
say() { printf '[e2e %4ds] %s\n' "$((SECONDS - T0))" "$*"; }

say "dependencies: scripts/ensure-deps.sh"
bash scripts/ensure-deps.sh
say "runtime: scripts/install-n8n.sh"
bash scripts/install-n8n.sh
say "browser (editor test): scripts/install-browser.sh"
bash scripts/install-browser.sh

if [ "${E2E_SKIP_BUILD:-0}" != 1 ]; then
	say "build: npm run build"
	npm run build || { say "ERROR: 'npm run build' failed; the e2e suite needs a built dist/"; exit 1; }
fi
[ -d dist ] || { say "ERROR: no dist/ after the build"; exit 1; }

say "jest: jest.e2e.config.js $*"
# jest runs on the system Node (20); the harness starts n8n itself with Node 24 from .cache/runtime.
status=0
./node_modules/.bin/jest --config jest.e2e.config.js "$@" || status=$?
say "done (exit $status)"
exit "$status"
