#!/usr/bin/env bash
# The n8n version matrix: the compatibility e2e suites (package install + credential test, the alert
# trigger, the examples; see scripts/e2e.sh) on each extra n8n line of scripts/n8n-lines.sh, after the
# full e2e run on the default line (`npm run test:e2e`). Each line's runtime is installed (or reused) by
# scripts/install-n8n.sh into .cache/runtime-<line>, sharing npm's download cache with the default one.
# Prints one line per n8n version: install time, suite time, tests passed/failed per suite.
#
# Usage: bash scripts/e2e-matrix.sh [line ...]        (default: N8N_EXTRA_LINES, e.g. 1.123)
# Env:   E2E_SKIP_BUILD=1 when dist/ is fresh (CI: right after `npm run test:e2e`).
# Exit:  non-zero when any line's install or suites failed (every line still runs).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
. scripts/n8n-lines.sh
T0=$SECONDS
say() { printf '[e2e-matrix %4ds] %s\n' "$((SECONDS - T0))" "$*"; }

# shellcheck disable=SC2206 # the list is space-separated on purpose
LINES=(${@:-$N8N_EXTRA_LINES})
OUT=.cache/e2e-matrix
mkdir -p "$OUT"

if [ "${E2E_SKIP_BUILD:-0}" != 1 ]; then
	say "build: npm run build"
	npm run build
fi

failed=0
summary=()
for line in "${LINES[@]}"; do
	n8n_line "$line" || { say "ERROR: unknown line '$line' (see scripts/n8n-lines.sh)"; exit 2; }
	# The extra lines always use their own runtime folder: an N8N_RUNTIME_DIR exported for the default
	# line (shared checkouts) must not be taken for this one.
	t=$SECONDS
	say "n8n $N8N_LINE_VERSION: runtime (scripts/install-n8n.sh)"
	if ! env -u N8N_RUNTIME_DIR N8N_VERSION="$line" bash scripts/install-n8n.sh; then
		summary+=("n8n $N8N_LINE_VERSION: runtime install FAILED after $((SECONDS - t))s")
		failed=1
		continue
	fi
	install_s=$((SECONDS - t))
	t=$SECONDS
	report=$OUT/$line.json
	rm -f "$report"
	say "n8n $N8N_LINE_VERSION: compatibility suites"
	status=0
	env -u N8N_RUNTIME_DIR N8N_VERSION="$line" E2E_SKIP_BUILD=1 bash scripts/e2e.sh --json --outputFile="$report" || status=$?
	suites_s=$((SECONDS - t))
	counts=$(node -e '
		const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
		const per = r.testResults.map((s) => {
			const n = (st) => s.assertionResults.filter((a) => a.status === st).length;
			return `${require("path").basename(s.name).replace(".e2e.test.ts", "")} ${n("passed")}/${s.assertionResults.length}`;
		});
		console.log(`${r.numPassedTests}/${r.numTotalTests} passed, ${r.numFailedTests} failed (${per.join(", ")})`);
	' "$report" 2>/dev/null || echo "no jest report")
	[ "$status" = 0 ] || failed=1
	summary+=("n8n $N8N_LINE_VERSION (Node $N8N_LINE_NODE): install ${install_s}s, suites ${suites_s}s: $counts$([ "$status" = 0 ] || echo ' FAILED')")
done

say "summary:"
for s in "${summary[@]}"; do say "  $s"; done
exit "$failed"
