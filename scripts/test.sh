#!/usr/bin/env bash
# npm test: every test, the solver library's and the service's (real PostgreSQL + PostGIS and Redis).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-node-modules.sh
bash scripts/ensure-services.sh
npx tsc -p tsconfig.json --noEmit
results="$(mktemp)"
trap 'rm -f "$results"' EXIT
# Two workers: the machine this runs on has two cores, and the service tests each own a database.
status=0
npx jest --maxWorkers=2 --json --outputFile="$results" "$@" || status=$?
# One plain closing line that any CI can read.
node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);' "$results" || true
exit "$status"
