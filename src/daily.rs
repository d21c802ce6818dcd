//! The daily flow: which reflection prompt belongs to a day, where a day's note lives, and
//! filling an Obsidian-style template (`{{date}}`, `{{title}}`, `{{date:FORMAT}}`, …).

use crate::config::Config;
use crate::dates::moment::MomentFormat;
use chrono::{Datelike, NaiveDate, NaiveTime};
use std::collections::HashMap;
use std::path::PathBuf;

/// The prompt of the day: the library's questions ranked by how long they have gone
/// unanswered (never answered first, then library order), and the day picks one of the
/// longest-unanswered half in turn. Only answers written before `date` count, so answering
/// today's prompt does not change it.
pub fn prompt_for(
    date: NaiveDate,
    library: &[String],
    answers: impl IntoIterator<Item = (String, NaiveDate)>,
) -> Option<&str> {
    let ranked = ranked(library, answers.into_iter().filter(|(_, d)| *d < date));
    let pool = ranked.len().div_ceil(2).max(1);
    let turn = usize::try_from(date.num_days_from_ce()).unwrap_or(0) % pool;
    ranked.get(turn).map(|&(i, _)| library[i].as_str())
}

/// The library's questions (by index) with when each was last answered, the one unanswered
/// the longest first: never answered before any, then oldest answer first, library order
/// breaking ties. `answers` are (folded question, date) pairs.
pub fn ranked(
    library: &[String],
    answers: impl IntoIterator<Item = (String, NaiveDate)>,
) -> Vec<(usize, Option<NaiveDate>)> {
    let mut last: HashMap<String, NaiveDate> = HashMap::new();
    for (key, d) in answers {
        let e = last.entry(key).or_insert(d);
        *e = (*e).max(d);
    }
    let mut out: Vec<(usize, Option<NaiveDate>)> = library
        .iter()
        .enumerate()
        .map(|(i, q)| (i, last.get(&crate::note::prompts::normalize(q)).copied()))
        .collect();
    out.sort_by_key(|&(i, d)| (d, i));
    out
}

/// Where the daily note of `date` lives: the daily folder, then the daily format.
pub fn note_path(config: &Config, date: NaiveDate) -> PathBuf {
    let name = format!("{}.md", config.daily.format.format(date));
    let mut p = config.vault.clone();
    if !config.daily.folder.is_empty() {
        p.push(&config.daily.folder);
    }
    p.push(name);
    p
}

/// Fills the placeholders of Obsidian's core Templates plugin: `{{date}}`, `{{time}}`,
/// `{{title}}`, `{{date:FORMAT}}`, `{{time:FORMAT}}` (moment.js formats). Anything else,
/// Templater's `<% … %>` included, is left as written.
pub fn fill_template(text: &str, date: NaiveDate, time: NaiveTime, title: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[start..]);
            return out;
        };
        let inner = after[..end].trim();
        let (name, format) = match inner.split_once(':') {
            Some((n, f)) => (n.trim(), Some(f.trim())),
            None => (inner, None),
        };
        match (name.to_ascii_lowercase().as_str(), format) {
            ("date", None) => out.push_str(&crate::dates::ymd(date)),
            ("date", Some(f)) => out.push_str(&MomentFormat::new(f).format(date)),
            ("time", None) => out.push_str(&time.format("%H:%M").to_string()),
            ("time", Some(f)) => out.push_str(&format_time(f, time)),
            ("title", None) => out.push_str(title),
            _ => out.push_str(&rest[start..start + 2 + end + 2]),
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

/// The moment.js time tokens templates use (`HH H hh h mm m ss s A a`); other text is kept.
fn format_time(format: &str, t: NaiveTime) -> String {
    use chrono::Timelike;
    let tokens: [(&str, String); 10] = [
        ("HH", format!("{:02}", t.hour())),
        ("H", t.hour().to_string()),
        ("hh", format!("{:02}", (t.hour() + 11) % 12 + 1)),
        ("h", ((t.hour() + 11) % 12 + 1).to_string()),
        ("mm", format!("{:02}", t.minute())),
        ("m", t.minute().to_string()),
        ("ss", format!("{:02}", t.second())),
        ("s", t.second().to_string()),
        ("A", if t.hour() < 12 { "AM" } else { "PM" }.to_string()),
        ("a", if t.hour() < 12 { "am" } else { "pm" }.to_string()),
    ];
    let mut out = String::new();
    let mut rest = format;
    'outer: while !rest.is_empty() {
        for (tok, value) in &tokens {
            if let Some(r) = rest.strip_prefix(tok) {
                out.push_str(value);
                rest = r;
                continue 'outer;
            }
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::parse_date;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).expect("date")
    }

    fn library() -> Vec<String> {
        crate::config::DEFAULT_PROMPTS
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    #[test]
    fn the_prompt_is_stable_for_a_date_and_rotates() {
        let lib = library();
        let a = prompt_for(d("2026-11-24"), &lib, []);
        assert_eq!(a, prompt_for(d("2026-11-24"), &lib, []));
        let week: std::collections::BTreeSet<_> = (0..7)
            .map(|i| prompt_for(d("2026-11-23") + chrono::Days::new(i), &lib, []).expect("prompt"))
            .collect();
        assert_eq!(
            week.len(),
            3,
            "the longest-unanswered half of five, in turn: {week:?}"
        );
    }

    #[test]
    fn questions_answered_lately_wait_their_turn() {
        let lib = library();
        let recent: Vec<(String, NaiveDate)> = [
            "what next",
            "are you happy",
            "what else do i want to do with my life",
        ]
        .iter()
        .map(|k| (k.to_string(), d("2026-11-20")))
        .collect();
        for i in 0..10 {
            let day = d("2026-11-21") + chrono::Days::new(i);
            let p = prompt_for(day, &lib, recent.clone()).expect("prompt");
            assert!(
                p == "What went well, and what didn't?"
                    || p == "Where do I need outside help or more knowledge?"
                    || p == "What next?",
                "{p}"
            );
        }
        // An answer written on the day itself does not change that day's prompt.
        let day = d("2026-11-24");
        let before = prompt_for(day, &lib, recent.clone()).expect("p");
        let mut with_today = recent.clone();
        with_today.push((crate::note::prompts::normalize(before), day));
        assert_eq!(prompt_for(day, &lib, with_today), Some(before));
    }

    #[test]
    fn obsidian_placeholders_are_filled() {
        let t = NaiveTime::from_hms_opt(7, 5, 9).expect("time");
        let out = fill_template(
            "# {{title}}\ncreated: {{date}} {{time}}\n{{date:dddd, MMMM Do YYYY}} {{ date:YYYY-[W]WW }} {{time:hh:mm A}}\n{{unknown}} <% tp.date.now() %> {{",
            d("2026-11-24"),
            t,
            "2026-11-24",
        );
        assert_eq!(
            out,
            "# 2026-11-24\ncreated: 2026-11-24 07:05\nTuesday, November 24th 2026 2026-W48 07:05 AM\n{{unknown}} <% tp.date.now() %> {{"
        );
    }
}
