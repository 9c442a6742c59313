#!/usr/bin/env bash
# Makes sure the Debian packages outside npm are installed: the Chinese font the PDF manifests embed
# (fonts-wqy-zenhei: WenQuanYi Zen Hei, TrueType, which pdfkit subsets to the glyphs used) and
# poppler-utils (pdftotext, with which the tests read the PDFs back), and chromium, in which the
# console's browser tests run (driven by playwright-core: no browser download at install). Installs through apt-get like
# PostGIS in ensure-services.sh; without root or sudo it says what to run.
set -euo pipefail
say() { echo "[setup] $*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else say "need root for: $*"; return 1; fi; }

missing=()
[ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || [ -n "${MANIFEST_FONT_PATH:-}" ] || missing+=(fonts-wqy-zenhei)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v chromium >/dev/null || [ -n "${CHROMIUM_PATH:-}" ] || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
  say "install ${missing[*]} (a CJK font for PDF manifests, pdftotext and chromium for the tests) with your package manager"
  exit 1
fi
say "installing ${missing[*]} (apt-get)"
as_root apt-get update -qq
DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
