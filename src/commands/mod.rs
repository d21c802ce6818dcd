//! The commands: each turns the index into output. Shared here: the resolved run context
//! (vault, config, today, output options), built once from the global flags. Loading is the
//! load stage's ([`crate::load`]); printing helpers are in `print`.

pub(crate) mod calendar;
pub(crate) mod check;
pub(crate) mod checkpoints;
pub(crate) mod daily;
pub(crate) mod index;
pub(crate) mod plans;
mod print;
pub(crate) mod prompts;
pub(crate) mod review;
pub(crate) mod tasks;

use crate::UsageError;
use crate::cli::{ColorChoice, Global};
use crate::config::Config;
use crate::dates::{self, Week};
use crate::index::Index;
use crate::load::{self, CacheMode, Progress};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

pub(crate) use print::{where_cell, write_json, write_table};

/// Everything a command needs besides its own flags.
#[derive(Debug)]
pub(crate) struct Context {
    pub config: Config,
    pub today: NaiveDate,
    /// Today was given by `--today` or `$JOURNAL_TODAY`, so output must be reproducible.
    pub today_fixed: bool,
    pub color: ColorChoice,
    pub quiet: bool,
    pub verbose: bool,
    pub cache: CacheMode,
    /// The progress line, notices and (with `JOURNAL_TIMINGS`) stage timings.
    pub progress: Progress,
}

/// Finds the vault: `--vault`, else `$JOURNAL_VAULT`, else the nearest folder at or above
/// `cwd` holding `.journal.toml`, `.obsidian/` or `logseq/config.edn` (a Logseq graph), else
/// `cwd`.
pub(crate) fn find_vault(
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
            .find(|d| {
                d.join(crate::config::CONFIG_FILE).is_file()
                    || d.join(".obsidian").is_dir()
                    || d.join(crate::config::logseq::CONFIG_EDN).is_file()
            })
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
pub(crate) fn parse_day(flag: &str, value: &str) -> Result<NaiveDate, UsageError> {
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
    pub(crate) fn new(global: &Global) -> anyhow::Result<Context> {
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
            cache: if global.no_cache {
                CacheMode::Ignore
            } else {
                CacheMode::Use
            },
            progress: Progress {
                show: !global.quiet,
                timings: std::env::var_os("JOURNAL_TIMINGS")
                    .is_some()
                    .then(std::time::Instant::now),
            },
        })
    }

    /// Reads the vault into an index (the load stage).
    pub(crate) fn index(&self) -> anyhow::Result<Index> {
        load::load(&self.config, &self.cache, &self.progress)
            .map_err(|e| UsageError(e.to_string()).into())
    }

    /// With `JOURNAL_TIMINGS` set, prints the time since the start of the run, for profiling.
    pub(crate) fn timing(&self, stage: &str) {
        self.progress.stage(stage);
    }

    /// The week holding today.
    pub(crate) fn this_week(&self) -> Week {
        Week::containing(self.today, self.config.week_start)
    }

    /// Tells about the vault's warnings on stderr: each with `-v`, a count otherwise, nothing
    /// with `-q`.
    pub(crate) fn report_warnings(&self, index: &Index) {
        print::report_warnings(self, index);
    }

    pub(crate) fn color_choice(&self) -> anstream::ColorChoice {
        match self.color {
            ColorChoice::Always => anstream::ColorChoice::Always,
            ColorChoice::Never => anstream::ColorChoice::Never,
            ColorChoice::Auto => anstream::ColorChoice::Auto,
        }
    }

    /// Standard output, with colour as asked.
    pub(crate) fn stdout(&self) -> anstream::AutoStream<std::io::StdoutLock<'static>> {
        anstream::AutoStream::new(std::io::stdout().lock(), self.color_choice())
    }
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
        std::fs::create_dir_all(root.join("graph/logseq")).expect("mkdir");
        std::fs::write(root.join("graph/logseq/config.edn"), "{}").expect("write");
        std::fs::create_dir_all(root.join("graph/journals")).expect("mkdir");
        assert_eq!(
            find_vault(None, None, &root.join("graph/journals")).expect("graph"),
            root.join("graph"),
            "a Logseq graph is found by its settings"
        );
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
