#!/usr/bin/env bash
# Builds Nebula's three artifacts from the one Rust source, with Debian's toolchain:
#   dist/nebula.wasm       reactor module, handler ABI, imports nothing   (committed)
#   dist/nebula-wasi.wasm  WASI command module, the CLI                   (committed)
#   target/native/nebula   static x86_64 binary, the CLI                  (not committed)
# Usage: build.sh            build all three, refresh dist/SHA256SUMS
#        build.sh --check    build, and fail if the wasm bytes differ from what is committed
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

check=false
case "${1:-}" in
  --check) check=true ;;
  "") ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

say() { echo "build.sh: $*"; }

# Debian's rustc 1.63 ships the wasm32 standard libraries; rustup's toolchain (first on PATH) has no wasm target.
packages=(rustc cargo libstd-rust-dev-wasm32 lld wabt)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  [ "$(id -u)" = 0 ] || { echo "build.sh: installing packages needs root (apt-get install ${missing[*]})" >&2; exit 1; }
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

export PATH=/usr/bin:$PATH
cargo=/usr/bin/cargo
say "$(/usr/bin/rustc --version), $($cargo --version)"

# Paths inside the artifacts must not depend on where the repository was cloned.
remap="--remap-path-prefix=$here=/nebula"
build=(--release --locked --offline)

RUSTFLAGS="$remap" $cargo rustc "${build[@]}" --lib --target wasm32-unknown-unknown --crate-type cdylib
RUSTFLAGS="$remap" $cargo build "${build[@]}" --bin nebula --target wasm32-wasi
RUSTFLAGS="$remap -C target-feature=+crt-static" $cargo build "${build[@]}" --bin nebula --target x86_64-unknown-linux-gnu

out=target/artifacts
mkdir -p "$out" target/native
cp target/wasm32-unknown-unknown/release/nebula_functions.wasm "$out/nebula.wasm"
cp target/wasm32-wasi/release/nebula.wasm "$out/nebula-wasi.wasm"
cp target/x86_64-unknown-linux-gnu/release/nebula target/native/nebula

# Both modules must validate, and the handler module must import nothing.
for module in "$out/nebula.wasm" "$out/nebula-wasi.wasm"; do
  wasm-validate "$module" || { echo "build.sh: $module does not validate" >&2; exit 1; }
done
if wasm-objdump -j Import -x "$out/nebula.wasm" 2>/dev/null | grep -q ' - func\| - memory\| - global\| - table'; then
  echo "build.sh: nebula.wasm imports something; the handler ABI must import nothing" >&2
  exit 1
fi
file target/native/nebula | grep -Eq 'statically linked|static-pie linked' || { echo "build.sh: target/native/nebula is not statically linked" >&2; exit 1; }
[ "$(target/native/nebula fib-rec 10)" = 55 ] || { echo "build.sh: target/native/nebula gives a wrong answer" >&2; exit 1; }

(cd "$out" && sha256sum nebula.wasm nebula-wasi.wasm) > target/SHA256SUMS
if $check; then
  if cmp -s target/SHA256SUMS dist/SHA256SUMS && cmp -s "$out/nebula.wasm" dist/nebula.wasm && cmp -s "$out/nebula-wasi.wasm" dist/nebula-wasi.wasm; then
    say "the rebuilt modules match the committed ones byte for byte"
  else
    echo "build.sh: the rebuilt modules differ from wasm-modules/dist:" >&2
    diff target/SHA256SUMS dist/SHA256SUMS >&2 || true
    exit 1
  fi
else
  install -m 644 "$out/nebula.wasm" "$out/nebula-wasi.wasm" target/SHA256SUMS dist/
  say "wrote dist/nebula.wasm, dist/nebula-wasi.wasm, dist/SHA256SUMS"
fi
say "native binary: $here/target/native/nebula"
