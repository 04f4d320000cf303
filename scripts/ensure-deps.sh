#!/usr/bin/env bash
# Installs the development dependencies from the lockfile when they are missing or older than it,
# so `npm test` and `npm start` work on a fresh clone without a separate install step.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	echo "[deps] installing development dependencies (npm ci, about a minute)…"
	start=$(date +%s)
	npm ci --no-audit --no-fund
	echo "[deps] done in $(( $(date +%s) - start )) s"
fi
