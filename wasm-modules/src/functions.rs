//! The six functions. Mirrors dev.nebula.function.Reference operation for operation,
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

/// The memory-heavy one: an n×n RGB image, to grey, blurred 3×3, hashed. Three buffers really allocated and
/// written (RGB 3n², grey n², blurred n² bytes: 20 MiB at n = 2048), then the FNV-1a-64 hash of the blurred bytes.
/// - pixel (x, y), x the column, y the row, from 0: R = (7x + 13y) mod 256, G = (11x + 3y) mod 256,
///   B = (5x + 17y + x·y) mod 256, in u64;
/// - grey = (77R + 150G + 29B) >> 8;
/// - blurred = the sum of the 3×3 grey neighbourhood, coordinates clamped to the image, integer-divided by 9;
/// - hash: h = 14695981039346656037; per blurred byte, row-major: h ^= byte, h = h · 1099511628211 mod 2^64.
pub fn image_blur(n: u64) -> u64 {
    let n = n as usize;
    let pixels = n * n;

    let mut rgb = vec![0u8; 3 * pixels];
    for y in 0..n {
        for x in 0..n {
            let (xw, yw) = (x as u64, y as u64);
            let i = 3 * (y * n + x);
            rgb[i] = ((7 * xw + 13 * yw) % 256) as u8;
            rgb[i + 1] = ((11 * xw + 3 * yw) % 256) as u8;
            rgb[i + 2] = ((5 * xw + 17 * yw + xw * yw) % 256) as u8;
        }
    }

    let mut grey = vec![0u8; pixels];
    for (i, value) in grey.iter_mut().enumerate() {
        let (r, g, b) = (rgb[3 * i] as u32, rgb[3 * i + 1] as u32, rgb[3 * i + 2] as u32);
        // at most 256·255 >> 8 = 255
        *value = ((77 * r + 150 * g + 29 * b) >> 8) as u8;
    }

    let mut blurred = vec![0u8; pixels];
    let last = n - 1;
    for y in 0..n {
        for x in 0..n {
            let mut sum = 0u32;
            // dy, dx in 0..3 stand for offsets -1, 0, +1: (y + dy) - 1, clamped to 0..=last
            for dy in 0..3 {
                let row = (y + dy).saturating_sub(1).min(last) * n;
                for dx in 0..3 {
                    sum += grey[row + (x + dx).saturating_sub(1).min(last)] as u32;
                }
            }
            blurred[y * n + x] = (sum / 9) as u8;
        }
    }

    let mut hash = 14_695_981_039_346_656_037u64;
    for &byte in blurred.iter() {
        hash ^= byte as u64;
        hash = hash.wrapping_mul(1_099_511_628_211);
    }
    hash
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
