//! What counts as the person's writing (docs/FORMAT.md): each rule on a small vault shaped
//! like the real ones it came from, through the binary. Week 2026-W48 (23–29 November).

use crate::common::{TestVault, texts};
use serde_json::Value;

fn review(v: &TestVault) -> Value {
    v.json_warned(&["review", "--format", "json"]).0
}

fn check(v: &TestVault) -> String {
    String::from_utf8(v.run(&["check"]).stdout).expect("utf-8")
}

fn open_tasks(v: &TestVault) -> Vec<String> {
    texts(&v.json_warned(&["tasks", "--format", "json"]).0)
}

fn prompts(r: &Value) -> Vec<String> {
    let q = &r["reflections"];
    let mut out = texts(&q["answered"]);
    out.extend(texts(&q["unanswered"]));
    out
}

const DAY: &str = "Went to the market and bought figs.\n- [ ] Call the plumber\n";

#[test]
fn sync_conflict_copies_are_counted_once_and_named_by_check() {
    let v = TestVault::new()
        .note("Daily/2026-11-24.md", DAY)
        .note(
            "Daily/2026-11-24.sync-conflict-20261125-081500-ABCDEFG.md",
            DAY,
        )
        .note("Plans/Trip.md", "# Trip\n- [ ] Book the train\n")
        .note(
            "Plans/Trip (conflicted copy 2026-11-25).md",
            "# Trip\n- [ ] Book the train\n",
        )
        .note("Plans/Trip (1).md", "# Trip\n- [ ] Book the train\n")
        .note("Plans/Trip 2.md", "# Trip\n- [ ] Book the train\n")
        // Not copies: a chapter of its own, numbered pages without a base, a page 01.
        .note("Book/Chapter.md", "# Chapter\nAbout the book.\n")
        .note(
            "Book/Chapter 2.md",
            "# Chapter 2\nThe storm, the pier, the long night at sea.\n- [ ] Finish chapter two\n",
        )
        .note("Plugins.md", "# Plugins\n")
        .note(
            "Plugins 01.md",
            "# Plugins 01\n- [ ] Write plugin lesson one\n",
        )
        .note(
            "Inbox.sync-conflict-20261120-101010-ZZZZ999.md",
            "- [ ] Only in the copy\n",
        );
    let r = review(&v);
    assert_eq!(r["stats"]["notes_written"], 1, "one entry, not two");
    assert_eq!(r["stats"]["words_written"], 10);
    let mut open = open_tasks(&v);
    open.sort();
    assert_eq!(
        open,
        [
            "Book the train",
            "Call the plumber",
            "Finish chapter two",
            "Only in the copy",
            "Write plugin lesson one"
        ]
    );
    let c = check(&v);
    for (copy, base) in [
        (
            "Daily/2026-11-24.sync-conflict-20261125-081500-ABCDEFG.md",
            "Daily/2026-11-24.md",
        ),
        (
            "Plans/Trip (conflicted copy 2026-11-25).md",
            "Plans/Trip.md",
        ),
        ("Plans/Trip (1).md", "Plans/Trip.md"),
        ("Plans/Trip 2.md", "Plans/Trip.md"),
    ] {
        assert!(
            c.lines()
                .any(|l| l.starts_with(&format!("{copy}:")) && l.contains(&format!("`{base}`"))),
            "{copy}: {c}"
        );
    }
    assert!(
        c.contains("Syncthing conflict copy (from 2026-11-25 08:15:00)"),
        "{c}"
    );
    assert!(
        c.contains("Inbox.sync-conflict-20261120-101010-ZZZZ999.md:")
            && c.contains("which is not there; it is read in its place"),
        "{c}"
    );
    assert!(
        !c.contains("Chapter 2.md") && !c.contains("Plugins 01.md"),
        "{c}"
    );
}

#[test]
fn app_backup_folders_are_not_notes() {
    let v = TestVault::new()
        .note("Daily/2026-11-24.md", "A short day.\n- [x] Paid the rent\n")
        .note(
            "logseq/bak/journals/2026_11_24/2026-11-26T10_00_00.000Z.Desktop.md",
            "- old copy of a journal with many many words in it\n- [ ] Paid the rent\n",
        )
        .note(
            "logseq/version-files/base/journals/2026_11_24.md",
            "- [ ] stale task from a version file\n",
        )
        .note("logseq/.recycle/pages_old.md", "- [ ] recycled task\n")
        .note(
            "Notes/logseq/bak/mine.md",
            "- [ ] my own notes about Logseq backups\n",
        );
    let r = review(&v);
    assert_eq!(r["stats"]["notes_written"], 1);
    assert_eq!(r["stats"]["words_written"], 6);
    assert_eq!(open_tasks(&v), ["my own notes about Logseq backups"]);
}

#[test]
fn every_template_a_setting_names_is_a_template() {
    let template = "- [ ] Review the month 📅 {{date}}\n## Gratitude\n";
    let v = TestVault::new()
        .note(
            ".obsidian/plugins/periodic-notes/data.json",
            r#"{"daily":{"enabled":true,"format":"YYYY-MM-DD","template":"Meta/Day"},"monthly":{"enabled":true,"template":"Meta/Month"},"quarterly":{"enabled":false,"template":"Meta/Quarter.md"},"yearly":{"template":"/Meta/Year"}}"#,
        )
        .note(
            ".obsidian/plugins/templater-obsidian/data.json",
            r#"{"templates_folder":"","folder_templates":[{"folder":"Projects","template":"Projects/_Project template.md"}],"file_templates":[{"regex":".*","template":"Misc/Any"}]}"#,
        )
        .note(
            ".obsidian/plugins/calendar/data.json",
            r#"{"weeklyNoteTemplate":"Meta/Week"}"#,
        )
        .note("Meta/Day.md", "- [ ] Daily thing\n")
        .note("Meta/Month.md", template)
        .note("Meta/Quarter.md", "- [ ] Quarterly thing\n")
        .note("Meta/Year.md", "- [ ] Yearly thing\n")
        .note("Meta/Week.md", "- [ ] Weekly thing\n")
        .note("Projects/_Project template.md", "- [ ] Project kickoff\n")
        .note("Misc/Any.md", "- [ ] Any thing\n")
        .note("Meta/Kept.md", "- [ ] A real task\n");
    assert_eq!(open_tasks(&v), ["A real task"]);
    // Periodic Notes 1.0 (calendar sets: every set's templates) and its newest flat layout.
    for settings in [
        r#"{"activeCalendarSet":"Work","calendarSets":[{"id":"Home","month":{"templatePath":"Meta/Month.md"}},{"id":"Work","day":{"format":"YYYY-MM-DD","templatePath":"Meta/Day"}}]}"#,
        r#"{"day":{"enabled":true,"format":"YYYY-MM-DD","templatePath":"Meta/Day"},"month":{"enabled":true,"templatePath":"Meta/Month"}}"#,
    ] {
        let v = TestVault::new()
            .note(".obsidian/plugins/periodic-notes/data.json", settings)
            .note("Meta/Day.md", "- [ ] Daily thing\n")
            .note("Meta/Month.md", template)
            .note("Meta/Kept.md", "- [ ] A real task\n");
        assert_eq!(open_tasks(&v), ["A real task"], "{settings}");
    }
}

#[test]
fn unrendered_template_syntax_makes_a_template_that_check_reports() {
    let v = TestVault::new()
        .note(
            "Projects/Template.md",
            "---\ntype: plan\n---\n# {{title}}\n- [ ] Kickoff meeting 📅 2023-xx-xx\n- [ ] Write the brief\n",
        )
        .note(
            "Areas/Template - weekly.md",
            "---\ncreated: <% tp.file.creation_date() %>\n---\n- [ ] Weekly review\n",
        )
        .note("Areas/Due.md", "- [ ] Pay 📅 <% tp.date.now(\"YYYY-MM-DD\", 7) %>\n")
        // Not template syntax: Tasks query placeholders in code, Logseq macros, a date.
        .note(
            "Notes/Queries.md",
            "```tasks\npath includes {{query.file.path}}\n```\n- [ ] Read {{embed [[Page]]}} again 📅 2026-12-01\n",
        )
        .note("Projects/Templates for forms.md", "- [ ] Print the YYYY-MM-DD form\n")
        .note("Page.md", "A page.\n");
    let mut open = open_tasks(&v);
    open.sort();
    assert_eq!(
        open,
        ["Print the YYYY-MM-DD form", "Read {{embed [[Page]]}} again"]
    );
    let plans = v.json_warned(&["plans", "--format", "json"]).0;
    assert_eq!(
        plans.as_array().map(Vec::len),
        Some(0),
        "a template is no plan"
    );
    let c = check(&v);
    for (path, line, token) in [
        ("Projects/Template.md", 5, "2023-xx-xx"),
        (
            "Areas/Template - weekly.md",
            2,
            "<% tp.file.creation_date() %>",
        ),
        ("Areas/Due.md", 1, "<% tp.date.now(\"YYYY-MM-DD\", 7) %>"),
    ] {
        assert!(
            c.contains(&format!(
                "{path}:{line}:1: warning: holds unrendered template syntax `{token}`"
            )),
            "{path}: {c}"
        );
    }
    assert!(!c.contains("Queries.md"), "{c}");
}

#[test]
fn clippings_and_reference_notes_are_not_the_persons_writing() {
    let article = "Pablo Neruda was a Chilean poet and diplomat who won the Nobel Prize. \
                   His work spans love poems, politics and the sea.\n";
    let v = TestVault::new()
        .note("Daily/2026-11-24.md", "Read about Neruda on the train.\n")
        .note(
            "Clippings/site.org/Who was Neruda.md",
            &format!("---\ncreated: 2026-11-24\n---\n## Who was Pablo Neruda?\n{article}- [ ] Buy the book\n"),
        )
        .note(
            "Notes/Neruda.md",
            &format!("---\nsource: https://example.org/neruda\nauthor: \"[[Ann Smith]]\"\npublished: 2020-01-01\ncreated: 2026-11-25\ntags: [poetry]\n---\n## Who was he?\n{article}"),
        )
        .note(
            "Notes/Tart.md",
            &format!("---\ncategories:\n  - \"[[Clippings]]\"\ncreated: 2026-11-26\n---\n{article}"),
        )
        .note(
            "Notes/Tagged.md",
            &format!("---\ncreated: 2026-11-26\ntags: clippings\n---\n{article}"),
        )
        // The owner's own project, with a url: not a clipping.
        .note(
            "Notes/Minimal Theme.md",
            "---\nurl: https://minimal.guide\ncreated: 2026-11-27\n---\nMy theme project.\n- [ ] Fix the dark mode\n",
        );
    let r = review(&v);
    assert_eq!(
        r["stats"]["notes_written"], 2,
        "the daily note and Minimal Theme"
    );
    assert_eq!(r["stats"]["words_written"], 6 + 3 + 4);
    assert!(prompts(&r).is_empty(), "{:?}", prompts(&r));
    assert_eq!(open_tasks(&v), ["Fix the dark mode"]);
    // Configurable: a vault whose recipes are reference material.
    let v = TestVault::new()
        .note(
            ".journal.toml",
            "[reference]\nfolders = [\"recipes\"]\ntags = []\n",
        )
        .note("recipes/pbj.md", "- [ ] Bread\n- [ ] Jelly\n")
        .note("Clippings/a.md", "- [ ] Not reference any more\n")
        .note(
            "Other.md",
            "---\ntags: clippings\n---\n- [ ] Tagged, not reference here\n",
        );
    let mut open = open_tasks(&v);
    open.sort();
    assert_eq!(
        open,
        ["Not reference any more", "Tagged, not reference here"]
    );
}

#[test]
fn template_text_is_not_writing_and_an_unchanged_template_is_not_an_entry() {
    let template = "---\ntags: daily\n---\n# {{date:dddd, D MMMM YYYY}}\n\nmood:: \n\n## What went well?\nI could have made today better by\n\n## Notes\n- [ ] \n";
    let filled = |date: &str, day: &str| {
        format!("# {day}\n\nmood:: \n\n## What went well?\nI could have made today better by\n\n## Notes\n- [ ] \n")
            .replace("{date}", date)
    };
    let v = TestVault::new()
        .note(
            ".obsidian/daily-notes.json",
            r#"{"folder":"Daily","template":"Templates/Daily"}"#,
        )
        .note("Templates/Daily.md", template)
        .note("Daily/2026-11-23.md", &filled("2026-11-23", "Monday, 23 November 2026"))
        .note(
            "Daily/2026-11-24.md",
            "# Tuesday, 24 November 2026\n\nmood:: 4\n\n## What went well?\nI could have made today better by going to bed early\n\n## Notes\n- [ ] \n- [ ] Call Ana\nLong walk by the river.\n",
        )
        .bytes("Daily/2026-11-25.md", b"")
        .note("Daily/2026-11-26.md", "\n\n- \n");
    let r = review(&v);
    assert_eq!(
        r["stats"]["notes_written"], 1,
        "only Tuesday was written in"
    );
    // "4", "going to bed early", "Call Ana", "Long walk by the river."
    assert_eq!(r["buckets"][1]["words"], 1 + 4 + 2 + 5);
    assert_eq!(r["stats"]["words_written"], 12);
    assert_eq!(r["stats"]["mood_mean"], 4.0);
    assert_eq!(open_tasks(&v), ["Call Ana"], "a blank - [ ] is not a task");
    let answered = texts(&r["reflections"]["answered"]);
    assert_eq!(answered, ["What went well?"]);
    let open: Vec<&Value> = r["reflections"]["unanswered"]
        .as_array()
        .expect("list")
        .iter()
        .collect();
    assert_eq!(open.len(), 1, "Monday's stub is no answer: {open:?}");
    assert_eq!(open[0]["date"], "2026-11-23");
}

#[test]
fn a_note_made_from_a_catalog_template_counts_only_what_was_added() {
    // kepano's type templates: a City note is its template with the properties filled in.
    let v = TestVault::new()
        .note(".obsidian/templates.json", r#"{"folder":"Templates"}"#)
        .note(
            "Templates/City Template.md",
            "---\ncategories:\n  - \"[[Places]]\"\ncreated: {{date}}\n---\n## Trips\n\n![[Trips.base#Location]]\n\n## Places\n\n![[Map.base#Location]]\n",
        )
        .note(
            "References/Kyoto.md",
            "---\ncategories:\n  - \"[[Places]]\"\ncreated: 2026-11-24\n---\n## Trips\n\n![[Trips.base#Location]]\n\n## Places\n\n![[Map.base#Location]]\n",
        )
        .note(
            "References/Lisbon.md",
            "---\ncreated: 2026-11-25\n---\n## Trips\n\n![[Trips.base#Location]]\n\n## Places\n\n![[Map.base#Location]]\n## Cafés\nA Brasileira, too full.\n",
        );
    let r = review(&v);
    assert_eq!(
        r["buckets"][1]["notes"], 0,
        "Kyoto is its template, unchanged"
    );
    assert_eq!(r["buckets"][2]["notes"], 1);
    assert_eq!(r["stats"]["words_written"], 1 + 4);
}

#[test]
fn prompts_come_from_journal_notes_and_the_library() {
    let v = TestVault::new()
        .note(
            "Notes/xxd.md",
            "## Limit xxd output to a particular length?\nUse -l.\n## What next?\nA library question, answered anywhere.\n",
        )
        .note(
            "References/WSAL.md",
            "---\ncreated: 2026-11-24\n---\n## WTF is WSAL?\nhttps://a.example https://b.example\n",
        )
        .note(
            "Journal.md",
            "## 2026-11-25\n### Why was I so tired?\nLate nights.\n",
        )
        .note(
            "Daily/2026-11-26.md",
            "## Did the walk help?\nIt did.\n",
        );
    let mut p = prompts(&v.json_warned(&["review", "--format", "json"]).0);
    p.sort();
    assert_eq!(p, ["Did the walk help?", "Why was I so tired?"]);
    let all = v.json_warned(&["prompts", "--format", "json"]).0;
    let mut asked = texts(&all);
    asked.sort();
    assert_eq!(
        asked,
        ["Did the walk help?", "What next?", "Why was I so tired?"],
        "a `?` heading in an undated or reference note is not a prompt"
    );
}

#[test]
fn reflections_in_other_shapes() {
    let v = TestVault::new()
        .note(
            "Daily/2026-11-23.md",
            "## Reflections\n**What went well:** the long run.\n**What didn't:**\nSleep.\n\n## Gratitude\nMy sister's call.\n\n## Log\n- How did I sleep?\n  - Badly, again.\n- Should I call Ana?\n\n**Note:** not a prompt outside a reflection section.\n**Are you happy?** Mostly.\n",
        )
        .note(
            "Daily questions.md",
            "# Daily questions\n## What am I grateful for?\n- 2026-11-24: the sun on the balcony\n- [[2026-11-25]] — soup\n  - and bread\n- 2026-11-10 long ago\n",
        );
    let r = review(&v);
    let mut answered: Vec<(String, String, String)> = r["reflections"]["answered"]
        .as_array()
        .expect("list")
        .iter()
        .map(|a| {
            (
                a["date"].as_str().unwrap_or("").to_string(),
                a["prompt"].as_str().unwrap_or("").to_string(),
                a["answer"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    answered.sort();
    let expected: Vec<(String, String, String)> = [
        ("2026-11-23", "Are you happy?", "Mostly."),
        ("2026-11-23", "Gratitude", "My sister's call."),
        ("2026-11-23", "How did I sleep?", "- Badly, again."),
        ("2026-11-23", "What didn't", "Sleep."),
        ("2026-11-23", "What went well", "the long run."),
        (
            "2026-11-24",
            "What am I grateful for?",
            "the sun on the balcony",
        ),
        ("2026-11-25", "What am I grateful for?", "soup\n- and bread"),
    ]
    .iter()
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    .collect();
    assert_eq!(answered, expected);
    assert!(texts(&r["reflections"]["unanswered"]).is_empty());
    let q = &r["reflections"]["questions"];
    let grateful = q
        .as_array()
        .expect("list")
        .iter()
        .find(|q| q["prompt"] == "What am I grateful for?")
        .expect("grouped");
    assert_eq!(grateful["answers"].as_array().map(Vec::len), Some(2));
    assert_eq!(grateful["before"]["date"], "2026-11-10");
}

#[test]
fn a_daily_templates_headings_labels_and_questions_are_its_prompts() {
    let v = TestVault::new()
        .note(
            ".obsidian/daily-notes.json",
            r#"{"folder":"Daily","template":"Templates/Day"}"#,
        )
        .note(
            "Templates/Day.md",
            "# {{date}}\n## Morning pages\n\n## Today\n```tasks\ndue today\n```\n**Win of the day:**\n- Energy level?\n",
        )
        .note(
            "Daily/2026-11-24.md",
            "# 2026-11-24\n## Morning pages\nWoke at six and wrote.\n## Today\n```tasks\ndue today\n```\n**Win of the day:** finished the draft\n- Energy level?\n",
        );
    let r = review(&v);
    let mut answered = texts(&r["reflections"]["answered"]);
    answered.sort();
    assert_eq!(answered, ["Morning pages", "Win of the day"]);
    assert_eq!(texts(&r["reflections"]["unanswered"]), ["Energy level?"]);
    // "Woke at six and wrote." and "finished the draft"; the template's lines are not words.
    assert_eq!(r["stats"]["words_written"], 5 + 3);
}

#[test]
fn moods_from_properties_and_aliases_and_why_a_mood_was_not_read() {
    let v = TestVault::new()
        .note("Daily/2026-11-23.md", "---\nmood: 4\n---\nFine.\n")
        .note("Daily/2026-11-24.md", "---\nscore: 2\n---\nMeh.\n")
        .note(
            "Journal.md",
            "## Monday 2026-11-23\nSlept badly. mood:: 2\n## 2026-11-25\nmood:: good\nSlept badly. [mood:: 3]\n",
        )
        .note("References/Film.md", "---\ncreated: 2026-11-24\nrating: 7\n---\n")
        .note("Undated.md", "mood:: 3\n");
    let r = review(&v);
    assert_eq!(
        r["buckets"][0]["mood"], 4.0,
        "the property; the mid-line one is not read"
    );
    assert_eq!(
        r["buckets"][1]["mood"],
        Value::Null,
        "`score` is not a mood unless named"
    );
    assert_eq!(r["buckets"][2]["mood"], 3.0);
    let c = check(&v);
    assert!(
        c.contains("Journal.md:2:1: warning: `mood:: 2` after other text is not read")
            && c.contains("write `[mood:: 2]`"),
        "{c}"
    );
    assert!(
        c.contains("Journal.md:4:1: warning: `mood:: good` is not read as a mood"),
        "{c}"
    );
    assert!(
        c.contains("Undated.md:1:1: warning: `mood:: 3` is in a note with no date"),
        "{c}"
    );
    assert!(!c.contains("Film.md"), "a film's rating is no mood: {c}");
    let v = TestVault::new()
        .note(".journal.toml", "[fields]\nmood = [\"mood\", \"score\"]\n")
        .note("Daily/2026-11-24.md", "---\nscore: 2\n---\nMeh.\n")
        .note("Daily/2026-11-25.md", "score:: 4\n");
    let r = review(&v);
    assert_eq!(r["buckets"][1]["mood"], 2.0);
    assert_eq!(r["buckets"][2]["mood"], 4.0);
}

#[test]
fn daily_notes_named_in_other_ways_and_the_ones_check_lists() {
    let v = TestVault::new()
        .note(
            ".obsidian/daily-notes.json",
            r#"{"folder":"Journal/Daily","format":"YYYY_MM_DD"}"#,
        )
        .note(
            "Journal/Daily/2026_11_23 (1).md",
            "Alone, so the day's note.\n",
        )
        .note(
            "Journal/Daily/2026_11_24-sam.md",
            "Sam's part of the day.\n",
        )
        .note("Journal/Daily/2026_11_25.md", "The day itself.\n")
        .note("Journal/Daily/2026_11_25 (1).md", "The day itself.\n")
        .note(
            "Journal/Daily/Archive/25-11-2026.md",
            "An old archive note.\n",
        )
        .note("Journal/Daily/About these notes.md", "How I write.\n")
        .note("Elsewhere/2026_11_26-x.md", "Not in the daily folder.\n");
    let r = review(&v);
    let entries: Vec<u64> = r["buckets"]
        .as_array()
        .expect("days")
        .iter()
        .map(|d| d["notes"].as_u64().unwrap_or(0))
        .collect();
    assert_eq!(entries, [1, 1, 1, 0, 0, 0, 0]);
    let c = check(&v);
    for path in [
        "Journal/Daily/Archive/25-11-2026.md",
        "Journal/Daily/About these notes.md",
    ] {
        assert!(
            c.contains(&format!(
                "{path}: warning: is in the daily-notes folder `Journal/Daily` but has no date"
            )),
            "{path}: {c}"
        );
    }
    assert!(c.contains("Journal/Daily/2026_11_25 (1).md: warning: is a numbered copy of `Journal/Daily/2026_11_25.md`"), "{c}");
    assert!(!c.contains("Elsewhere"), "{c}");
}

#[test]
fn what_the_owner_wrote_around_a_review_is_read() {
    let v = TestVault::new().note(
        "Reviews/2026-W47.md",
        "---\ngenerator: journal\nweek: 2026-W47\n---\n<!-- journal:begin -->\n# Weekly review\n- [ ] a task journal listed\n## What next?\nthe review's own text\n<!-- journal:end -->\n\n## What next?\nRita, transcripts, ending.\n- [ ] Email Rita\n",
    );
    assert_eq!(open_tasks(&v), ["Email Rita"]);
    let r = v
        .json_warned(&["review", "--format", "json", "--week", "2026-W47"])
        .0;
    assert_eq!(r["stats"]["notes_written"], 1);
    assert_eq!(r["stats"]["words_written"], 2 + 3 + 2);
    assert_eq!(texts(&r["reflections"]["answered"]), ["What next?"]);
    assert_eq!(
        r["reflections"]["answered"][0]["answer"],
        "Rita, transcripts, ending.\n- Email Rita"
    );
    // A file journal wrote whole, without markers, is not read at all.
    let v = TestVault::new().note(
        "Reviews/2026-W47.md",
        "---\ngenerator: journal\n---\n- [ ] listed by journal\n",
    );
    assert!(open_tasks(&v).is_empty());
}

#[test]
fn weeks_follow_the_vault() {
    let notes = |v: TestVault| {
        v.note("Daily/2026-11-22.md", "Sunday.\n")
            .note("Daily/2026-11-28.md", "Saturday.\n")
            .note("Daily/2026-11-29.md", "Next Sunday.\n")
    };
    // The Calendar plugin's Sunday weeks.
    let v = notes(TestVault::new().note(
        ".obsidian/plugins/calendar/data.json",
        r#"{"weekStart":"sunday"}"#,
    ));
    let r = review(&v);
    assert_eq!(
        r["period"]["start"], "2026-11-29",
        "today's Sunday-start week"
    );
    let r = v.json_warned(&["review", "--format", "json", "--last"]).0;
    assert_eq!(
        (
            r["period"]["start"].as_str(),
            r["stats"]["notes_written"].as_u64()
        ),
        (Some("2026-11-22"), Some(2))
    );
    // `locale` weeks and a locale weekly format (`gggg-ww`): the owner's Sunday weeks, and
    // `--week` takes their weekly note's name.
    let v = notes(
        TestVault::new()
            .note(
                ".obsidian/plugins/calendar/data.json",
                r#"{"weekStart":"locale"}"#,
            )
            .note(
                ".obsidian/plugins/periodic-notes/data.json",
                r#"{"weekly":{"enabled":true,"format":"gggg-ww","folder":"Weekly"}}"#,
            ),
    );
    let r = v
        .json_warned(&["review", "--format", "json", "--week", "2026-48"])
        .0;
    assert_eq!(r["period"]["start"], "2026-11-22");
    assert_eq!(r["period"]["end"], "2026-11-28");
    assert_eq!(r["period"]["name"], "2026-48");
    assert_eq!(r["stats"]["notes_written"], 2);
    let md = v.stdout_and_stderr(&["review", "--week", "2026-48"]).0;
    assert!(md.contains("# Weekly review · 2026-48"), "{md}");
    // `locale` alone says nothing: ISO weeks.
    let v = notes(TestVault::new().note(
        ".obsidian/plugins/calendar/data.json",
        r#"{"weekStart":"locale"}"#,
    ));
    assert_eq!(review(&v)["period"]["start"], "2026-11-23");
    // .journal.toml wins.
    let v = notes(
        TestVault::new()
            .note(
                ".obsidian/plugins/calendar/data.json",
                r#"{"weekStart":"sunday"}"#,
            )
            .note(".journal.toml", "week_start = \"monday\"\n"),
    );
    assert_eq!(review(&v)["period"]["start"], "2026-11-23");
}

#[test]
fn the_review_goes_into_the_owners_weekly_note_only_between_their_markers() {
    let note = "# Week 48\nMy own plan for the week.\n- [ ] Call the bank\n\n<!-- journal:begin -->\n(the review goes here)\n<!-- journal:end -->\n\nWritten after the review.\n";
    let v = TestVault::new()
        .note(
            ".journal.toml",
            "[weekly]\nfolder = \"Weekly\"\n[review]\ninto = \"weekly-note\"\n",
        )
        .note("Weekly/2026-W48.md", note)
        .note("Daily/2026-11-24.md", "- [x] Paid the rent\n");
    let (_, err) = v.stdout_and_stderr(&["review", "--write"]);
    assert!(err.contains("wrote the review into"), "{err}");
    let text = std::fs::read_to_string(v.join("Weekly/2026-W48.md")).expect("read");
    assert!(text.starts_with("# Week 48\nMy own plan for the week.\n- [ ] Call the bank\n\n<!-- journal:begin -->\n# Weekly review · 2026-W48"), "{text}");
    assert!(
        text.ends_with("<!-- journal:end -->\n\nWritten after the review.\n"),
        "{text}"
    );
    assert!(text.contains("Paid the rent") && !text.contains("generator: journal"));
    assert!(!v.join("Reviews").exists());
    // Read back: the owner's text counts, the review's does not.
    assert_eq!(open_tasks(&v), ["Call the bank"]);
    let r = review(&v);
    assert_eq!(r["stats"]["tasks_done"], 1, "not counted twice");
    // Without markers, or without the note, nothing is written, with or without --force.
    let v = TestVault::new()
        .note(
            ".journal.toml",
            "[weekly]\nfolder = \"Weekly\"\n[review]\ninto = \"weekly-note\"\n",
        )
        .note("Weekly/2026-W48.md", "# Week 48\nNo markers here.\n");
    let before = v.fingerprint();
    for args in [
        &["review", "--write"][..],
        &["review", "--write", "--force"],
    ] {
        let out = v.run(args);
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("has no <!-- journal:begin -->"), "{err}");
    }
    let out = v.run(&["review", "--write", "--last"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"));
    assert_eq!(before, v.fingerprint(), "the notes are untouched");
}

#[test]
fn a_past_week_does_not_list_tasks_created_after_it() {
    let v = TestVault::new()
        .note(
            "Inbox.md",
            "- [ ] Renovate the kitchen ➕ 2026-11-20\n  - [ ] Ask for quotes 📅 2026-11-03\n- [ ] Old one 📅 2026-11-04\n",
        );
    let r = v
        .json_warned(&["review", "--format", "json", "--week", "2026-W45"])
        .0;
    assert_eq!(texts(&r["overdue"]), ["Old one"]);
    assert_eq!(r["stats"]["tasks_open"], 1);
}

#[test]
fn repeats_are_grouped_and_long_lists_end_with_how_many_more() {
    let mut v = TestVault::new().note(".journal.toml", "[review]\nlist_limit = 3\n");
    for day in ["23", "24", "25"] {
        v = v.note(
            &format!("Daily/2026-11-{day}.md"),
            "- [x] Stretch\n- [x] Water the plants\n",
        );
    }
    v = v.note(
        "Daily/2026-11-26.md",
        "- [x] Water the plants\n- [x] Call Ana\n- [x] Pay rent\n",
    );
    for i in 0..5 {
        v = v.note(
            &format!("Late/{i}.md"),
            &format!("- [ ] Overdue {i} 📅 2026-11-0{}\n", i + 1),
        );
    }
    let r = review(&v);
    let groups: Vec<(String, u64, Vec<String>)> = r["done_groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| {
            (
                g["task"]["text"].as_str().unwrap_or("").to_string(),
                g["count"].as_u64().unwrap_or(0),
                g["days"]
                    .as_array()
                    .expect("days")
                    .iter()
                    .filter_map(|d| d.as_str().map(str::to_string))
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        groups,
        [
            (
                "Stretch".into(),
                3,
                vec!["Mon".into(), "Tue".into(), "Wed".into()]
            ),
            (
                "Water the plants".into(),
                4,
                vec!["Mon".into(), "Tue".into(), "Wed".into(), "Thu".into()]
            ),
            ("Call Ana".into(), 1, vec!["Thu".into()]),
            ("Pay rent".into(), 1, vec!["Thu".into()]),
        ]
    );
    assert_eq!(
        r["done"].as_array().map(Vec::len),
        Some(9),
        "JSON keeps every task"
    );
    assert_eq!(r["overdue"].as_array().map(Vec::len), Some(5));
    let md = v.stdout(&["review"]);
    assert!(md.contains("- ✅ Stretch ×3 · Mon, Tue, Wed — "), "{md}");
    assert!(
        md.contains("- ✅ Water the plants ×4 · Mon, Tue, Wed, Thu — "),
        "{md}"
    );
    assert!(
        !md.contains("Pay rent") && md.contains("- … and 1 more\n"),
        "{md}"
    );
    assert!(
        md.contains("Overdue 2") && !md.contains("Overdue 3") && md.contains("- … and 2 more\n"),
        "{md}"
    );
    let html = v.stdout(&["review", "--format", "html"]);
    assert!(
        html.contains("×3 · Mon, Tue, Wed") && html.contains("… and 2 more"),
        "{html}"
    );
}

#[test]
fn one_section_per_question_with_the_answer_before_the_week() {
    let v = TestVault::new()
        .note("Daily/2026-11-16.md", "## Are you happy?\nNot really.\n")
        .note("Daily/2026-11-23.md", "## Are you happy?\nA little.\n")
        .note("Daily/2026-11-25.md", "## Are you happy?\nYes.\n")
        .note("Daily/2026-11-26.md", "## Are you happy?\n\n");
    let md = v.stdout(&["review"]);
    assert_eq!(md.matches("### Are you happy?").count(), 1, "{md}");
    let a = md.find("> A little.").expect("monday");
    let b = md.find("> Yes.").expect("wednesday");
    let c = md
        .find("Before this week, on 16 November:\n\n> Not really.")
        .expect("before");
    assert!(a < b && b < c, "{md}");
    assert!(!md.contains("Left open"), "answered in the week: {md}");
}
