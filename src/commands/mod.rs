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
use crate::diagnostic::Diagnostic;
use crate::index::Index;
use crate::{UsageError, vault};
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
        })
    }

    /// Reads the vault into an index.
    pub fn index(&self) -> anyhow::Result<Index> {
        let mut warnings = self.config.warnings.clone();
        let filter = vault::Filter::new(&self.config, &mut warnings)
            .map_err(|e| UsageError(e.to_string()))?;
        let (files, walk_warnings) = vault::discover(&self.config, &filter);
        warnings.extend(walk_warnings);
        let results: Vec<Result<crate::model::Note, Diagnostic>> = crate::progress::with_progress(
            "journal: reading notes",
            files.len(),
            !self.quiet,
            |counter| {
                files
                    .par_iter()
                    .map(|f| {
                        let note = vault::read_note(f, &self.config);
                        counter.tick();
                        note
                    })
                    .collect()
            },
        );
        let mut notes = Vec::with_capacity(results.len());
        for r in results {
            match r {
                Ok(n) => notes.push(n),
                Err(w) => warnings.push(w),
            }
        }
        Ok(Index::build(notes, warnings, &self.config))
    }

    /// The week holding today.
    pub fn this_week(&self) -> Week {
        Week::containing(self.today, self.config.week_start)
    }

    /// Tells about the vault's warnings on stderr: each with `-v`, a count otherwise, nothing with `-q`.
    pub fn report_warnings(&self, index: &Index) {
        if self.quiet || index.diagnostics.is_empty() {
            return;
        }
        let mut err = anstream::AutoStream::new(std::io::stderr(), self.color_choice());
        if self.verbose {
            for d in &index.diagnostics {
                let _ = writeln!(err, "{}", crate::table::clean(&d.to_string()));
            }
        } else {
            let n = index.diagnostics.len();
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
