//! nebula-accept <socket> <command> [arg...]
//!
//! Listens on the unix socket <socket>, accepts one connection, and execs <command> with that connection as its
//! stdin and stdout, the way inetd starts a server per connection. A warm container runs
//! `nebula-accept /run/nebula/serve.sock /usr/local/bin/nebula serve`: the host then talks to `nebula serve`
//! itself over a socket in a bind mount, with no network and no relay process in between.
//! Errors go to stderr with exit code 2 (usage) or 1 (socket or exec failure).

use std::os::unix::fs::PermissionsExt;
use std::os::unix::io::OwnedFd;
use std::os::unix::net::UnixListener;
use std::os::unix::process::CommandExt;
use std::process::{Command, ExitCode, Stdio};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: nebula-accept <socket> <command> [arg...]");
        return ExitCode::from(2);
    }
    match accept_and_exec(&args[0], &args[1], &args[2..]) {
        Ok(never) => match never {},
        Err(message) => {
            eprintln!("nebula-accept: {}", message);
            ExitCode::from(1)
        }
    }
}

enum Never {}

fn accept_and_exec(socket: &str, command: &str, args: &[String]) -> Result<Never, String> {
    // A socket left by an earlier run would make bind fail.
    let _ = std::fs::remove_file(socket);
    let listener = UnixListener::bind(socket).map_err(|e| format!("cannot listen on {}: {}", socket, e))?;
    // The host may connect as another user than the container's.
    std::fs::set_permissions(socket, std::fs::Permissions::from_mode(0o666))
        .map_err(|e| format!("cannot chmod {}: {}", socket, e))?;
    let (connection, _) = listener.accept().map_err(|e| format!("cannot accept on {}: {}", socket, e))?;
    // One connection only: nobody else may reach this server.
    let _ = std::fs::remove_file(socket);
    let input: OwnedFd = connection.try_clone().map_err(|e| format!("cannot duplicate the connection: {}", e))?.into();
    let output: OwnedFd = connection.into();
    let error = Command::new(command).args(args).stdin(Stdio::from(input)).stdout(Stdio::from(output)).exec();
    Err(format!("cannot exec {}: {}", command, error))
}
