//! Tests of reading whole notes: each rule of what is read from a note (SPEC §2).

use super::*;
use crate::dates::parse_date;
use crate::model::{Priority, PromptKind, Status};
use crate::noise::templates::Template;

fn note(path: &str, text: &str) -> Note {
    parse(path, text, &ParseSettings::default())
}

fn d(s: &str) -> NaiveDate {
    parse_date(s).expect("test date")
}

fn texts(n: &Note) -> Vec<&str> {
    n.tasks.iter().map(|t| t.text.as_str()).collect()
}

#[test]
fn tasks_need_a_list_marker_and_a_checkbox() {
    let n = note(
        "a.md",
        "- [ ] dash\n* [x] star\n+ [/] plus\n1. [-] ordered\n2) [>] paren\n- [] no\n-[ ] no\n[ ] no\n- [ ] last\n- [ ]\n",
    );
    assert_eq!(
        texts(&n),
        ["dash", "star", "plus", "ordered", "paren", "last"],
        "a blank `- [ ]` is not a task"
    );
    let statuses: Vec<_> = n.tasks.iter().map(|t| t.status).collect();
    assert_eq!(
        statuses,
        [
            Status::Todo,
            Status::Done,
            Status::InProgress,
            Status::Cancelled,
            Status::Deferred,
            Status::Todo
        ]
    );
}

#[test]
fn every_default_status_symbol() {
    let n = note("a.md", "- [X] a\n- [<] b\n- [?] c\n");
    assert_eq!(n.tasks[0].status, Status::Done);
    assert_eq!(n.tasks[1].status, Status::Deferred);
    assert_eq!((n.tasks[2].status, n.tasks[2].symbol), (Status::Todo, '?'));
    assert_eq!(n.diagnostics.len(), 1, "an unknown symbol is a warning");
    assert_eq!((n.diagnostics[0].line, n.diagnostics[0].col), (3, 3));
}

#[test]
fn custom_status_registry_is_honoured() {
    let mut s = ParseSettings::default();
    s.statuses.set('?', Status::NonTask);
    s.statuses.set('x', Status::Cancelled);
    let n = parse("a.md", "- [?] q\n- [x] c\n", &s);
    assert_eq!(n.tasks[0].status, Status::NonTask);
    assert_eq!(n.tasks[1].status, Status::Cancelled);
    assert!(n.diagnostics.is_empty());
}

#[test]
fn global_filter_decides_what_is_a_task() {
    let s = ParseSettings {
        global_filter: Some("#task".into()),
        remove_global_filter: true,
        ..ParseSettings::default()
    };
    let n = parse(
        "a.md",
        "- [ ] #task real 📅 2026-11-30\n- [ ] shopping list item\n",
        &s,
    );
    assert_eq!(texts(&n), ["real"]);
    assert_eq!(n.tasks[0].dates.due, Some(d("2026-11-30")));
}

#[test]
fn tasks_in_quotes_and_callouts_but_not_in_code_or_comments() {
    let n = note(
        "a.md",
        "> - [ ] quoted\n\n> [!todo] Today\n> - [ ] in callout\n\n```\n- [ ] fenced\n```\n\n    - [ ] indented\n\n%% - [ ] comment %%\n<!-- - [ ] html -->\n<div>\n- [ ] html block\n</div>\n",
    );
    assert_eq!(texts(&n), ["quoted", "in callout"]);
}

#[test]
fn nesting_makes_sub_tasks() {
    let n = note(
        "a.md",
        "- [ ] Book\n  - [ ] Chapter 1\n    - note\n      - [ ] Outline\n  - [x] Chapter 2\n- [ ] Other\n",
    );
    let parents: Vec<_> = n.tasks.iter().map(|t| t.parent).collect();
    assert_eq!(parents, [None, Some(0), Some(1), Some(0), None]);
}

#[test]
fn every_item_keeps_its_line_and_heading() {
    let n = note(
        "a.md",
        "---\ntitle: x\n---\n# Top\n\n## Section\n- [ ] task\n",
    );
    assert_eq!(n.tasks[0].place.line, 7);
    assert_eq!(n.tasks[0].place.heading.as_deref(), Some("Section"));
    assert_eq!(n.h1.as_deref(), Some("Top"));
}

#[test]
fn crlf_cr_and_bom_are_accepted() {
    let (text, warn) = decode(
        "a.md",
        b"\xEF\xBB\xBF---\r\ndate: 2026-11-24\r\n---\r\n- [ ] one\r- [x] two\r\n",
    )
    .expect("text");
    assert!(warn.is_none());
    let n = note("a.md", &text);
    assert_eq!(n.date, Some(d("2026-11-24")));
    assert_eq!(texts(&n), ["one", "two"]);
    assert_eq!(n.tasks[1].place.line, 5);
}

#[test]
fn invalid_utf8_is_read_lossily_with_its_line() {
    let (text, warn) = decode("a.md", b"ok\n- [ ] caf\xE9\n").expect("lossy");
    let warn = warn.expect("a warning");
    assert_eq!(warn.line, 2);
    assert!(text.contains("caf\u{FFFD}"));
    let err = decode("b.md", b"abc\n\0def").expect_err("NUL");
    assert_eq!(err.line, 2);
}

#[test]
fn note_dates_from_front_matter_then_file_name() {
    assert_eq!(note("Daily/2026-11-24.md", "").date, Some(d("2026-11-24")));
    assert_eq!(
        note("x/Trip 2026-11-20 notes.md", "").date,
        Some(d("2026-11-20"))
    );
    assert_eq!(
        note("Daily/2026-11-24.md", "---\ndate: 2026-11-01\n---\n").date,
        Some(d("2026-11-01"))
    );
    assert_eq!(
        note("Daily/2026-11-24.md", "---\ncreated: 2026-11-02\n---\n").date,
        Some(d("2026-11-02"))
    );
    assert_eq!(note("Ideas.md", "").date, None);
}

#[test]
fn dated_headings_date_what_is_under_them() {
    let n = note(
        "Journal.md",
        "# Journal\n## 2026-11-23\nmood:: 3\n- [x] a\n### Evening\n- [x] b\n## Tuesday 2026-11-24\n- [x] c\n## Notes\n- [x] d\n",
    );
    let dates: Vec<_> = n.tasks.iter().map(|t| t.place.date).collect();
    assert_eq!(
        dates,
        [
            Some(d("2026-11-23")),
            Some(d("2026-11-23")),
            Some(d("2026-11-24")),
            None
        ]
    );
    assert_eq!(n.entries, [d("2026-11-23"), d("2026-11-24")]);
    assert_eq!(n.moods[0].place.date, Some(d("2026-11-23")));
}

#[test]
fn tags_from_body_and_front_matter_not_code() {
    let n = note(
        "a.md",
        "---\ntags: [plan]\n---\n#career text `#code` #1984\n```\n#fenced\n```\n- [ ] x #help\n",
    );
    assert_eq!(
        n.tags,
        ["career", "plan"],
        "a task's tags are the task's, not the note's"
    );
    assert_eq!(n.tasks[0].tags, ["help"]);
}

#[test]
fn inline_fields_and_moods() {
    let n = note(
        "Daily/2026-11-24.md",
        "mood:: 4\nEnergy-Level:: high\nslept [sleep:: 7h] (mood:: 9)\n`code:: no`\n",
    );
    let keys: Vec<_> = n
        .fields
        .iter()
        .map(|f| (f.key.as_str(), f.value.as_str()))
        .collect();
    assert_eq!(
        keys,
        [
            ("mood", "4"),
            ("energy_level", "high"),
            ("sleep", "7h"),
            ("mood", "9")
        ]
    );
    assert_eq!(n.moods.len(), 1, "9 is off the 1–5 scale");
    assert_eq!(n.moods[0].value, 4.0);
    assert_eq!(n.diagnostics.len(), 1);
}

#[test]
fn question_headings_and_their_answers() {
    let n = note(
        "Daily/2026-11-24.md",
        "## What next?\nFinish chapter 3.\n\n- call the editor\n### Details\nmore\n## Are you happy?\n...\n## Other\ntext\n",
    );
    assert_eq!(n.prompts.len(), 2);
    let p = &n.prompts[0];
    assert_eq!(
        (p.text.as_str(), p.key.as_str(), p.kind),
        ("What next?", "what next", PromptKind::Heading)
    );
    assert_eq!(
        p.answer,
        "Finish chapter 3.\n\n- call the editor\nDetails\nmore"
    );
    assert!(p.answered);
    assert!(!n.prompts[1].answered);
    assert_eq!(n.prompts[0].place.date, Some(d("2026-11-24")));
}

#[test]
fn setext_question_headings() {
    let n = note("a.md", "Are you happy?\n---\nYes.\n");
    assert_eq!(n.prompts.len(), 1);
    assert_eq!(n.prompts[0].answer, "Yes.");
    assert_eq!(n.prompts[0].place.line, 1);
}

#[test]
fn question_callouts() {
    let n = note(
        "a.md",
        "> [!question] Are you happy?\n> Mostly, yes.\n> More so than last week.\n\nafter\n\n> [!faq]-\n> What else do I want to do with my life?\n> Teach.\n\n> [!note] Not a question\n> text\n",
    );
    assert_eq!(n.prompts.len(), 2);
    assert_eq!(n.prompts[0].text, "Are you happy?");
    assert_eq!(n.prompts[0].answer, "Mostly, yes.\nMore so than last week.");
    assert_eq!(n.prompts[1].text, "What else do I want to do with my life?");
    assert_eq!(n.prompts[1].answer, "Teach.");
    assert_eq!(n.prompts[1].place.line, 7);
}

#[test]
fn empty_callout_is_unanswered() {
    let n = note(
        "a.md",
        "> [!question] What next?\n> \n\n> [!help] Where do I need help?\n> TODO\n",
    );
    assert!(n.prompts.iter().all(|p| !p.answered));
}

#[test]
fn checkpoint_lines_and_feelings() {
    let n = note(
        "Plans/Book.md",
        "checkpoint:: 2026-12-01 First draft [[Book]] [feeling:: nervous]\ncheckpoint:: Reach out\n- [x] Outline done #checkpoint 📅 2026-11-20\n  - feeling:: relieved\n",
    );
    assert_eq!(n.checkpoints.len(), 2);
    assert_eq!(n.checkpoints[0].date, Some(d("2026-12-01")));
    assert_eq!(n.checkpoints[0].feeling.as_deref(), Some("nervous"));
    assert_eq!(n.checkpoints[0].links, ["Book"]);
    assert_eq!(n.checkpoints[1].date, None);
    assert!(
        n.diagnostics
            .iter()
            .any(|w| w.line == 2 && w.message.contains("no date"))
    );
    assert_eq!(n.tasks[0].feeling(), Some("relieved"));
}

#[test]
fn decisions_with_revisit_dates() {
    let n = note(
        "Daily/2026-11-24.md",
        "decision:: Stay at my job for now [revisit:: 2027-03-01]\n",
    );
    assert_eq!(n.decisions.len(), 1);
    assert_eq!(n.decisions[0].text, "Stay at my job for now");
    assert_eq!(n.decisions[0].revisit, Some(d("2027-03-01")));
    assert_eq!(n.decisions[0].place.date, Some(d("2026-11-24")));
}

#[test]
fn a_thematic_break_mid_note_is_not_front_matter() {
    let n = note("a.md", "intro\n\n---\ntype: plan\n---\n- [ ] kept\n");
    assert_eq!(n.front.kind, None);
    assert_eq!(texts(&n), ["kept"]);
}

#[test]
fn broken_front_matter_still_reads_the_body() {
    let n = note("a.md", "---\ntags: [a\n---\n- [ ] kept\n");
    assert_eq!(texts(&n), ["kept"]);
    assert_eq!(n.diagnostics.len(), 1);
    let n = note("b.md", "---\ntitle: never closed\n- [ ] kept\n");
    assert_eq!(texts(&n), ["kept"]);
    assert_eq!(n.diagnostics[0].line, 1);
}

#[test]
fn words_per_day_exclude_front_matter_and_code() {
    let n = note(
        "Daily/2026-11-24.md",
        "---\ntitle: many words here\n---\nOne two three.\n```\nnot counted at all\n```\n- [ ] four five\n",
    );
    assert_eq!(
        n.words,
        [DayWords {
            date: d("2026-11-24"),
            words: 5
        }]
    );
}

#[test]
fn task_metadata_is_read() {
    let n = note(
        "a.md",
        "- [ ] Call [[Editor]] #book ⏫ 📅 2026-11-30 ^call\n",
    );
    let t = &n.tasks[0];
    assert_eq!(t.text, "Call [[Editor]] #book");
    assert_eq!(t.priority, Some(Priority::High));
    assert_eq!(t.links, ["Editor"]);
    assert_eq!(t.block_id(), Some("call"));
}

#[test]
fn warnings_point_at_the_field() {
    let n = note(
        "a.md",
        "\n  - [ ] Pay 📅 2026-02-30\n- [ ] Meet 📅 2026-05-06 with the team\n- [ ] x 🛫 2026-12-02 📅 2026-12-01\n",
    );
    let at: Vec<_> = n.diagnostics.iter().map(|w| (w.line, w.col)).collect();
    assert_eq!(at, [(2, 15), (3, 12), (4, 7)]);
}

#[test]
fn daily_and_weekly_formats_date_notes_by_path() {
    let s = ParseSettings {
        daily_format: MomentFormat::new("YYYY/MM/YYYY-MM-DD"),
        weekly_format: Some(MomentFormat::new("gggg-[W]ww")),
        ..ParseSettings::default()
    };
    assert_eq!(
        date_from_path("Journal/2026/11/2026-11-24.md", &s),
        Some(d("2026-11-24"))
    );
    assert_eq!(
        date_from_path("2026/11/2026-11-24.md", &s),
        Some(d("2026-11-24"))
    );
    // Locale week 48 of 2026 runs Sunday 22 to Saturday 28 November: dated by its Wednesday.
    assert_eq!(
        date_from_path("Weekly/2026-W48.md", &s),
        Some(d("2026-11-25"))
    );
    let s = ParseSettings {
        daily_format: MomentFormat::new("dddd, MMMM Do YYYY"),
        weekly_format: Some(MomentFormat::new("GGGG-[W]WW")),
        ..ParseSettings::default()
    };
    assert_eq!(
        date_from_path("Tuesday, November 24th 2026.md", &s),
        Some(d("2026-11-24"))
    );
    assert_eq!(
        date_from_path("Weekly/2026-W53.md", &s),
        Some(d("2026-12-31")),
        "ISO week 53's Thursday"
    );
    assert_eq!(
        date_from_path("Monday, November 24th 2026.md", &s),
        None,
        "the weekday must agree"
    );
    let in_folder = ParseSettings {
        weekly_folder: "Weekly".into(),
        ..s
    };
    assert_eq!(
        date_from_path("Weekly/2026-W53.md", &in_folder),
        Some(d("2026-12-31")),
        "in the weekly folder"
    );
    assert_eq!(
        date_from_path("Projects/2026-W53.md", &in_folder),
        None,
        "a weekly folder is set: only notes there are weekly notes"
    );
    assert_eq!(date_from_path("Weeklyx/2026-W53.md", &in_folder), None);
    let dotted = ParseSettings {
        daily_format: MomentFormat::new("DD.MM.YYYY"),
        ..ParseSettings::default()
    };
    assert_eq!(
        date_from_path("24.11.2026.md", &dotted),
        Some(d("2026-11-24"))
    );
    assert_eq!(
        date_from_path("Notes 2026-11-20.md", &dotted),
        Some(d("2026-11-20")),
        "an ISO date in the name"
    );
}

#[test]
fn a_weekly_note_dates_its_items_to_its_week() {
    let s = ParseSettings {
        weekly_format: Some(MomentFormat::new("GGGG-[W]WW")),
        ..ParseSettings::default()
    };
    let n = parse("Weekly/2026-W48.md", "- [x] reviewed\n", &s);
    assert_eq!(n.tasks[0].place.date, Some(d("2026-11-26")));
}

#[test]
fn a_question_callout_is_not_part_of_the_heading_answer_around_it() {
    let n = note(
        "Daily/2026-11-24.md",
        "## What went well?\nThe draft.\n\n> [!question] What else?\n> Teach.\n\nAnd the walk.\n",
    );
    assert_eq!(n.prompts[0].answer, "The draft.\n\nAnd the walk.");
    assert_eq!(n.prompts[1].answer, "Teach.");
}

#[test]
fn code_in_a_field_value_is_kept_and_fields_in_code_are_not_read() {
    let n = note(
        "Daily/2026-11-24.md",
        "decision:: Switch to `rg` for search [revisit:: 2027-01-01]\n- [ ] Document `[feeling:: x]` #checkpoint\n",
    );
    assert_eq!(n.decisions[0].text, "Switch to `rg` for search");
    assert_eq!(n.tasks[0].feeling(), None);
}

#[test]
fn answers_quote_tasks_without_their_checkboxes() {
    let n = note(
        "a.md",
        "## What next?\n- [ ] Call Rita\n- [x] Print\n- plain\n",
    );
    assert_eq!(n.prompts[0].answer, "- Call Rita\n- Print\n- plain");
}

#[test]
fn emoji_and_symbol_tags_are_tags() {
    let n = note(
        "a.md",
        "- [ ] Feed the hens #🦅🩺-bird-care #⚠️-attention 📅 2026-01-01\n- [ ] Roof #🛠️-maintenance ⏫\n",
    );
    assert_eq!(n.tasks[0].tags, ["🦅🩺-bird-care", "⚠️-attention"]);
    assert_eq!(n.tasks[0].dates.due, Some(d("2026-01-01")));
    assert_eq!(n.tasks[1].tags, ["🛠️-maintenance"]);
    assert_eq!(n.tasks[1].priority, Some(Priority::High));
}

fn with_filter(filter: &str, remove: bool) -> ParseSettings {
    ParseSettings {
        global_filter: Some(filter.into()),
        remove_global_filter: remove,
        ..ParseSettings::default()
    }
}

#[test]
fn a_global_filter_tag_is_not_one_of_the_tasks_tags() {
    let text = "- [ ] #task Feed the cat #home #task/sub 📅 2026-01-01\n";
    let n = parse("a.md", text, &with_filter("#task", false));
    assert_eq!(n.tasks[0].tags, ["home", "task/sub"]);
    assert_eq!(n.tasks[0].text, "#task Feed the cat #home #task/sub");
    let n = parse("a.md", text, &with_filter("#task", true));
    assert_eq!(n.tasks[0].tags, ["home", "task/sub"]);
    assert_eq!(n.tasks[0].text, "Feed the cat #home #task/sub");
}

#[test]
fn removing_the_global_filter_is_for_display_only_and_by_whole_word() {
    // A substring is not removed (`#tasks` stays), yet the line holds the filter: a task.
    let n = parse(
        "a.md",
        "- [ ] Use #tasks daily\n",
        &with_filter("#task", true),
    );
    assert_eq!(n.tasks[0].text, "Use #tasks daily");
    assert_eq!(n.tasks[0].tags, ["tasks"]);
    // The filter is read as text of the line, so after the fields it hides them.
    let n = parse(
        "a.md",
        "- [ ] Call mum 📅 2026-01-01 TODO\n- [ ] TODO Call dad 📅 2026-01-02\n",
        &with_filter("TODO", true),
    );
    assert_eq!(n.tasks[0].dates.due, None);
    assert_eq!(n.tasks[0].text, "Call mum 📅 2026-01-01");
    assert_eq!(n.tasks[1].dates.due, Some(d("2026-01-02")));
    assert_eq!(n.tasks[1].text, "Call dad");
}

#[test]
fn a_tab_after_the_list_marker_makes_no_task() {
    let n = note(
        "a.md",
        "-\t[ ] tab\n1.\t[ ] tab\n- \t[ ] space and tab\n-  [ ] two spaces\n> - [ ] quoted\n",
    );
    assert_eq!(texts(&n), ["two spaces", "quoted"]);
}

#[test]
fn file_name_as_scheduled_date() {
    let mut s = ParseSettings {
        filename_scheduled: Some(FilenameScheduled::default()),
        ..ParseSettings::default()
    };
    let text = "- [ ] undated\n- [ ] due 📅 2026-12-01\n- [ ] starts 🛫 2026-12-01\n- [ ] impossible due 📅 2026-02-30\n- [x] done ✅ 2026-11-25\n";
    let n = parse("Daily/2026-11-24.md", text, &s);
    let scheduled: Vec<_> = n.tasks.iter().map(|t| t.dates.scheduled).collect();
    let day = Some(d("2026-11-24"));
    assert_eq!(scheduled, [day, None, None, None, day]);
    let n = parse("Daily/Meeting 20261124.md", "- [ ] a\n", &s);
    assert_eq!(n.tasks[0].dates.scheduled, day);
    let n = parse("2026-11-24/Notes.md", "- [ ] a\n", &s);
    assert_eq!(
        n.tasks[0].dates.scheduled, None,
        "the file name, not the folder"
    );
    // Only in the listed folders (and below them).
    s.filename_scheduled = Some(FilenameScheduled {
        format: Some(MomentFormat::new("MMM DD, YYYY")),
        folders: vec!["Daily".into()],
    });
    let f = s.filename_scheduled.as_ref().expect("set");
    assert_eq!(f.date("Daily/Nov 24, 2026.md"), day);
    assert_eq!(f.date("Daily/2026/2026-11-24.md"), day);
    assert_eq!(f.date("Dailyish/2026-11-24.md"), None);
    assert_eq!(f.date("Work/2026-11-24.md"), None);
    assert_eq!(f.date("Daily/2026-02-30.md"), None);
    assert_eq!(
        parse("a.md", "- [ ] a\n", &ParseSettings::default()).tasks[0]
            .dates
            .scheduled,
        None
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

    /// A daily note read against a daily template, both made of the lines templates and notes
    /// hold, never panics, and counts no more words or entries than without the template.
    #[test]
    fn a_note_read_against_its_template_never_panics(
        template in proptest::collection::vec(line(), 0..12),
        note in proptest::collection::vec(line(), 0..20),
    ) {
        let mut s = ParseSettings::default();
        s.writing.daily_template = Some(Template::read(&template.join("\n"), true));
        let text = note.join("\n");
        let n = parse("2026-11-24.md", &text, &s);
        let plain = parse("2026-11-24.md", &text, &ParseSettings::default());
        let words = |n: &Note| n.words.iter().map(|w| w.words).sum::<u32>();
        proptest::prop_assert!(words(&n) <= words(&plain), "{} > {}", words(&n), words(&plain));
        proptest::prop_assert!(n.entries.len() <= plain.entries.len());
    }
}

fn line() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    prop_oneof![
        Just("# {{date:dddd, D MMMM YYYY}}".to_string()),
        Just("# <% tp.file.title %>".to_string()),
        Just("<%* let x = 1 %>".to_string()),
        Just("mood:: ".to_string()),
        Just("mood:: 4".to_string()),
        Just("## Gratitude".to_string()),
        Just("## What went well?".to_string()),
        Just("I could have made today better by".to_string()),
        Just("**Win of the day:**".to_string()),
        Just("**Win of the day:** the draft".to_string()),
        Just("- Energy level?".to_string()),
        Just("  - high".to_string()),
        Just("- 2026-11-20: before".to_string()),
        Just("- [ ] ".to_string()),
        Just("- [ ] Call Ana".to_string()),
        Just("```tasks".to_string()),
        Just("```".to_string()),
        Just("Weather: {{weather}} today".to_string()),
        Just("".to_string()),
        "[ -~]{0,16}".prop_map(String::from),
        any::<String>().prop_map(|s| s.chars().take(20).collect()),
    ]
}
