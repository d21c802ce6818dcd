//! The `journal` binary: parse the command line, run, map errors to exit codes.

use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

// Parsing and indexing make many small allocations; mimalloc is markedly faster at them
// than the system allocator (docs/PERFORMANCE.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // No transparent huge pages: mimalloc asks for them, and the kernel then zeroes 2 MiB at
    // the first touch of each. That cost a run that reads the cache and builds the review a
    // third of its time and twice its memory, and a stored review served after re-reading
    // touched notes twice its time (docs/PERFORMANCE.md).
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    // The same binary renders user templates in a child process, under a budget.
    if std::env::args_os().nth(1).as_deref()
        == Some(std::ffi::OsStr::new(journal::render::SANDBOX_ARG))
    {
        return journal::render::sandbox_main();
    }
    // `JOURNAL_COMPLETE=<shell> journal -- …` is the shell asking for completions.
    journal::complete::complete_from_env();
    let cli = match journal::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return journal::cli::report_usage_error(&e),
    };
    match journal::run(cli) {
        Ok(code) => code,
        Err(e) => {
            if let Some(m) = e.message() {
                // A full or closed stderr loses the message, never panics.
                let _ = writeln!(std::io::stderr(), "journal: {m}");
            }
            ExitCode::from(e.code())
        }
    }
}
