#!/usr/bin/env bash
# npm run demo [-- --serve]: everything from a fresh clone to a planned demo county.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-node-modules.sh
bash scripts/ensure-services.sh
echo "[setup] compiling"
bash scripts/build-if-stale.sh
exec node dist/src/cli.js demo "$@"
