#!/usr/bin/env python3
"""Known answers for the six functions, computed outside Java, by other algorithms where one exists.

    python3 scripts/known-answers.py [OUT]    (default: src/test/resources/known-answers.tsv)

The Java reference and the `java` runtime are checked against this table (KnownAnswersTest), so a mistake in
Reference.java cannot pass by agreeing with itself. CI regenerates it and compares byte for byte.
- fib: fast doubling on exact integers, then mod 2^64 (the reference iterates with wrapping adds);
- fact: the exact product mod 2^64, stopping once it is 0 (it stays 0);
- prime: a sieve of Eratosthenes (the reference does trial division);
- exp: the same IEEE 754 double operations as the definition (Python floats are correctly rounded doubles);
- image: the 3x3 box blur as two passes, sums along each row then sums of three row sums down each column, over
  bytearrays (the reference adds the 9 clamped neighbours of each pixel directly); checked against that direct
  definition on small images.
Inputs: each range's ends, the wrap-around points, the S, M, L inputs of dev.nebula.function.CatalogFunction, and every
input RuntimeMatrixTest runs (the tests fail, naming this script, when one of those is missing here).
"""
import struct
import sys
from pathlib import Path

U64 = 1 << 64
MASK64 = U64 - 1

INPUTS = {
    # 93: the largest F(n) below 2^64; 94: the first that wraps; 3500/350000/35000000: S, M, L
    "fib": [0, 1, 2, 10, 93, 94, 100_000, 3_500, 350_000, 35_000_000, 1_000_000_000],
    # 13/23/33: S, M, L
    "fib-rec": [0, 1, 2, 10, 13, 20, 23, 33, 40],
    # the whole range: every size label is 709
    "exp": [0, 1, 2, 10, 100, 708, 709],
    # 21: the first that wraps; 65: 2^63; 66: zero from here on; 1200/120000/12000000: S, M, L
    "fact": [0, 1, 2, 20, 21, 65, 66, 100_000, 1_200, 120_000, 12_000_000, 1_000_000_000],
    # 80/1500/28000: S, M, L
    "prime": [1, 2, 3, 4, 10, 80, 1_000, 1_500, 28_000, 1_000_000],
    # 1: a single pixel, its own neighbours; 2, 3: every pixel at an edge, then one that is not; 64/512/2048: S, M, L
    "image": [1, 2, 3, 64, 512, 2_048, 4_096],
}


def fibonacci(n):
    """(F(n), F(n+1)) by fast doubling, exact."""
    if n == 0:
        return 0, 1
    a, b = fibonacci(n >> 1)
    c = a * (2 * b - a)
    d = a * a + b * b
    return (d, c + d) if n & 1 else (c, d)


def fib(n):
    # exact integers, reduced mod 2^64 at each step: F(10^9) has ~2*10^8 digits otherwise
    return fib_mod(n)[0]


def fib_mod(n):
    if n == 0:
        return 0, 1
    a, b = fib_mod(n >> 1)
    c = a * (2 * b - a) % U64
    d = (a * a + b * b) % U64
    return (d, (c + d) % U64) if n & 1 else (c, d)


def fact(n):
    product = 1
    for i in range(2, n + 1):
        product = product * i % U64
        if product == 0:
            break
    return product


def primes_up_to(limit):
    sieve = bytearray([1]) * (limit + 1)
    sieve[0:2] = b"\x00\x00"
    for p in range(2, int(limit ** 0.5) + 1):
        if sieve[p]:
            sieve[p * p::p] = bytearray(len(range(p * p, limit + 1, p)))
    return [i for i, is_prime in enumerate(sieve) if is_prime]


PRIMES = primes_up_to(15_485_863)  # the 10^6-th prime, the end of prime's range


def prime(n):
    return PRIMES[n - 1]


FNV_OFFSET = 14695981039346656037
FNV_PRIME = 1099511628211


def fnv1a64(values):
    h = FNV_OFFSET
    for value in values:
        h = (h ^ value) * FNV_PRIME & MASK64
    return h


def image_rgb(n):
    """The n x n RGB image, row-major, 3 bytes a pixel; each channel's row written as one strided slice."""
    rgb = bytearray(3 * n * n)
    for y in range(n):
        row = 3 * n * y
        rgb[row:row + 3 * n:3] = bytes((7 * x + 13 * y) % 256 for x in range(n))
        rgb[row + 1:row + 3 * n:3] = bytes((11 * x + 3 * y) % 256 for x in range(n))
        rgb[row + 2:row + 3 * n:3] = bytes((5 * x + 17 * y + x * y) % 256 for x in range(n))
    return rgb


def image_grey(n):
    rgb = image_rgb(n)
    return bytearray((77 * r + 150 * g + 29 * b) >> 8 for r, g, b in zip(rgb[0::3], rgb[1::3], rgb[2::3]))


def image(n):
    """Separable: each row's sums of 3 (the row padded with its end pixels), then sums of 3 such rows (the image
    padded with its end rows), // 9. Only three row sums are kept at a time: the blurred rows stream into the hash."""
    grey = image_grey(n)

    def across(y):
        y = min(max(y, 0), n - 1)
        line = grey[y * n:(y + 1) * n]
        padded = line[:1] + line + line[-1:]
        return [a + b + c for a, b, c in zip(padded, padded[1:], padded[2:])]

    h = FNV_OFFSET
    above, here, below = across(-1), across(0), across(1)
    for y in range(n):
        for value in [(a + b + c) // 9 for a, b, c in zip(above, here, below)]:
            h = (h ^ value) * FNV_PRIME & MASK64
        above, here, below = here, below, across(y + 2)
    return h


def image_direct(n):
    """The definition word for word, for small n: each pixel's 9 clamped neighbours."""
    grey = image_grey(n)
    clamp = lambda i: min(max(i, 0), n - 1)
    return fnv1a64(sum(grey[clamp(y + dy) * n + clamp(x + dx)] for dy in (-1, 0, 1) for dx in (-1, 0, 1)) // 9
                   for y in range(n) for x in range(n))


def exp_bits(n):
    x = float(n)
    total = 1.0
    term = 1.0
    k = 1
    while True:
        term = term * (x / k)
        following = total + term
        if following == total:
            return struct.unpack("<Q", struct.pack("<d", total))[0], repr(total)
        total = following
        k += 1


def rows():
    yield "# fn\tn\tbits (the 64 result bits, hex)\tvalue (u64 decimal, or the double)"
    for fn, inputs in INPUTS.items():
        for n in inputs:
            if fn == "exp":
                bits, value = exp_bits(n)
            else:
                exact = {"fib": fib, "fib-rec": fib, "fact": fact, "prime": prime, "image": image}[fn](n)
                bits, value = exact, str(exact)
            yield f"{fn}\t{n}\t{bits:016x}\t{value}"


def main():
    # fast doubling, exact and unreduced, agrees with the reduced one where that is cheap to check
    assert all(fibonacci(n)[0] % U64 == fib(n) for n in range(0, 2000, 7))
    assert len(PRIMES) >= 1_000_000
    # the two-pass blur agrees with the nine-neighbour definition
    assert all(image(n) == image_direct(n) for n in list(range(1, 20)) + [64])
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "src/test/resources/known-answers.tsv"
    out.write_text("\n".join(rows()) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
