//! The commands: each turns the index into output. Shared here: the resolved run context
//! (vault, config, today, output options) and loading the index.

pub mod check;
pub mod checkpoints;
pub mod daily;
pub mod index;
pub mod plans;
pub mod prompts;
pub mod review;
pub mod tasks;

use crate::cli::{ColorChoice, Global};
use crate::config::Config;
use crate::dates::{self, Week};
use crate::index::Index;
use crate::{UsageError, cache, vault};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Everything a command needs besides its own flags.
#[derive(Debug)]
pub struct Context {
    pub config: Config,
    pub today: NaiveDate,
    /// Today was given by `--today` or `$JOURNAL_TODAY`, so output must be reproducible.
    pub today_fixed: bool,
    pub color: ColorChoice,
    pub quiet: bool,
    pub verbose: bool,
    pub no_cache: bool,
    /// `JOURNAL_TIMINGS` is set: print how long each stage took on stderr.
    pub timings: bool,
    started: std::time::Instant,
}

/// Finds the vault: `--vault`, else `$JOURNAL_VAULT`, else the nearest folder at or above
/// `cwd` holding `.journal.toml` or `.obsidian/`, else `cwd`.
pub fn find_vault(
    flag: Option<&Path>,
    env: Option<PathBuf>,
    cwd: &Path,
) -> Result<PathBuf, UsageError> {
    let chosen = flag
        .map(Path::to_path_buf)
        .or(env.filter(|p| !p.as_os_str().is_empty()));
    let vault = match chosen {
        Some(p) => cwd.join(p),
        None => cwd
            .ancestors()
            .find(|d| d.join(crate::config::CONFIG_FILE).is_file() || d.join(".obsidian").is_dir())
            .unwrap_or(cwd)
            .to_path_buf(),
    };
    match std::fs::metadata(&vault) {
        Ok(m) if m.is_dir() => Ok(vault),
        Ok(_) => Err(UsageError(format!(
            "the vault `{}` is a file, not a folder: give the folder of your notes with --vault DIR",
            vault.display()
        ))),
        Err(_) => Err(UsageError(format!(
            "the vault `{}` does not exist: give the folder of your notes with --vault DIR",
            vault.display()
        ))),
    }
}

/// Reads a `YYYY-MM-DD` flag value.
pub fn parse_day(flag: &str, value: &str) -> Result<NaiveDate, UsageError> {
    match dates::parse_iso(value.trim()) {
        Some(dates::IsoDate::Valid(d)) => Ok(d),
        Some(dates::IsoDate::Impossible) => {
            Err(UsageError(format!("{flag} {value}: there is no such day")))
        }
        None => Err(UsageError(format!(
            "{flag} {value}: write the date as YYYY-MM-DD, such as 2026-11-24"
        ))),
    }
}

impl Context {
    pub fn new(global: &Global) -> anyhow::Result<Context> {
        let cwd = std::env::current_dir()?;
        let env = std::env::var_os("JOURNAL_VAULT").map(PathBuf::from);
        let vault = find_vault(global.vault.as_deref(), env, &cwd)?;
        let config = Config::load(&vault).map_err(|e| UsageError(e.to_string()))?;
        let today = match &global.today {
            Some(t) => parse_day("--today", t)?,
            None => chrono::Local::now().date_naive(),
        };
        Ok(Context {
            config,
            today,
            today_fixed: global.today.is_some(),
            color: global.color,
            quiet: global.quiet,
            verbose: global.verbose,
            no_cache: global.no_cache,
            timings: std::env::var_os("JOURNAL_TIMINGS").is_some(),
            started: std::time::Instant::now(),
        })
    }

    /// Reads the vault into an index: the notes that changed since the cache was written are
    /// read again (all of them with `--no-cache`), in parallel.
    pub fn index(&self) -> anyhow::Result<Index> {
        let mut warnings = self.config.warnings.clone();
        let filter = vault::Filter::new(&self.config, &mut warnings)
            .map_err(|e| UsageError(e.to_string()))?;
        let fingerprint = cache::fingerprint(&self.config);
        let cache_path = if self.no_cache {
            None
        } else {
            cache::location(&self.config.vault)
        };
        // Walking the folders and decoding the cache do not depend on each other.
        let ((files, walk_warnings), cached) = rayon::join(
            || vault::discover(&self.config, &filter),
            || cache_path.as_deref().map(|p| cache::load(p, fingerprint)),
        );
        warnings.extend(walk_warnings);
        self.timing("walk and cache load");
        let mut loaded = match cached {
            Some(Ok(Some(l))) => l,
            Some(Ok(None)) | None => cache::Loaded::default(),
            Some(Err(problem)) => {
                if !self.quiet {
                    eprintln!(
                        "journal: the cache {} was not used ({problem}); it is rebuilt",
                        cache_path
                            .as_deref()
                            .map(|p| p.display().to_string())
                            .unwrap_or_default()
                    );
                }
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
        self.timing("cache matched to files");

        let results: Vec<(cache::Entry, bool)> = crate::progress::with_progress(
            "journal: reading notes",
            files.len(),
            !self.quiet,
            |counter| {
                files
                    .par_iter()
                    .zip(prior)
                    .map(|(f, prior)| {
                        let out = self.entry(f, prior, &loaded);
                        counter.tick();
                        out
                    })
                    .collect()
            },
        );
        self.timing("notes stat'ed, changed ones read");
        let changed = removed || !had_cache || results.iter().any(|r| r.1);
        let entries: Vec<cache::Entry> = results.into_iter().map(|r| r.0).collect();
        if changed
            && let Some(path) = &cache_path
            && let Err(e) = cache::save(path, fingerprint, &entries)
            && !self.quiet
        {
            eprintln!(
                "journal: could not write the cache {} ({e}); carrying on without it",
                path.display()
            );
        }
        self.timing("cache saved");
        let mut notes = Vec::with_capacity(entries.len());
        for e in entries {
            match e.note {
                Ok(n) => notes.push(n),
                Err(w) => warnings.push(w),
            }
        }
        let index = Index::build(notes, warnings, &self.config);
        self.timing("index built");
        Ok(index)
    }

    /// One note: from the cache when its size and modification time are unchanged, else read
    /// and parsed. The flag says whether it was read.
    fn entry(
        &self,
        f: &vault::NoteFile,
        prior: Option<cache::Entry>,
        loaded: &cache::Loaded,
    ) -> (cache::Entry, bool) {
        let (size, mtime_ns) = match vault::stat(f) {
            Ok(s) => s,
            Err(w) => {
                let entry = cache::Entry {
                    rel: f.rel.clone(),
                    size: 0,
                    mtime_ns: i128::MIN,
                    note: Err(w),
                };
                return (entry, true);
            }
        };
        if let Some(e) = prior
            && loaded.fresh(&e, size, mtime_ns)
        {
            return (e, false);
        }
        let entry = match vault::read_note(f, size, &self.config) {
            Ok(note) => cache::Entry {
                rel: f.rel.clone(),
                size,
                mtime_ns,
                note: Ok(Box::new(note)),
            },
            // A size and time no file has: a passing failure is tried again next run.
            Err(e) => cache::Entry {
                rel: f.rel.clone(),
                size: if e.lasting { size } else { 0 },
                mtime_ns: if e.lasting { mtime_ns } else { i128::MIN },
                note: Err(e.warning),
            },
        };
        (entry, true)
    }

    /// With `JOURNAL_TIMINGS` set, prints the time since the start of the run, for profiling.
    pub fn timing(&self, stage: &str) {
        if self.timings {
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
                "journal: {:>8.2} ms {rss}  {stage}",
                self.started.elapsed().as_secs_f64() * 1000.0
            );
        }
    }

    /// The week holding today.
    pub fn this_week(&self) -> Week {
        Week::containing(self.today, self.config.settings.week_start)
    }

    /// Tells about the vault's warnings on stderr: each with `-v`, a count otherwise, nothing with `-q`.
    pub fn report_warnings(&self, index: &Index) {
        if self.quiet || index.diagnostics().is_empty() {
            return;
        }
        let mut err = anstream::AutoStream::new(std::io::stderr(), self.color_choice());
        if self.verbose {
            for d in index.diagnostics() {
                let _ = writeln!(err, "{}", crate::table::clean(&d.to_string()));
            }
        } else {
            let n = index.diagnostics().len();
            let _ = writeln!(
                err,
                "journal: {n} warning{} about the vault (see them with `journal check`)",
                if n == 1 { "" } else { "s" }
            );
        }
    }

    pub fn color_choice(&self) -> anstream::ColorChoice {
        match self.color {
            ColorChoice::Always => anstream::ColorChoice::Always,
            ColorChoice::Never => anstream::ColorChoice::Never,
            ColorChoice::Auto => anstream::ColorChoice::Auto,
        }
    }

    /// Standard output, with colour as asked.
    pub fn stdout(&self) -> anstream::AutoStream<std::io::StdoutLock<'static>> {
        anstream::AutoStream::new(std::io::stdout().lock(), self.color_choice())
    }
}

/// Writes `table` to fit the terminal, or, when it has no rows, says `empty` on stderr
/// (unless `-q`).
pub fn write_table(
    ctx: &Context,
    out: &mut dyn Write,
    table: &crate::table::Table,
    empty: &str,
) -> std::io::Result<()> {
    if !table.is_empty() {
        table.write(out, crate::table::terminal_width())
    } else {
        if !ctx.quiet {
            eprintln!("journal: {empty}");
        }
        Ok(())
    }
}

/// The WHERE column: `path:line`, dimmed.
pub fn where_cell(source: &crate::views::Source) -> crate::table::Cell {
    crate::table::Cell::styled(
        format!("{}:{}", source.path, source.line),
        anstyle::Style::new().dimmed(),
    )
}

/// Writes JSON with a final newline.
pub fn write_json(w: &mut dyn Write, value: &impl serde::Serialize) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *w, value)?;
    writeln!(w)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vault_from_flag_env_ancestors_or_here() {
        let dir = tempfile::tempdir().expect("tmp");
        let root = dir.path();
        std::fs::create_dir_all(root.join("v/.obsidian")).expect("mkdir");
        std::fs::create_dir_all(root.join("v/Daily/2026")).expect("mkdir");
        std::fs::create_dir_all(root.join("w")).expect("mkdir");
        std::fs::write(root.join("w/.journal.toml"), "").expect("write");
        std::fs::create_dir_all(root.join("w/x")).expect("mkdir");
        std::fs::create_dir_all(root.join("plain")).expect("mkdir");
        let deep = root.join("v/Daily/2026");
        assert_eq!(
            find_vault(None, None, &deep).expect("found"),
            root.join("v")
        );
        assert_eq!(
            find_vault(None, None, &root.join("w/x")).expect("found"),
            root.join("w")
        );
        assert_eq!(
            find_vault(None, Some(root.join("w")), &deep).expect("env"),
            root.join("w")
        );
        assert_eq!(
            find_vault(Some(&root.join("plain")), Some(root.join("w")), &deep).expect("flag"),
            root.join("plain")
        );
        assert_eq!(
            find_vault(Some(Path::new("../..")), None, &deep).expect("relative"),
            deep.join("../..")
        );
        assert_eq!(
            find_vault(None, None, &root.join("plain")).expect("here"),
            root.join("plain"),
            "no marker above: the current folder"
        );
        assert!(find_vault(Some(&root.join("missing")), None, root).is_err());
        std::fs::write(root.join("file.md"), "").expect("write");
        assert!(find_vault(Some(&root.join("file.md")), None, root).is_err());
    }

    #[test]
    fn day_flags() {
        assert!(parse_day("--today", "2026-11-24").is_ok());
        assert!(
            parse_day("--today", "2026-02-30")
                .expect_err("bad")
                .0
                .contains("no such day")
        );
        assert!(
            parse_day("--today", "tomorrow")
                .expect_err("bad")
                .0
                .contains("YYYY-MM-DD")
        );
    }
}
