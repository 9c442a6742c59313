#!/usr/bin/env bash
# Builds the console (web/ → web/dist, served by the API at /console) only when one of its sources,
# the lockfile or this script changed since the last build. `npm run build` always builds it.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=web/dist/.build-stamp
if [ -f "$stamp" ] && [ -z "$(find web/src web/index.html web/vite.config.ts web/tsconfig.json package-lock.json scripts/build-web-if-stale.sh -newer "$stamp" -print -quit)" ]; then
  exit 0
fi
touch /tmp/.rd-web-build-start.$$
# Always a production bundle: jest sets NODE_ENV=test, and Vite would then build Preact's development
# code into what the API serves (a quarter larger) until the next change of a source.
NODE_ENV=production npm run -s build:web
mv /tmp/.rd-web-build-start.$$ "$stamp"
