#!/usr/bin/env bash
# npm run lint: ESLint (bugs, imports), Prettier (layout, check only) and dependency-cruiser (module
# boundaries, no cycles). Runs all three and fails if any failed. `npm run lint:fix` (--fix) lets
# ESLint and Prettier rewrite files: it touches the whole tree, so run it on a quiet branch.
# Caches live in node_modules/.cache: a second run checks only what changed (a fresh clone, as in CI,
# checks everything).
set -uo pipefail
cd "$(dirname "$0")/.."
fix=false
if [ "${1:-}" = --fix ]; then fix=true; fi
cache=node_modules/.cache
status=0
if $fix; then
  npx eslint --cache --cache-strategy content --cache-location "$cache/eslint/" --fix . || status=1
  npx prettier --cache --log-level warn --write . || status=1
else
  echo "[lint] eslint"
  npx eslint --cache --cache-strategy content --cache-location "$cache/eslint/" . || status=1
  echo "[lint] prettier --check"
  npx prettier --cache --log-level warn --check . || status=1
fi
echo "[lint] dependency-cruiser"
npx depcruise src libs test scripts migrations --config .dependency-cruiser.cjs --output-type err || status=1
exit "$status"
