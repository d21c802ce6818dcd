//! The listing commands through the binary: what they select, how they sort, their formats.

use crate::common::{TestVault, texts};
use serde_json::json;

fn plan_vault() -> TestVault {
    TestVault::new()
        .note(
            "Plans/Publish a book.md",
            "---\ntype: plan\ntitle: Publish my novel\ntarget: 2027-06-30\n---\n# Novel\n## Step 1\n- [x] Outline ✅ 2026-11-10\n- [ ] Draft chapter 1 ⏫\n  - [ ] Scene list\n- [ ] First draft done #checkpoint 📅 2026-12-05\n",
        )
        .note(
            "Plans/Career.md",
            "---\ntype: plan\nstatus: on-hold\ndecision: Stay at my job for now\nrevisit: 2027-03-01\n---\n- [ ] Talk to a teacher\n",
        )
        .note(
            "Daily/2026-11-24.md",
            "mood:: 4\n- [ ] Email the editor [[Publish a book]] 📅 2026-11-27 #help\n- [/] Tidy desk 📅 2026-12-01\n- [x] Pay rent\n- [ ] Call bank 📅 2026-11-20 🔽\n- [-] Old idea\n- [>] Later thing\n\n## Are you happy?\nYes, mostly.\n",
        )
        .note("Daily/2026-11-25.md", "## Are you happy?\nLess today.\n\n## What next?\n...\n")
}

#[test]
fn open_tasks_most_urgent_first() {
    let v = plan_vault().json(&["tasks", "--format", "json"]);
    assert_eq!(
        texts(&v),
        [
            "Call bank",
            "Email the editor [[Publish a book]] #help",
            "Tidy desk",
            "First draft done #checkpoint",
            "Draft chapter 1",
            "Talk to a teacher",
            "Scene list"
        ]
    );
}

#[test]
fn task_json_has_the_documented_shape() {
    let v = plan_vault().json(&["tasks", "--format", "json", "--tag", "help"]);
    assert_eq!(
        v,
        json!([{
            "text": "Email the editor [[Publish a book]] #help",
            "status": "todo",
            "symbol": " ",
            "due": "2026-11-27",
            "scheduled": null,
            "start": null,
            "created": null,
            "done": null,
            "cancelled": null,
            "priority": null,
            "recurrence": null,
            "tags": ["help"],
            "links": ["Publish a book"],
            "plan": "Publish my novel",
            "id": null,
            "depends_on": [],
            "on_completion": null,
            "block_id": null,
            "source": {"path": "Daily/2026-11-24.md", "line": 2, "heading": null}
        }])
    );
}

#[test]
fn task_filters() {
    let v = plan_vault();
    let q = |args: &[&str]| {
        let mut a = vec!["tasks", "--format", "json"];
        a.extend_from_slice(args);
        texts(&v.json(&a))
    };
    assert_eq!(q(&["--all"]).len(), 11);
    assert_eq!(q(&["--done"]), ["Pay rent", "Outline"]);
    assert_eq!(
        q(&["--status", "cancelled", "--status", "deferred"]),
        ["Old idea", "Later thing"]
    );
    assert_eq!(
        q(&["--overdue"]),
        ["Call bank", "Email the editor [[Publish a book]] #help"]
    );
    assert_eq!(
        q(&["--due-before", "2026-11-28"]),
        ["Call bank", "Email the editor [[Publish a book]] #help"]
    );
    assert_eq!(
        q(&["--due-after", "2026-11-28"]),
        ["Tidy desk", "First draft done #checkpoint"]
    );
    // Both bounds leave the day itself out, as Obsidian Tasks' `due before` does.
    assert_eq!(q(&["--due-before", "2026-11-27"]), ["Call bank"]);
    assert_eq!(
        q(&["--due-after", "2026-12-01"]),
        ["First draft done #checkpoint"]
    );
    assert_eq!(
        q(&["--plan", "publish my novel"]).len(),
        4,
        "open ones, the linked one included"
    );
    assert_eq!(
        q(&["--plan", "Publish a book", "--all"]).len(),
        5,
        "by note name too"
    );
    assert_eq!(q(&["--path", "Daily/**"]).len(), 3);
    assert_eq!(
        q(&["--tag", "#checkpoint"]),
        ["First draft done #checkpoint"]
    );
}

#[test]
fn bad_filter_values_are_usage_errors() {
    let v = plan_vault();
    for args in [
        &["tasks", "--status", "later"][..],
        &["tasks", "--due-before", "soon"],
        &["tasks", "--plan", "Nope"],
        &["tasks", "--path", "a[b"],
    ] {
        let out = v.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with("journal: "), "{err}");
    }
}

#[test]
fn markdown_and_table_formats() {
    let v = plan_vault();
    let md = v.stdout(&["tasks", "--format", "md", "--tag", "help"]);
    assert_eq!(
        md,
        "- ☐ Email the editor [[Publish a book]] #help · due 2026-11-27 — [[Daily/2026-11-24|2026-11-24]]\n"
    );
    let table = v
        .cmd(&["tasks", "--overdue"])
        .env("COLUMNS", "100")
        .output()
        .expect("run");
    let table = String::from_utf8_lossy(&table.stdout);
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].starts_with("     DUE"), "{table}");
    assert!(
        lines[1].starts_with("[ ]  2026-11-20  low  Call bank"),
        "{table}"
    );
    assert!(!table.contains('\u{1b}'), "no colour when piped");
    let piped = v.stdout(&["tasks", "--overdue"]);
    assert!(
        piped.starts_with("[ ]\t2026-11-20\t\t\t\tlow\tCall bank\t\tDaily/2026-11-24.md:5\n"),
        "{piped}"
    );
}

#[test]
fn plans_with_health_progress_and_next_steps() {
    let v = plan_vault().json(&["plans", "--format", "json"]);
    let plans = v.as_array().expect("plans");
    assert_eq!(plans.len(), 2);
    let book = &plans[1];
    assert_eq!(book["title"], "Publish my novel");
    assert_eq!(
        book["health"], "at-risk",
        "an action linked to it is overdue"
    );
    assert_eq!(
        book["progress"],
        json!({"done": 1, "total": 5, "percent": 20})
    );
    assert_eq!(book["next_action"]["text"], "Scene list");
    assert_eq!(
        book["next_checkpoint"]["text"],
        "First draft done #checkpoint"
    );
    assert_eq!(book["next_checkpoint"]["status"], "upcoming");
    assert_eq!(book["days_left"], 213);
    let career = &plans[0];
    assert_eq!(
        (career["health"].as_str(), career["status"].as_str()),
        (Some("paused"), Some("on-hold"))
    );
    assert_eq!(career["decision"], "Stay at my job for now");
    assert_eq!(career["revisit"], "2027-03-01");
}

#[test]
fn done_and_dropped_plans_only_with_all() {
    let v = TestVault::new()
        .note("a.md", "---\ntype: plan\nstatus: done\n---\n")
        .note("b.md", "---\ntype: plan\nstatus: dropped\n---\n")
        .note(
            "c.md",
            "---\ntype: plan\n---\n- [x] y ✅ 2026-11-28\n- [ ] x\n",
        );
    assert_eq!(
        v.json(&["plans", "--format", "json"])
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    let all = v.json(&["plans", "--all", "--format", "json"]);
    let health: Vec<_> = all
        .as_array()
        .expect("a")
        .iter()
        .map(|p| p["health"].clone())
        .collect();
    assert_eq!(health, [json!("done"), json!("dropped"), json!("on-track")]);
}

#[test]
fn checkpoints_missed_and_upcoming() {
    let v = TestVault::new().note(
        "p.md",
        "---\ntype: plan\n---\n- [ ] a #checkpoint 📅 2026-11-20\n- [ ] b #milestone 📅 2026-12-10\n- [ ] c #checkpoint 📅 2027-05-01\n- [x] d #checkpoint 📅 2026-11-01 ✅ 2026-11-02\ncheckpoint:: 2026-12-01 e [feeling:: hopeful]\n",
    );
    let cps = v.json(&["checkpoints", "--format", "json"]);
    let got: Vec<_> = cps
        .as_array()
        .expect("a")
        .iter()
        .map(|c| {
            (
                c["text"].as_str().unwrap_or("").to_string(),
                c["status"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("a #checkpoint".to_string(), "missed".to_string()),
            ("e [feeling:: hopeful]".into(), "upcoming".into()),
            ("b #milestone".into(), "upcoming".into())
        ]
    );
    assert_eq!(cps[1]["feeling"], "hopeful");
    assert_eq!(
        v.json(&["checkpoints", "--all", "--format", "json"])
            .as_array()
            .map(Vec::len),
        Some(5)
    );
}

#[test]
fn prompts_history_and_unanswered() {
    let v = plan_vault();
    let h = v.json(&["prompts", "--history", "are you happy", "--format", "json"]);
    let answers: Vec<_> = h
        .as_array()
        .expect("a")
        .iter()
        .map(|e| (e["date"].clone(), e["answer"].clone()))
        .collect();
    assert_eq!(
        answers,
        [
            (json!("2026-11-24"), json!("Yes, mostly.")),
            (json!("2026-11-25"), json!("Less today."))
        ]
    );
    let u = v.json(&["prompts", "--unanswered", "--format", "json"]);
    assert_eq!(u[0]["prompt"], "What next?");
    assert_eq!(u.as_array().map(Vec::len), Some(1));
    let s = v.json(&["prompts", "--format", "json"]);
    assert_eq!(
        s[0],
        json!({"prompt": "Are you happy?", "asked": 2, "answered": 2, "last_answered": "2026-11-25"})
    );
}

#[test]
fn check_lists_problems_and_exits_1() {
    let v = TestVault::new().note("a.md", "ok\n- [ ] Pay 📅 2026-02-30\n- [?] odd\n");
    let out = v.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "a.md:2:13: warning: due date `2026-02-30` is not a real date\na.md:3:3: warning: unknown status symbol `[?]`, read as todo\n"
    );
    let clean = TestVault::new().note("a.md", "- [ ] fine 📅 2026-12-01\n");
    assert_eq!(clean.run(&["check"]).status.code(), Some(0));
}

#[test]
fn other_commands_print_only_a_count_of_warnings() {
    let v = TestVault::new().note("a.md", "- [?] odd\n- [ ] x 📅 2026-02-30\n");
    let out = v.run(&["tasks"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "journal: 2 warnings about the vault (`journal check` lists them, `-v` shows them here)\n"
    );
    let quiet = v.run(&["-q", "tasks"]);
    assert!(quiet.stderr.is_empty());
    let verbose = v.run(&["-v", "tasks"]);
    assert_eq!(String::from_utf8_lossy(&verbose.stderr).lines().count(), 2);
}

#[test]
fn index_counts_and_json() {
    let v = plan_vault();
    let out = v.stdout(&["index"]);
    assert!(out.contains("notes        4\n"), "{out}");
    assert!(out.contains("plans        2\n"), "{out}");
    let dump = v.json(&["index", "--json"]);
    assert_eq!(dump["counts"]["tasks"], 11);
    assert_eq!(
        dump["plans"][1]["actions"].as_array().map(Vec::len),
        Some(5)
    );
    assert_eq!(dump["notes"].as_array().map(Vec::len), Some(4));
}

#[test]
fn colour_only_when_asked() {
    let v = plan_vault();
    assert!(v.stdout(&["--color", "always", "plans"]).contains('\u{1b}'));
    assert!(!v.stdout(&["--color", "never", "plans"]).contains('\u{1b}'));
    assert!(
        !v.stdout(&["plans"]).contains('\u{1b}'),
        "auto is off when piped"
    );
    let forced = v
        .cmd(&["plans"])
        .env("CLICOLOR_FORCE", "1")
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&forced.stdout).contains('\u{1b}'));
    let no_color = v
        .cmd(&["plans"])
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1")
        .output()
        .expect("run");
    assert!(!String::from_utf8_lossy(&no_color.stdout).contains('\u{1b}'));
}

#[test]
fn today_comes_from_the_flag_else_the_environment() {
    let v = plan_vault();
    let overdue = |env: Option<&str>, flag: Option<&str>| {
        let mut c = crate::common::journal();
        c.arg("--vault").arg(v.path());
        if let Some(d) = env {
            c.env("JOURNAL_TODAY", d);
        }
        if let Some(d) = flag {
            c.args(["--today", d]);
        }
        let out = c
            .args(["tasks", "--overdue", "--format", "json"])
            .assert()
            .success()
            .get_output()
            .clone();
        texts(&serde_json::from_slice(&out.stdout).expect("json"))
    };
    assert_eq!(overdue(Some("2026-11-21"), None), ["Call bank"]);
    assert_eq!(
        overdue(Some("2026-11-21"), Some("2026-12-02")),
        [
            "Call bank",
            "Email the editor [[Publish a book]] #help",
            "Tidy desk"
        ],
        "--today wins over JOURNAL_TODAY"
    );
}
