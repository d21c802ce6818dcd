//! The settings of one vault, resolved in one place: `.journal.toml` (read in `file`), then
//! the vault's own Obsidian settings (`obsidian`: daily notes, Periodic Notes, Calendar,
//! Obsidian Tasks, excluded files) and Logseq settings (`logseq`: `logseq/config.edn`), then
//! the defaults.
//!
//! An invalid `.journal.toml` is an error naming the key and its line; an unknown key is a
//! warning. Obsidian's settings files are the user's and may be anything: a broken one, or a
//! setting that would lead outside the vault, is a warning and the defaults apply.

mod file;
pub(crate) mod logseq;
mod obsidian;

pub(crate) use file::{CONFIG_FILE, ConfigError, DEFAULT_CONFIG, Into, LinkStyle, Settings};
pub(crate) use file::{format_stays_inside, inside_vault, vault_folder};

use crate::dates::WeekStart;
use crate::dates::moment::MomentFormat;
use crate::diagnostic::Diagnostic;
use crate::noise::templates::{self, Template};
use crate::note::ParseSettings;
use crate::note::prompts::normalize;
use std::path::{Path, PathBuf};

/// Templates larger than this are not read for their text (they are still skipped as notes).
const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;

/// The rules of what counts as the person's writing, from the settings and the text of the
/// daily and weekly templates.
pub(crate) fn writing_rules(
    settings: &Settings,
    daily: Option<Template>,
    weekly: Option<Template>,
) -> crate::noise::Rules {
    let r = &settings.reference;
    crate::noise::Rules {
        reference: crate::noise::reference::Rules {
            folders: r.folders.0.clone(),
            tags: r.tags.0.clone(),
            categories: r.categories.0.iter().map(|c| c.to_lowercase()).collect(),
            web_clipper: r.web_clipper,
        },
        daily_template: daily,
        weekly_template: weekly,
        other_templates: Default::default(),
        sections: settings
            .prompts
            .sections
            .0
            .iter()
            .map(|s| normalize(s))
            .collect(),
        library: settings
            .prompts
            .library
            .0
            .iter()
            .map(|s| normalize(s))
            .collect(),
    }
}

/// Where and how one kind of periodic note (daily, weekly) is written, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Periodic {
    pub(crate) format: MomentFormat,
    /// Vault-relative folder, `""` for the vault root.
    pub(crate) folder: String,
    /// Vault-relative path of a template note (Obsidian's `template` setting).
    pub(crate) template: Option<String>,
}

impl Periodic {
    /// Where the note of the period holding `date` lives, vault-relative: the folder, then
    /// the format. It is written only through [`crate::output`], which checks it stays inside
    /// the vault (no `..`, no symbolic link on the way) whatever the settings say.
    pub(crate) fn note_rel(&self, date: chrono::NaiveDate) -> String {
        in_folder(&self.folder, &format!("{}.md", self.format.format(date)))
    }
}

/// `name` in the vault-relative `folder` (`""`: the vault's root).
pub(crate) fn in_folder(folder: &str, name: &str) -> String {
    if folder.is_empty() {
        name.to_string()
    } else {
        format!("{folder}/{name}")
    }
}

/// Everything `journal` knows about a vault before reading its notes.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub(crate) vault: PathBuf,
    /// What `.journal.toml` says, with the defaults where it is silent.
    pub(crate) settings: Settings,
    /// The daily notes: `.journal.toml`, else the Obsidian settings, else `YYYY-MM-DD` at
    /// the vault's root.
    pub(crate) daily: Periodic,
    /// The weekly notes, resolved the same way (`GGGG-[W]WW`).
    pub(crate) weekly: Periodic,
    /// The monthly, quarterly and yearly notes, when the vault's Periodic Notes settings
    /// name them (in that order).
    pub(crate) longer: [Option<Periodic>; 3],
    /// Obsidian's "Excluded files" (`userIgnoreFilters`).
    pub(crate) obsidian_ignore: Vec<String>,
    /// The folders of note templates (Obsidian's Templates and Templater plugins): templates
    /// are not notes, their `{{date}}` placeholders are not dates, their tasks not tasks.
    pub(crate) template_folders: Vec<String>,
    /// The vault is a Logseq graph, or holds Logseq journals: how Logseq names its files.
    pub(crate) logseq: Option<logseq::Graph>,
    /// Every other template a setting names (Periodic Notes' per-period templates, Templater's
    /// folder and file templates, the Calendar's weekly template), vault-relative.
    pub(crate) template_files: Vec<String>,
    /// The week's first day: `.journal.toml`, else the vault's Calendar and weekly-note
    /// settings, else Monday.
    pub(crate) week_start: WeekStart,
    /// What the vault's Obsidian settings say of the week's first day, if anything.
    pub(crate) obsidian_week_start: Option<WeekStart>,
    pub(crate) parse: ParseSettings,
    /// Unknown keys, unreadable or unsafe Obsidian settings.
    pub(crate) warnings: Vec<Diagnostic>,
}

impl Config {
    /// A vault-relative file named in a setting (`Templates/Daily`, `/Templates/Daily.md`:
    /// a leading `/` is the vault's root), as a path; `.md` is added when there is no
    /// extension, as Obsidian does. Settings are checked to stay inside the vault when read.
    pub(crate) fn vault_file(&self, rel: &str) -> PathBuf {
        let rel = rel.trim().trim_start_matches('/');
        let mut path = self.vault.join(rel);
        if path.extension().is_none() {
            path.set_extension("md");
        }
        path
    }

    /// The defaults for a vault without settings.
    pub fn defaults(vault: PathBuf) -> Config {
        let mut config = Config {
            vault,
            settings: Settings::default(),
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
            longer: [None, None, None],
            obsidian_ignore: Vec::new(),
            template_folders: Vec::new(),
            logseq: None,
            template_files: Vec::new(),
            week_start: WeekStart::Monday,
            obsidian_week_start: None,
            parse: ParseSettings::default(),
            warnings: Vec::new(),
        };
        config.derive_parse_settings();
        config
    }

    /// Reads the settings of the vault at `vault`: its `.journal.toml` and Obsidian settings.
    pub fn load(vault: &Path) -> Result<Config, ConfigError> {
        let mut config = Config::defaults(vault.to_path_buf());
        let obsidian = obsidian::Settings::read(vault, &mut config.warnings);
        obsidian.apply(&mut config);
        config.logseq = logseq::Graph::read(vault, &mut config.warnings);
        let file = vault.join(CONFIG_FILE);
        // Read through the one safe open: a FIFO, a device or a huge file is refused.
        match crate::fsx::read_capped(&file, crate::fsx::SETTINGS_MAX) {
            Ok(bytes) => {
                let text = String::from_utf8(bytes).map_err(|e| ConfigError {
                    file: CONFIG_FILE.into(),
                    line: 1,
                    message: format!("is not UTF-8 text ({e})"),
                })?;
                config.apply_toml(&text)?;
            }
            Err(crate::fsx::ReadError::NotFound) => {}
            Err(e) => {
                return Err(ConfigError {
                    file: CONFIG_FILE.into(),
                    line: 0,
                    message: e.to_string(),
                });
            }
        }
        config.derive_parse_settings();
        Ok(config)
    }

    /// Applies the settings of a `.journal.toml` text over the current ones.
    pub(crate) fn apply_toml(&mut self, text: &str) -> Result<(), ConfigError> {
        let (settings, warnings) = file::read(text)?;
        self.warnings.extend(warnings);
        for (file, resolved) in [
            (&settings.daily, &mut self.daily),
            (&settings.weekly, &mut self.weekly),
        ] {
            if let Some(f) = &file.format {
                resolved.format = f.0.clone();
            }
            if let Some(f) = &file.folder {
                resolved.folder = f.0.clone();
            }
            if let Some(t) = &file.template {
                resolved.template = Some(t.0.clone());
            }
        }
        for (&c, &s) in &settings.statuses.0 {
            self.parse.statuses.set(c, s);
        }
        self.settings = settings;
        self.derive_parse_settings();
        Ok(())
    }

    /// The parse settings that follow from the others. Templates are read here, so a note
    /// made from one can be told from what its owner added.
    fn derive_parse_settings(&mut self) {
        self.parse.mood_scale = self.settings.mood_scale.small();
        self.parse.daily_format = self.daily.format.clone();
        self.parse.weekly_format = Some(self.weekly.format.clone());
        self.parse.weekly_folder = self.weekly.folder.clone();
        self.parse.logseq = self.logseq.as_ref().map(logseq::Graph::parse_settings);
        self.parse.daily_folder = self.daily.folder.clone();
        self.parse.mood_keys = self.settings.fields.mood.0.clone();
        let daily = match self.daily.template.clone() {
            Some(t) => self.read_template(&t),
            None => Some(Template::read(templates::JOURNAL_DAILY, false)),
        };
        let weekly = self
            .weekly
            .template
            .clone()
            .and_then(|t| self.read_template(&t));
        let others = self.other_templates();
        self.parse.writing = writing_rules(&self.settings, daily, weekly);
        self.parse.writing.other_templates = templates::Others::new(others);
        self.week_start = self
            .settings
            .week_start
            .or(self.obsidian_week_start)
            .unwrap_or(if self.weekly.format.has_locale_weeks() {
                WeekStart::Sunday
            } else {
                WeekStart::Monday
            });
    }

    /// The templates in the template folders and named by settings, other than the daily and
    /// weekly ones: at most 500, regular files only, no link followed.
    fn other_templates(&mut self) -> Vec<Template> {
        const MAX_TEMPLATES: usize = 500;
        let periodic: Vec<PathBuf> = [&self.daily.template, &self.weekly.template]
            .into_iter()
            .flatten()
            .map(|t| self.vault_file(t))
            .collect();
        let mut paths: Vec<PathBuf> = self
            .template_files
            .iter()
            .map(|t| self.vault_file(t))
            .collect();
        for folder in &self.template_folders {
            let walk = walkdir::WalkDir::new(self.vault.join(folder))
                .max_depth(4)
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| {
                    e.file_type().is_file()
                        && e.file_name().to_str().is_some_and(|n| {
                            !n.starts_with('.') && n.to_ascii_lowercase().ends_with(".md")
                        })
                });
            paths.extend(walk.map(walkdir::DirEntry::into_path));
        }
        paths.sort();
        paths.dedup();
        paths
            .into_iter()
            .filter(|p| !periodic.contains(p))
            .take(MAX_TEMPLATES)
            .filter_map(|p| {
                if !std::fs::symlink_metadata(&p).ok()?.is_file() {
                    return None;
                }
                let bytes = crate::fsx::read_capped(&p, MAX_TEMPLATE_BYTES).ok()?;
                Some(Template::read(&String::from_utf8_lossy(&bytes), false))
            })
            .collect()
    }

    /// Reads a template a setting names, for its text. One that cannot be read is a warning
    /// (once) and no template.
    fn read_template(&mut self, rel: &str) -> Option<Template> {
        let path = self.vault_file(rel);
        let shown = path
            .strip_prefix(&self.vault)
            .map(|p| p.display().to_string())
            .unwrap_or_else(|_| rel.to_string());
        let problem = match crate::fsx::read_capped(&path, MAX_TEMPLATE_BYTES) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => return Some(Template::read(&text, true)),
                Err(_) => Some("is not UTF-8 text".to_string()),
            },
            Err(crate::fsx::ReadError::NotFound) => None,
            Err(e) => Some(e.to_string()),
        };
        if let Some(p) = problem {
            let w = Diagnostic::file(
                &shown,
                format!("the note template {p}; its text is counted as writing"),
            );
            if !self.warnings.contains(&w) {
                self.warnings.push(w);
            }
        }
        None
    }

    /// The vault's monthly, quarterly or yearly notes (Periodic Notes), when it has them; the
    /// weekly notes for a week.
    pub(crate) fn periodic(&self, kind: crate::dates::PeriodKind) -> Option<&Periodic> {
        use crate::dates::PeriodKind;
        match kind {
            PeriodKind::Week => Some(&self.weekly),
            PeriodKind::Month => self.longer[0].as_ref(),
            PeriodKind::Quarter => self.longer[1].as_ref(),
            PeriodKind::Year => self.longer[2].as_ref(),
        }
    }

    /// The folder plans live in, when one is set.
    pub(crate) fn plans_folder(&self) -> Option<&str> {
        self.settings
            .plans_folder
            .as_ref()
            .map(|f| f.as_str())
            .filter(|f| !f.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    fn apply(text: &str) -> Result<Config, ConfigError> {
        let mut c = Config::defaults(PathBuf::from("/v"));
        c.apply_toml(text)?;
        Ok(c)
    }

    #[test]
    fn the_default_config_reads_back_to_exactly_the_defaults() {
        let c = apply(DEFAULT_CONFIG).expect("default config");
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        assert_eq!(c, Config::defaults(PathBuf::from("/v")), "every field");
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
folder = "Weeks"
template = "T/Weekly"
[review]
folder = "Weekly Reviews"
template = "r.md"
stalled_after_days = 7
horizon_days = 30
link_style = "File"
[tags]
plan = "#project"
checkpoint = ["cp"]
help = ["stuck"]
[statuses]
"?" = "in_progress"
[prompts]
library = ["Why?"]
sections = ["Evening"]
[fields]
mood = ["Mood", "Day Score"]
[reference]
folders = ["/Web/"]
tags = ["#ref"]
categories = ["Articles"]
web_clipper = false
"##,
        )
        .expect("config");
        assert!(c.warnings.is_empty());
        let s = &c.settings;
        assert_eq!(s.exclude.0, ["Archive/**"]);
        assert!(s.follow_links);
        assert_eq!(s.max_note_bytes.get(), 1000);
        assert_eq!(c.plans_folder(), Some("Plans"));
        assert_eq!(s.week_start, Some(WeekStart::Sunday));
        assert_eq!(c.week_start, WeekStart::Sunday);
        assert_eq!(s.mood_scale.get(), 10);
        assert_eq!(
            (c.daily.format.as_str(), c.daily.folder.as_str()),
            ("DD.MM.YYYY", "Journal")
        );
        assert_eq!(c.daily.template.as_deref(), Some("T/Daily"));
        assert_eq!(
            (
                c.weekly.format.as_str(),
                c.weekly.folder.as_str(),
                c.weekly.template.as_deref()
            ),
            ("gggg-[W]ww", "Weeks", Some("T/Weekly"))
        );
        assert_eq!(c.parse.weekly_folder, "Weeks");
        assert_eq!(
            (
                s.review.folder.as_str(),
                s.review.template.as_ref().map(|t| t.0.as_str()),
                s.review.stalled_after_days.get(),
                s.review.horizon_days.get()
            ),
            ("Weekly Reviews", Some("r.md"), 7, 30)
        );
        assert_eq!(s.review.link_style, LinkStyle::File);
        assert_eq!(s.tags.plan.0, ["project"]);
        assert_eq!(s.tags.checkpoint.0, ["cp"]);
        assert_eq!(s.tags.help.0, ["stuck"]);
        assert_eq!(c.parse.statuses.get('?'), Some(Status::InProgress));
        assert_eq!(c.parse.mood_scale, 10);
        assert_eq!(s.prompts.library.0, ["Why?"]);
        assert_eq!(c.parse.writing.sections, ["evening"]);
        assert_eq!(c.parse.writing.library, ["why"]);
        assert_eq!(c.parse.mood_keys, ["mood", "day_score"]);
        let r = &c.parse.writing.reference;
        assert_eq!(
            (
                r.folders.as_slice(),
                r.tags.as_slice(),
                r.categories.as_slice(),
                r.web_clipper
            ),
            (
                &["Web".to_string()][..],
                &["ref".to_string()][..],
                &["articles".to_string()][..],
                false
            )
        );
    }

    #[test]
    fn review_into_and_list_limit() {
        let c = apply("[review]\ninto = \"weekly-note\"\nlist_limit = 5\n").expect("config");
        assert_eq!(c.settings.review.into, Into::WeeklyNote);
        assert_eq!(c.settings.review.list_limit.get(), 5);
        let e = apply("[review]\ninto = \"elsewhere\"").expect_err("bad");
        assert!(e.message.contains("\"folder\" or \"weekly-note\""), "{e}");
        let e = apply("[review]\nlink_style = \"web\"").expect_err("bad");
        assert!(
            e.message
                .contains("\"auto\", \"obsidian\", \"file\" or \"none\""),
            "{e}"
        );
        let e = apply("[reference]\nfolders = [\"../x\"]").expect_err("bad");
        assert!(e.message.contains("not a folder inside the vault"), "{e}");
    }

    #[test]
    fn the_week_start_follows_the_vault_when_the_config_is_silent() {
        let mut c = Config::defaults(PathBuf::from("/v"));
        assert_eq!(c.week_start, WeekStart::Monday);
        c.weekly.format = MomentFormat::new("gggg-[W]ww");
        c.derive_parse_settings();
        assert_eq!(c.week_start, WeekStart::Sunday, "a locale weekly format");
        c.weekly.format = MomentFormat::new("GGGG-[W]WW");
        c.obsidian_week_start = Some(WeekStart::Sunday);
        c.derive_parse_settings();
        assert_eq!(c.week_start, WeekStart::Sunday, "the Calendar's weekStart");
        c.apply_toml("week_start = \"monday\"").expect("config");
        assert_eq!(c.week_start, WeekStart::Monday, ".journal.toml wins");
    }

    #[test]
    fn unknown_keys_are_warnings_with_lines() {
        let c = apply("colour = 1\n[review]\nfolder = \"R\"\nhorizon = 3\n[nope]\nx = 1\n")
            .expect("config");
        let w: Vec<_> = c
            .warnings
            .iter()
            .map(|w| (w.line, w.message.as_str()))
            .collect();
        assert_eq!(
            w,
            [
                (1, "unknown key `colour` is ignored"),
                (
                    4,
                    "unknown key `review.horizon` is ignored (did you mean `review.horizon_days`?)"
                ),
                (5, "unknown key `nope` is ignored"),
            ]
        );
    }

    #[test]
    fn typos_get_the_key_they_were_meant_to_be() {
        let hint = |text: &str| {
            apply(text)
                .expect("config")
                .warnings
                .first()
                .map(|w| w.message.clone())
                .unwrap_or_default()
        };
        for (typed, meant) in [
            ("weekstart = \"sunday\"", "week_start"),
            ("week-start = \"sunday\"", "week_start"),
            ("horizon_days = 3", "review.horizon_days"),
            (
                "[review]\nstaled_after_days = 3",
                "review.stalled_after_days",
            ),
            ("plan_folder = \"P\"", "plans_folder"),
            ("[check]\nalow = []", "check.allow"),
            ("[daly]\nformat = \"x\"", "daily"),
        ] {
            assert!(
                hint(typed).ends_with(&format!("(did you mean `{meant}`?)")),
                "{typed}: {}",
                hint(typed)
            );
        }
        assert_eq!(hint("editor = \"vim\""), "unknown key `editor` is ignored");
    }

    #[test]
    fn check_allows_categories_by_name() {
        let c = apply("[check]\nallow = [\"missing-link\", \"bad_date\"]").expect("config");
        assert_eq!(
            c.settings.check.allow.0,
            [
                crate::diagnostic::Category::MissingLink,
                crate::diagnostic::Category::BadDate
            ]
        );
        let e = apply("[check]\nallow = [\"links\"]").expect_err("bad");
        assert!(
            e.message
                .starts_with("`check.allow` has `links`, which is not a category"),
            "{e}"
        );
        assert_eq!(e.line, 2);
    }

    #[test]
    fn bad_values_name_the_key_and_line() {
        let e = apply("\n[review]\nhorizon_days = \"two weeks\"\n").expect_err("bad");
        assert_eq!(e.line, 3);
        assert_eq!(
            e.message,
            "`review.horizon_days` must be a whole number from 0 to 3650"
        );
        let e = apply("week_start = \"tuesday\"").expect_err("bad");
        assert_eq!(
            (e.line, e.message.as_str()),
            (1, "`week_start` must be \"monday\" or \"sunday\"")
        );
        let e = apply("[statuses]\n\"ab\" = \"done\"").expect_err("bad");
        assert_eq!(e.line, 2, "{e}");
        assert_eq!(e.message, "`statuses.ab` must be a single character");
        let e = apply("[statuses]\n\"?\" = \"later\"").expect_err("bad");
        assert!(e.message.contains("todo, in_progress"), "{e}");
        let e = apply("a = [").expect_err("bad toml");
        assert!(
            e.to_string()
                .starts_with(".journal.toml:1: is not valid TOML"),
            "{e}"
        );
        let e = apply("mood_scale = -3").expect_err("bad");
        assert_eq!(
            e.message,
            "`mood_scale` must be a whole number from 2 to 100"
        );
        let e = apply("follow_links = \"yes\"").expect_err("bad");
        assert_eq!(e.message, "`follow_links` must be true or false");
        for bad in [
            "[daily]\nfolder = \"../outside\"",
            "[review]\nfolder = \"a/../..\"",
            "plans_folder = \"a/../../b\"",
            "[review]\ntemplate = \"../../x\"",
            "[daily]\ntemplate = \"/../../etc/passwd\"",
        ] {
            let e = apply(bad).expect_err("outside");
            assert!(e.message.contains("inside the vault"), "{bad}: {e}");
        }
        for bad in [
            "[../../elsewhere/x]",
            "[/]YYYY",
            "/YYYY-MM-DD",
            "YYYY/[..]/DD",
            " ",
        ] {
            let e = apply(&format!("[daily]\nformat = \"{bad}\"")).expect_err("outside");
            assert!(
                e.message
                    .starts_with("`daily.format` must be a moment.js format"),
                "{bad}: {e}"
            );
        }
        let e = apply("max_note_bytes = 0").expect_err("bad");
        assert_eq!(
            e.message,
            "`max_note_bytes` must be a whole number of at least 1"
        );
        let e = apply("exclude = [\"a[\"]").expect_err("bad glob");
        assert!(
            e.message
                .starts_with("`exclude` has `a[`, which is not a valid glob"),
            "{e}"
        );
        let e = apply("[prompts]\nlibrary = []").expect_err("empty");
        assert_eq!(e.message, "`prompts.library` must name at least one prompt");
        let e = apply("review = 3").expect_err("not a table");
        assert!(e.message.starts_with("`review` must be"), "{e}");
    }

    #[test]
    fn many_unknown_keys_are_read_in_linear_time() {
        // 20k unknown keys once took seconds (a line count per key); each is one warning.
        let text: String = (0..20_000).map(|i| format!("k{i} = 1\n")).collect();
        let c = apply(&text).expect("config");
        assert_eq!(c.warnings.len(), 20_000);
        assert_eq!(c.warnings[19_999].line, 20_000);
    }
}
