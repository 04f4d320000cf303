#!/usr/bin/env bash
# Installs headless Chromium (Debian package `chromium`) for the editor e2e test and the README
# screenshot, which drive it with playwright-core (no browser download of its own: only Debian's
# package registry is reachable). Idempotent: does nothing (no apt-get) when /usr/bin/chromium exists.
# As root (CI) or through sudo (scripts/steps.sh as_root).
set -euo pipefail
CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then
	echo "[install-browser] $("$CHROMIUM" --version 2>/dev/null || echo chromium) already installed"
	exit 0
fi
T0=$SECONDS
say() { echo "[install-browser] $*"; }
die() { echo "[install-browser] ERROR: $*" >&2; exit 1; }
. "$(dirname "${BASH_SOURCE[0]}")/steps.sh"
echo "[install-browser] installing Debian package 'chromium' (apt-get, about a minute)…"
as_root apt-get update -qq
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
[ -x "$CHROMIUM" ] || { echo "[install-browser] ERROR: $CHROMIUM missing after apt-get install" >&2; exit 1; }
echo "[install-browser] $("$CHROMIUM" --version 2>/dev/null) installed in $((SECONDS - T0))s"
