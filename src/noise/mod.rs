//! What in a vault is not the person's writing, decided in one place.
//!
//! A review counts only what its owner wrote (docs/FORMAT.md, "What counts as your writing").
//! The rules are needed by three stages — the walk (app backups), the note reader (templates,
//! clippings, blank tasks, which notes ask reflection prompts) and the index (conflict copies)
//! — and they must agree, so they live here, below the stages, as pure functions of names,
//! text and settings: `copies` (sync-conflict and duplicate copies, app backup folders),
//! `templates` (template text and prompts, unrendered template syntax), `reference` (clipped
//! and reference material). The stages ask; nothing here reads a file.

pub(crate) mod copies;
pub(crate) mod reference;
pub(crate) mod templates;

use crate::model::NoteKind;
use std::borrow::Cow;

/// The settings these rules read, resolved: part of the parse settings, so a change (a
/// template edited, a setting changed) reads every note again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rules {
    pub(crate) reference: reference::Rules,
    /// The template daily notes are made from (the vault's, else journal's own).
    pub(crate) daily_template: Option<templates::Template>,
    pub(crate) weekly_template: Option<templates::Template>,
    /// The vault's other templates, for the notes made from them.
    pub(crate) other_templates: templates::Others,
    /// Folded names of the headings that open a reflection (`[prompts] sections`).
    pub(crate) sections: Vec<String>,
    /// Folded questions of the prompt library: prompts wherever they are asked.
    pub(crate) library: Vec<String>,
}

impl Default for Rules {
    /// The rules of a vault with no settings.
    fn default() -> Self {
        crate::config::writing_rules(&crate::config::Settings::default(), None, None)
    }
}

impl Rules {
    pub(crate) fn is_section(&self, key: &str) -> bool {
        self.sections.iter().any(|s| s == key)
    }

    pub(crate) fn in_library(&self, key: &str) -> bool {
        self.library.iter().any(|s| s == key)
    }
}

/// How a note got its date, as far as being a journal note goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dated {
    /// Front matter `date` or `day`: the owner dated it.
    Property,
    /// Only front matter `created`: when it was made (every catalog note and clipping has one).
    Created,
    /// Its name in the daily-note format.
    DailyName,
    /// Its name in the weekly-note format.
    WeeklyName,
    /// An ISO date in its file name.
    FileName,
    Undated,
}

/// What kind of note it is: journal notes ask reflection prompts; reference notes and
/// templates are not the person's writing at all.
pub(crate) fn kind(dated: Dated, template_syntax: bool, reference: bool) -> NoteKind {
    if template_syntax {
        NoteKind::Template
    } else if reference {
        NoteKind::Reference
    } else if matches!(dated, Dated::Created | Dated::Undated) {
        NoteKind::Note
    } else {
        NoteKind::Journal
    }
}

/// Whether a task's description, once its metadata is read off, says nothing: a `- [ ]` left
/// blank (or holding only the Tasks global filter) is a placeholder, not a task.
pub(crate) fn is_blank_task(description: &str, global_filter: Option<&str>) -> bool {
    let d = description.trim();
    d.is_empty() || global_filter.is_some_and(|f| !f.is_empty() && d == f.trim())
}

/// Text without its embeds (`![[Note]]`, `![[Daily.base]]`): an embed shows another note's
/// words, it is not words written here.
pub(crate) fn without_embeds(text: &str) -> Cow<'_, str> {
    if !text.contains("![[") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("![[") {
        out.push_str(&rest[..i]);
        match rest[i + 3..].find("]]") {
            Some(end) => {
                out.push(' ');
                rest = &rest[i + 3 + end + 2..];
            }
            None => {
                rest = &rest[i..];
                break;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_tasks() {
        assert!(is_blank_task("", None));
        assert!(is_blank_task("  ", None));
        assert!(is_blank_task("#task", Some("#task")));
        assert!(!is_blank_task("Call Ann", None));
        assert!(!is_blank_task("#task", None), "a tag is a description");
    }

    #[test]
    fn embeds_are_not_words() {
        assert_eq!(without_embeds("![[Daily.base]]").trim(), "");
        assert_eq!(without_embeds("see ![[a]] and [[b]]"), "see   and [[b]]");
        assert_eq!(without_embeds("broken ![[a"), "broken ![[a");
    }

    #[test]
    fn kinds() {
        assert_eq!(kind(Dated::DailyName, false, false), NoteKind::Journal);
        assert_eq!(kind(Dated::Created, false, false), NoteKind::Note);
        assert_eq!(kind(Dated::DailyName, false, true), NoteKind::Reference);
        assert_eq!(kind(Dated::Property, true, true), NoteKind::Template);
    }
}
