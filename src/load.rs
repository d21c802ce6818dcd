//! The load stage: a vault's notes into an index. It walks the vault, pairs each note with
//! its cache entry, reads and parses in parallel only the notes that changed, saves the
//! cache, and builds the index. It needs only the config, so the commands, the benchmarks and
//! any other caller load a vault the same way.

use crate::cache;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::index::Index;
use crate::vault;
use rayon::prelude::*;
use std::time::Instant;

/// Whether the on-disk cache of parsed notes is used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CacheMode {
    /// Read the cache in the user's cache folder, read again only what changed, save it.
    Use,
    /// The same with the cache in this folder.
    In(std::path::PathBuf),
    /// Read every note; neither read nor write the cache (`--no-cache`).
    Ignore,
}

impl CacheMode {
    /// Where the cache of `vault` is, if one is used (see [`cache::location`]).
    pub(crate) fn location(&self, vault: &std::path::Path) -> Option<std::path::PathBuf> {
        match self {
            CacheMode::Use => cache::location(vault, None),
            CacheMode::In(folder) => cache::location(vault, Some(folder)),
            CacheMode::Ignore => None,
        }
    }
}

/// How the load tells what it is doing: a progress line on a slow scan, notices (a cache that
/// could not be used), and with `JOURNAL_TIMINGS` the time and memory at each stage.
#[derive(Debug)]
pub struct Progress {
    /// Show a progress line and notices on stderr (off with `-q`).
    pub show: bool,
    /// When set, each stage prints its time since this instant.
    pub timings: Option<Instant>,
}

impl Progress {
    /// Nothing shown: for callers that are not the command line.
    pub fn silent() -> Progress {
        Progress {
            show: false,
            timings: None,
        }
    }

    /// A notice for the user (not a warning about the vault).
    fn notice(&self, message: &str) {
        if self.show {
            eprintln!("journal: {message}");
        }
    }

    /// Marks the end of a stage: with timings on, prints the time and resident memory.
    pub fn stage(&self, name: &str) {
        let Some(started) = self.timings else {
            return;
        };
        // Resident memory, where the system tells it (Linux).
        let rss = std::fs::read_to_string("/proc/self/statm")
            .ok()
            .and_then(|s| {
                s.split_whitespace()
                    .nth(1)
                    .and_then(|p| p.parse::<u64>().ok())
            })
            .map_or_else(String::new, |pages| {
                format!("{:>5} MiB", pages * 4096 / (1 << 20))
            });
        eprintln!(
            "journal: {:>8.2} ms {rss}  {name}",
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
}

/// Why a vault could not be loaded at all (a bad note never stops the load: it is a warning
/// in the index).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Vault(#[from] vault::VaultError),
}

/// Reads the vault of `config` into an index: the notes that changed since the cache was
/// written are read again (all of them with [`CacheMode::Ignore`]), in parallel.
pub fn load(config: &Config, mode: &CacheMode, progress: &Progress) -> Result<Index, LoadError> {
    load_seen(config, mode, progress, None).map(|(index, _)| index)
}

/// [`load`], with every note as it was seen (for [`crate::memo`]); `walked` is a walk of the
/// vault already made in this run, not made again.
pub(crate) fn load_seen(
    config: &Config,
    mode: &CacheMode,
    progress: &Progress,
    walked: Option<vault::Walk>,
) -> Result<(Index, Vec<vault::Seen>), LoadError> {
    let fingerprint = cache::fingerprint(config);
    let cache_path = mode.location(&config.vault);
    // Walking the folders and decoding the cache do not depend on each other.
    let (walk, cached) = rayon::join(
        || walked.map_or_else(|| vault::walk(config), Ok),
        || cache_path.as_deref().map(|p| cache::load(p, fingerprint)),
    );
    let vault::Walk {
        files,
        settings,
        met,
    } = walk?;
    let mut warnings = config.warnings.clone();
    warnings.extend(settings);
    warnings.extend(met);
    progress.stage("walk and cache load");
    let mut loaded = match cached {
        Some(Ok(Some(l))) => l,
        Some(Ok(None)) | None => cache::Loaded::default(),
        Some(Err(problem)) => {
            let shown = cache_path
                .as_deref()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            progress.notice(&format!(
                "the cache {shown} was not used ({problem}); it is rebuilt"
            ));
            cache::Loaded::default()
        }
    };
    let had_cache = !loaded.entries.is_empty();
    // Both lists are sorted by path: pair each file with its cached entry in one pass.
    let mut old = std::mem::take(&mut loaded.entries).into_iter().peekable();
    let mut removed = false;
    let mut prior: Vec<Option<cache::Entry>> = Vec::with_capacity(files.len());
    for f in &files {
        while old.peek().is_some_and(|e| e.rel < f.rel) {
            old.next();
            removed = true;
        }
        prior.push(old.next_if(|e| e.rel == f.rel));
    }
    removed |= old.next().is_some();
    progress.stage("cache matched to files");

    let results: Vec<(cache::Entry, bool)> = crate::progress::with_progress(
        "journal: reading notes",
        files.len(),
        progress.show,
        |counter| {
            files
                .par_iter()
                .zip(prior)
                .map(|(f, prior)| {
                    let out = entry(config, f, prior, &loaded);
                    counter.tick();
                    out
                })
                .collect()
        },
    );
    progress.stage("notes stat'ed, changed ones read");
    let changed = removed || !had_cache || results.iter().any(|r| r.1);
    let entries: Vec<cache::Entry> = results.into_iter().map(|r| r.0).collect();
    if changed
        && let Some(path) = &cache_path
        && let Err(e) = cache::save(path, fingerprint, &entries)
    {
        progress.notice(&format!(
            "could not write the cache {} ({e}); carrying on without it",
            path.display()
        ));
    }
    progress.stage("cache saved");
    let seen = entries
        .iter()
        .map(|e| vault::Seen {
            rel: e.rel.clone(),
            stamp: e.stamp,
            hash: e.hash,
        })
        .collect();
    let mut notes = Vec::with_capacity(entries.len());
    for e in entries {
        match e.note {
            Ok(n) => notes.push(n),
            Err(w) => warnings.push(w),
        }
    }
    let index = Index::build(notes, warnings, config);
    progress.stage("index built");
    Ok((index, seen))
}

/// One note: from the cache when its stamp is unchanged, else read and parsed. The flag
/// says whether it was read.
fn entry(
    config: &Config,
    f: &vault::NoteFile,
    prior: Option<cache::Entry>,
    loaded: &cache::Loaded,
) -> (cache::Entry, bool) {
    let stamp = match vault::stat(f) {
        Ok(s) => s,
        Err(w) => return (unread(f, w), true),
    };
    if let Some(e) = prior
        && loaded.fresh(&e, stamp)
    {
        return (e, false);
    }
    let entry = match vault::read_note(f, stamp.size, config) {
        Ok(read) => cache::Entry {
            rel: f.rel.clone(),
            stamp,
            hash: read.hash,
            note: Ok(Box::new(read.note)),
        },
        Err(e) if e.lasting => cache::Entry {
            rel: f.rel.clone(),
            stamp,
            hash: 0,
            note: Err(e.warning),
        },
        Err(e) => unread(f, e.warning),
    };
    (entry, true)
}

/// An entry for a note that could not be read this time: a stamp no file has, so it is
/// tried again next run.
fn unread(f: &vault::NoteFile, warning: Diagnostic) -> cache::Entry {
    cache::Entry {
        rel: f.rel.clone(),
        stamp: vault::Stamp::NONE,
        hash: 0,
        note: Err(warning),
    }
}
