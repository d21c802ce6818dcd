//! Templates and their text. A note made from a template starts with the template's own
//! words; those are not the person's writing, so each line of such a note is matched against
//! the template's lines (with its `{{date}}`, `{{title}}` and Templater `<% … %>` tokens
//! rendered for the note, or matching anything), and only what the person added counts. The
//! template's headings, bold labels and `?` list items are the prompts its notes answer.
//!
//! Also here: unrendered template syntax (`{{date}}`, `<% … %>`, `📅 2023-xx-xx`), which marks
//! a note that is a template, or a copy of one nobody filled in.

use crate::dates::moment::MomentFormat;
use crate::note::blocks::{Kind, Lines, Scanner};
use crate::note::prompts::{bold_label, normalize};
use chrono::NaiveDate;
use std::collections::HashSet;

/// A piece of a template line.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    /// `{{date}}`, `{{date:FORMAT}}`, `<% tp.date.now("FORMAT") %>`: the note's date.
    Date(MomentFormat),
    /// `{{title}}`, `<% tp.file.title %>`: the note's file name.
    Title,
    /// Any other token: matches any text.
    Any,
}

/// The shapes of prompt a template asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Shape {
    /// A heading over a section left for writing.
    Heading,
    /// A bold label: `**What went well:**`.
    Label,
    /// A list item ending in `?`.
    Item,
}

/// A periodic note template, read for matching (its lines) and for its prompts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Template {
    lines: Vec<Vec<Piece>>,
    /// (shape, folded question), sorted.
    prompts: Vec<(Shape, String)>,
}

/// A template line rendered for one note.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Rendered {
    Text(String),
    Any,
}

/// A template's lines rendered for one note: what its unchanged lines look like there.
#[derive(Debug, Clone, Default)]
pub(crate) struct NoteTemplate {
    exact: HashSet<String>,
    /// Lines of plain text with a letter or digit, longest first: a line that starts with
    /// one and goes on holds the person's words after it.
    prefixes: Vec<String>,
    /// Lines with tokens that match any text.
    patterns: Vec<Vec<Rendered>>,
}

/// How a line of a note stands to its template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineMatch<'a> {
    /// Not the template's: all of it is the person's.
    Own,
    /// The template's own line, unchanged.
    Template,
    /// The template's line with the person's words after it (`mood:: 4` after `mood::`).
    Added(&'a str),
}

/// Templater's execution blocks `<%* … %>` (also `<%_*`, `<%-*`) print nothing.
fn without_execution_blocks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("<%") {
        let after = &rest[i + 2..];
        let after_ws = after.strip_prefix(['_', '-']).unwrap_or(after);
        if !after_ws.starts_with('*') {
            out.push_str(&rest[..i + 2]);
            rest = after;
            continue;
        }
        out.push_str(&rest[..i]);
        match after.find("%>") {
            Some(end) => rest = &after[end + 2..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// The format of `tp.date.now("FORMAT")` with no other argument.
fn templater_date(inner: &str) -> Option<MomentFormat> {
    let args = inner
        .strip_prefix("tp.date.now(")?
        .strip_suffix(')')?
        .trim();
    if args.is_empty() {
        return Some(MomentFormat::new("YYYY-MM-DD"));
    }
    let f = args
        .strip_prefix('"')
        .and_then(|a| a.strip_suffix('"'))
        .or_else(|| args.strip_prefix('\'').and_then(|a| a.strip_suffix('\'')))?;
    (!f.contains(['"', '\''])).then(|| MomentFormat::new(f))
}

/// A template line as pieces.
fn compile(line: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut rest = line;
    loop {
        let next = [rest.find("{{"), rest.find("<%")]
            .into_iter()
            .flatten()
            .min();
        let Some(i) = next else {
            text.push_str(rest);
            break;
        };
        let (close, core) = if rest[i..].starts_with("{{") {
            ("}}", true)
        } else {
            ("%>", false)
        };
        let Some(len) = rest[i + 2..].find(close) else {
            text.push_str(rest);
            break;
        };
        text.push_str(&rest[..i]);
        if !text.is_empty() {
            pieces.push(Piece::Text(std::mem::take(&mut text)));
        }
        let inner = rest[i + 2..i + 2 + len].trim();
        let piece = if core {
            let (name, format) = match inner.split_once(':') {
                Some((n, f)) => (n.trim(), Some(f.trim())),
                None => (inner, None),
            };
            match (name.to_ascii_lowercase().as_str(), format) {
                ("date", None) => Piece::Date(MomentFormat::new("YYYY-MM-DD")),
                ("date", Some(f)) if !f.is_empty() => Piece::Date(MomentFormat::new(f)),
                ("title", None) => Piece::Title,
                _ => Piece::Any,
            }
        } else {
            let inner = inner
                .trim_start_matches(['_', '-', '+'])
                .trim_end_matches(['_', '-'])
                .trim();
            if inner == "tp.file.title" {
                Piece::Title
            } else {
                templater_date(inner).map_or(Piece::Any, Piece::Date)
            }
        };
        pieces.push(piece);
        rest = &rest[i + 2 + len + 2..];
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    pieces
}

fn has_word(s: &str) -> bool {
    s.chars().any(char::is_alphanumeric)
}

/// The body of a template: without its front matter and Templater's execution blocks.
fn body(text: &str) -> String {
    without_execution_blocks(crate::note::frontmatter::split(text).body)
}

impl Template {
    /// Reads a template's text. `prompts`: also take the prompts it asks (not for journal's
    /// own daily template, whose sections are not questions).
    pub(crate) fn read(text: &str, prompts: bool) -> Template {
        let body = body(text);
        let lines = Lines::new(&body)
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(compile)
            .filter(|p| {
                p.iter().any(|piece| match piece {
                    Piece::Text(t) => has_word(t),
                    Piece::Date(_) | Piece::Title => true,
                    Piece::Any => false,
                })
            })
            .collect();
        let mut prompts = if prompts {
            template_prompts(&body)
        } else {
            Vec::new()
        };
        prompts.sort();
        prompts.dedup();
        Template { lines, prompts }
    }

    /// Its lines of plain text (no token), as written: what a note made from it shares with it.
    pub(crate) fn literal_lines(&self) -> impl Iterator<Item = &str> {
        self.lines.iter().filter_map(|l| match l.as_slice() {
            [Piece::Text(t)] => Some(t.trim()),
            _ => None,
        })
    }

    /// Whether notes made from this template ask `key` (a folded question) in this shape.
    pub(crate) fn asks(&self, shape: Shape, key: &str) -> bool {
        self.prompts
            .binary_search_by(|(s, k)| (*s, k.as_str()).cmp(&(shape, key)))
            .is_ok()
    }

    /// The template's lines as they read in the note of `date` named `title`.
    pub(crate) fn render(&self, date: Option<NaiveDate>, title: &str) -> NoteTemplate {
        let mut out = NoteTemplate::default();
        for line in &self.lines {
            let mut rendered: Vec<Rendered> = Vec::new();
            for piece in line {
                let r = match (piece, date) {
                    (Piece::Text(t), _) => Rendered::Text(t.clone()),
                    (Piece::Date(f), Some(d)) => Rendered::Text(f.format(d)),
                    (Piece::Title, _) => Rendered::Text(title.to_string()),
                    (Piece::Date(_), None) | (Piece::Any, _) => Rendered::Any,
                };
                match (rendered.last_mut(), r) {
                    (Some(Rendered::Text(a)), Rendered::Text(b)) => a.push_str(&b),
                    (Some(Rendered::Any), Rendered::Any) => {}
                    (_, r) => rendered.push(r),
                }
            }
            match rendered.as_slice() {
                [Rendered::Text(t)] => {
                    let t = t.trim().to_string();
                    if has_word(&t) {
                        out.prefixes.push(t.clone());
                    }
                    out.exact.insert(t);
                }
                _ => out.patterns.push(rendered),
            }
        }
        out.prefixes.sort_by_key(|p| std::cmp::Reverse(p.len()));
        out
    }
}

/// The vault's other templates (its template folders: catalog, project, meeting templates),
/// for notes that are not daily or weekly notes: a note that shares most of one template's
/// lines was made from it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Others {
    templates: Vec<Template>,
    /// Each plain line of any of them, and which templates have it.
    by_line: std::collections::BTreeMap<String, Vec<usize>>,
}

impl Others {
    pub(crate) fn new(templates: Vec<Template>) -> Others {
        let mut by_line: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
        for (i, t) in templates.iter().enumerate() {
            for l in t.literal_lines() {
                let list = by_line.entry(l.to_string()).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        Others { templates, by_line }
    }

    /// The template a note's body was made from: the one it shares the most plain lines
    /// with, when that is at least two lines and half of the template's.
    pub(crate) fn made_from(&self, body: &str) -> Option<&Template> {
        if self.by_line.is_empty() {
            return None;
        }
        let mut shared = vec![0usize; self.templates.len()];
        for line in Lines::new(body) {
            if let Some(list) = self.by_line.get(line.trim()) {
                for &i in list {
                    shared[i] += 1;
                }
            }
        }
        let (best, n) = shared
            .iter()
            .enumerate()
            .max_by_key(|&(i, n)| (*n, usize::MAX - i))?;
        let own = self.templates[best].literal_lines().count();
        (*n >= 2 && n * 2 >= own).then(|| &self.templates[best])
    }
}

/// Whether `text` matches pieces where `Any` stands for any text.
fn glob(pieces: &[Rendered], text: &str) -> bool {
    let mut rest = text;
    let n = pieces.len();
    for (i, p) in pieces.iter().enumerate() {
        let Rendered::Text(t) = p else { continue };
        let t = if i == 0 { t.trim_start() } else { t.as_str() };
        let t = if i + 1 == n { t.trim_end() } else { t };
        if i == 0 {
            match rest.strip_prefix(t) {
                Some(r) => rest = r,
                None => return false,
            }
        } else if i + 1 == n {
            return rest.ends_with(t);
        } else {
            match rest.find(t) {
                Some(at) => rest = &rest[at + t.len()..],
                None => return false,
            }
        }
    }
    matches!(pieces.last(), Some(Rendered::Any)) || rest.is_empty()
}

impl NoteTemplate {
    /// How one line of the note (as written) stands to the template.
    pub(crate) fn classify<'a>(&self, raw: &'a str) -> LineMatch<'a> {
        let line = raw.trim();
        if line.is_empty() {
            return LineMatch::Own;
        }
        if self.exact.contains(line) || self.patterns.iter().any(|p| glob(p, line)) {
            return LineMatch::Template;
        }
        for p in &self.prefixes {
            if let Some(rest) = line.strip_prefix(p.as_str())
                && (!rest.starts_with(char::is_alphanumeric) || !p.ends_with(char::is_alphanumeric))
            {
                return LineMatch::Added(rest);
            }
        }
        LineMatch::Own
    }
}

/// The prompts a template's body asks: headings over sections left for writing (not over a
/// query, code, an embed or a checkbox; not the title), bold labels, and `?` list items.
fn template_prompts(body: &str) -> Vec<(Shape, String)> {
    let mut out = Vec::new();
    let mut heading: Option<(String, bool)> = None;
    let close = |h: &mut Option<(String, bool)>, out: &mut Vec<(Shape, String)>| {
        if let Some((key, writable)) = h.take()
            && writable
        {
            out.push((Shape::Heading, key));
        }
    };
    let raw_lines: Vec<&str> = Lines::new(body).collect();
    for line in Scanner::new(body, 1) {
        let raw = raw_lines
            .get(line.no.saturating_sub(1) as usize)
            .copied()
            .unwrap_or("");
        match &line.kind {
            Kind::Heading { level, text } => {
                close(&mut heading, &mut out);
                if *level >= 2 && !text.contains("{{") && !text.contains("<%") {
                    heading = Some((normalize(text), true));
                }
            }
            Kind::Hidden => {
                let t = raw.trim_start().trim_start_matches(['>', ' ']);
                if (t.starts_with("```") || t.starts_with("~~~"))
                    && let Some(h) = &mut heading
                {
                    h.1 = false;
                }
            }
            Kind::ListItem { content, .. } | Kind::Text { content } => {
                if content.contains("![[") {
                    if let Some(h) = &mut heading {
                        h.1 = false;
                    }
                    continue;
                }
                let item = matches!(line.kind, Kind::ListItem { .. });
                if item && crate::note::tasks::checkbox(content).is_some() {
                    // A place for tasks (even a blank `- [ ]`), not for an answer.
                    if let Some(h) = &mut heading {
                        h.1 = false;
                    }
                    continue;
                }
                if let Some((label, _)) = bold_label(content) {
                    out.push((Shape::Label, normalize(label)));
                } else if item && content.trim_end().ends_with('?') {
                    out.push((Shape::Item, normalize(content)));
                }
            }
            Kind::Blank | Kind::SetextUnderline { .. } | Kind::ThematicBreak => {}
        }
    }
    close(&mut heading, &mut out);
    out
}

/// The names of the core Templates and QuickAdd tokens: `{{date}}`, `{{date:…}}`, `{{VALUE}}`.
const TOKEN_NAMES: &[&str] = &[
    "date",
    "time",
    "title",
    "value",
    "name",
    "vdate",
    "linkcurrent",
    "selected",
    "clipboard",
];

/// The first template token in `text`: a core Templates or QuickAdd `{{…}}` of a known name, or
/// a Templater `<% … %>`.
fn token(text: &str) -> Option<&str> {
    let mut from = 0;
    while let Some(i) = text[from..].find("{{").map(|i| from + i) {
        let Some(len) = text[i + 2..].find("}}") else {
            break;
        };
        let inner = text[i + 2..i + 2 + len].trim();
        let name = inner.split(':').next().unwrap_or("").trim();
        if !inner.contains(['{', '}']) && TOKEN_NAMES.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            return Some(&text[i..i + 2 + len + 2]);
        }
        from = i + 2;
    }
    let i = text.find("<%")?;
    let rest = &text[i + 2..];
    let end = rest.find("%>")?;
    (end <= 300 && !rest[..end].contains('%')).then(|| &text[i..i + 2 + end + 2])
}

/// Whether `s` starts with a placeholder date: `2023-xx-xx`, `xxxx-xx-xx`, `YYYY-MM-DD`.
fn placeholder_date(s: &str) -> Option<&str> {
    let d = s.get(..10)?;
    let b = d.as_bytes();
    let part = |r: std::ops::Range<usize>, letters: &[&str]| {
        let p = &d[r];
        p.bytes().all(|c| c.is_ascii_digit()) || letters.contains(&p)
    };
    let shaped = b[4] == b'-'
        && b[7] == b'-'
        && part(0..4, &["xxxx", "XXXX", "YYYY"])
        && part(5..7, &["xx", "XX", "MM"])
        && part(8..10, &["xx", "XX", "DD"]);
    let letter = d.bytes().any(|c| c.is_ascii_alphabetic());
    let ends = !s[10..].starts_with(|c: char| c.is_alphanumeric());
    (shaped && letter && ends).then_some(d)
}

fn shown(token: &str) -> String {
    let mut t: String = token.chars().take(40).collect();
    if t.len() < token.len() {
        t.push('…');
    }
    t
}

/// Unrendered template syntax in a task line: a core Templates, QuickAdd or Templater token,
/// or a placeholder date in a date field (`📅 2023-xx-xx`, `[due:: YYYY-MM-DD]`). Tokens of
/// other kinds (`{{query.file.path}}`, Logseq's `{{embed …}}`) are not template syntax.
pub(crate) fn in_task(line: &str) -> Option<String> {
    if let Some(t) = token(line) {
        return Some(shown(t));
    }
    for (i, c) in line.char_indices() {
        // The date fields of a task line: after a date emoji, or after a Dataview date key.
        let after = if crate::note::tasks::is_date_emoji(c) {
            &line[i + c.len_utf8()..]
        } else if c == ':' && line[i..].starts_with("::") {
            // The key is the run of ASCII letters before `::` (all one byte each).
            let key_start = i - line[..i]
                .bytes()
                .rev()
                .take_while(u8::is_ascii_alphabetic)
                .count();
            if !crate::note::tasks::is_date_key(&line[key_start..i]) {
                continue;
            }
            &line[i + 2..]
        } else {
            continue;
        };
        let value = after.trim_start_matches('\u{FE0F}').trim_start();
        if let Some(d) = placeholder_date(value) {
            return Some(shown(d));
        }
    }
    None
}

/// Unrendered template syntax in a front-matter value.
pub(crate) fn in_value(value: &str) -> Option<String> {
    if let Some(t) = token(value) {
        return Some(shown(t));
    }
    let v = value.trim();
    placeholder_date(v)
        .filter(|d| d.len() == v.len())
        .map(shown)
}

/// journal's own daily template (`templates/daily.md`) in the core Templates plugin's terms,
/// for notes `journal new` made when the vault names no template of its own.
pub(crate) const JOURNAL_DAILY: &str =
    "# {{date:dddd D MMMM YYYY}}\n\nmood:: \n\n## Due or scheduled today\n\n## Notes\n";

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::dates::parse_date(s).expect("date")
    }

    #[test]
    fn template_lines_rendered_for_the_note() {
        let t = Template::read(
            "---\ntags: daily\n---\n# <% tp.file.title %>\n<%*\n  let x = tp.date.now()\n%>\n## Overdue\n\n```tasks\npreset overdue\n```\n# {{date:dddd, D MMMM YYYY}}\nmood:: \nI could have made today better by\n<% tp.file.cursor() %>\n",
            true,
        );
        let n = t.render(Some(d("2026-11-24")), "2026-11-24");
        assert_eq!(n.classify("# 2026-11-24"), LineMatch::Template);
        assert_eq!(n.classify("# 2026-11-25"), LineMatch::Own);
        assert_eq!(n.classify("## Overdue"), LineMatch::Template);
        assert_eq!(n.classify("preset overdue"), LineMatch::Template);
        assert_eq!(
            n.classify("# Tuesday, 24 November 2026"),
            LineMatch::Template
        );
        assert_eq!(n.classify("mood:: 4"), LineMatch::Added(" 4"));
        assert_eq!(
            n.classify("I could have made today better by sleeping"),
            LineMatch::Added(" sleeping")
        );
        assert_eq!(n.classify("mood::x"), LineMatch::Added("x"));
        assert_eq!(n.classify("## Overdue bills"), LineMatch::Added(" bills"));
        assert_eq!(n.classify("## Overduel"), LineMatch::Own);
        assert_eq!(
            n.classify("Anything at all"),
            LineMatch::Own,
            "a line of nothing but a token matches nothing"
        );
        assert_eq!(n.classify("let x = tp.date.now()"), LineMatch::Own);
    }

    #[test]
    fn tokens_in_the_middle_match_any_text() {
        let t = Template::read("Weather: {{weather}} today\n", false);
        let n = t.render(None, "x");
        assert_eq!(
            n.classify("Weather: rain and wind today"),
            LineMatch::Template
        );
        assert_eq!(n.classify("Weather: rain"), LineMatch::Own);
    }

    #[test]
    fn prompts_of_a_template() {
        let t = Template::read(
            "# {{date}}\n## Gratitude\n\n## Tasks today\n```tasks\ndue today\n```\n## Notes\n![[Daily.base]]\n## Habits\n- [ ] Meditate\n## Todo\n- [ ] \n## Evening\n**What went well:**\n- How did I sleep?\n",
            true,
        );
        assert!(t.asks(Shape::Heading, "gratitude"));
        assert!(!t.asks(Shape::Heading, "tasks today"), "a query");
        assert!(!t.asks(Shape::Heading, "notes"), "an embed");
        assert!(!t.asks(Shape::Heading, "habits"), "a checklist");
        assert!(!t.asks(Shape::Heading, "todo"), "a place for tasks");
        assert!(t.asks(Shape::Heading, "evening"));
        assert!(t.asks(Shape::Label, "what went well"));
        assert!(t.asks(Shape::Item, "how did i sleep"));
        assert!(!Template::read("## Gratitude\n", false).asks(Shape::Heading, "gratitude"));
    }

    #[test]
    fn a_note_made_from_a_catalog_template() {
        let city = Template::read(
            "---\ncreated: {{date}}\n---\n## Trips\n\n![[Trips.base#Location]]\n\n## Places\n\n![[Map.base#Location]]\n",
            false,
        );
        let person = Template::read("## Meetings\n![[Meetings.base#Person]]\n", false);
        let others = Others::new(vec![person, city.clone()]);
        let kyoto = "## Trips\n![[Trips.base#Location]]\n## Places\n![[Map.base#Location]]\n";
        assert_eq!(others.made_from(kyoto), Some(&city));
        assert_eq!(
            others.made_from("## Trips\nMy trip to Kyoto was long.\n"),
            None
        );
        assert_eq!(Others::default().made_from(kyoto), None);
    }

    #[test]
    fn unrendered_syntax() {
        for line in [
            "Call Ann 📅 2023-xx-xx",
            "Call Ann 📅 <% tp.date.now() %>",
            "Review {{date}}",
            "Review {{DATE:YYYY-MM-DD}}",
            "Call [due:: YYYY-MM-DD]",
            "x ⏳ xxxx-xx-xx",
            "é[due:: YYYY-MM-DD]",
        ] {
            assert!(in_task(line).is_some(), "{line}");
        }
        for line in [
            "Call Ann 📅 2023-11-02",
            "see {{query.file.path}}",
            "{{embed [[page]]}}",
            "fix the YYYY-MM-DD parser",
            "\u{202e}::x-",
        ] {
            assert_eq!(in_task(line), None, "{line}");
        }
        assert!(in_value("{{date}}").is_some());
        assert!(in_value("YYYY-MM-DD").is_some());
        assert_eq!(in_value("2026-11-24"), None);
    }
}
