//! `journal` reads a folder of Markdown notes (an Obsidian vault, a Logseq graph or plain
//! files) and finds plans, the actions that carry them out, checkpoints, reflection prompts
//! and decisions, and renders reviews from Tera templates.
//!
//! The pipeline, one module per stage, plain data between them:
//!
//! ```text
//! vault ──▶ note ──▶ load ──▶ index ──▶ review ──▶ render ──▶ output
//! (which     (one     (walk,   (plans,    (the       (Tera)     (files,
//!  files)    note →   cache,   links,     period                 markers)
//!            items)   parse)   health)    model)
//! ```
//!
//! `config` resolves every setting in one place, `dates` owns dates, weeks and moment.js
//! formats, and `noise` decides what in a vault is not the person's writing (templates,
//! clippings, copies, backups) for the stages that apply it; `commands` turns the index into
//! each command's output. No stage calls a later one. `fsx` is the one way a file is read
//! (regular files only, capped) and the one way a path inside the vault is made for writing
//! (docs/SAFETY.md).
//!
//! The public API is small: [`run`] (what the binary calls), and for benchmarks, tests and
//! other tools [`config::Config`], [`load::load`], [`index::Index`], [`review::build`],
//! [`render::render`] and the note parser [`note::parse`] with its data in [`model`].

/// Every `eprintln!` in the crate is this one: a line on standard error that is dropped,
/// never a panic, when stderr is closed or full (`2>/dev/full`). It shadows the standard
/// macro for every module below.
macro_rules! eprintln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

pub mod cache;
pub mod cli;
mod commands;
pub mod complete;
pub mod config;
mod daily;
pub mod dates;
pub mod diagnostic;
mod fsx;
mod glyphs;
mod hash;
pub mod index;
pub mod load;
mod markers;
mod memo;
pub mod model;
mod noise;
pub mod note;
mod output;
mod progress;
pub mod render;
pub mod review;
mod table;
mod vault;
mod views;

use cli::{Cli, Command};
use std::process::ExitCode;

/// A mistake in how `journal` was called (a bad flag value, a missing vault, an invalid
/// config): one line for the user, exit status 2.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// What went wrong in a run, with its exit status ([`Error::code`]): 2 when the user asked
/// for something that cannot be done as asked (a [`UsageError`] anywhere in the chain: a
/// bad flag, a bad setting or template, a file journal will not replace), 1 for a failure
/// (an I/O error, a file that kept changing), and 0 for a closed output pipe
/// (`journal tasks | head` is not a failure).
#[derive(Debug)]
pub struct Error(anyhow::Error);

impl<E: Into<anyhow::Error>> From<E> for Error {
    fn from(e: E) -> Self {
        Error(e.into())
    }
}

impl Error {
    fn broken_pipe(&self) -> bool {
        self.0.chain().any(|cause| {
            let kind = cause
                .downcast_ref::<std::io::Error>()
                .map(std::io::Error::kind)
                .or_else(|| {
                    cause
                        .downcast_ref::<serde_json::Error>()
                        .and_then(serde_json::Error::io_error_kind)
                });
            kind == Some(std::io::ErrorKind::BrokenPipe)
        })
    }

    /// The exit status: 0, 1 or 2 as described on [`Error`].
    pub fn code(&self) -> u8 {
        if self.broken_pipe() {
            0
        } else if self.0.chain().any(|c| c.is::<UsageError>()) {
            2
        } else {
            1
        }
    }

    /// The one line to show the user (`None` for a closed pipe).
    pub fn message(&self) -> Option<String> {
        if self.broken_pipe() {
            return None;
        }
        if let Some(u) = self.0.downcast_ref::<UsageError>() {
            return Some(u.0.clone());
        }
        let mut msg = self.0.to_string();
        for cause in self.0.chain().skip(1) {
            msg.push_str(": ");
            msg.push_str(&cause.to_string());
        }
        Some(msg.replace(['\n', '\r'], " "))
    }
}

/// Runs one command line. Errors are returned for `main` to report.
pub fn run(cli: Cli) -> Result<ExitCode, Error> {
    run_inner(cli).map_err(Error)
}

fn run_inner(cli: Cli) -> anyhow::Result<ExitCode> {
    // These need no vault.
    match &cli.command {
        Command::Completions { shell } => {
            let script = complete::registration(*shell)?;
            std::io::Write::write_all(&mut std::io::stdout().lock(), &script)?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Man => {
            std::io::Write::write_all(&mut std::io::stdout().lock(), &cli::man_page()?)?;
            return Ok(ExitCode::SUCCESS);
        }
        _ => {}
    }
    // Only `journal init` may run outside a vault: it makes one.
    let outside = match cli.command {
        Command::Init => commands::Outside::Here,
        _ => commands::Outside::Refuse,
    };
    let ctx = commands::Context::new(&cli.global, outside)?;
    match &cli.command {
        Command::Review(args) => commands::review::run(&ctx, args)?,
        Command::Tasks(args) => commands::tasks::run(&ctx, args)?,
        Command::Plans(args) => commands::plans::run(&ctx, args)?,
        Command::Plan(args) => commands::plan::run(&ctx, args)?,
        Command::Checkpoints(args) => commands::checkpoints::run(&ctx, args)?,
        Command::Prompts(args) => commands::prompts::run(&ctx, args)?,
        Command::Calendar(args) => commands::calendar::run(&ctx, args)?,
        Command::Check(args) => return commands::check::run(&ctx, args),
        Command::Index(args) => commands::index::run(&ctx, args)?,
        Command::New(args) => commands::daily::run_new(&ctx, args)?,
        Command::Prompt(args) => commands::daily::run_prompt(&ctx, args)?,
        Command::Init => commands::daily::run_init(&ctx)?,
        Command::Completions { .. } | Command::Man => {}
    }
    Ok(ExitCode::SUCCESS)
}
