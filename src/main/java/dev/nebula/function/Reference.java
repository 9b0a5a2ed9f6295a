package dev.nebula.function;

/**
 * The functions in plain Java: the answers every runtime is checked against, and the {@code java} baseline.
 * Each mirrors {@code wasm-modules/src/functions.rs} operation for operation, so results agree bit for bit.
 */
public final class Reference {
    private Reference() {}

    /** F(n), iteratively, wrapping at 2^64 (Java's long addition wraps just like u64's). */
    public static long fibonacci(long n) {
        long a = 0;
        long b = 1;
        for (long i = 0; i < n; i++) {
            long next = a + b;
            a = b;
            b = next;
        }
        return a;
    }

    /** F(n) by naive recursion: the CPU-heavy one, about 2·F(n) calls. */
    public static long fibonacciRecursive(long n) {
        return n < 2 ? n : fibonacciRecursive(n - 1) + fibonacciRecursive(n - 2);
    }

    /** e^n by its Taylor series, until the sum stops changing. Only + * /, so every target rounds alike. */
    public static double exponential(long n) {
        double x = n;
        double sum = 1.0;
        double term = 1.0;
        for (long k = 1; ; k++) {
            // x / k first: term * x would overflow near n = 709 before the division brings it back.
            term = term * (x / k);
            double next = sum + term;
            if (next == sum) {
                return sum;
            }
            sum = next;
        }
    }

    /** n! wrapping at 2^64 (zero from 66! on: it has 64 factors of two). */
    public static long factorial(long n) {
        long product = 1;
        for (long i = 2; i <= n; i++) {
            product *= i;
        }
        return product;
    }

    /** The n-th prime, 1-indexed, by trial division over candidates 6k±1. */
    public static long primeNumber(long n) {
        long count = 0;
        long candidate = 1;
        while (count < n) {
            candidate++;
            if (isPrime(candidate)) {
                count++;
            }
        }
        return candidate;
    }

    static boolean isPrime(long m) {
        if (m < 4) {
            return m >= 2;
        }
        if (m % 2 == 0 || m % 3 == 0) {
            return false;
        }
        for (long i = 5; i * i <= m; i += 6) {
            if (m % i == 0 || m % (i + 2) == 0) {
                return false;
            }
        }
        return true;
    }
}
