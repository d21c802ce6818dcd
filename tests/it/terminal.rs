//! The terminal side as people use it all day: refusing to run outside a vault, tables that
//! fit the width (`COLUMNS`), tasks as Taskwarrior and Obsidian Tasks users query them,
//! relative dates, plans with their reasons and roadmap, checkpoints, `check`, and the small
//! habits (formats from extensions, typos, aliases, completion, `init`).

use crate::common::{TestVault, journal, texts};
use serde_json::{Value, json};
use unicode_width::UnicodeWidthStr;

/// stdout of a successful run laid out for a terminal `width` columns wide.
fn at_width(v: &TestVault, width: usize, args: &[&str]) -> String {
    let out = v
        .cmd(args)
        .env("COLUMNS", width.to_string())
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn widest(text: &str) -> usize {
    text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// stderr and exit code of a run expected to fail.
fn failure(v: &TestVault, args: &[&str]) -> (Option<i32>, String) {
    let out = v.run(args);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Today is Sunday 2026-11-29 (common::TODAY).
fn task_vault() -> TestVault {
    TestVault::new()
        .note(
            "Plans/Book.md",
            "---\ntype: plan\ntitle: Publish my novel\n---\n\
- [ ] Send to beta readers 🆔 beta 📅 2026-12-20\n\
- [ ] Collect feedback ⛔ beta 📅 2026-12-30\n\
- [ ] Print the draft ⏳ 2026-11-29\n\
- [ ] Read-through on paper 🛫 2026-12-05\n\
- [x] Outline ✅ 2026-11-10\n\
- [ ] Fix the timeline ⏫\n",
        )
        .note(
            "Daily/2026-11-24.md",
            "- [ ] Call the bank 📅 2026-11-20 🔽\n\
- [ ] Buy stamps\n\
- [x] Pay rent ✅ 2026-11-24\n\
- [x] Water the plants ✅ 2026-11-28\n\
- [ ] Dentist appointment 📅 2026-11-29\n\
- [ ] Email the editor [[Book]] 📅 2026-12-01\n",
        )
        .note("Notes/Daily review.md", "- [ ] Not in the daily folder\n")
}

fn tasks(v: &TestVault, args: &[&str]) -> Vec<String> {
    let mut a = vec!["tasks", "--format", "json"];
    a.extend_from_slice(args);
    texts(&v.json(&a))
}

#[test]
fn outside_a_vault_journal_says_so_in_one_line() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("stray.md"), "- [ ] not a vault's\n").expect("write");
    for args in [&["tasks"][..], &["new"], &["review"], &["plans"]] {
        let out = journal()
            .current_dir(dir.path())
            .args(args)
            .output()
            .expect("run");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("is not inside a vault"), "{err}");
        assert!(
            err.contains("--vault") && err.contains("journal init"),
            "{err}"
        );
        assert!(out.stdout.is_empty());
    }
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("ls")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names, ["stray.md"], "`journal new` created nothing");
    // `journal init` makes the folder a vault; then the commands run in it.
    let init = journal()
        .current_dir(dir.path())
        .arg("init")
        .output()
        .expect("run");
    assert!(init.status.success());
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).expect("mkdir");
    let out = journal()
        .current_dir(&sub)
        .args(["tasks", "--format", "json"])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        texts(&serde_json::from_slice(&out.stdout).expect("json")),
        ["not a vault's"]
    );
}

#[test]
fn vaults_are_found_by_their_markers_and_the_variable_is_named() {
    let graph = TestVault::new()
        .note("logseq/config.edn", "{}")
        .note("journals/2026_11_29.md", "- [ ] a Logseq page's task\n");
    let out = journal()
        .current_dir(graph.join("journals"))
        .args(["tasks", "--format", "json"])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = journal()
        .env("JOURNAL_VAULT", "/nope")
        .arg("tasks")
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(err.starts_with("journal: JOURNAL_VAULT=/nope: "), "{err}");
    let out = journal()
        .args(["--vault", "/nope/either", "tasks"])
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(err.contains("--vault /nope/either"), "{err}");
}

#[test]
fn tables_fit_the_width_and_where_gives_way_first() {
    let v = task_vault();
    for width in [30, 40, 60, 80, 100, 120, 200] {
        let plans = at_width(&health_vault(), width, &["plans"]);
        assert!(widest(&plans) <= width, "{width}: {plans}");
        assert!(!plans.lines().any(|l| l.trim() == "…"), "{width}: {plans}");
    }
    for width in [60, 80, 100, 120, 200] {
        let out = at_width(&v, width, &["tasks"]);
        assert!(widest(&out) <= width, "{width}: {out}");
        assert!(
            out.contains("Email the editor [[Book]]"),
            "the text has room: {out}"
        );
    }
    let narrow = at_width(&v, 80, &["tasks"]);
    assert!(!narrow.contains("WHERE"), "{narrow}");
    let wide = at_width(&v, 200, &["tasks"]);
    assert!(
        wide.lines().next().is_some_and(|h| h.ends_with("WHERE")),
        "{wide}"
    );
    assert!(wide.contains("Daily/2026-11-24.md:6"), "{wide}");
    // Columns nobody filled are not drawn: no task here was done or cancelled.
    assert!(!wide.contains("DONE"), "{wide}");
    assert!(
        wide.contains("SCHEDULED") && wide.contains("START"),
        "{wide}"
    );
    let done = at_width(&v, 120, &["tasks", "--done"]);
    let header = done.lines().next().unwrap_or("");
    assert!(header.contains("DONE") && !header.contains("DUE"), "{done}");
    assert!(done.contains("2026-11-28  Water the plants"), "{done}");
}

#[test]
fn piped_tables_are_tab_separated_and_wide_ones_aligned() {
    let v = task_vault();
    let piped = v.stdout(&["tasks", "--limit", "1"]);
    assert_eq!(
        piped, "[ ]\t2026-11-20\t\t\t\tlow\tCall the bank\t\tDaily/2026-11-24.md:1\n",
        "status, due, scheduled, start, done, priority, text, plan, where; no header"
    );
    let wide = v.stdout(&["--wide", "tasks", "--limit", "2"]);
    assert_eq!(
        wide,
        "     DUE         PRI  TASK                 WHERE\n\
         [ ]  2026-11-20  low  Call the bank        Daily/2026-11-24.md:1\n\
         [ ]  2026-11-29       Dentist appointment  Daily/2026-11-24.md:5\n"
    );
}

#[test]
fn answers_wrap_and_are_never_cut() {
    let answer = "Mostly, yes. Busy, but busy with things I chose, which is a different animal from last year's busy, and the book is moving.";
    let v = TestVault::new().note(
        "Daily/2026-11-24.md",
        &format!("## Are you happy?\n{answer}\n"),
    );
    let out = at_width(&v, 50, &["prompts", "--history", "are you happy"]);
    assert!(widest(&out) <= 50, "{out}");
    let words: Vec<&str> = out
        .lines()
        .skip(1)
        .flat_map(str::split_whitespace)
        .filter(|w| !w.starts_with("2026-11-24"))
        .collect();
    assert_eq!(words.join(" "), answer, "{out}");
    assert!(out.lines().count() > 3, "wrapped: {out}");
}

#[test]
fn wide_characters_never_overflow() {
    let v = TestVault::new().note(
        "日記/2026-11-24.md",
        "- [ ] 東京の友達に手紙を書いて、写真を送る 🎉🎉🎉 そして来週の計画を立てる 📅 2026-12-01\n",
    );
    for width in [30, 41, 57, 80] {
        let out = at_width(&v, width, &["tasks"]);
        assert!(widest(&out) <= width, "{width}: {out}");
    }
}

#[test]
fn tasks_sort_by_urgency_with_scheduled_and_start_dates() {
    let v = task_vault();
    assert_eq!(
        tasks(&v, &[]),
        [
            "Call the bank",             // overdue
            "Dentist appointment",       // due today
            "Print the draft",           // scheduled today: not someday
            "Email the editor [[Book]]", // due later, by date
            "Send to beta readers",
            "Collect feedback",
            "Fix the timeline", // undated, by priority
            "Buy stamps",
            "Not in the daily folder",
            "Read-through on paper", // not started yet
        ]
    );
}

#[test]
fn blocked_and_ready_tasks() {
    let v = task_vault();
    assert_eq!(tasks(&v, &["--blocked"]), ["Collect feedback"]);
    let ready = tasks(&v, &["--ready"]);
    assert!(
        !ready.contains(&"Collect feedback".to_string()),
        "{ready:?}"
    );
    assert!(
        !ready.contains(&"Read-through on paper".to_string()),
        "{ready:?}"
    );
    assert!(ready.contains(&"Print the draft".to_string()), "{ready:?}");
    assert_eq!(ready.len(), 8);
    let table = at_width(&v, 100, &["tasks", "--blocked"]);
    assert!(table.contains("[ ]⛔"), "{table}");
    let md = v.stdout(&["tasks", "--blocked", "--format", "md"]);
    assert!(md.contains("⛔ waits on beta"), "{md}");
}

#[test]
fn tasks_sort_limit_search_priority_status_and_path() {
    let v = task_vault();
    assert_eq!(
        tasks(&v, &["--sort", "due", "--limit", "3"]),
        [
            "Call the bank",
            "Dentist appointment",
            "Email the editor [[Book]]"
        ]
    );
    assert_eq!(
        tasks(&v, &["--sort", "scheduled", "--limit", "1"]),
        ["Print the draft"]
    );
    assert_eq!(
        tasks(&v, &["--sort", "start", "--limit", "1"]),
        ["Read-through on paper"]
    );
    let by_priority = tasks(&v, &["--sort", "priority"]);
    assert_eq!(
        by_priority.first().map(String::as_str),
        Some("Fix the timeline")
    );
    assert_eq!(
        by_priority.last().map(String::as_str),
        Some("Call the bank")
    );
    assert_eq!(
        tasks(&v, &["--done", "--sort", "done"]),
        ["Water the plants", "Pay rent", "Outline"],
        "the latest done first"
    );
    assert_eq!(
        tasks(&v, &["--sort", "path", "--limit", "2"]),
        ["Call the bank", "Buy stamps"]
    );
    assert_eq!(tasks(&v, &["--limit", "2"]).len(), 2);
    assert_eq!(tasks(&v, &["--search", "BANK"]), ["Call the bank"]);
    assert_eq!(tasks(&v, &["-s", "the", "--limit", "1"]), ["Call the bank"]);
    assert_eq!(tasks(&v, &["--priority", "high"]), ["Fix the timeline"]);
    assert_eq!(
        tasks(&v, &["--priority", "high", "--priority", "low"]),
        ["Call the bank", "Fix the timeline"]
    );
    assert_eq!(tasks(&v, &["--priority", "none"]).len(), 8);
    assert_eq!(tasks(&v, &["--status", "open"]), tasks(&v, &[]));
    assert_eq!(
        tasks(&v, &["--status", "open", "--status", "done"]).len(),
        13
    );
    let daily = tasks(&v, &["--path", "Daily"]);
    assert_eq!(
        daily.len(),
        4,
        "the folder, not Notes/Daily review.md: {daily:?}"
    );
    assert_eq!(
        tasks(&v, &["--path", "daily/"]),
        daily,
        "any case, a trailing /"
    );
    assert_eq!(tasks(&v, &["--path", "Daily/2026-11-24"]), daily, "a note");
    assert_eq!(tasks(&v, &["--path", "Daily/2026-11-24.md"]), daily);
    assert_eq!(
        tasks(&v, &["--path", "Notes/*"]),
        ["Not in the daily folder"]
    );
    assert_eq!(tasks(&v, &["--path", "*/Book.md"]).len(), 5);
}

#[test]
fn every_date_flag_takes_relative_dates() {
    let v = task_vault();
    assert_eq!(
        tasks(&v, &["--due-before", "tomorrow"]),
        ["Call the bank", "Dentist appointment"]
    );
    assert_eq!(
        tasks(&v, &["--due-before", "monday"]),
        tasks(&v, &["--due-before", "2026-11-30"])
    );
    assert_eq!(
        tasks(&v, &["--due-after", "+2d"]),
        ["Send to beta readers", "Collect feedback"]
    );
    assert_eq!(tasks(&v, &["--due-before", "eom"]).len(), 2);
    assert_eq!(
        tasks(&v, &["--due-after", "-1w", "--due-before", "tomorrow"]),
        ["Dentist appointment"]
    );
    let week = |args: &[&str]| {
        let mut a = vec!["review", "--format", "json"];
        a.extend_from_slice(args);
        v.json(&a)["period"]["id"].clone()
    };
    assert_eq!(week(&["--week", "last"]), "2026-W47");
    assert_eq!(week(&["--week", "W45"]), "2026-W45");
    assert_eq!(week(&["--week", "45"]), "2026-W45");
    assert_eq!(week(&["--week", "this"]), "2026-W48");
    assert_eq!(week(&["--date", "-1w"]), "2026-W47");
    let overdue_on =
        |today: &str| texts(&v.json_at(today, &["tasks", "--overdue", "--format", "json"]));
    assert_eq!(overdue_on("2026-11-21"), ["Call the bank"]);
    let out = v.stdout(&["new", "--date", "tomorrow"]);
    assert!(out.trim_end().ends_with("2026-11-30.md"), "{out}");
    assert!(v.join("2026-11-30.md").is_file());
    // `--today` is relative to the clock; a leading `-` needs no `=`.
    let out = journal()
        .arg("--vault")
        .arg(v.path())
        .args([
            "--today",
            "-1w",
            "tasks",
            "--due-after",
            "-1y",
            "--format",
            "json",
        ])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (code, err) = failure(&v, &["tasks", "--due-before", "soon"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("--due-before soon: not a day"), "{err}");
    assert!(
        err.contains("tomorrow") && err.contains("+3d") && err.contains("eow"),
        "{err}"
    );
}

fn health_vault() -> TestVault {
    TestVault::new()
        .note("Plans/Empty.md", "---\ntype: plan\n---\nJust an idea.\n")
        .note("Plans/Finished.md", "---\ntype: plan\n---\n- [x] All of it ✅ 2026-11-20\n")
        .note(
            "Plans/Waiting.md",
            "---\ntype: plan\n---\n- [ ] Later 🛫 2026-12-16\n- [ ] Then ⛔ x1\n- [ ] First 🆔 x1 🛫 2026-12-10\n",
        )
        .note(
            "Plans/Old.md",
            "---\ntype: plan\n---\n- [x] Begun ✅ 2026-11-02\n- [ ] Go on\n",
        )
        .note(
            "Plans/Late.md",
            "---\ntype: plan\n---\n- [ ] Request transcripts 📅 2026-11-25\n- [ ] Older 📅 2026-11-27\n- [x] x ✅ 2026-11-28\n",
        )
        .note(
            "Plans/Missed.md",
            "---\ntype: plan\n---\n- [ ] Shortlist #checkpoint 📅 2026-11-20\n- [ ] Something 📅 2026-11-26\n",
        )
        .note(
            "Plans/Moving.md",
            "---\ntype: plan\n---\n- [x] a ✅ 2026-11-27\n- [x] b ✅ 2026-11-28\n- [ ] c\n",
        )
        .note(
            "Plans/Paused.md",
            "---\ntype: plan\nstatus: paused\ndecision: Not this year\nrevisit: 2027-03-01\n---\n- [ ] x\n",
        )
}

#[test]
fn plans_say_why_they_have_their_health() {
    let v = health_vault();
    let plans = v.json(&["plans", "--format", "json"]);
    let why: Vec<(String, String)> = plans
        .as_array()
        .expect("plans")
        .iter()
        .map(|p| {
            (
                p["health"].as_str().unwrap_or("").to_string(),
                p["reason"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let want = [
        (
            "stuck",
            "no actions yet: write a task in the plan, or link one to it",
        ),
        (
            "stuck",
            "every action is finished: add the next step, or mark the plan done",
        ),
        (
            "at-risk",
            "Request transcripts was due 25 Nov, and 1 more overdue",
        ),
        (
            "at-risk",
            "missed checkpoint Shortlist (20 Nov), and 1 more overdue",
        ),
        ("on-track", "2 actions done in the last 14 days"),
        ("stalled", "nothing done since 2 Nov"),
        ("paused", "paused until 1 Mar 2027"),
        (
            "stuck",
            "no action can be done now: 1 action waiting on another; 2 actions not started yet, the first on 10 Dec",
        ),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(h, r)| (h.to_string(), r.to_string()))
        .collect();
    assert_eq!(why, want);
    let table = at_width(&v, 160, &["plans"]);
    let empty = table
        .lines()
        .find(|l| l.starts_with("Empty"))
        .unwrap_or_default();
    assert!(
        empty.contains("no actions") && !empty.contains("0/0"),
        "{table}"
    );
    assert!(table.contains("WHY"), "{table}");
    assert!(table.contains("nothing done since 2 Nov"), "{table}");
    assert!(widest(&table) <= 160, "{table}");
}

#[test]
fn one_plan_as_its_roadmap() {
    let v = TestVault::new()
        .note(
            "Plans/Go back to school.md",
            "# Go back to school\n#plan\n\ndecision:: Apply only in Porto [revisit:: 2026-12-10]\n\n\
checkpoint:: 2026-11-27 Statement final [feeling:: nervous but ready] ✅ 2026-11-27\n\n\
## Transcripts\n\n- [ ] Request transcripts 📅 2026-11-25\n  - [x] Find my student number ✅ 2026-11-24\n  - [ ] Change the portal email\n\n\
## Application\n\n- [ ] Pay the fee 📅 2026-12-03\n- [ ] Submitted #checkpoint 📅 2026-12-15\n",
        )
        .note(
            "Daily/2026-11-29.md",
            "- [ ] Call academic services [[Go back to school]] 📅 2026-11-30\n",
        )
        .note("Plans/Go to the gym.md", "#plan\n- [ ] Join\n");
    let out = at_width(&v, 100, &["plan", "back", "to", "school"]);
    assert!(widest(&out) <= 100, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "Go back to school · at-risk", "{out}");
    assert_eq!(lines[1], "Request transcripts was due 25 Nov", "{out}");
    assert!(
        out.contains("Decision: Apply only in Porto (revisit 10 Dec)"),
        "{out}"
    );
    let find = |needle: &str| {
        lines
            .iter()
            .position(|l| l.contains(needle))
            .unwrap_or(usize::MAX)
    };
    assert!(
        find("Transcripts") < find("[ ] Request transcripts"),
        "steps by heading: {out}"
    );
    assert!(
        lines.contains(&"Transcripts") && lines.contains(&"Application"),
        "{out}"
    );
    assert!(
        lines[find("[ ] Request transcripts")].starts_with("  [ ] Request"),
        "{out}"
    );
    assert!(
        lines[find("Find my student")].starts_with("    [x] Find"),
        "a micro-step: {out}"
    );
    assert!(
        lines[find("Change the portal")].starts_with("▶   [ ] Change"),
        "the next action: {out}"
    );
    assert!(
        lines[find("Submitted")].contains("[ ] ◆ Submitted"),
        "{out}"
    );
    assert!(!lines[find("Submitted")].contains("#checkpoint"), "{out}");
    assert!(
        lines[find("[ ] Request transcripts")].contains("due 2026-11-25 · overdue"),
        "{out}"
    );
    assert!(
        out.contains("reached   2026-11-27  Statement final — felt nervous but ready"),
        "{out}"
    );
    assert!(
        find("Linked from other notes") < find("Call academic services"),
        "{out}"
    );
    assert!(
        lines[find("Call academic services")].ends_with("Daily/2026-11-29.md:1"),
        "{out}"
    );

    let json = v.json(&["plan", "Go back to school", "--format", "json"]);
    assert_eq!(json["plan"]["title"], "Go back to school");
    assert_eq!(json["steps"][0]["heading"], "Transcripts");
    let first = &json["steps"][0]["tasks"][0];
    assert_eq!(first["task"]["text"], "Request transcripts");
    assert_eq!(first["children"][1]["next"], true);
    assert_eq!(json["steps"][1]["tasks"][1]["checkpoint"], true);
    assert_eq!(json["checkpoints"][0]["feeling"], "nervous but ready");
    assert_eq!(
        json["decisions"][0],
        json!({"text": "Apply only in Porto", "revisit": "2026-12-10", "source": {"path": "Plans/Go back to school.md", "line": 4, "heading": "Go back to school"}})
    );
    assert_eq!(
        json["linked"][0]["task"]["text"],
        "Call academic services [[Go back to school]]"
    );
    let md = v.stdout(&["plan", "school", "--format", "md"]);
    assert!(md.starts_with("# Go back to school\n"), "{md}");
    assert!(md.contains("## Transcripts"), "{md}");
    assert!(
        md.contains("  - **next** ☐ Change the portal email"),
        "{md}"
    );

    let (code, err) = failure(&v, &["plan", "go"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("more than one plan") && err.contains("Go to the gym"),
        "{err}"
    );
    let (code, err) = failure(&v, &["plan", "garden"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("the plans are: Go back to school, Go to the gym"),
        "{err}"
    );
}

#[test]
fn checkpoints_by_the_date_shown_and_without_the_columns_text() {
    let v = TestVault::new().note(
        "p.md",
        "---\ntype: plan\n---\n- [x] Early finish #checkpoint 📅 2026-12-20 ✅ 2026-11-02\n- [ ] Missed one #milestone 📅 2026-11-20\ncheckpoint:: 2026-12-01 Felt one [feeling:: hopeful]\n",
    );
    let out = at_width(&v, 120, &["checkpoints", "--all"]);
    let rows: Vec<&str> = out.lines().skip(1).collect();
    assert!(
        rows[0].starts_with("reached   2026-11-02  Early finish "),
        "{out}"
    );
    assert!(
        rows[1].starts_with("missed    2026-11-20  Missed one "),
        "{out}"
    );
    assert!(
        rows[2].starts_with("upcoming  2026-12-01  Felt one "),
        "{out}"
    );
    assert!(
        rows[2].contains("hopeful"),
        "the feeling in its column: {out}"
    );
    assert!(
        !out.contains("#checkpoint") && !out.contains("#milestone") && !out.contains("feeling::"),
        "{out}"
    );
}

#[test]
fn check_as_json_by_category_and_allowed() {
    let v = TestVault::new()
        .note("a.md", "- [ ] Pay 📅 2026-02-30\n- [ ] See [[Nope]]\n- [ ] Plan the day [[2026-12-05]]\n- [ ] Week [[2026-W49]]\n");
    let out = v.run(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let problems: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        problems,
        json!([
            {"path": "a.md", "line": 1, "col": 13, "category": "bad-date", "message": "due date `2026-02-30` is not a real date"},
            {"path": "a.md", "line": 2, "col": 3, "category": "missing-link", "message": "links to `Nope`, which is not a note in the vault"}
        ]),
        "links to daily and weekly notes not written yet are not problems"
    );
    let lines = v.run(&["check", "--allow", "missing-link"]);
    assert_eq!(
        String::from_utf8_lossy(&lines.stdout),
        "a.md:1:13: warning: due date `2026-02-30` is not a real date\n"
    );
    assert_eq!(
        String::from_utf8_lossy(&lines.stderr),
        "journal: 1 warning in 1 file (1 warning of allowed categories left out)\n"
    );
    let all_allowed = v.run(&["check", "--allow", "missing-link", "--allow", "bad-date"]);
    assert_eq!(all_allowed.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&all_allowed.stderr),
        "journal: no problems in 1 note (2 warnings of allowed categories left out)\n"
    );
    let (code, err) = failure(&v, &["check", "--allow", "links"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("--allow links: not a category; use bad-date"),
        "{err}"
    );
    // The config's allow list holds for every command.
    let configured = TestVault::new()
        .note(".journal.toml", "[check]\nallow = [\"missing-link\"]\n")
        .note("a.md", "- [ ] See [[Nope]]\n");
    assert_eq!(configured.run(&["check"]).status.code(), Some(0));
    assert_eq!(configured.stdout_and_stderr(&["tasks"]).1, "");
}

#[test]
fn check_colours_warning_and_counts_in_words() {
    let v = TestVault::new().note("a.md", "- [?] odd\n");
    let coloured =
        String::from_utf8_lossy(&v.run(&["--color", "always", "check"]).stdout).into_owned();
    assert!(coloured.contains("a.md:1:3: \u{1b}["), "{coloured:?}");
    assert!(
        coloured.contains("warning:\u{1b}[0m unknown status"),
        "{coloured:?}"
    );
    let plain = String::from_utf8_lossy(&v.run(&["check"]).stdout).into_owned();
    assert_eq!(
        plain,
        "a.md:1:3: warning: unknown status symbol `[?]`, read as todo\n"
    );
    let clean = TestVault::new().note("a.md", "fine\n");
    let out = clean.run(&["check"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "journal: no problems in 1 note\n"
    );
    let (_, err) = clean.stdout_and_stderr(&["lint"]);
    assert_eq!(err, "journal: no problems in 1 note\n", "`lint` is check");
}

#[test]
fn the_review_format_follows_the_output_file() {
    let v = TestVault::new().note("Daily/2026-11-24.md", "- [x] a ✅ 2026-11-24\n");
    let dir = tempfile::tempdir().expect("tmp");
    let html = dir.path().join("review.html");
    let (_, err) = v.stdout_and_stderr(&["review", "-o", html.to_str().expect("utf-8")]);
    assert!(
        std::fs::read_to_string(&html)
            .expect("html")
            .contains("<html"),
        "{err}"
    );
    let json = dir.path().join("review.JSON");
    v.stdout_and_stderr(&["review", "-o", json.to_str().expect("utf-8")]);
    let model: Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("json")).expect("json");
    assert_eq!(model["schema"], "journal.review/2");
    let txt = dir.path().join("review.txt");
    let (_, err) = v.stdout_and_stderr(&["review", "-o", txt.to_str().expect("utf-8")]);
    assert!(
        err.contains("writing Markdown (name the file .md, .html or .json"),
        "{err}"
    );
    assert!(
        std::fs::read_to_string(&txt)
            .expect("md")
            .starts_with("---\ngenerator: journal")
    );
    let clash = dir.path().join("clash.html");
    let (_, err) = v.stdout_and_stderr(&[
        "review",
        "--format",
        "md",
        "-o",
        clash.to_str().expect("utf-8"),
    ]);
    assert!(
        err.contains("writing Markdown as --format asks, though the extension says HTML"),
        "{err}"
    );
    assert!(
        std::fs::read_to_string(&clash)
            .expect("md")
            .starts_with("---\n")
    );
    assert!(
        v.stdout(&["review", "--format", "markdown"])
            .starts_with("---\n"),
        "alias"
    );
}

#[test]
fn config_typos_and_template_errors_name_what_was_meant() {
    let v = TestVault::new().note(
        ".journal.toml",
        "weekstart = \"sunday\"\n[review]\nhorizon = 7\n",
    );
    let out = String::from_utf8_lossy(&v.run(&["check"]).stdout).into_owned();
    assert_eq!(
        out,
        ".journal.toml:1: warning: unknown key `weekstart` is ignored (did you mean `week_start`?)\n\
         .journal.toml:3: warning: unknown key `review.horizon` is ignored (did you mean `review.horizon_days`?)\n"
    );
    let t = TestVault::new()
        .note("Plans/A.md", "---\ntype: plan\n---\n- [ ] a\n")
        .note(
            "t.md",
            "{% for p in plans %}\n{{ p.titel }}\n{% endfor %}\n",
        );
    let (code, err) = failure(
        &t,
        &[
            "review",
            "--template",
            t.join("t.md").to_str().expect("utf-8"),
        ],
    );
    assert_eq!(code, Some(2));
    assert!(
        err.contains("t.md:2:6: `p.titel` is not defined (did you mean `p.title`?)"),
        "{err}"
    );
}

#[test]
fn aliases() {
    let v = task_vault();
    assert_eq!(
        v.stdout(&["task", "--limit", "1", "--format", "json"]),
        v.stdout(&["tasks", "--limit", "1", "--format", "json"])
    );
    assert_eq!(
        v.stdout(&["tasks", "--format", "markdown"]),
        v.stdout(&["tasks", "--format", "md"])
    );
    assert_eq!(
        v.stdout(&["tasks", "--format", "text"]),
        v.stdout(&["tasks"])
    );
    assert_eq!(
        v.stdout(&["checkpoint", "--all", "--format", "json"]),
        v.stdout(&["checkpoints", "--all", "--format", "json"])
    );
    assert_eq!(
        texts(&v.json(&["tasks", "--status", "in-progress", "--format", "json"])),
        Vec::<String>::new()
    );
}

/// What the shell gets when it asks journal to complete `line` (the last word being typed),
/// in the vault `v`, as fish asks.
fn complete(v: &TestVault, line: &[&str]) -> Vec<String> {
    let out = journal()
        .current_dir(v.path())
        .env("JOURNAL_COMPLETE", "fish")
        .arg("--")
        .args(line)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.split('\t').next().unwrap_or("").to_string())
        .filter(|c| !c.starts_with('-'))
        .collect()
}

#[test]
fn shells_complete_plans_statuses_tags_and_formats() {
    let v = task_vault().note(".obsidian/app.json", "{}").note(
        "Plans/Garden.md",
        "---\ntype: plan\n---\n- [ ] Dig #outside #help\n",
    );
    assert_eq!(
        complete(&v, &["journal", "plan", ""]),
        ["Book", "Garden", "Publish my novel"]
    );
    assert_eq!(
        complete(&v, &["journal", "plan", "pub"]),
        ["Publish my novel"]
    );
    assert_eq!(
        complete(&v, &["journal", "tasks", "--plan", "G"]),
        ["Garden"]
    );
    assert_eq!(
        complete(&v, &["journal", "tasks", "--tag", ""]),
        ["help", "outside"]
    );
    let statuses = complete(&v, &["journal", "tasks", "--status", ""]);
    assert_eq!(statuses[..3], ["open", "todo", "in_progress"]);
    assert_eq!(
        complete(&v, &["journal", "tasks", "--format", ""]),
        ["table", "md", "json"]
    );
    assert_eq!(
        complete(&v, &["journal", "review", "--format", "h"]),
        ["html"]
    );
    assert!(
        complete(&v, &["journal", "check", "--allow", "missing-"])
            .contains(&"missing-link".to_string())
    );
    assert!(complete(&v, &["journal", "pl"]).contains(&"plans".to_string()));
    // With --vault on the line, the vault named there.
    let elsewhere = TestVault::new().note("Plans/Sail.md", "#plan\n");
    let out = journal()
        .env("JOURNAL_COMPLETE", "fish")
        .arg("--")
        .args([
            "journal",
            "--vault",
            elsewhere.path().to_str().expect("utf-8"),
            "plan",
            "",
        ])
        .output()
        .expect("run");
    let plans: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.starts_with('-'))
        .map(str::to_string)
        .collect();
    assert_eq!(plans, ["Sail"]);
}

#[test]
fn init_and_the_empty_plans_hint_notice_a_para_projects_folder() {
    let v = TestVault::new()
        .note("1 Projects/Kitchen.md", "- [ ] Measure the wall\n")
        .note("2 Areas/Health.md", "x\n");
    let (_, err) = v.stdout_and_stderr(&["plans"]);
    assert!(err.contains("`plans_folder` of .journal.toml"), "{err}");
    assert!(err.contains("set plans_folder = \"1 Projects\""), "{err}");
    let (_, err) = v.stdout_and_stderr(&["init"]);
    assert!(
        err.contains("`1 Projects/` looks like PARA's projects"),
        "{err}"
    );
    let config = std::fs::read_to_string(v.join(".journal.toml")).expect("config");
    assert!(
        config.contains("\n# plans_folder = \"1 Projects\"\n"),
        "{config}"
    );
    // Offered, not decided: uncommenting it makes the notes plans.
    let on = config.replace(
        "# plans_folder = \"1 Projects\"",
        "plans_folder = \"1 Projects\"",
    );
    std::fs::write(v.join(".journal.toml"), on).expect("write");
    let plans = v.json(&["plans", "--format", "json"]);
    assert_eq!(plans[0]["title"], "Kitchen");
}
