//! A fast path for the front matter most notes have: flat `key: value` lines, `[a, b]` lists
//! and `- item` lists under a key. Most front matter in real vaults is that and nothing more,
//! and a full YAML parser costs microseconds a note even then. Anything this reader is not
//! sure of (quotes with escapes, anything that YAML could read as another type, nesting,
//! comments after a value, a key twice, anchors, tags, block scalars) is left to serde-saphyr:
//! `parse` then says `None`. A test holds that whenever it says `Some`, serde-saphyr reads the
//! same document to the same value.

use crate::note::blocks::Lines;
use serde_json::{Map, Number, Value};

/// Front matter longer than this goes to the parser, which holds it to its own limits (the
/// number of events and nodes) that a long document could reach.
const MAX_BYTES: usize = 64 * 1024;

/// A key longer than this goes to the parser: YAML looks at most 1024 characters ahead for
/// the colon of a key.
const MAX_KEY: usize = 512;

/// The properties of `yaml`, if it is flat enough to be read here; `None` leaves it to the
/// YAML parser.
pub(super) fn parse(yaml: &str) -> Option<Map<String, Value>> {
    if yaml.len() > MAX_BYTES || !printable(yaml) {
        return None;
    }
    let mut map = Map::new();
    // The key whose value is the `- item` lines that follow, and their indent.
    let mut list: Option<(String, Vec<Value>, Option<usize>)> = None;
    for line in Lines::new(yaml) {
        let trimmed = line.trim_end_matches([' ', '\t']);
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let Some((_, items, indent)) = list.as_mut() {
            let spaces = trimmed.len() - trimmed.trim_start_matches(' ').len();
            if let Some(item) = trimmed[spaces..].strip_prefix("- ") {
                if indent.is_some_and(|i| i != spaces) {
                    return None;
                }
                *indent = Some(spaces);
                items.push(scalar(item.trim_start_matches(' '))?);
                continue;
            }
        }
        if let Some((key, items, _)) = list.take() {
            map.insert(key, listed(items));
        }
        let (key, value) = trimmed.split_once(':')?;
        if !is_key(key) || map.contains_key(key) {
            return None;
        }
        let value = match value.strip_prefix(' ') {
            Some(v) => v.trim_start_matches(' '),
            None if value.is_empty() => "",
            // `key:value` is one plain scalar in YAML, not a property.
            None => return None,
        };
        if value.is_empty() {
            list = Some((key.to_string(), Vec::new(), None));
            continue;
        }
        let value = match value.strip_prefix('[') {
            Some(rest) => flow(rest.strip_suffix(']')?)?,
            None => scalar(value)?,
        };
        map.insert(key.to_string(), value);
    }
    if let Some((key, items, _)) = list {
        map.insert(key, listed(items));
    }
    // Nothing but comments is YAML's null, the parser's case.
    (!map.is_empty()).then_some(map)
}

/// The value of a key with nothing after its colon: the `- item` lines under it, or null
/// when none followed.
fn listed(items: Vec<Value>) -> Value {
    if items.is_empty() {
        Value::Null
    } else {
        Value::Array(items)
    }
}

/// Whether every character may be in a YAML document (its `c-printable`), comments
/// included: the parser refuses the document otherwise.
fn printable(yaml: &str) -> bool {
    let ok = |c: char| {
        matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}')
            || ('\u{a0}'..='\u{d7ff}').contains(&c)
            || ('\u{e000}'..='\u{fffd}').contains(&c)
            || c >= '\u{10000}'
    };
    if yaml.is_ascii() {
        yaml.bytes().all(|b| ok(char::from(b)))
    } else {
        yaml.chars().all(ok)
    }
}

/// A key read as the plain string it looks like: a letter or `_` first, then letters,
/// digits, `_`, `-` and inner spaces.
fn is_key(key: &str) -> bool {
    let b = key.as_bytes();
    b.len() <= MAX_KEY
        && b.first()
            .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
        && !b.ends_with(b" ")
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b' '))
        && !is_reserved(key)
}

/// Words YAML may read as a boolean or null, in any case: left to the parser.
fn is_reserved(s: &str) -> bool {
    [
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
    ]
    .iter()
    .any(|w| s.eq_ignore_ascii_case(w))
}

/// The items of a `[a, b]` list (without its brackets).
fn flow(inner: &str) -> Option<Value> {
    if inner.trim_matches(' ').is_empty() {
        return Some(Value::Array(Vec::new()));
    }
    inner
        .split(',')
        // An empty item (`[a, , b]`, a trailing comma) and a nested list are not scalars:
        // the parser's to judge.
        .map(|item| scalar(item.trim_matches(' ')))
        .collect::<Option<Vec<_>>>()
        .map(Value::Array)
}

/// One value, quoted or plain, if its type is certain.
fn scalar(s: &str) -> Option<Value> {
    if s.chars()
        .any(|c| c.is_control() || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}'))
    {
        return None;
    }
    if let Some(rest) = s.strip_prefix('\'') {
        let inner = rest.strip_suffix('\'')?;
        return (!inner.contains('\'')).then(|| Value::String(inner.to_string()));
    }
    if let Some(rest) = s.strip_prefix('"') {
        let inner = rest.strip_suffix('"')?;
        return (!inner.contains(['"', '\\'])).then(|| Value::String(inner.to_string()));
    }
    let first = s.as_bytes().first()?;
    if b"{}[]&*!|>%@`#?,-:.+'\"".contains(first)
        || s.contains(": ")
        || s.contains(" #")
        || s.ends_with(':')
        || s.contains(['[', ']', '{', '}'])
        || is_reserved(s)
    {
        return None;
    }
    if first.is_ascii_digit() {
        return number_or_date(s);
    }
    Some(Value::String(s.to_string()))
}

/// A plain value that starts with a digit: a whole number, a decimal, or a date (with a time
/// of day), which YAML leaves as text; anything else goes to the parser.
fn number_or_date(s: &str) -> Option<Value> {
    let b = s.as_bytes();
    let digits = |b: &[u8]| !b.is_empty() && b.iter().all(u8::is_ascii_digit);
    let no_leading_zero = |b: &[u8]| b.len() == 1 || b[0] != b'0';
    if digits(b) {
        return (no_leading_zero(b) && b.len() <= 18)
            .then(|| s.parse::<u64>().ok().map(|n| Value::Number(n.into())))
            .flatten();
    }
    if let Some((whole, frac)) = s.split_once('.')
        && digits(whole.as_bytes())
        && no_leading_zero(whole.as_bytes())
        && digits(frac.as_bytes())
        && whole.len() + frac.len() <= 15
    {
        return s
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map(Value::Number);
    }
    let date = |b: &[u8]| {
        b.len() == 10
            && digits(&b[..4])
            && b[4] == b'-'
            && digits(&b[5..7])
            && b[7] == b'-'
            && digits(&b[8..10])
    };
    let time = |b: &[u8]| {
        (b.len() == 5 || (b.len() == 8 && b[5] == b':' && digits(&b[6..8])))
            && digits(&b[..2])
            && b[2] == b':'
            && digits(&b[3..5])
    };
    let dated =
        date(b.get(..10)?) && (b.len() == 10 || (matches!(b[10], b'T' | b' ') && time(&b[11..])));
    dated.then(|| Value::String(s.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What serde-saphyr reads, with the options the front matter reader uses.
    fn saphyr(yaml: &str) -> Option<Value> {
        serde_saphyr::from_str_with_options(
            yaml,
            super::super::options(serde_saphyr::DuplicateKeyPolicy::Error),
        )
        .ok()
    }

    /// What the fast path reads, and what serde-saphyr reads of the same document when the
    /// fast path reads it: equal whenever the fast path answers.
    fn both(yaml: &str) -> (Option<Value>, Option<Value>) {
        match parse(yaml) {
            None => (None, None),
            Some(map) => (Some(Value::Object(map)), saphyr(yaml)),
        }
    }

    fn agrees(yaml: &str) -> bool {
        let (fast, slow) = both(yaml);
        assert_eq!(
            fast, slow,
            "the fast path and serde-saphyr differ on {yaml:?}"
        );
        true
    }

    #[test]
    fn what_the_parser_refuses_or_reads_otherwise_is_not_read_here() {
        let long_key = format!("{}: x\n", "k".repeat(1025));
        let long_list = format!("a: [{}x]\n", "x, ".repeat(100_000));
        for yaml in [
            "# \u{1}\nk: b\n",
            "k: x\u{fffe}\n",
            "k: x\u{ffff}\n",
            "k: x\u{1}\n",
            long_key.as_str(),
            long_list.as_str(),
            "a:\n- a\n  - b\n",
            "a : b\n",
            "a: x:\n",
            "a:\n  -x\n",
            "k:v\n",
            "a: ['[', ']']\n",
        ] {
            assert!(agrees(yaml));
        }
    }

    #[test]
    fn the_front_matter_of_real_vaults_is_read_here_as_yaml_reads_it() {
        for yaml in [
            "type: plan\nstatus: active\ntarget: 2027-06-01\n",
            "date: 2026-11-24\ntags: [journal, daily]\nmood: 4\n",
            "created: 2026-11-24 09:15\nmood: 3.5\ntags:\n  - daily\n  - review\n",
            "title: 'Apply to grad school'\naliases:\n- Grad school\n- MSc\n",
            "tags: []\ncssclasses:\nup: \"Home\"\n",
            "date modified: 2026-11-24T09:15:00\nsource: https://example.com/a?b=c\n",
            "# a comment\nstatus: paused\n\ndecision: Stay at my job for now\n",
            "rating: 10\nweight: 72.5\nyear: 2026\n",
        ] {
            assert!(parse(yaml).is_some(), "read here: {yaml:?}");
            assert!(agrees(yaml));
        }
    }

    #[test]
    fn what_yaml_may_read_otherwise_is_left_to_the_parser() {
        for yaml in [
            "done: yes\n",
            "flag: True\n",
            "v: 0x1F\n",
            "v: 007\n",
            "v: 1e3\n",
            "v: .5\n",
            "v: +5\n",
            "v: -5\n",
            "t: 12:30\n",
            "a: &x 1\nb: *x\n",
            "a: !tag x\n",
            "a: |\n  block\n",
            "a: \"esc\\n\"\n",
            "a: 'it''s'\n",
            "a: b # comment\n",
            "a: b: c\n",
            "a: b\na: c\n",
            "a:\n  b: c\n",
            "a:\n  - x\n    - y\n",
            "a: long\n  continued\n",
            "a: [[Home]]\n",
            "a: [x, , y]\n",
            "a: {x: 1}\n",
            "1: one\n",
            "a:b\n",
            "%YAML 1.2\n",
            "- a\n- b\n",
        ] {
            assert!(parse(yaml).is_none(), "left to the parser: {yaml:?}");
        }
    }

    /// A front matter line from pieces real ones are made of, some of them traps.
    fn line() -> impl Strategy<Value = String> {
        // Mostly keys read here, so that most documents reach the comparison; some traps.
        let key = prop_oneof![
            6 => prop::sample::select(vec![
                "type", "tags", "date", "mood", "title", "status", "a b", "x-y", "_k",
            ]),
            1 => prop::sample::select(vec!["True", "n", "a ", "k\t"]),
        ];
        let value = prop::sample::select(vec![
            "",
            "plan",
            "2026-11-24",
            "2026-11-24T09:15",
            "2026-11-24 09:15:30",
            "4",
            "3.5",
            "0",
            "01",
            "1.0",
            "12:30",
            "yes",
            "no",
            "null",
            "~",
            "'q'",
            "\"q\"",
            "'a''b'",
            "\"a\\tb\"",
            "[a, b]",
            "[]",
            "[1, 2.5, x]",
            "[a,]",
            "[a:b, x]",
            "[ 'a', \"b\" ]",
            "a # c",
            "a, b",
            "it's",
            "a: b",
            "-",
            "- x",
            "&a x",
            "*a",
            "!x y",
            "|",
            ">",
            "https://x.y/z?q",
            "é ü",
            "\u{85}",
            "1e3",
            "0o7",
            ".inf",
            "+1",
            "-1",
            "x]",
            "{}",
            "@x",
            "`x`",
            "x\u{1}",
            "x\u{fffe}",
            "a\tb",
            "x:",
            "a:b",
        ]);
        let item = prop::sample::select(vec![
            "- a", "  - b", "    - c", "- 4", "-", "  x", "  -x", "- a\u{1}",
        ]);
        prop_oneof![
            3 => (key.clone(), value).prop_map(|(k, v)| format!("{k}: {v}")),
            1 => key.prop_map(|k| format!("{k}:")),
            1 => item.prop_map(str::to_string),
            1 => prop::sample::select(vec!["# note", "# \u{1}", "#\u{ffff}"]).prop_map(str::to_string),
            1 => Just(String::new()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn whatever_is_read_here_yaml_reads_the_same(
            lines in prop::collection::vec(line(), 0..8),
            crlf in any::<bool>(),
        ) {
            let yaml = lines.join(if crlf { "\r\n" } else { "\n" });
            let (fast, slow) = both(&yaml);
            prop_assert_eq!(fast, slow, "on {:?}", yaml);
        }
    }
}
