//! The weekly review's rules, section by section, on small vaults through the binary
//! (`journal review --format json`, whose output is the template context).

use crate::common::{TestVault, texts};
use serde_json::{Value, json};

fn review(v: &TestVault, args: &[&str]) -> Value {
    let mut a = vec!["review", "--format", "json"];
    a.extend_from_slice(args);
    v.json(&a)
}

#[test]
fn header_and_week_selection() {
    let v = TestVault::new().note("a.md", "x\n");
    let r = review(&v, &[]);
    assert_eq!(r["schema"], "journal.review/2");
    assert_eq!(
        r["period"],
        json!({"kind": "week", "id": "2026-W48", "name": "2026-W48", "start": "2026-11-23", "end": "2026-11-29"})
    );
    assert_eq!(r["as_of"], "2026-11-29");
    assert_eq!(r["generated_at"], "2026-11-29", "fixed with --today");
    assert_eq!(review(&v, &["--last"])["period"]["id"], "2026-W47");
    assert_eq!(
        review(&v, &["--date", "2026-12-01"])["period"]["id"],
        "2026-W49"
    );
    let past = review(&v, &["--week", "2026-W40"]);
    assert_eq!(
        past["as_of"], "2026-10-04",
        "a past week is reviewed as of its last day"
    );
    assert_eq!(
        review(&v, &["--week", "2026-W49"])["as_of"],
        "2026-11-29",
        "a future week as of today"
    );
    assert_eq!(r["buckets"].as_array().map(Vec::len), Some(7));
}

#[test]
fn bad_weeks_are_usage_errors() {
    let v = TestVault::new();
    for w in ["2026-W54", "2025-W53", "W54", "2026-48", "soon", "123"] {
        let out = v.run(&["review", "--week", w]);
        assert_eq!(out.status.code(), Some(2), "{w}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&format!("--week {w}: not a week")), "{err}");
    }
}

#[test]
fn done_this_week_by_done_date_note_date_or_section_date() {
    let v = TestVault::new()
        .note(
            "Daily/2026-11-24.md",
            "- [x] checked in a dated note\n- [x] done date elsewhere ✅ 2026-11-10\n",
        )
        .note(
            "Daily/2026-11-16.md",
            "- [x] checked last week\n- [x] finished this week ✅ 2026-11-25\n",
        )
        .note(
            "Journal.md",
            "## 2026-11-20\n- [x] old entry\n## Thursday 2026-11-26\n- [x] in a dated section\n",
        )
        .note("Undated.md", "- [x] no date anywhere\n")
        .note(
            "Reviews/2026-W47.md",
            "---\ngenerator: journal\n---\n- [x] from a written review ✅ 2026-11-25\n",
        );
    let r = review(&v, &[]);
    assert_eq!(
        texts(&r["done"]),
        [
            "checked in a dated note",
            "finished this week",
            "in a dated section"
        ]
    );
    assert_eq!(r["stats"]["tasks_done"], 3);
    let days: Vec<_> = r["buckets"]
        .as_array()
        .expect("days")
        .iter()
        .map(|d| d["tasks_done"].clone())
        .collect();
    assert_eq!(
        days,
        [
            json!(0),
            json!(1),
            json!(1),
            json!(1),
            json!(0),
            json!(0),
            json!(0)
        ]
    );
}

#[test]
fn overdue_due_soon_in_progress_deferred_and_help() {
    let v = TestVault::new().note(
        "Daily/2026-11-20.md",
        "- [ ] overdue 📅 2026-11-28\n- [ ] due today 📅 2026-11-29\n- [ ] due soon 📅 2026-12-06\n- [ ] too far 📅 2026-12-07\n- [/] doing\n- [>] later\n- [ ] ask for help #help\n- [ ] waiting on Ana #waiting/people\n- [x] done help #help\n",
    );
    let r = review(&v, &[]);
    assert_eq!(texts(&r["overdue"]), ["overdue"]);
    assert_eq!(texts(&r["due_soon"]), ["due soon"]);
    assert_eq!(texts(&r["in_progress"]), ["doing"]);
    assert_eq!(texts(&r["deferred"]), ["later"]);
    assert_eq!(
        texts(&r["help"]),
        ["ask for help #help", "waiting on Ana #waiting/people"]
    );
    assert_eq!(r["stats"]["tasks_overdue"], 1);
    assert_eq!(r["stats"]["tasks_open"], 7);
    assert_eq!(r["stats"]["tasks_created"], 0, "written in week 47");
}

#[test]
fn checkpoints_reached_missed_upcoming() {
    let v = TestVault::new().note(
        "Plans/Book.md",
        "---\ntype: plan\n---\n- [x] Outline #checkpoint 📅 2026-11-25 ✅ 2026-11-24\n  - feeling:: proud\n- [x] Old one #checkpoint 📅 2026-11-01 ✅ 2026-11-01\n- [ ] Draft #checkpoint 📅 2026-11-27\n- [ ] Edit #milestone 📅 2026-12-13\n- [ ] Print #checkpoint 📅 2026-12-14\ncheckpoint:: 2026-12-01 Beta readers\n",
    );
    let r = review(&v, &[]);
    let cps = &r["checkpoints"];
    assert_eq!(texts(&cps["reached"]), ["Outline #checkpoint"]);
    assert_eq!(cps["reached"][0]["feeling"], "proud");
    assert_eq!(cps["reached"][0]["reached_on"], "2026-11-24");
    assert_eq!(cps["reached"][0]["plan"], "Book");
    assert_eq!(texts(&cps["missed"]), ["Draft #checkpoint"]);
    assert_eq!(
        texts(&cps["upcoming"]),
        ["Beta readers", "Edit #milestone"],
        "within 14 days"
    );
    assert_eq!(
        (
            r["stats"]["checkpoints_reached"].clone(),
            r["stats"]["checkpoints_missed"].clone()
        ),
        (json!(1), json!(1))
    );
}

#[test]
fn every_plan_health_and_what_was_done_this_week() {
    let v = TestVault::new()
        .note("Plans/a.md", "---\ntype: plan\n---\n- [x] step ✅ 2026-11-24\n- [ ] next\n")
        .note("Plans/b.md", "---\ntype: plan\n---\n- [ ] late 📅 2026-11-20\n")
        .note("Plans/c.md", "---\ntype: plan\n---\n- [x] y ✅ 2026-11-24\n- [ ] blocked ⛔ other\n- [ ] other 🆔 other 🛫 2026-12-10\n")
        .note("Plans/d.md", "---\ntype: plan\n---\n- [x] long ago ✅ 2026-10-01\n- [ ] next\n")
        .note("Plans/e.md", "---\ntype: plan\nstatus: paused\ndecision: not now\nrevisit: 2027-01-01\n---\n- [ ] x\n")
        .note("Plans/f.md", "---\ntype: plan\nstatus: done\n---\n")
        .note("Plans/g.md", "---\ntype: plan\nstatus: dropped\n---\n");
    let r = review(&v, &[]);
    let got: Vec<(String, String)> = r["plans"]
        .as_array()
        .expect("plans")
        .iter()
        .map(|p| {
            (
                p["title"].as_str().unwrap_or("").into(),
                p["health"].as_str().unwrap_or("").into(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("a".to_string(), "on-track".to_string()),
            ("b".into(), "at-risk".into()),
            ("c".into(), "stuck".into()),
            ("d".into(), "stalled".into()),
            ("e".into(), "paused".into())
        ],
        "done and dropped plans are left out"
    );
    assert_eq!(texts(&r["plans"][0]["done_this_week"]), ["step"]);
    assert_eq!(r["plans"][0]["next_action"]["text"], "next");
    assert_eq!(r["plans"][4]["decision"], "not now");
}

#[test]
fn answers_with_the_previous_answer_and_open_prompts() {
    let v = TestVault::new()
        .note("Daily/2026-11-10.md", "## Are you happy?\nNot really.\n")
        .note(
            "Daily/2026-11-18.md",
            "> [!question] Are you happy\n> Somewhat.\n",
        )
        .note(
            "Daily/2026-11-24.md",
            "## Are you HAPPY?\nYes!\n\n## What next?\n...\n",
        )
        .note(
            "Daily/2026-11-26.md",
            "## are you happy?\nVery.\n\n## What else do I want to do with my life?\nTeach.\n",
        );
    let r = review(&v, &[]);
    let answered = r["reflections"]["answered"].as_array().expect("answered");
    assert_eq!(answered.len(), 3);
    assert_eq!(answered[0]["answer"], "Yes!");
    assert_eq!(answered[0]["previous"]["answer"], "Somewhat.");
    assert_eq!(answered[0]["previous"]["date"], "2026-11-18");
    assert_eq!(
        answered[1]["previous"]["answer"], "Yes!",
        "the latest earlier answer"
    );
    assert_eq!(
        answered[2]["previous"],
        Value::Null,
        "never answered before"
    );
    assert_eq!(texts(&r["reflections"]["unanswered"]), ["What next?"]);
    assert_eq!(r["stats"]["prompts_answered"], 3);
    let next: Vec<_> = r["next_prompts"]
        .as_array()
        .expect("next")
        .iter()
        .map(|p| p["prompt"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        next,
        [
            "What next?",
            "What went well, and what didn't?",
            "Where do I need outside help or more knowledge?",
            "Are you happy?",
            "What else do I want to do with my life?"
        ],
        "never answered first, in library order, then the longest unanswered"
    );
}

#[test]
fn decisions_made_this_week_or_due_for_a_revisit() {
    let v = TestVault::new()
        .note("Daily/2026-11-24.md", "decision:: Stay put for now [[Career]] [revisit:: 2027-03-01]\n")
        .note("Daily/2026-10-01.md", "decision:: Write at 6:30 [revisit:: 2026-12-05]\ndecision:: Old and settled [revisit:: 2027-06-01]\ndecision:: Overdue look [revisit:: 2026-11-01]\n")
        .note("Career.md", "---\ntype: plan\nstatus: on-hold\ncreated: 2026-11-25\ndecision: Not this year\nrevisit: 2027-09-01\n---\n");
    let r = review(&v, &[]);
    let got: Vec<_> = r["decisions"]
        .as_array()
        .expect("decisions")
        .iter()
        .map(|d| {
            (
                d["text"].as_str().unwrap_or("").to_string(),
                d["plan"].clone(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("Write at 6:30".to_string(), Value::Null),
            ("Overdue look".into(), Value::Null),
            ("Stay put for now [[Career]]".into(), json!("Career")),
            ("Not this year".into(), json!("Career"))
        ]
    );
    assert_eq!(r["decisions"][2]["made_on"], "2026-11-24");
    assert_eq!(r["decisions"][2]["revisit"], "2027-03-01");
}

#[test]
fn mood_mean_and_change_and_words() {
    let v = TestVault::new()
        .note("Daily/2026-11-17.md", "mood:: 2\n")
        .note("Daily/2026-11-18.md", "mood:: 3\n")
        .note("Daily/2026-11-24.md", "mood:: 4\nOne two three four.\n")
        .note("Daily/2026-11-25.md", "mood:: 5\nmood:: 4\n");
    let r = review(&v, &[]);
    assert_eq!(r["stats"]["mood_mean"], 4.33);
    assert_eq!(r["stats"]["mood_change"], 1.83);
    assert_eq!(r["buckets"][1]["mood"], 4.0);
    assert_eq!(r["buckets"][2]["mood"], 4.5);
    assert_eq!(r["buckets"][0]["mood"], Value::Null);
    assert_eq!(r["stats"]["notes_written"], 2);
    // `mood::` is the text of the daily template (journal's own here): only the 4 is added.
    assert_eq!(r["buckets"][1]["words"], 5);
    let first = review(&v, &["--week", "2026-W46"]);
    assert_eq!(
        (
            first["stats"]["mood_mean"].clone(),
            first["stats"]["mood_change"].clone()
        ),
        (Value::Null, Value::Null)
    );
}

#[test]
fn iso_week_53_across_the_year_boundary() {
    let v = TestVault::new()
        .note("Daily/2026-12-31.md", "- [x] old year\nmood:: 3\n")
        .note("Daily/2027-01-03.md", "- [x] new year\nmood:: 5\n")
        .note("Daily/2027-01-04.md", "- [x] next week\n");
    let r = v.json_at(
        "2027-01-10",
        &["review", "--week", "2026-W53", "--format", "json"],
    );
    assert_eq!(
        r["period"],
        json!({"kind": "week", "id": "2026-W53", "name": "2026-W53", "start": "2026-12-28", "end": "2027-01-03"})
    );
    assert_eq!(texts(&r["done"]), ["old year", "new year"]);
    assert_eq!(r["stats"]["mood_mean"], 4.0);
    let next = v.json_at(
        "2027-01-10",
        &["review", "--date", "2027-01-04", "--format", "json"],
    );
    assert_eq!(next["period"]["id"], "2027-W01");
    assert_eq!(texts(&next["done"]), ["next week"]);
}

#[test]
fn sunday_start_weeks() {
    let v = TestVault::new()
        .note(".journal.toml", "week_start = \"sunday\"\n")
        .note("Daily/2026-11-22.md", "- [x] on sunday\n")
        .note("Daily/2026-11-29.md", "- [x] next sunday\n");
    let r = review(&v, &["--week", "2026-W48"]);
    assert_eq!(
        r["period"],
        json!({"kind": "week", "id": "2026-W48", "name": "2026-W48", "start": "2026-11-22", "end": "2026-11-28"})
    );
    assert_eq!(texts(&r["done"]), ["on sunday"]);
    let today = review(&v, &[]);
    assert_eq!(
        today["period"]["start"], "2026-11-29",
        "the 29th is a Sunday: a new week"
    );
    assert_eq!(texts(&today["done"]), ["next sunday"]);
}

#[test]
fn every_format_renders_an_empty_vault() {
    let v = TestVault::new();
    for format in ["md", "html", "json"] {
        let out = v.run(&["review", "--format", format]);
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stdout.is_empty());
    }
}

#[test]
fn write_keeps_the_users_text_and_refuses_foreign_files() {
    let v = TestVault::new().note("Daily/2026-11-24.md", "- [x] something ✅ 2026-11-24\n");
    let out = v.run(&["review", "--write"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = v.join("Reviews/2026-W48.md");
    let first = std::fs::read_to_string(&path).expect("written");
    assert!(first.starts_with(
        "---\ngenerator: journal\nweek: 2026-W48\n---\n<!-- journal:begin -->\n# Weekly review"
    ));
    assert!(first.ends_with("<!-- journal:end -->\n"));

    // The user writes around the markers; a rewrite keeps every byte of it.
    let (head, rest) = first.split_at(first.find("<!-- journal:begin -->").expect("begin"));
    let edited = format!("{head}My own intro ✍️\r\n\n{rest}\n## My notes\nKeep me.\n");
    std::fs::write(&path, &edited).expect("edit");
    std::fs::write(
        v.join("Daily/2026-11-25.md"),
        "- [x] another ✅ 2026-11-25\n",
    )
    .expect("note");
    assert!(v.run(&["review", "--write"]).status.success());
    let second = std::fs::read_to_string(&path).expect("rewritten");
    assert!(second.starts_with(&format!(
        "{head}My own intro ✍️\r\n\n<!-- journal:begin -->"
    )));
    assert!(second.ends_with("<!-- journal:end -->\n\n## My notes\nKeep me.\n"));
    assert!(second.contains("another"), "the marked part is new");

    // A file without markers is the user's: refused, unchanged, unless --force.
    std::fs::write(&path, "my own weekly note\n").expect("write");
    let refused = v.run(&["review", "--write"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--force"));
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "my own weekly note\n"
    );
    assert!(v.run(&["review", "--write", "--force"]).status.success());
    assert!(
        std::fs::read_to_string(&path)
            .expect("read")
            .contains("<!-- journal:begin -->")
    );
}

#[test]
fn output_file_follows_the_same_rules() {
    let v = TestVault::new();
    let target = v.join("out/review.md");
    assert!(
        v.cmd(&["review", "-o"])
            .arg(&target)
            .output()
            .expect("run")
            .status
            .success()
    );
    assert!(target.exists(), "folders are created");
    std::fs::write(&target, "not ours\n").expect("write");
    let out = v.cmd(&["review", "-o"]).arg(&target).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    let bad = v
        .cmd(&["review", "-o", "/proc/forbidden/review.md"])
        .output()
        .expect("run");
    // A failure to write is a failure (1), not a mistake in how journal was called (2).
    assert_eq!(bad.status.code(), Some(1));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.starts_with("journal: cannot write `/proc/forbidden/review.md`"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn last_weeks_written_review_is_not_counted_twice() {
    let v = TestVault::new()
        .note(
            "Daily/2026-11-17.md",
            "- [x] done last week ✅ 2026-11-17\n- [ ] still open #help\n",
        )
        .note(
            "Daily/2026-11-24.md",
            "- [x] done this week ✅ 2026-11-24\n",
        );
    assert!(v.run(&["review", "--last", "--write"]).status.success());
    assert!(v.join("Reviews/2026-W47.md").exists());
    let r = review(&v, &[]);
    assert_eq!(texts(&r["done"]), ["done this week"]);
    assert_eq!(texts(&r["help"]), ["still open #help"]);
    assert_eq!(r["stats"]["tasks_open"], 1);
    let last = review(&v, &["--last"]);
    assert_eq!(texts(&last["done"]), ["done last week"]);
    // Also when the review was saved by hand from standard output.
    let md = v.stdout(&["review"]);
    std::fs::write(v.join("saved by hand.md"), md).expect("write");
    assert_eq!(texts(&review(&v, &[])["done"]), ["done this week"]);
}

#[test]
fn templates_can_be_replaced_and_errors_point_at_the_line() {
    let v = TestVault::new()
        .note("Daily/2026-11-24.md", "- [x] a ✅ 2026-11-24\n")
        .note(
            ".journal/templates/weekly.md",
            "Done: {{ stats.tasks_done }} in {{ period.id }}\n",
        );
    let md = v.stdout(&["review"]);
    assert!(
        md.contains("<!-- journal:begin -->\nDone: 1 in 2026-W48\n<!-- journal:end -->"),
        "{md}"
    );
    // The HTML one likewise, escaping as an HTML template does.
    std::fs::write(
        v.join(".journal/templates/weekly.html"),
        "<p>{{ done[0].text }} & {{ '<b>' }}</p>",
    )
    .expect("write");
    let html = v.stdout(&["review", "--format", "html"]);
    assert_eq!(html, "<p>a & &lt;b&gt;</p>");
    // The config's `[review] template` comes before the vault's own.
    std::fs::write(v.join("T.md"), "from the config").expect("write");
    std::fs::write(v.join(".journal.toml"), "[review]\ntemplate = \"T.md\"\n").expect("write");
    assert!(v.stdout(&["review"]).contains("\nfrom the config\n"));
    std::fs::remove_file(v.join(".journal.toml")).expect("rm");
    let custom = v.join("mine.md");
    std::fs::write(&custom, "{{ done | length }} {{ done[0] | wikilink }}").expect("write");
    let md = v
        .cmd(&["review", "--template"])
        .arg(&custom)
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&md.stdout).contains("1 [[Daily/2026-11-24|2026-11-24]]"));
    std::fs::write(
        &custom,
        "line one\n{% for x in done %}\n{{ x.text | nope }}\n{% endfor %}\n",
    )
    .expect("write");
    let out = v
        .cmd(&["review", "--template"])
        .arg(&custom)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with(&format!("journal: template {}:3:", custom.display())),
        "{err}"
    );
    assert!(err.contains("nope"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn a_past_week_is_seen_as_it_stood_at_its_end() {
    let v = TestVault::new()
        .note(
            "Plans/Book.md",
            "---\ntype: plan\n---\n- [x] Outline ✅ 2026-11-18\n- [x] Draft ✅ 2026-11-25\n- [ ] Edit\n- [x] Draft done #checkpoint 📅 2026-11-30 ✅ 2026-11-26\n",
        )
        .note("Daily/2026-11-18.md", "mood:: 2\n- [ ] Call Ana 📅 2026-11-20\n## Are you happy?\nNo.\n")
        .note("Daily/2026-11-20.md", "- [-] Old idea ❌ 2026-11-24\n")
        .note("Daily/2026-11-25.md", "mood:: 5\n- [x] Call Ana [[Book]] ✅ 2026-11-25\n## Are you happy?\nYes.\n");
    let r = review(&v, &["--last"]);
    assert_eq!(r["as_of"], "2026-11-22");
    let book = &r["plans"][0];
    assert_eq!(
        book["progress"],
        json!({"done": 1, "total": 4, "percent": 25}),
        "the draft was not done yet"
    );
    assert_eq!(book["next_action"]["text"], "Draft");
    assert_eq!(
        texts(&r["checkpoints"]["upcoming"]),
        ["Draft done #checkpoint"]
    );
    assert_eq!(texts(&r["overdue"]), ["Call Ana"]);
    assert_eq!(
        r["stats"]["tasks_open"], 5,
        "Call Ana, Draft, Edit, the checkpoint, the idea not yet cancelled"
    );
    assert_eq!(r["reflections"]["answered"][0]["answer"], "No.");
    let next: Vec<_> = r["next_prompts"]
        .as_array()
        .expect("next")
        .iter()
        .map(|p| p["last_answered"].clone())
        .collect();
    assert!(
        next.contains(&json!("2026-11-18")) && !next.contains(&json!("2026-11-25")),
        "{next:?}"
    );
    // This week, the same vault as it is now.
    let now = review(&v, &[]);
    assert_eq!(now["plans"][0]["progress"]["done"], 4);
    assert_eq!(
        now["reflections"]["answered"][0]["previous"]["answer"],
        "No."
    );
}

#[test]
fn a_review_kept_inside_a_users_own_note_is_not_read_back() {
    let v = TestVault::new()
        .note(
            "Daily/2026-11-24.md",
            "- [x] real ✅ 2026-11-24\n## Are you happy?\nYes.\n",
        )
        .note(
            "Weekly/My week.md",
            "# My week\n\n<!-- journal:begin -->\n<!-- journal:end -->\n\nMy own words.\n",
        );
    v.cmd(&["review", "-o"])
        .arg(v.join("Weekly/My week.md"))
        .assert()
        .success();
    let r = review(&v, &[]);
    assert_eq!(texts(&r["done"]), ["real"]);
    assert_eq!(
        r["reflections"]["answered"].as_array().map(Vec::len),
        Some(1)
    );
    let kept = std::fs::read_to_string(v.join("Weekly/My week.md")).expect("read");
    assert!(kept.starts_with("# My week\n\n<!-- journal:begin -->\n# Weekly review"));
    assert!(kept.ends_with("<!-- journal:end -->\n\nMy own words.\n"));
}

#[test]
fn json_into_a_closed_pipe_is_not_an_error() {
    let v = TestVault::new().note("a.md", &"- [ ] task\n".repeat(3000));
    for args in [
        &["tasks", "--all", "--format", "json"][..],
        &["index", "--json"],
        &["review", "--format", "json"],
    ] {
        let mut all: Vec<&std::ffi::OsStr> = vec!["--vault".as_ref(), v.path().as_os_str()];
        all.extend(args.iter().map(std::ffi::OsStr::new));
        let (status, err) = crate::common::into_closed_pipe(&all);
        assert_eq!(status, Some(0), "{args:?}: {err}");
    }
    for shell in ["bash", "zsh", "fish"] {
        let (status, err) =
            crate::common::into_closed_pipe(&["completions".as_ref(), shell.as_ref()]);
        assert_eq!(status, Some(0), "{shell}: {err}");
    }
}

#[test]
fn paused_and_finished_plans_are_not_failures() {
    let v = TestVault::new()
        .note("Plans/Paused.md", "---\ntype: plan\nstatus: paused\n---\n- [ ] late step 📅 2026-11-20 #help\n- [ ] cp #checkpoint 📅 2026-11-21\n- [ ] soon 📅 2026-12-01\n")
        .note("Plans/Dropped.md", "---\ntype: plan\nstatus: dropped\n---\n- [/] half done\n- [ ] old 📅 2026-10-01\n")
        .note("Plans/Active.md", "---\ntype: plan\n---\n- [ ] late 📅 2026-11-20\n- [>] moved #checkpoint 📅 2026-11-22\n- [ ] next #checkpoint 📅 2026-12-02\n");
    let r = review(&v, &[]);
    assert_eq!(texts(&r["overdue"]), ["late"]);
    assert_eq!(
        texts(&r["due_soon"]),
        ["next #checkpoint"],
        "not the paused plan's step"
    );
    assert_eq!(texts(&r["in_progress"]), Vec::<String>::new());
    assert_eq!(texts(&r["help"]), Vec::<String>::new());
    assert_eq!(
        texts(&r["checkpoints"]["missed"]),
        Vec::<String>::new(),
        "deferred is not missed"
    );
    assert_eq!(texts(&r["checkpoints"]["upcoming"]), ["next #checkpoint"]);
    let cps = v.json(&["checkpoints", "--format", "json"]);
    assert_eq!(texts(&cps), ["next #checkpoint"]);
    let all = v.json(&["checkpoints", "--all", "--format", "json"]);
    let moved = all
        .as_array()
        .expect("a")
        .iter()
        .find(|c| c["text"] == "moved #checkpoint")
        .expect("moved")
        .clone();
    assert_eq!(moved["status"], "deferred");
}

#[test]
fn an_html_week_without_writing_says_so_instead_of_drawing_empty_charts() {
    let v = TestVault::new().note("Notes/old.md", "- [ ] someday 📅 2026-10-01\n");
    let html = v.stdout(&["review", "--format", "html"]);
    for empty in [
        "Nothing written this week.",
        "No tasks done this week.",
        "No mood recorded this week.",
    ] {
        assert!(
            html.contains(&format!("<p class=\"empty-chart\">{empty}</p>")),
            "{empty}"
        );
    }
    assert!(
        !html.contains("<svg viewBox=\"0 0 280 140\""),
        "no chart drawn"
    );
    // A week with one word and one task done draws both bar charts.
    let v = v.note("Daily/2026-11-25.md", "- [x] walked ✅ 2026-11-25\n");
    let html = v.stdout(&["review", "--format", "html"]);
    assert!(html.contains("aria-label=\"Words written: Mon 0, Tue 0, Wed "));
    assert!(html.contains("aria-label=\"Tasks done: Mon 0, Tue 0, Wed 1,"));
}

#[test]
fn counts_of_one_are_singular_and_a_source_reads_as_where_it_is_written() {
    let v = TestVault::new()
        .note(".obsidian/app.json", "{}")
        .note("Plans/Walk.md", "---\ntype: plan\n---\n- [ ] buy shoes\n")
        .note(
            "Daily/2026-11-25.md",
            "- [x] walked [[Walk]] ✅ 2026-11-25\n- [ ] Feed the baby 📅 2026-11-21\n",
        )
        .note("Daily/2025-11-26.md", "Last year.\n");
    let html = v.stdout(&["review", "--format", "html"]);
    for said in [
        "<span class=\"num\">1</span> task done ",
        "in 1 entry</span>",
        "<span class=\"num\">0</span> checkpoints reached ",
    ] {
        assert!(html.contains(said), "{said}");
    }
    // "Feed the baby · due 2026-11-21 in 2026-11-25", never "… open 2026-11-25": "open" would
    // read as the task's status.
    assert!(!html.contains(">open </span>"), "no hidden \"open\"");
    assert!(
        html.contains("<span class=\"visually-hidden\">in </span>2026-11-25</a>"),
        "a source reads as the note it is in"
    );
    assert!(
        html.contains("\">open the plan</a>"),
        "words of the template's own are read as they are"
    );
    let md = v.stdout(&["review"]);
    assert!(md.contains("**1** entry · "), "{md}");
    for format in ["html", "md"] {
        let month = v.stdout(&["review", "--month", "2026-11", "--format", format]);
        assert!(month.contains(": 1 entry, 0 answers"), "{format}: {month}");
    }
}
