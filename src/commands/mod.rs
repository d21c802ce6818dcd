//! The commands: each turns the index into output. Shared here: the resolved run context
//! (vault, config, today, output options), built once from the global flags. Loading is the
//! load stage's ([`crate::load`]); printing helpers are in `print`.

pub(crate) mod calendar;
pub(crate) mod check;
pub(crate) mod checkpoints;
pub(crate) mod daily;
pub(crate) mod index;
pub(crate) mod plan;
pub(crate) mod plans;
pub(crate) mod print;
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

pub(crate) use print::{layout, where_cell, write_json, write_table};

/// Everything a command needs besides its own flags.
#[derive(Debug)]
pub(crate) struct Context {
    pub config: Config,
    pub today: NaiveDate,
    /// Today was given by `--today` or `$JOURNAL_TODAY`, so output must be reproducible.
    pub today_fixed: bool,
    pub color: ColorChoice,
    /// `--wide`: tables keep every cell whole.
    pub wide: bool,
    pub quiet: bool,
    pub verbose: bool,
    pub cache: CacheMode,
    /// The progress line, notices and (with `JOURNAL_TIMINGS`) stage timings.
    pub progress: Progress,
}

/// Where the vault may be when no `--vault` or `$JOURNAL_VAULT` names one and no folder at
/// or above the current one is a vault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outside {
    /// Refuse, saying how to name a vault: indexing an arbitrary folder (a home directory)
    /// reads thousands of unrelated files.
    Refuse,
    /// The current folder (`journal init` makes it a vault).
    Here,
}

/// Whether `dir` is the root of a vault: it holds `.journal.toml`, `.obsidian/` or a Logseq
/// graph's `logseq/config.edn`.
fn is_vault_root(dir: &Path) -> bool {
    dir.join(crate::config::CONFIG_FILE).is_file()
        || dir.join(".obsidian").is_dir()
        || dir.join(crate::config::logseq::CONFIG_EDN).is_file()
}

/// Finds the vault: `--vault`, else `$JOURNAL_VAULT`, else the nearest folder at or above
/// `cwd` that is a vault's root, else (as `outside` says) an error or `cwd`.
pub(crate) fn find_vault(
    flag: Option<&Path>,
    env: Option<PathBuf>,
    cwd: &Path,
    outside: Outside,
) -> Result<PathBuf, UsageError> {
    let env = env.filter(|p| !p.as_os_str().is_empty());
    let (vault, named_by) = match (flag, env) {
        (Some(p), _) => (cwd.join(p), format!("--vault {}", p.display())),
        (None, Some(p)) => (cwd.join(&p), format!("JOURNAL_VAULT={}", p.display())),
        (None, None) => match cwd.ancestors().find(|d| is_vault_root(d)) {
            Some(root) => return Ok(root.to_path_buf()),
            None if outside == Outside::Here => return Ok(cwd.to_path_buf()),
            None => {
                return Err(UsageError(format!(
                    "`{}` is not inside a vault (no .obsidian/, .journal.toml or logseq/config.edn here or above): \
name your notes' folder with --vault DIR or JOURNAL_VAULT, or run `journal init` in it",
                    cwd.display()
                )));
            }
        },
    };
    match std::fs::metadata(&vault) {
        Ok(m) if m.is_dir() => Ok(vault),
        Ok(_) => Err(UsageError(format!(
            "{named_by}: a file, not a folder (name the folder of your notes)"
        ))),
        Err(_) => Err(UsageError(format!(
            "{named_by}: no such folder (name the folder of your notes)"
        ))),
    }
}

/// Reads a date flag: `YYYY-MM-DD` or a day relative to `today` (`dates::relative`).
fn day_flag(
    flag: &str,
    value: &str,
    today: NaiveDate,
    start: dates::WeekStart,
) -> Result<NaiveDate, UsageError> {
    dates::relative::parse_day(value, today, start)
        .map_err(|e| UsageError(format!("{flag} {value}: {e}")))
}

impl Context {
    pub(crate) fn new(global: &Global, outside: Outside) -> anyhow::Result<Context> {
        let cwd = std::env::current_dir()?;
        let env = std::env::var_os("JOURNAL_VAULT").map(PathBuf::from);
        let vault = find_vault(global.vault.as_deref(), env, &cwd, outside)?;
        let config = Config::load(&vault).map_err(|e| UsageError(e.to_string()))?;
        let clock = chrono::Local::now().date_naive();
        let today = match &global.today {
            Some(t) => day_flag("--today", t, clock, config.week_start)?,
            None => clock,
        };
        Ok(Context {
            config,
            today,
            today_fixed: global.today.is_some(),
            color: global.color,
            wide: global.wide,
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

    /// [`Context::index`], with every note as it was seen (for the stored results), from a
    /// walk of the vault already made, if there is one.
    pub(crate) fn index_seen(
        &self,
        walked: Option<crate::vault::Walk>,
    ) -> anyhow::Result<(Index, Vec<crate::vault::Seen>)> {
        load::load_seen(&self.config, &self.cache, &self.progress, walked)
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

    /// Reads a date flag relative to today.
    pub(crate) fn day(&self, flag: &str, value: &str) -> Result<NaiveDate, UsageError> {
        day_flag(flag, value, self.today, self.config.week_start)
    }

    /// Reads a `--week` value relative to this week.
    pub(crate) fn week(&self, flag: &str, value: &str) -> Result<Week, UsageError> {
        dates::relative::parse_week(value, self.today, self.config.week_start)
            .map_err(|e| UsageError(format!("{flag} {value}: {e}")))
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

    /// How an HTML page of this vault links to its notes (`[review] link_style`).
    pub(crate) fn html_flavour(&self) -> crate::render::Flavour {
        crate::render::Flavour::Html(crate::render::NoteLinks::for_vault(
            self.config.settings.review.link_style,
            &self.config.vault,
        ))
    }

    /// Writes a whole document to standard output.
    pub(crate) fn print(&self, text: &str) -> std::io::Result<()> {
        use std::io::Write;
        let mut out = self.stdout();
        out.write_all(text.as_bytes())?;
        out.flush()
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
    fn vault_from_flag_env_ancestors_or_refused() {
        let dir = tempfile::tempdir().expect("tmp");
        let root = dir.path();
        std::fs::create_dir_all(root.join("v/.obsidian")).expect("mkdir");
        std::fs::create_dir_all(root.join("v/Daily/2026")).expect("mkdir");
        std::fs::create_dir_all(root.join("w")).expect("mkdir");
        std::fs::write(root.join("w/.journal.toml"), "").expect("write");
        std::fs::create_dir_all(root.join("w/x")).expect("mkdir");
        std::fs::create_dir_all(root.join("plain/logseq")).expect("mkdir");
        std::fs::create_dir_all(root.join("graph/logseq")).expect("mkdir");
        std::fs::write(root.join("graph/logseq/config.edn"), "{}").expect("write");
        std::fs::create_dir_all(root.join("graph/journals")).expect("mkdir");
        let find = |flag: Option<&Path>, env: Option<PathBuf>, cwd: &Path| {
            find_vault(flag, env, cwd, Outside::Refuse)
        };
        let deep = root.join("v/Daily/2026");
        assert_eq!(find(None, None, &deep).expect("found"), root.join("v"));
        assert_eq!(
            find(None, None, &root.join("w/x")).expect("found"),
            root.join("w")
        );
        assert_eq!(
            find(None, None, &root.join("graph/journals")).expect("graph"),
            root.join("graph"),
            "a Logseq graph is found by its settings"
        );
        assert_eq!(
            find(None, Some(root.join("w")), &deep).expect("env"),
            root.join("w")
        );
        assert_eq!(
            find(Some(&root.join("plain")), Some(root.join("w")), &deep).expect("flag"),
            root.join("plain")
        );
        assert_eq!(
            find(Some(Path::new("../..")), None, &deep).expect("relative"),
            deep.join("../..")
        );
        let outside = find(None, None, &root.join("plain")).expect_err("no vault");
        assert!(outside.0.contains("journal init"), "{outside}");
        assert!(outside.0.contains("--vault"), "{outside}");
        assert_eq!(
            find_vault(None, None, &root.join("plain"), Outside::Here).expect("init"),
            root.join("plain"),
            "`journal init` makes the current folder a vault"
        );
        let e = find(Some(&root.join("missing")), None, root).expect_err("missing");
        assert!(e.0.starts_with("--vault "), "{e}");
        let e = find(None, Some(PathBuf::from("/nope")), root).expect_err("env");
        assert!(e.0.starts_with("JOURNAL_VAULT=/nope: "), "{e}");
        std::fs::write(root.join("file.md"), "").expect("write");
        assert!(find(Some(&root.join("file.md")), None, root).is_err());
    }

    #[test]
    fn day_flags() {
        let today = dates::parse_date("2026-11-29").expect("d");
        let start = dates::WeekStart::Monday;
        assert_eq!(
            day_flag("--today", "2026-11-24", today, start).ok(),
            dates::parse_date("2026-11-24")
        );
        assert_eq!(
            day_flag("--due-before", "tomorrow", today, start).ok(),
            dates::parse_date("2026-11-30")
        );
        let e = day_flag("--today", "2026-02-30", today, start).expect_err("bad");
        assert!(e.0.starts_with("--today 2026-02-30: "), "{e}");
        assert!(e.0.contains("no such day"), "{e}");
        let e = day_flag("--date", "soon", today, start).expect_err("bad");
        assert!(e.0.contains("YYYY-MM-DD"), "{e}");
    }
}
