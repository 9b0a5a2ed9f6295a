//! The Rust side of the catalog: ids, ranges, dispatch. The Java catalog (dev.nebula.function.CatalogFunction)
//! is the source of truth; the Java tests check that every artifact agrees with it.

use core::fmt;

use crate::functions;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Function {
    Fib,
    FibRec,
    Exp,
    Fact,
    Prime,
    Image,
}

/// A result as the CLI prints it: unsigned 64-bit, or a double for exp.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Answer {
    U64(u64),
    F64(f64),
}

impl fmt::Display for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Answer::U64(value) => write!(f, "{}", value),
            // Debug prints the shortest text that reads back as the same double.
            Answer::F64(value) => write!(f, "{:?}", value),
        }
    }
}

impl Function {
    pub const ALL: [Function; 6] =
        [Function::Fib, Function::FibRec, Function::Exp, Function::Fact, Function::Prime, Function::Image];

    pub fn id(self) -> &'static str {
        match self {
            Function::Fib => "fib",
            Function::FibRec => "fib-rec",
            Function::Exp => "exp",
            Function::Fact => "fact",
            Function::Prime => "prime",
            Function::Image => "image",
        }
    }

    /// The valid inputs: an inclusive range, so nobody waits for hours.
    pub fn range(self) -> (u64, u64) {
        match self {
            Function::Fib => (0, 1_000_000_000),
            Function::FibRec => (0, 40),
            Function::Exp => (0, 709),
            Function::Fact => (0, 1_000_000_000),
            Function::Prime => (1, 1_000_000),
            // 4096: 80 MiB of buffers
            Function::Image => (1, 4096),
        }
    }

    pub fn accepts(self, n: u64) -> bool {
        let (min, max) = self.range();
        min <= n && n <= max
    }

    pub fn by_id(id: &str) -> Option<Function> {
        Function::ALL.iter().copied().find(|function| function.id() == id)
    }

    /// Runs the function; n must be in range.
    pub fn run(self, n: u64) -> Answer {
        match self {
            Function::Fib => Answer::U64(functions::fibonacci(n)),
            Function::FibRec => Answer::U64(functions::fibonacci_recursive(n)),
            Function::Exp => Answer::F64(functions::exponential(n)),
            Function::Fact => Answer::U64(functions::factorial(n)),
            Function::Prime => Answer::U64(functions::prime_number(n)),
            Function::Image => Answer::U64(functions::image_blur(n)),
        }
    }
}

/// A parsed request `<fn> <n>`, or a message that says what is valid.
pub fn parse_request(function_id: &str, input: &str) -> Result<(Function, u64), String> {
    let function = Function::by_id(function_id).ok_or_else(|| {
        let valid: Vec<&str> = Function::ALL.iter().map(|function| function.id()).collect();
        format!("unknown function '{}'; valid: {}", function_id, valid.join(", "))
    })?;
    let (min, max) = function.range();
    let valid_range = format!("valid: {} ≤ n ≤ {}", min, max);
    // i128 so that negative and too-large numbers get the range message, not a parse error.
    let wide: i128 = input
        .parse()
        .map_err(|_| format!("n for {} must be a whole number; got '{}'; {}", function.id(), input, valid_range))?;
    if wide < min as i128 || wide > max as i128 {
        return Err(format!("n={} is out of range for {}; {}", wide, function.id(), valid_range));
    }
    Ok((function, wide as u64))
}

/// Parses one request line `<fn> <n>`.
pub fn parse_line(line: &str) -> Result<(Function, u64), String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    match words.as_slice() {
        [function_id, input] => parse_request(function_id, input),
        _ => Err(format!("expected '<fn> <n>', got '{}'", line.trim())),
    }
}
