#!/usr/bin/env bash
# Builds target/native/nebula-accept, the static socket-activation helper of warm containers (see src/main.rs),
# with Debian's Rust toolchain, the one wasm-modules/build.sh uses. Installs it when missing. Not committed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

say() { echo "nebula-accept/build.sh: $*"; }

if [[ ! -x /usr/bin/cargo || ! -x /usr/bin/rustc ]]; then
    [[ $(id -u) -eq 0 ]] || { echo "nebula-accept/build.sh: installing rustc and cargo needs root" >&2; exit 1; }
    say "installing Debian packages: rustc cargo"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq --no-install-recommends rustc cargo >/dev/null \
        || { apt-get update -qq && apt-get install -y -qq --no-install-recommends rustc cargo >/dev/null; }
fi
export PATH=/usr/bin:$PATH
RUSTFLAGS="--remap-path-prefix=$here=/nebula-accept -C target-feature=+crt-static" \
    /usr/bin/cargo build --release --locked --offline --quiet --target x86_64-unknown-linux-gnu
mkdir -p target/native
cp target/x86_64-unknown-linux-gnu/release/nebula-accept target/native/nebula-accept
file target/native/nebula-accept | grep -Eq 'statically linked|static-pie linked' \
    || { echo "nebula-accept/build.sh: target/native/nebula-accept is not statically linked" >&2; exit 1; }
say "built $here/target/native/nebula-accept"
