#!/usr/bin/env bash
# The tests: sets up what they need (scripts/setup.sh), then runs every test with a real Docker engine:
# mvn verify runs the unit tests (Surefire), then the integration tests (Failsafe, tagged by what they need).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
bash scripts/setup.sh
source scripts/jdk.sh
mvn -B verify "$@"
