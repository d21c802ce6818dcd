//! Reviews of a month, a quarter and a year, and the sections across time: trends, planned
//! versus actual, carried tasks, habits, decisions coming due, the reflection timeline and a
//! year ago; the answers to one question as a page.

use crate::common::{TestVault, texts};
use serde_json::{Value, json};

fn review(v: &TestVault, args: &[&str]) -> Value {
    let mut a = vec!["review", "--format", "json"];
    a.extend_from_slice(args);
    v.json(&a)
}

fn list(r: &Value, path: &str) -> Vec<String> {
    let mut v = r;
    for k in path.split('.') {
        v = &v[k];
    }
    v.as_array()
        .expect(path)
        .iter()
        .map(|x| {
            x["task"]["text"]
                .as_str()
                .or(x["text"].as_str())
                .unwrap_or("")
                .to_string()
        })
        .collect()
}

#[test]
fn periods_from_flags_and_their_buckets() {
    let v = TestVault::new().note("a.md", "x\n");
    let m = review(&v, &["--month", "2026-11"]);
    assert_eq!(m["schema"], "journal.review/2");
    assert_eq!(
        m["period"],
        json!({"kind": "month", "id": "2026-11", "name": "2026-11", "start": "2026-11-01", "end": "2026-11-30"})
    );
    assert_eq!(m["buckets"].as_array().map(Vec::len), Some(30), "days");
    assert_eq!(m["buckets"][0]["id"], "2026-11-01");
    assert_eq!(
        m["trends"]["units"][0],
        json!({"id": "2026-W44", "start": "2026-11-01", "end": "2026-11-01", "words": 0, "notes": 0, "tasks_done": 0, "tasks_created": 0, "tasks_carried": 0, "mood": null}),
        "the week the month starts in, cut to the month"
    );
    assert_eq!(review(&v, &["--month", "last"])["period"]["id"], "2026-10");
    assert_eq!(review(&v, &["--month", "next"])["as_of"], "2026-11-29");
    let q = review(&v, &["--quarter", "2026-Q4"]);
    assert_eq!(q["period"]["start"], "2026-10-01");
    let weeks: Vec<&str> = q["buckets"]
        .as_array()
        .expect("weeks")
        .iter()
        .filter_map(|b| b["id"].as_str())
        .collect();
    assert_eq!(weeks.first(), Some(&"2026-W40"));
    assert_eq!(weeks.last(), Some(&"2026-W53"), "2026 has 53 ISO weeks");
    assert_eq!(
        q["buckets"][13]["end"], "2026-12-31",
        "week 53 cut to the year"
    );
    let y = review(&v, &["--year", "2026"]);
    assert_eq!(y["buckets"].as_array().map(Vec::len), Some(12), "months");
    assert_eq!(y["buckets"][1]["end"], "2026-02-28");
    assert_eq!(review(&v, &["--year", "last"])["period"]["id"], "2025");
    // A past period is seen as of its last day.
    assert_eq!(review(&v, &["--quarter", "2026-Q3"])["as_of"], "2026-09-30");
}

#[test]
fn bad_periods_and_flags_that_conflict_are_usage_errors() {
    let v = TestVault::new();
    for args in [
        &["review", "--month", "2026-13"][..],
        &["review", "--quarter", "2026-Q0"],
        &["review", "--year", "twenty"],
        &["review", "--month", "2026-11", "--week", "2026-W48"],
        &["review", "--month", "2026-11", "--year", "2026"],
        &["review", "--quarter", "2026-Q4", "--last"],
    ] {
        let out = v.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
    let err =
        String::from_utf8_lossy(&v.run(&["review", "--month", "11/2026"]).stderr).into_owned();
    assert!(
        err.contains("--month 11/2026: `11/2026` is not a month"),
        "{err}"
    );
    let out = v
        .cmd_at("9999-12-31", &["review", "--year", "next"])
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(2),
        "the year 10000 cannot be written"
    );
}

#[test]
fn buckets_and_totals_agree_whatever_the_bucket() {
    let v = TestVault::new()
        .note("Daily/2026-09-29.md", "one two three\n- [x] a\nmood:: 2\n")
        .note(
            "Daily/2026-10-01.md",
            "four five\n- [x] b\n- [ ] c\nmood:: 4\n",
        )
        .note("Daily/2026-10-02.md", "six\nmood:: 5\n");
    let q = review(&v, &["--quarter", "2026-Q4"]);
    let first = &q["buckets"][0];
    assert_eq!(
        (first["id"].as_str(), first["start"].as_str()),
        (Some("2026-W40"), Some("2026-10-01"))
    );
    let october_days: u64 = review(&v, &["--month", "2026-10"])["buckets"]
        .as_array()
        .expect("days")[..4]
        .iter()
        .filter_map(|b| b["words"].as_u64())
        .sum();
    assert!(october_days > 0);
    assert_eq!(
        first["words"], october_days,
        "the cut week holds its days' words"
    );
    assert_eq!(first["notes"], 2);
    assert_eq!(first["tasks_done"], 1);
    assert_eq!(first["tasks_created"], 2);
    assert_eq!(first["mood"], 4.5);
    assert_eq!(
        q["stats"]["words_written"], october_days,
        "September's words are not the quarter's"
    );
    let m = review(&v, &["--month", "2026-10"]);
    assert_eq!(m["stats"]["words_written"], q["stats"]["words_written"]);
    assert_eq!(m["stats"]["notes_written"], q["stats"]["notes_written"]);
    assert_eq!(m["stats"]["mood_mean"], 4.5);
    assert_eq!(m["stats"]["mood_change"], 2.5, "against September's 2");
    assert_eq!(m["trends"]["mood_previous"], 2.0);
}

#[test]
fn planned_versus_actual() {
    let v = TestVault::new()
        .note(
            "Daily/2026-11-02.md",
            "- [x] on time 📅 2026-11-05 ✅ 2026-11-04\n- [x] late 📅 2026-11-05 ✅ 2026-11-09\n- [ ] slipped 📅 2026-11-10\n- [-] dropped 📅 2026-11-12 ❌ 2026-11-11\n- [>] moved ⏳ 2026-11-13\n- [ ] to come 📅 2026-11-30\n- [ ] next month 📅 2026-12-01\n- [x] done without a day 📅 2026-11-03\n- [ ] a paused plan's step [[Later]] 📅 2026-11-04\n",
        )
        .note("Later.md", "---\ntype: plan\nstatus: paused\n---\n");
    let r = review(&v, &["--month", "2026-11"]);
    assert_eq!(
        list(&r, "planned.on_time"),
        ["done without a day", "on time"]
    );
    assert_eq!(list(&r, "planned.late"), ["late"]);
    assert_eq!(r["planned"]["late"][0]["late_by"], 4);
    assert_eq!(list(&r, "planned.slipped"), ["slipped"]);
    assert_eq!(r["planned"]["slipped"][0]["late_by"], 19);
    assert_eq!(list(&r, "planned.dropped"), ["dropped"]);
    assert_eq!(list(&r, "planned.moved"), ["moved"]);
    assert_eq!(
        r["planned"]["moved"][0]["planned"], "2026-11-13",
        "scheduled, no due date"
    );
    assert_eq!(list(&r, "planned.to_come"), ["to come"]);
}

#[test]
fn tasks_carried_forward_and_how_long() {
    let v = TestVault::new()
        .note(
            "Daily/2026-11-02.md",
            "- [>] Call the plumber 📅 2026-11-03\n- [x] Walk\n",
        )
        .note(
            "Daily/2026-11-03.md",
            "- [>] call the  plumber 📅 2026-11-03\n- [ ] Write to Ana\n",
        )
        .note(
            "Daily/2026-11-05.md",
            "- [x] Call the plumber 📅 2026-11-03 ✅ 2026-11-06\n- [ ] Write to Ana\n",
        )
        .note("Daily/2026-11-20.md", "- [>] Fix the bike\n")
        .note("Daily/2026-11-21.md", "- [x] Walk\n");
    let r = review(&v, &["--month", "2026-11"]);
    let carried: Vec<(String, i64, usize, Value)> = r["carried"]
        .as_array()
        .expect("carried")
        .iter()
        .map(|c| {
            (
                c["task"]["text"].as_str().unwrap_or("").to_string(),
                c["days"].as_i64().unwrap_or(-1),
                c["dates"].as_array().map_or(0, Vec::len),
                c["until"].clone(),
            )
        })
        .collect();
    assert_eq!(
        carried,
        [
            ("Write to Ana".to_string(), 26, 2, Value::Null),
            ("Fix the bike".to_string(), 9, 1, Value::Null),
            ("Call the plumber".to_string(), 4, 3, json!("2026-11-06")),
        ],
        "the longest carried first; a task done twice is not carried"
    );
    // Planned versus actual counts the task once, by its last copy.
    assert_eq!(list(&r, "planned.late"), ["Call the plumber"]);
    assert!(list(&r, "planned.moved").is_empty());
    let carried_per_day: u64 = r["buckets"]
        .as_array()
        .expect("days")
        .iter()
        .filter_map(|b| b["tasks_carried"].as_u64())
        .sum();
    assert_eq!(
        carried_per_day,
        2 + 1 + 1,
        "two plumber copies, one Ana, the bike"
    );
}

#[test]
fn habits_from_recurring_tasks_and_tasks_ticked_day_after_day() {
    let mut v = TestVault::new()
        .note(
            "Plans/Fit.md",
            "---\ntype: plan\n---\n- [ ] Swim 🔁 every week 📅 2026-11-29\n- [x] Swim 🔁 every week 📅 2026-11-22 ✅ 2026-11-22\n- [x] Swim 🔁 every week 📅 2026-11-15 ✅ 2026-11-14\n- [x] Swim 🔁 every week 📅 2026-11-01 ✅ 2026-11-01\n",
        )
        .note("logseq/config.edn", "{}\n")
        .note(
            "journals/2026_11_20.md",
            "- TODO Water the plants\n  SCHEDULED: <2026-11-30 Mon .+1d>\n  :LOGBOOK:\n  * State \"DONE\" from \"TODO\" [2026-11-27 Fri 08:00]\n  * State \"DONE\" from \"TODO\" [2026-11-28 Sat 08:00]\n  * State \"DONE\" from \"TODO\" [2026-11-29 Sun 08:10]\n  :END:\n",
        );
    for d in ["23", "24", "25", "27", "28"] {
        v = v.note(
            &format!("Daily/2026-11-{d}.md"),
            "- [x] Stretch\n- [x] Once\n",
        );
    }
    v = v.note("Daily/2026-11-26.md", "- [ ] Stretch\n");
    let r = review(&v, &["--month", "2026-11"]);
    let habits: Vec<(String, String, u64, u64, u64, u64)> = r["habits"]
        .as_array()
        .expect("habits")
        .iter()
        .map(|h| {
            (
                h["task"]["text"].as_str().unwrap_or("").to_string(),
                h["every"].as_str().unwrap_or("").to_string(),
                h["streak"].as_u64().unwrap_or(99),
                h["longest_streak"].as_u64().unwrap_or(99),
                h["done_in_period"].as_u64().unwrap_or(99),
                h["slots_in_period"].as_u64().unwrap_or(99),
            )
        })
        .collect();
    assert_eq!(
        habits,
        [
            ("Once".into(), "day written".into(), 2, 3, 5, 6),
            ("Stretch".into(), "day written".into(), 2, 3, 5, 6),
            ("Swim".into(), "week".into(), 2, 2, 3, 5),
            ("Water the plants".into(), "day".into(), 3, 3, 3, 10),
        ],
        "today's week not done yet does not break Swim's streak; the Logseq repeater's logbook days count; \
         a task ticked with no rule counts the days written (23 to 28), not today with nothing written"
    );
    let swim = &r["habits"][2];
    assert_eq!(swim["rate"], 60);
    let marks: Vec<bool> = swim["marks"]
        .as_array()
        .expect("marks")
        .iter()
        .map(|m| m["done"].as_bool().unwrap_or(false))
        .collect();
    assert_eq!(
        marks,
        [true, false, true, true, false],
        "weeks from the one of 1 November"
    );
    assert!(
        r["carried"].as_array().is_some_and(Vec::is_empty),
        "a habit missed one day is not carried: {}",
        r["carried"]
    );
    let three = TestVault::new()
        .note("Daily/2026-11-23.md", "- [x] Stretch\n")
        .note("Daily/2026-11-24.md", "- [x] Stretch\n")
        .note("Daily/2026-11-25.md", "- [x] Stretch\n");
    assert!(
        review(&three, &["--month", "2026-11"])["habits"]
            .as_array()
            .is_some_and(Vec::is_empty),
        "three days are not many"
    );
}

#[test]
fn a_habit_without_a_rule_counts_only_the_days_written() {
    // Ticked on weekdays, in the daily notes of the weekdays; on one Saturday a note without
    // it; the owner's rule is nowhere in the notes, so no cadence is claimed.
    let mut v = TestVault::new().note("Daily/2026-11-21.md", "Slept in.\n");
    for d in ["16", "17", "18", "19", "20", "23", "24", "25", "26", "27"] {
        v = v.note(&format!("Daily/2026-11-{d}.md"), "- [x] Up at 6:30\n");
    }
    let r = review(&v, &["--month", "2026-11"]);
    let h = &r["habits"][0];
    assert_eq!(h["task"]["text"], "Up at 6:30");
    assert_eq!(h["every"], "day written", "not `every day`");
    assert_eq!(h["recurring"], false);
    assert_eq!(
        (&h["done_in_period"], &h["slots_in_period"], &h["rate"]),
        (&json!(10), &json!(11), &json!(90)),
        "the Sundays and the Saturday with nothing written are not missed; the Saturday written is"
    );
    assert_eq!(
        (&h["streak"], &h["longest_streak"]),
        (&json!(5), &json!(5)),
        "Monday 23 to Friday 27; today, with nothing written, does not end it"
    );
    let marks: Vec<&str> = h["marks"]
        .as_array()
        .expect("marks")
        .iter()
        .filter_map(|m| m["start"].as_str())
        .collect();
    assert_eq!(marks.len(), 11);
    assert!(marks.contains(&"2026-11-21") && !marks.contains(&"2026-11-22"));
}

#[test]
fn a_task_deferred_today_is_not_carried_yet() {
    let v = TestVault::new()
        .note("Daily/2026-11-27.md", "- [>] Call the plumber\n")
        .note("Daily/2026-11-29.md", "- [>] Book the dentist\n");
    let r = review(&v, &["--month", "2026-11"]);
    let carried: Vec<(String, i64)> = r["carried"]
        .as_array()
        .expect("carried")
        .iter()
        .map(|c| {
            (
                c["task"]["text"].as_str().unwrap_or("").to_string(),
                c["days"].as_i64().unwrap_or(-1),
            )
        })
        .collect();
    assert_eq!(
        carried,
        [("Call the plumber".to_string(), 2)],
        "no `carried for 0 days`"
    );
    let today = r["buckets"]
        .as_array()
        .and_then(|b| b.iter().find(|b| b["id"] == "2026-11-29"))
        .expect("29 November");
    assert_eq!(today["tasks_carried"], 1, "the day still counts its carry");
}

#[test]
fn plans_over_the_period_and_their_changes() {
    let v = TestVault::new()
        .note(
            "Plans/Book.md",
            "---\ntype: plan\ndate: 2026-10-15\n---\n- [x] one ✅ 2026-10-20\n- [x] two ✅ 2026-11-10\n- [ ] three ➕ 2026-11-12\n- [x] Draft done #checkpoint 📅 2026-11-15 ✅ 2026-11-14\n",
        )
        .note("Plans/Race.md", "---\ntype: plan\nstatus: done\n---\n- [x] run ✅ 2026-11-08\n")
        .note("Plans/Shop.md", "---\ntype: plan\nstatus: dropped\n---\n- [-] open it ❌ 2026-11-18\n")
        .note("Plans/Move.md", "---\ntype: plan\nstatus: paused\n---\n- [ ] pack\n")
        .note("Daily/2026-11-20.md", "decision:: Not this year [[Move]] [revisit:: 2026-12-04]\n");
    let r = review(&v, &["--month", "2026-11"]);
    let book = r["trends"]["plans"]
        .as_array()
        .expect("plans")
        .iter()
        .find(|p| p["title"] == "Book")
        .expect("book")
        .clone();
    assert_eq!(
        book["before"],
        json!({"done": 1, "total": 3, "percent": 33})
    );
    assert_eq!(book["now"], json!({"done": 3, "total": 4, "percent": 75}));
    assert_eq!(book["done_in_period"], 2);
    assert_eq!(
        book["points"][11],
        json!({"id": "2026-11-12", "date": "2026-11-12", "done": 2, "total": 4, "checkpoints": 0})
    );
    assert_eq!(book["points"][13]["checkpoints"], 1, "reached on the 14th");
    assert_eq!(texts(&book["checkpoints"]), ["Draft done #checkpoint"]);
    let changes: Vec<(String, String, String)> = r["trends"]["plan_changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| {
            (
                c["date"].as_str().unwrap_or("").into(),
                c["title"].as_str().unwrap_or("").into(),
                c["change"].as_str().unwrap_or("").into(),
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            ("2026-11-08".into(), "Race".into(), "finished".into()),
            ("2026-11-18".into(), "Shop".into(), "dropped".into()),
            ("2026-11-20".into(), "Move".into(), "paused".into()),
        ]
    );
    // The decision is due in December, the month after; a paused plan is listed too.
    assert_eq!(r["revisits"]["next"]["id"], "2026-12");
    assert_eq!(texts(&r["revisits"]["due"]), ["Not this year [[Move]]"]);
    assert!(texts(&r["revisits"]["all"]).contains(&"Move is paused".to_string()));
    // October, as it stood on its last day: Book started; Race not finished yet, Shop not
    // dropped, Move not paused.
    let oct = review(&v, &["--month", "2026-10"]);
    let changes: Vec<_> = oct["trends"]["plan_changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| (c["date"].clone(), c["title"].clone(), c["change"].clone()))
        .collect();
    assert_eq!(
        changes,
        [(json!("2026-10-15"), json!("Book"), json!("started"))]
    );
}

#[test]
fn the_year_ago_and_the_timeline_of_the_library_questions() {
    let v = TestVault::new()
        .note(
            "Daily/2025-11-26.md",
            "Then.\nmood:: 2\n\n## Are you happy?\n\nNot really.\n",
        )
        .note(
            "Daily/2026-03-02.md",
            "mood:: 3\n\n## Are you happy?\n\nA bit.\n",
        )
        .note(
            "Daily/2026-11-24.md",
            "mood:: 5\n\n## Are you happy?\n\nYes.\n",
        );
    let w = review(&v, &[]);
    assert_eq!(w["year_ago"]["period"]["id"], "2025-W48");
    assert_eq!(w["year_ago"]["mood"], 2.0);
    assert_eq!(w["year_ago"]["notes"][0]["date"], "2025-11-26");
    assert_eq!(w["year_ago"]["answers"][0]["answer"], "Not really.");
    let md = v.stdout(&["review"]);
    assert!(md.contains("## A year ago this week"), "{md}");
    assert!(md.contains("> Not really."), "{md}");
    let last = review(&v, &["--last"]);
    assert_eq!(last["year_ago"], Value::Null, "nothing written in 2025-W47");
    let y = review(&v, &["--year", "2026"]);
    let happy = y["timeline"]
        .as_array()
        .expect("timeline")
        .iter()
        .find(|q| q["prompt"] == "Are you happy?")
        .expect("a library question")
        .clone();
    let answers: Vec<(Value, Value)> = happy["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .map(|a| (a["date"].clone(), a["mood"].clone()))
        .collect();
    assert_eq!(
        answers,
        [
            (json!("2026-03-02"), json!(3.0)),
            (json!("2026-11-24"), json!(5.0))
        ]
    );
    let text = v.stdout(&["review", "--year", "2026"]);
    assert!(text.contains("# Yearly review · 2026"), "{text}");
    assert!(text.contains("## The year's questions"), "{text}");
}

#[test]
fn the_history_of_one_question_as_markdown_and_html() {
    let v = TestVault::new()
        .note(
            "Daily/2026-11-24.md",
            "mood:: 5\n\n## Are you happy?\n\nYes <b>very</b>.\n",
        )
        .note(
            "Daily/2026-11-02.md",
            "mood:: 2\n\n## Are you happy?\n\nNo.\n",
        );
    let md = v.stdout(&["prompts", "--history", "are you happy", "--format", "md"]);
    let first = md.find("Monday 2 November 2026 · mood 2.0").expect(&md);
    let second = md.find("Tuesday 24 November 2026 · mood 5.0").expect(&md);
    assert!(first < second, "oldest first");
    assert!(md.starts_with("# Are you happy?\n"), "{md}");
    let html = v.stdout(&["prompts", "--history", "are you happy", "--format", "html"]);
    assert!(
        html.contains("Yes &lt;b&gt;very&lt;&#x2F;b&gt;.")
            || html.contains("Yes &lt;b&gt;very&lt;/b&gt;."),
        "{html}"
    );
    assert!(html.contains("mood 2"), "{html}");
    assert!(!html.contains("<script"));
    let out = v.run(&["prompts", "--format", "html"]);
    assert_eq!(out.status.code(), Some(2), "html is for --history");
}

#[test]
fn write_goes_to_the_periodic_note_or_to_reviews() {
    let v = TestVault::new().note("Daily/2026-11-24.md", "- [x] a\n");
    v.cmd(&["review", "--month", "2026-11", "--write"])
        .assert()
        .success();
    let text = std::fs::read_to_string(v.join("Reviews/2026-11.md")).expect("written");
    assert!(text.starts_with("---\ngenerator: journal\nmonth: 2026-11\n---\n<!-- journal:begin -->\n# Monthly review · 2026-11\n"), "{text}");
    let p = TestVault::new()
        .note(
            ".obsidian/plugins/periodic-notes/data.json",
            r#"{"monthly":{"enabled":true,"format":"YYYY-MM","folder":"Months"},"quarterly":{"enabled":true,"format":"YYYY-[Q]Q","folder":"Quarters"}}"#,
        )
        .note("Quarters/2026-Q4.md", "# My quarter\n\nMine.\n");
    p.cmd(&["review", "--month", "2026-11", "--write"])
        .assert()
        .success();
    assert!(
        p.join("Months/2026-11.md").is_file(),
        "a monthly note that was not there is made"
    );
    let out = p.run(&["review", "--quarter", "2026-Q4", "--write", "--force"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "the owner's note without markers is never replaced"
    );
    assert_eq!(
        std::fs::read_to_string(p.join("Quarters/2026-Q4.md")).expect("read"),
        "# My quarter\n\nMine.\n"
    );
    std::fs::write(
        p.join("Quarters/2026-Q4.md"),
        "# My quarter\n<!-- journal:begin -->\n<!-- journal:end -->\nMine.\n",
    )
    .expect("write");
    p.cmd(&["review", "--quarter", "2026-Q4", "--write"])
        .assert()
        .success();
    let q = std::fs::read_to_string(p.join("Quarters/2026-Q4.md")).expect("read");
    assert!(
        q.starts_with("# My quarter\n<!-- journal:begin -->\n# Quarterly review · 2026-Q4"),
        "{q}"
    );
    assert!(q.ends_with("<!-- journal:end -->\nMine.\n"), "{q}");
    p.cmd(&["review", "--year", "2026", "--write"])
        .assert()
        .success();
    assert!(
        p.join("Reviews/2026.md").is_file(),
        "no yearly notes: Reviews/"
    );
}

#[test]
fn sunday_start_weeks_cut_a_month_and_a_quarter_on_sundays() {
    let sunday = TestVault::new()
        .note(".journal.toml", "week_start = \"sunday\"\n")
        .note("Daily/2026-11-07.md", "one two\n- [x] a\n")
        .note("Daily/2026-11-08.md", "three\n");
    let m = review(&sunday, &["--month", "2026-11"]);
    let first = &m["trends"]["units"][0];
    assert_eq!(
        (first["start"].as_str(), first["end"].as_str()),
        (Some("2026-11-01"), Some("2026-11-07")),
        "1 November 2026 is a Sunday: a whole week"
    );
    assert_eq!(
        (first["words"].as_u64(), first["tasks_done"].as_u64()),
        (Some(3), Some(1))
    );
    assert_eq!(m["trends"]["units"][1]["start"], "2026-11-08");
    assert_eq!(m["trends"]["units"][1]["words"], 1);
    let q = review(&sunday, &["--quarter", "2026-Q4"]);
    assert_eq!(q["buckets"][1]["start"], "2026-10-04", "a Sunday");
    // The same notes with Monday weeks: the first week of November is one day, the second
    // holds both notes.
    let monday = TestVault::new()
        .note("Daily/2026-11-07.md", "one two\n- [x] a\n")
        .note("Daily/2026-11-08.md", "three\n");
    let m = review(&monday, &["--month", "2026-11"]);
    assert_eq!(m["trends"]["units"][0]["end"], "2026-11-01");
    assert_eq!(
        m["trends"]["units"][1]["words"], 4,
        "2 to 8 November: both notes"
    );
    assert_eq!(
        review(&monday, &["--quarter", "2026-Q4"])["buckets"][1]["start"],
        "2026-10-05"
    );
}
