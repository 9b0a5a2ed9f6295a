#!/usr/bin/env bash
# Opens report pages in headless Chromium and checks them (check.js); screenshots go to target/browser-check/.
# Installs Debian's chromium and nodejs/npm when missing (idempotent), and playwright-core as pinned in
# package-lock.json (npm ci). Usage: bash scripts/browser-check/run.sh PAGE.html [PAGE.html ...]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
[ $# -ge 1 ] || { echo "usage: $0 PAGE.html [PAGE.html ...]" >&2; exit 2; }

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "browser check: installing ${missing[*]} from Debian's packages"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null \
    || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; }
fi

(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
mkdir -p "$top/target/browser-check"
for page in "$@"; do
  name=$(basename "$page" .html)
  node "$here/check.js" "$page" "$top/target/browser-check/$name.png" "${MIN_CHARTS:-3}" "${MIN_TABLES:-3}"
done
