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

    /**
     * An n×n RGB image made from its coordinates, turned grey, blurred 3×3 with clamped edges, and hashed with
     * FNV-1a-64 over the blurred bytes in row-major order: memory-heavy on purpose (5n² bytes live at once).
     */
    public static long imageBlur(long side) {
        int n = Math.toIntExact(side);
        byte[] rgb = new byte[3 * n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int i = 3 * (y * n + x);
                rgb[i] = (byte) ((7L * x + 13L * y) % 256);
                rgb[i + 1] = (byte) ((11L * x + 3L * y) % 256);
                rgb[i + 2] = (byte) ((5L * x + 17L * y + (long) x * y) % 256);
            }
        }
        int[] grey = new int[n * n];
        for (int i = 0; i < grey.length; i++) {
            int r = rgb[3 * i] & 0xff;
            int g = rgb[3 * i + 1] & 0xff;
            int b = rgb[3 * i + 2] & 0xff;
            grey[i] = (77 * r + 150 * g + 29 * b) >> 8;
        }
        long hash = 0xcbf29ce484222325L; // FNV-1a-64 offset basis, 14695981039346656037
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int sum = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    int row = Math.clamp(y + dy, 0, n - 1) * n;
                    for (int dx = -1; dx <= 1; dx++) {
                        sum += grey[row + Math.clamp(x + dx, 0, n - 1)];
                    }
                }
                hash ^= sum / 9;
                hash *= 0x100000001b3L; // FNV-1a-64 prime, 1099511628211
            }
        }
        return hash;
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
