#!/usr/bin/env bash
# npm test: the type-check and every test: the solver library's, the service's pure tests and the
# service's tests on real PostgreSQL + PostGIS and Redis. The lint is `npm run lint` (CI runs both:
# .ci/run). Arguments go to jest (e.g. `npm test -- test/cli`); with arguments, the type-check is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-node-modules.sh
bash scripts/ensure-services.sh

# The type-check runs beside jest: the database tests spend much of their time waiting on PostgreSQL
# and Redis, which leaves a core free. Its report prints after jest's.
typecheck_log="$(mktemp)"
results="$(mktemp)"
trap 'rm -f "$typecheck_log" "$results"' EXIT
typecheck_pid=
if [ $# -eq 0 ]; then
  npx tsc -p tsconfig.json --noEmit >"$typecheck_log" 2>&1 &
  typecheck_pid=$!
fi

# Two workers: the machine this runs on has two cores, and the service tests each own a database.
status=0
npx jest --maxWorkers=2 --json --outputFile="$results" "$@" || status=$?

if [ -n "$typecheck_pid" ]; then
  if wait "$typecheck_pid"; then
    echo "type-check (tsc --noEmit): no errors"
  else
    cat "$typecheck_log"
    echo "type-check (tsc --noEmit): failing" >&2
    status=1
  fi
fi
# One plain closing line that any CI can read.
node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);' "$results" || true
exit "$status"
