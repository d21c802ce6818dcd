//! Property tests of the note parser: it never panics, every line it reports lies within the
//! note, and its block scanner agrees with pulldown-cmark (a full CommonMark parser) on which
//! lines are code and which lines start list items.

use journal::note::blocks::{Kind, Scanner};
use journal::note::{ParseSettings, decode, parse};
use proptest::prelude::*;
use pulldown_cmark::{Event, Parser, Tag};
use std::collections::BTreeSet;

/// `PROPTEST_CASES` when set (for longer runs by hand), else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(default)
}

/// Lines that look like what notes hold, so generated text hits the interesting paths.
fn md_line() -> impl Strategy<Value = String> {
    let indent = prop::sample::select(vec!["", " ", "  ", "    ", "\t", "      "]);
    let body = prop_oneof![
        Just("- [ ] task 📅 2026-11-30".to_string()),
        Just("- [x] done ✅ 2026-02-30 ^id".to_string()),
        Just("* item".to_string()),
        Just("1. first".to_string()),
        Just("2) second".to_string()),
        Just("```".to_string()),
        Just("~~~~".to_string()),
        Just("## Are you happy?".to_string()),
        Just("# Title".to_string()),
        Just("---".to_string()),
        Just("===".to_string()),
        Just("> [!question] What next?".to_string()),
        Just("> quoted #tag".to_string()),
        Just("mood:: 4".to_string()),
        Just("decision:: stay [revisit:: 2027-01-01]".to_string()),
        Just("checkpoint:: 2026-12-01 go".to_string()),
        Just("%%".to_string()),
        Just("<!-- c -->".to_string()),
        Just("<div>".to_string()),
        Just("text with `code` and [[Link]]".to_string()),
        Just("## Reflections".to_string()),
        Just("**What went well:** the run".to_string()),
        Just("- **Win?** yes".to_string()),
        Just("- How did I sleep?".to_string()),
        Just("- 2026-11-24: the sun".to_string()),
        Just("- [[2026-11-2".to_string()),
        Just("- [ ] ".to_string()),
        Just("- [ ] 📅 2023-xx-xx <% tp.date.now() %>".to_string()),
        Just("Slept badly. mood:: 2".to_string()),
        Just("mood:: good".to_string()),
        Just("![[Daily.base]]".to_string()),
        Just("".to_string()),
        "[ -~]{0,20}".prop_map(String::from),
        any::<String>(),
    ];
    (indent, body).prop_map(|(i, b)| format!("{i}{b}"))
}

fn md_text() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(md_line(), 0..30),
        prop::sample::select(vec!["\n", "\r\n", "\r"]),
    )
        .prop_map(|(lines, eol)| lines.join(eol))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(2000)))]

    #[test]
    fn parsing_never_panics_and_lines_are_in_the_note(text in md_text()) {
        let lines = text.split("\r\n").flat_map(|l| l.split(['\n', '\r'])).count().max(1) as u32;
        let daily = parse("2026-11-24.md", &text, &ParseSettings::default());
        prop_assert!(daily.entries.windows(2).all(|w| w[0] < w[1]), "entries sorted, once each");
        let n = parse("p.md", &text, &ParseSettings::default());
        let mut reported: Vec<u32> = n.tasks.iter().map(|t| t.place.line).collect();
        reported.extend(n.prompts.iter().map(|p| p.place.line));
        reported.extend(n.moods.iter().map(|m| m.place.line));
        reported.extend(n.decisions.iter().map(|d| d.place.line));
        reported.extend(n.checkpoints.iter().map(|c| c.place.line));
        reported.extend(n.fields.iter().map(|f| f.line));
        reported.extend(n.diagnostics.iter().map(|d| d.line).filter(|&l| l > 0));
        for l in reported {
            prop_assert!(l >= 1 && l <= lines, "line {} outside 1..={}", l, lines);
        }
        for t in &n.tasks {
            if let Some(p) = t.parent {
                prop_assert!((p as usize) < n.tasks.len());
            }
        }
    }

    #[test]
    fn any_bytes_as_a_file_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok((text, _)) = decode("b.md", &bytes) {
            let n = parse("b.md", &text, &ParseSettings::default());
            let lines = text.split("\r\n").flat_map(|l| l.split(['\n', '\r'])).count().max(1) as u32;
            prop_assert!(n.tasks.iter().all(|t| t.place.line <= lines));
        }
    }
}

/// Lines for the oracle: only constructs on which our scanner and CommonMark must agree
/// (no HTML, no Obsidian comments, no tabs, no lazy continuation of quotes).
fn oracle_line() -> impl Strategy<Value = String> {
    let indent = prop::sample::select(vec!["", " ", "  ", "   ", "    ", "      ", "        "]);
    let body = prop::sample::select(vec![
        "- [ ] task",
        "- item",
        "* star",
        "1. one",
        "```",
        "~~~",
        "# heading",
        "text",
        "more text",
        "",
        "",
    ]);
    (indent, body).prop_map(|(i, b)| {
        if b.is_empty() {
            String::new()
        } else {
            format!("{i}{b}")
        }
    })
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count()
}

/// (code lines, lines that start a list item) according to pulldown-cmark.
fn oracle(text: &str) -> (BTreeSet<usize>, BTreeSet<usize>) {
    let mut code = BTreeSet::new();
    let mut items = BTreeSet::new();
    for (event, range) in Parser::new(text).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => {
                let (a, b) = (
                    line_of(text, range.start),
                    line_of(text, range.end.max(range.start + 1) - 1),
                );
                code.extend(a..=b);
            }
            Event::Start(Tag::Item) => {
                items.insert(line_of(text, range.start));
            }
            _ => {}
        }
    }
    (code, items)
}

fn ours(text: &str) -> (BTreeSet<usize>, BTreeSet<usize>) {
    let mut code = BTreeSet::new();
    let mut items = BTreeSet::new();
    for line in Scanner::new(text, 0) {
        match line.kind {
            Kind::Hidden => {
                code.insert(line.no as usize);
            }
            Kind::ListItem { .. } => {
                items.insert(line.no as usize);
            }
            _ => {}
        }
    }
    (code, items)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(3000)))]

    #[test]
    fn the_scanner_agrees_with_commonmark(lines in prop::collection::vec(oracle_line(), 1..25)) {
        let text = lines.join("\n") + "\n";
        let (mut code, items) = ours(&text);
        let (mut want_code, want_items) = oracle(&text);
        // Blank lines inside a code block hold nothing either way.
        code.retain(|&l| !lines[l].is_empty());
        want_code.retain(|&l| !lines[l].is_empty());
        prop_assert_eq!(&code, &want_code, "code lines differ in:\n{}", text);
        prop_assert_eq!(&items, &want_items, "list items differ in:\n{}", text);
    }
}
