//! YAML front matter: split off at byte 0 only, parsed with bounded effort, and reduced to the
//! keys `journal` uses.
//!
//! A `---` … `---` block anywhere else is a thematic break and text, never front matter.
//! Broken YAML is a warning with its line; the body is read all the same.

use super::blocks::Lines;
use crate::dates::{IsoDate, parse_iso};
use crate::diagnostic::Diagnostic;
use crate::model::FrontMatter;
use serde_json::Value;

mod flat;

/// A note cut into front matter and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Split<'a> {
    /// The YAML between the fences, if the note has front matter.
    pub yaml: Option<&'a str>,
    pub body: &'a str,
    /// File line number of the body's first line.
    pub body_line: u32,
    /// The note opens with `---` that is never closed.
    pub unterminated: bool,
}

fn is_fence(line: &str, closing: bool) -> bool {
    let t = line.trim_end();
    t == "---" || (closing && t == "...")
}

/// Splits front matter off `text`, which must be the whole note.
pub(crate) fn split(text: &str) -> Split<'_> {
    let none = Split {
        yaml: None,
        body: text,
        body_line: 1,
        unterminated: false,
    };
    let mut lines = Lines::new(text);
    if !lines.next().is_some_and(|l| is_fence(l, false)) {
        return none;
    }
    let mut offset = line_end(text, 0);
    let yaml_start = offset;
    let mut no = 1u32;
    while offset < text.len() {
        no += 1;
        let end = line_end(text, offset);
        let line = text[offset..end].trim_end_matches(['\r', '\n']);
        if is_fence(line, true) {
            return Split {
                yaml: Some(&text[yaml_start..offset]),
                body: &text[end..],
                body_line: no + 1,
                unterminated: false,
            };
        }
        offset = end;
    }
    Split {
        unterminated: true,
        ..none
    }
}

/// The byte index just after the line starting at `start` (its line ending included).
fn line_end(text: &str, start: usize) -> usize {
    let b = text.as_bytes();
    match memchr::memchr2(b'\n', b'\r', &b[start..]) {
        Some(i) => {
            let i = start + i;
            if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                i + 2
            } else {
                i + 1
            }
        }
        None => text.len(),
    }
}

fn options(duplicates: serde_saphyr::DuplicateKeyPolicy) -> serde_saphyr::Options {
    let mut o = serde_saphyr::options! {
        strict_booleans: true,
        with_snippet: false,
        duplicate_keys: duplicates,
        budget: serde_saphyr::budget! {
            max_events: 100_000,
            max_nodes: 100_000,
            max_depth: 64,
            max_aliases: 1_000,
            max_anchors: 1_000,
        },
    };
    o.alias_limits.max_total_replayed_events = 10_000;
    o.alias_limits.max_replay_stack_depth = 16;
    o
}

/// The reason in a serde-saphyr error, without its own "at line …" suffix.
fn reason(e: &serde_saphyr::Error) -> String {
    let text = e.to_string();
    let text = text.split(" at line ").next().unwrap_or(&text).trim();
    text.split(", set DuplicateKeyPolicy")
        .next()
        .unwrap_or(text)
        .to_string()
}

/// The whole of a note's properties, for the rules that look past the keys `journal` keeps
/// (clippings, moods, template syntax). Not stored: used while the note is read.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Props {
    pub(crate) map: serde_json::Map<String, Value>,
    /// The file line of each top-level key.
    pub(crate) lines: Vec<(String, u32)>,
    /// The note's date came from `created` alone (not `date` or `day`).
    pub(crate) dated_by_created: bool,
}

impl Props {
    /// The file line of a top-level key (the front matter's first line when not found).
    pub(crate) fn line_of(&self, key: &str) -> u32 {
        self.lines
            .iter()
            .find(|(k, _)| k == key)
            .or_else(|| self.lines.first())
            .map_or(2, |(_, l)| *l)
    }
}

/// Parses the YAML of a note's front matter. `first_line` is the file line of its first line.
#[cfg(test)]
pub(crate) fn parse(
    yaml: &str,
    path: &str,
    first_line: u32,
    warnings: &mut Vec<Diagnostic>,
) -> FrontMatter {
    parse_with_props(yaml, path, first_line, warnings).0
}

/// Parses the YAML of a note's front matter, with all its properties.
pub(crate) fn parse_with_props(
    yaml: &str,
    path: &str,
    first_line: u32,
    warnings: &mut Vec<Diagnostic>,
) -> (FrontMatter, Props) {
    let at = |e: &serde_saphyr::Error| {
        e.location().map_or((first_line, 0), |l| {
            (
                first_line + l.line().saturating_sub(1) as u32,
                l.column() as u32,
            )
        })
    };
    let strict: Result<Value, _> = match flat::parse(yaml) {
        Some(map) => Ok(Value::Object(map)),
        None => serde_saphyr::from_str_with_options(
            yaml,
            options(serde_saphyr::DuplicateKeyPolicy::Error),
        ),
    };
    let value = match strict {
        Ok(v) => v,
        Err(e) => {
            let (line, col) = at(&e);
            let msg = reason(&e);
            if msg.starts_with("duplicate mapping key") {
                warnings.push(Diagnostic::new(
                    path,
                    line,
                    col,
                    format!("front matter: {msg} (the last value is used)"),
                ));
                match serde_saphyr::from_str_with_options(
                    yaml,
                    options(serde_saphyr::DuplicateKeyPolicy::LastWins),
                ) {
                    Ok(v) => v,
                    Err(_) => return Default::default(),
                }
            } else {
                warnings.push(Diagnostic::new(
                    path,
                    line,
                    col,
                    format!("front matter is not valid YAML: {msg}; its keys are ignored"),
                ));
                return Default::default();
            }
        }
    };
    let map = match value {
        Value::Object(map) => map,
        Value::Null => return Default::default(),
        _ => {
            warnings.push(Diagnostic::new(
                path,
                first_line,
                1,
                "front matter is not a set of `key: value` properties; it is ignored",
            ));
            return Default::default();
        }
    };
    let key_line = |key: &str| -> u32 {
        Lines::new(yaml)
            .position(|l| {
                l.trim_start()
                    .strip_prefix(key)
                    .is_some_and(|r| r.trim_start().starts_with(':'))
            })
            .map_or(first_line, |i| first_line + i as u32)
    };
    let mut date_of = |key: &str| -> Option<chrono::NaiveDate> {
        let v = map.get(key)?;
        let s = v.as_str()?.trim();
        let token = s.get(..10)?;
        let rest = &s[10..];
        if !(rest.is_empty() || rest.starts_with(['T', ' ', 't'])) {
            return None;
        }
        match parse_iso(token)? {
            IsoDate::Valid(d) => Some(d),
            IsoDate::Impossible => {
                warnings.push(Diagnostic::new(
                    path,
                    key_line(key),
                    1,
                    format!("front matter `{key}: {token}` is not a real date"),
                ));
                None
            }
        }
    };
    let own_date = date_of("date");
    let created = date_of("created");
    let day = date_of("day");
    let dated_by_created = own_date.is_none() && day.is_none() && created.is_some();
    let date = own_date.or(created).or(day);
    let target = date_of("target");
    let revisit = date_of("revisit");
    let text_of = |key: &str| -> Option<String> {
        match map.get(key)? {
            Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    };
    let mut tags = Vec::new();
    for key in ["tags", "tag"] {
        match map.get(key) {
            Some(Value::String(s)) => tags.extend(split_tags(s)),
            Some(Value::Array(items)) => {
                for item in items {
                    match item {
                        Value::String(s) => tags.extend(split_tags(s)),
                        Value::Number(n) => tags.push(n.to_string()),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    let front = FrontMatter {
        date,
        tags,
        kind: text_of("type"),
        status: text_of("status"),
        target,
        title: text_of("title"),
        goal: text_of("goal"),
        decision: text_of("decision"),
        revisit,
        generator: text_of("generator"),
        aliases: Vec::new(),
    };
    let lines = Lines::new(yaml)
        .enumerate()
        .filter(|(_, l)| !l.starts_with([' ', '\t', '-', '#']))
        .filter_map(|(i, l)| {
            let (k, _) = l.split_once(':')?;
            let k = k.trim().trim_matches(['"', '\'']);
            map.contains_key(k)
                .then(|| (k.to_string(), first_line + i as u32))
        })
        .collect();
    (
        front,
        Props {
            map,
            lines,
            dated_by_created,
        },
    )
}

/// A `tags` string: `plan, career` or `#plan #career`.
fn split_tags(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split([',', ' '])
        .map(|t| t.trim().trim_start_matches('#'))
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fm(yaml: &str) -> (FrontMatter, Vec<Diagnostic>) {
        let mut w = Vec::new();
        let f = parse(yaml, "n.md", 2, &mut w);
        (f, w)
    }

    #[test]
    fn splits_only_at_the_very_top() {
        let s = split("---\ntype: plan\n---\n# Body\n");
        assert_eq!(s.yaml, Some("type: plan\n"));
        assert_eq!(s.body, "# Body\n");
        assert_eq!(s.body_line, 4);
        let s = split("text\n---\ntype: plan\n---\n");
        assert_eq!(s.yaml, None);
        let s = split("\n---\na: b\n---\n");
        assert_eq!(s.yaml, None);
    }

    #[test]
    fn crlf_and_cr_and_dots_close() {
        let s = split("---\r\na: 1\r\n...\r\nbody");
        assert_eq!((s.yaml, s.body, s.body_line), (Some("a: 1\r\n"), "body", 4));
        let s = split("---\ra: 1\r---\rbody");
        assert_eq!((s.yaml, s.body), (Some("a: 1\r"), "body"));
    }

    #[test]
    fn unterminated_front_matter_is_body() {
        let s = split("---\ntitle: x\n# Heading");
        assert!(s.unterminated);
        assert_eq!(s.yaml, None);
        assert_eq!(s.body_line, 1);
    }

    #[test]
    fn reads_the_keys_used() {
        let (f, w) = fm(
            "type: plan\nstatus: Paused\ntags: [plan, '#career']\ndate: 2026-11-24T09:00\ntarget: 2027-06-01\ndecision: Stay\nrevisit: 2027-03-01\ngenerator: journal\n",
        );
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(f.kind.as_deref(), Some("plan"));
        assert_eq!(f.status.as_deref(), Some("Paused"));
        assert_eq!(f.tags, ["plan", "career"]);
        assert_eq!(f.date.map(crate::dates::ymd).as_deref(), Some("2026-11-24"));
        assert_eq!(
            f.target.map(crate::dates::ymd).as_deref(),
            Some("2027-06-01")
        );
        assert_eq!(f.generator.as_deref(), Some("journal"));
        let (f, _) = fm("tags: plan, goal");
        assert_eq!(f.tags, ["plan", "goal"]);
    }

    #[test]
    fn bad_yaml_is_a_warning_at_its_line() {
        let (f, w) = fm("title: ok\ntags: [a\nb: c");
        assert_eq!(f, FrontMatter::default());
        assert_eq!(w.len(), 1);
        assert!(w[0].line >= 3, "{:?}", w[0]);
        assert!(w[0].message.contains("not valid YAML"));
    }

    #[test]
    fn duplicate_keys_warn_and_last_wins() {
        let (f, w) = fm("title: a\ntitle: b");
        assert_eq!(f.title.as_deref(), Some("b"));
        assert_eq!(w[0].line, 3);
    }

    #[test]
    fn impossible_dates_and_non_maps() {
        let (f, w) = fm("date: 2026-02-30");
        assert_eq!(f.date, None);
        assert_eq!(
            (w[0].line, w[0].message.contains("not a real date")),
            (2, true)
        );
        let (_, w) = fm("- a\n- b");
        assert_eq!(w.len(), 1);
        let (_, w) = fm("just text");
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut y = String::from("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
        for (p, n) in ["a", "b", "c", "d", "e", "f", "g", "h"]
            .windows(2)
            .map(|w| (w[0], w[1]))
        {
            y.push_str(&format!(
                "{n}: &{n} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n"
            ));
        }
        let (_, w) = fm(&y);
        assert_eq!(w.len(), 1, "{w:?}");
    }
}
