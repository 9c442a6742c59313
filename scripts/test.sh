#!/usr/bin/env bash
# npm test: the lint (ESLint, Prettier, dependency-cruiser's module rules), the type-check and every
# test: the solver library's, the service's pure tests and the service's tests on real PostgreSQL +
# PostGIS and Redis. A lint violation or a type error fails it like a failing test. Arguments go to
# jest (e.g. `npm test -- test/cli`); with arguments, the lint and the type-check are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-node-modules.sh
bash scripts/ensure-services.sh

# The lint and the type-check run beside jest: the database tests spend much of their time waiting on
# PostgreSQL and Redis, which leaves a core free. Their reports print after jest's.
typecheck_log="$(mktemp)"
lint_log="$(mktemp)"
results="$(mktemp)"
trap 'rm -f "$typecheck_log" "$lint_log" "$results"' EXIT
typecheck_pid=
lint_pid=
if [ $# -eq 0 ]; then
  npx tsc -p tsconfig.json --noEmit >"$typecheck_log" 2>&1 &
  typecheck_pid=$!
  bash scripts/lint.sh >"$lint_log" 2>&1 &
  lint_pid=$!
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
if [ -n "$lint_pid" ]; then
  if wait "$lint_pid"; then
    echo "lint (eslint, prettier, dependency-cruiser): no violations"
  else
    cat "$lint_log"
    echo "lint (eslint, prettier, dependency-cruiser): failing" >&2
    status=1
  fi
fi
# One plain closing line that any CI can read.
node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);' "$results" || true
exit "$status"
