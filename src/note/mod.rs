//! One note → its items: tasks, checkpoints, prompts and answers, fields, moods, decisions,
//! tags and words, each with its place (line, heading, date).
//!
//! `parse` is pure and depends only on the note's text, its path and the parse settings, so
//! its result can be cached per note. The submodules each own one grammar: `blocks` the
//! Markdown block structure, `inline` tags/links/fields, `tasks` the checkbox task line,
//! `logseq` Logseq's outline (markers, planning lines, drawers, properties; on in a Logseq
//! graph, alongside the rest), `frontmatter` the YAML header, `prompts` questions and answers.

pub mod blocks;
pub(crate) mod frontmatter;
pub(crate) mod inline;
pub(crate) mod logseq;
pub(crate) mod prompts;
pub(crate) mod tasks;

use crate::dates::{self, IsoDate, moment::MomentFormat};
use crate::diagnostic::Diagnostic;
use crate::model::{
    CheckpointLine, DayWords, Decision, Field, Mood, Note, NoteKind, Place, Prompt, PromptKind,
    Status, Task, TaskExtra,
};
use crate::noise::templates::{self, LineMatch, NoteTemplate, Shape, Template};
use crate::noise::{self, Dated};
use blocks::{Kind, Line, Scanner};
use chrono::{Days, NaiveDate};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

/// Checkbox symbols and what they mean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StatusMap {
    entries: Vec<(char, Status)>,
}

impl Default for StatusMap {
    /// The symbols every vault understands: ` ` todo, `x`/`X` done, `/` in progress,
    /// `-` cancelled, `>` and `<` deferred.
    fn default() -> Self {
        StatusMap {
            entries: vec![
                (' ', Status::Todo),
                ('x', Status::Done),
                ('X', Status::Done),
                ('/', Status::InProgress),
                ('-', Status::Cancelled),
                ('>', Status::Deferred),
                ('<', Status::Deferred),
            ],
        }
    }
}

impl StatusMap {
    /// Exactly these symbols (the first meaning of a symbol listed twice wins), and no others:
    /// a vault's Obsidian Tasks registry replaces the defaults rather than adding to them.
    pub(crate) fn only(entries: impl IntoIterator<Item = (char, Status)>) -> StatusMap {
        let mut map = StatusMap {
            entries: Vec::new(),
        };
        for (c, s) in entries {
            if map.get(c).is_none() {
                map.entries.push((c, s));
            }
        }
        map
    }

    /// Sets what a symbol means, replacing any earlier meaning.
    pub(crate) fn set(&mut self, symbol: char, status: Status) {
        match self.entries.iter_mut().find(|(c, _)| *c == symbol) {
            Some(e) => e.1 = status,
            None => self.entries.push((symbol, status)),
        }
    }

    /// The status of a symbol, if the symbol is known.
    pub(crate) fn get(&self, symbol: char) -> Option<Status> {
        self.entries.iter().find(|(c, _)| *c == symbol).map(|e| e.1)
    }

    /// The known symbols and their meanings, in the order they were given.
    #[cfg(test)]
    pub(crate) fn entries(&self) -> &[(char, Status)] {
        &self.entries
    }
}

/// What parsing depends on besides the note itself (from the config and the vault's
/// Obsidian settings). A change here invalidates every cached note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseSettings {
    pub(crate) statuses: StatusMap,
    /// Obsidian Tasks' global filter: a checkbox line without it is not a task.
    pub(crate) global_filter: Option<String>,
    /// Obsidian Tasks' "remove the global filter": it is left out of the shown description.
    pub(crate) remove_global_filter: bool,
    /// Obsidian Tasks' "use the file name as the scheduled date" (off when `None`).
    pub(crate) filename_scheduled: Option<FilenameScheduled>,
    pub(crate) daily_format: MomentFormat,
    pub(crate) weekly_format: Option<MomentFormat>,
    /// Where weekly notes live (`""`: anywhere); only notes there are dated by the weekly
    /// format.
    pub(crate) weekly_folder: String,
    /// Where daily notes live (`""`: not set). A note there whose name is the daily format
    /// and a suffix (`2024-01-30 (1)`, `2024_01_30-sam`) is that day's note.
    pub(crate) daily_folder: String,
    pub(crate) mood_scale: u32,
    /// The vault is a Logseq graph (or holds Logseq journals): Logseq's grammar is read too.
    pub(crate) logseq: Option<logseq::LogseqSettings>,
    /// The field and property keys read as the mood (`[fields] mood`), folded.
    pub(crate) mood_keys: Vec<String>,
    /// What counts as the person's writing (templates, clippings, where prompts come from).
    pub(crate) writing: noise::Rules,
}

impl Default for ParseSettings {
    fn default() -> Self {
        ParseSettings {
            statuses: StatusMap::default(),
            global_filter: None,
            remove_global_filter: false,
            filename_scheduled: None,
            daily_format: MomentFormat::new("YYYY-MM-DD"),
            weekly_format: None,
            weekly_folder: String::new(),
            daily_folder: String::new(),
            mood_scale: 5,
            mood_keys: vec!["mood".to_string()],
            writing: noise::Rules::default(),
            logseq: None,
        }
    }
}

impl ParseSettings {
    /// The settings of a Logseq graph whose `config.edn` says nothing: Logseq's grammar on,
    /// journals in `journals/` (for benchmarks, tests and fuzzing).
    pub fn logseq_graph() -> ParseSettings {
        ParseSettings {
            logseq: Some(crate::config::logseq::Graph::default().parse_settings()),
            ..ParseSettings::default()
        }
    }
}

/// Obsidian Tasks' `useFilenameAsScheduledDate`: a task with no due, scheduled or start date
/// is scheduled on the date its note's file name gives.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct FilenameScheduled {
    /// The file-name format tried first (`filenameAsScheduledDateFormat`), before
    /// `YYYY-MM-DD` and `YYYYMMDD` anywhere in the name.
    pub(crate) format: Option<MomentFormat>,
    /// Only notes in these folders (and their sub-folders); every note when empty.
    pub(crate) folders: Vec<String>,
}

impl FilenameScheduled {
    /// The date the note at `path` gives its undated tasks, as Obsidian Tasks finds it.
    pub(crate) fn date(&self, path: &str) -> Option<NaiveDate> {
        let in_folder = self.folders.is_empty()
            || self.folders.iter().any(|f| {
                path.strip_prefix(f.as_str())
                    .is_some_and(|r| r.starts_with('/'))
            });
        if !in_folder {
            return None;
        }
        let name = &path[path.rfind('/').map_or(0, |i| i + 1)..];
        let stem = name.rfind('.').map_or(name, |i| &name[..i]);
        if let Some(d) = self.format.as_ref().and_then(|f| f.parse(stem)) {
            return Some(d);
        }
        // The first `YYYY-MM-DD` in the name, else the first `YYYYMMDD`; only the first is tried.
        let b = stem.as_bytes();
        let digits = |at: usize, n: usize| {
            b.get(at..at + n)
                .filter(|d| d.iter().all(u8::is_ascii_digit))
        };
        let number = |d: &[u8]| d.iter().fold(0u32, |a, &c| a * 10 + u32::from(c - b'0'));
        let dashed = (0..b.len()).find_map(|i| {
            let (y, m, d) = (digits(i, 4)?, digits(i + 5, 2)?, digits(i + 8, 2)?);
            (b[i + 4] == b'-' && b[i + 7] == b'-').then(|| (number(y), number(m), number(d)))
        });
        let (y, m, d) = dashed.or_else(|| {
            (0..b.len()).find_map(|i| {
                let (y, m, d) = (digits(i, 4)?, digits(i + 4, 2)?, digits(i + 6, 2)?);
                Some((number(y), number(m), number(d)))
            })
        })?;
        NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
    }
}

/// Turns a file's bytes into text: a BOM is dropped, invalid UTF-8 is read lossily with a
/// warning. A NUL byte means the file is not a note: `Err` with the warning.
pub fn decode<'a>(
    path: &str,
    bytes: &'a [u8],
) -> Result<(Cow<'a, str>, Option<Diagnostic>), Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(i) = memchr::memchr(0, bytes) {
        let line = line_of(bytes, i);
        return Err(Diagnostic::new(
            path,
            line,
            0,
            "contains a NUL byte, so it is not a text note; skipped",
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((Cow::Borrowed(s), None)),
        Err(e) => {
            let line = line_of(bytes, e.valid_up_to());
            let warning = Diagnostic::new(
                path,
                line,
                0,
                "is not valid UTF-8; read with the bad bytes replaced by �",
            );
            Ok((String::from_utf8_lossy(bytes), Some(warning)))
        }
    }
}

fn line_of(bytes: &[u8], at: usize) -> u32 {
    let before = &bytes[..at.min(bytes.len())];
    let lf = memchr::memchr_iter(b'\n', before).count();
    let cr = memchr::memchr_iter(b'\r', before).count();
    let crlf = memchr::memmem::find_iter(before, b"\r\n").count();
    u32::try_from(lf + cr - crlf)
        .unwrap_or(u32::MAX)
        .saturating_add(1)
}

/// Reads one note. `path` is vault-relative with `/` separators.
pub fn parse(path: &str, text: &str, settings: &ParseSettings) -> Note {
    let mut diagnostics = Vec::new();
    let split = frontmatter::split(text);
    if split.unterminated {
        diagnostics.push(Diagnostic::new(
            path,
            1,
            1,
            "front matter starts with `---` but is never closed; read as text",
        ));
    }
    let (front, props) = match split.yaml {
        Some(yaml) => frontmatter::parse_with_props(yaml, path, 2, &mut diagnostics),
        None => Default::default(),
    };
    let journal = settings
        .logseq
        .as_ref()
        .and_then(|l| Some((l, l.journal_date(path)?)));
    if let Some((l, None)) = journal {
        diagnostics.push(Diagnostic::file(
            path,
            format!(
                "journal file name does not parse as {} (`:journal/file-name-format`), so it is read as a page with no date",
                l.journal_file_format
            ),
        ));
    }
    let from_path = path_date(path, settings);
    let date = front.date.or(from_path.map(|p| p.0));
    let dated = match (from_path, front.date) {
        (Some((_, d)), _) => d,
        (None, Some(_)) if props.dated_by_created => Dated::Created,
        (None, Some(_)) => Dated::Property,
        (None, None) => Dated::Undated,
    };
    let stem = crate::model::strip_note_ext(path.rsplit('/').next().unwrap_or(path));
    let template = match dated {
        Dated::DailyName => settings.writing.daily_template.as_ref(),
        Dated::WeeklyName => settings.writing.weekly_template.as_ref(),
        _ => settings.writing.other_templates.made_from(split.body),
    }
    .map(|t| (t, t.render(date, stem)));
    let template_syntax = props.lines.iter().find_map(|(key, line)| {
        let v = props.map.get(key)?;
        let strings: Vec<&str> = match v {
            serde_json::Value::String(s) => vec![s.as_str()],
            serde_json::Value::Array(a) => a.iter().filter_map(|v| v.as_str()).collect(),
            _ => Vec::new(),
        };
        strings
            .iter()
            .find_map(|s| templates::in_value(s))
            .map(|t| (*line, t))
    });
    if let Some((l, Some(day))) = journal
        && let Some(title) = &front.title
        && let Some(titled) = l.journal_names.iter().find_map(|f| f.parse(title.trim()))
        && titled != day
    {
        diagnostics.push(Diagnostic::new(
            path,
            2,
            1,
            format!(
                "the title `{title}` names another day than the file name ({}); the file name is used",
                l.journal_title(day)
            ),
        ));
    }
    let mut x = Extractor {
        note: Note {
            path: path.to_string(),
            date,
            diagnostics,
            ..Note::default()
        },
        settings,
        headings: Vec::new(),
        items: Vec::new(),
        heading_prompts: Vec::new(),
        callout: None,
        item_prompt: None,
        in_callout_header: false,
        last_text: None,
        words: BTreeMap::new(),
        own_dates: BTreeSet::new(),
        tags: front.tags.clone(),
        filename_scheduled: settings
            .filename_scheduled
            .as_ref()
            .and_then(|f| f.date(path)),
        logseq: settings.logseq.as_ref().map(|_| Box::default()),
        template,
        line_own: LineOwn::Own,
        prompt_info: Vec::new(),
        template_syntax,
        dated,
        props,
    };
    x.note.front = front;
    let mut scanner = Scanner::new(split.body, split.body_line);
    for line in scanner.by_ref() {
        x.line(line);
    }
    x.note.has_journal_region = scanner.saw_generated();
    x.finish()
}

/// A note's date from its path: the daily-note format, a weekly-note format, then any ISO
/// date in the file name. A weekly note is dated by the Thursday of its week (for Sunday-start
/// weeks, the Wednesday), the day ISO 8601 uses to place a week in its year.
#[cfg(test)]
pub(crate) fn date_from_path(path: &str, settings: &ParseSettings) -> Option<NaiveDate> {
    path_date(path, settings).map(|p| p.0)
}

/// Whether `path` lies in `folder` (or below it); `""` is no folder.
fn in_folder(path: &str, folder: &str) -> bool {
    !folder.is_empty()
        && path
            .strip_prefix(folder)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// A date read from the start of `name` with `format`, when the name is the format followed
/// by a separator and more (`2024-01-30 (1)`, `2024_01_30-sam`, `2025-52-v1`); the longest
/// such start wins.
fn date_prefix(format: &MomentFormat, name: &str) -> Option<NaiveDate> {
    name.char_indices()
        .rev()
        .filter(|&(i, c)| i > 0 && matches!(c, ' ' | '-' | '_' | '.' | ',' | '('))
        .find_map(|(i, _)| format.parse(name[..i].trim_end()))
}

/// A note's date from its path and where it came from: the daily-note format (also as the
/// start of a name in the daily folder), a weekly-note format (in the weekly folder, or
/// anywhere when none is set; also as the start of a name in a set weekly folder), then any
/// ISO date in the file name.
pub(crate) fn path_date(path: &str, settings: &ParseSettings) -> Option<(NaiveDate, Dated)> {
    // A Logseq journal is dated by its file name, in the graph's own format.
    if let Some(day) = settings
        .logseq
        .as_ref()
        .and_then(|l| l.journal_date(path))
        .flatten()
    {
        return Some((day, Dated::DailyName));
    }
    let without_ext = crate::model::strip_note_ext(path);
    let tail = |format: &MomentFormat| -> &str {
        let parts = format.as_str().matches('/').count() + 1;
        let mut start = without_ext.len();
        for _ in 0..parts {
            match without_ext[..start].rfind('/') {
                Some(i) => start = i,
                None => return without_ext,
            }
        }
        &without_ext[start + 1..]
    };
    let daily = &settings.daily_format;
    if let Some(d) = daily.parse(tail(daily)) {
        return Some((d, Dated::DailyName));
    }
    if in_folder(path, &settings.daily_folder)
        && let Some(d) = date_prefix(daily, tail(daily))
    {
        return Some((d, Dated::DailyName));
    }
    let weekly_set = !settings.weekly_folder.is_empty();
    let in_weekly_folder = !weekly_set || in_folder(path, &settings.weekly_folder);
    if let Some(weekly) = settings.weekly_format.as_ref().filter(|_| in_weekly_folder) {
        let name = tail(weekly);
        let start = weekly
            .parse(name)
            .or_else(|| weekly_set.then(|| date_prefix(weekly, name)).flatten());
        if let Some(d) = start.and_then(|s| s.checked_add_days(Days::new(3))) {
            return Some((d, Dated::WeeklyName));
        }
    }
    let stem = without_ext.rsplit('/').next().unwrap_or(without_ext);
    dates::find_iso_date(stem).map(|(_, d)| (d, Dated::FileName))
}

#[derive(Debug, Clone, Copy)]
struct Item {
    parent: Option<u32>,
    task: Option<u32>,
}

/// A line of an answer as written, and the part of it the person wrote (without the
/// template's text): the first is shown, the second decides whether it is answered.
type AnswerLine = (String, String);

/// The level of a bold-label prompt on the stack of open section prompts: deeper than any
/// heading, so every heading closes it.
const LABEL_LEVEL: u8 = 7;

#[derive(Debug)]
struct OpenHeadingPrompt {
    level: u8,
    index: usize,
    lines: Vec<AnswerLine>,
    /// A reflection section (`## Gratitude`) or a template's heading: when it holds other
    /// prompts it is only their container.
    container: bool,
    /// The open dated answer of a "daily questions" section (`- 2026-11-24: …` under a `?`
    /// heading), and whether there was one.
    dated: Option<(usize, Vec<AnswerLine>)>,
    had_dated: bool,
}

#[derive(Debug)]
struct OpenCallout {
    depth: u8,
    /// The prompt, once known (an empty title takes the first body line).
    index: Option<usize>,
    lines: Vec<AnswerLine>,
    /// The line of the callout's header.
    line: u32,
}

/// A list item ending in `?`, answered by its sub-items and continuation lines.
#[derive(Debug)]
struct OpenItemPrompt {
    item: u32,
    index: usize,
    lines: Vec<AnswerLine>,
    /// Its template asks it: a prompt even when nothing is written under it.
    from_template: bool,
}

/// What is known about a prompt while the note is read.
#[derive(Debug, Clone, Copy, Default)]
struct PromptInfo {
    /// Under a dated heading, or dated by its own answer: a journal entry wherever it is.
    dated_here: bool,
    dropped: bool,
}

/// How the current line stands to the note's template.
#[derive(Debug, Clone, PartialEq, Eq)]
enum LineOwn {
    Own,
    Template,
    /// The person's words after the template's text.
    Added(String),
}

struct Extractor<'s> {
    note: Note,
    settings: &'s ParseSettings,
    /// (level, text, date) of the headings above the current line.
    headings: Vec<(u8, String, Option<NaiveDate>)>,
    items: Vec<Item>,
    heading_prompts: Vec<OpenHeadingPrompt>,
    callout: Option<OpenCallout>,
    item_prompt: Option<OpenItemPrompt>,
    in_callout_header: bool,
    /// The last paragraph line outside containers, in case a setext underline follows.
    last_text: Option<(u32, String)>,
    words: BTreeMap<NaiveDate, u32>,
    /// The dates (of the note or its sections) under which the person wrote something.
    own_dates: BTreeSet<NaiveDate>,
    tags: Vec<String>,
    /// The scheduled date of this note's undated tasks (Obsidian Tasks' file-name setting).
    filename_scheduled: Option<NaiveDate>,
    /// Where the Logseq grammar is in the note's outline, when it is on.
    logseq: Option<Box<logseq::Outline>>,
    /// The template the note was made from, rendered for it (daily and weekly notes).
    template: Option<(&'s Template, NoteTemplate)>,
    line_own: LineOwn,
    prompt_info: Vec<PromptInfo>,
    /// The first unrendered template token in a task or the front matter: (line, token).
    template_syntax: Option<(u32, String)>,
    dated: Dated,
    props: frontmatter::Props,
}

fn col(raw: &str, offset: usize) -> u32 {
    let prefix = raw.get(..offset.min(raw.len())).unwrap_or(raw);
    u32::try_from(prefix.chars().count())
        .unwrap_or(u32::MAX)
        .saturating_add(1)
}

/// The date an answer starts with (`2026-11-24: …`, `[[2026-11-24]] …`), and the rest.
fn leading_date(content: &str) -> Option<(NaiveDate, &str)> {
    let t = content.trim_start();
    let (inner, linked) = match t.strip_prefix("[[") {
        Some(r) => (r, true),
        None => (t, false),
    };
    let d = match dates::find_iso_date(inner.get(..10)?) {
        Some((0, d)) => d,
        _ => return None,
    };
    let mut rest = &inner[10..];
    if linked {
        rest = rest.strip_prefix("]]")?;
    }
    if rest.starts_with(char::is_alphanumeric) {
        return None;
    }
    Some((
        d,
        rest.trim_start_matches([' ', ':', '-', '—', '–', ',', '\t']),
    ))
}

impl Extractor<'_> {
    fn date(&self) -> Option<NaiveDate> {
        self.headings
            .iter()
            .rev()
            .find_map(|h| h.2)
            .or(self.note.date)
    }

    fn place(&self, line: u32) -> Place {
        Place {
            line,
            col: 1,
            heading: self.headings.last().map(|h| h.1.clone()),
            date: self.date(),
        }
    }

    fn warn(&mut self, line: u32, col: u32, message: impl Into<String>) {
        self.note
            .diagnostics
            .push(Diagnostic::new(&self.note.path, line, col, message));
    }

    /// Whether the note's template asks `key` in this shape.
    fn template_asks(&self, shape: Shape, key: &str) -> bool {
        self.template
            .as_ref()
            .is_some_and(|(t, _)| t.asks(shape, key))
    }

    /// The part of `text` (a line of the note) the person wrote, by the current line's match.
    fn own_part(&self, text: &str) -> String {
        match &self.line_own {
            LineOwn::Own => text.to_string(),
            LineOwn::Template => String::new(),
            LineOwn::Added(rest) => rest.clone(),
        }
    }

    fn line(&mut self, line: Line<'_>) {
        self.line_own = match (&self.template, &line.kind) {
            (Some((_, t)), Kind::Heading { .. } | Kind::ListItem { .. } | Kind::Text { .. }) => {
                match t.classify(line.raw) {
                    LineMatch::Own => LineOwn::Own,
                    LineMatch::Template => LineOwn::Template,
                    LineMatch::Added(rest) => LineOwn::Added(rest.to_string()),
                }
            }
            _ => LineOwn::Own,
        };
        if let Some(p) = &self.item_prompt {
            // A new list item is not in the items map yet: its parent says where it is.
            let inside = match &line.kind {
                Kind::Blank => true,
                Kind::ListItem { parent, .. } => self.within(*parent, p.item),
                _ => self.within(line.item, p.item),
            };
            if !inside {
                self.close_item_prompt();
            }
        }
        self.in_callout_header = self.track_callout(&line);
        if self.logseq.is_some() && self.logseq_line(&line) {
            return;
        }
        match &line.kind {
            Kind::Blank => {
                self.last_text = None;
                self.answer_line("");
            }
            Kind::Hidden | Kind::ThematicBreak => {
                self.last_text = None;
            }
            Kind::Heading { level, text } => {
                self.last_text = None;
                self.heading(*level, text, line.no, true);
            }
            Kind::SetextUnderline { level } => {
                if let Some((no, text)) = self.last_text.take() {
                    for p in &mut self.heading_prompts {
                        if p.lines.last().is_some_and(|l| l.0 == text) {
                            p.lines.pop();
                        }
                    }
                    self.heading(*level, &text, no, false);
                }
            }
            Kind::ListItem {
                id,
                parent,
                content,
            } => {
                self.last_text = None;
                self.register_item(*id, *parent);
                let label = self.label_at(content, &line);
                if label.is_some() {
                    self.close_labels();
                }
                let dated =
                    parent.is_none() && label.is_none() && self.dated_answer(content, &line);
                if !dated
                    && (!self.heading_prompts.is_empty()
                        || self.callout.is_some()
                        || self.item_prompt.is_some())
                {
                    // Quoted in a review, a checkbox would be a task again: drop it.
                    let text = tasks::checkbox(content).map_or(&**content, |(_, body)| body);
                    self.answer_line(&format!("- {text}"));
                }
                if let Some((label, rest)) = label {
                    self.open_label(&label, &rest, line.no);
                }
                self.list_item(*id, content, &line);
            }
            Kind::Text { content } => {
                self.last_text = (line.quote_depth == 0 && line.item.is_none())
                    .then(|| (line.no, content.to_string()));
                let label = self.label_at(content, &line);
                if label.is_some() {
                    self.close_labels();
                }
                self.answer_line(content);
                if let Some((label, rest)) = label {
                    self.open_label(&label, &rest, line.no);
                }
                self.text(content, &line, line.item);
            }
        }
    }

    /// Records list item `id` and the item it is nested in.
    fn register_item(&mut self, id: u32, parent: Option<u32>) {
        if self.items.len() <= id as usize {
            self.items.resize(
                id as usize + 1,
                Item {
                    parent: None,
                    task: None,
                },
            );
        }
        self.items[id as usize].parent = parent;
    }

    /// Whether list item `item` is `ancestor` or lies inside it.
    fn within(&self, mut item: Option<u32>, ancestor: u32) -> bool {
        while let Some(i) = item {
            if i == ancestor {
                return true;
            }
            item = self
                .items
                .get(i as usize)
                .and_then(|it| it.parent)
                .filter(|&p| p < i);
        }
        false
    }

    /// Opens and closes question callouts around `line`; true when `line` opens one.
    fn track_callout(&mut self, line: &Line<'_>) -> bool {
        if let Some(c) = &self.callout
            && (line.quote_depth < c.depth || (line.quote_opened && line.quote_depth == c.depth))
        {
            self.close_callout();
        }
        if line.quote_opened
            && let Kind::Text { content } = &line.kind
            && let Some((kind, title)) = prompts::callout_header(content)
            && prompts::is_question_callout(&kind)
        {
            self.close_callout();
            let index =
                (!title.is_empty()).then(|| self.push_prompt(title, PromptKind::Callout, line.no));
            self.callout = Some(OpenCallout {
                depth: line.quote_depth,
                index,
                lines: Vec::new(),
                line: line.no,
            });
            return true;
        }
        false
    }

    fn push_prompt(&mut self, text: &str, kind: PromptKind, line: u32) -> usize {
        let text = text
            .trim()
            .trim_matches(|c| c == '*' || c == '_')
            .trim()
            .to_string();
        self.note.prompts.push(Prompt {
            key: prompts::normalize(&text),
            text,
            answer: String::new(),
            answered: false,
            kind,
            place: self.place(line),
        });
        self.prompt_info.push(PromptInfo {
            dated_here: self.headings.iter().any(|h| h.2.is_some()),
            dropped: false,
        });
        self.note.prompts.len() - 1
    }

    /// Adds a line of text to the open prompts' answers.
    fn answer_line(&mut self, text: &str) {
        let own = self.own_part(text);
        // A question callout is a prompt of its own, not part of the answer around it.
        if self.callout.is_none() {
            for p in &mut self.heading_prompts {
                match &mut p.dated {
                    Some((_, lines)) => lines.push((text.to_string(), own.clone())),
                    None => p.lines.push((text.to_string(), own.clone())),
                }
            }
            if let Some(p) = &mut self.item_prompt {
                p.lines.push((text.to_string(), own.clone()));
            }
        }
        if self.in_callout_header {
            return;
        }
        let Some(c) = &mut self.callout else {
            return;
        };
        if c.index.is_some() {
            c.lines.push((text.to_string(), own));
        } else if !text.trim().is_empty() {
            let no = c.line;
            let i = self.push_prompt(text, PromptKind::Callout, no);
            if let Some(c) = &mut self.callout {
                c.index = Some(i);
            }
        }
    }

    fn close_callout(&mut self) {
        if let Some(c) = self.callout.take()
            && let Some(i) = c.index
        {
            self.set_answer(i, &c.lines);
        }
    }

    fn close_item_prompt(&mut self) {
        if let Some(p) = self.item_prompt.take() {
            let written = p.lines.iter().any(|l| !l.0.trim().is_empty());
            if written || p.from_template {
                self.set_answer(p.index, &p.lines);
            } else {
                // A question in a list with nothing under it is a thought, not a prompt.
                self.prompt_info[p.index].dropped = true;
            }
        }
    }

    /// Closes a section prompt: it answers with its lines, unless it only holds other prompts
    /// (a container) or dated answers (a page of daily questions).
    fn close_heading_prompt(&mut self, mut p: OpenHeadingPrompt) {
        if let Some((i, lines)) = p.dated.take() {
            self.set_answer(i, &lines);
        }
        let holds_prompts = self.prompt_info[p.index + 1..]
            .iter()
            .any(|info| !info.dropped);
        if p.had_dated || (p.container && holds_prompts) {
            self.prompt_info[p.index].dropped = true;
        } else {
            self.set_answer(p.index, &p.lines);
        }
    }

    fn set_answer(&mut self, index: usize, lines: &[AnswerLine]) {
        let mut answer = String::new();
        let mut blank = false;
        for (l, _) in lines {
            let l = l.trim_end();
            if l.trim().is_empty() {
                blank = !answer.is_empty();
                continue;
            }
            if blank {
                answer.push('\n');
            }
            if !answer.is_empty() {
                answer.push('\n');
            }
            answer.push_str(l);
            blank = false;
        }
        let own: Vec<&str> = lines.iter().map(|l| l.1.as_str()).collect();
        let p = &mut self.note.prompts[index];
        p.answered = prompts::is_answered(&own.join("\n"));
        p.answer = answer;
    }

    /// A bold label that opens a prompt on this line: one ending in `?`, one the template
    /// asks, or any under a reflection section. Gives the label and the text after it.
    fn label_at(&self, content: &str, line: &Line<'_>) -> Option<(String, String)> {
        if self.callout.is_some() || line.quote_depth > 0 {
            return None;
        }
        let (label, rest) = prompts::bold_label(content)?;
        let key = prompts::normalize(label);
        let asked = label.ends_with('?')
            || self.template_asks(Shape::Label, &key)
            || self
                .heading_prompts
                .iter()
                .any(|p| p.container && p.level < LABEL_LEVEL);
        asked.then(|| (label.to_string(), rest.to_string()))
    }

    fn close_labels(&mut self) {
        while self
            .heading_prompts
            .last()
            .is_some_and(|p| p.level == LABEL_LEVEL)
        {
            if let Some(p) = self.heading_prompts.pop() {
                self.close_heading_prompt(p);
            }
        }
    }

    fn open_label(&mut self, label: &str, rest: &str, no: u32) {
        let index = self.push_prompt(label, PromptKind::Label, no);
        let own = match &self.line_own {
            LineOwn::Template => String::new(),
            LineOwn::Added(r) => r.clone(),
            LineOwn::Own => rest.to_string(),
        };
        self.heading_prompts.push(OpenHeadingPrompt {
            level: LABEL_LEVEL,
            index,
            lines: vec![(rest.to_string(), own)],
            container: false,
            dated: None,
            had_dated: false,
        });
    }

    /// Starts a dated answer when a top-level list item under a `?` heading begins with a
    /// date: each such item answers the heading's question on its day.
    fn dated_answer(&mut self, content: &str, line: &Line<'_>) -> bool {
        let Some(open) = self.heading_prompts.last() else {
            return false;
        };
        if open.container || open.level == LABEL_LEVEL || self.callout.is_some() {
            return false;
        }
        let Some((date, rest)) = leading_date(content) else {
            return false;
        };
        let question = self.note.prompts[open.index].text.clone();
        let own = self.own_part(rest);
        if let Some(open) = self.heading_prompts.last_mut()
            && let Some((i, lines)) = open.dated.take()
        {
            self.set_answer(i, &lines);
        }
        let index = self.push_prompt(&question, PromptKind::Heading, line.no);
        self.note.prompts[index].place.date = Some(date);
        self.prompt_info[index].dated_here = true;
        if let Some(open) = self.heading_prompts.last_mut() {
            open.dated = Some((index, vec![(rest.to_string(), own)]));
            open.had_dated = true;
        }
        true
    }

    fn heading(&mut self, level: u8, text: &str, no: u32, inline: bool) {
        self.close_callout();
        self.close_item_prompt();
        while let Some(p) = self.heading_prompts.last() {
            if p.level < level {
                break;
            }
            if let Some(p) = self.heading_prompts.pop() {
                self.close_heading_prompt(p);
            }
        }
        // Headings below an open question are part of its answer.
        self.answer_line(text);
        while self.headings.last().is_some_and(|h| h.0 >= level) {
            self.headings.pop();
        }
        let date = dates::find_iso_date(text).map(|(_, d)| d);
        self.headings.push((level, text.to_string(), date));
        if level == 1 && self.note.h1.is_none() {
            self.note.h1 = Some(text.to_string());
        }
        if inline {
            self.text(text, &Line::heading_stub(no), None);
        }
        let key = prompts::normalize(text);
        let container = if prompts::is_question_heading(text) {
            Some(false)
        } else if self.settings.writing.is_section(&key) || self.template_asks(Shape::Heading, &key)
        {
            Some(true)
        } else {
            None
        };
        if let Some(container) = container {
            let index = self.push_prompt(text, PromptKind::Heading, no);
            self.heading_prompts.push(OpenHeadingPrompt {
                level,
                index,
                lines: Vec::new(),
                container,
                dated: None,
                had_dated: false,
            });
        }
    }

    fn list_item(&mut self, id: u32, content: &str, line: &Line<'_>) {
        if let Some((symbol, body)) = tasks::checkbox(content)
            && spaces_before_checkbox(line)
            && self.is_task(body)
        {
            let body_offset = line.offset + (content.len() - body.len());
            self.task(id, symbol, body, body_offset, line);
            return;
        }
        self.text(content, line, Some(id));
        // In a Logseq graph a block ending in `?` is a question block, Logseq's grammar's own.
        if content.trim_end().ends_with('?')
            && self.logseq.is_none()
            && self.item_prompt.is_none()
            && self.callout.is_none()
            && line.quote_depth == 0
            && prompts::bold_label(content).is_none()
        {
            let key = prompts::normalize(content);
            let from_template = self.template_asks(Shape::Item, &key);
            let index = self.push_prompt(content, PromptKind::Item, line.no);
            self.item_prompt = Some(OpenItemPrompt {
                item: id,
                index,
                lines: Vec::new(),
                from_template,
            });
        }
    }

    fn is_task(&self, body: &str) -> bool {
        self.settings
            .global_filter
            .as_deref()
            .is_none_or(|f| f.is_empty() || body.contains(f))
    }

    fn task(&mut self, id: u32, symbol: char, body: &str, body_offset: usize, line: &Line<'_>) {
        if self.template_syntax.is_none()
            && let Some(token) = templates::in_task(body)
        {
            self.template_syntax = Some((line.no, token));
        }
        let mut parsed = tasks::parse_body(body);
        if let Some(filter) = self
            .settings
            .global_filter
            .as_deref()
            .filter(|f| !f.is_empty())
        {
            // As Obsidian Tasks: the filter is read as part of the line, is not one of the
            // task's tags, and is left out of the description only where it is a whole word.
            if let Some(tag) = filter.strip_prefix('#') {
                parsed.tags.retain(|t| t != tag);
            }
            if self.settings.remove_global_filter {
                parsed.text = tasks::remove_global_filter(&parsed.text, filter);
            }
        }
        let filter = self.settings.global_filter.as_deref();
        if noise::is_blank_task(&parsed.text, filter) {
            // A placeholder `- [ ]`: not a task, and no words.
            return;
        }
        if !parsed.dated && self.filename_scheduled.is_some() {
            parsed.dates.scheduled = self.filename_scheduled;
        }
        for p in &parsed.problems {
            let c = col(line.raw, body_offset + p.offset);
            self.warn(line.no, c, p.message.clone());
        }
        let status = match self.settings.statuses.get(symbol) {
            Some(s) => s,
            None => {
                let c = col(line.raw, line.offset);
                self.warn(
                    line.no,
                    c,
                    format!("unknown status symbol `[{symbol}]`, read as todo"),
                );
                Status::Todo
            }
        };
        if let (Some(start), Some(due)) = (parsed.dates.start, parsed.dates.due)
            && start > due
        {
            self.warn(
                line.no,
                col(line.raw, body_offset),
                format!("starts on {start} but is due on {due}, before it starts"),
            );
        }
        let parent = self.task_above(self.items[id as usize].parent);
        let index = u32::try_from(self.note.tasks.len()).unwrap_or(u32::MAX);
        self.items[id as usize].task = Some(index);
        let mut task = Task {
            text: parsed.text,
            status,
            symbol,
            dates: parsed.dates,
            priority: parsed.priority,
            tags: parsed.tags,
            links: parsed.links,
            extra: None,
            parent,
            place: Place {
                col: col(line.raw, line.offset),
                ..self.place(line.no)
            },
        };
        task.set_extra(TaskExtra {
            recurrence: parsed.recurrence,
            id: parsed.id,
            depends_on: parsed.depends_on,
            on_completion: parsed.on_completion,
            block_id: parsed.block_id,
            feeling: None,
            ..TaskExtra::default()
        });
        // The description's words are the person's (not the metadata, not the global filter),
        // unless the line is the template's.
        let words = match filter.filter(|f| !f.is_empty()) {
            Some(f) => tasks::remove_global_filter(&task.text, f),
            None => task.text.clone(),
        };
        self.note.tasks.push(task);
        if self.line_own != LineOwn::Template {
            let n = inline::count_words(&noise::without_embeds(&inline::mask_code(&words)));
            self.add_words(n, true);
        }
        let masked = inline::mask_code(body);
        // The task's metadata fields are the task's; others on its line (feeling::, mood::) count.
        for f in inline::bracket_fields(&masked) {
            if !tasks::is_task_field(&f.key) {
                let f = inline::unmasked(f, &masked, body);
                self.field(f.key, f.value, line, Some(index));
            }
        }
    }

    /// The nearest task at or above list item `item`.
    fn task_above(&self, mut item: Option<u32>) -> Option<u32> {
        // Parents always have smaller ids, so this walk ends.
        while let Some(i) = item {
            let it = self.items.get(i as usize)?;
            if it.task.is_some() {
                return it.task;
            }
            item = it.parent.filter(|&p| p < i);
        }
        None
    }

    /// Reads tags, fields and words from a line of text inside list item `item` (if any).
    fn text(&mut self, content: &str, line: &Line<'_>, item: Option<u32>) {
        let mut masked = inline::mask_code(content);
        if self.logseq.is_some() {
            masked = logseq::mask_refs(masked);
            self.tags.extend(
                logseq::bracket_tags(&masked)
                    .into_iter()
                    .map(str::to_string),
            );
        }
        self.tags
            .extend(inline::tags(&masked).map(|(_, t)| t.to_string()));
        self.count_words(&masked);
        self.fields(content, &masked, line, item);
    }

    /// Counts the person's words of a line of text (`masked`: code spans blanked), leaving
    /// out the template's text and embeds.
    fn count_words(&mut self, masked: &str) {
        let n = match &self.line_own {
            LineOwn::Template => 0,
            LineOwn::Added(rest) => {
                inline::count_words(&noise::without_embeds(&inline::mask_code(rest)))
            }
            LineOwn::Own => inline::count_words(&noise::without_embeds(masked)),
        };
        self.add_words(n, false);
    }

    /// Adds words written under the current date; `task`: a task of the person's was written,
    /// which makes an entry even without words.
    fn add_words(&mut self, n: u32, task: bool) {
        if let Some(d) = self.date() {
            if n > 0 {
                *self.words.entry(d).or_default() += n;
            }
            if n > 0 || task {
                self.own_dates.insert(d);
            }
        }
    }

    /// Reads the fields of `text`, found in `masked` (its code spans blanked) so nothing in
    /// code is a field, with their values taken from `text`.
    fn fields(&mut self, text: &str, masked: &str, line: &Line<'_>, item: Option<u32>) {
        let line_field = inline::line_field(masked).map(|f| inline::unmasked(f, masked, text));
        let bracketed = match &line_field {
            Some(_) => Vec::new(),
            None => inline::bracket_fields(masked)
                .into_iter()
                .map(|f| inline::unmasked(f, masked, text))
                .collect(),
        };
        let owner = self.task_above(item);
        let read_as_mood = line_field
            .iter()
            .chain(&bracketed)
            .any(|f| self.settings.mood_keys.contains(&f.key));
        if !read_as_mood {
            self.mood_after_text(masked, line);
        }
        if let Some(f) = line_field {
            match f.key.as_str() {
                "decision" => self.decision(f.value, line),
                "checkpoint" => self.checkpoint(f.value, line),
                _ => {}
            }
            self.field(f.key, f.value, line, owner);
        }
        for f in bracketed {
            self.field(f.key, f.value, line, owner);
        }
    }

    /// `Slept badly. mood:: 2`: a mood after other text, which Dataview reads as a field
    /// named `Slept badly. mood`. Said by `check`, so the user knows why the day has no mood.
    fn mood_after_text(&mut self, masked: &str, line: &Line<'_>) {
        if inline::find2(masked.as_bytes(), *b"::").is_none() {
            return;
        }
        let lower = masked.to_lowercase();
        for key in &self.settings.mood_keys {
            let pattern = format!("{key}::");
            let Some(at) = lower.find(&pattern) else {
                continue;
            };
            let before = &lower[..at];
            if at == 0 || !before.ends_with(char::is_whitespace) {
                continue;
            }
            let value = masked
                .get(at + pattern.len()..)
                .unwrap_or("")
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_string();
            let message = format!(
                "`{key}:: {value}` after other text is not read: Dataview reads `key:: value` only at the start of a line; put it on a line of its own or write `[{key}:: {value}]`"
            );
            let c = col(line.raw, line.offset);
            self.warn(line.no, c, message);
            return;
        }
    }

    fn field(&mut self, key: String, value: &str, line: &Line<'_>, owner: Option<u32>) {
        let is_mood = self.settings.mood_keys.contains(&key);
        if (is_mood || key == "mood" || key == "feeling")
            && let Some(t) = owner
            && let Some(task) = self.note.tasks.get_mut(t as usize)
            && task.feeling().is_none()
            && !value.is_empty()
        {
            task.extra_mut().feeling = Some(value.to_string());
        }
        if is_mood {
            self.mood(&key, value, line, owner.is_none());
        }
        self.note.fields.push(Field {
            key,
            value: value.to_string(),
            line: line.no,
        });
    }

    /// A mood value; `standalone`: not a checkpoint's feeling, so it must date a day.
    fn mood(&mut self, key: &str, value: &str, line: &Line<'_>, standalone: bool) {
        let token = value.trim().split(['/', ' ']).next().unwrap_or("");
        if token.is_empty() {
            // Left blank, as a template leaves it.
            return;
        }
        let scale = f64::from(self.settings.mood_scale);
        let Ok(v) = token.trim().parse::<f64>() else {
            if standalone {
                self.warn(
                    line.no,
                    col(line.raw, line.offset),
                    format!(
                        "`{key}:: {token}` is not read as a mood: write a number from 1 to {}",
                        self.settings.mood_scale
                    ),
                );
            }
            return;
        };
        if standalone && self.date().is_none() && v.is_finite() && (1.0..=scale).contains(&v) {
            self.warn(
                line.no,
                col(line.raw, line.offset),
                format!("`{key}:: {token}` is in a note with no date, so no day gets this mood"),
            );
            return;
        }
        if v.is_finite() && (1.0..=scale).contains(&v) {
            self.note.moods.push(Mood {
                value: v,
                place: self.place(line.no),
            });
        } else {
            self.warn(
                line.no,
                col(line.raw, line.offset),
                format!(
                    "mood {token} is outside the scale 1–{}",
                    self.settings.mood_scale
                ),
            );
        }
    }

    fn decision(&mut self, value: &str, line: &Line<'_>) {
        let mut revisit = None;
        let mut text = value.to_string();
        for f in inline::bracket_fields(value).iter().rev() {
            if f.key == "revisit" {
                revisit = self.date_value(f.value, "revisit", line);
                text.replace_range(f.span.clone(), "");
            }
        }
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        self.note.decisions.push(Decision {
            links: inline::links(&text),
            text,
            revisit,
            place: self.place(line.no),
        });
    }

    fn date_value(&mut self, value: &str, what: &str, line: &Line<'_>) -> Option<NaiveDate> {
        match dates::parse_iso(value.trim()) {
            Some(IsoDate::Valid(d)) => Some(d),
            Some(IsoDate::Impossible) => {
                self.warn(
                    line.no,
                    col(line.raw, line.offset),
                    format!("{what} date `{}` is not a real date", value.trim()),
                );
                None
            }
            None => {
                self.warn(
                    line.no,
                    col(line.raw, line.offset),
                    format!("{what} `{}` is not a YYYY-MM-DD date", value.trim()),
                );
                None
            }
        }
    }

    fn checkpoint(&mut self, value: &str, line: &Line<'_>) {
        let (date, rest) = match value.get(..10).and_then(dates::parse_iso) {
            Some(IsoDate::Valid(d)) => (Some(d), &value[10..]),
            Some(IsoDate::Impossible) => {
                self.warn(
                    line.no,
                    col(line.raw, line.offset),
                    format!("checkpoint date `{}` is not a real date", &value[..10]),
                );
                (None, &value[10..])
            }
            None => {
                self.warn(
                    line.no,
                    col(line.raw, line.offset),
                    "checkpoint has no date: write `checkpoint:: YYYY-MM-DD what`",
                );
                (None, value)
            }
        };
        let body = tasks::parse_body(rest);
        let feeling = inline::bracket_fields(&body.text)
            .into_iter()
            .find(|f| f.key == "feeling" || f.key == "mood")
            .map(|f| f.value.to_string());
        self.note.checkpoints.push(CheckpointLine {
            text: body.text,
            date,
            done: body.dates.done,
            feeling,
            links: body.links,
            place: self.place(line.no),
        });
    }

    /// A mood written as a property (`mood: 4`), in a journal note.
    fn property_moods(&mut self) {
        let keys = self.settings.mood_keys.clone();
        for key in keys {
            let Some((name, value)) = self
                .props
                .map
                .iter()
                .find(|(k, _)| inline::fold_key(k) == key)
                .map(|(k, v)| (k.clone(), v.clone()))
            else {
                continue;
            };
            let text = match &value {
                serde_json::Value::Number(n) => n.to_string(),
                serde_json::Value::String(s) => s.trim().to_string(),
                _ => continue,
            };
            let line = self.props.line_of(&name);
            let at = |s: &Extractor<'_>, m: String| Diagnostic::new(&s.note.path, line, 1, m);
            if text.is_empty() {
                continue;
            }
            let scale = self.settings.mood_scale;
            let v = match text.parse::<f64>() {
                Ok(v) if v.is_finite() && (1.0..=f64::from(scale)).contains(&v) => v,
                Ok(_) => {
                    let d = at(self, format!("mood {text} is outside the scale 1–{scale}"));
                    self.note.diagnostics.push(d);
                    continue;
                }
                Err(_) => {
                    let d = at(
                        self,
                        format!(
                            "property `{name}: {text}` is not read as a mood: write a number from 1 to {scale}"
                        ),
                    );
                    self.note.diagnostics.push(d);
                    continue;
                }
            };
            let why = match (self.note.kind, self.note.date) {
                (NoteKind::Journal, Some(date)) => {
                    self.note.moods.push(Mood {
                        value: v,
                        place: Place {
                            line,
                            col: 1,
                            heading: None,
                            date: Some(date),
                        },
                    });
                    continue;
                }
                (NoteKind::Reference | NoteKind::Template, _) => continue,
                (_, None) => "the note has no date",
                _ => "the note is dated only by `created`, so it is not a journal note",
            };
            let d = at(
                self,
                format!("property `{name}: {text}` is not read as a mood: {why}"),
            );
            self.note.diagnostics.push(d);
        }
    }

    fn finish(mut self) -> Note {
        self.logseq_finish();
        self.close_callout();
        self.close_item_prompt();
        while let Some(p) = self.heading_prompts.pop() {
            self.close_heading_prompt(p);
        }
        let mut tags = std::mem::take(&mut self.tags);
        tags.sort_unstable();
        tags.dedup();
        let reference = self
            .settings
            .writing
            .reference
            .why(&self.note.path, &tags, &self.props.map)
            .is_some();
        let kind = noise::kind(self.dated, self.template_syntax.is_some(), reference);
        self.note.kind = kind;
        self.note.tags = tags;
        if let Some((line, token)) = self.template_syntax.take() {
            self.warn(
                line,
                1,
                format!(
                    "holds unrendered template syntax `{token}`, so it is read as a template: nothing in it is counted, its tasks neither"
                ),
            );
        }
        // Reflection prompts come from journal notes and dated sections; the library's
        // questions are prompts wherever they are asked.
        let journal = kind == NoteKind::Journal;
        let writing = &self.settings.writing;
        let mut info = self.prompt_info.iter();
        self.note.prompts.retain(|p| {
            let i = info.next().copied().unwrap_or_default();
            !i.dropped && (journal || i.dated_here || writing.in_library(&p.key))
        });
        self.property_moods();
        let mut note = self.note;
        if matches!(kind, NoteKind::Reference | NoteKind::Template) {
            // Someone else's words, or a template's: nothing in it is the person's writing.
            note.tasks.clear();
            note.checkpoints.clear();
            note.prompts.clear();
            note.moods.clear();
            note.decisions.clear();
            self.words.clear();
            self.own_dates.clear();
        }
        note.tasks.shrink_to_fit();
        note.fields.shrink_to_fit();
        note.prompts.shrink_to_fit();
        note.entries = self.own_dates.into_iter().collect();
        note.words = self
            .words
            .into_iter()
            .filter(|&(_, w)| w > 0)
            .map(|(date, words)| DayWords { date, words })
            .collect();
        note
    }
}

/// Obsidian Tasks reads a checkbox only after spaces (`-\t[ ]` is not a task to it).
fn spaces_before_checkbox(line: &Line<'_>) -> bool {
    let before = line.raw.get(..line.offset).unwrap_or("");
    let gap = before.len() - before.trim_end_matches([' ', '\t']).len();
    gap > 0 && !before[before.len() - gap..].contains('\t')
}

impl Line<'static> {
    /// A stand-in line for an ATX heading's text, read for tags and fields: what is found
    /// there is placed on the heading's line, at column 1.
    fn heading_stub(no: u32) -> Line<'static> {
        Line {
            no,
            kind: Kind::Blank,
            quote_depth: 0,
            quote_opened: false,
            item: None,
            offset: 0,
            raw: "",
        }
    }
}

#[cfg(test)]
mod tests;
