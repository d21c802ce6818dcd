//! `.journal.toml`: every key it can hold, with its default, read with serde. Unknown keys are
//! collected as warnings with their line; a bad value is an error naming the key and its line.
//!
//! The value types check what a key may hold while it is read (a folder inside the vault, a
//! number in range, a valid glob), so a `Settings` that exists is a valid one.

use crate::dates::WeekStart;
use crate::dates::moment::MomentFormat;
use crate::diagnostic::{Category, Diagnostic};
use crate::model::Status;
use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use std::collections::BTreeMap;
use std::fmt;
use toml::de::{DeTable, DeValue};

/// The config file's name at the vault root.
pub(crate) const CONFIG_FILE: &str = ".journal.toml";

/// The prompts used when the config names none.
pub(crate) const DEFAULT_PROMPTS: &[&str] = &[
    "What next?",
    "Are you happy?",
    "What else do I want to do with my life?",
    "What went well, and what didn't?",
    "Where do I need outside help or more knowledge?",
];

/// What `.journal.toml` says. Every key is optional; `Default` holds the defaults, and the
/// commented file `journal init` writes ([`DEFAULT_CONFIG`]) must read back to them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default)]
pub(crate) struct Settings {
    pub(crate) exclude: Globs,
    pub(crate) follow_links: bool,
    pub(crate) max_note_bytes: Bounded<1, { u64::MAX >> 1 }>,
    pub(crate) plans_folder: Option<Folder>,
    /// `None`: the vault's Calendar settings and weekly-note format decide, else Monday.
    #[serde(deserialize_with = "week_start")]
    pub(crate) week_start: Option<WeekStart>,
    pub(crate) mood_scale: Bounded<2, 100>,
    pub(crate) daily: PeriodicSettings,
    pub(crate) weekly: PeriodicSettings,
    pub(crate) review: ReviewSettings,
    pub(crate) tags: TagSettings,
    pub(crate) statuses: Statuses,
    pub(crate) prompts: PromptSettings,
    pub(crate) fields: FieldSettings,
    pub(crate) reference: ReferenceSettings,
    pub(crate) check: CheckSettings,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            exclude: Globs::default(),
            follow_links: false,
            max_note_bytes: Bounded(16 * 1024 * 1024),
            plans_folder: None,
            week_start: None,
            mood_scale: Bounded(5),
            daily: PeriodicSettings::default(),
            weekly: PeriodicSettings::default(),
            review: ReviewSettings::default(),
            tags: TagSettings::default(),
            statuses: Statuses::default(),
            prompts: PromptSettings::default(),
            fields: FieldSettings::default(),
            reference: ReferenceSettings::default(),
            check: CheckSettings::default(),
        }
    }
}

/// `[daily]` and `[weekly]`: where and how those notes are written. A key left out falls back
/// to the vault's Obsidian settings, then to the defaults.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub(crate) struct PeriodicSettings {
    pub(crate) format: Option<NoteFormat>,
    pub(crate) folder: Option<Folder>,
    pub(crate) template: Option<VaultFile>,
}

/// `[review]`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default)]
pub(crate) struct ReviewSettings {
    pub(crate) folder: Folder,
    pub(crate) template: Option<VaultFile>,
    pub(crate) stalled_after_days: Bounded<1, 3650>,
    pub(crate) horizon_days: Bounded<0, 3650>,
    /// Where `review --write` puts a Markdown review.
    pub(crate) into: Into,
    /// Lists longer than this end with "… and N more" in Markdown and HTML.
    pub(crate) list_limit: Bounded<1, 100_000>,
    /// How the HTML review links back to the notes.
    pub(crate) link_style: LinkStyle,
}

impl Default for ReviewSettings {
    fn default() -> Self {
        ReviewSettings {
            folder: Folder("Reviews".into()),
            template: None,
            stalled_after_days: Bounded(14),
            horizon_days: Bounded(14),
            into: Into::Folder,
            list_limit: Bounded(20),
            link_style: LinkStyle::Auto,
        }
    }
}

/// `[review] link_style`: how the HTML review links to the notes. `auto` is `obsidian` for a
/// vault with an `.obsidian` folder and `file` otherwise; `none` writes no links (a review to
/// share without the vault's paths).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LinkStyle {
    Auto,
    Obsidian,
    File,
    None,
}

impl<'de> Deserialize<'de> for LinkStyle {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        const EXPECTED: &str = "\"auto\", \"obsidian\", \"file\" or \"none\"";
        string_visitor(d, EXPECTED, |s| {
            match s.trim().to_ascii_lowercase().as_str() {
                "auto" => Ok(LinkStyle::Auto),
                "obsidian" => Ok(LinkStyle::Obsidian),
                "file" => Ok(LinkStyle::File),
                "none" => Ok(LinkStyle::None),
                _ => Err(format!("must be {EXPECTED}")),
            }
        })
    }
}

/// `[review] into`: the review folder, or the owner's own weekly note (only between markers
/// already in it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Into {
    Folder,
    WeeklyNote,
}

impl<'de> Deserialize<'de> for Into {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        string_visitor(d, "\"folder\" or \"weekly-note\"", |s| {
            match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
                "folder" => Ok(Into::Folder),
                "weekly-note" => Ok(Into::WeeklyNote),
                _ => Err("must be \"folder\" or \"weekly-note\"".to_string()),
            }
        })
    }
}

/// `[fields]`: which inline-field and property keys mean what.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default)]
pub(crate) struct FieldSettings {
    /// The keys read as the day's mood (`mood:: 4`, front matter `mood: 4`).
    pub(crate) mood: Keys,
}

impl Default for FieldSettings {
    fn default() -> Self {
        FieldSettings {
            mood: Keys(vec!["mood".into()]),
        }
    }
}

/// `[reference]`: clipped articles and reference material, which are not the person's writing.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default)]
pub(crate) struct ReferenceSettings {
    /// Notes in these folders (and below them).
    pub(crate) folders: Folders,
    /// Notes with one of these tags.
    pub(crate) tags: Tags,
    /// Notes whose `categories`, `category` or `type` property holds one of these.
    pub(crate) categories: Strings,
    /// Web Clipper's properties: `source` or `url` holding a web address, with `author`,
    /// `published` or `clipped`.
    pub(crate) web_clipper: bool,
}

impl Default for ReferenceSettings {
    fn default() -> Self {
        ReferenceSettings {
            folders: Folders(vec!["Clippings".into()]),
            tags: Tags(vec!["clippings".into(), "clipping".into()]),
            categories: Strings(vec!["Clippings".into()]),
            web_clipper: true,
        }
    }
}

/// `[tags]`: the tags that mark plans, checkpoints and tasks that need help.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default)]
pub(crate) struct TagSettings {
    pub(crate) plan: Tags,
    pub(crate) checkpoint: Tags,
    pub(crate) help: Tags,
}

impl Default for TagSettings {
    fn default() -> Self {
        let tags = |t: &[&str]| Tags(t.iter().map(|s| s.to_string()).collect());
        TagSettings {
            plan: tags(&["plan", "goal"]),
            checkpoint: tags(&["checkpoint", "milestone"]),
            help: tags(&["help", "waiting"]),
        }
    }
}

/// `[prompts]`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default)]
pub(crate) struct PromptSettings {
    pub(crate) library: Library,
    /// Headings that open a reflection in a journal note: what is written under them answers.
    pub(crate) sections: Strings,
}

/// The reflection sections used when the config names none.
pub(crate) const DEFAULT_SECTIONS: &[&str] = &[
    "Reflection",
    "Reflections",
    "Gratitude",
    "Grateful for",
    "Lessons learned",
];

impl Default for PromptSettings {
    fn default() -> Self {
        PromptSettings {
            library: Library(DEFAULT_PROMPTS.iter().map(|s| s.to_string()).collect()),
            sections: Strings(DEFAULT_SECTIONS.iter().map(|s| s.to_string()).collect()),
        }
    }
}

/// `[check]`: the categories of warnings this vault lives with (`journal check --allow`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub(crate) struct CheckSettings {
    pub(crate) allow: Allow,
}

/// `[check] allow`: category names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Allow(pub Vec<Category>);

impl<'de> Deserialize<'de> for Allow {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        strings(d, "a list of warning categories")?
            .iter()
            .map(|name| {
                Category::from_name(name).ok_or_else(|| {
                    de::Error::custom(format!(
                        "has `{name}`, which is not a category: use {}",
                        Category::ALL
                            .iter()
                            .map(|c| c.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                })
            })
            .collect::<Result<_, _>>()
            .map(Allow)
    }
}

/// A whole number from `MIN` to `MAX`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Bounded<const MIN: u64, const MAX: u64>(pub u64);

impl<const MIN: u64, const MAX: u64> Bounded<MIN, MAX> {
    pub(crate) fn get(self) -> u64 {
        self.0
    }

    /// The value as a `u32`; every bound used for one fits.
    pub(crate) fn small(self) -> u32 {
        u32::try_from(self.0).unwrap_or(u32::MAX)
    }
}

impl<'de, const MIN: u64, const MAX: u64> Deserialize<'de> for Bounded<MIN, MAX> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<const MIN: u64, const MAX: u64>;
        impl<const MIN: u64, const MAX: u64> Visitor<'_> for V<MIN, MAX> {
            type Value = Bounded<MIN, MAX>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                if MAX >= u64::MAX >> 1 {
                    write!(f, "a whole number of at least {MIN}")
                } else {
                    write!(f, "a whole number from {MIN} to {MAX}")
                }
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                match u64::try_from(v) {
                    Ok(v) => self.visit_u64(v),
                    Err(_) => Err(E::invalid_value(de::Unexpected::Signed(v), &self)),
                }
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                if (MIN..=MAX).contains(&v) {
                    Ok(Bounded(v))
                } else {
                    Err(E::invalid_value(de::Unexpected::Unsigned(v), &self))
                }
            }
        }
        d.deserialize_u64(V::<MIN, MAX>)
    }
}

/// A folder inside the vault, vault-relative, without leading or trailing `/` (a leading `/`
/// means the vault's root, as in Obsidian's settings); `..` and absolute paths are refused,
/// because journal writes there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Folder(pub String);

impl Folder {
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

/// `path` as a folder inside the vault, or `None` when it would leave it.
pub(crate) fn vault_folder(path: &str) -> Option<String> {
    let clean = path.trim().trim_matches('/');
    inside_vault(clean).then(|| clean.to_string())
}

/// Whether a vault-relative path stays inside the vault: only plain names and `.`, no `..`,
/// no root, drive or prefix, no backslash (a separator on Windows).
pub(crate) fn inside_vault(rel: &str) -> bool {
    !rel.contains('\\')
        && std::path::Path::new(rel).components().all(|c| {
            matches!(
                c,
                std::path::Component::Normal(_) | std::path::Component::CurDir
            )
        })
}

fn string_visitor<'de, D, T>(
    d: D,
    expecting: &'static str,
    check: impl FnOnce(&str) -> Result<T, String>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let s =
        String::deserialize(d).map_err(|_| de::Error::custom(format!("must be {expecting}")))?;
    check(&s).map_err(de::Error::custom)
}

impl<'de> Deserialize<'de> for Folder {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        string_visitor(d, "a folder inside the vault", |s| {
            vault_folder(s)
                .map(Folder)
                .ok_or_else(|| "must be a folder inside the vault (no `..`)".to_string())
        })
    }
}

/// A file inside the vault, named from its root (`Templates/Daily`, `/Templates/Daily.md`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct VaultFile(pub String);

impl<'de> Deserialize<'de> for VaultFile {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        string_visitor(d, "a file inside the vault", |s| {
            let rel = s.trim().trim_start_matches('/');
            if rel.is_empty() || !inside_vault(rel) {
                Err("must be a file inside the vault (no `..`)".to_string())
            } else {
                Ok(VaultFile(rel.to_string()))
            }
        })
    }
}

/// A moment.js note-name format whose names stay inside the vault: not empty, and no `..`
/// or absolute part in what it writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NoteFormat(pub MomentFormat);

/// Whether every note name `format` can give stays inside the vault (checked on dates that
/// exercise every token's widest and narrowest forms).
pub(crate) fn format_stays_inside(format: &MomentFormat) -> bool {
    if format.as_str().trim().is_empty() {
        return false;
    }
    ["2026-11-24", "2027-01-01", "1999-12-31", "2026-05-09"]
        .iter()
        .filter_map(|d| crate::dates::parse_date(d))
        .all(|d| {
            let name = format.format(d);
            !name.starts_with('/') && !name.is_empty() && inside_vault(&name)
        })
}

impl<'de> Deserialize<'de> for NoteFormat {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        string_visitor(d, "a moment.js format", |s| {
            let format = MomentFormat::new(s.trim());
            if format_stays_inside(&format) {
                Ok(NoteFormat(format))
            } else {
                Err("must be a moment.js format whose note names stay inside the vault (not empty, no `..`, not starting with `/`)".to_string())
            }
        })
    }
}

/// A list of strings, or one string for a list of one.
fn strings<'de, D: Deserializer<'de>>(
    d: D,
    expecting: &'static str,
) -> Result<Vec<String>, D::Error> {
    struct V(&'static str);
    impl<'de> Visitor<'de> for V {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.0)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(vec![v.to_string()])
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(s) = seq
                .next_element::<String>()
                .map_err(|_| de::Error::custom(format!("must be {}", self.0)))?
            {
                out.push(s);
            }
            Ok(out)
        }
    }
    d.deserialize_any(V(expecting))
}

/// `exclude`: globs of vault paths to skip.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Globs(pub Vec<String>);

impl<'de> Deserialize<'de> for Globs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let globs = strings(d, "a list of globs")?;
        for g in &globs {
            if let Err(e) = globset::Glob::new(g) {
                return Err(de::Error::custom(format!(
                    "has `{g}`, which is not a valid glob ({e})"
                )));
            }
        }
        Ok(Globs(globs))
    }
}

/// A list of tags, written with or without `#`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tags(pub Vec<String>);

impl<'de> Deserialize<'de> for Tags {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Tags(
            strings(d, "a list of tags")?
                .into_iter()
                .map(|t| t.trim().trim_start_matches('#').to_string())
                .collect(),
        ))
    }
}

/// A list of plain strings (may be empty).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Strings(pub Vec<String>);

impl<'de> Deserialize<'de> for Strings {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Strings(
            strings(d, "a list of names")?
                .into_iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
        ))
    }
}

/// Field keys, folded as inline-field keys are (`Mood Score` is `mood_score`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Keys(pub Vec<String>);

impl<'de> Deserialize<'de> for Keys {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Keys(
            strings(d, "a list of field names")?
                .iter()
                .map(|k| crate::note::inline::fold_key(k.trim()))
                .filter(|k| !k.is_empty())
                .collect(),
        ))
    }
}

/// Folders inside the vault.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Folders(pub Vec<String>);

impl<'de> Deserialize<'de> for Folders {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut out = Vec::new();
        for f in strings(d, "a list of folders inside the vault")? {
            match vault_folder(&f) {
                Some(f) if !f.is_empty() => out.push(f),
                _ => {
                    return Err(de::Error::custom(format!(
                        "has `{f}`, which is not a folder inside the vault"
                    )));
                }
            }
        }
        Ok(Folders(out))
    }
}

/// `[prompts] library`: at least one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Library(pub Vec<String>);

impl<'de> Deserialize<'de> for Library {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let library = strings(d, "a list of questions")?;
        if library.iter().all(|q| q.trim().is_empty()) {
            return Err(de::Error::custom("must name at least one prompt"));
        }
        Ok(Library(library))
    }
}

fn week_start<'de, D: Deserializer<'de>>(d: D) -> Result<Option<WeekStart>, D::Error> {
    string_visitor(d, "\"monday\" or \"sunday\"", |s| {
        match s.trim().to_ascii_lowercase().as_str() {
            "monday" => Ok(Some(WeekStart::Monday)),
            "sunday" => Ok(Some(WeekStart::Sunday)),
            _ => Err("must be \"monday\" or \"sunday\"".to_string()),
        }
    })
}

/// `[statuses]`: a checkbox symbol and what it means.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Statuses(pub BTreeMap<char, Status>);

/// A checkbox symbol: one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Symbol(char);

impl<'de> Deserialize<'de> for Symbol {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        string_visitor(d, "a single character", |s| {
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(Symbol(c)),
                _ => Err("must be a single character".to_string()),
            }
        })
    }
}

/// A status name, as `[statuses]` values and the Obsidian Tasks settings write them.
struct StatusName(Status);

impl<'de> Deserialize<'de> for StatusName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        const NAMES: &str = "todo, in_progress, done, cancelled, deferred, non_task";
        string_visitor(d, "a status name", |s| {
            Status::from_name(s)
                .map(StatusName)
                .ok_or_else(|| format!("has `{s}`: the status must be one of {NAMES}"))
        })
    }
}

impl<'de> Deserialize<'de> for Statuses {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map = BTreeMap::<Symbol, StatusName>::deserialize(d)?;
        Ok(Statuses(map.into_iter().map(|(k, v)| (k.0, v.0)).collect()))
    }
}

/// A mistake in `.journal.toml`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct ConfigError {
    pub file: String,
    pub line: u32,
    pub message: String,
}

/// Line numbers of byte offsets, from one pass over the text.
struct LineIndex(Vec<usize>);

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        LineIndex(memchr::memchr_iter(b'\n', text.as_bytes()).collect())
    }

    fn line(&self, offset: usize) -> u32 {
        u32::try_from(self.0.partition_point(|&nl| nl < offset) + 1).unwrap_or(u32::MAX)
    }
}

/// The dotted path of the key whose key or value holds byte `offset` (`review.horizon_days`).
/// A table's own span need not hold its keys (a `[section]` header), so every table is
/// searched.
fn key_at(table: &DeTable<'_>, offset: usize) -> Option<String> {
    for (k, v) in table.iter() {
        let name = k.get_ref().to_string();
        if let DeValue::Table(inner) = v.get_ref() {
            if let Some(sub) = key_at(inner, offset) {
                return Some(format!("{name}.{sub}"));
            }
            continue;
        }
        let (ks, vs) = (k.span(), v.span());
        if ks.contains(&offset) || vs.contains(&offset) || vs.end == offset {
            return Some(name);
        }
    }
    // A value that is not the table it should be: the key is the one whose span holds it.
    table
        .iter()
        .find(|(k, v)| k.span().contains(&offset) || v.span().contains(&offset))
        .map(|(k, _)| k.get_ref().to_string())
}

/// The span of the key at a dotted path, for the line of an unknown key.
fn key_span(table: &DeTable<'_>, path: &str) -> Option<std::ops::Range<usize>> {
    let (head, rest) = match path.split_once('.') {
        Some((h, r)) => (h, Some(r)),
        None => (path, None),
    };
    let (k, v) = table.iter().find(|(k, _)| k.get_ref().as_ref() == head)?;
    match (rest, v.get_ref()) {
        (Some(rest), DeValue::Table(inner)) => key_span(inner, rest).or(Some(k.span())),
        _ => Some(k.span()),
    }
}

/// serde's "invalid type: …, expected X" as "must be X"; our own messages as they are.
fn plain_message(message: &str) -> String {
    let m = message.trim();
    match m.split_once(", expected ") {
        Some((_, expected)) => {
            let expected = match expected {
                "a boolean" => "true or false",
                e => e,
            };
            format!("must be {expected}")
        }
        None => m.to_string(),
    }
}

/// Reads a `.journal.toml` text: the settings, and a warning for each unknown key.
pub(crate) fn read(text: &str) -> Result<(Settings, Vec<Diagnostic>), ConfigError> {
    let lines = LineIndex::new(text);
    let error = |line, message| ConfigError {
        file: CONFIG_FILE.into(),
        line,
        message,
    };
    let table = DeTable::parse(text).map_err(|e| {
        error(
            e.span().map_or(1, |s| lines.line(s.start)),
            format!("is not valid TOML: {}", e.message().trim()),
        )
    })?;
    let mut unknown = Vec::new();
    let de = toml::de::Deserializer::from(table.clone());
    let settings: Settings = serde_ignored::deserialize(de, |path| unknown.push(path.to_string()))
        .map_err(|e: toml::de::Error| {
            let at = e.span().map_or(0, |s| s.start);
            let key = e
                .span()
                .and_then(|_| key_at(table.get_ref(), at))
                .unwrap_or_default();
            let message = plain_message(e.message());
            let message = if key.is_empty() {
                message
            } else {
                format!("`{key}` {message}")
            };
            error(e.span().map_or(1, |s| lines.line(s.start)), message)
        })?;
    let mut warnings: Vec<Diagnostic> = unknown
        .into_iter()
        .map(|path| {
            let line = key_span(table.get_ref(), &path).map_or(0, |s| lines.line(s.start));
            let hint = did_you_mean(&path)
                .map(|k| format!(" (did you mean `{k}`?)"))
                .unwrap_or_default();
            Diagnostic::new(
                CONFIG_FILE,
                line,
                0,
                format!("unknown key `{path}` is ignored{hint}"),
            )
        })
        .collect();
    warnings.sort();
    Ok((settings, warnings))
}

/// Every key the config knows, dotted (`review.horizon_days`), read from [`DEFAULT_CONFIG`],
/// which shows each one, set or commented out.
fn known_keys() -> Vec<String> {
    let mut section = String::new();
    let mut keys = Vec::new();
    for line in DEFAULT_CONFIG.lines() {
        let line = line.trim();
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name.to_string();
            continue;
        }
        let line = line.strip_prefix("# ").unwrap_or(line);
        let Some((key, _)) = line.split_once(" = ") else {
            continue;
        };
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
            continue;
        }
        keys.push(if section.is_empty() {
            key.to_string()
        } else {
            format!("{section}.{key}")
        });
        if !section.is_empty() && !keys.contains(&section) {
            keys.push(section.clone());
        }
    }
    keys
}

/// The known key an unknown one was probably meant to be: the same key in another table, or
/// one a typo or two away (`weekstart`, `review.horizon`, `horizon_days` at the top).
fn did_you_mean(unknown: &str) -> Option<String> {
    let typed = unknown;
    let unknown = unknown.to_ascii_lowercase().replace('-', "_");
    let last = |k: &str| k.rsplit('.').next().unwrap_or(k).to_string();
    let known = known_keys();
    let distance = |k: &str| {
        let whole = strsim::damerau_levenshtein(&unknown, k);
        let name = strsim::damerau_levenshtein(&last(&unknown), &last(k));
        // Close enough in the whole path, or in the key's own name.
        let whole_ok = whole <= (k.len() / 4).max(1);
        let name_ok = name <= (last(k).len() / 4).max(1)
            || (last(&unknown).len() >= 4 && last(k).starts_with(&last(&unknown)));
        (whole_ok || name_ok).then_some(whole.min(name + 1))
    };
    known
        .iter()
        .filter(|k| *k != typed)
        .filter_map(|k| distance(k).map(|d| (d, k)))
        .min()
        .map(|(_, k)| k.clone())
}

/// The commented config `journal init` writes. Every key is shown with its default.
pub(crate) const DEFAULT_CONFIG: &str = r#"# journal settings for this vault. Every key is optional; the values shown are the defaults.
# Where a key is commented out, journal falls back to the vault's Obsidian settings.

# Globs of notes to skip, relative to the vault (Obsidian's "Excluded files" are skipped too).
exclude = []
# Follow symbolic links to folders and files.
follow_links = false
# Notes larger than this are skipped with a warning.
max_note_bytes = 16777216
# Notes in this folder are plans, whatever their tags.
# plans_folder = "Plans"
# "monday" (ISO weeks) or "sunday". When not set: "sunday" if the Calendar plugin says so,
# or the weekly-note format is a locale week (gggg, ww); else "monday".
# week_start = "monday"
# The scale of `mood:: N` values (1 to mood_scale).
mood_scale = 5

[daily]
# A moment.js format, as in Obsidian's daily-notes settings; "/" makes folders.
# format = "YYYY-MM-DD"
# folder = "Daily"
# template = "Templates/Daily"

[weekly]
# format = "GGGG-[W]WW"
# Where weekly notes live: only notes there are dated by the weekly format.
# folder = "Weekly"
# template = "Templates/Weekly"

[review]
folder = "Reviews"
# template = ".journal/templates/weekly.md"
stalled_after_days = 14
horizon_days = 14
# Where `review --write` puts a Markdown review: "folder" (the folder above) or "weekly-note"
# (your weekly note, only between <!-- journal:begin --> and <!-- journal:end --> lines you
# or your weekly template put there).
into = "folder"
# Longer lists end with "… and N more" in Markdown and HTML (JSON keeps them all).
list_limit = 20
# How the HTML review links to the notes: "obsidian" (obsidian://open, opens the note in the
# app), "file" (file:// links), "none", or "auto": "obsidian" when the vault has an .obsidian
# folder, else "file".
link_style = "auto"

[tags]
plan = ["plan", "goal"]
checkpoint = ["checkpoint", "milestone"]
help = ["help", "waiting"]

[statuses]
# A checkbox symbol and what it means: todo, in_progress, done, cancelled, deferred, non_task.
# "?" = "todo"

[check]
# Warning categories `journal check` leaves out, as `--allow` does (for example "missing-link").
allow = []

[prompts]
library = [
  "What next?",
  "Are you happy?",
  "What else do I want to do with my life?",
  "What went well, and what didn't?",
  "Where do I need outside help or more knowledge?",
]
# In journal notes, a heading with one of these names is a reflection, answered by what is
# written under it.
sections = ["Reflection", "Reflections", "Gratitude", "Grateful for", "Lessons learned"]

[fields]
# The keys read as the day's mood, as an inline field (mood:: 4) or a property (mood: 4).
# Add "score" or "rating" only if those rate your day (not films or books).
mood = ["mood"]

[reference]
# Clipped articles and reference material are not your writing: no words, entries, tasks
# or prompts come from them. A note is reference when it is in one of these folders,
folders = ["Clippings"]
# has one of these tags,
tags = ["clippings", "clipping"]
# has one of these in its `categories`, `category` or `type` property,
categories = ["Clippings"]
# or has Web Clipper's properties: `source` or `url` with a web address, and `author`,
# `published` or `clipped`.
web_clipper = true
"#;
