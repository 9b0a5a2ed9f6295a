#!/usr/bin/env bash
# Rebuilds the foreign-function fixtures in this folder from their sources (needs wabt's wat2wasm, gcc and python3):
#   collatz.wasm                  from collatz.wat, the good WASI command
#   collatz                       from collatz.c: gcc -O2 -static (committed while it stays under 1 MB)
#   not-a-command.wasm, extra-imports.wasm, traps.wasm, spins.wasm   from their .wat, the bad commands
#   corrupt.wasm                  256 bytes that are not a module: SHA-256 of "nebula corrupt fixture <i>", i = 0..7
# wabt comes with `bash wasm-modules/build.sh` (Debian's package wabt).
set -euo pipefail
cd "$(dirname "$0")"

for name in collatz not-a-command extra-imports traps spins; do
  wat2wasm "$name.wat" -o "$name.wasm"
  wasm-validate "$name.wasm"
done

python3 -c 'import hashlib, sys; sys.stdout.buffer.write(b"".join(hashlib.sha256(b"nebula corrupt fixture %d" % i).digest() for i in range(8)))' > corrupt.wasm
if wasm-validate corrupt.wasm 2>/dev/null; then
  echo "build.sh: corrupt.wasm validates" >&2
  exit 1
fi

gcc -O2 -static -o collatz collatz.c
size=$(stat -c %s collatz)
echo "build.sh: collatz is $size bytes$([ "$size" -gt 1048576 ] && echo ', over 1 MB: do not commit it')"

for n in 1 27 97 871; do
  echo "collatz $n = $(./collatz "$n")"
done
