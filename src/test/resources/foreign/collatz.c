/* collatz: the same user function as collatz.wat, in C, for a static native binary (or wasm32-wasi with wasi-sdk).
 *   collatz <n>    n a decimal integer, 1 <= n < 2^64
 * prints the number of Collatz steps from n down to 1 and a newline, and exits 0; a missing or malformed n, n = 0,
 * or a path that would pass 2^64 prints a message on stderr and exits 2. */
#include <stdint.h>
#include <stdio.h>

static int fail(const char *message) {
    fprintf(stderr, "collatz: %s\n", message);
    return 2;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        return fail("usage: collatz <n>");
    }
    const char *text = argv[1];
    uint64_t n = 0;
    if (*text == '\0') {
        return fail("n must be a decimal integer, 1 <= n < 2^64");
    }
    for (; *text; text++) {
        unsigned digit = (unsigned char) *text - '0';
        if (digit > 9 || n > (UINT64_MAX - digit) / 10) {
            return fail("n must be a decimal integer, 1 <= n < 2^64");
        }
        n = n * 10 + digit;
    }
    if (n == 0) {
        return fail("n must be a decimal integer, 1 <= n < 2^64");
    }
    uint64_t steps = 0;
    while (n != 1) {
        if (n % 2 == 0) {
            n /= 2;
        } else if (n > (UINT64_MAX - 1) / 3) {
            return fail("the path from n passes 2^64");
        } else {
            n = 3 * n + 1;
        }
        steps++;
    }
    if (printf("%llu\n", (unsigned long long) steps) < 0 || fflush(stdout) != 0) {
        return 1;
    }
    return 0;
}
