//! docs/COMMANDS.md shows real output: every ```console block that starts with
//! `$ journal …` is run on `sample-journal` (today 2026-11-29, 80 columns, no colour) and
//! must print what the block shows. `JOURNAL_UPDATE_DOCS=1 cargo test --test it docs`
//! writes the current output into the file instead.

use crate::common::{TODAY, journal, sample_journal};
use std::path::Path;

/// The words of a command line: split at spaces, `"…"` kept together.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any || !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
                any = false;
            }
            c => word.push(c),
        }
    }
    if any || !word.is_empty() {
        out.push(word);
    }
    out
}

/// What `$ journal <args>` prints in the docs: stdout, then stderr.
fn output(args: &[String]) -> String {
    let out = journal()
        .current_dir(sample_journal())
        .env("COLUMNS", "80")
        .args(["--today", TODAY, "--color", "never"])
        .args(args)
        .output()
        .expect("run journal");
    let mut text = String::from_utf8(out.stdout).expect("utf-8");
    text.push_str(&String::from_utf8(out.stderr).expect("utf-8"));
    // Where this checkout is, as the reader's would be.
    text.replace(&sample_journal().display().to_string(), "~/sample-journal")
}

/// The doc with every console block's output as the binary prints it now.
fn current(doc: &str) -> String {
    let mut out = String::new();
    let mut lines = doc.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        out.push_str(line);
        if line.trim_end() != "```console" {
            continue;
        }
        let Some(command) = lines.next_if(|l| l.starts_with("$ journal ")) else {
            continue;
        };
        out.push_str(command);
        let args = words(command.trim_end().trim_start_matches("$ journal "));
        out.push_str(&output(&args));
        // Skip the block's old output, up to its closing fence.
        for old in lines.by_ref() {
            if old.trim_end() == "```" {
                out.push_str(old);
                break;
            }
        }
    }
    out
}

#[test]
fn commands_md_shows_what_the_commands_print() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/COMMANDS.md");
    let doc = std::fs::read_to_string(&path).expect("docs/COMMANDS.md");
    let now = current(&doc);
    if std::env::var_os("JOURNAL_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &now).expect("write docs/COMMANDS.md");
        return;
    }
    if now != doc {
        let first = doc
            .lines()
            .zip(now.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!(
            "docs/COMMANDS.md is not what the commands print (first difference at line {}): \
             run `JOURNAL_UPDATE_DOCS=1 cargo test --test it docs` and review the diff",
            first + 1
        );
    }
    assert!(doc.matches("```console\n$ journal ").count() >= 15);
}

#[test]
fn command_lines_split_like_a_shell() {
    assert_eq!(
        words(r#"prompts --history "Are you happy?" --format md"#),
        ["prompts", "--history", "Are you happy?", "--format", "md"]
    );
    assert_eq!(words(r#"x """#), ["x", ""]);
}
