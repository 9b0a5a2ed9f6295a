#!/usr/bin/env bash
# Makes sure a Docker engine answers on this machine, idempotently:
#   1. installs Debian's docker.io when dockerd is missing;
#   2. starts `dockerd --bridge=none` in the background when no engine answers;
#   3. waits until `docker version` answers.
# Nebula's containers use network `none` or `host` only, so the engine gets no bridge and touches no iptables.
# Runs as root, without stdin. Prints what it did. Env: NEBULA_DOCKERD_LOG (default /var/log/nebula-dockerd.log),
# NEBULA_DOCKER_WAIT_SECONDS (default 60).
set -euo pipefail

log_file="${NEBULA_DOCKERD_LOG:-/var/log/nebula-dockerd.log}"
wait_seconds="${NEBULA_DOCKER_WAIT_SECONDS:-60}"

say() { echo "docker-up: $*"; }
die() { echo "docker-up: ERROR: $*" >&2; exit 1; }

# `docker version` answers only when both the CLI and the engine are there; bounded, so a wedged engine can't hang us.
engine_version() {
    timeout 10 docker version --format '{{.Server.Version}}' 2>/dev/null
}

if [[ $(id -u) -ne 0 ]]; then
    if version=$(engine_version); then
        say "a Docker engine already answers (server $version); nothing to do"
        exit 0
    fi
    die "no Docker engine answers, and starting one needs root; run: sudo bash scripts/docker-up.sh"
fi

if version=$(engine_version); then
    say "a Docker engine already answers (server $version); nothing to do"
    exit 0
fi

# 1. Install the engine when it is missing.
if ! command -v dockerd >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    say "dockerd is missing: installing Debian's docker.io"
    # Refresh the package lists only when the install can't proceed with the ones we have.
    if ! apt-get install -y -q --no-install-recommends docker.io; then
        say "apt-get install failed; running apt-get update once and retrying"
        apt-get update -q
        apt-get install -y -q --no-install-recommends docker.io
    fi
    command -v dockerd >/dev/null 2>&1 || die "docker.io installed but dockerd is still not on PATH ($PATH)"
    say "installed docker.io ($(dockerd --version))"
else
    say "dockerd is installed ($(dockerd --version))"
fi
command -v docker >/dev/null 2>&1 || die "the docker CLI is missing; install it with: apt-get install -y docker.io"

# 2. Start the engine unless one is already starting.
if pgrep -x dockerd >/dev/null 2>&1; then
    say "dockerd is already running (pid $(pgrep -x dockerd | tr '\n' ' ')) but does not answer yet; waiting for it"
else
    mkdir -p "$(dirname "$log_file")"
    say "starting dockerd --bridge=none --iptables=false --ip-masq=false (log: $log_file)"
    # setsid + nohup + no stdin: the engine outlives this script and the shell that ran it.
    setsid nohup dockerd --bridge=none --iptables=false --ip-masq=false \
        </dev/null >>"$log_file" 2>&1 &
    disown || true
fi

# 3. Wait until the engine answers, for a bounded time.
for ((i = 0; i < wait_seconds; i++)); do
    if version=$(engine_version); then
        say "the Docker engine answers (server $version) after ${i}s"
        exit 0
    fi
    if ! pgrep -x dockerd >/dev/null 2>&1; then
        echo "---- last lines of $log_file ----" >&2
        tail -n 30 "$log_file" >&2 || true
        die "dockerd exited before answering; see $log_file"
    fi
    sleep 1
done
echo "---- last lines of $log_file ----" >&2
tail -n 30 "$log_file" >&2 || true
die "dockerd did not answer 'docker version' within ${wait_seconds}s; see $log_file"
