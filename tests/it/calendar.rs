//! `journal calendar`: the feed read back by a parser that did not write it (the `ical`
//! crate), its events and their UIDs, which stay the same when notes change around them.

use crate::common::TestVault;
use std::collections::BTreeMap;

/// One event as a parser that is not ours reads it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Read {
    date: String,
    summary: String,
    uid: String,
    description: String,
}

/// RFC 5545 TEXT unescaped (the parser gives values as written).
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

fn parse(ics: &str) -> Vec<Read> {
    let reader = ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes()));
    let calendars: Vec<_> = reader
        .collect::<Result<_, _>>()
        .expect("a valid iCalendar file");
    assert_eq!(calendars.len(), 1);
    let cal = &calendars[0];
    let top: BTreeMap<_, _> = cal
        .properties
        .iter()
        .map(|p| (p.name.as_str(), p.value.clone().unwrap_or_default()))
        .collect();
    assert_eq!(top.get("VERSION").map(String::as_str), Some("2.0"));
    assert!(top.contains_key("PRODID"));
    let mut out: Vec<Read> = cal
        .events
        .iter()
        .map(|e| {
            let get = |name: &str| {
                e.properties
                    .iter()
                    .find(|p| p.name == name)
                    .unwrap_or_else(|| panic!("{name} in {e:?}"))
            };
            let start = get("DTSTART");
            assert_eq!(
                start.params,
                Some(vec![("VALUE".to_string(), vec!["DATE".to_string()])]),
                "an all-day event"
            );
            assert!(e.properties.iter().all(|p| p.name != "DTEND"), "a day long");
            assert!(
                get("DTSTAMP")
                    .value
                    .as_deref()
                    .is_some_and(|v| v.ends_with('Z'))
            );
            Read {
                date: start.value.clone().unwrap_or_default(),
                summary: unescape(get("SUMMARY").value.as_deref().unwrap_or("")),
                uid: get("UID").value.clone().unwrap_or_default(),
                description: unescape(get("DESCRIPTION").value.as_deref().unwrap_or("")),
            }
        })
        .collect();
    out.sort();
    out
}

const PLAN: &str = "---\ntype: plan\ntitle: The book\n---\n- [ ] Draft done #checkpoint 📅 2026-12-06\n- [x] Old checkpoint #checkpoint 📅 2026-11-10 ✅ 2026-11-08\n- [ ] Print it; then read it, slowly ⏳ 2026-11-30 📅 2026-12-01 ^print\n- [x] Done already 📅 2026-11-20\n- [-] Not doing it 📅 2026-11-21\n\ncheckpoint:: 2026-12-20 Second draft\n";

fn vault() -> TestVault {
    TestVault::new()
        .note("Plans/Book.md", PLAN)
        .note(
            "Plans/Move.md",
            "---\ntype: plan\nstatus: paused\ndecision: Stay for now\nrevisit: 2027-03-01\n---\n- [ ] Pack 📅 2026-12-02\n",
        )
        .note(
            "Daily/2026-11-24.md",
            "- [ ] Call Ana about the flat, the keys and the \"deposit\" — a very long task line that folds 📅 2026-12-03 #help\n- [ ] Call Ana 📅 2026-12-04\n- [ ] Call Ana 📅 2026-12-05\n\ndecision:: Apply in Porto only [[Book]] [revisit:: 2026-12-10]\n",
        )
}

#[test]
fn the_feed_reads_back_in_another_parser() {
    let v = vault();
    let ics = v.stdout(&["calendar"]);
    for line in ics.split_inclusive('\n') {
        assert!(line.ends_with("\r\n"), "CRLF line ends: {line:?}");
        assert!(line.len() <= 77, "folded at 75 octets: {line:?}");
    }
    let events = parse(&ics);
    let got: Vec<(&str, &str)> = events
        .iter()
        .map(|e| (e.date.as_str(), e.summary.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "20261110",
                "🏁 Old checkpoint #checkpoint (reached 2026-11-08)"
            ),
            ("20261130", "Scheduled: Print it; then read it, slowly"),
            ("20261201", "Due: Print it; then read it, slowly"),
            (
                "20261203",
                "Due: Call Ana about the flat, the keys and the \"deposit\" — a very long task line that folds #help"
            ),
            ("20261204", "Due: Call Ana"),
            ("20261205", "Due: Call Ana"),
            ("20261206", "🏁 Draft done #checkpoint"),
            ("20261210", "Revisit: Apply in Porto only Book"),
            ("20261220", "🏁 Second draft"),
            ("20270301", "Revisit: Stay for now"),
        ],
        "done, cancelled and a paused plan's steps are left out; its revisit date stays"
    );
    let mut uids: Vec<&str> = events.iter().map(|e| e.uid.as_str()).collect();
    uids.sort_unstable();
    uids.dedup();
    assert_eq!(uids.len(), events.len(), "every UID is unique");
    let print = events.iter().find(|e| e.date == "20261201").expect("print");
    assert_eq!(print.description, "The book\nPlans/Book.md:7");
}

#[test]
fn uids_stay_when_the_notes_change_around_the_items() {
    let v = vault();
    let before = parse(&v.stdout(&["calendar"]));
    // A line added above everything, a due date moved: the same events, updated.
    let moved = PLAN
        .replace("---\n- [ ] Draft", "---\nA new first line.\n\n- [ ] Draft")
        .replace("📅 2026-12-01 ^print", "📅 2026-12-02 ^print");
    std::fs::write(v.join("Plans/Book.md"), moved).expect("write");
    let after = parse(&v.stdout(&["calendar"]));
    let by_summary = |list: &[Read]| -> BTreeMap<String, Vec<String>> {
        let mut m: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for e in list {
            m.entry(e.summary.clone()).or_default().push(e.uid.clone());
        }
        m
    };
    assert_eq!(by_summary(&before), by_summary(&after));
    let print = after
        .iter()
        .find(|e| e.summary == "Due: Print it; then read it, slowly")
        .expect("print");
    assert_eq!(print.date, "20261202", "the event moved with its date");
}

#[test]
fn a_uid_stays_when_an_earlier_task_of_the_same_text_is_ticked_or_filtered_out() {
    let v = vault();
    let uid_on = |list: &[Read], date: &str| {
        list.iter()
            .find(|e| e.date == date)
            .map(|e| e.uid.clone())
            .expect(date)
    };
    let all = parse(&v.stdout(&["calendar"]));
    let second = uid_on(&all, "20261205");
    // The first "Call Ana" is done: it leaves the feed, the second keeps its UID.
    let note = std::fs::read_to_string(v.join("Daily/2026-11-24.md")).expect("read");
    std::fs::write(
        v.join("Daily/2026-11-24.md"),
        note.replace(
            "- [ ] Call Ana 📅 2026-12-04",
            "- [x] Call Ana 📅 2026-12-04",
        ),
    )
    .expect("write");
    let after = parse(&v.stdout(&["calendar"]));
    assert!(after.iter().all(|e| e.date != "20261204"), "{after:?}");
    assert_eq!(uid_on(&after, "20261205"), second);
    // A filtered feed gives each event the UID it has in the whole feed.
    for args in [
        ["calendar", "--tag", "help"],
        ["calendar", "--plan", "Book"],
    ] {
        let some = parse(&v.stdout(&args));
        assert!(!some.is_empty());
        for e in &some {
            assert!(after.contains(e), "{args:?}: {e:?} is in the whole feed");
        }
    }
}

#[test]
fn filters_by_plan_and_tag() {
    let v = vault();
    let plan = parse(&v.stdout(&["calendar", "--plan", "the book"]));
    assert!(
        plan.iter().all(|e| e.description.starts_with("The book")),
        "{plan:?}"
    );
    assert_eq!(plan.len(), 6);
    let tag = parse(&v.stdout(&["calendar", "--tag", "#help"]));
    assert_eq!(tag.len(), 1);
    assert!(tag[0].summary.starts_with("Due: Call Ana about the flat"));
    let out = v.run(&["calendar", "--plan", "Nope"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_feed_file_is_replaced_only_when_it_is_ours() {
    let v = vault();
    let file = v.join("out/journal.ics");
    v.cmd(&["calendar", "-o"]).arg(&file).assert().success();
    let first = std::fs::read_to_string(&file).expect("written");
    v.cmd(&["calendar", "-o"]).arg(&file).assert().success();
    assert_eq!(
        std::fs::read_to_string(&file).expect("again"),
        first,
        "ours: replaced, the same"
    );
    let other = v.join("other.ics");
    std::fs::write(
        &other,
        "BEGIN:VCALENDAR\r\nPRODID:-//someone else//EN\r\nEND:VCALENDAR\r\n",
    )
    .expect("write");
    let out = v
        .cmd(&["calendar", "-o"])
        .arg(&other)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "not ours");
    v.cmd(&["calendar", "--force", "-o"])
        .arg(&other)
        .assert()
        .success();
    assert_eq!(
        parse(&std::fs::read_to_string(&other).expect("read")).len(),
        10
    );
}
