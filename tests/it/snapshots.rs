//! Snapshots of what `sample-journal` gives, with "today" fixed: the task and plan lists and
//! the weekly review in each format. Review changes with `cargo insta review`.

use crate::common::{TODAY, journal, sample_journal};

fn run(args: &[&str]) -> String {
    let out = journal()
        .arg("--vault")
        .arg(sample_journal())
        .args(["--today", TODAY, "--no-cache"])
        .args(args)
        .output()
        .expect("run journal");
    assert!(
        out.status.success(),
        "journal {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn tasks_all_json() {
    insta::assert_snapshot!(run(&["tasks", "--all", "--format", "json"]));
}

#[test]
fn plans_json() {
    insta::assert_snapshot!(run(&["plans", "--format", "json"]));
}

#[test]
fn review_markdown() {
    insta::assert_snapshot!(run(&["review", "--week", "2026-W48"]));
}

#[test]
fn review_html() {
    insta::assert_snapshot!(run(&["review", "--week", "2026-W48", "--format", "html"]));
}

#[test]
fn review_json() {
    insta::assert_snapshot!(run(&["review", "--week", "2026-W48", "--format", "json"]));
}

#[test]
fn terminal_tables() {
    let tables = [
        run(&["--color", "never", "tasks"]),
        run(&["--color", "never", "plans"]),
        run(&["--color", "never", "checkpoints"]),
        run(&["--color", "never", "prompts"]),
        run(&["--color", "never", "prompts", "--history", "Are you happy?"]),
    ];
    insta::assert_snapshot!(tables.join("\n----\n"));
}

#[test]
fn month_review_markdown() {
    insta::assert_snapshot!(run(&["review", "--month", "2026-11"]));
}

#[test]
fn month_review_json() {
    insta::assert_snapshot!(run(&["review", "--month", "2026-11", "--format", "json"]));
}

#[test]
fn month_review_html() {
    insta::assert_snapshot!(run(&["review", "--month", "2026-11", "--format", "html"]));
}

#[test]
fn quarter_review_markdown() {
    insta::assert_snapshot!(run(&["review", "--quarter", "2026-Q4"]));
}

#[test]
fn quarter_review_json() {
    insta::assert_snapshot!(run(&["review", "--quarter", "2026-Q4", "--format", "json"]));
}

#[test]
fn quarter_review_html() {
    insta::assert_snapshot!(run(&["review", "--quarter", "2026-Q4", "--format", "html"]));
}

#[test]
fn year_review_markdown() {
    insta::assert_snapshot!(run(&["review", "--year", "2026"]));
}

#[test]
fn year_review_json() {
    insta::assert_snapshot!(run(&["review", "--year", "2026", "--format", "json"]));
}

#[test]
fn year_review_html() {
    insta::assert_snapshot!(run(&["review", "--year", "2026", "--format", "html"]));
}

#[test]
fn calendar_and_history() {
    let pages = [
        run(&["calendar"]).replace("\r\n", "\n"),
        run(&["prompts", "--history", "Are you happy?", "--format", "md"]),
    ];
    insta::assert_snapshot!(pages.join("\n----\n"));
}
