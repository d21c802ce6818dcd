//! The daily flow: which reflection prompt belongs to a day, where a day's note lives, and
//! filling an Obsidian-style template (`{{date}}`, `{{title}}`, `{{date:FORMAT}}`, …).

use crate::dates::moment::MomentFormat;
use chrono::{Datelike, NaiveDate, NaiveTime};

/// The prompt of the day: the library's questions ranked by how long they have gone
/// unanswered (never answered first, then library order), and the day picks one of the
/// longest-unanswered half in turn. `last_before` gives when a folded question was last
/// answered before `date`, so answering today's prompt does not change it.
pub(crate) fn prompt_for(
    date: NaiveDate,
    library: &[String],
    last_before: impl Fn(&str) -> Option<NaiveDate>,
) -> Option<&str> {
    let ranked = crate::index::ranked(library, last_before);
    let pool = ranked.len().div_ceil(2).max(1);
    let turn = usize::try_from(date.num_days_from_ce()).unwrap_or(0) % pool;
    ranked.get(turn).map(|&(i, _)| library[i].as_str())
}

/// Fills the placeholders of Obsidian's core Templates plugin: `{{date}}`, `{{time}}`,
/// `{{title}}`, `{{date:FORMAT}}`, `{{time:FORMAT}}` (moment.js formats). Anything else,
/// Templater's `<% … %>` included, is left as written.
pub(crate) fn fill_template(text: &str, date: NaiveDate, time: NaiveTime, title: &str) -> String {
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
            ("date", Some(f)) => out.push_str(&MomentFormat::new(f).format_at(date.and_time(time))),
            ("time", None) => out.push_str(&time.format("%H:%M").to_string()),
            ("time", Some(f)) => out.push_str(&MomentFormat::new(f).format_at(date.and_time(time))),
            ("title", None) => out.push_str(title),
            _ => out.push_str(&rest[start..start + 2 + end + 2]),
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::parse_date;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).expect("date")
    }

    /// When each question was last answered before `date`, from (folded question, date) pairs.
    fn answers(
        list: &[(String, NaiveDate)],
        date: NaiveDate,
    ) -> impl Fn(&str) -> Option<NaiveDate> {
        move |key| {
            list.iter()
                .filter(|(k, d)| k == key && *d < date)
                .map(|(_, d)| *d)
                .max()
        }
    }

    fn library() -> Vec<String> {
        crate::config::Settings::default().prompts.library.0
    }

    #[test]
    fn the_prompt_is_stable_for_a_date_and_rotates() {
        let lib = library();
        let a = prompt_for(d("2026-11-24"), &lib, |_| None);
        assert_eq!(a, prompt_for(d("2026-11-24"), &lib, |_| None));
        let week: std::collections::BTreeSet<_> = (0..7)
            .map(|i| {
                prompt_for(d("2026-11-23") + chrono::Days::new(i), &lib, |_| None).expect("prompt")
            })
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
            let p = prompt_for(day, &lib, answers(&recent, day)).expect("prompt");
            assert!(
                p == "What went well, and what didn't?"
                    || p == "Where do I need outside help or more knowledge?"
                    || p == "What next?",
                "{p}"
            );
        }
    }

    #[test]
    fn obsidian_placeholders_are_filled() {
        let t = NaiveTime::from_hms_opt(7, 5, 9).expect("time");
        let out = fill_template(
            "# {{title}}\ncreated: {{date}} {{time}}\n{{date:dddd, MMMM Do YYYY}} {{ date:YYYY-[W]WW }} {{time:hh:mm A}} {{date:YYYY-MM-DD HH:mm}}\n{{unknown}} <% tp.date.now() %> {{",
            d("2026-11-24"),
            t,
            "2026-11-24",
        );
        assert_eq!(
            out,
            "# 2026-11-24\ncreated: 2026-11-24 07:05\nTuesday, November 24th 2026 2026-W48 07:05 AM 2026-11-24 07:05\n{{unknown}} <% tp.date.now() %> {{"
        );
    }
}
