//! The task-line grammar: the checkbox, and the metadata read backwards from the end of the
//! line as Obsidian Tasks reads it, in its emoji format and its Dataview format together.
//!
//! Obsidian Tasks strips one field at a time from the end of the line (tags may sit between
//! fields and stay in the description); the first text that is not a field ends the
//! metadata. A field in the middle of the text is therefore not read: `journal check` warns
//! about it, because it is a frequent surprise.

use super::inline;
use crate::dates::{IsoDate, parse_iso};
use crate::model::{Priority, TaskDates};
use chrono::NaiveDate;

/// The checkbox at the start of a list item's content: `[c]` then a space or the end.
/// Returns the symbol and the rest of the line.
pub(crate) fn checkbox(content: &str) -> Option<(char, &str)> {
    let rest = content.strip_prefix('[')?;
    let mut chars = rest.chars();
    let symbol = chars.next()?;
    let after = chars.as_str().strip_prefix(']')?;
    match after.chars().next() {
        None => Some((symbol, "")),
        Some(' ' | '\t') => Some((symbol, &after[1..])),
        Some(_) => None,
    }
}

/// Which date a field sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateField {
    Due,
    Scheduled,
    Start,
    Created,
    Done,
    Cancelled,
}

impl DateField {
    fn name(self) -> &'static str {
        match self {
            DateField::Due => "due",
            DateField::Scheduled => "scheduled",
            DateField::Start => "start",
            DateField::Created => "created",
            DateField::Done => "done",
            DateField::Cancelled => "cancelled",
        }
    }
}

const DATE_EMOJI: &[(&str, DateField)] = &[
    ("📅", DateField::Due),
    ("📆", DateField::Due),
    ("🗓", DateField::Due),
    ("⏳", DateField::Scheduled),
    ("⌛", DateField::Scheduled),
    ("🛫", DateField::Start),
    ("➕", DateField::Created),
    ("✅", DateField::Done),
    ("❌", DateField::Cancelled),
];

const PRIORITY_EMOJI: &[(&str, Priority)] = &[
    ("🔺", Priority::Highest),
    ("⏫", Priority::High),
    ("🔼", Priority::Medium),
    ("🔽", Priority::Low),
    ("⏬", Priority::Lowest),
];

const VS16: char = '\u{FE0F}';

/// The Dataview keys Obsidian Tasks reads as task metadata, exactly as it matches them:
/// so written, case and all. The date keys first.
const DATAVIEW_KEYS: &[&str] = &[
    "due",
    "scheduled",
    "start",
    "created",
    "completion",
    "cancelled",
    "priority",
    "repeat",
    "id",
    "dependsOn",
    "onCompletion",
];
/// How many of [`DATAVIEW_KEYS`] hold dates.
const DATAVIEW_DATE_KEYS: usize = 6;

/// Whether a Dataview field on a task line (its key folded as `inline::fold_key` folds) is
/// task metadata rather than a note field.
pub(crate) fn is_task_field(key: &str) -> bool {
    DATAVIEW_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key))
}

/// Whether a Dataview key on a task line holds one of the task's dates.
pub(crate) fn is_date_key(key: &str) -> bool {
    DATAVIEW_KEYS[..DATAVIEW_DATE_KEYS]
        .iter()
        .any(|k| k.eq_ignore_ascii_case(key))
}

/// Whether `c` is an Obsidian Tasks date emoji (without its variation selector).
pub(crate) fn is_date_emoji(c: char) -> bool {
    DATE_EMOJI.iter().any(|(emoji, _)| emoji.starts_with(c))
}

/// A problem with one field, at a byte offset into the text given to [`parse_body`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub offset: usize,
    pub message: String,
}

/// Everything read from the text after a task's checkbox.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Body {
    pub text: String,
    pub dates: TaskDates,
    /// A due, scheduled or start field was read, even one whose date is impossible: such a
    /// task gets no scheduled date from its file name (Obsidian Tasks' rule).
    pub dated: bool,
    pub priority: Option<Priority>,
    pub recurrence: Option<String>,
    pub tags: Vec<String>,
    pub links: Vec<String>,
    pub id: Option<String>,
    pub depends_on: Vec<String>,
    pub on_completion: Option<String>,
    pub block_id: Option<String>,
    pub problems: Vec<Problem>,
}

enum Field {
    Date(DateField, Option<NaiveDate>),
    Priority(Priority),
    Recurrence(String),
    Id(String),
    DependsOn(Vec<String>),
    /// `delete` or `keep`; any other word is read as the field and means nothing.
    OnCompletion(Option<String>),
    Tag,
}

/// Reads a task's description and metadata. `body` is the text after `[c] `.
pub(crate) fn parse_body(body: &str) -> Body {
    let mut out = Body::default();
    let mut rest = body.trim();
    if let Some((before, id)) = split_block_id(rest) {
        out.block_id = Some(id.to_string());
        rest = before.trim();
    }
    let mut trailing_tags: Vec<&str> = Vec::new();
    // Obsidian Tasks gives up after a fixed number of fields; so do we, generously.
    for _ in 0..64 {
        let Some((start, field)) = field_at_end(rest, &mut out.problems) else {
            break;
        };
        match field {
            Field::Date(which, date) => {
                let slot = match which {
                    DateField::Due => &mut out.dates.due,
                    DateField::Scheduled => &mut out.dates.scheduled,
                    DateField::Start => &mut out.dates.start,
                    DateField::Created => &mut out.dates.created,
                    DateField::Done => &mut out.dates.done,
                    DateField::Cancelled => &mut out.dates.cancelled,
                };
                out.dated |= matches!(
                    which,
                    DateField::Due | DateField::Scheduled | DateField::Start
                );
                // Read from the end: the leftmost field of a kind wins, as in Obsidian Tasks,
                // even when its date is impossible.
                *slot = date;
            }
            Field::Priority(p) => out.priority = Some(p),
            Field::Recurrence(r) => out.recurrence = Some(r),
            Field::Id(id) => out.id = Some(id),
            Field::DependsOn(ids) => out.depends_on = ids,
            Field::OnCompletion(v) => out.on_completion = v,
            Field::Tag => trailing_tags.push(rest[start..].trim()),
        }
        rest = rest[..start].trim();
    }
    let mut text = rest.to_string();
    for tag in trailing_tags.iter().rev() {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(tag);
    }
    let masked = inline::mask_code(&text);
    out.tags = inline::tags(&masked).map(|(_, t)| t.to_string()).collect();
    out.links = inline::links(&masked);
    if let Some((offset, message)) = stray_metadata(&masked) {
        let offset = body.find(&text).map_or(0, |o| o + offset);
        out.problems.push(Problem { offset, message });
    }
    out.text = text;
    out
}

/// Removes Obsidian Tasks' global filter from a description for display, as the plugin does
/// with "remove the global filter": only where it is a whole word (so `#task` leaves
/// `#tasks` and `#task/sub` alone), then one doubled space closed up.
pub(crate) fn remove_global_filter(text: &str, filter: &str) -> String {
    if filter.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    // Where the last removal ended, with the space after it: a filter right after it has no
    // space of its own before it, so it stays (the plugin's `(^|\s)filter($|\s)`, global).
    let mut from = 0;
    let mut changed = false;
    let mut at = 0;
    while let Some(k) = text[at..].find(filter) {
        let i = at + k;
        let end = i + filter.len();
        let before = text[..i].chars().next_back();
        let after = text[end..].chars().next();
        let open = match before {
            None => true,
            Some(c) => c.is_whitespace() && i - c.len_utf8() >= from,
        };
        if open && after.is_none_or(char::is_whitespace) {
            out.push_str(&text[from..i]);
            from = end + after.map_or(0, char::len_utf8);
            if let Some(c) = after {
                out.push(c);
            }
            changed = true;
            at = from;
        } else {
            at = i + text[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    if !changed {
        return text.to_string();
    }
    out.push_str(&text[from..]);
    out.replacen("  ", " ", 1).trim().to_string()
}

/// A trailing block id ` ^abc-1`: a space, `^`, letters, digits and `-` (Obsidian Tasks'
/// rule, so `text^abc` and a line that is only `^abc` have none).
fn split_block_id(s: &str) -> Option<(&str, &str)> {
    let i = s.rfind('^')?;
    let id = &s[i + 1..];
    let before = &s[..i];
    let ok = !id.is_empty()
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && before.ends_with(' ');
    ok.then_some((before, id))
}

/// `s` with `emoji` (and its variation selector, and spaces) taken off its end, if it ends so.
fn strip_emoji_suffix<'a>(s: &'a str, emoji: &str) -> Option<&'a str> {
    let s = s.trim_end_matches(' ');
    s.strip_suffix(VS16).unwrap_or(s).strip_suffix(emoji)
}

/// The field that ends `s`, with the byte offset where it starts. Tried in Obsidian Tasks'
/// order, which decides the rare text two fields could both claim (`#tag🆔abc` is a tag).
fn field_at_end(s: &str, problems: &mut Vec<Problem>) -> Option<(usize, Field)> {
    if let Some(f) = dataview_at_end(s, problems) {
        return Some(f);
    }
    for &(emoji, p) in PRIORITY_EMOJI {
        if let Some(head) = s.strip_suffix(VS16).unwrap_or(s).strip_suffix(emoji) {
            return Some((head.len(), Field::Priority(p)));
        }
    }
    // A date: `📅 2026-11-24`, `📅2026-11-24`, `📅️ 2026-11-24`.
    if s.len() >= 10 && s.is_char_boundary(s.len() - 10) {
        let token = &s[s.len() - 10..];
        if let Some(parsed) = parse_iso(token) {
            let before = &s[..s.len() - 10];
            for &(emoji, which) in DATE_EMOJI {
                if let Some(head) = strip_emoji_suffix(before, emoji) {
                    let date = checked(parsed, which, s.len() - 10, token, problems);
                    return Some((head.len(), Field::Date(which, date)));
                }
            }
        }
    }
    if let Some((i, v)) = trailing(s, "🔁", |b| {
        b.is_ascii_alphanumeric() || b == b',' || b == b' ' || b == b'!'
    }) {
        return Some((i, Field::Recurrence(v.trim().to_string())));
    }
    if let Some((i, v)) = trailing(s, "🏁", |b| b.is_ascii_alphabetic()) {
        return Some((i, Field::OnCompletion(on_completion(v))));
    }
    if let Some(i) = trailing_tag(s) {
        // A tag stays in the description but does not end the metadata.
        return Some((i, Field::Tag));
    }
    if let Some((i, v)) = trailing(s, "🆔", |b| {
        b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
    }) {
        return Some((i, Field::Id(v.to_string())));
    }
    if let Some((i, v)) = trailing(s, "⛔", |b| {
        b.is_ascii_alphanumeric() || b"-_, ".contains(&b)
    }) && let Some(ids) = id_list(v)
    {
        return Some((i, Field::DependsOn(ids)));
    }
    None
}

/// What Obsidian Tasks skips over as a tag while it reads fields from the end: `#` after a
/// space (or at the start) and then anything but spaces and `!@#$%^&*(),.?":{}|<>`. Wider
/// than a tag (`#1984`, `#it's` qualify), so the fields before it are read as the plugin
/// reads them; which tags the task has is decided by [`inline::tags`].
fn trailing_tag(s: &str) -> Option<usize> {
    let i = s.rfind('#')?;
    let rest = &s[i + 1..];
    let open = s[..i].chars().next_back().is_none_or(char::is_whitespace);
    let ok = open
        && !rest.is_empty()
        && !rest.contains([
            ' ', '!', '@', '#', '$', '%', '^', '&', '*', '(', ')', ',', '.', '?', '"', ':', '{',
            '}', '|', '<', '>',
        ]);
    ok.then_some(i)
}

fn on_completion(v: &str) -> Option<String> {
    let v = v.trim().to_ascii_lowercase();
    matches!(v.as_str(), "delete" | "keep").then_some(v)
}

/// A field `emoji value` ending `s`, whose value is made of bytes `allowed` accepts:
/// (where the emoji starts, the value without the spaces before it).
fn trailing<'a>(s: &'a str, emoji: &str, allowed: impl Fn(u8) -> bool) -> Option<(usize, &'a str)> {
    let b = s.as_bytes();
    let mut start = b.len();
    while start > 0 && b[start - 1].is_ascii() && allowed(b[start - 1]) {
        start -= 1;
    }
    let value = s[start..].trim_start_matches(' ');
    if value.is_empty() {
        return None;
    }
    let head = strip_emoji_suffix(&s[..s.len() - value.len()], emoji)?;
    Some((head.len(), value))
}

fn checked(
    parsed: IsoDate,
    which: DateField,
    offset: usize,
    token: &str,
    problems: &mut Vec<Problem>,
) -> Option<NaiveDate> {
    match parsed {
        IsoDate::Valid(d) => Some(d),
        IsoDate::Impossible => {
            problems.push(Problem {
                offset,
                message: format!("{} date `{token}` is not a real date", which.name()),
            });
            None
        }
    }
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `a, b,c`: ids separated by commas (spaces around them allowed, not inside an id).
fn id_list(s: &str) -> Option<Vec<String>> {
    let ids: Vec<String> = s.split(',').map(|p| p.trim().to_string()).collect();
    ids.iter().all(|i| is_id(i)).then_some(ids)
}

/// A Dataview field ending `s` as Obsidian Tasks reads it: `[key:: value]` or `(key:: value)`,
/// the key written exactly (`due`, `dependsOn`), a value of the field's shape, spaces allowed
/// inside the brackets, and one comma after it (`[due:: …], [priority:: high]`).
fn dataview_at_end(s: &str, problems: &mut Vec<Problem>) -> Option<(usize, Field)> {
    let s = match s.strip_suffix(',') {
        Some(before) => before.trim_end_matches(' '),
        None => s,
    };
    if !(s.ends_with(']') || s.ends_with(')')) {
        return None;
    }
    let inner_end = s.len() - 1;
    let inner = s[..inner_end].trim_end_matches(' ');
    // The opening bracket nearest the end whose text makes a whole field.
    let b = s.as_bytes();
    let last_square = memchr::memrchr(b']', b);
    let last_round = memchr::memrchr(b')', b);
    let mut open = inner_end;
    while let Some(o) = memchr::memrchr2(b'[', b'(', &b[..open]) {
        open = o;
        let last_close = if b[o] == b'[' {
            last_square
        } else {
            last_round
        };
        // Obsidian Tasks' look-ahead: a closing bracket of the opening's kind comes later.
        if last_close.is_none_or(|c| c < o) {
            continue;
        }
        let content = inner[o + 1..].trim_start_matches(' ');
        for key in DATAVIEW_KEYS {
            let Some(value) = content
                .strip_prefix(key)
                .and_then(|v| v.strip_prefix("::"))
                .map(|v| v.trim_start_matches(' '))
            else {
                continue;
            };
            if let Some(field) = dataview_value(key, value, o, problems) {
                return Some((o, field));
            }
        }
    }
    None
}

fn dataview_value(
    key: &str,
    value: &str,
    offset: usize,
    problems: &mut Vec<Problem>,
) -> Option<Field> {
    let date_field = match key {
        "due" => Some(DateField::Due),
        "scheduled" => Some(DateField::Scheduled),
        "start" => Some(DateField::Start),
        "created" => Some(DateField::Created),
        "completion" => Some(DateField::Done),
        "cancelled" => Some(DateField::Cancelled),
        _ => None,
    };
    if let Some(which) = date_field {
        let parsed = parse_iso(value)?;
        let date = checked(parsed, which, offset, value, problems);
        return Some(Field::Date(which, date));
    }
    let word = |allowed: fn(u8) -> bool| !value.is_empty() && value.bytes().all(allowed);
    Some(match key {
        "priority" => Field::Priority(match value {
            "highest" | "high" | "medium" | "low" | "lowest" => Priority::from_name(value)?,
            _ => return None,
        }),
        "repeat" if word(|b| b.is_ascii_alphanumeric() || b", !".contains(&b)) => {
            Field::Recurrence(value.trim().to_string())
        }
        "onCompletion" if word(|b| b.is_ascii_alphabetic()) => {
            Field::OnCompletion(on_completion(value))
        }
        "id" if is_id(value) => Field::Id(value.to_string()),
        "dependsOn" => Field::DependsOn(id_list(value)?),
        _ => return None,
    })
}

/// Metadata left in the description, which Obsidian Tasks does not read: a date field
/// followed by text or with a tab before its date, or a Dataview task field followed by text
/// or with its key in other letters. (Offset, message.)
fn stray_metadata(text: &str) -> Option<(usize, String)> {
    // Every date emoji starts with byte 0xE2 or 0xF0.
    if memchr::memchr2(0xE2, 0xF0, text.as_bytes()).is_some() {
        for &(emoji, _) in DATE_EMOJI {
            for (i, _) in text.match_indices(emoji) {
                let after = text[i + emoji.len()..].trim_start_matches(VS16);
                let dated = after.trim_start_matches([' ', '\t']);
                let Some(token) = dated.get(..10).filter(|t| parse_iso(t).is_some()) else {
                    continue;
                };
                let end = text.len() - dated.len() + 10;
                let field = &text[i..end];
                let message = if after.len() - dated.len() > 0
                    && after[..after.len() - dated.len()].contains('\t')
                {
                    format!(
                        "`{emoji} {token}` has a tab before its date, so Obsidian Tasks does not read it as metadata; use a space"
                    )
                } else {
                    format!(
                        "`{field}` is followed by other text, so Obsidian Tasks does not read it as metadata; move the text before it"
                    )
                };
                return Some((i, message));
            }
        }
    }
    inline::bracket_fields(text)
        .into_iter()
        .find(|f| is_task_field(&f.key))
        .map(|f| {
            let written = &text[f.span.clone()];
            let key = written[1..].split("::").next().unwrap_or("").trim();
            let message = match DATAVIEW_KEYS.iter().find(|k| k.eq_ignore_ascii_case(key)) {
                Some(exact) if *exact != key => format!(
                    "`{written}`: Obsidian Tasks reads this field only as `{exact}::`, so it is not read as metadata"
                ),
                _ => format!(
                    "`{written}` is followed by other text, so Obsidian Tasks does not read it as metadata; move the text before it"
                ),
            };
            (f.span.start, message)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::parse_date;

    #[test]
    fn date_keys_and_emoji_are_the_date_fields_read() {
        for (emoji, _) in DATE_EMOJI {
            assert_eq!(emoji.chars().count(), 1, "{emoji} is one char");
            assert!(is_date_emoji(emoji.chars().next().expect("char")));
        }
        assert!(!is_date_emoji('🔺'), "a priority is not a date");
        for key in [
            "due",
            "Scheduled",
            "start",
            "created",
            "completion",
            "cancelled",
        ] {
            assert!(is_date_key(key), "{key}");
            assert!(is_task_field(key), "{key}");
        }
        for key in ["priority", "repeat", "id", "dependsOn", "mood"] {
            assert!(!is_date_key(key), "{key}");
        }
    }

    fn d(s: &str) -> Option<NaiveDate> {
        parse_date(s)
    }

    #[test]
    fn every_task_field_key_is_read_as_metadata() {
        // Every key recognised is read, and read from its folded form too.
        for key in DATAVIEW_KEYS {
            assert!(is_task_field(&inline::fold_key(key)), "{key}");
            let value = match *key {
                "priority" => "high",
                "repeat" => "every day",
                "id" | "dependsOn" => "abc",
                "onCompletion" => "delete",
                _ => "2026-11-24",
            };
            let line = format!("x [{key}:: {value}]");
            assert!(dataview_at_end(&line, &mut Vec::new()).is_some(), "{key}");
        }
    }

    #[test]
    fn checkbox_needs_one_symbol_and_a_space() {
        assert_eq!(checkbox("[ ] a"), Some((' ', "a")));
        assert_eq!(checkbox("[x]"), Some(('x', "")));
        assert_eq!(checkbox("[🙂] a"), Some(('🙂', "a")));
        assert_eq!(checkbox("[] a"), None);
        assert_eq!(checkbox("[x]a"), None);
        assert_eq!(checkbox("[xx] a"), None);
    }

    #[test]
    fn emoji_fields_in_any_order_with_tags_between() {
        let b = parse_body(
            "Write chapter 3 #book 📅 2026-11-30 #writing ⏫ 🛫 2026-11-20 ➕2026-11-01 🔁 every week ✅ 2026-11-25 ^ch3",
        );
        assert_eq!(b.text, "Write chapter 3 #book #writing");
        assert_eq!(b.dates.due, d("2026-11-30"));
        assert_eq!(b.dates.start, d("2026-11-20"));
        assert_eq!(b.dates.created, d("2026-11-01"));
        assert_eq!(b.dates.done, d("2026-11-25"));
        assert_eq!(b.priority, Some(Priority::High));
        assert_eq!(b.recurrence.as_deref(), Some("every week"));
        assert_eq!(b.block_id.as_deref(), Some("ch3"));
        assert_eq!(b.tags, ["book", "writing"]);
        assert!(b.problems.is_empty());
    }

    #[test]
    fn variation_selectors_and_alternative_emoji() {
        let b = parse_body("a 🗓️ 2026-01-02 ⌛2026-01-01 🔼\u{FE0F}");
        assert_eq!(b.dates.due, d("2026-01-02"));
        assert_eq!(b.dates.scheduled, d("2026-01-01"));
        assert_eq!(b.priority, Some(Priority::Medium));
        assert_eq!(b.text, "a");
    }

    #[test]
    fn dataview_fields_in_brackets_or_parentheses() {
        let b = parse_body(
            "Call [[Mum]] [due:: 2026-11-30] (priority:: high) [completion:: 2026-11-29] [id:: call-1] [dependsOn:: a, b]",
        );
        assert_eq!(b.text, "Call [[Mum]]");
        assert_eq!(b.dates.due, d("2026-11-30"));
        assert_eq!(b.dates.done, d("2026-11-29"));
        assert_eq!(b.priority, Some(Priority::High));
        assert_eq!(b.id.as_deref(), Some("call-1"));
        assert_eq!(b.depends_on, ["a", "b"]);
        assert_eq!(b.links, ["Mum"]);
    }

    #[test]
    fn ids_and_dependencies() {
        let b = parse_body("Draft 🆔 draft1 ⛔ outline,research 🏁 delete");
        assert_eq!(b.id.as_deref(), Some("draft1"));
        assert_eq!(b.depends_on, ["outline", "research"]);
        assert_eq!(b.on_completion.as_deref(), Some("delete"));
        assert_eq!(b.text, "Draft");
    }

    #[test]
    fn impossible_date_is_consumed_without_value() {
        let b = parse_body("Pay rent 📅 2026-02-30");
        assert_eq!(b.text, "Pay rent");
        assert_eq!(b.dates.due, None);
        assert_eq!(b.problems.len(), 1);
        assert!(b.problems[0].message.contains("2026-02-30"));
    }

    #[test]
    fn malformed_date_ends_the_metadata() {
        let b = parse_body("Pay rent 📅 2026-3-5 ⏫");
        assert_eq!(b.priority, Some(Priority::High));
        assert_eq!(b.text, "Pay rent 📅 2026-3-5");
        assert_eq!(b.dates.due, None);
    }

    #[test]
    fn text_after_metadata_is_description_and_a_warning() {
        let b = parse_body("Meet 📅 2026-05-06 with the team");
        assert_eq!(b.dates.due, None);
        assert_eq!(b.text, "Meet 📅 2026-05-06 with the team");
        assert_eq!(b.problems.len(), 1);
        assert!(b.problems[0].message.contains("📅 2026-05-06"));
        assert_eq!(b.problems[0].offset, 5);
    }

    #[test]
    fn unknown_dataview_field_ends_the_metadata() {
        let b = parse_body("Done #checkpoint 📅 2026-11-20 [feeling:: proud]");
        assert_eq!(b.dates.due, None);
        let b = parse_body("Done [feeling:: proud] #checkpoint 📅 2026-11-20");
        assert_eq!(b.dates.due, d("2026-11-20"));
        assert_eq!(b.tags, ["checkpoint"]);
    }

    #[test]
    fn block_id_needs_a_space_before() {
        assert_eq!(parse_body("x^abc").block_id, None);
        assert_eq!(parse_body("x ^abc").block_id.as_deref(), Some("abc"));
        // Obsidian Tasks: a space, not a tab, and not a line that is only the id.
        assert_eq!(parse_body("x\t^abc").block_id, None);
        let b = parse_body("^abc");
        assert_eq!((b.block_id, b.text.as_str()), (None, "^abc"));
        let b = parse_body("x 📅 2026-01-01  ^abc-1 ");
        assert_eq!(b.block_id.as_deref(), Some("abc-1"));
        assert_eq!(b.dates.due, d("2026-01-01"));
    }

    #[test]
    fn tags_after_fields_do_not_end_the_metadata() {
        // Digit-only and emoji tags too: the plugin skips them as tags while it reads fields.
        let b = parse_body("Read 1984 📅 2026-01-01 #1984");
        assert_eq!(b.dates.due, d("2026-01-01"));
        assert_eq!(b.text, "Read 1984 #1984");
        assert!(b.tags.is_empty(), "#1984 is not a tag to Obsidian");
        let b = parse_body("Count 📅 2026-01-01 #🦅 ⏳ 2025-12-30 #⚠️ #it's");
        assert_eq!(b.dates.due, d("2026-01-01"));
        assert_eq!(b.dates.scheduled, d("2025-12-30"));
        assert_eq!(b.text, "Count #🦅 #⚠️ #it's");
        assert_eq!(b.tags, ["🦅", "⚠️", "it"]);
    }

    #[test]
    fn a_tab_between_emoji_and_value_is_not_a_field() {
        let b = parse_body("Pay 📅\t2026-01-01");
        assert_eq!(b.dates.due, None);
        assert_eq!(b.text, "Pay 📅\t2026-01-01");
        assert_eq!(b.problems.len(), 1);
        assert!(b.problems[0].message.contains("tab"), "{:?}", b.problems);
        assert_eq!(parse_body("x 🆔\tabc").id, None);
        // Spaces (any number) are fine, and so is none.
        assert_eq!(parse_body("x 📅   2026-01-01").dates.due, d("2026-01-01"));
        assert_eq!(parse_body("x🆔abc").id.as_deref(), Some("abc"));
    }

    #[test]
    fn dataview_keys_and_priority_names_are_case_sensitive() {
        let b = parse_body("Capital [Due:: 2026-01-01]");
        assert_eq!(b.dates.due, None);
        assert_eq!(b.text, "Capital [Due:: 2026-01-01]");
        assert!(
            b.problems[0].message.contains("`due::`"),
            "{:?}",
            b.problems
        );
        let b = parse_body("Capital [priority:: High]");
        assert_eq!(b.priority, None);
        let b = parse_body("x [dependson:: a] [dependsOn:: b, c] [onCompletion:: Delete]");
        assert_eq!(b.depends_on, ["b", "c"]);
        assert_eq!(b.on_completion.as_deref(), Some("delete"));
        assert_eq!(b.text, "x [dependson:: a]");
    }

    #[test]
    fn dataview_fields_separated_by_commas() {
        let b = parse_body("a [due::2021-08-22], [priority::high] , (start::2021-08-01)");
        assert_eq!(b.dates.due, d("2021-08-22"));
        assert_eq!(b.dates.start, d("2021-08-01"));
        assert_eq!(b.priority, Some(Priority::High));
        assert_eq!(b.text, "a");
        assert_eq!(parse_body("b [due:: 2021-08-22],").text, "b");
        // A value must have the field's shape.
        assert_eq!(parse_body("c [due:: 2021-08-22T10:00]").dates.due, None);
        assert_eq!(
            parse_body("c [ due:: 2021-08-22 ]").dates.due,
            d("2021-08-22")
        );
    }

    #[test]
    fn on_completion_is_delete_or_keep() {
        assert_eq!(
            parse_body("a 🏁 Delete").on_completion.as_deref(),
            Some("delete")
        );
        assert_eq!(
            parse_body("a 🏁keep").on_completion.as_deref(),
            Some("keep")
        );
        let b = parse_body("a 🏁 archive 📅 2026-01-01");
        assert_eq!((b.on_completion, b.text.as_str()), (None, "a"));
        assert_eq!(b.dates.due, d("2026-01-01"));
    }

    #[test]
    fn the_leftmost_field_of_a_kind_wins_even_when_impossible() {
        let b = parse_body("x 📅 2026-01-02 📅 2026-01-01");
        assert_eq!(b.dates.due, d("2026-01-02"));
        let b = parse_body("x 📅 2026-02-30 📅 2026-01-01");
        assert_eq!(b.dates.due, None);
        assert!(b.dated);
    }

    #[test]
    fn global_filter_is_removed_as_a_whole_word() {
        assert_eq!(
            remove_global_filter("#task Feed the cat", "#task"),
            "Feed the cat"
        );
        assert_eq!(
            remove_global_filter("Use #tasks and #task/sub", "#task"),
            "Use #tasks and #task/sub"
        );
        assert_eq!(remove_global_filter("a #task b", "#task"), "a b");
        assert_eq!(
            remove_global_filter("#task #task twice", "#task"),
            "#task twice"
        );
        assert_eq!(
            remove_global_filter("Call 📅 2026-01-01 TODO", "TODO"),
            "Call 📅 2026-01-01"
        );
    }

    #[test]
    fn emoji_without_date_is_text() {
        let b = parse_body("Plan 📅");
        assert_eq!(b.text, "Plan 📅");
        assert!(b.problems.is_empty());
    }
}
