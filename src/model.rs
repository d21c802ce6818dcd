//! Plain data read from notes: what one note holds once parsed.
//!
//! Nothing here does I/O or depends on "today". These types are what the parser produces,
//! what the cache stores and what the index is built from, so they stay small and owned.

use crate::diagnostic::Diagnostic;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Gives an enum of unit variants its names, the one source of them: `as_str`, `ALL`, and
/// serde (the name as a string, in JSON output and in the cache alike).
macro_rules! named_enum {
    ($vis:vis $ty:ident { $($variant:ident => $name:literal),* $(,)? }) => {
        impl $ty {
            /// Every value, in declaration order.
            #[allow(dead_code)]
            $vis const ALL: &[$ty] = &[$($ty::$variant),*];

            $vis fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $name),*
                }
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let name = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                $ty::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == name)
                    .ok_or_else(|| serde::de::Error::unknown_variant(&name, &[$($name),*]))
            }
        }
    };
}
pub(crate) use named_enum;

/// A task's state, by its checkbox symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Todo,
    InProgress,
    Done,
    Cancelled,
    Deferred,
    NonTask,
}

named_enum!(pub Status {
    Todo => "todo",
    InProgress => "in_progress",
    Done => "done",
    Cancelled => "cancelled",
    Deferred => "deferred",
    NonTask => "non_task",
});

impl Status {
    /// Todo or in progress: something still to do.
    pub fn is_open(self) -> bool {
        matches!(self, Status::Todo | Status::InProgress)
    }

    /// Counts toward a plan's progress (everything but cancelled and non-tasks).
    pub fn counts(self) -> bool {
        !matches!(self, Status::Cancelled | Status::NonTask)
    }

    /// Reads a status name as written in `.journal.toml` or the Obsidian Tasks settings
    /// (`TODO`, `in_progress`, `in-progress`, `ON_HOLD`, ...).
    pub fn from_name(name: &str) -> Option<Status> {
        let n = name.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Status::ALL
            .iter()
            .copied()
            .find(|s| s.as_str() == n)
            .or(match n.as_str() {
                "canceled" => Some(Status::Cancelled),
                "on_hold" => Some(Status::Deferred),
                _ => None,
            })
    }
}

/// A Logseq task marker: the word a Logseq block starts with to be a task (`TODO`, `DONE`,
/// ...), kept as written. What each means is the Logseq grammar's (`note::logseq`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Marker {
    Todo,
    Later,
    Doing,
    Now,
    InProgress,
    Started,
    Waiting,
    Wait,
    Done,
    Canceled,
    Cancelled,
}

named_enum!(pub Marker {
    Todo => "TODO",
    Later => "LATER",
    Doing => "DOING",
    Now => "NOW",
    InProgress => "IN-PROGRESS",
    Started => "STARTED",
    Waiting => "WAITING",
    Wait => "WAIT",
    Done => "DONE",
    Canceled => "CANCELED",
    Cancelled => "CANCELLED",
});

/// Obsidian Tasks priorities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Priority {
    Highest,
    High,
    Medium,
    Low,
    Lowest,
}

named_enum!(pub Priority {
    Highest => "highest",
    High => "high",
    Medium => "medium",
    Low => "low",
    Lowest => "lowest",
});

impl Priority {
    pub fn from_name(name: &str) -> Option<Priority> {
        let name = name.trim();
        Priority::ALL
            .iter()
            .copied()
            .find(|p| p.as_str().eq_ignore_ascii_case(name))
    }

    /// Sort rank: highest first; "no priority" sits between medium and low, as in Obsidian Tasks.
    pub fn rank(p: Option<Priority>) -> u8 {
        match p {
            Some(Priority::Highest) => 0,
            Some(Priority::High) => 1,
            Some(Priority::Medium) => 2,
            None => 3,
            Some(Priority::Low) => 4,
            Some(Priority::Lowest) => 5,
        }
    }
}

/// Where an item sits inside its note.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// 1-based line number in the file (front matter lines included).
    pub line: u32,
    /// 1-based column where the item starts (a task's checkbox).
    pub col: u32,
    /// The innermost heading above the item, as written.
    pub heading: Option<String>,
    /// The date of the note, or of the dated heading the item sits under.
    #[serde(with = "crate::dates::serde_day::opt")]
    pub date: Option<NaiveDate>,
}

/// The dates a task can carry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskDates {
    #[serde(with = "crate::dates::serde_day::opt")]
    pub due: Option<NaiveDate>,
    #[serde(with = "crate::dates::serde_day::opt")]
    pub scheduled: Option<NaiveDate>,
    #[serde(with = "crate::dates::serde_day::opt")]
    pub start: Option<NaiveDate>,
    #[serde(with = "crate::dates::serde_day::opt")]
    pub created: Option<NaiveDate>,
    #[serde(with = "crate::dates::serde_day::opt")]
    pub done: Option<NaiveDate>,
    #[serde(with = "crate::dates::serde_day::opt")]
    pub cancelled: Option<NaiveDate>,
}

/// One task (an action): a list item with a `[c]` checkbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    /// The description: the line without checkbox, metadata and block id.
    pub text: String,
    pub status: Status,
    pub symbol: char,
    pub dates: TaskDates,
    pub priority: Option<Priority>,
    /// Tags in the description, without `#`.
    pub tags: Vec<String>,
    /// Link targets in the description (`Note`, `Folder/Note#Heading`), without aliases.
    pub links: Vec<String>,
    /// What few tasks carry, kept apart so the many tasks without it stay small.
    pub extra: Option<Box<TaskExtra>>,
    /// Index of the enclosing task in the same note, for sub-tasks.
    pub parent: Option<u32>,
    pub place: Place,
}

/// The task fields that most tasks do not have.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TaskExtra {
    pub recurrence: Option<String>,
    pub id: Option<String>,
    pub depends_on: Vec<String>,
    pub on_completion: Option<String>,
    pub block_id: Option<String>,
    /// `feeling::` or `mood::` on the line or in its sub-items (for checkpoints).
    pub feeling: Option<String>,
    /// The marker of a Logseq task (`None` for a checkbox task).
    pub marker: Option<Marker>,
    /// Page references of the Logseq blocks the task is nested under, nearest first: they
    /// attach it to a plan when its own links do not, as Logseq's queries see it.
    pub context_links: Vec<String>,
    /// The days a repeating Logseq task was done, from the `State "DONE"` lines of its
    /// `:LOGBOOK:` (Logseq resets the task to TODO with its next date each time).
    #[serde(with = "crate::dates::serde_day::many")]
    pub completions: Vec<NaiveDate>,
}

impl TaskExtra {
    fn is_empty(&self) -> bool {
        *self == TaskExtra::default()
    }
}

impl Task {
    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| tag_matches(t, tag))
    }

    pub fn recurrence(&self) -> Option<&str> {
        self.extra.as_ref()?.recurrence.as_deref()
    }

    pub fn id(&self) -> Option<&str> {
        self.extra.as_ref()?.id.as_deref()
    }

    pub fn depends_on(&self) -> &[String] {
        self.extra.as_ref().map_or(&[], |e| &e.depends_on)
    }

    pub fn on_completion(&self) -> Option<&str> {
        self.extra.as_ref()?.on_completion.as_deref()
    }

    pub fn block_id(&self) -> Option<&str> {
        self.extra.as_ref()?.block_id.as_deref()
    }

    pub fn feeling(&self) -> Option<&str> {
        self.extra.as_ref()?.feeling.as_deref()
    }

    /// The Logseq marker, for a task written in Logseq's grammar.
    pub fn marker(&self) -> Option<Marker> {
        self.extra.as_ref()?.marker
    }

    pub fn context_links(&self) -> &[String] {
        self.extra.as_ref().map_or(&[], |e| &e.context_links)
    }

    /// The days a repeating Logseq task was done before its current instance.
    pub fn completions(&self) -> &[NaiveDate] {
        self.extra.as_ref().map_or(&[], |e| &e.completions)
    }

    /// The symbol as the user wrote it: the Logseq marker (`TODO`), else the checkbox's
    /// character.
    pub fn written_symbol(&self) -> String {
        self.marker()
            .map_or_else(|| self.symbol.to_string(), |m| m.as_str().to_string())
    }

    /// Waiting on someone else: a Logseq `WAITING`/`WAIT` task. Such a task is deferred
    /// (not open), but when it is tagged as needing help it is still help needed.
    pub fn waits_on_others(&self) -> bool {
        matches!(self.marker(), Some(Marker::Waiting | Marker::Wait))
    }

    /// Sets the extra fields, keeping none when they are all empty.
    pub fn set_extra(&mut self, extra: TaskExtra) {
        self.extra = (!extra.is_empty()).then(|| Box::new(extra));
    }

    /// The extra fields, to change them.
    pub fn extra_mut(&mut self) -> &mut TaskExtra {
        self.extra.get_or_insert_with(Default::default)
    }
}

/// A note's path or name without its `.md` or `.markdown` extension (in any case).
pub(crate) fn strip_note_ext(path: &str) -> &str {
    for ext in [".md", ".markdown"] {
        if path.len() > ext.len()
            && path.is_char_boundary(path.len() - ext.len())
            && path[path.len() - ext.len()..].eq_ignore_ascii_case(ext)
        {
            return &path[..path.len() - ext.len()];
        }
    }
    path
}

/// `#plan` matches the tag `plan` and `plan/sub`, case-insensitively, as Obsidian's tag search does.
pub(crate) fn tag_matches(tag: &str, wanted: &str) -> bool {
    let wanted = wanted.trim_start_matches('#');
    tag.len() >= wanted.len()
        && tag.is_char_boundary(wanted.len())
        && tag[..wanted.len()].eq_ignore_ascii_case(wanted)
        && (tag.len() == wanted.len() || tag.as_bytes()[wanted.len()] == b'/')
}

/// A `checkpoint:: YYYY-MM-DD text` line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckpointLine {
    pub text: String,
    #[serde(with = "crate::dates::serde_day::opt")]
    pub date: Option<NaiveDate>,
    /// When it was reached (`✅ date` or `[completion:: date]` on the line).
    #[serde(with = "crate::dates::serde_day::opt")]
    pub done: Option<NaiveDate>,
    pub feeling: Option<String>,
    pub links: Vec<String>,
    pub place: Place,
}

/// How a prompt was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PromptKind {
    Callout,
    Heading,
    /// A Logseq block ending in `?`; its child blocks are the answer.
    Block,
    /// A bold label: `**What went well:** …`.
    Label,
    /// A list item ending in `?`, answered by what is written under it.
    Item,
}

/// What a note is, as far as the person's writing goes (see `noise`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum NoteKind {
    /// A dated note (daily, weekly, a dated name or `date:`): it asks reflection prompts.
    Journal,
    /// Any other note of the person's.
    #[default]
    Note,
    /// Clipped or reference material: not the person's writing.
    Reference,
    /// An unrendered template: nothing in it is counted.
    Template,
}

named_enum!(pub NoteKind {
    Journal => "journal",
    Note => "note",
    Reference => "reference",
    Template => "template",
});

/// A reflection prompt and what was written under it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Prompt {
    /// The question as written.
    pub text: String,
    /// The question folded for grouping (see `note::prompts::normalize`).
    pub key: String,
    pub answer: String,
    pub answered: bool,
    pub kind: PromptKind,
    pub place: Place,
}

/// A `mood:: N` value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mood {
    pub value: f64,
    pub place: Place,
}

/// A `decision:: text` line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub text: String,
    #[serde(with = "crate::dates::serde_day::opt")]
    pub revisit: Option<NaiveDate>,
    pub links: Vec<String>,
    pub place: Place,
}

/// A Dataview inline field, key folded (lowercase, spaces and `-` as `_`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    pub key: String,
    pub value: String,
    pub line: u32,
}

/// The front matter keys `journal` uses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrontMatter {
    #[serde(with = "crate::dates::serde_day::opt")]
    pub date: Option<NaiveDate>,
    pub tags: Vec<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub status: Option<String>,
    #[serde(with = "crate::dates::serde_day::opt")]
    pub target: Option<NaiveDate>,
    pub title: Option<String>,
    pub goal: Option<String>,
    pub decision: Option<String>,
    #[serde(with = "crate::dates::serde_day::opt")]
    pub revisit: Option<NaiveDate>,
    pub generator: Option<String>,
    /// Other names of the page (Logseq's `alias::`): links by these names reach it.
    pub aliases: Vec<String>,
}

/// Words written on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayWords {
    #[serde(with = "crate::dates::serde_day::one")]
    pub date: NaiveDate,
    pub words: u32,
}

/// Everything read from one note.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Note {
    /// Vault-relative path with `/` separators.
    pub path: String,
    /// The first H1, if any.
    pub h1: Option<String>,
    /// The note's own date (front matter, else file name).
    #[serde(with = "crate::dates::serde_day::opt")]
    pub date: Option<NaiveDate>,
    pub front: FrontMatter,
    /// The note's own tags (front matter and text outside tasks; tasks keep theirs), without
    /// `#`, sorted and deduplicated.
    pub tags: Vec<String>,
    pub tasks: Vec<Task>,
    pub checkpoints: Vec<CheckpointLine>,
    pub prompts: Vec<Prompt>,
    pub moods: Vec<Mood>,
    pub decisions: Vec<Decision>,
    pub fields: Vec<Field>,
    /// Words per date, for the dated parts of the note.
    pub words: Vec<DayWords>,
    /// One date per journal entry: the note's date, and each dated heading, where the person
    /// wrote something (words or a task of their own, not the template's).
    #[serde(with = "crate::dates::serde_day::many")]
    pub entries: Vec<NaiveDate>,
    pub kind: NoteKind,
    /// It holds a region journal wrote (between the review markers), which is not read.
    pub has_journal_region: bool,
    pub diagnostics: Vec<Diagnostic>,
}

impl Note {
    /// The file name without folder and extension, as Obsidian links name notes.
    pub fn stem(&self) -> &str {
        strip_note_ext(self.path.rsplit('/').next().unwrap_or(&self.path))
    }

    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| tag_matches(t, tag))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_match_nested_and_case_insensitively() {
        assert!(tag_matches("plan", "#plan"));
        assert!(tag_matches("Plan/career", "plan"));
        assert!(!tag_matches("planning", "plan"));
        assert!(!tag_matches("pl", "plan"));
    }

    #[test]
    fn note_extensions_in_any_case() {
        assert_eq!(strip_note_ext("Plans/Garden.MD"), "Plans/Garden");
        assert_eq!(strip_note_ext("a.Markdown"), "a");
        assert_eq!(strip_note_ext("notes.txt"), "notes.txt");
        assert_eq!(strip_note_ext(".md"), ".md");
    }

    #[test]
    fn status_names_read_from_settings() {
        assert_eq!(Status::from_name("IN_PROGRESS"), Some(Status::InProgress));
        assert_eq!(Status::from_name("ON_HOLD"), Some(Status::Deferred));
        assert_eq!(Status::from_name("non-task"), Some(Status::NonTask));
        assert_eq!(Status::from_name("later"), None);
    }
}
