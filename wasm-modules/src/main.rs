//! The CLI, one source for the WASI command (`nebula-wasi.wasm`) and the static native binary:
//!   nebula <fn> <n>   prints the result
//!   nebula            reads one line `<fn> <n>` from stdin, prints the result
//!   nebula serve      reads `<fn> <n>` lines, writes one line each (the result or `error: ...`), flushed
//!   nebula serve --socket <path>
//!                     the same over one connection accepted on a unix socket (native only): a warm container
//!                     serves the host through a socket in a bind mount, with no network and no relay
//! Errors go to stderr with exit code 2. With NEBULA_TIMESTAMPS=1 a one-shot run also prints
//! `nebula-timestamps start=<ns> end=<ns>` (Unix epoch ns) on stderr, so a host can split its cold start.

use std::io::{self, BufRead, Write};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use nebula_functions::catalog::{parse_line, parse_request, Answer, Function};

fn main() -> ExitCode {
    // Taken first: the moment the function's own code starts running.
    let start = epoch_nanos();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let request = match args.as_slice() {
        [command] if command == "serve" => return serve(io::stdin().lock(), io::stdout().lock()),
        [command, option, path] if command == "serve" && option == "--socket" => return serve_socket(path),
        [function_id, input] => parse_request(function_id, input),
        [] => read_stdin_line().and_then(|line| parse_line(&line)),
        _ => Err(String::from("usage: nebula <fn> <n> | nebula serve [--socket <path>] | <fn> <n> on stdin")),
    };
    match request {
        Ok((function, n)) => one_shot(function, n, start),
        Err(message) => fail(&message),
    }
}

fn one_shot(function: Function, n: u64, start: u128) -> ExitCode {
    let answer: Answer = function.run(n);
    let end = epoch_nanos();
    if std::env::var_os("NEBULA_TIMESTAMPS").map_or(false, |value| value == "1") {
        eprintln!("nebula-timestamps start={} end={}", start, end);
    }
    if write_line(&mut io::stdout().lock(), &answer.to_string()).is_err() {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

fn serve(input: impl BufRead, mut output: impl Write) -> ExitCode {
    for line in input.lines() {
        let line = match line {
            Ok(line) => line,
            Err(error) => return fail(&format!("cannot read stdin: {}", error)),
        };
        let response = match parse_line(&line) {
            Ok((function, n)) => function.run(n).to_string(),
            Err(message) => format!("error: {}", message),
        };
        if write_line(&mut output, &response).is_err() {
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}

#[cfg(unix)]
fn serve_socket(path: &str) -> ExitCode {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::net::UnixListener;

    // A socket left by an earlier run would make bind fail.
    let _ = std::fs::remove_file(path);
    let listener = match UnixListener::bind(path) {
        Ok(listener) => listener,
        Err(error) => return fail(&format!("cannot listen on {}: {}", path, error)),
    };
    // The host may connect as another user than the container's.
    if let Err(error) = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o666)) {
        return fail(&format!("cannot chmod {}: {}", path, error));
    }
    let connection = match listener.accept() {
        Ok((connection, _)) => connection,
        Err(error) => return fail(&format!("cannot accept on {}: {}", path, error)),
    };
    // One connection only: nobody else may reach this server, and nothing is left in the bind mount.
    let _ = std::fs::remove_file(path);
    match connection.try_clone() {
        Ok(reader) => serve(io::BufReader::new(reader), connection),
        Err(error) => fail(&format!("cannot duplicate the connection: {}", error)),
    }
}

#[cfg(not(unix))]
fn serve_socket(_path: &str) -> ExitCode {
    fail("serve --socket needs a unix target; use serve over stdin and stdout")
}

/// One response, newline included, in a single write: an unbuffered socket would otherwise take two `write`s
/// (value, then newline) where stdout takes one, and the transports would not be measured alike.
fn write_line(output: &mut impl Write, text: &str) -> io::Result<()> {
    let mut line = String::with_capacity(text.len() + 1);
    line.push_str(text);
    line.push('\n');
    output.write_all(line.as_bytes())?;
    output.flush()
}

fn read_stdin_line() -> Result<String, String> {
    let mut line = String::new();
    match io::stdin().lock().read_line(&mut line) {
        Ok(0) => Err(String::from("usage: nebula <fn> <n> | nebula serve [--socket <path>] | <fn> <n> on stdin (stdin was empty)")),
        Ok(_) => Ok(line),
        Err(error) => Err(format!("cannot read stdin: {}", error)),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("nebula: {}", message);
    ExitCode::from(2)
}

fn epoch_nanos() -> u128 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |elapsed| elapsed.as_nanos())
}
