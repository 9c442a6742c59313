#!/usr/bin/env bash
# Builds dist/ only when a source changed since the last build, so `npm start`, `npm run worker`,
# `npm run solve` and the benches start at once from the last build. A no-change `tsc` still reads
# and hashes every file (seconds); this check is one `find` (milliseconds). A change is a newer .ts or
# .json file, or a newer folder (a file was added, renamed or removed), among what tsconfig.build.json
# compiles, or a newer tsconfig or lockfile.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=dist/.build-stamp
sources="$(node -p "require('./tsconfig.build.json').include.join(' ')")"
# shellcheck disable=SC2086 # the include list is split on purpose
if [ -f "$stamp" ] && [ -z "$(find $sources tsconfig.json tsconfig.build.json package-lock.json -newer "$stamp" \( -name '*.ts' -o -name '*.json' -o -type d \) -print -quit)" ]; then
  # The server is current; the console (web/) has its own check.
  exec bash scripts/build-web-if-stale.sh
fi
# Stamp the start time: a file saved while tsc runs counts as changed next time.
mkdir -p dist
touch "$stamp.next"
npm run -s build
mv "$stamp.next" "$stamp"
