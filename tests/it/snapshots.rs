//! Snapshots of what `sample-journal` gives, with "today" fixed: the task and plan lists and
//! the weekly review in each format. Review changes with `cargo insta review`.

use crate::common::{TODAY, journal, sample_journal};

fn run(args: &[&str]) -> String {
    run_at(None, args)
}

/// The same laid out for a terminal `columns` wide (`None`: piped).
fn run_at(columns: Option<usize>, args: &[&str]) -> String {
    let mut cmd = journal();
    if let Some(c) = columns {
        cmd.env("COLUMNS", c.to_string());
    }
    let out = cmd
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

/// Every table at a width, with `journal plan` for one plan.
fn tables_at(columns: usize) -> String {
    let tables = [
        &["tasks"][..],
        &["tasks", "--done", "--sort", "done", "--limit", "8"],
        &["plans"],
        &["plan", "Go back to school"],
        &["checkpoints", "--all"],
        &["prompts"],
        &["prompts", "--unanswered"],
        &["prompts", "--history", "Are you happy?"],
    ]
    .map(|args| {
        let mut a = vec!["--color", "never"];
        a.extend_from_slice(args);
        format!(
            "$ journal {}\n{}",
            args.join(" "),
            run_at(Some(columns), &a)
        )
    });
    tables.join("\n")
}

#[test]
fn terminal_tables_at_80_columns() {
    let tables = tables_at(80);
    assert!(
        tables
            .lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80),
        "{tables}"
    );
    insta::assert_snapshot!(tables);
}

#[test]
fn terminal_tables_at_120_columns() {
    let tables = tables_at(120);
    assert!(
        tables
            .lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 120),
        "{tables}"
    );
    insta::assert_snapshot!(tables);
}

#[test]
fn piped_tables() {
    insta::assert_snapshot!([run(&["tasks", "--limit", "5"]), run(&["plans"])].join("\n----\n"));
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
