//! Shell completion of the values that come from the vault (plan names, tags, questions) and
//! of a few fixed words (weeks, check categories), with clap_complete's dynamic completion:
//! the shell code `journal completions SHELL` prints calls `journal` back with
//! `JOURNAL_COMPLETE=<shell>` (its own variable, so a `COMPLETE` set for another program
//! does not trip it), and these functions give the candidates. Flags, commands and the values
//! of `--format`, `--status`, `--priority` and `--sort` complete from the clap definition.

use crate::commands::{Outside, find_vault};
use crate::config::Config;
use crate::index::Index;
use crate::load::{CacheMode, Progress};
use clap_complete::engine::CompletionCandidate;
use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

/// The environment variable the shell code sets to ask for completions.
pub(crate) const VAR: &str = "JOURNAL_COMPLETE";

/// Answers a completion request, when this run is one (then it exits); otherwise returns.
pub fn complete_from_env() {
    clap_complete::CompleteEnv::with_factory(<crate::cli::Cli as clap::CommandFactory>::command)
        .var(VAR)
        .complete();
}

/// The shell code that registers journal's completions for `shell`.
pub(crate) fn registration(shell: clap_complete::Shell) -> std::io::Result<Vec<u8>> {
    let name = shell.to_string();
    let shells = clap_complete::env::Shells::builtins();
    let completer = shells
        .completer(&name)
        .ok_or_else(|| std::io::Error::other(format!("no completion for {name}")))?;
    let mut out = Vec::new();
    completer.write_registration(VAR, "journal", "journal", "journal", &mut out)?;
    Ok(out)
}

/// The vault of the command line being completed (its `--vault`, else `$JOURNAL_VAULT`, else
/// the vault around the current folder), read through the cache.
fn index() -> Option<Index> {
    let args: Vec<OsString> = std::env::args_os().collect();
    let flag = args
        .windows(2)
        .rev()
        .find(|w| w[0] == "--vault")
        .map(|w| PathBuf::from(&w[1]))
        .or_else(|| {
            args.iter()
                .rev()
                .find_map(|a| a.to_str()?.strip_prefix("--vault=").map(PathBuf::from))
        });
    let cwd = std::env::current_dir().ok()?;
    let env = std::env::var_os("JOURNAL_VAULT").map(PathBuf::from);
    let vault = find_vault(flag.as_deref(), env, &cwd, Outside::Refuse).ok()?;
    let config = Config::load(&vault).ok()?;
    crate::load::load(&config, &CacheMode::Use, &Progress::silent()).ok()
}

/// The `names` that start with what was typed, in any case, sorted and without repeats.
fn matching(current: &OsStr, names: impl Iterator<Item = String>) -> Vec<CompletionCandidate> {
    let typed = current.to_string_lossy().to_lowercase();
    let mut names: Vec<String> = names
        .filter(|n| n.to_lowercase().starts_with(&typed))
        .collect();
    names.sort();
    names.dedup();
    names.into_iter().map(CompletionCandidate::new).collect()
}

/// Plan titles (and note names where they differ).
pub(crate) fn plans(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(index) = index() else {
        return Vec::new();
    };
    let names = index
        .plans()
        .flat_map(|(_, p)| [p.title.clone(), index.note(p.note).stem().to_string()])
        .collect::<Vec<_>>();
    matching(current, names.into_iter())
}

/// Every tag of a task or note.
pub(crate) fn tags(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(index) = index() else {
        return Vec::new();
    };
    let names = index
        .notes()
        .iter()
        .flat_map(|n| n.tags.iter().chain(n.tasks.iter().flat_map(|t| &t.tags)))
        .cloned()
        .collect::<Vec<_>>();
    matching(current, names.into_iter())
}

/// The questions asked in the vault.
pub(crate) fn questions(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(index) = index() else {
        return Vec::new();
    };
    let names = crate::index::questions(&index)
        .into_iter()
        .map(|q| q.prompt)
        .collect::<Vec<_>>();
    matching(current, names.into_iter())
}

/// The week words `--week` takes.
pub(crate) fn weeks() -> Vec<CompletionCandidate> {
    ["this", "last", "next"]
        .into_iter()
        .map(CompletionCandidate::new)
        .collect()
}

/// The categories of `journal check`.
pub(crate) fn categories() -> Vec<CompletionCandidate> {
    crate::diagnostic::Category::ALL
        .iter()
        .map(|c| CompletionCandidate::new(c.as_str()))
        .collect()
}
