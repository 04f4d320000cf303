#!/usr/bin/env bash
# `npm run bench`: throughput and memory of this package inside a real n8n 2.41.1 (Node 24) against the
# sandbox, side by side with the HTTP Request / Webhook nodes a user would wire by hand. See BENCHMARKS.md.
#   - installs (or reuses) the runtime: scripts/install-n8n.sh
#   - builds dist/ (the package n8n installs)
#   - runs bench/run.ts (through bench/ts-hook.cjs) on Node 24: one sandbox, ONE n8n, all parts; writes bench/results.json
#     (P6, the capacity part, starts its own set-ups and writes bench/results-p6.json)
# Env: BENCH_SKIP_BUILD=1 (dist/ is fresh), BENCH_ITEMS, BENCH_REPS, BENCH_CALLBACKS,
#      BENCH_CONCURRENCY_0, BENCH_CONCURRENCY_20, BENCH_MEMORY_COUNTS, BENCH_P5_CALLBACKS, BENCH_P6_CALLBACKS, BENCH_ONLY (e.g. "p1,p2") — see bench/run.ts.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
T0=$SECONDS
say() { printf '[bench.sh %4ds] %s\n' "$((SECONDS - T0))" "$*"; }

[ -x node_modules/.bin/tsc ] || { say "ERROR: node_modules missing; run 'npm ci' first"; exit 1; }
say "runtime: scripts/install-n8n.sh"
bash scripts/install-n8n.sh
# P5 and P6 run n8n in queue mode (Postgres 17, Redis); both are in the default BENCH_ONLY.
case ",${BENCH_ONLY:-p5,p6}," in
*,p5,* | *,p6,*)
	say "P5/P6 (queue mode): scripts/install-queue.sh"
	bash scripts/install-queue.sh
	;;
esac

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
	say "build: npm run build (the package n8n installs)"
	npm run build >/dev/null
fi
[ -f dist/nodes/Roboflow/Roboflow.node.js ] || { say "ERROR: dist/ missing (build failed?)"; exit 1; }

# Node 24 for the bench process too (sandbox and clients), like n8n itself.
# shellcheck source=scripts/env.sh
. scripts/env.sh
say "node $(node --version); running bench/run.ts"
status=0
node bench/main.cjs || status=$?
say "finished (exit $status) in $((SECONDS - T0)) s"
exit "$status"
