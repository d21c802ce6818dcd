//! The stored review (src/memo.rs) through the binary: served only while nothing it was
//! made from has changed. Each input changed alone is seen, and what is printed then is
//! what a run without any cache prints.

use crate::common::{TODAY, TestVault, journal};
use std::path::Path;
use std::time::{Duration, SystemTime};

/// What `JOURNAL_TIMINGS` says when the stored review is served.
const SERVED: &str = "served the stored review";

struct Memoised {
    vault: TestVault,
    cache: tempfile::TempDir,
}

/// One run: its standard output, whether the stored review was served, how many touched
/// notes it read, and its standard error without the timing lines.
#[derive(Debug)]
struct Run {
    stdout: String,
    served: bool,
    reread: Option<usize>,
    stderr: String,
}

impl Memoised {
    fn new(vault: TestVault) -> Memoised {
        Memoised {
            vault,
            cache: tempfile::tempdir().expect("cache dir"),
        }
    }

    fn run_with(&self, binary: &Path, today: Option<&str>, args: &[&str]) -> Run {
        let mut c = std::process::Command::new(binary);
        c.env_remove("JOURNAL_VAULT")
            .env_remove("JOURNAL_TODAY")
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .env("XDG_CACHE_HOME", self.cache.path())
            .env("JOURNAL_TIMINGS", "1")
            .arg("--vault")
            .arg(self.vault.path());
        if let Some(t) = today {
            c.args(["--today", t]);
        }
        let out = c.args(args).output().expect("run");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stderr = String::from_utf8(out.stderr).expect("utf-8");
        let served_line = stderr.lines().find(|l| l.contains(SERVED));
        Run {
            stdout: String::from_utf8(out.stdout).expect("utf-8"),
            served: served_line.is_some(),
            reread: served_line
                .and_then(|l| l.split('(').nth(1)?.split_whitespace().next()?.parse().ok()),
            stderr: stderr
                .lines()
                .filter(|l| !l.contains(" ms "))
                .map(|l| format!("{l}\n"))
                .collect(),
        }
    }

    fn run(&self, args: &[&str]) -> Run {
        self.run_with(&assert_cmd::cargo::cargo_bin("journal"), Some(TODAY), args)
    }

    /// The same review made from scratch, with no cache and no stored review.
    fn fresh(&self, args: &[&str]) -> String {
        let mut all = vec!["--no-cache"];
        all.extend(args);
        let out = journal()
            .arg("--vault")
            .arg(self.vault.path())
            .args(["--today", TODAY])
            .args(&all)
            .output()
            .expect("run");
        assert!(out.status.success());
        String::from_utf8(out.stdout).expect("utf-8")
    }

    fn memo_files(&self) -> usize {
        std::fs::read_dir(self.cache.path().join("journal"))
            .map(|d| {
                d.flatten()
                    .filter(|e| e.path().extension().is_some_and(|x| x == "memo"))
                    .count()
            })
            .unwrap_or(0)
    }
}

/// Every file of the vault made an hour old, so its stamp can be trusted (a note modified
/// within two seconds of a run is always read again).
fn age(dir: &Path) {
    let old = SystemTime::now() - Duration::from_secs(3600);
    for e in walk(dir) {
        set_mtime(&e, old);
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn set_mtime(path: &Path, t: SystemTime) {
    std::fs::OpenOptions::new()
        .append(true)
        .open(path)
        .and_then(|f| f.set_modified(t))
        .expect("set mtime");
}

fn vault() -> TestVault {
    TestVault::new()
        .note(".obsidian/app.json", "{}")
        .note(".journal.toml", "[review]\nlist_limit = 20\nunknown_key = 1\n")
        .note(
            "Plans/Book.md",
            "---\ntype: plan\n---\n- [x] Outline ✅ 2026-11-24\n- [x] Chapter one ✅ 2026-11-25\n- [ ] Chapter two 📅 2026-12-04\n",
        )
        .note(
            "2026-11-25.md",
            "mood:: 4\n- [x] Walked ✅ 2026-11-25\n\n## Are you happy?\nMostly, yes.\n",
        )
}

/// A vault reviewed twice: the second run is served. Returns it with the served output.
fn served(args: &[&str]) -> (Memoised, String) {
    let m = Memoised::new(vault());
    age(m.vault.path());
    let first = m.run(args);
    assert!(!first.served, "nothing stored yet");
    let second = m.run(args);
    assert!(second.served, "{second:?}");
    assert_eq!(second.reread, Some(0));
    assert_eq!(second.stdout, first.stdout);
    assert_eq!(second.stderr, first.stderr, "the same warnings line");
    (m, second.stdout)
}

#[test]
fn an_unchanged_vault_is_served_what_a_fresh_run_prints() {
    for args in [
        &["review"][..],
        &["review", "--format", "html"],
        &["review", "--format", "json"],
    ] {
        let (m, out) = served(args);
        assert_eq!(out, m.fresh(args), "{args:?}");
        let again = m.run(args);
        assert!(
            again.stderr.contains("1 warning about the vault"),
            "{again:?}"
        );
    }
}

#[test]
fn each_input_changed_alone_is_seen() {
    type Change = fn(&Memoised) -> Vec<&'static str>;
    let review: Vec<&str> = vec!["review"];
    let changes: Vec<(&str, Change)> = vec![
        ("a note's content", |m| {
            std::fs::write(
                m.vault.join("2026-11-25.md"),
                "mood:: 2\n- [x] Walked ✅ 2026-11-25\n- [x] Swam ✅ 2026-11-26\n",
            )
            .expect("edit");
            vec!["review"]
        }),
        ("a new note", |m| {
            std::fs::write(
                m.vault.join("2026-11-26.md"),
                "- [x] Read a chapter ✅ 2026-11-26\n",
            )
            .expect("add");
            vec!["review"]
        }),
        ("a note gone", |m| {
            std::fs::remove_file(m.vault.join("2026-11-25.md")).expect("remove");
            vec!["review"]
        }),
        ("a setting", |m| {
            std::fs::write(
                m.vault.join(".journal.toml"),
                "[review]\nlist_limit = 1\nunknown_key = 1\n",
            )
            .expect("settings");
            vec!["review"]
        }),
        ("an Obsidian setting", |m| {
            std::fs::write(
                m.vault.join(".obsidian/daily-notes.json"),
                r#"{"format": "DD-MM-YYYY"}"#,
            )
            .expect("settings");
            vec!["review"]
        }),
        ("the template", |m| {
            let dir = m.vault.join(".journal/templates");
            std::fs::create_dir_all(&dir).expect("mkdir");
            std::fs::write(dir.join("weekly.md"), "Done: {{ stats.tasks_done }}\n")
                .expect("template");
            vec!["review"]
        }),
        ("today", |_| vec!["--today", "2026-11-27", "review"]),
        ("the period", |_| vec!["review", "--week", "2026-W47"]),
        ("the format", |_| vec!["review", "--format", "json"]),
    ];
    for (what, change) in changes {
        let (m, before) = served(&review);
        let args = change(&m);
        let (today, args): (Option<&str>, Vec<&str>) = match args.as_slice() {
            ["--today", t, rest @ ..] => (Some(*t), rest.to_vec()),
            _ => (Some(TODAY), args.clone()),
        };
        let after = m.run_with(&assert_cmd::cargo::cargo_bin("journal"), today, &args);
        assert!(!after.served, "{what}: the stored review was served");
        assert_ne!(after.stdout, before, "{what}: the review changed");
        if today == Some(TODAY) {
            assert_eq!(after.stdout, m.fresh(&args), "{what}: as a fresh run");
        }
    }
}

#[test]
fn another_build_of_the_binary_does_not_serve_what_this_one_stored() {
    let (m, out) = served(&["review"]);
    let dir = tempfile::tempdir().expect("tmp");
    let copy = dir.path().join("journal");
    std::fs::copy(assert_cmd::cargo::cargo_bin("journal"), &copy).expect("copy");
    let other = m.run_with(&copy, Some(TODAY), &["review"]);
    assert!(!other.served, "another executable");
    assert_eq!(other.stdout, out);
}

#[test]
fn a_touched_note_with_the_same_bytes_is_still_served_once_read() {
    let (m, out) = served(&["review"]);
    set_mtime(
        &m.vault.join("2026-11-25.md"),
        SystemTime::now() - Duration::from_secs(60),
    );
    let touched = m.run(&["review"]);
    assert!(touched.served);
    assert_eq!(touched.reread, Some(1), "the touched note was read");
    assert_eq!(touched.stdout, out);
    let next = m.run(&["review"]);
    assert_eq!(next.reread, Some(0), "its new stamp was kept");
}

#[test]
fn a_note_replaced_by_another_file_of_the_same_size_and_time_is_seen() {
    let (m, out) = served(&["review"]);
    let path = m.vault.join("2026-11-25.md");
    let meta = std::fs::metadata(&path).expect("meta");
    let text = std::fs::read_to_string(&path)
        .expect("read")
        .replace("Walked", "Rested");
    assert_eq!(text.len() as u64, meta.len());
    let tmp = m.vault.join("new.tmp");
    std::fs::write(&tmp, &text).expect("write");
    set_mtime(&tmp, meta.modified().expect("mtime"));
    std::fs::rename(&tmp, &path).expect("replace");
    let after = m.run(&["review"]);
    assert!(!after.served, "a new inode");
    assert_ne!(after.stdout, out);
    assert!(after.stdout.contains("Rested"));
}

#[test]
fn a_review_showing_the_time_is_stored_only_when_today_is_fixed() {
    let m = Memoised::new(vault());
    age(m.vault.path());
    let binary = assert_cmd::cargo::cargo_bin("journal");
    for _ in 0..2 {
        let run = m.run_with(&binary, None, &["review", "--format", "html"]);
        assert!(!run.served, "the page says when it was made");
    }
    for _ in 0..2 {
        let run = m.run_with(&binary, None, &["review", "--format", "json"]);
        assert!(!run.served, "the JSON says when it was made");
    }
    assert_eq!(m.memo_files(), 0);
    m.run_with(&binary, None, &["review"]);
    assert!(
        m.run_with(&binary, None, &["review"]).served,
        "the Markdown review does not show the time"
    );
}

#[test]
fn no_cache_neither_stores_nor_serves() {
    let m = Memoised::new(vault());
    age(m.vault.path());
    for _ in 0..2 {
        assert!(!m.run(&["--no-cache", "review"]).served);
    }
    assert_eq!(m.memo_files(), 0);
}
