# Runtime `docker-debian`: the same static binary on a minimal Debian root filesystem, to compare base images.
# nebula-debian-base:bookworm is made locally by scripts/debian-base.sh (debootstrap --variant=minbase, docker import);
# it is never pulled: the runtime checks that it exists and builds with pull disabled.
# Build context and layout: exactly as scratch.Dockerfile.
FROM nebula-debian-base:bookworm
COPY nebula /usr/local/bin/
ENTRYPOINT ["/usr/local/bin/nebula"]
