#!/usr/bin/env bash
# The main job: sets up (scripts/setup.sh), tests, builds target/benchmarks.jar and runs the default suite.
# Results: jmh-results/<timestamp>.json, its .env.json sidecar and report. Extra JMH arguments: -Djmh.args="...".
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
bash scripts/setup.sh
source scripts/jdk.sh
mvn -B verify -Pjmh "$@"
