//! The five functions. Mirrors dev.nebula.function.Reference operation for operation,
//! so every artifact and the Java reference agree bit for bit.

/// F(n), iteratively, wrapping at 2^64.
pub fn fibonacci(n: u64) -> u64 {
    let (mut a, mut b) = (0u64, 1u64);
    for _ in 0..n {
        let next = a.wrapping_add(b);
        a = b;
        b = next;
    }
    a
}

/// F(n) by naive recursion: the CPU-heavy one, about 2·F(n) calls.
pub fn fibonacci_recursive(n: u64) -> u64 {
    if n < 2 {
        n
    } else {
        fibonacci_recursive(n - 1).wrapping_add(fibonacci_recursive(n - 2))
    }
}

/// e^n by its Taylor series until the sum stops changing. Only + * /, no libm, so every target rounds alike.
pub fn exponential(n: u64) -> f64 {
    let x = n as f64;
    let mut sum = 1.0f64;
    let mut term = 1.0f64;
    let mut k = 1u64;
    loop {
        // x / k first: term * x would overflow near n = 709 before the division brings it back.
        term *= x / k as f64;
        let next = sum + term;
        if next == sum {
            return sum;
        }
        sum = next;
        k += 1;
    }
}

/// n! wrapping at 2^64 (zero from 66! on: it has 64 factors of two).
pub fn factorial(n: u64) -> u64 {
    let mut product = 1u64;
    let mut i = 2u64;
    while i <= n {
        product = product.wrapping_mul(i);
        i += 1;
    }
    product
}

/// The n-th prime, 1-indexed, by trial division over candidates 6k±1.
pub fn prime_number(n: u64) -> u64 {
    let mut count = 0u64;
    let mut candidate = 1u64;
    while count < n {
        candidate += 1;
        if is_prime(candidate) {
            count += 1;
        }
    }
    candidate
}

fn is_prime(m: u64) -> bool {
    if m < 4 {
        return m >= 2;
    }
    if m % 2 == 0 || m % 3 == 0 {
        return false;
    }
    let mut i = 5u64;
    while i * i <= m {
        if m % i == 0 || m % (i + 2) == 0 {
            return false;
        }
        i += 6;
    }
    true
}
