# Runtime `docker`: the static native binary alone, FROM scratch: nothing else in the image.
# Build context (made in memory by dev.nebula.runtime.docker.NebulaImage, never a directory on disk): this file as
# Dockerfile and `nebula` (wasm-modules/target/native/nebula), mode 0755 in the context itself: the engine's legacy
# builder has no COPY --chmod.
# One shot: `<fn> <n>` as the command. Warm: `serve --socket /run/nebula/serve.sock`, a socket in a bind mount.
FROM scratch
COPY nebula /usr/local/bin/
ENTRYPOINT ["/usr/local/bin/nebula"]
