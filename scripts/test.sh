#!/usr/bin/env bash
# npm test: every test, the solver library's and the service's (real PostgreSQL + PostGIS and Redis).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-node-modules.sh
bash scripts/ensure-services.sh
npx tsc -p tsconfig.json --noEmit
# Two workers: the machine this runs on has two cores, and the service tests each own a database.
exec npx jest --maxWorkers=2 "$@"
