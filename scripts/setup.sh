#!/usr/bin/env bash
# Everything the tests and benchmarks need, idempotent: a Docker engine, the local Debian base image,
# the Rust toolchains, and the three artifacts. Run as root on Debian 12.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
source scripts/jdk.sh
echo "setup: JDK $JAVA_HOME"
bash scripts/docker-up.sh
# The container ladder below Docker (runtimes containerd, runc, crun): ctr and runc come with docker.io, crun is its own package.
for tool in ctr runc; do
  command -v "$tool" >/dev/null 2>&1 || { echo "setup: $tool is missing; it comes with docker.io: apt-get install -y docker.io" >&2; exit 1; }
done
if ! command -v crun >/dev/null 2>&1; then
  echo "setup: installing crun"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq crun
fi
bash scripts/debian-base.sh
bash wasm-modules/build.sh
# The browser checks (ServePageBrowserTest): Debian's chromium and node, and the pinned playwright-core (no browser download).
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi
if [ ! -f scripts/browser-check/node_modules/.package-lock.json ] \
    || [ scripts/browser-check/package-lock.json -nt scripts/browser-check/node_modules/.package-lock.json ]; then
  (cd scripts/browser-check && npm ci --no-audit --no-fund)
fi
echo "setup: done"
