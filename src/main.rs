//! The `journal` binary: parse the command line, run, map errors to exit codes.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = journal::cli::Cli::parse();
    match journal::run(cli) {
        Ok(code) => code,
        Err(e) => {
            let (code, message) = journal::exit_for(&e);
            if let Some(m) = message {
                eprintln!("journal: {m}");
            }
            code
        }
    }
}
