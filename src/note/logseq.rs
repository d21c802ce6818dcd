//! The Logseq grammar: a note as an outline of `- ` blocks, read as Logseq reads it.
//!
//! A block is a `-` list item; its children are the blocks nested under it; the lines after
//! its first line are its body. This module owns what Logseq puts in blocks: task markers
//! (`TODO`, `DONE`, …) and their status, `[#A]` priorities, `SCHEDULED:`/`DEADLINE:` lines
//! with their repeaters, `:LOGBOOK:` drawers and their clocks, page and block properties
//! (`key:: value`, Logseq's internal ones not being words), `((block refs))` and `{{macros}}`
//! (not words), `#[[tags]]`, `#+BEGIN_…` regions, template blocks, question blocks and their
//! answers, and journal file names. The Obsidian checkbox grammar stays in `tasks`; in a note
//! both are read, each by its owner: `- [ ] x` is a checkbox task, `- TODO x` a Logseq task.
//!
//! The block structure comes from the CommonMark scanner (`blocks`), which already nests list
//! items by their indentation (tabs or spaces); this module follows it with a stack of the
//! open blocks, so each line costs a bounded amount of work whatever the nesting.

use super::{Extractor, blocks, col, inline, prompts, tasks};
use crate::dates::{self, IsoDate, moment::MomentFormat};
use crate::model::{Marker, Place, Priority, PromptKind, Status, Task, TaskExtra};
use blocks::{Kind, Line};
use chrono::{Datelike, NaiveDate};
use std::borrow::Cow;

/// What reading a Logseq graph's notes needs (from `config::logseq`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LogseqSettings {
    /// Vault-relative folder of the journal pages.
    pub(crate) journals_folder: String,
    /// `:journal/file-name-format` as written, to name it in warnings.
    pub(crate) journal_file_format: String,
    /// How a journal's file name is read: the graph's format, then Logseq's fallbacks.
    pub(crate) journal_names: Vec<MomentFormat>,
    /// How a journal page is titled (`Nov 24th, 2026`): the name `[[…]]` links use.
    pub(crate) title_format: MomentFormat,
    /// How a date reference `[[Nov 24th, 2026]]` is read: the title format, then fallbacks.
    pub(crate) journal_titles: Vec<MomentFormat>,
}

impl LogseqSettings {
    /// For a note in the journals folder, the date its file name gives (`Some(None)` when
    /// the name is not a date); `None` for other notes.
    pub(crate) fn journal_date(&self, path: &str) -> Option<Option<NaiveDate>> {
        let rest = path
            .strip_prefix(self.journals_folder.as_str())?
            .strip_prefix('/')?;
        let name = rest.rsplit('/').next().unwrap_or(rest);
        let stem = crate::model::strip_note_ext(name);
        Some(self.journal_names.iter().find_map(|f| f.parse(stem)))
    }

    /// The title of the journal page of `day`.
    pub(crate) fn journal_title(&self, day: NaiveDate) -> String {
        self.title_format.format(day)
    }

    /// A date written as a journal reference, `[[Nov 24th, 2026]]` or `Nov 24th, 2026`.
    fn date_reference(&self, value: &str) -> Option<NaiveDate> {
        let v = strip_ref(value);
        self.journal_titles.iter().find_map(|f| f.parse(v))
    }
}

/// What a marker means, in journal's statuses (docs/FORMAT.md has the table and the reasons).
pub(crate) fn status(marker: Marker) -> Status {
    match marker {
        Marker::Todo | Marker::Later => Status::Todo,
        Marker::Doing | Marker::Now | Marker::InProgress | Marker::Started => Status::InProgress,
        Marker::Waiting | Marker::Wait => Status::Deferred,
        Marker::Done => Status::Done,
        Marker::Canceled | Marker::Cancelled => Status::Cancelled,
    }
}

/// The checkbox symbol a status is written with by default, kept as a Logseq task's `symbol`
/// so code that looks at symbols sees the same meaning.
fn symbol_of(status: Status) -> char {
    match status {
        Status::Todo => ' ',
        Status::InProgress => '/',
        Status::Done => 'x',
        Status::Cancelled => '-',
        Status::Deferred => '>',
        Status::NonTask => ' ',
    }
}

/// A block's first line that starts with a marker: the marker and the text after it. An
/// optional heading (`## TODO x`) comes first; the marker is uppercase, exact, and followed
/// by a space, a tab or the end of the line (`TODO:`, `todo`, `DONEish` are not markers).
pub(crate) fn marker(content: &str) -> Option<(Marker, &str)> {
    let mut rest = content;
    let hashes = rest.bytes().take_while(|&b| b == b'#').count();
    if hashes > 0 {
        if hashes > 6 {
            return None;
        }
        rest = rest[hashes..].strip_prefix([' ', '\t'])?.trim_start();
    }
    let word_len = rest
        .bytes()
        .take_while(|b| b.is_ascii_uppercase() || *b == b'-')
        .count();
    let marker = Marker::ALL
        .iter()
        .copied()
        .find(|m| m.as_str() == &rest[..word_len])?;
    let after = &rest[word_len..];
    match after.as_bytes().first() {
        None => Some((marker, "")),
        Some(b' ' | b'\t') => Some((marker, after[1..].trim_start())),
        Some(_) => None,
    }
}

/// A `[#A]` priority at the start of `text`: `A` high, `B` medium, `C` low.
pub(crate) fn priority(text: &str) -> (Option<Priority>, &str) {
    let p = match text.get(..4) {
        Some("[#A]") => Priority::High,
        Some("[#B]") => Priority::Medium,
        Some("[#C]") => Priority::Low,
        _ => return (None, text),
    };
    let rest = &text[4..];
    match rest.as_bytes().first() {
        None => (Some(p), ""),
        Some(b' ' | b'\t') => (Some(p), rest.trim_start()),
        Some(_) => (None, text),
    }
}

/// A property line `key:: value` as Logseq reads it: the key is one run of characters that
/// are neither `:` nor whitespace, then `::` and a space (or the end of the line).
pub(crate) fn property(line: &str) -> Option<(&str, &str)> {
    let i = inline::find2(line.as_bytes(), *b"::")?;
    let key = &line[..i];
    if key.is_empty() || key.contains(|c: char| c == ':' || c.is_whitespace()) {
        return None;
    }
    let rest = &line[i + 2..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some((key, rest.trim()))
}

/// Logseq's own properties (folded as `inline::fold_key` folds keys): they are the app's
/// bookkeeping, hidden from view, and never words written.
const INTERNAL: &[&str] = &[
    "id",
    "custom_id",
    "background_color",
    "heading",
    "collapsed",
    "created_at",
    "updated_at",
    "last_modified_at",
    "query_table",
    "query_properties",
    "query_sort_by",
    "query_sort_desc",
    "ls_type",
    "hl_type",
    "hl_page",
    "hl_stamp",
    "hl_color",
    "logseq.macro_name",
    "logseq.macro_arguments",
    "logseq.order_list_type",
    "logseq.tldraw.page",
    "logseq.tldraw.shape",
    "logseq.color",
    "todo",
    "doing",
    "now",
    "later",
    "done",
    "card_last_interval",
    "card_repeats",
    "card_last_reviewed",
    "card_next_schedule",
    "card_ease_factor",
    "card_last_score",
    "icon",
    "template",
    "template_including_parent",
    "public",
    "filters",
    "exclude_from_graph_view",
    "logseq.query/nlp_date",
    "macro",
    "filetags",
];

/// The properties journal reads as metadata of a page or block: their values are settings,
/// not words written.
const METADATA: &[&str] = &[
    "title",
    "alias",
    "aliases",
    "tags",
    "tag",
    "type",
    "status",
    "target",
    "revisit",
    "mood",
    "generator",
    "date",
];

/// Whether a property line's value counts as words written.
fn is_writing(key: &str) -> bool {
    !INTERNAL.contains(&key) && !METADATA.contains(&key) && !key.starts_with("logseq.")
}

/// Blanks `((block refs))` and `{{macros}}` (embeds, queries, …), keeping byte offsets: what
/// they show is written elsewhere or computed by the app, so they are not words. Linear: each
/// opening looks for its closing once, from where it is.
pub(crate) fn mask_refs(text: Cow<'_, str>) -> Cow<'_, str> {
    let b = text.as_bytes();
    if inline::find2(b, *b"((").is_none() && inline::find2(b, *b"{{").is_none() {
        return text;
    }
    let mut out = b.to_vec();
    let mut i = 0;
    let mut changed = false;
    // Once an opening finds no closing, no later opening of its kind can: stop looking.
    let (mut parens, mut braces) = (true, true);
    while i + 1 < b.len() {
        let (close, open) = match (b[i], b[i + 1]) {
            (b'(', b'(') if parens => (*b"))", &mut parens),
            (b'{', b'{') if braces => (*b"}}", &mut braces),
            _ => {
                i += 1;
                continue;
            }
        };
        match inline::find2(&b[i + 2..], close) {
            Some(len) => {
                let end = i + 2 + len + 2;
                out[i..end].fill(b' ');
                changed = true;
                i = end;
            }
            None => {
                *open = false;
                i += 2;
            }
        }
    }
    if !changed {
        return text;
    }
    // Whole ASCII runs were blanked, and the brackets are ASCII, so this is still UTF-8.
    Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| text.into_owned()))
}

/// The `#[[multi word]]` tags of a text (Logseq's form of a tag with spaces). Linear: the
/// search for each tag's end starts after the last tag.
pub(crate) fn bracket_tags(text: &str) -> Vec<&str> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(k) = memchr::memmem::find(&b[at..], b"#[[") {
        let open = at + k + 3;
        let Some(len) = inline::find2(&b[open..], *b"]]") else {
            break;
        };
        let tag = text[open..open + len].trim();
        if !tag.is_empty() && !tag.contains('[') {
            out.push(tag);
        }
        at = open + len + 2;
    }
    out
}

/// The pages a property value names: `[[a]], [[b]]`, `#a #b`, `a, b` (a list of page
/// references, as Logseq reads `tags::` and `alias::`).
pub(crate) fn page_list(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in value.split([',', '，']) {
        let masked = inline::mask_code(part);
        let mut refs: Vec<String> = inline::links(&masked)
            .into_iter()
            .chain(inline::tags(&masked).map(|(_, t)| t.to_string()))
            .collect();
        if refs.is_empty() {
            let plain = strip_ref(part);
            if !plain.is_empty() {
                refs.push(plain.to_string());
            }
        }
        for r in refs {
            if !out.contains(&r) {
                out.push(r);
            }
        }
    }
    out
}

/// A value without the `[[…]]`, `#` or quotes around it.
fn strip_ref(value: &str) -> &str {
    let v = value.trim();
    let v = v.strip_prefix('#').unwrap_or(v);
    let v = v
        .strip_prefix("[[")
        .and_then(|r| r.strip_suffix("]]"))
        .unwrap_or(v);
    let v = v
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .unwrap_or(v);
    v.trim()
}

/// Which planning line a timestamp is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Planning {
    Scheduled,
    Deadline,
}

impl Planning {
    fn name(self) -> &'static str {
        match self {
            Planning::Scheduled => "SCHEDULED",
            Planning::Deadline => "DEADLINE",
        }
    }
}

/// One `SCHEDULED: <…>` or `DEADLINE: <…>` timestamp.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stamp {
    pub which: Planning,
    /// `None` when Logseq would not read it as a date (impossible, no weekday).
    pub date: Option<NaiveDate>,
    /// The repeater in Obsidian Tasks' words (`every 3 days when done`).
    pub repeat: Option<String>,
    /// What a Logseq user should know about it.
    pub problem: Option<String>,
    /// Byte offset of the keyword in the line.
    pub offset: usize,
}

/// The timestamps of a planning line (`SCHEDULED: <2026-11-24 Tue 13:30 .+1d>`, also two on
/// one line); `None` when the line is not one.
pub(crate) fn planning_line(line: &str) -> Option<Vec<Stamp>> {
    let mut out = Vec::new();
    let mut rest = line;
    loop {
        let trimmed = rest.trim_start();
        let offset = line.len() - trimmed.len();
        let which = [Planning::Scheduled, Planning::Deadline]
            .into_iter()
            .find(|w| {
                trimmed
                    .get(..w.name().len() + 1)
                    .is_some_and(|k| k.eq_ignore_ascii_case(&format!("{}:", w.name())))
            });
        let Some(which) = which else {
            break;
        };
        let after = &trimmed[which.name().len() + 1..];
        let value = after.trim_start_matches([' ', '\t']);
        let (open, close) = match value.as_bytes().first() {
            Some(b'<') => ('<', '>'),
            Some(b'[') => ('[', ']'),
            _ => {
                out.push(Stamp {
                    which,
                    date: None,
                    repeat: None,
                    problem: Some(format!(
                        "`{}:` is not followed by a date in `<…>`, such as <2026-11-24 Tue>",
                        which.name()
                    )),
                    offset,
                });
                break;
            }
        };
        let Some(end) = value[1..].find(close) else {
            out.push(Stamp {
                which,
                date: None,
                repeat: None,
                problem: Some(format!(
                    "`{open}` after `{}:` is never closed",
                    which.name()
                )),
                offset,
            });
            break;
        };
        let inner = &value[1..1 + end];
        let mut stamp = timestamp(inner);
        stamp.which = which;
        stamp.offset = offset;
        if let Some(p) = stamp.problem.take() {
            stamp.problem = Some(format!("{}: {p}", which.name()));
        }
        out.push(stamp);
        rest = &value[1 + end + 1..];
        // One of each is all a line holds; a line of thousands is not read on.
        if out.len() >= 2 || rest.trim().is_empty() {
            break;
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The inside of `<2026-11-24 Tue 13:30 .+1d>`.
fn timestamp(inner: &str) -> Stamp {
    let mut stamp = Stamp {
        which: Planning::Scheduled,
        date: None,
        repeat: None,
        problem: None,
        offset: 0,
    };
    let mut words = inner.split_whitespace();
    let written = words.next().unwrap_or("");
    let date = match dates::parse_iso_short(written) {
        Some(IsoDate::Valid(date)) => date,
        Some(IsoDate::Impossible) => {
            stamp.problem = Some(format!("`{written}` is not a real date"));
            return stamp;
        }
        None => {
            stamp.problem = Some(format!(
                "`<{inner}>` is not a date Logseq reads; write it as <2026-11-24 Tue>"
            ));
            return stamp;
        }
    };
    let mut rest = words.peekable();
    let weekday = rest.next_if(|w| w.chars().all(char::is_alphabetic));
    let Some(weekday) = weekday else {
        stamp.problem = Some(format!(
            "`<{inner}>` has no weekday, so Logseq does not read it as a date; write <{written} {}>",
            date.weekday()
        ));
        return stamp;
    };
    // `Tu`, `Thur`, `Wednes`: the start of an English weekday's name (chrono's), at least two
    // letters; a weekday in another language is not checked.
    let starts = |name: &str| {
        weekday.len() >= 2
            && name.len() >= weekday.len()
            && name.as_bytes()[..weekday.len()].eq_ignore_ascii_case(weekday.as_bytes())
    };
    let actual = date.format("%A").to_string();
    let english = date
        .iter_days()
        .take(7)
        .any(|d| starts(&d.format("%A").to_string()));
    if english && !starts(&actual) {
        stamp.problem = Some(format!(
            "`<{inner}>` says {weekday}, but {written} is a {actual}; Logseq goes by the date"
        ));
    }
    stamp.date = Some(date);
    stamp.repeat = rest.find_map(repeater);
    stamp
}

/// A repeater (`+1w`, `++2d`, `.+3m`) in Obsidian Tasks' words.
pub(crate) fn repeater(token: &str) -> Option<String> {
    let (when_done, rest) = match token.strip_prefix(".+") {
        Some(r) => (true, r),
        None => (
            false,
            token
                .strip_prefix("++")
                .or_else(|| token.strip_prefix('+'))?,
        ),
    };
    let unit = rest.chars().last()?;
    let n: u32 = rest[..rest.len() - unit.len_utf8()].parse().ok()?;
    let name = match unit {
        'h' => "hour",
        'd' => "day",
        'w' => "week",
        'm' => "month",
        'y' => "year",
        _ => return None,
    };
    let every = match n {
        0 => return None,
        1 => format!("every {name}"),
        n => format!("every {n} {name}s"),
    };
    Some(if when_done {
        format!("{every} when done")
    } else {
        every
    })
}

/// A `CLOCK:` line of a LOGBOOK: the day the clock stopped (`None` while it runs, or when
/// the line is not a clock).
pub(crate) fn clock_end(line: &str) -> Option<NaiveDate> {
    let rest = line.trim().strip_prefix("CLOCK:")?;
    let (_, end) = rest.split_once("]--[")?;
    dates::parse_date(end.get(..10)?)
}

/// A `State "DONE" from "TODO" [2026-11-25 Wed 08:10]` line of a LOGBOOK, which Logseq
/// writes when a repeating task is done: the day it was done.
pub(crate) fn state_done(line: &str) -> Option<NaiveDate> {
    let rest = line.trim().trim_start_matches(['*', '-', ' ']);
    let rest = rest.strip_prefix("State \"DONE\"")?;
    let (_, stamp) = rest.split_once('[')?;
    dates::parse_date(stamp.get(..10)?)
}

/// A `#+BEGIN_X` line: whether its content is hidden (source, examples, queries, comments),
/// and the line that ends it. Admonitions (`NOTE`, `TIP`, `QUOTE`, …) hold ordinary text.
fn begin(text: &str) -> Option<(bool, String)> {
    let name = strip_prefix_ignore_case(text.trim(), "#+BEGIN_")?;
    let name = name.split_whitespace().next().unwrap_or("");
    if name.is_empty() {
        return None;
    }
    let hidden = ["SRC", "EXAMPLE", "EXPORT", "COMMENT", "QUERY"]
        .iter()
        .any(|h| h.eq_ignore_ascii_case(name));
    Some((hidden, format!("#+END_{}", name.to_ascii_uppercase())))
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    text.get(..prefix.len())
        .filter(|h| h.eq_ignore_ascii_case(prefix))
        .and_then(|_| text.get(prefix.len()..))
}

/// Whether the list item on `raw` has Logseq's `-` bullet (`*`, `+` and `1.` items are text
/// inside a block to Logseq).
fn dash_bullet(raw: &str) -> bool {
    raw.trim_start_matches([' ', '\t']).starts_with('-')
}

/// At most this many questions open inside one another take answer lines.
const MAX_OPEN_QUESTIONS: usize = 8;
/// How far up the outline a task looks for the page references it inherits.
const MAX_CONTEXT_DEPTH: usize = 32;
const MAX_CONTEXT_LINKS: usize = 16;
/// The most completions of a repeating task kept (ten years of a daily habit).
const MAX_COMPLETIONS: usize = 3660;

/// A list item that is open around the current line.
#[derive(Debug)]
struct Open {
    item: u32,
    /// A Logseq block (`-` bullet, outside block quotes).
    block: bool,
    task: Option<u32>,
    /// The page references of this block, for the tasks nested under it.
    refs: Vec<String>,
    /// Inside a `template::` block: template text, not the user's writing.
    template: bool,
    /// This is the page's first block and holds its properties.
    page_properties: bool,
    question: Option<Question>,
    /// The task's done date came from a `done::` property, which beats its clock.
    done_from_property: bool,
    /// The decision written in this block, which a `revisit::` line completes.
    decision: Option<usize>,
}

#[derive(Debug)]
struct Question {
    prompt: usize,
    /// The answer's lines as written, and the part of each the person wrote.
    lines: Vec<super::AnswerLine>,
}

/// Where the reader is in the outline of one note.
#[derive(Debug, Default)]
pub(super) struct Outline {
    stack: Vec<Open>,
    /// Before the first block: property lines are the page's properties.
    started: bool,
    /// Inside a `:LOGBOOK:` drawer: the stack depth of its block, and the drawer's line.
    drawer: Option<(usize, u32)>,
    /// Inside a hidden `#+BEGIN_…` region: the line that ends it.
    verbatim: Option<String>,
    /// Where the open question blocks are on the stack, outermost first (a few at most).
    questions: Vec<usize>,
}

impl Outline {
    fn top(&mut self) -> Option<&mut Open> {
        self.stack.last_mut()
    }
}

impl Extractor<'_> {
    /// Reads `line` in Logseq's grammar; true when it was all Logseq's (nothing else reads it).
    pub(super) fn logseq_line(&mut self, line: &Line<'_>) -> bool {
        let Some(mut o) = self.logseq.take() else {
            return false;
        };
        let consumed = self.outline_line(&mut o, line);
        self.logseq = Some(o);
        consumed
    }

    /// Closes the outline at the end of the note. (An empty journal page is no entry: only
    /// days with the person's own words or tasks are, see `finish`.)
    pub(super) fn logseq_finish(&mut self) {
        let Some(mut o) = self.logseq.take() else {
            return;
        };
        self.pop_to(&mut o, None);
    }

    /// Closes the open items down to `item` (all of them for `None`).
    fn pop_to(&mut self, o: &mut Outline, item: Option<u32>) {
        let keep = match item {
            Some(i) => o
                .stack
                .iter()
                .rposition(|f| f.item == i)
                .map_or(0, |k| k + 1),
            None => 0,
        };
        if let Some((depth, no)) = o.drawer
            && depth >= keep
        {
            o.drawer = None;
            self.warn(
                no,
                0,
                "this `:LOGBOOK:` drawer is not closed with `:END:` inside its block",
            );
        }
        while o.stack.len() > keep {
            if let Some(f) = o.stack.pop()
                && let Some(q) = f.question
            {
                o.questions.pop();
                self.set_answer(q.prompt, &q.lines);
            }
        }
    }

    fn outline_line(&mut self, o: &mut Outline, line: &Line<'_>) -> bool {
        // Follow the scanner's nesting first, whatever the line is.
        match &line.kind {
            Kind::ListItem { id, parent, .. } => {
                self.register_item(*id, *parent);
                self.pop_to(o, *parent);
            }
            Kind::Blank | Kind::Hidden => {}
            _ => self.pop_to(o, line.item),
        }
        let text = match &line.kind {
            Kind::ListItem { content, .. } | Kind::Text { content } => Some(&**content),
            _ => None,
        };
        if let Some(end) = &o.verbatim {
            if text.is_some_and(|t| strip_prefix_ignore_case(t.trim(), end).is_some()) {
                o.verbatim = None;
            }
            self.push_plain(o, line);
            return true;
        }
        if let Some((depth, _)) = o.drawer {
            if let Some(t) = text {
                if t.trim().eq_ignore_ascii_case(":END:") {
                    o.drawer = None;
                } else if let Some(end) = clock_end(t) {
                    self.clock(o, depth, end);
                } else if let Some(day) = state_done(t) {
                    self.completion(o, depth, day);
                }
            }
            self.push_plain(o, line);
            return true;
        }
        if line.quote_depth > 0 {
            self.push_plain(o, line);
            return false;
        }
        match &line.kind {
            Kind::ListItem { id, content, .. } => self.block_start(o, *id, content, line),
            Kind::Text { content } => self.block_body(o, content, line),
            Kind::Blank => {
                self.answer(o, "", 0);
                false
            }
            _ => o.top().is_some_and(|f| f.template),
        }
    }

    /// Opens a list item that is not a Logseq block (or whose text is not read as one).
    fn push_plain(&mut self, o: &mut Outline, line: &Line<'_>) {
        if let Kind::ListItem { id, .. } = &line.kind {
            let template = o.stack.last().is_some_and(|f| f.template);
            o.stack.push(Open::new(*id, false, template));
        }
    }

    fn block_start(&mut self, o: &mut Outline, id: u32, content: &str, line: &Line<'_>) -> bool {
        let block = dash_bullet(line.raw);
        let template = o.stack.last().is_some_and(|f| f.template);
        let first = !o.started && o.stack.is_empty();
        o.started = true;
        o.stack.push(Open::new(id, block, template));
        if template {
            return true;
        }
        // A task quoted in an answer would be a task again: its marker or checkbox goes.
        let shown = match (marker(content), tasks::checkbox(content)) {
            (Some((_, rest)), _) | (None, Some((_, rest))) => priority(rest).1,
            (None, None) => content,
        };
        let depth = o.stack.len() - 1;
        self.answer(o, &format!("- {shown}"), depth);
        if !block {
            return false;
        }
        if let Some((hidden, end)) = begin(content) {
            if hidden {
                o.verbatim = Some(end);
            }
            return true;
        }
        if let Some((key, value)) = property(content) {
            if first {
                if let Some(f) = o.top() {
                    f.page_properties = true;
                }
                self.page_property(key, value, line);
            } else {
                self.block_property(o, key, value, content, line);
            }
            return true;
        }
        if tasks::checkbox(content).is_some() {
            // An Obsidian checkbox: the checkbox grammar's.
            return false;
        }
        if let Some((m, rest)) = marker(content) {
            self.logseq_task(o, id, m, rest, line);
            return true;
        }
        let masked = mask_refs(inline::mask_code(content));
        let refs: Vec<String> = inline::links(&masked)
            .into_iter()
            .chain(inline::tags(&masked).map(|(_, t)| t.to_string()))
            .chain(bracket_tags(&masked).into_iter().map(str::to_string))
            .collect();
        let question = self.date().is_some()
            && o.questions.len() < MAX_OPEN_QUESTIONS
            && prompts::is_question_heading(strip_heading(content));
        let prompt =
            question.then(|| self.push_prompt(strip_heading(content), PromptKind::Block, line.no));
        if let Some(f) = o.top() {
            f.refs = refs;
            f.question = prompt.map(|prompt| Question {
                prompt,
                lines: Vec::new(),
            });
        }
        if prompt.is_some() {
            o.questions.push(o.stack.len() - 1);
        }
        false
    }

    /// A line after a block's first line.
    fn block_body(&mut self, o: &mut Outline, content: &str, line: &Line<'_>) -> bool {
        let Some(&Open {
            template,
            block,
            item,
            page_properties,
            ..
        }) = o.stack.last()
        else {
            // Text before the first block: the page's properties, or text.
            if !o.started
                && let Some((key, value)) = property(content)
            {
                self.page_property(key, value, line);
                return true;
            }
            return false;
        };
        if template {
            return true;
        }
        if let Some((hidden, end)) = begin(content) {
            if hidden {
                o.verbatim = Some(end);
            }
            return true;
        }
        if strip_prefix_ignore_case(content.trim(), "#+END_").is_some() {
            return true;
        }
        if block && line.item == Some(item) {
            if content.trim().eq_ignore_ascii_case(":LOGBOOK:") {
                o.drawer = Some((o.stack.len() - 1, line.no));
                return true;
            }
            if let Some(stamps) = planning_line(content) {
                self.planning(o, stamps, line);
                return true;
            }
            if let Some((key, value)) = property(content) {
                if page_properties {
                    self.page_property(key, value, line);
                } else {
                    self.block_property(o, key, value, content, line);
                }
                return true;
            }
        }
        let depth = o.stack.len() - 1;
        self.answer(o, content, depth + 1);
        false
    }

    /// Adds a line, `depth` levels below the outermost item, to the open questions' answers.
    fn answer(&mut self, o: &mut Outline, text: &str, depth: usize) {
        for &k in &o.questions {
            let Some(q) = o.stack.get_mut(k).and_then(|f| f.question.as_mut()) else {
                continue;
            };
            let indent = depth.saturating_sub(k + 1);
            let line = if text.is_empty() {
                String::new()
            } else {
                format!("{}{text}", "  ".repeat(indent.min(16)))
            };
            let own = self.own_part(&line);
            q.lines.push((line, own));
        }
    }

    fn logseq_task(&mut self, o: &mut Outline, id: u32, m: Marker, rest: &str, line: &Line<'_>) {
        let (priority, text) = priority(rest);
        let text = text.trim();
        let masked = mask_refs(inline::mask_code(text));
        let mut tags: Vec<String> = inline::tags(&masked).map(|(_, t)| t.to_string()).collect();
        for t in bracket_tags(&masked) {
            if !tags.iter().any(|x| x == t) {
                tags.push(t.to_string());
            }
        }
        let links = inline::links(&masked);
        let mut context_links = Vec::new();
        // The blocks above, nearest first, up to the nearest task (whose plan it inherits).
        for f in o.stack.iter().rev().skip(1).take(MAX_CONTEXT_DEPTH) {
            if f.task.is_some() {
                break;
            }
            for r in &f.refs {
                if context_links.len() < MAX_CONTEXT_LINKS && !context_links.contains(r) {
                    context_links.push(r.clone());
                }
            }
        }
        let parent = self.task_above(self.items.get(id as usize).and_then(|i| i.parent));
        let index = u32::try_from(self.note.tasks.len()).unwrap_or(u32::MAX);
        if let Some(it) = self.items.get_mut(id as usize) {
            it.task = Some(index);
        }
        let status = status(m);
        let mut task = Task {
            text: text.to_string(),
            status,
            symbol: symbol_of(status),
            dates: Default::default(),
            priority,
            tags,
            links,
            extra: None,
            parent,
            place: Place {
                col: col(line.raw, line.offset),
                ..self.place(line.no)
            },
        };
        task.set_extra(TaskExtra {
            marker: Some(m),
            context_links,
            ..TaskExtra::default()
        });
        self.note.tasks.push(task);
        self.count_words(&masked);
        if let Some(f) = o.top() {
            f.task = Some(index);
        }
    }

    /// The Logseq task the innermost block is, if it is one.
    fn block_task(&mut self, o: &Outline) -> Option<&mut Task> {
        let i = o.stack.last()?.task?;
        self.note
            .tasks
            .get_mut(i as usize)
            .filter(|t| t.marker().is_some())
    }

    fn planning(&mut self, o: &mut Outline, stamps: Vec<Stamp>, line: &Line<'_>) {
        for s in stamps {
            let c = col(line.raw, line.offset + s.offset);
            if let Some(p) = &s.problem {
                self.warn(line.no, c, p.clone());
            }
            let Some(task) = self.block_task(o) else {
                if s.date.is_some() {
                    let message = format!(
                        "`{}:` is on a block that is not a task, so journal does not count it (Logseq lists it with the scheduled items)",
                        s.which.name()
                    );
                    let path = self.note.path.clone();
                    self.note
                        .diagnostics
                        .push(crate::diagnostic::Diagnostic::info(
                            &path, line.no, c, message,
                        ));
                }
                continue;
            };
            match s.which {
                Planning::Scheduled => task.dates.scheduled = task.dates.scheduled.or(s.date),
                Planning::Deadline => task.dates.due = task.dates.due.or(s.date),
            }
            if let Some(r) = s.repeat
                && task.recurrence().is_none()
            {
                task.extra_mut().recurrence = Some(r);
            }
        }
    }

    /// A clock that stopped on `end`, in the drawer of the block at stack depth `depth`: the
    /// done date of a done task, unless a `done::` property gave one.
    fn clock(&mut self, o: &Outline, depth: usize, end: NaiveDate) {
        let Some(f) = o.stack.get(depth) else {
            return;
        };
        if f.done_from_property {
            return;
        }
        if let Some(i) = f.task
            && let Some(t) = self.note.tasks.get_mut(i as usize)
            && t.status == Status::Done
            && t.marker().is_some()
        {
            t.dates.done = Some(t.dates.done.map_or(end, |d| d.max(end)));
        }
    }

    /// A repeat's completion in the LOGBOOK of the task at `depth`.
    fn completion(&mut self, o: &Outline, depth: usize, day: NaiveDate) {
        if let Some(f) = o.stack.get(depth)
            && let Some(i) = f.task
            && let Some(t) = self.note.tasks.get_mut(i as usize)
            && t.marker().is_some()
        {
            let c = &mut t.extra_mut().completions;
            if c.len() < MAX_COMPLETIONS && !c.contains(&day) {
                c.push(day);
                c.sort();
            }
        }
    }

    /// A property of the innermost block.
    fn block_property(
        &mut self,
        o: &mut Outline,
        key: &str,
        value: &str,
        content: &str,
        line: &Line<'_>,
    ) {
        let k = inline::fold_key(key);
        match k.as_str() {
            "template" => {
                if let Some(f) = o.top() {
                    f.template = true;
                }
                return;
            }
            "id" => {
                if let Some(t) = self.block_task(o) {
                    t.extra_mut().block_id = Some(value.to_string());
                }
            }
            "done" => {
                let done = value
                    .parse::<i64>()
                    .ok()
                    .and_then(chrono::DateTime::from_timestamp_millis)
                    .map(|t| t.with_timezone(&chrono::Local).date_naive());
                if let Some(d) = done
                    && let Some(t) = self.block_task(o)
                    && t.status == Status::Done
                {
                    t.dates.done = Some(d);
                    if let Some(f) = o.top() {
                        f.done_from_property = true;
                    }
                }
            }
            "revisit" => {
                let decision = o.stack.last().and_then(|f| f.decision);
                if let Some(di) = decision
                    && self
                        .note
                        .decisions
                        .get(di)
                        .is_some_and(|d| d.revisit.is_none())
                {
                    let date = self.logseq_date(value, "revisit", line);
                    if let Some(d) = self.note.decisions.get_mut(di) {
                        d.revisit = date;
                    }
                }
            }
            _ => {}
        }
        if INTERNAL.contains(&k.as_str()) {
            return;
        }
        if is_writing(&k) {
            self.count_words(value);
        }
        let before = self.note.decisions.len();
        let masked = inline::mask_code(content);
        let item = o.stack.last().map(|f| f.item);
        self.fields(content, &masked, line, item);
        if self.note.decisions.len() > before
            && let Some(f) = o.top()
        {
            f.decision = Some(before);
        }
    }

    /// A property of the page (Logseq's front matter): what journal reads of a page's front
    /// matter, where YAML front matter did not already say it.
    fn page_property(&mut self, key: &str, value: &str, line: &Line<'_>) {
        let k = inline::fold_key(key);
        match k.as_str() {
            "type" => {
                let kinds = page_list(value);
                let kind = kinds
                    .iter()
                    .find(|v| v.eq_ignore_ascii_case("plan") || v.eq_ignore_ascii_case("goal"))
                    .or(kinds.first());
                if self.note.front.kind.is_none() {
                    self.note.front.kind = kind.cloned();
                }
            }
            "tags" | "tag" => {
                let tags = page_list(value);
                self.note.front.tags.extend(tags.iter().cloned());
                self.tags.extend(tags);
            }
            "alias" | "aliases" => self.note.front.aliases.extend(page_list(value)),
            "title" if self.note.front.title.is_none() && !value.is_empty() => {
                self.note.front.title = Some(strip_ref(value).to_string());
            }
            "status" if self.note.front.status.is_none() => {
                self.note.front.status = Some(strip_ref(value).to_string());
            }
            "goal" if self.note.front.goal.is_none() => {
                self.note.front.goal = Some(value.to_string());
            }
            "decision" if self.note.front.decision.is_none() => {
                self.note.front.decision = Some(value.to_string());
            }
            "generator" if self.note.front.generator.is_none() => {
                self.note.front.generator = Some(strip_ref(value).to_string());
            }
            "target" if self.note.front.target.is_none() => {
                self.note.front.target = self.logseq_date(value, "target", line);
            }
            "revisit" if self.note.front.revisit.is_none() => {
                self.note.front.revisit = self.logseq_date(value, "revisit", line);
            }
            _ => {}
        }
        if INTERNAL.contains(&k.as_str()) {
            return;
        }
        if is_writing(&k) {
            self.count_words(value);
        }
        self.field(k, value, line, None);
    }

    /// A date property: `2026-11-24`, or a journal page `[[Nov 24th, 2026]]`.
    fn logseq_date(&mut self, value: &str, what: &str, line: &Line<'_>) -> Option<NaiveDate> {
        let v = strip_ref(value);
        if let Some(d) = dates::parse_iso(v) {
            return match d {
                IsoDate::Valid(d) => Some(d),
                IsoDate::Impossible => {
                    self.warn(
                        line.no,
                        col(line.raw, line.offset),
                        format!("{what} date `{v}` is not a real date"),
                    );
                    None
                }
            };
        }
        let found = self
            .settings
            .logseq
            .as_ref()
            .and_then(|l| l.date_reference(v));
        if found.is_none() {
            let example = self
                .settings
                .logseq
                .as_ref()
                .and_then(|l| dates::parse_date("2026-11-24").map(|d| l.journal_title(d)))
                .unwrap_or_default();
            self.warn(
                line.no,
                col(line.raw, line.offset),
                format!("{what} `{v}` is not a date: write 2026-11-24 or [[{example}]]"),
            );
        }
        found
    }
}

impl Open {
    fn new(item: u32, block: bool, template: bool) -> Open {
        Open {
            item,
            block,
            task: None,
            refs: Vec::new(),
            template,
            page_properties: false,
            question: None,
            done_from_property: false,
            decision: None,
        }
    }
}

/// A heading block's text without its `#`s (`## What next?`).
fn strip_heading(content: &str) -> &str {
    let hashes = content.bytes().take_while(|&b| b == b'#').count();
    match content[hashes..].strip_prefix([' ', '\t']) {
        Some(rest) if (1..=6).contains(&hashes) => rest.trim(),
        _ => content.trim(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::parse_date;

    fn d(s: &str) -> Option<NaiveDate> {
        parse_date(s)
    }

    #[test]
    fn markers_are_exact_uppercase_words() {
        assert_eq!(marker("TODO call"), Some((Marker::Todo, "call")));
        assert_eq!(marker("IN-PROGRESS x"), Some((Marker::InProgress, "x")));
        assert_eq!(marker("DONE"), Some((Marker::Done, "")));
        assert_eq!(marker("## TODO heading"), Some((Marker::Todo, "heading")));
        assert_eq!(marker("CANCELED\tx"), Some((Marker::Canceled, "x")));
        for not in [
            "TODO: x",
            "todo x",
            "DONEish",
            "TODOS x",
            "#TODO x",
            "IN-PROGRESSx",
            "",
        ] {
            assert_eq!(marker(not), None, "{not}");
        }
        for m in Marker::ALL {
            assert_eq!(marker(&format!("{m} x")), Some((*m, "x")));
        }
    }

    #[test]
    fn every_marker_has_a_status() {
        let s = |m| status(m);
        assert_eq!(s(Marker::Later), Status::Todo);
        assert_eq!(s(Marker::Now), Status::InProgress);
        assert_eq!(s(Marker::Started), Status::InProgress);
        assert_eq!(s(Marker::Wait), Status::Deferred);
        assert_eq!(s(Marker::Cancelled), Status::Cancelled);
    }

    #[test]
    fn priorities_a_b_c() {
        assert_eq!(priority("[#A] x"), (Some(Priority::High), "x"));
        assert_eq!(priority("[#B]"), (Some(Priority::Medium), ""));
        assert_eq!(priority("[#C] x"), (Some(Priority::Low), "x"));
        assert_eq!(priority("[#D] x"), (None, "[#D] x"));
        assert_eq!(priority("[#A]x"), (None, "[#A]x"));
    }

    #[test]
    fn planning_lines_with_times_and_repeaters() {
        let s = planning_line("SCHEDULED: <2026-11-28 Sat .+3d>").expect("line");
        assert_eq!(
            (s[0].which, s[0].date),
            (Planning::Scheduled, d("2026-11-28"))
        );
        assert_eq!(s[0].repeat.as_deref(), Some("every 3 days when done"));
        assert!(s[0].problem.is_none());
        let s = planning_line("deadline: <2026-12-01 Tue 1:30pm +1m>").expect("line");
        assert_eq!(
            (s[0].which, s[0].date),
            (Planning::Deadline, d("2026-12-01"))
        );
        assert_eq!(s[0].repeat.as_deref(), Some("every month"));
        let s = planning_line("SCHEDULED: <2021-05-26 Wed 7:00 ++2w> DEADLINE: <2021-05-29 Sat>")
            .expect("line");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].repeat.as_deref(), Some("every 2 weeks"));
        assert_eq!(s[1].date, d("2021-05-29"));
        assert!(planning_line("SCHEDULED <2026-11-28 Sat>").is_none());
        assert!(planning_line("Scheduled for Monday").is_none());
    }

    #[test]
    fn planning_problems() {
        let s = planning_line("DEADLINE: <2026-11-31 Tue>").expect("line");
        assert_eq!(s[0].date, None);
        assert!(
            s[0].problem
                .as_deref()
                .is_some_and(|p| p.contains("not a real date"))
        );
        let s = planning_line("SCHEDULED: <2026-11-24>").expect("line");
        assert_eq!(s[0].date, None, "Logseq needs the weekday");
        assert!(
            s[0].problem
                .as_deref()
                .is_some_and(|p| p.contains("<2026-11-24 Tue>"))
        );
        let s = planning_line("SCHEDULED: <2026-11-24 Wed>").expect("line");
        assert_eq!(s[0].date, d("2026-11-24"), "Logseq goes by the date");
        assert!(
            s[0].problem
                .as_deref()
                .is_some_and(|p| p.contains("Tuesday"))
        );
        let s = planning_line("SCHEDULED: <2026-11-24 Di>").expect("line");
        assert!(
            s[0].problem.is_none(),
            "a weekday in another language is not checked"
        );
        let s = planning_line("SCHEDULED: <2026-1-5 Mon>").expect("line");
        assert_eq!(s[0].date, d("2026-01-05"));
        let s = planning_line("SCHEDULED: tomorrow").expect("line");
        assert!(s[0].problem.is_some());
        let s = planning_line("SCHEDULED: <2026-11-24 Tue").expect("line");
        assert!(s[0].problem.is_some());
    }

    #[test]
    fn repeaters_in_tasks_words() {
        assert_eq!(repeater("+1d").as_deref(), Some("every day"));
        assert_eq!(repeater("++1w").as_deref(), Some("every week"));
        assert_eq!(repeater(".+2y").as_deref(), Some("every 2 years when done"));
        assert_eq!(repeater("+3h").as_deref(), Some("every 3 hours"));
        assert_eq!(repeater("+0d"), None);
        assert_eq!(repeater("+1x"), None);
        assert_eq!(repeater("1d"), None);
    }

    #[test]
    fn clocks_stop_on_their_end_day() {
        assert_eq!(
            clock_end("CLOCK: [2026-11-24 Tue 21:40:00]--[2026-11-25 Wed 00:10:00] =>  02:30:00"),
            d("2026-11-25")
        );
        assert_eq!(
            clock_end("CLOCK: [2021-09-01 Wed 15:35]--[2021-09-01 Wed 15:36] =>  00:01"),
            d("2021-09-01")
        );
        assert_eq!(
            clock_end("CLOCK: [2026-11-24 Tue 13:00:00]"),
            None,
            "running"
        );
        assert_eq!(clock_end("CLOCKS: x"), None);
    }

    #[test]
    fn properties_as_logseq_reads_them() {
        assert_eq!(property("type:: plan"), Some(("type", "plan")));
        assert_eq!(property("mood::"), Some(("mood", "")));
        assert_eq!(
            property("logseq.order-list-type:: number"),
            Some(("logseq.order-list-type", "number"))
        );
        assert_eq!(property("two words:: x"), None);
        assert_eq!(property("a::b"), None);
        assert_eq!(property(":: x"), None);
        assert!(is_writing("decision"));
        assert!(!is_writing("collapsed"));
        assert!(!is_writing("logseq.order_list_type"));
    }

    #[test]
    fn refs_and_macros_are_blanked_linearly() {
        let t = mask_refs(Cow::Borrowed(
            "Progress on ((6744c2a1)): ch. 4 {{embed [[x]]}} end",
        ));
        assert_eq!(inline::count_words(&t), 5);
        assert_eq!(
            t.len(),
            "Progress on ((6744c2a1)): ch. 4 {{embed [[x]]}} end".len()
        );
        assert_eq!(mask_refs(Cow::Borrowed("(( open")), "(( open");
        let hostile = "((".repeat(50_000) + &"{{".repeat(50_000);
        assert_eq!(mask_refs(Cow::Borrowed(&hostile)).len(), hostile.len());
    }

    #[test]
    fn page_lists_of_every_shape() {
        assert_eq!(page_list("plan, writing"), ["plan", "writing"]);
        assert_eq!(page_list("[[plan]], [[term 1]]"), ["plan", "term 1"]);
        assert_eq!(page_list("#plan #writing"), ["plan", "writing"]);
        assert_eq!(page_list("a，b"), ["a", "b"]);
        assert_eq!(
            bracket_tags("x #[[Projects/Website Relaunch]] #[[]]"),
            ["Projects/Website Relaunch"]
        );
    }

    #[test]
    fn journal_names_and_titles() {
        let graph = crate::config::logseq::Graph::default();
        let s = graph.parse_settings();
        assert_eq!(
            s.journal_date("journals/2026_11_24.md"),
            Some(d("2026-11-24"))
        );
        assert_eq!(
            s.journal_date("journals/2026-11-24.md"),
            Some(d("2026-11-24"))
        );
        assert_eq!(s.journal_date("journals/2026_11_31.md"), Some(None));
        assert_eq!(s.journal_date("pages/2026_11_24.md"), None);
        let day = d("2026-11-23").expect("date");
        assert_eq!(s.journal_title(day), "Nov 23rd, 2026");
        assert_eq!(s.date_reference("[[Dec 31st, 2026]]"), d("2026-12-31"));
        assert_eq!(s.date_reference("[[dec 1st, 2025]]"), d("2025-12-01"));
        assert_eq!(s.date_reference("Learn Spanish"), None);
    }

    fn read(path: &str, text: &str) -> crate::model::Note {
        let settings = crate::note::ParseSettings {
            logseq: Some(crate::config::logseq::Graph::default().parse_settings()),
            ..Default::default()
        };
        crate::note::parse(path, text, &settings)
    }

    fn words(n: &crate::model::Note) -> u32 {
        n.words.iter().map(|w| w.words).sum()
    }

    #[test]
    fn a_journal_is_dated_by_its_file_name_and_its_tasks_by_the_journal() {
        let n = read(
            "journals/2026_11_24.md",
            "- TODO [#A] Call [[Mum]] #family\n- DONE Pay rent\n- LATER x\n\t- NOW sub\n",
        );
        assert_eq!(n.date, d("2026-11-24"));
        assert_eq!(n.entries, [d("2026-11-24").expect("date")]);
        let t = &n.tasks[0];
        assert_eq!(
            (t.status, t.marker(), t.priority),
            (Status::Todo, Some(Marker::Todo), Some(Priority::High))
        );
        assert_eq!(t.text, "Call [[Mum]] #family");
        assert_eq!(
            (t.tags.as_slice(), t.links.as_slice()),
            (&["family".to_string()][..], &["Mum".to_string()][..])
        );
        assert_eq!(t.place.date, d("2026-11-24"));
        assert_eq!((t.place.line, t.place.col), (1, 3));
        assert_eq!(n.tasks[1].status, Status::Done);
        assert_eq!(n.tasks[3].parent, Some(2), "a nested task is a sub-task");
        assert!(n.diagnostics.is_empty(), "{:?}", n.diagnostics);
    }

    #[test]
    fn what_is_not_a_task() {
        let n = read(
            "pages/p.md",
            "- TODO: no\n- todo no\n- DONEish no\n- [#A] no\n- text\n  TODO continuation\n* TODO star\n1. TODO numbered\n- How:\n  ```\n  - TODO fenced\n  ```\n- ```\n  - TODO fenced on the bullet\n  ```\n> - TODO quoted\n- x\n  #+BEGIN_SRC\n  - TODO in source\n  #+END_SRC\n- #+BEGIN_QUERY\n  - TODO in a query\n  #+END_QUERY\n- TODO yes\n",
        );
        let texts: Vec<&str> = n.tasks.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, ["yes"]);
    }

    #[test]
    fn planning_lines_date_the_task_above_them() {
        let n = read(
            "journals/2026_11_24.md",
            "- TODO water\n  SCHEDULED: <2026-11-28 Sat .+3d>\n- TODO rent\n\tDEADLINE: <2026-12-01 Tue +1m>\n- Dentist\n  SCHEDULED: <2026-11-27 Fri 15:30>\n- TODO passport\n  DEADLINE: <2026-11-31 Tue>\n- TODO odd\n  SCHEDULED: <2026-11-24 Wed>\n",
        );
        let t = &n.tasks;
        assert_eq!(
            (t[0].dates.scheduled, t[0].recurrence()),
            (d("2026-11-28"), Some("every 3 days when done"))
        );
        assert_eq!(
            (t[1].dates.due, t[1].recurrence()),
            (d("2026-12-01"), Some("every month"))
        );
        assert_eq!(t[2].dates.due, None);
        assert_eq!(t[3].dates.scheduled, d("2026-11-24"));
        let found: Vec<(u32, bool)> = n
            .diagnostics
            .iter()
            .map(|x| (x.line, x.is_warning()))
            .collect();
        assert_eq!(
            found,
            [(6, false), (8, true), (10, true)],
            "{:?}",
            n.diagnostics
        );
        assert_eq!(words(&n), 5, "planning lines are not words");
    }

    #[test]
    fn logbook_clocks_and_done_properties_give_done_dates() {
        let n = read(
            "journals/2026_11_24.md",
            "- DONE late night\n  :LOGBOOK:\n  CLOCK: [2026-11-24 Tue 21:40:00]--[2026-11-25 Wed 00:10:00] =>  02:30:00\n  CLOCK: [2026-11-24 Tue 10:00:00]--[2026-11-24 Tue 11:00:00] =>  01:00:00\n  :END:\n- DONE by property\n  done:: 1795780800000\n  :logbook:\n  CLOCK: [2026-11-20 Fri 10:00]--[2026-11-20 Fri 11:00] =>  01:00\n  :end:\n- DONE on the page\n- NOW running\n  :LOGBOOK:\n  CLOCK: [2026-11-24 Tue 13:00:00]\n  :END:\n- TODO repeats\n  :LOGBOOK:\n  * State \"DONE\" from \"TODO\" [2026-11-25 Wed 08:10]\n  :END:\n",
        );
        let done: Vec<_> = n.tasks.iter().map(|t| t.dates.done).collect();
        assert_eq!(done, [d("2026-11-25"), d("2026-11-27"), None, None, None]);
        assert_eq!(
            n.tasks[4].status,
            Status::Todo,
            "a repeat's completion leaves it open"
        );
        assert_eq!(
            n.tasks[4].completions(),
            [NaiveDate::from_ymd_opt(2026, 11, 25).expect("day")],
            "and is kept as a completion"
        );
        assert!(
            n.tasks[0].completions().is_empty(),
            "a clock is not a completion"
        );
        assert_eq!(n.tasks.len(), 5, "a State line in the drawer is not a task");
        assert_eq!(words(&n), 9, "drawers and done:: are not words");
        assert!(n.diagnostics.is_empty(), "{:?}", n.diagnostics);
        let n = read(
            "pages/p.md",
            "- TODO x\n  :LOGBOOK:\n  CLOCK: x\n- TODO y\n",
        );
        assert_eq!(n.tasks.len(), 2, "an unclosed drawer ends with its block");
        assert_eq!(n.diagnostics.len(), 1);
    }

    #[test]
    fn page_properties_are_front_matter_and_block_properties_belong_to_their_block() {
        let n = read(
            "pages/Learn.md",
            "type:: [[plan]]\ntags:: languages, [[term 1]]\nalias:: Spanish, Español\nstatus:: active\ntarget:: [[Dec 31st, 2026]]\nrevisit:: 2027-01-10\ntitle:: Learn Spanish\n\n- IN-PROGRESS read\n  id:: 6744c2a1-8f3e-4d6b-9a21-5c0d7e9f1a42\n  collapsed:: true\n",
        );
        let f = &n.front;
        assert_eq!(f.kind.as_deref(), Some("plan"));
        assert_eq!(f.tags, ["languages", "term 1"]);
        assert_eq!(n.tags, ["languages", "term 1"]);
        assert_eq!(f.aliases, ["Spanish", "Español"]);
        assert_eq!(
            (f.status.as_deref(), f.title.as_deref()),
            (Some("active"), Some("Learn Spanish"))
        );
        assert_eq!((f.target, f.revisit), (d("2026-12-31"), d("2027-01-10")));
        assert_eq!(
            n.tasks[0].block_id(),
            Some("6744c2a1-8f3e-4d6b-9a21-5c0d7e9f1a42")
        );
        // Written as the first block, as by hand: page properties too.
        let n = read(
            "pages/p.md",
            "- tags:: plan, work\n  status:: paused\n- TODO x\n",
        );
        assert_eq!(
            (n.front.tags.len(), n.front.status.as_deref()),
            (2, Some("paused"))
        );
        let n = read("pages/p.md", "target:: soon\n");
        assert_eq!(
            n.diagnostics.len(),
            1,
            "a date that is not one is a warning"
        );
    }

    #[test]
    fn internal_properties_refs_and_macros_are_not_words() {
        let n = read(
            "journals/2026_11_26.md",
            "- Progress on ((6744c2a1-8f3e)): finished chapter 4\n  id:: 6744c2a1-8f3e\n  collapsed:: true\n  created-at:: 1700000000000\n- {{embed ((6744c2a1-8f3e))}}\n- {{query (todo now)}}\n- mood:: 4\n- Lunch\n  place:: the old mill\n",
        );
        // "Progress on : finished chapter 4" (5), "Lunch" (1), "the old mill" (3).
        assert_eq!(words(&n), 9);
        assert_eq!(n.moods.len(), 1);
    }

    #[test]
    fn decisions_take_their_revisit_from_the_next_property() {
        let n = read(
            "journals/2026_11_25.md",
            "- Talked it over\n  decision:: Stay for now\n  revisit:: [[Jan 15th, 2027]]\n",
        );
        assert_eq!(n.decisions.len(), 1);
        assert_eq!(n.decisions[0].text, "Stay for now");
        assert_eq!(n.decisions[0].revisit, d("2027-01-15"));
    }

    #[test]
    fn question_blocks_in_journals_are_prompts_answered_by_their_children() {
        let n = read(
            "journals/2026_11_29.md",
            "- What next?\n\t- Book two sessions\n\t- TODO Ask Ana\n\t  soon\n- Are you happy?\n- What went well?\n\t- ...\n- Done\n",
        );
        let p: Vec<(&str, bool, &str)> = n
            .prompts
            .iter()
            .map(|p| (p.text.as_str(), p.answered, p.answer.as_str()))
            .collect();
        assert_eq!(
            p,
            [
                ("What next?", true, "- Book two sessions\n- Ask Ana\n  soon"),
                ("Are you happy?", false, ""),
                ("What went well?", false, "- ..."),
            ]
        );
        assert_eq!(n.prompts[0].kind, PromptKind::Block);
        assert_eq!(n.tasks.len(), 1, "a task in an answer is still a task");
        let n = read("pages/Why.md", "- Why Spanish?\n\t- Because.\n");
        assert!(
            n.prompts.is_empty(),
            "a question on an undated page is not a prompt"
        );
    }

    #[test]
    fn template_blocks_are_not_the_users_writing() {
        let n = read(
            "journals/2026_11_24.md",
            "- Daily\n  template:: daily\n\t- mood::\n\t- TODO Plan the day\n\t- What went well?\n- TODO real\n",
        );
        let texts: Vec<&str> = n.tasks.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, ["real"]);
        assert!(n.prompts.is_empty());
    }

    #[test]
    fn tasks_remember_the_pages_of_the_blocks_above_them() {
        let n = read(
            "journals/2026_11_25.md",
            "- [[Projects/Site]]\n\t- Meeting with [[Ana]] #work\n\t\t- TODO follow up\n\t\t\t- TODO nested\n- TODO alone\n",
        );
        assert_eq!(n.tasks[0].context_links(), ["Ana", "work", "Projects/Site"]);
        assert!(
            n.tasks[1].context_links().is_empty(),
            "its parent task carries them"
        );
        assert_eq!(n.tasks[1].parent, Some(0));
        assert!(n.tasks[2].context_links().is_empty());
    }

    #[test]
    fn both_grammars_in_one_note() {
        let n = read(
            "journals/2026_11_25.md",
            "- [ ] TODO is text of a checkbox task\n- TODO [ ] is text of a Logseq task\n- [x] done\n\t- LATER under a checkbox\n",
        );
        let t: Vec<(&str, Option<Marker>, Option<u32>)> = n
            .tasks
            .iter()
            .map(|t| (t.text.as_str(), t.marker(), t.parent))
            .collect();
        assert_eq!(
            t,
            [
                ("TODO is text of a checkbox task", None, None),
                ("[ ] is text of a Logseq task", Some(Marker::Todo), None),
                ("done", None, None),
                ("under a checkbox", Some(Marker::Later), Some(2)),
            ]
        );
    }

    #[test]
    fn journal_file_names_that_do_not_parse_and_titles_that_disagree() {
        let n = read("journals/2026_11_31.md", "- TODO still read\n");
        assert_eq!(n.date, None);
        assert_eq!(n.tasks.len(), 1);
        assert!(
            n.diagnostics[0]
                .message
                .contains("does not parse as yyyy_MM_dd")
        );
        let n = read(
            "journals/2020_09_14.md",
            "---\ntitle: Sep 14th, 2020\n---\n-\n",
        );
        assert!(n.diagnostics.is_empty());
        assert!(
            n.entries.is_empty(),
            "an empty journal page is not an entry"
        );
        let n = read(
            "journals/2020_09_14.md",
            "---\ntitle: Sep 15th, 2020\n---\n- x\n",
        );
        assert_eq!(n.diagnostics.len(), 1);
        assert_eq!(n.entries.len(), 1);
    }
}
