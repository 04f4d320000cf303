#!/usr/bin/env bash
# `npm start`: the live demo on a fresh clone with only the system Node 20.
#   1. development dependencies (scripts/ensure-deps.sh) and the pinned n8n 2.41.1 + Node 24
#      runtime (scripts/install-n8n.sh, cached in .cache/runtime) when missing;
#   2. builds the package (npm run build) and the tools (npm run build:tools) when sources changed;
#   3. runs build/scripts/demo.js: sandbox, n8n with this package, credentials, examples, published
#      alert workflow, simulated detections, one line per execution (see scripts/demo.ts).
# Ctrl-C stops everything it started.
# Env: N8N_PORT (default 5678), SANDBOX_PORT, DEMO_INTERVAL_MS, DEMO_MAX_DETECTIONS (stop after N
#      executions), DEV_HOME (default .cache/dev-home), SKIP_BUILD=1 / FORCE_BUILD=1;
#      real services: VIDEODB_API_KEY, ROBOFLOW_API_KEY, WEBHOOK_URL (public address), VIDEODB_STREAM_ID,
#      VIDEODB_SCENE_INDEX_ID, ROBOFLOW_USE_CASE_ID.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
START_T0=$(($(date +%s%N) / 1000000))
export START_T0
say() { printf '[start %4ds] %s\n' "$(( ($(date +%s%N) / 1000000 - START_T0) / 1000 ))" "$*"; }

die() { say "ERROR: $*"; exit 1; }
. scripts/steps.sh
STEP_HEARTBEAT=10
trap 'stop_step; say "interrupted"; exit 130' INT TERM

mkdir -p .cache/dev-logs
LOGS=.cache/dev-logs

# 1. dependencies and runtime (both print their own progress and are instant when cached)
bash scripts/ensure-deps.sh
bash scripts/install-n8n.sh

# 2. build, unless nothing changed since the last successful build of npm start
STAMP=.cache/dev-logs/build.stamp
needs_build() {
	[ "${FORCE_BUILD:-0}" = 1 ] && return 0
	[ -f "$STAMP" ] && [ -f dist/nodes/VideoDb/VideoDb.node.js ] && [ -f build/scripts/demo.js ] && [ -f build/sandbox/cli.js ] || return 0
	[ -n "$(find nodes credentials icons sandbox scripts test/e2e examples package.json tsconfig.json tsconfig.tools.json gulpfile.js \
		-newer "$STAMP" -type f -print -quit 2>/dev/null)" ]
}
if [ "${SKIP_BUILD:-0}" = 1 ]; then
	say "SKIP_BUILD=1: using the existing dist/ and build/"
elif needs_build; then
	run_step "build the package (npm run build)" "$LOGS/build.log" npm run build
	# build:tools also type-checks bench/ and test/e2e/; tsc still emits the demo when unrelated files
	# have type errors, so only missing outputs stop the demo.
	SOFT=1 run_step "build the sandbox and demo (npm run build:tools)" "$LOGS/build-tools.log" npm run build:tools
	for f in build/scripts/demo.js build/sandbox/cli.js build/test/e2e/n8n.js; do
		[ -f "$f" ] || { say "ERROR: $f was not built; see $LOGS/build-tools.log"; exit 1; }
	done
	touch "$STAMP"
else
	say "dist/ and build/ are up to date (FORCE_BUILD=1 rebuilds)"
fi

# 3. the demo (system Node 20; it starts n8n with Node 24 itself)
trap - INT TERM
exec node build/scripts/demo.js
