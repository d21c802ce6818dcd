//! The settings of one vault, resolved in one place: `.journal.toml`, then the vault's own
//! Obsidian settings (daily notes, Periodic Notes, Calendar, Obsidian Tasks, excluded files),
//! then the defaults.
//!
//! An invalid `.journal.toml` is an error naming the key and its line; an unknown key is a
//! warning. Obsidian's settings files are the user's and may be anything: a broken one is a
//! warning and the defaults apply.

mod obsidian;

use crate::dates::WeekStart;
use crate::dates::moment::MomentFormat;
use crate::diagnostic::Diagnostic;
use crate::model::Status;
use crate::note::ParseSettings;
use std::path::{Path, PathBuf};
use toml::de::{DeTable, DeValue};

/// The config file's name at the vault root.
pub const CONFIG_FILE: &str = ".journal.toml";

/// The prompts used when the config names none.
pub const DEFAULT_PROMPTS: &[&str] = &[
    "What next?",
    "Are you happy?",
    "What else do I want to do with my life?",
    "What went well, and what didn't?",
    "Where do I need outside help or more knowledge?",
];

/// Where and how one kind of periodic note (daily, weekly) is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Periodic {
    pub format: MomentFormat,
    /// Vault-relative folder, `""` for the vault root.
    pub folder: String,
    /// Vault-relative path of a template note (Obsidian's `template` setting).
    pub template: Option<String>,
}

/// Everything `journal` knows about a vault before reading its notes.
#[derive(Debug, Clone)]
pub struct Config {
    pub vault: PathBuf,
    pub exclude: Vec<String>,
    pub follow_links: bool,
    pub max_note_bytes: u64,
    pub daily: Periodic,
    pub weekly: Periodic,
    pub plans_folder: Option<String>,
    pub week_start: WeekStart,
    pub review_folder: String,
    pub review_template: Option<String>,
    pub stalled_after_days: u32,
    pub horizon_days: u32,
    pub plan_tags: Vec<String>,
    pub checkpoint_tags: Vec<String>,
    pub help_tags: Vec<String>,
    pub prompts: Vec<String>,
    pub mood_scale: u32,
    /// Obsidian's "Excluded files" (`userIgnoreFilters`).
    pub obsidian_ignore: Vec<String>,
    /// The folders of note templates (Obsidian's Templates and Templater plugins): templates
    /// are not notes, their `{{date}}` placeholders are not dates, their tasks not tasks.
    pub template_folders: Vec<String>,
    pub parse: ParseSettings,
    /// Unknown keys, unreadable Obsidian settings.
    pub warnings: Vec<Diagnostic>,
}

/// A mistake in `.journal.toml`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct ConfigError {
    pub file: String,
    pub line: u32,
    pub message: String,
}

impl Config {
    /// A vault-relative file named in a setting (`Templates/Daily`, `/Templates/Daily.md`:
    /// a leading `/` is the vault's root), as a path; `.md` is added when there is no
    /// extension, as Obsidian does.
    pub fn vault_file(&self, rel: &str) -> PathBuf {
        let rel = rel.trim().trim_start_matches('/');
        let mut path = self.vault.join(rel);
        if path.extension().is_none() {
            path.set_extension("md");
        }
        path
    }

    /// The defaults for a vault without settings.
    pub fn defaults(vault: PathBuf) -> Config {
        Config {
            vault,
            exclude: Vec::new(),
            follow_links: false,
            max_note_bytes: 16 * 1024 * 1024,
            daily: Periodic {
                format: MomentFormat::new("YYYY-MM-DD"),
                folder: String::new(),
                template: None,
            },
            weekly: Periodic {
                format: MomentFormat::new("GGGG-[W]WW"),
                folder: String::new(),
                template: None,
            },
            plans_folder: None,
            week_start: WeekStart::Monday,
            review_folder: "Reviews".into(),
            review_template: None,
            stalled_after_days: 14,
            horizon_days: 14,
            plan_tags: vec!["plan".into(), "goal".into()],
            checkpoint_tags: vec!["checkpoint".into(), "milestone".into()],
            help_tags: vec!["help".into(), "waiting".into()],
            prompts: DEFAULT_PROMPTS.iter().map(|s| s.to_string()).collect(),
            mood_scale: 5,
            obsidian_ignore: Vec::new(),
            template_folders: Vec::new(),
            parse: ParseSettings::default(),
            warnings: Vec::new(),
        }
    }

    /// Reads the settings of the vault at `vault`: its `.journal.toml` and Obsidian settings.
    pub fn load(vault: &Path) -> Result<Config, ConfigError> {
        let mut config = Config::defaults(vault.to_path_buf());
        let obsidian = obsidian::Settings::read(vault, &mut config.warnings);
        obsidian.apply(&mut config);
        let file = vault.join(CONFIG_FILE);
        match std::fs::read(&file) {
            Ok(bytes) => {
                let text = String::from_utf8(bytes).map_err(|e| ConfigError {
                    file: CONFIG_FILE.into(),
                    line: 1,
                    message: format!("is not UTF-8 text ({e})"),
                })?;
                config.apply_toml(&text)?;
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(ConfigError {
                    file: CONFIG_FILE.into(),
                    line: 0,
                    message: format!("cannot be read: {e}"),
                });
            }
        }
        config.parse.mood_scale = config.mood_scale;
        config.parse.daily_format = config.daily.format.clone();
        config.parse.weekly_format = Some(config.weekly.format.clone());
        Ok(config)
    }

    /// Applies the settings of a `.journal.toml` text over the current ones.
    pub fn apply_toml(&mut self, text: &str) -> Result<(), ConfigError> {
        let table = DeTable::parse(text).map_err(|e| ConfigError {
            file: CONFIG_FILE.into(),
            line: e.span().map_or(1, |s| line_at(text, s.start)),
            message: format!("is not valid TOML: {}", e.message().trim()),
        })?;
        let mut r = Reader {
            text,
            warnings: Vec::new(),
        };
        r.root(table.get_ref(), self)?;
        self.warnings.extend(r.warnings);
        Ok(())
    }
}

fn line_at(text: &str, offset: usize) -> u32 {
    let before = text.get(..offset.min(text.len())).unwrap_or(text);
    u32::try_from(before.bytes().filter(|&b| b == b'\n').count()).unwrap_or(u32::MAX) + 1
}

type Entry<'a, 'i> = (
    &'a toml::Spanned<std::borrow::Cow<'i, str>>,
    &'a toml::Spanned<DeValue<'i>>,
);

struct Reader<'t> {
    text: &'t str,
    warnings: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn error(&self, span: std::ops::Range<usize>, key: &str, message: &str) -> ConfigError {
        ConfigError {
            file: CONFIG_FILE.into(),
            line: line_at(self.text, span.start),
            message: format!("`{key}` {message}"),
        }
    }

    fn unknown(&mut self, span: std::ops::Range<usize>, key: &str) {
        self.warnings.push(Diagnostic::new(
            CONFIG_FILE,
            line_at(self.text, span.start),
            0,
            format!("unknown key `{key}` is ignored"),
        ));
    }

    fn string(&self, (k, v): Entry<'_, '_>, key: &str) -> Result<String, ConfigError> {
        match v.get_ref().as_str() {
            Some(s) => Ok(s.to_string()),
            None => Err(self.error(k.span(), key, "must be a string")),
        }
    }

    /// A folder inside the vault: journal writes there, and never outside the vault.
    fn folder(&self, e: Entry<'_, '_>, key: &str) -> Result<String, ConfigError> {
        let f = self.string(e, key)?;
        if inside_vault(&f) {
            Ok(clean_folder(&f))
        } else {
            Err(self.error(
                e.0.span(),
                key,
                "must be a folder inside the vault (no `..`)",
            ))
        }
    }

    fn boolean(&self, (k, v): Entry<'_, '_>, key: &str) -> Result<bool, ConfigError> {
        v.get_ref()
            .as_bool()
            .ok_or_else(|| self.error(k.span(), key, "must be true or false"))
    }

    fn number(
        &self,
        (k, v): Entry<'_, '_>,
        key: &str,
        min: u64,
        max: u64,
    ) -> Result<u64, ConfigError> {
        let n = v.get_ref().as_integer().and_then(|i| {
            i.as_str()
                .replace('_', "")
                .parse::<u64>()
                .ok()
                .filter(|_| i.radix() == 10)
        });
        match n {
            Some(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(self.error(
                k.span(),
                key,
                &format!("must be a whole number from {min} to {max}"),
            )),
        }
    }

    /// A list of strings; a single string is a list of one.
    fn strings(&self, (k, v): Entry<'_, '_>, key: &str) -> Result<Vec<String>, ConfigError> {
        if let Some(s) = v.get_ref().as_str() {
            return Ok(vec![s.to_string()]);
        }
        let bad = || self.error(k.span(), key, "must be a list of strings");
        let array = v.get_ref().as_array().ok_or_else(bad)?;
        array
            .iter()
            .map(|item| item.get_ref().as_str().map(str::to_string).ok_or_else(bad))
            .collect()
    }

    fn table<'a, 'i>(
        &self,
        (k, v): Entry<'a, 'i>,
        key: &str,
    ) -> Result<&'a DeTable<'i>, ConfigError> {
        v.get_ref()
            .as_table()
            .ok_or_else(|| self.error(k.span(), key, "must be a table ([section])"))
    }

    fn root(&mut self, table: &DeTable<'_>, c: &mut Config) -> Result<(), ConfigError> {
        for e in table.iter() {
            let key = e.0.get_ref().as_ref();
            match key {
                "exclude" => {
                    c.exclude = self.strings(e, key)?;
                    for g in &c.exclude {
                        if let Err(err) = globset::Glob::new(g) {
                            return Err(self.error(
                                e.0.span(),
                                key,
                                &format!("has `{g}`, which is not a valid glob ({err})"),
                            ));
                        }
                    }
                }
                "follow_links" => c.follow_links = self.boolean(e, key)?,
                "max_note_bytes" => {
                    c.max_note_bytes = self.number(e, key, 1, u64::MAX >> 1).map_err(|_| {
                        self.error(e.0.span(), key, "must be a positive whole number of bytes")
                    })?
                }
                "plans_folder" => c.plans_folder = Some(self.folder(e, key)?),
                "week_start" => {
                    c.week_start = match self.string(e, key)?.to_ascii_lowercase().as_str() {
                        "monday" => WeekStart::Monday,
                        "sunday" => WeekStart::Sunday,
                        _ => {
                            return Err(self.error(
                                e.0.span(),
                                key,
                                "must be \"monday\" or \"sunday\"",
                            ));
                        }
                    }
                }
                "mood_scale" => c.mood_scale = self.number(e, key, 2, 100)? as u32,
                "daily" => self.periodic(self.table(e, key)?, "daily", &mut c.daily)?,
                "weekly" => self.periodic(self.table(e, key)?, "weekly", &mut c.weekly)?,
                "review" => self.review(self.table(e, key)?, c)?,
                "tags" => self.tags(self.table(e, key)?, c)?,
                "statuses" => self.statuses(self.table(e, key)?, c)?,
                "prompts" => {
                    for e in self.table(e, key)?.iter() {
                        match e.0.get_ref().as_ref() {
                            "library" => {
                                let library = self.strings(e, "prompts.library")?;
                                if library.is_empty() {
                                    return Err(self.error(
                                        e.0.span(),
                                        "prompts.library",
                                        "must name at least one prompt",
                                    ));
                                }
                                c.prompts = library;
                            }
                            other => self.unknown(e.0.span(), &format!("prompts.{other}")),
                        }
                    }
                }
                other => self.unknown(e.0.span(), other),
            }
        }
        Ok(())
    }

    fn periodic(
        &mut self,
        table: &DeTable<'_>,
        section: &str,
        p: &mut Periodic,
    ) -> Result<(), ConfigError> {
        for e in table.iter() {
            let name = e.0.get_ref().as_ref();
            let key = format!("{section}.{name}");
            match name {
                "format" => {
                    let f = self.string(e, &key)?;
                    if f.trim().is_empty() {
                        return Err(self.error(e.0.span(), &key, "must not be empty"));
                    }
                    p.format = MomentFormat::new(&f);
                }
                "folder" => p.folder = self.folder(e, &key)?,
                "template" => p.template = Some(self.string(e, &key)?),
                _ => self.unknown(e.0.span(), &key),
            }
        }
        Ok(())
    }

    fn review(&mut self, table: &DeTable<'_>, c: &mut Config) -> Result<(), ConfigError> {
        for e in table.iter() {
            let name = e.0.get_ref().as_ref();
            let key = format!("review.{name}");
            match name {
                "folder" => c.review_folder = self.folder(e, &key)?,
                "template" => c.review_template = Some(self.string(e, &key)?),
                "stalled_after_days" => {
                    c.stalled_after_days = self.number(e, &key, 1, 3650)? as u32
                }
                "horizon_days" => c.horizon_days = self.number(e, &key, 0, 3650)? as u32,
                _ => self.unknown(e.0.span(), &key),
            }
        }
        Ok(())
    }

    fn tags(&mut self, table: &DeTable<'_>, c: &mut Config) -> Result<(), ConfigError> {
        for e in table.iter() {
            let name = e.0.get_ref().as_ref();
            let key = format!("tags.{name}");
            let slot = match name {
                "plan" => &mut c.plan_tags,
                "checkpoint" => &mut c.checkpoint_tags,
                "help" => &mut c.help_tags,
                _ => {
                    self.unknown(e.0.span(), &key);
                    continue;
                }
            };
            *slot = self
                .strings(e, &key)?
                .into_iter()
                .map(|t| t.trim_start_matches('#').to_string())
                .collect();
        }
        Ok(())
    }

    fn statuses(&mut self, table: &DeTable<'_>, c: &mut Config) -> Result<(), ConfigError> {
        for e in table.iter() {
            let symbol = e.0.get_ref().as_ref();
            let key = format!("statuses.\"{symbol}\"");
            let mut chars = symbol.chars();
            let (Some(ch), None) = (chars.next(), chars.next()) else {
                return Err(self.error(e.0.span(), &key, "must be a single character"));
            };
            let name = self.string(e, &key)?;
            let status = Status::from_name(&name).ok_or_else(|| {
                self.error(
                    e.0.span(),
                    &key,
                    "must be one of todo, in_progress, done, cancelled, deferred, non_task",
                )
            })?;
            c.parse.statuses.set(ch, status);
        }
        Ok(())
    }
}

/// A vault-relative folder without leading or trailing slashes.
fn clean_folder(f: &str) -> String {
    f.trim().trim_matches('/').to_string()
}

/// Whether a configured folder stays inside the vault. A leading `/` means the vault's root,
/// as in Obsidian's settings; `..` is refused.
pub(crate) fn inside_vault(f: &str) -> bool {
    Path::new(clean_folder(f).as_str()).components().all(|c| {
        matches!(
            c,
            std::path::Component::Normal(_) | std::path::Component::CurDir
        )
    })
}

/// The commented config `journal init` writes. Every key is shown with its default.
pub const DEFAULT_CONFIG: &str = r#"# journal settings for this vault. Every key is optional; the values shown are the defaults.
# Where a key is commented out, journal falls back to the vault's Obsidian settings.

# Globs of notes to skip, relative to the vault (Obsidian's "Excluded files" are skipped too).
exclude = []
# Follow symbolic links to folders and files.
follow_links = false
# Notes larger than this are skipped with a warning.
max_note_bytes = 16777216
# Notes in this folder are plans, whatever their tags.
# plans_folder = "Plans"
# "monday" (ISO weeks) or "sunday".
week_start = "monday"
# The scale of `mood:: N` values (1 to mood_scale).
mood_scale = 5

[daily]
# A moment.js format, as in Obsidian's daily-notes settings; "/" makes folders.
# format = "YYYY-MM-DD"
# folder = "Daily"
# template = "Templates/Daily"

[weekly]
# format = "GGGG-[W]WW"
# folder = "Weekly"

[review]
folder = "Reviews"
# template = ".journal/templates/weekly.md"
stalled_after_days = 14
horizon_days = 14

[tags]
plan = ["plan", "goal"]
checkpoint = ["checkpoint", "milestone"]
help = ["help", "waiting"]

[statuses]
# A checkbox symbol and what it means: todo, in_progress, done, cancelled, deferred, non_task.
# "?" = "todo"

[prompts]
library = [
  "What next?",
  "Are you happy?",
  "What else do I want to do with my life?",
  "What went well, and what didn't?",
  "Where do I need outside help or more knowledge?",
]
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str) -> Result<Config, ConfigError> {
        let mut c = Config::defaults(PathBuf::from("/v"));
        c.apply_toml(text)?;
        Ok(c)
    }

    #[test]
    fn the_default_config_reads_cleanly_and_changes_nothing() {
        let c = apply(DEFAULT_CONFIG).expect("default config");
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        let d = Config::defaults(PathBuf::from("/v"));
        assert_eq!(
            (c.prompts, c.plan_tags, c.horizon_days),
            (d.prompts, d.plan_tags, d.horizon_days)
        );
    }

    #[test]
    fn every_key_is_read() {
        let c = apply(
            r##"exclude = ["Archive/**"]
follow_links = true
max_note_bytes = 1_000
plans_folder = "/Plans/"
week_start = "Sunday"
mood_scale = 10
[daily]
format = "DD.MM.YYYY"
folder = "Journal/"
template = "T/Daily"
[weekly]
format = "gggg-[W]ww"
[review]
folder = "Weekly Reviews"
template = "r.md"
stalled_after_days = 7
horizon_days = 30
[tags]
plan = "#project"
checkpoint = ["cp"]
help = ["stuck"]
[statuses]
"?" = "in_progress"
[prompts]
library = ["Why?"]
"##,
        )
        .expect("config");
        assert!(c.warnings.is_empty());
        assert_eq!(c.exclude, ["Archive/**"]);
        assert!(c.follow_links);
        assert_eq!(c.max_note_bytes, 1000);
        assert_eq!(c.plans_folder.as_deref(), Some("Plans"));
        assert_eq!(c.week_start, WeekStart::Sunday);
        assert_eq!(c.mood_scale, 10);
        assert_eq!(
            (c.daily.format.as_str(), c.daily.folder.as_str()),
            ("DD.MM.YYYY", "Journal")
        );
        assert_eq!(c.daily.template.as_deref(), Some("T/Daily"));
        assert_eq!(c.weekly.format.as_str(), "gggg-[W]ww");
        assert_eq!(
            (
                c.review_folder.as_str(),
                c.stalled_after_days,
                c.horizon_days
            ),
            ("Weekly Reviews", 7, 30)
        );
        assert_eq!(c.plan_tags, ["project"]);
        assert_eq!(c.parse.statuses.get('?'), Some(Status::InProgress));
        assert_eq!(c.prompts, ["Why?"]);
    }

    #[test]
    fn unknown_keys_are_warnings_with_lines() {
        let c = apply("colour = 1\n[review]\nfolder = \"R\"\nhorizon = 3\n").expect("config");
        let w: Vec<_> = c
            .warnings
            .iter()
            .map(|w| (w.line, w.message.as_str()))
            .collect();
        assert_eq!(
            w,
            [
                (1, "unknown key `colour` is ignored"),
                (4, "unknown key `review.horizon` is ignored")
            ]
        );
    }

    #[test]
    fn bad_values_name_the_key_and_line() {
        let e = apply("\n[review]\nhorizon_days = \"two weeks\"\n").expect_err("bad");
        assert_eq!(e.line, 3);
        assert!(e.message.contains("`review.horizon_days`"), "{e}");
        let e = apply("week_start = \"tuesday\"").expect_err("bad");
        assert_eq!((e.line, e.message.contains("week_start")), (1, true));
        let e = apply("[statuses]\n\"ab\" = \"done\"").expect_err("bad");
        assert_eq!(e.line, 2);
        let e = apply("[statuses]\n\"?\" = \"later\"").expect_err("bad");
        assert!(e.message.contains("todo, in_progress"));
        let e = apply("a = [").expect_err("bad toml");
        assert!(
            e.to_string()
                .starts_with(".journal.toml:1: is not valid TOML"),
            "{e}"
        );
        let e = apply("mood_scale = -3").expect_err("bad");
        assert!(e.message.contains("mood_scale"));
        for bad in [
            "[daily]\nfolder = \"../outside\"",
            "[review]\nfolder = \"a/../..\"",
            "plans_folder = \"a/../../b\"",
        ] {
            let e = apply(bad).expect_err("outside");
            assert!(e.message.contains("inside the vault"), "{e}");
        }
        let e = apply("max_note_bytes = 0").expect_err("bad");
        assert_eq!(
            e.message,
            "`max_note_bytes` must be a positive whole number of bytes"
        );
        let e = apply("exclude = [\"a[\"]").expect_err("bad glob");
        assert!(
            e.message
                .starts_with("`exclude` has `a[`, which is not a valid glob"),
            "{e}"
        );
    }
}
