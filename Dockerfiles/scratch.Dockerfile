# Runtime `docker`: the static native binary alone, FROM scratch: nothing else in the image.
# Build context (made by dev.nebula.runtime.docker.ImageBuilder, never a directory on disk): this file as Dockerfile,
# `nebula` (wasm-modules/target/native/nebula) and `nebula-accept` (Dockerfiles/nebula-accept), both mode 0755 in the
# context itself: the engine's legacy builder has no COPY --chmod.
# One shot: `<fn> <n>` as the command. Warm: the entrypoint becomes
# `nebula-accept /run/nebula/serve.sock /usr/local/bin/nebula serve` (see nebula-accept/src/main.rs).
FROM scratch
COPY nebula nebula-accept /usr/local/bin/
ENTRYPOINT ["/usr/local/bin/nebula"]
