#!/usr/bin/env bash
# Installs headless Chromium (Debian package `chromium`) for the editor e2e test and the README
# screenshot, which drive it with playwright-core (no browser download of its own: only Debian's
# package registry is reachable). Idempotent: does nothing when /usr/bin/chromium exists.
set -euo pipefail
CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then
	echo "[install-browser] $("$CHROMIUM" --version 2>/dev/null || echo chromium) already installed"
	exit 0
fi
if [ "$(id -u)" != 0 ]; then
	SUDO=sudo
else
	SUDO=
fi
T0=$SECONDS
echo "[install-browser] installing Debian package 'chromium' (apt-get, about a minute)…"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
[ -x "$CHROMIUM" ] || { echo "[install-browser] ERROR: $CHROMIUM missing after apt-get install" >&2; exit 1; }
echo "[install-browser] $("$CHROMIUM" --version 2>/dev/null) installed in $((SECONDS - T0))s"
