//! The `journal` binary: parse the command line, run, map errors to exit codes.

use clap::Parser;
use std::process::ExitCode;

// Parsing and indexing make many small allocations; mimalloc is markedly faster at them
// than the system allocator (docs/PERFORMANCE.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // `JOURNAL_COMPLETE=<shell> journal -- …` is the shell asking for completions.
    journal::complete::complete_from_env();
    let cli = match journal::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return journal::cli::report_usage_error(&e),
    };
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
