#!/usr/bin/env bash
# The end-to-end load benchmark of `nebula serve` (README: "Nebula serve"). Starts the server from the jar,
# runs runtime x cold/warm x 1/8/64 connections on fib at n=S, stops it (SIGTERM), checks that nothing is left,
# and writes <OUT_DIR>/<stamp>.json, .md, -throughput.png and -p99.png.
#   bash scripts/load.sh                         # the full run: 30 s a cell, into jmh-results/serve/
#   bash scripts/load.sh --quick target/load     # smoke: 1.5 s a cell
#   bash scripts/load.sh --duration-s 10 --runtimes java,docker jmh-results/serve
# Exit code 1 when an answer was wrong or a process or container was left behind.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
source scripts/jdk.sh
if [[ ! -f target/benchmarks.jar ]]; then
  mvn -B -q package -DskipTests
fi
exec "$JAVA_HOME/bin/java" -cp target/benchmarks.jar dev.nebula.load.LoadMatrix --jar target/benchmarks.jar "$@"
