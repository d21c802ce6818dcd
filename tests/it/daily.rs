//! The daily flow through the binary: `new`, `prompt`, `init`, completions and the man page.

use crate::common::{TestVault, journal};

#[test]
fn new_creates_the_note_where_the_daily_settings_say() {
    let v = TestVault::new()
        .note(".obsidian/daily-notes.json", r#"{"folder": "Journal", "format": "YYYY/MM/DD-MM-YYYY"}"#)
        .note("Plans/Book.md", "---\ntype: plan\n---\n- [ ] Print the draft 📅 2026-11-29\n- [ ] Later 📅 2026-12-01\n- [x] Done 📅 2026-11-29\n- [ ] Scheduled ⏳ 2026-11-29\n");
    let out = v.stdout(&["new"]);
    let path = v.join("Journal/2026/11/29-11-2026.md");
    assert_eq!(
        out.trim_end(),
        std::fs::canonicalize(&path)
            .expect("created")
            .display()
            .to_string()
    );
    let text = std::fs::read_to_string(&path).expect("note");
    assert!(
        text.starts_with("# Sunday 29 November 2026\n\nmood:: \n\n## "),
        "{text}"
    );
    let prompt = v.stdout(&["prompt"]);
    assert!(
        text.contains(&format!("## {}", prompt.trim_end())),
        "the day's prompt: {text}"
    );
    assert!(
        text.contains("- Print the draft · Book — [[Plans/Book|Book]]\n"),
        "{text}"
    );
    assert!(text.contains("- Scheduled · Book — "), "{text}");
    assert!(!text.contains("Later") && !text.contains("Done"), "{text}");
    // The new note is read like any other.
    let n = v.json(&["index", "--json"]);
    assert_eq!(n["counts"]["notes"], 2);
}

#[test]
fn new_never_overwrites() {
    let v = TestVault::new().note("2026-11-29.md", "my own words\n");
    let out = v.run(&["new"]);
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .trim_end()
            .ends_with("2026-11-29.md")
    );
    assert_eq!(
        std::fs::read_to_string(v.join("2026-11-29.md")).expect("read"),
        "my own words\n"
    );
    let other = v.stdout(&["new", "--date", "2026-11-30"]);
    assert!(other.trim_end().ends_with("2026-11-30.md"));
}

#[test]
fn new_fills_the_obsidian_template() {
    let v = TestVault::new()
        .note(
            ".obsidian/daily-notes.json",
            r#"{"folder": "Daily", "template": "Templates/Day"}"#,
        )
        .note(
            ".obsidian/app.json",
            r#"{"userIgnoreFilters": ["Templates/"]}"#,
        )
        .note(
            "Templates/Day.md",
            "---\ntags: [daily]\n---\n# {{title}}\n{{date:dddd, MMMM Do YYYY}}\n",
        );
    v.stdout(&["new", "--date", "2026-11-24"]);
    let text = std::fs::read_to_string(v.join("Daily/2026-11-24.md")).expect("note");
    assert!(
        text.starts_with(
            "---\ntags: [daily]\n---\n# 2026-11-24\nTuesday, November 24th 2026\n\n## "
        ),
        "{text}"
    );
    // journal's own template in .journal/templates wins over Obsidian's.
    let v = v.note(
        ".journal/templates/daily.md",
        "Dear diary, {{ date }}: {{ prompt }}\n",
    );
    v.stdout(&["new", "--date", "2026-11-25"]);
    let text = std::fs::read_to_string(v.join("Daily/2026-11-25.md")).expect("note");
    assert!(text.starts_with("Dear diary, 2026-11-25: "), "{text}");
}

#[test]
fn the_prompt_is_stable_for_a_date() {
    let v = TestVault::new().note("Daily/2026-11-20.md", "## What next?\nSleep.\n");
    let a = v.stdout(&["prompt"]);
    assert_eq!(a, v.stdout(&["prompt"]));
    assert_eq!(a, v.stdout(&["prompt", "--date", "2026-11-29"]));
    let days: std::collections::BTreeSet<String> = (23..=29)
        .map(|d| v.stdout(&["prompt", "--date", &format!("2026-11-{d}")]))
        .collect();
    assert!(days.len() > 1, "it rotates: {days:?}");
    assert!(
        !days.contains("What next?\n"),
        "answered lately, so not offered this week: {days:?}"
    );
}

#[test]
fn init_writes_a_config_once() {
    let v = TestVault::new();
    let out = v.run(&["init"]);
    assert!(out.status.success());
    let text = std::fs::read_to_string(v.join(".journal.toml")).expect("config");
    assert!(text.contains("[review]") && text.contains("horizon_days = 14"));
    std::fs::write(v.join(".journal.toml"), "week_start = \"sunday\"\n").expect("edit");
    assert!(v.run(&["init"]).status.success());
    assert_eq!(
        std::fs::read_to_string(v.join(".journal.toml")).expect("read"),
        "week_start = \"sunday\"\n"
    );
    // The written config reads back cleanly.
    let fresh = TestVault::new();
    assert!(fresh.run(&["init"]).status.success());
    assert!(fresh.join(".journal.toml").is_file());
    let check = fresh.run(&["check"]);
    assert_eq!(check.status.code(), Some(0));
    assert!(
        check.stdout.is_empty(),
        "no warning about the written config"
    );
}

#[test]
fn completions_and_man_page_come_from_the_cli() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = journal()
            .args(["completions", shell])
            .output()
            .expect("run");
        assert!(out.status.success(), "{shell}");
        let text = String::from_utf8_lossy(&out.stdout);
        // Dynamic: the shell calls journal back to complete (see terminal.rs for what it offers).
        assert!(
            text.contains("JOURNAL_COMPLETE") && text.contains(shell) && text.contains("journal"),
            "{shell}: {text}"
        );
    }
    let man = journal().arg("man").output().expect("run");
    assert!(man.status.success());
    let text = String::from_utf8_lossy(&man.stdout);
    assert!(
        text.starts_with(".ie") && text.contains(".TH journal 1"),
        "{text}"
    );
    assert!(text.contains("review"));
}

#[test]
fn every_command_has_help_with_examples() {
    for cmd in [
        "review",
        "tasks",
        "plans",
        "plan",
        "checkpoints",
        "prompts",
        "check",
        "index",
        "new",
        "prompt",
        "init",
        "completions",
        "man",
    ] {
        let out = journal().args([cmd, "--help"]).output().expect("run");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Examples:"), "{cmd}: {text}");
    }
}
