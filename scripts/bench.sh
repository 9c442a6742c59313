#!/usr/bin/env bash
# npm run bench [<name> [-- flags]]: lists the benchmarks, or runs `npm run bench:<name>` with the flags.
set -euo pipefail
cd "$(dirname "$0")/.."
names="$(node -p "Object.keys(require('./package.json').scripts).filter((s) => s.startsWith('bench:')).map((s) => s.slice(6)).join('\n')")"
list() {
  echo "usage: npm run bench <name> [-- flags]   (npm run bench:<name> -- --help lists a bench's flags)"
  echo "benches:"
  echo "$names" | sed 's/^/  /'
}
if [ $# -eq 0 ] || [ "$1" = --help ] || [ "$1" = -h ]; then
  list
  exit 0
fi
name="$1"
shift
if ! grep -qx -- "$name" <<<"$names"; then
  echo "unknown bench \"$name\"" >&2
  list >&2
  exit 2
fi
exec npm run -s "bench:$name" -- "$@"
