//! Warnings about the vault, each naming the file and, where there is one, the line and column.
//!
//! A bad note is never fatal: parsing and indexing collect `Diagnostic`s and carry on.
//! `journal check` prints them all; the other commands print only how many warnings there
//! were. A few are information rather than problems (something legal that `journal` does not
//! count, such as a Logseq `SCHEDULED:` on a block that is not a task): `check` shows them,
//! marked `info`, and they are neither counted as warnings nor make `check` fail.
//!
//! Each warning falls in a [`Category`] that `check --allow` and the config's `[check] allow`
//! can silence. The category is read from the warning itself (its file and the words of its
//! message) in [`Diagnostic::category`], the one place that knows them, so the parser and
//! the checks need not carry it.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How much a diagnostic matters.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Level {
    /// Something in the vault that is wrong or read other than the user meant.
    #[default]
    Warning,
    /// Something legal that journal does not count, said so the figures can be understood.
    Info,
}

/// The kinds of warnings, as `journal check --allow` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// A date that is not one (`2026-02-30`, `2026-3-5`), or a start after the due date.
    BadDate,
    /// A checkbox symbol or a plan status journal does not know.
    UnknownStatus,
    /// `⛔` on an id no task has.
    MissingDependency,
    /// A link to a note that is not in the vault.
    MissingLink,
    /// A checkpoint without a date.
    UndatedCheckpoint,
    /// Task metadata Obsidian Tasks would not read (text after it, a tab, a key's case).
    IgnoredMetadata,
    /// Front matter that is not valid YAML properties.
    FrontMatter,
    /// A `mood::` outside the scale.
    Mood,
    /// A file that could not be read as a note.
    Unreadable,
    /// `.journal.toml` or Obsidian settings that are ignored.
    Settings,
    /// Anything else.
    Other,
}

crate::model::named_enum!(pub Category {
    BadDate => "bad-date",
    UnknownStatus => "unknown-status",
    MissingDependency => "missing-dependency",
    MissingLink => "missing-link",
    UndatedCheckpoint => "undated-checkpoint",
    IgnoredMetadata => "ignored-metadata",
    FrontMatter => "front-matter",
    Mood => "mood",
    Unreadable => "unreadable",
    Settings => "settings",
    Other => "other",
});

impl Category {
    /// A category by its name, as typed after `--allow` (`missing-link`, `missing_link`).
    pub fn from_name(name: &str) -> Option<Category> {
        let name = name.trim().to_ascii_lowercase().replace('_', "-");
        Category::ALL.iter().copied().find(|c| c.as_str() == name)
    }
}

/// One problem found in the vault, at `path:line:col` (line and column 1-based; 0 = unknown).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Vault-relative path, `/`-separated.
    pub path: String,
    pub line: u32,
    pub col: u32,
    pub message: String,
    pub level: Level,
}

impl Diagnostic {
    pub fn new(path: &str, line: u32, col: u32, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.to_string(),
            line,
            col,
            message: message.into(),
            level: Level::Warning,
        }
    }

    /// A problem with the whole file (it could not be read, say).
    pub fn file(path: &str, message: impl Into<String>) -> Self {
        Diagnostic::new(path, 0, 0, message)
    }

    /// Information, not a problem (see the module docs).
    pub fn info(path: &str, line: u32, col: u32, message: impl Into<String>) -> Self {
        Diagnostic {
            level: Level::Info,
            ..Diagnostic::new(path, line, col, message)
        }
    }

    pub fn is_warning(&self) -> bool {
        self.level == Level::Warning
    }

    /// What kind of problem this is, from its file and message (the messages are written in
    /// `note`, `vault`, `config` and `index::build`; the tests below hold one of each).
    pub fn category(&self) -> Category {
        let m = self.message.as_str();
        let has = |s: &str| m.contains(s);
        if self.path == crate::config::CONFIG_FILE
            || self.path == ".obsidian"
            || self.path.starts_with(".obsidian/")
        {
            Category::Settings
        } else if has("is not a real date")
            || has("is not a YYYY-MM-DD date")
            || has("but is due on")
        {
            Category::BadDate
        } else if has("checkpoint has no date") {
            Category::UndatedCheckpoint
        } else if m.starts_with("unknown status symbol") || m.starts_with("plan status") {
            Category::UnknownStatus
        } else if m.starts_with("depends on task id") {
            Category::MissingDependency
        } else if m.starts_with("links to") && has("which is not a note") {
            Category::MissingLink
        } else if has("not read it as metadata") || has("so it is not read as metadata") {
            Category::IgnoredMetadata
        } else if m.starts_with("front matter") {
            Category::FrontMatter
        } else if m.starts_with("mood ") {
            Category::Mood
        } else if has("cannot be read")
            || has("NUL byte")
            || has("not valid UTF-8")
            || has("max_note_bytes")
            || has("symbolic link loop")
        {
            Category::Unreadable
        } else {
            Category::Other
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            Level::Warning => "warning",
            Level::Info => "info",
        };
        match (self.line, self.col) {
            (0, _) => write!(f, "{}: {level}: {}", self.path, self.message),
            (l, 0) => write!(f, "{}:{}: {level}: {}", self.path, l, self.message),
            (l, c) => write!(f, "{}:{}:{}: {level}: {}", self.path, l, c, self.message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_warning_has_its_category() {
        for (path, message, category) in [
            (
                "a.md",
                "due date `2026-02-30` is not a real date",
                Category::BadDate,
            ),
            (
                "a.md",
                "revisit `soon` is not a YYYY-MM-DD date",
                Category::BadDate,
            ),
            (
                "a.md",
                "front matter `date: 2026-02-30` is not a real date",
                Category::BadDate,
            ),
            (
                "a.md",
                "starts on 2026-12-02 but is due on 2026-12-01, before it starts",
                Category::BadDate,
            ),
            (
                "a.md",
                "checkpoint date `2026-13-01` is not a real date",
                Category::BadDate,
            ),
            (
                "a.md",
                "checkpoint has no date: give it a due date (📅 YYYY-MM-DD)",
                Category::UndatedCheckpoint,
            ),
            (
                "a.md",
                "checkpoint has no date: write `checkpoint:: YYYY-MM-DD what`",
                Category::UndatedCheckpoint,
            ),
            (
                "a.md",
                "unknown status symbol `[?]`, read as todo",
                Category::UnknownStatus,
            ),
            (
                "a.md",
                "plan status `soon` is not one of active, paused, on-hold, someday, done, dropped; read as active",
                Category::UnknownStatus,
            ),
            (
                "a.md",
                "depends on task id `x`, which no task has",
                Category::MissingDependency,
            ),
            (
                "a.md",
                "links to `Nope`, which is not a note in the vault",
                Category::MissingLink,
            ),
            (
                "a.md",
                "`📅 2026-05-06 with` is followed by other text, so Obsidian Tasks does not read it as metadata; move the text before it",
                Category::IgnoredMetadata,
            ),
            (
                "a.md",
                "`[Due:: 2026-05-06]`: Obsidian Tasks reads this field only as `due::`, so it is not read as metadata",
                Category::IgnoredMetadata,
            ),
            (
                "a.md",
                "front matter is not valid YAML: x; its keys are ignored",
                Category::FrontMatter,
            ),
            (
                "a.md",
                "front matter starts with `---` but is never closed; read as text",
                Category::FrontMatter,
            ),
            ("a.md", "mood 9 is outside the scale 1–5", Category::Mood),
            (
                "a.md",
                "contains a NUL byte, so it is not a text note; skipped",
                Category::Unreadable,
            ),
            (
                "a.md",
                "is not valid UTF-8; read with the bad bytes replaced by �",
                Category::Unreadable,
            ),
            (
                "a.md",
                "is 20 bytes, over max_note_bytes (10); skipped",
                Category::Unreadable,
            ),
            (
                "a.md",
                "cannot be read: permission denied",
                Category::Unreadable,
            ),
            (
                "a",
                "symbolic link loop; not followed",
                Category::Unreadable,
            ),
            (
                ".journal.toml",
                "unknown key `colour` is ignored",
                Category::Settings,
            ),
            (
                ".obsidian/app.json",
                "is not valid JSON (x); its settings are ignored",
                Category::Settings,
            ),
            ("a.md", "something new", Category::Other),
        ] {
            assert_eq!(
                Diagnostic::new(path, 1, 1, message).category(),
                category,
                "{message}"
            );
        }
    }

    #[test]
    fn categories_by_name() {
        assert_eq!(
            Category::from_name("missing-link"),
            Some(Category::MissingLink)
        );
        assert_eq!(
            Category::from_name("Missing_Link"),
            Some(Category::MissingLink)
        );
        assert_eq!(Category::from_name("links"), None);
    }
}
