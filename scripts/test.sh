#!/usr/bin/env bash
# npm test: the type-check, the lint (ESLint, Prettier, dependency-cruiser) and every test: the solver
# library's, the service's pure tests and the service's tests on real PostgreSQL + PostGIS and Redis.
# Arguments go to jest (e.g. `npm test -- test/cli`); with arguments, the type-check and lint are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-node-modules.sh
bash scripts/ensure-services.sh

# The type-check and the lint run beside jest: the database tests spend much of their time waiting on
# PostgreSQL and Redis, which leaves a core free. Their report prints after jest's.
static_log="$(mktemp)"
results="$(mktemp)"
trap 'rm -f "$static_log" "$results"' EXIT
static_pid=
if [ $# -eq 0 ]; then
  (
    echo "[check] tsc --noEmit"
    if ! npx tsc -p tsconfig.json --noEmit; then exit 1; fi
    if ! bash scripts/lint.sh; then exit 2; fi
  ) >"$static_log" 2>&1 &
  static_pid=$!
fi

# Two workers: the machine this runs on has two cores, and the service tests each own a database.
status=0
npx jest --maxWorkers=2 --json --outputFile="$results" "$@" || status=$?

if [ -n "$static_pid" ]; then
  static_status=0
  wait "$static_pid" || static_status=$?
  cat "$static_log"
  if [ "$static_status" -eq 1 ]; then
    echo "type errors (tsc): failing" >&2
    status=1
  elif [ "$static_status" -eq 2 ]; then
    # TODO(lead): after the one-off `npm run lint:fix` pass on main, make lint violations fail by default:
    # change the default below from 0 to 1 (LINT_STRICT=0 then still allows a warn-only run).
    if [ "${LINT_STRICT:-0}" = 1 ]; then
      echo "lint: failing (LINT_STRICT=1)" >&2
      status=1
    else
      echo "lint: violations above are warnings for now (set LINT_STRICT=1 to fail on them)" >&2
    fi
  fi
fi
# One plain closing line that any CI can read.
node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);' "$results" || true
exit "$status"
