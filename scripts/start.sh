#!/usr/bin/env bash
# `npm start`: a local n8n 2.41.1 (Node 24) with this package installed as a community package, for
# trying the nodes in the editor. Installs/reuses the runtime, builds, copies the package into a
# persistent user folder (.cache/dev-home), then runs n8n in the foreground (Ctrl-C stops it).
# Env: N8N_PORT (default 5678), N8N_RUNNERS_BROKER_PORT (default N8N_PORT+1),
#      N8N_WEBHOOK_URL (default http://127.0.0.1:$N8N_PORT/; set a tunnel URL to receive real callbacks),
#      DEV_HOME (default .cache/dev-home), SKIP_BUILD=1.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
bash scripts/install-n8n.sh
if [ "${SKIP_BUILD:-0}" != 1 ]; then npm run build; fi

# shellcheck source=scripts/env.sh
. scripts/env.sh
export N8N_PORT=${N8N_PORT:-5678}
export N8N_RUNNERS_BROKER_PORT=${N8N_RUNNERS_BROKER_PORT:-$((N8N_PORT + 1))}
export N8N_WEBHOOK_URL=${N8N_WEBHOOK_URL:-http://127.0.0.1:$N8N_PORT/}
export N8N_USER_FOLDER=${DEV_HOME:-$ROOT/.cache/dev-home}

PKG_NAME=$(node -p "require('./package.json').name")
TARGET=$N8N_USER_FOLDER/.n8n/nodes/node_modules/$PKG_NAME
rm -rf "$TARGET"
mkdir -p "$TARGET"
cp -R dist package.json "$TARGET/"
# As the Community Nodes installer does: no dev/peer dependencies next to the package.
node -e "const f=process.argv[1],p=require(f);delete p.devDependencies;delete p.peerDependencies;delete p.optionalDependencies;require('fs').writeFileSync(f,JSON.stringify(p,null,2))" "$TARGET/package.json"

echo "[start] n8n $("$NODE24_HOME/bin/node" "$N8N_BIN" --version) on Node $(node --version); user folder $N8N_USER_FOLDER"
echo "[start] editor: http://127.0.0.1:$N8N_PORT/   (first visit: create the owner account)"
cd "$N8N_USER_FOLDER"
exec node "$N8N_BIN" start
