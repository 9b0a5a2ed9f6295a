#!/usr/bin/env bash
# Makes the local image nebula-debian-base:bookworm, the base of Dockerfiles/debian.Dockerfile (runtime docker-debian):
# a minimal Debian root filesystem (debootstrap --variant=minbase) from the Debian mirror apt already uses here,
# imported with `docker import`. No registry is involved, ever. Idempotent: does nothing when the image exists.
# Needs root and a running engine (bash scripts/docker-up.sh). Env: NEBULA_DEBIAN_MIRROR overrides the mirror.
set -euo pipefail

image="nebula-debian-base:bookworm"
suite="bookworm"

say() { echo "debian-base: $*"; }
die() { echo "debian-base: ERROR: $*" >&2; exit 1; }

timeout 10 docker version >/dev/null 2>&1 || die "no Docker engine answers; start one with: bash scripts/docker-up.sh"
if docker image inspect "$image" >/dev/null 2>&1; then
    say "$image already exists ($(docker image inspect --format '{{.Id}}' "$image")); nothing to do"
    exit 0
fi
[[ $(id -u) -eq 0 ]] || die "debootstrap needs root; run: sudo bash scripts/debian-base.sh"

if ! command -v debootstrap >/dev/null 2>&1; then
    say "installing debootstrap"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q --no-install-recommends debootstrap || { apt-get update -q && apt-get install -y -q --no-install-recommends debootstrap; }
fi

# The mirror apt uses for the bookworm suite itself (not -updates or -security).
mirror="${NEBULA_DEBIAN_MIRROR:-}"
if [[ -z $mirror ]]; then
    mirror=$(apt-get indextargets --format '$(SITE)' 'Created-By: Packages' "Release: $suite" 2>/dev/null | head -n 1 || true)
fi
mirror="${mirror:-http://deb.debian.org/debian}"

rootfs=$(mktemp -d /var/tmp/nebula-debian-rootfs.XXXXXX)
trap 'rm -rf "$rootfs"' EXIT
say "debootstrap --variant=minbase $suite from $mirror (takes a minute or two)"
debootstrap --variant=minbase "$suite" "$rootfs" "$mirror" >"$rootfs.log" 2>&1 \
    || { tail -n 30 "$rootfs.log" >&2; rm -f "$rootfs.log"; die "debootstrap failed"; }
rm -f "$rootfs.log"
# Package caches are no part of a base image.
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*

say "importing the root filesystem as $image"
tar --numeric-owner -C "$rootfs" -c . | docker import --change 'CMD ["/bin/bash"]' - "$image" >/dev/null
say "made $image ($(docker image inspect --format '{{.Id}} {{.Size}} bytes' "$image"))"
