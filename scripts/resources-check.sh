#!/usr/bin/env bash
# Independent checks of the CPU and memory figures (issue 12), against measurements made without Nebula's code:
#   (a) cpu.machine and cpu.attributed of a docker cold start  vs  the /proc/stat busy-time delta around N
#       `docker run --rm --network none`
#   (b) cpu.machine and cpu.function of a process cold start  vs  the same around N runs of the native binary, and
#       bash's own rusage
#   (c) memory.perInstance of docker        vs  `docker stats --no-stream` of the same live containers
# Where `perf` is installed, (a) also counts dockerd + containerd and every child they start (shim, runc, the
# container) with `perf stat -e task-clock`, which a busy machine does not disturb. Nothing here needs perf or jq.
# Usage: bash scripts/resources-check.sh [runs]   (after `mvn package`; ~1.5 min; run it on an otherwise idle machine)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk.sh
RUNS=${1:-20}
JAR=target/benchmarks.jar
JAVA_OPTS=${NEBULA_CHECK_JAVA_OPTS:-}
BINARY=wasm-modules/target/native/nebula
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
[ -f "$JAR" ] || { echo "no $JAR: run mvn -B package -DskipTests first" >&2; exit 1; }
[ -x "$BINARY" ] || { echo "no $BINARY: run bash wasm-modules/build.sh first" >&2; exit 1; }

busy_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8; exit}' /proc/stat; }   # user nice system irq softirq
now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.6f\", $* }"; }
# the score of a secondary metric in a JMH JSON file (pretty-printed by JMH)
metric() { awk -v m="\"$2\"" '$1==m {f=1} f && /"score"/ {gsub(/[ ,]/,"",$3); printf "%.6f\n", $3 + 0; exit}' "$1"; }

# The rest of the machine's busy rate, in ticks per second, over one idle second.
b0=$(busy_ticks); t0=$(now); sleep 1; b1=$(busy_ticks); t1=$(now)
IDLE_RATE=$(calc "($b1 - $b0) / ($t1 - $t0)")
printf 'idle baseline: %.2f cores busy (load %s)\n' "$(calc "$IDLE_RATE / 100")" "$(cut -d' ' -f1-3 /proc/loadavg)"

# CPU ms per run of a command, from /proc/stat, idle-subtracted: busy_ms_per_run <runs> <command...>
busy_ms_per_run() {
  local n=$1; shift
  local b0 t0 b1 t1
  b0=$(busy_ticks); t0=$(now)
  for _ in $(seq "$n"); do "$@" >/dev/null; done
  b1=$(busy_ticks); t1=$(now)
  calc "(($b1 - $b0) - $IDLE_RATE * ($t1 - $t0)) * 10 / $n"
}

jmh() { # jmh <json> <args...>
  local json=$1; shift
  java $JAVA_OPTS --enable-native-access=ALL-UNNAMED -jar "$JAR" "$@" -f 1 \
      -jvmArgsAppend --enable-native-access=ALL-UNNAMED -rf json -rff "$json" >"$OUT/jmh.log" 2>&1 \
      || { tail -20 "$OUT/jmh.log" >&2; exit 1; }
}

echo "== (a) docker cold start: fn=fib n=3500 (S)"
jmh "$OUT/docker.json" ColdStartWarmHost -p runtime=docker -p fn=fib -p n=S -prof dev.nebula.measure.CpuProfiler -wi 3 -i "$RUNS"
# The image the benchmark just ran: its tag starts with the binary's sha256 (NebulaImage), not any nebula-cli image.
BINARY_SHA=$(sha256sum wasm-modules/target/native/nebula | cut -c1-16)
IMAGE=$(docker images --format '{{.Repository}}:{{.Tag}}' | grep "^nebula-cli-scratch:$BINARY_SHA-" | head -1)
[ -n "$IMAGE" ] || { echo "resources-check: no nebula-cli-scratch image for the binary $BINARY_SHA; the docker benchmark above should have built it" >&2; exit 1; }
DOCKER_MS=$(busy_ms_per_run "$RUNS" docker run --rm --network none "$IMAGE" fib 3500)
printf 'cpu.machine (JMH, docker-java):       %8.1f ms per cold start (%s ticks)\n' \
    "$(calc "$(metric "$OUT/docker.json" cpu.machine) / 1000")" "$(metric "$OUT/docker.json" cpu.machine.ticks)"
printf 'cpu.attributed (JMH, docker-java):    %8.1f ms per cold start = jvm %.1f + containers %.1f + stack %.1f\n' \
    "$(calc "$(metric "$OUT/docker.json" cpu.attributed) / 1000")" "$(calc "$(metric "$OUT/docker.json" cpu.jvm) / 1000")" \
    "$(calc "$(metric "$OUT/docker.json" cpu.containers) / 1000")" "$(calc "$(metric "$OUT/docker.json" cpu.containerStack) / 1000")"
printf '/proc/stat around %d docker run:      %8.1f ms per run (%s)\n' "$RUNS" "$DOCKER_MS" "$IMAGE"
if command -v perf >/dev/null; then
  DAEMONS=$(pgrep -x dockerd | head -1),$(pgrep -x containerd | head -1)
  TIMEFORMAT='%U %S'
  perf stat -x, -e task-clock -p "$DAEMONS" -o "$OUT/perf.txt" -- sleep 1000 & PERF=$!
  sleep 0.5
  CLI=$( { time (for _ in $(seq "$RUNS"); do docker run --rm --network none "$IMAGE" fib 3500 >/dev/null; done) ; } 2>&1 )
  kill $(pgrep -P "$PERF") 2>/dev/null || true  # ends perf's timer (its sleep); perf then writes its counts
  wait "$PERF" 2>/dev/null || true
  DAEMON_MS=$(awk -F, '/task-clock/ {print $1; exit}' "$OUT/perf.txt")
  printf 'perf task-clock, daemons + children:  %8.1f ms per run, + docker CLI %.1f ms (rusage)\n' \
      "$(calc "$DAEMON_MS / $RUNS")" "$(calc "($(echo "$CLI" | tr ' ' '+')) * 1000 / $RUNS")"
fi

echo "== (b) process cold start: fn=fib n=3500 (S)"
jmh "$OUT/process.json" ColdStartWarmHost -p runtime=process -p fn=fib -p n=S -prof dev.nebula.measure.CpuProfiler -wi 3 -i $((RUNS * 5))
PROCESS_MS=$(busy_ms_per_run $((RUNS * 5)) "$BINARY" fib 3500)
TIMEFORMAT='%U %S'
RUSAGE=$( { time (for _ in $(seq $((RUNS * 5))); do "$BINARY" fib 3500 >/dev/null; done) ; } 2>&1 )
printf 'cpu.machine (JMH, ProcessBuilder):    %8.3f ms per cold start (%s ticks); cpu.jvm %.3f ms\n' \
    "$(calc "$(metric "$OUT/process.json" cpu.machine) / 1000")" "$(metric "$OUT/process.json" cpu.machine.ticks)" \
    "$(calc "$(metric "$OUT/process.json" cpu.jvm) / 1000")"
printf 'cpu.function (JMH, the child):        %8.3f ms per cold start\n' "$(calc "$(metric "$OUT/process.json" cpu.function) / 1000")"
printf '/proc/stat around %d runs (bash):    %8.3f ms per run\n' $((RUNS * 5)) "$PROCESS_MS"
printf 'bash rusage (user+sys of the loop):   %8.3f ms per run\n' "$(calc "($(echo "$RUSAGE" | tr ' ' '+')) * 1000 / ($RUNS * 5)")"

echo "== (c) docker memory per live container"
java $JAVA_OPTS -jar "$JAR" Density -p runtime=docker -p instances=low -prof dev.nebula.measure.DensityProfiler -f 1 -wi 1 -i 15 \
    -jvmArgsAppend --enable-native-access=ALL-UNNAMED -rf json -rff "$OUT/density.json" >"$OUT/density.log" 2>&1 & DENSITY=$!
LIVE=0
for _ in $(seq 240); do  # until the fork's 4 live containers (K=5) are up and its shots have begun
  FORK=$(pgrep -P "$DENSITY" -f ForkedMain | head -1 || true)
  [ -n "$FORK" ] && LIVE=$(docker ps -q --filter "label=dev.nebula.pid=$FORK" | wc -l)
  grep -q "^Iteration" "$OUT/density.log" 2>/dev/null && [ "$LIVE" -ge 4 ] && break
  sleep 0.5
done
[ "$LIVE" -ge 4 ] || { echo "the Density fork's containers did not come up" >&2; exit 1; }
docker stats --no-stream --format '{{.ID}} {{.MemUsage}}' $(docker ps -q --filter "label=dev.nebula.pid=$FORK") > "$OUT/stats.txt"
wait "$DENSITY" || { tail -20 "$OUT/density.log" >&2; exit 1; }
STATS_MEAN=$(awk '{v=$2; u=v; gsub(/[0-9.]/,"",u); gsub(/[^0-9.]/,"",v);
                   m = (u=="KiB") ? 1024 : (u=="MiB") ? 1048576 : (u=="GiB") ? 1073741824 : 1;
                   s += v * m; n++} END {if (n) print s / n; else print 0}' "$OUT/stats.txt")
printf 'docker stats (cgroup, no cache):      %8.0f KiB per container, %d containers (incl. the K-th when running)\n' \
    "$(calc "$STATS_MEAN / 1024")" "$(wc -l < "$OUT/stats.txt")"
printf 'memory.cgroupPerInstance (Density):   %8.0f KiB\n' "$(calc "$(metric "$OUT/density.json" memory.cgroupPerInstance) / 1024")"
printf 'memory.perInstance (+ shim PSS + dockerd growth): %.0f KiB; shim RSS %.0f KiB\n' \
    "$(calc "$(metric "$OUT/density.json" memory.perInstance) / 1024")" \
    "$(calc "$(metric "$OUT/density.json" memory.shimRssPerInstance) / 1024")"
