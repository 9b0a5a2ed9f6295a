#!/usr/bin/env bash
# Everything the tests and benchmarks need, idempotent: a Docker engine, the local Debian base image,
# the Rust toolchains, and the three artifacts. Run as root on Debian 12.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
source scripts/jdk.sh
echo "setup: JDK $JAVA_HOME"
bash scripts/docker-up.sh
bash scripts/debian-base.sh
bash wasm-modules/build.sh
echo "setup: done"
