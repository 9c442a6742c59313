#!/usr/bin/env bash
# npm run demo [-- --serve]: everything from a fresh clone to a planned demo county.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-node-modules.sh
bash scripts/ensure-services.sh
# The key that seals the platforms' webhook secrets at rest (docs/security.md). The demo makes one on
# its first run and keeps it beside the clone (mode 600, ignored by git), so a second run, and
# `npm start` / `npm run worker` with WEBHOOK_SECRET_KEY="$(cat .webhook-secret-key)", open what the first sealed.
if [ -z "${WEBHOOK_SECRET_KEY:-}" ]; then
  if [ ! -s .webhook-secret-key ]; then
    (umask 077 && node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64"))' > .webhook-secret-key)
    echo "[setup] made a webhook secret key: .webhook-secret-key"
  fi
  WEBHOOK_SECRET_KEY="$(cat .webhook-secret-key)"
  export WEBHOOK_SECRET_KEY
fi
echo "[setup] compiling"
bash scripts/build-if-stale.sh
exec node dist/src/cli.js demo "$@"
