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

/// The Dataview keys Obsidian Tasks reads as task metadata (folded as `inline::fold_key` folds).
const TASK_FIELD_KEYS: &[&str] = &[
    "due",
    "scheduled",
    "start",
    "created",
    "completion",
    "cancelled",
    "priority",
    "repeat",
    "id",
    "dependson",
    "oncompletion",
];

/// Whether a Dataview field on a task line is task metadata rather than a note field.
pub(crate) fn is_task_field(key: &str) -> bool {
    TASK_FIELD_KEYS.contains(&key)
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
    OnCompletion(String),
    Tag,
}

/// Reads a task's description and metadata. `body` is the text after `[c] `.
pub(crate) fn parse_body(body: &str) -> Body {
    let mut out = Body::default();
    let mut rest = body.trim_end();
    if let Some((before, id)) = split_block_id(rest) {
        out.block_id = Some(id.to_string());
        rest = before.trim_end();
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
                // Read from the end: the leftmost field of a kind wins, as in Obsidian Tasks.
                if date.is_some() {
                    *slot = date;
                }
            }
            Field::Priority(p) => out.priority = Some(p),
            Field::Recurrence(r) => out.recurrence = Some(r),
            Field::Id(id) => out.id = Some(id),
            Field::DependsOn(ids) => out.depends_on = ids,
            Field::OnCompletion(v) => out.on_completion = Some(v),
            Field::Tag => trailing_tags.push(rest[start..].trim()),
        }
        rest = rest[..start].trim_end();
    }
    let mut text = rest.trim().to_string();
    for tag in trailing_tags.iter().rev() {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(tag);
    }
    let masked = inline::mask_code(&text);
    out.tags = inline::tags(&masked).map(|(_, t)| t.to_string()).collect();
    out.links = inline::links(&masked);
    if let Some((offset, what)) = stray_metadata(&masked) {
        let offset = body.find(&text).map_or(0, |o| o + offset);
        out.problems.push(Problem {
            offset,
            message: format!(
                "`{what}` is followed by other text, so Obsidian Tasks does not read it as metadata; move the text before it"
            ),
        });
    }
    out.text = text;
    out
}

/// A trailing block id ` ^abc-1`.
fn split_block_id(s: &str) -> Option<(&str, &str)> {
    let i = s.rfind('^')?;
    let id = &s[i + 1..];
    let before = &s[..i];
    let ok = !id.is_empty()
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && (before.is_empty() || before.ends_with([' ', '\t']));
    ok.then_some((before, id))
}

fn strip_vs16_and_spaces(s: &str) -> &str {
    s.trim_start_matches(VS16).trim_start_matches([' ', '\t'])
}

/// The field that ends `s`, with the byte offset where it starts.
fn field_at_end(s: &str, problems: &mut Vec<Problem>) -> Option<(usize, Field)> {
    if s.ends_with(']') || s.ends_with(')') {
        return dataview_at_end(s, problems);
    }
    // A date: `📅 2026-11-24`, `📅2026-11-24`, `📅️ 2026-11-24`.
    if s.len() >= 10 && s.is_char_boundary(s.len() - 10) {
        let token = &s[s.len() - 10..];
        if let Some(parsed) = parse_iso(token) {
            let before = s[..s.len() - 10]
                .trim_end_matches([' ', '\t'])
                .trim_end_matches(VS16);
            for &(emoji, which) in DATE_EMOJI {
                if let Some(head) = before.strip_suffix(emoji) {
                    let date = checked(parsed, which, s.len() - 10, token, problems);
                    return Some((head.len(), Field::Date(which, date)));
                }
            }
        }
    }
    let bare = s.trim_end_matches(VS16);
    for &(emoji, p) in PRIORITY_EMOJI {
        if let Some(head) = bare.strip_suffix(emoji) {
            return Some((head.len(), Field::Priority(p)));
        }
    }
    if let Some((i, v)) = trailing(s, '🔁', |b| {
        b.is_ascii_alphanumeric() || b == b',' || b == b' ' || b == b'!'
    }) {
        return Some((i, Field::Recurrence(v.trim().to_string())));
    }
    if let Some((i, v)) = trailing(s, '🆔', |b| {
        b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
    }) {
        return Some((i, Field::Id(v.to_string())));
    }
    if let Some((i, v)) = trailing(s, '⛔', |b| {
        b.is_ascii_alphanumeric() || b"-_, ".contains(&b)
    }) && let Some(ids) = id_list(v)
    {
        return Some((i, Field::DependsOn(ids)));
    }
    if let Some((i, v)) = trailing(s, '🏁', |b| b.is_ascii_alphabetic()) {
        return Some((i, Field::OnCompletion(v.to_string())));
    }
    // A trailing tag stays in the description but does not end the metadata.
    if let Some((i, tag)) = inline::tags(s).last()
        && i + 1 + tag.len() == s.len()
    {
        return Some((i, Field::Tag));
    }
    None
}

/// A field `emoji value` ending `s`, whose value is made of bytes `allowed` accepts:
/// (where the emoji starts, the value without surrounding spaces).
fn trailing(s: &str, emoji: char, allowed: impl Fn(u8) -> bool) -> Option<(usize, &str)> {
    let b = s.as_bytes();
    let mut start = b.len();
    while start > 0 && b[start - 1].is_ascii() && allowed(b[start - 1]) {
        start -= 1;
    }
    let value = s[start..].trim_start_matches(' ');
    if value.trim().is_empty() {
        return None;
    }
    let head = s[..start]
        .trim_end_matches([' ', '\t'])
        .trim_end_matches(VS16)
        .trim_end_matches([' ', '\t']);
    head.strip_suffix(emoji).map(|h| (h.len(), value))
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

fn id_list(s: &str) -> Option<Vec<String>> {
    let ids: Vec<String> = s.split(',').map(|p| p.trim().to_string()).collect();
    ids.iter().all(|i| is_id(i)).then_some(ids)
}

fn dataview_at_end(s: &str, problems: &mut Vec<Problem>) -> Option<(usize, Field)> {
    let f = inline::last_bracket_field(s)?;
    let value = f.value;
    let start = f.span.start;
    let date_field = match f.key.as_str() {
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
        let date = checked(parsed, which, start, value, problems);
        return Some((start, Field::Date(which, date)));
    }
    let field = match f.key.as_str() {
        "priority" => Field::Priority(Priority::from_name(value)?),
        "repeat" => Field::Recurrence(value.to_string()),
        "id" if is_id(value) => Field::Id(value.to_string()),
        "dependson" => Field::DependsOn(id_list(value)?),
        "oncompletion" => Field::OnCompletion(value.to_string()),
        _ => return None,
    };
    Some((start, field))
}

/// Metadata left in the description: a date field or a Dataview task field followed by text.
fn stray_metadata(text: &str) -> Option<(usize, String)> {
    // Every date emoji starts with byte 0xE2 or 0xF0.
    if memchr::memchr2(0xE2, 0xF0, text.as_bytes()).is_some() {
        for &(emoji, _) in DATE_EMOJI {
            for (i, _) in text.match_indices(emoji) {
                let after = strip_vs16_and_spaces(&text[i + emoji.len()..]);
                if let Some(token) = after.get(..10)
                    && parse_iso(token).is_some()
                {
                    let end = text.len() - after.len() + 10;
                    return Some((i, text[i..end].to_string()));
                }
            }
        }
    }
    inline::bracket_fields(text)
        .into_iter()
        .find(|f| is_task_field(&f.key))
        .map(|f| (f.span.start, text[f.span].to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::parse_date;

    fn d(s: &str) -> Option<NaiveDate> {
        parse_date(s)
    }

    #[test]
    fn every_task_field_key_is_read_as_metadata() {
        // The two lists of keys, one to recognise and one to read, must not drift apart.
        for key in TASK_FIELD_KEYS {
            let value = match *key {
                "priority" => "high",
                "repeat" => "every day",
                "id" | "dependson" => "abc",
                "oncompletion" => "delete",
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
    }

    #[test]
    fn emoji_without_date_is_text() {
        let b = parse_body("Plan 📅");
        assert_eq!(b.text, "Plan 📅");
        assert!(b.problems.is_empty());
    }
}
