#!/usr/bin/env bash
# `nebula serve` under wrk at many keep-alive connections (issue 20: 0 socket errors at 256 connections).
# Starts the server from the jar on a free port, warms it, runs wrk on GET /health and on a warm invoke, prints
# wrk's summary for each and exits 1 when wrk saw any socket error (connect, read, write, timeout) or a non-2xx.
#   bash scripts/serve-wrk.sh                                  # 256 connections, 10 s each, java warm
#   CONNECTIONS=512 DURATION=30s RUNTIME=wasmtime bash scripts/serve-wrk.sh
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
source scripts/jdk.sh >/dev/null
command -v wrk >/dev/null || { echo "serve-wrk: wrk is missing: apt-get install -y wrk" >&2; exit 2; }
[[ -f target/benchmarks.jar ]] || mvn -B -q package -DskipTests
connections=${CONNECTIONS:-256}
duration=${DURATION:-10s}
runtime=${RUNTIME:-java}
log=$(mktemp)
post=$(mktemp --suffix=.lua)
trap 'rm -f "$log" "$post"; [[ -n ${pid:-} ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true' EXIT
echo 'wrk.method = "POST"' > "$post"

# Room for every connection in the runtime's queue: past 8 running + 64 waiting the admission limit answers 503 by
# design, and this run is about the HTTP layer, not that limit.
"$JAVA_HOME/bin/java" -jar target/benchmarks.jar serve --port 0 --max-waiting "$connections" > "$log" 2>&1 &
pid=$!
for _ in $(seq 300); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*/' "$log" || true)
  [[ -n $url ]] && break
  kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.1
done
[[ -n $url ]] || { echo "serve-wrk: the server did not start" >&2; cat "$log" >&2; exit 1; }
invoke="${url}invoke/${runtime}/fib?n=S&start=warm"
curl -fsS -XPOST "$invoke" > /dev/null
wrk -t 2 -c "$connections" -d 5s -s "$post" "$invoke" > /dev/null   # warm-up: JIT, the warm pool

failed=0
run() {
  local name=$1; shift
  local out
  out=$(wrk -t 2 -c "$connections" -d "$duration" --latency "$@")
  echo "== $name: $connections connections, $duration"
  echo "$out" | grep -E 'Requests/sec|Latency |99%|requests in|Socket errors|Non-2xx'
  if echo "$out" | grep -qE 'Socket errors|Non-2xx'; then
    failed=1
  fi
}
run "GET /health" "${url}health"
run "POST /invoke/${runtime}/fib?n=S&start=warm" -s "$post" "$invoke"
exit $failed
