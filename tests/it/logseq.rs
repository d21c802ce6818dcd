//! Logseq graphs, read as a Logseq user expects: the fixture graph written for these tests
//! (`tests/fixtures/logseq-graph`: every rule, and what must be skipped), a vault opened in
//! both Obsidian and Logseq (`tests/fixtures/logseq-mixed`), the example graph of the README
//! (`sample-logseq`), and small graphs built for one rule each.

use crate::common::{TODAY, TestVault, journal, texts};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// `journal --vault <vault> --today 2026-11-29 --no-cache <args>`: (stdout, stderr, status).
fn run(vault: &Path, args: &[&str]) -> (String, String, i32) {
    let out = journal()
        .arg("--vault")
        .arg(vault)
        .args(["--today", TODAY, "--no-cache", "--color", "never"])
        .args(args)
        .output()
        .expect("run journal");
    (
        String::from_utf8(out.stdout).expect("utf-8"),
        String::from_utf8(out.stderr).expect("utf-8"),
        out.status.code().unwrap_or(-1),
    )
}

fn json(vault: &Path, args: &[&str]) -> Value {
    let (out, _, code) = run(vault, args);
    assert_eq!(code, 0, "journal {args:?}");
    serde_json::from_str(&out).expect("json")
}

fn field<'a>(list: &'a Value, key: &str) -> Vec<&'a Value> {
    list.as_array()
        .expect("array")
        .iter()
        .map(|t| &t[key])
        .collect()
}

#[test]
fn fixture_graph_tasks() {
    let (out, _, code) = run(
        &fixture("logseq-graph"),
        &["-q", "tasks", "--all", "--format", "json"],
    );
    assert_eq!(code, 0);
    let tasks: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(tasks.as_array().map(Vec::len), Some(41));
    let all = texts(&tasks).join("\n");
    for skipped in [
        "backup copy",
        "deleted",
        "older version",
        "hidden folder",
        "Logseq hides",
    ] {
        assert!(!all.contains(skipped), "{skipped}: a skipped file was read");
    }
    insta::assert_snapshot!(out);
}

#[test]
fn fixture_graph_plans() {
    let (out, _, code) = run(
        &fixture("logseq-graph"),
        &["-q", "plans", "--format", "json"],
    );
    assert_eq!(code, 0);
    let plans: Value = serde_json::from_str(&out).expect("json");
    let titles: Vec<_> = field(&plans, "title");
    assert_eq!(
        titles,
        [
            "ECE 3333B: Electric Power Systems I",
            "Learn Spanish",
            "Projects/Website Relaunch"
        ]
    );
    insta::assert_snapshot!(out);
}

#[test]
fn fixture_graph_week_review() {
    let (out, _, code) = run(
        &fixture("logseq-graph"),
        &["-q", "review", "--week", "2026-W48"],
    );
    assert_eq!(code, 0);
    insta::assert_snapshot!(out);
}

#[test]
fn fixture_graph_check_says_what_a_logseq_user_gets_wrong() {
    let (out, err, code) = run(&fixture("logseq-graph"), &["check"]);
    assert_eq!(
        out,
        "journals/2026_11_24.md:10:3: info: `SCHEDULED:` is on a block that is not a task, so journal does not count it (Logseq lists it with the scheduled items)\n\
         journals/2026_11_25.md:8:3: warning: DEADLINE: `2026-11-31` is not a real date\n\
         journals/2026_11_31.md: warning: journal file name does not parse as yyyy_MM_dd (`:journal/file-name-format`), so it is read as a page with no date\n"
    );
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "journal: 2 warnings in 2 files (and 1 note for information)\n"
    );
    // The other commands count the warnings only.
    let (_, err, _) = run(&fixture("logseq-graph"), &["plans"]);
    assert!(
        err.ends_with(
            "journal: 2 warnings about the vault (`journal check` lists them, `-v` shows them here)\n"
        ),
        "{err}"
    );
}

#[test]
fn a_mixed_vault_reads_both_grammars() {
    let mixed = fixture("logseq-mixed");
    let tasks = json(&mixed, &["tasks", "--all", "--format", "json"]);
    let symbols: Vec<String> = field(&tasks, "symbol")
        .iter()
        .map(|s| s.as_str().unwrap_or("").to_string())
        .collect();
    let logseq = symbols.iter().filter(|s| s.len() > 1).count();
    assert_eq!((symbols.len(), logseq), (13, 7), "{symbols:?}");
    let all = texts(&tasks);
    assert!(all.contains(&"[ ] is only the text of this Logseq task".to_string()));
    assert!(all.contains(&"TODO is only the text of this Obsidian task".to_string()));
    assert!(
        !all.iter()
            .any(|t| t.contains("star bullet") || t.contains("numbered"))
    );
    let plans = json(&mixed, &["plans", "--format", "json"]);
    assert_eq!(plans[0]["title"], "Garden");
    assert_eq!(plans[0]["progress"]["total"], 7);
    assert_eq!(plans[0]["progress"]["percent"], 28);
    // The Obsidian daily note is dated by Obsidian's settings, the journal by Logseq's name.
    let sub = tasks
        .as_array()
        .and_then(|a| a.iter().find(|t| t["symbol"] == "LATER"))
        .expect("the Logseq sub-task");
    assert_eq!(sub["source"]["path"], "journals/2026_11_25.md");
    let (out, _, code) = run(&mixed, &["check"]);
    assert_eq!((out.as_str(), code), ("", 0));
}

#[test]
fn the_example_graph_reviews_cleanly() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-logseq");
    let (out, err, code) = run(&sample, &["check"]);
    assert_eq!((out.as_str(), code), ("", 0), "{err}");
    let (review, err, code) = run(&sample, &["review", "--week", "2026-W48"]);
    assert_eq!((err.as_str(), code), ("", 0));
    assert!(review.contains("### Half marathon · on track"), "{review}");
    assert!(review.contains("### Home office · paused"), "{review}");
    let tasks = json(&sample, &["tasks", "--all", "--format", "json"]);
    assert_eq!(tasks.as_array().map(Vec::len), Some(28));
}

#[test]
fn page_titles_unescaped_and_namespaces_resolved() {
    for (format, files) in [
        (
            ":triple-lowbar",
            [
                "pages/Work___Site Relaunch.md",
                "pages/ECE 3333B%3A Circuits.md",
            ],
        ),
        (
            ":legacy",
            [
                "pages/Work.Site Relaunch.md",
                "pages/ECE 3333B%3A Circuits.md",
            ],
        ),
    ] {
        let v = TestVault::new()
            .note("logseq/config.edn", &format!("{{:file/name-format {format}}}"))
            .note(files[0], "tags:: plan\n\n- TODO on the page\n")
            .note(files[1], "type:: plan\n\n- TODO read chapter 1\n")
            .note("pages/Reading.md", "type:: plan\nalias:: Books\n")
            .note(
                "journals/2026_11_24.md",
                "- TODO a [[work/site relaunch]]\n- TODO b [[ECE 3333B: Circuits]]\n- TODO c #[[Work/Site Relaunch]]\n- TODO d #Books\n- [[ECE 3333B: Circuits]]\n\t- TODO e\n- TODO f [[Site Relaunch]]\n",
            );
        let tasks = v.json(&["tasks", "--all", "--format", "json"]);
        let plans: Vec<(String, Value)> = tasks
            .as_array()
            .expect("array")
            .iter()
            .map(|t| {
                (
                    t["text"].as_str().unwrap_or("").to_string(),
                    t["plan"].clone(),
                )
            })
            .collect();
        let plan_of = |text: &str| {
            plans
                .iter()
                .find(|(t, _)| t.starts_with(text))
                .map(|(_, p)| p.clone())
                .unwrap_or(Value::Null)
        };
        assert_eq!(plan_of("a "), "Work/Site Relaunch", "{format}");
        assert_eq!(plan_of("b "), "ECE 3333B: Circuits", "{format}");
        assert_eq!(plan_of("c "), "Work/Site Relaunch", "{format}");
        assert_eq!(
            plan_of("d "),
            "Reading",
            "{format}: a tag is a page reference, aliases too"
        );
        assert_eq!(
            plan_of("e"),
            "ECE 3333B: Circuits",
            "{format}: the block above"
        );
        assert_eq!(plan_of("f "), Value::Null, "{format}: [[B]] is not A/B");
    }
}

#[test]
fn hidden_paths_and_logseqs_copies_are_skipped() {
    let v = TestVault::new()
        .note("logseq/config.edn", "{:hidden [\"/archive\" \"drafts/\"]}")
        .note(
            "logseq/bak/pages/a/2026-11-24T08_15_02.114Z.Desktop.md",
            "- TODO backup\n",
        )
        .note("logseq/.recycle/pages_a.md", "- TODO recycled\n")
        .note(
            "logseq/version-files/local/pages/a/2026.Desktop.md",
            "- TODO version\n",
        )
        .note("logseq/custom.md", "- TODO Logseq's own folder\n")
        .note("archive/old.md", "- TODO archived\n")
        .note("archive-2024.md", "- TODO prefix\n")
        .note("drafts/x.md", "- TODO draft\n")
        .note("pages/archive.md", "- TODO read\n");
    let tasks = v.json(&["tasks", "--all", "--format", "json"]);
    assert_eq!(texts(&tasks), ["read"]);
}

#[test]
fn a_broken_config_is_a_warning_and_the_graph_is_read() {
    let v = TestVault::new()
        .note(
            "logseq/config.edn",
            "{:hidden [\"/archive\"\n :file/name-format }",
        )
        .note("journals/2026_11_24.md", "- TODO still read\n");
    let (tasks, warnings) = v.json_warned(&["tasks", "--all", "--format", "json"]);
    assert_eq!(
        (texts(&tasks), warnings),
        (vec!["still read".to_string()], 1)
    );
    assert_eq!(tasks[0]["source"]["path"], "journals/2026_11_24.md");
    let (out, _, _) = run(v.path(), &["check"]);
    assert!(out.starts_with("logseq/config.edn:2:"), "{out}");
}

#[test]
fn a_graph_is_found_from_inside_it() {
    let v = TestVault::new()
        .note("logseq/config.edn", "{}")
        .note("journals/2026_11_24.md", "- TODO found\n");
    let out = journal()
        .current_dir(v.join("journals"))
        .args(["--today", TODAY, "tasks", "--all", "--format", "json"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let tasks: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(texts(&tasks), ["found"]);
}

#[test]
fn logseq_markers_are_read_only_in_logseq_vaults() {
    let obsidian = TestVault::new()
        .note(".obsidian/app.json", "{}")
        .note("Daily/2026-11-24.md", "- TODO call\n- [ ] task\n");
    assert_eq!(
        texts(&obsidian.json(&["tasks", "--all", "--format", "json"])),
        ["task"]
    );
    // Logseq journals in the vault switch Logseq's grammar on, with no settings file.
    let mixed = TestVault::new()
        .note(".obsidian/app.json", "{}")
        .note("journals/2026_11_25.md", "- NOW journal\n")
        .note("Daily/2026-11-24.md", "- TODO call\n- [ ] task\n");
    let tasks = mixed.json(&["tasks", "--all", "--format", "json"]);
    assert_eq!(texts(&tasks), ["call", "task", "journal"]);
    assert_eq!(tasks[2]["source"]["path"], "journals/2026_11_25.md");
}

#[test]
fn waiting_tasks_tagged_for_help_are_help_needed() {
    let v = TestVault::new().note("logseq/config.edn", "{}").note(
        "journals/2026_11_24.md",
        "- WAITING reply from the landlord #waiting\n- WAIT not tagged\n- TODO open #help\n",
    );
    let review = v.json(&["review", "--week", "2026-W48", "--format", "json"]);
    assert_eq!(
        texts(&review["help"]),
        ["open #help", "reply from the landlord #waiting"],
        "most urgent first: an open task before one that waits"
    );
    let deferred = texts(&review["deferred"]);
    assert_eq!(deferred.len(), 2, "{deferred:?}");
}
