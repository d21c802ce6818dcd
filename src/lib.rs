//! `journal` reads a folder of Markdown notes (an Obsidian vault, a Logseq graph or plain
//! files) and finds plans, the actions that carry them out, checkpoints, reflection prompts
//! and decisions, and renders reviews from Tera templates.
//!
//! The pipeline, one module per stage, plain data between them:
//!
//! ```text
//! vault ──▶ note ──▶ load ──▶ index ──▶ review ──▶ render ──▶ output
//! (which     (one     (walk,   (plans,    (the       (Tera)     (files,
//!  files)    note →   cache,   links,     weekly                 markers)
//!            items)   parse)   health)    model)
//! ```
//!
//! `config` resolves every setting in one place and `dates` owns dates, weeks and moment.js
//! formats; `commands` turns the index into each command's output. No stage calls a later one.
//!
//! The public API is small: [`run`] (what the binary calls), and for benchmarks, tests and
//! other tools [`config::Config`], [`load::load`], [`index::Index`], [`review::build`],
//! [`render::render`] and the note parser [`note::parse`] with its data in [`model`].

pub mod cache;
pub mod cli;
mod commands;
pub mod complete;
pub mod config;
mod daily;
pub mod dates;
pub mod diagnostic;
mod glyphs;
mod hash;
pub mod index;
pub mod load;
mod markers;
pub mod model;
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

/// Runs one command line. Errors are returned for `main` to report.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
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
        Command::Check(args) => return commands::check::run(&ctx, args),
        Command::Index(args) => commands::index::run(&ctx, args)?,
        Command::New(args) => commands::daily::run_new(&ctx, args)?,
        Command::Prompt(args) => commands::daily::run_prompt(&ctx, args)?,
        Command::Init => commands::daily::run_init(&ctx)?,
        Command::Completions { .. } | Command::Man => {}
    }
    Ok(ExitCode::SUCCESS)
}

/// The exit status and message for an error: 2 for usage errors, 0 for a closed pipe
/// (`journal tasks | head` is not a failure), 1 otherwise.
pub fn exit_for(err: &anyhow::Error) -> (ExitCode, Option<String>) {
    for cause in err.chain() {
        let kind = cause
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| {
                cause
                    .downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            });
        if kind == Some(std::io::ErrorKind::BrokenPipe) {
            return (ExitCode::SUCCESS, None);
        }
    }
    if let Some(u) = err.downcast_ref::<UsageError>() {
        return (ExitCode::from(2), Some(u.0.clone()));
    }
    let mut msg = err.to_string();
    for cause in err.chain().skip(1) {
        msg.push_str(": ");
        msg.push_str(&cause.to_string());
    }
    (ExitCode::from(1), Some(msg))
}
