#!/usr/bin/env bash
# The contract suites (test/contract/*.contract.test.ts) against the real services: the same code as
# in `npm test`, another base URL. Reads everything; writes only into what you name, undone where the
# API allows:
#   VIDEODB_API_KEY   [VIDEODB_STREAM_ID, VIDEODB_SCENE_INDEX_ID]   (VIDEODB_BASE_URL)
#   ROBOFLOW_API_KEY  [ROBOFLOW_USE_CASE_ID]                        (ROBOFLOW_BASE_URL)
#                     [ROBOFLOW_MODEL_ID, ROBOFLOW_WORKFLOW_ID]     (ROBOFLOW_WORKSPACE, ROBOFLOW_INFERENCE_URL): inference, reads only
# Without a key, that service's suite is skipped; without both, this says so and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${VIDEODB_API_KEY:-}" ] && [ -z "${ROBOFLOW_API_KEY:-}" ]; then
	echo "[test:live] skipped: no VIDEODB_API_KEY or ROBOFLOW_API_KEY in the environment (see docs/CONFORMANCE.md and the README, \"Conformance\")"
	exit 0
fi
bash scripts/ensure-deps.sh
say() { if [ -n "$2" ]; then echo "[test:live] $1: against $3"; else echo "[test:live] $1: skipped (no $1 API key)"; fi; }
say VideoDB "${VIDEODB_API_KEY:-}" "${VIDEODB_BASE_URL:-https://api.videodb.io}"
say Roboflow "${ROBOFLOW_API_KEY:-}" "${ROBOFLOW_BASE_URL:-https://api.roboflow.com} and ${ROBOFLOW_INFERENCE_URL:-https://serverless.roboflow.com}"
CONTRACT_TARGET=live npx jest --runInBand test/contract/videodb.contract.test.ts test/contract/roboflow.contract.test.ts
