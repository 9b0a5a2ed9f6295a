//! Nebula's functions, their catalog, and the handler ABI of the reactor module `nebula.wasm`.

pub mod catalog;
pub mod functions;

/// The handler ABI: plain exports, `(i64) -> i64` (`(i64) -> f64` for exponential), importing nothing.
/// An n outside the valid range traps (there is no channel for a message): hosts validate n first.
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
mod handler {
    use crate::catalog::Function;
    use crate::functions;

    fn checked(function: Function, n: u64) -> u64 {
        if !function.accepts(n) {
            core::arch::wasm32::unreachable();
        }
        n
    }

    #[no_mangle]
    pub extern "C" fn fibonacci(n: u64) -> u64 {
        functions::fibonacci(checked(Function::Fib, n))
    }

    #[no_mangle]
    pub extern "C" fn fibonacci_recursive(n: u64) -> u64 {
        functions::fibonacci_recursive(checked(Function::FibRec, n))
    }

    #[no_mangle]
    pub extern "C" fn exponential(n: u64) -> f64 {
        functions::exponential(checked(Function::Exp, n))
    }

    #[no_mangle]
    pub extern "C" fn factorial(n: u64) -> u64 {
        functions::factorial(checked(Function::Fact, n))
    }

    #[no_mangle]
    pub extern "C" fn prime_number(n: u64) -> u64 {
        functions::prime_number(checked(Function::Prime, n))
    }

    #[no_mangle]
    pub extern "C" fn image_blur(n: u64) -> u64 {
        functions::image_blur(checked(Function::Image, n))
    }
}
