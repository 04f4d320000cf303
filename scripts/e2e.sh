#!/usr/bin/env bash
# End-to-end tests against a real n8n (2.41.1 by default): installs (or reuses) the runtime, builds the
# package, then runs jest with jest.e2e.config.js. Extra arguments go to jest, e.g.
#   bash scripts/e2e.sh -t 'credential test'
# Env: N8N_VERSION picks the n8n line (scripts/n8n-lines.sh), e.g. `N8N_VERSION=1.123.x npm run test:e2e`.
#      On a line other than the default only the compatibility suites run (N8N_COMPAT_SUITES below:
#      package install + credential test, the trigger, the examples) unless test files are named;
#      the editor, harness and bench suites are for the default line.
#      E2E_SKIP_BUILD=1 skips `npm run build` (when dist/ is already fresh);
#      E2E_KEEP=1 keeps each n8n user folder (path printed in the test output);
#      E2E_N8N_LOG_DIR (default .cache/e2e-logs) where each n8n's stdout/stderr is written;
#      E2E_JEST_CONFIG (default jest.e2e.config.js) another suite on the same set-up (scripts/test-queue.sh).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
T0=$SECONDS
say() { printf '[e2e %4ds] %s\n' "$((SECONDS - T0))" "$*"; }
. scripts/n8n-lines.sh
n8n_line "${N8N_VERSION:-}" || { say "ERROR: unknown N8N_VERSION '${N8N_VERSION:-}' (see scripts/n8n-lines.sh)"; exit 2; }
DEFAULT_LINE=$(n8n_line '' && echo "$N8N_LINE") # in a subshell: the selected line stays set
N8N_COMPAT_SUITES=(test/e2e/package.e2e.test.ts test/e2e/trigger.e2e.test.ts test/e2e/examples.e2e.test.ts)

say "dependencies: scripts/ensure-deps.sh"
bash scripts/ensure-deps.sh
say "runtime: scripts/install-n8n.sh (n8n $N8N_LINE_VERSION)"
bash scripts/install-n8n.sh
CONFIG=${E2E_JEST_CONFIG:-jest.e2e.config.js}
if [ "$CONFIG" != jest.e2e.config.js ]; then
	: # another suite: neither the editor's browser nor the compatibility set
elif [ "$N8N_LINE" = "$DEFAULT_LINE" ]; then
	say "browser (editor test): scripts/install-browser.sh"
	bash scripts/install-browser.sh
else
	named=0
	for arg in "$@"; do case $arg in *.test.ts) named=1 ;; esac; done
	if [ "$named" = 0 ]; then set -- "$@" "${N8N_COMPAT_SUITES[@]}"; fi
fi

if [ "${E2E_SKIP_BUILD:-0}" != 1 ]; then
	say "build: npm run build"
	npm run build || { say "ERROR: 'npm run build' failed; the e2e suite needs a built dist/"; exit 1; }
fi
[ -d dist ] || { say "ERROR: no dist/ after the build"; exit 1; }

say "jest: $CONFIG $*"
# jest runs on the system Node (20); the harness starts n8n itself with the line's Node from its runtime.
status=0
./node_modules/.bin/jest --config "$CONFIG" "$@" || status=$?
say "done (exit $status)"
exit "$status"
