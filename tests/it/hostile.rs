//! An adversarial vault, generated here: whatever is in it, every command completes, each
//! problem is a warning naming its path (and line where there is one), everything else is
//! read, the exit status is as documented, and no file in the vault changes.

use crate::common::TestVault;
use serde_json::Value;

/// Every read-only command, with the exit status it must give (`check`: 1 when it lists
/// warnings, 0 when it lists none; marked -1 here).
const COMMANDS: &[(&[&str], i32)] = &[
    (&["check"], -1),
    (&["tasks"], 0),
    (&["tasks", "--all", "--format", "json"], 0),
    (&["tasks", "--all", "--format", "md"], 0),
    (&["plans", "--all"], 0),
    (&["checkpoints", "--all", "--format", "json"], 0),
    (&["prompts"], 0),
    (&["prompts", "--unanswered", "--format", "json"], 0),
    (&["index", "--json"], 0),
    (&["review", "--format", "json"], 0),
    (&["review", "--format", "md"], 0),
    (&["review", "--format", "html"], 0),
    (&["review", "--last"], 0),
    (&["prompt"], 0),
];

/// Runs every command on `v` (cached and not), checks statuses and that the vault is
/// unchanged; returns `journal check`'s lines and the texts of every task.
fn survive(v: &TestVault) -> (Vec<String>, Vec<String>) {
    let before = v.fingerprint();
    for &(args, status) in COMMANDS {
        for cache in [true, false] {
            let mut cmd = v.cmd(&[]);
            if !cache {
                cmd.arg("--no-cache");
            }
            let out = cmd.args(args).output().expect("run");
            let err = String::from_utf8_lossy(&out.stderr);
            let status = if status == -1 {
                // Notes for information alone do not make `check` fail.
                i32::from(String::from_utf8_lossy(&out.stdout).contains(": warning: "))
            } else {
                status
            };
            assert_eq!(out.status.code(), Some(status), "journal {args:?}: {err}");
            assert!(
                !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
                "{err}"
            );
        }
        assert_eq!(
            v.fingerprint(),
            before,
            "journal {args:?} changed the vault"
        );
    }
    let check = String::from_utf8_lossy(&v.run(&["check"]).stdout)
        .lines()
        .map(str::to_string)
        .collect();
    let tasks: Value = v.json_warned(&["tasks", "--all", "--format", "json"]).0;
    let texts = tasks
        .as_array()
        .expect("tasks")
        .iter()
        .map(|t| t["text"].as_str().unwrap_or("").to_string())
        .collect();
    (check, texts)
}

fn warned(check: &[String], path: &str, with: &str) -> bool {
    check
        .iter()
        .any(|l| l.starts_with(path) && l.contains(with))
}

#[test]
fn bytes_that_are_not_notes() {
    let v = TestVault::new()
        .note("good.md", "- [ ] still read\n")
        .bytes("latin1.md", b"caf\xe9\n- [ ] na\xefve\n")
        .bytes("nul.md", b"- [ ] before\0after\n")
        .bytes("empty.md", b"")
        .bytes("bom.md", b"\xEF\xBB\xBF- [ ] after a BOM\n")
        .bytes("only-bom.md", b"\xEF\xBB\xBF");
    let (check, texts) = survive(&v);
    assert!(
        warned(&check, "latin1.md:1:", "not valid UTF-8"),
        "{check:?}"
    );
    assert!(warned(&check, "nul.md:1:", "NUL byte"), "{check:?}");
    assert!(texts.contains(&"still read".to_string()));
    assert!(texts.contains(&"after a BOM".to_string()));
    assert!(texts.contains(&"na\u{FFFD}ve".to_string()));
    assert!(!texts.iter().any(|t| t.contains("before")));
}

#[test]
fn huge_notes_and_huge_lines() {
    let big = "Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n".repeat(900_000); // ~51 MB
    let line = format!(
        "- [ ] {} 📅 2026-12-01\n",
        "word [[ ( `` #tag ".repeat(110_000)
    ); // ~2 MB, one line
    let many: String = (0..100_000).map(|i| format!("- [x] task {i}\n")).collect();
    let v = TestVault::new()
        .note("big.md", &big)
        .note("line.md", &line)
        .note("many.md", &many)
        .note("good.md", "- [ ] still read\n");
    let (check, texts) = survive(&v);
    assert!(warned(&check, "big.md", "over max_note_bytes"), "{check:?}");
    assert!(texts.contains(&"still read".to_string()));
    assert!(
        texts.iter().any(|t| t.len() > 1_900_000),
        "the 2 MB line is one task"
    );
    assert_eq!(
        texts.iter().filter(|t| t.starts_with("task ")).count(),
        100_000
    );
}

#[test]
fn nesting_ten_thousand_levels_deep() {
    // A list nested 10,000 levels deep (a tab per level), and as deep on one line: nested
    // list markers and block quotes.
    let mut deep = String::new();
    for i in 0..10_000 {
        deep.push_str(&"\t".repeat(i));
        deep.push_str(&format!("- [ ] level {i}\n"));
    }
    let one_line = format!(
        "{}[ ] deep\n{}- [ ] quoted\n",
        "- ".repeat(10_000),
        ">".repeat(10_000)
    );
    let v = TestVault::new()
        .note(".journal.toml", "max_note_bytes = 100000000\n")
        .note("Plans/Deep.md", &format!("---\ntype: plan\n---\n{deep}"))
        .note("line.md", &one_line)
        .note("good.md", "- [ ] still read\n");
    let (_, texts) = survive(&v);
    assert!(texts.contains(&"level 9999".to_string()));
    assert!(texts.contains(&"still read".to_string()));
    let plans = v.json(&["plans", "--format", "json"]);
    assert_eq!(
        plans[0]["next_action"]["text"], "level 9999",
        "the deepest open step"
    );
}

#[test]
fn line_endings_of_every_kind() {
    let v = TestVault::new()
        .bytes("crlf.md", b"# A\r\n- [ ] one\r\n- [ ] two\r\n")
        .bytes("cr.md", b"# A\r- [ ] three\r- [ ] four\r")
        .bytes(
            "mixed.md",
            b"---\r\ndate: 2026-11-24\r---\n- [ ] five\r\n- [ ] six\r- [ ] seven\n",
        );
    let (_, texts) = survive(&v);
    for t in ["one", "two", "three", "four", "five", "six", "seven"] {
        assert!(texts.contains(&t.to_string()), "{t}: {texts:?}");
    }
    let tasks = v.json_warned(&["tasks", "--all", "--format", "json"]).0;
    let lines: Vec<_> = tasks
        .as_array()
        .expect("a")
        .iter()
        .map(|t| (t["text"].clone(), t["source"]["line"].clone()))
        .collect();
    assert!(
        lines.contains(&(Value::from("seven"), Value::from(6))),
        "{lines:?}"
    );
    assert!(
        lines.contains(&(Value::from("four"), Value::from(3))),
        "{lines:?}"
    );
}

#[test]
fn front_matter_gone_wrong() {
    let mut bomb = String::from("---\na: &a [x,x,x,x,x,x,x,x,x,x]\n");
    for (p, n) in [
        ("a", "b"),
        ("b", "c"),
        ("c", "d"),
        ("d", "e"),
        ("e", "f"),
        ("f", "g"),
        ("g", "h"),
        ("h", "i"),
    ] {
        bomb.push_str(&format!(
            "{n}: &{n} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n"
        ));
    }
    bomb.push_str("---\n- [ ] after the bomb\n");
    let v = TestVault::new()
        .note("open.md", "---\ntitle: never closed\n- [ ] after open\n")
        .note("list.md", "---\n- a\n- b\n---\n- [ ] after a list\n")
        .note("scalar.md", "---\njust words\n---\n- [ ] after a scalar\n")
        .note(
            "dupes.md",
            "---\ntype: plan\ntype: goal\n---\n- [ ] after dupes\n",
        )
        .note(
            "deep.md",
            &format!(
                "---\na: {}1{}\n---\n- [ ] after deep yaml\n",
                "[".repeat(5000),
                "]".repeat(5000)
            ),
        )
        .note("bomb.md", &bomb);
    let (check, texts) = survive(&v);
    for t in [
        "after open",
        "after a list",
        "after a scalar",
        "after dupes",
        "after deep yaml",
        "after the bomb",
    ] {
        assert!(texts.contains(&t.to_string()), "{t}");
    }
    assert!(warned(&check, "open.md:1:", "never closed"), "{check:?}");
    assert!(warned(&check, "list.md:2:", "not a set of"), "{check:?}");
    assert!(warned(&check, "scalar.md:2:", "not a set of"), "{check:?}");
    assert!(warned(&check, "dupes.md:3:", "duplicate"), "{check:?}");
    assert!(warned(&check, "deep.md:2:", "not valid YAML"), "{check:?}");
    assert!(warned(&check, "bomb.md:", "not valid YAML"), "{check:?}");
}

#[test]
fn impossible_and_out_of_range_dates() {
    let v = TestVault::new()
        .note(
            "dates.md",
            "- [ ] a 📅 2026-02-30\n- [ ] b 📅 9999-99-99\n- [ ] c 📅 0000-01-01\n- [ ] d 📅 10000-01-01\n- [ ] e ⏳ 2026-13-01 ✅\n- [ ] f 📅\n- [ ] g 🔁 ⛔ 🆔\n",
        )
        .note("0000-01-01.md", "mood:: 3\n## Are you happy?\nYes, in year zero.\n")
        .note("9999-12-31.md", "- [x] far future\n")
        .note("Weekly/2026-W54.md", "- [ ] not a week\n")
        .note("bad-front.md", "---\ndate: 2026-02-30\ntarget: 10000-01-01\n---\n");
    let (check, texts) = survive(&v);
    assert!(
        warned(&check, "dates.md:1:", "not a real date"),
        "{check:?}"
    );
    assert!(
        warned(&check, "dates.md:2:", "not a real date"),
        "{check:?}"
    );
    assert!(
        warned(&check, "bad-front.md:2:", "not a real date"),
        "{check:?}"
    );
    assert!(
        texts.contains(&"d 📅 10000-01-01".to_string()),
        "not a date, so text: {texts:?}"
    );
    assert!(texts.contains(&"f 📅".to_string()));
    for week in ["2026-W54", "0000-W00", "0000-W01", "10000-W01"] {
        let out = v.run(&["review", "--week", week]);
        assert_eq!(out.status.code(), Some(2), "{week}");
    }
    assert!(v.run(&["review", "--week", "0001-W01"]).status.success());
    assert!(v.run(&["review", "--date", "9999-12-26"]).status.success());
    // The week of 9999-12-31 ends in the year 10000, which no YYYY-MM-DD can say.
    assert_eq!(
        v.run(&["review", "--date", "9999-12-31"]).status.code(),
        Some(2)
    );
}

#[test]
fn every_status_symbol() {
    let mut text = String::new();
    for c in (0x20u8..0x7f).map(char::from).chain("é✓→🙂\u{a0}".chars()) {
        if c != ']' {
            text.push_str(&format!("- [{c}] symbol {}\n", c as u32));
        }
    }
    let v = TestVault::new().note("symbols.md", &text);
    let (check, texts) = survive(&v);
    assert_eq!(texts.len(), 99, "every symbol is a task");
    assert!(warned(&check, "symbols.md:", "unknown status symbol"));
}

#[test]
fn comments_code_and_html_that_never_end() {
    let v = TestVault::new()
        .note("fence.md", "- [ ] before\n```\n- [ ] inside forever\n")
        .note("comment.md", "- [ ] before too\n%%\n- [ ] hidden\n")
        .note("html.md", "<!--\n- [ ] hidden\n")
        .note("backticks.md", &"`` ` ``` `".repeat(50_000))
        .note(
            "brackets.md",
            &format!("- [ ] x {}\n", "[key:: (((( [[ ".repeat(50_000)),
        );
    let (_, texts) = survive(&v);
    assert!(texts.contains(&"before".to_string()) && texts.contains(&"before too".to_string()));
    assert!(
        !texts
            .iter()
            .any(|t| t.contains("inside forever") || t == "hidden")
    );
}

#[cfg(unix)]
#[test]
fn links_loops_and_unreadable_files() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let outside = TestVault::new().note("secret.md", "- [ ] outside\n");
    let v = TestVault::new()
        .note("good.md", "- [ ] still read\n")
        .note("locked.md", "- [ ] locked\n");
    symlink(v.path(), v.join("loop")).expect("loop");
    symlink(outside.path(), v.join("out")).expect("out");
    symlink(v.join("nowhere.md"), v.join("dangling.md")).expect("dangling");
    std::fs::set_permissions(v.join("locked.md"), std::fs::Permissions::from_mode(0o000))
        .expect("chmod");
    let (check, texts) = survive(&v);
    assert!(texts.contains(&"still read".to_string()));
    assert!(
        !texts.contains(&"outside".to_string()),
        "links are not followed by default"
    );
    if std::fs::read(v.join("locked.md")).is_ok() {
        // Running as root: permission bits do not apply, so the note is simply read.
        assert!(texts.contains(&"locked".to_string()));
    } else {
        assert!(warned(&check, "locked.md", "cannot be read"), "{check:?}");
    }
    std::fs::set_permissions(v.join("locked.md"), std::fs::Permissions::from_mode(0o644))
        .expect("chmod");
}

#[test]
fn a_vault_that_is_not_a_folder() {
    let v = TestVault::new().note("file.md", "x");
    for vault in [v.join("missing"), v.join("file.md")] {
        let out = crate::common::journal()
            .arg("--vault")
            .arg(&vault)
            .arg("tasks")
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1);
    }
}

#[test]
fn html_escapes_everything_from_the_notes() {
    let evil =
        "<script>alert(1)</script><img src=x onerror=alert(2)><svg onload=alert(5)>&amp;&#x3C;&lt";
    let v = TestVault::new()
        .note(
            &format!("Plans/{}.md", "<i>plan</i> onmouseover=alert(3)"),
            &format!("---\ntype: plan\ntitle: \"{evil}\"\ndecision: \"{evil}\"\nrevisit: 2026-12-01\n---\n## {evil}\n- [ ] {evil} [link](javascript:alert(4)) #tag<b>\n"),
        )
        .note(
            "Daily/2026-11-25.md",
            &format!("## Are you happy? {evil}\n{evil}\n- [x] {evil} ✅ 2026-11-25 #help\ncheckpoint:: 2026-11-30 {evil}\ndecision:: {evil}\n"),
        );
    let html = v.stdout(&["review", "--format", "html"]);
    // As text these are harmless; only as markup could they run.
    for raw in ["<script", "<img", "<i>plan", "tag<b>", "<svg onload"] {
        let outside_text = html.match_indices(raw).count();
        assert_eq!(outside_text, 0, "`{raw}` appears unescaped in the page");
    }
    // The only links are the page's own, to the notes' files: none from the notes.
    let hrefs: Vec<_> = html.split("href=\"").skip(1).collect();
    assert!(!hrefs.is_empty(), "the sources link to the notes");
    for href in hrefs {
        assert!(
            href.starts_with("file://"),
            "a link not to a note: {href:.80}"
        );
    }
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        html.contains("&amp;amp;"),
        "entities are shown, not decoded"
    );
}

#[test]
fn templates_cannot_read_files() {
    let v = TestVault::new()
        .note("secret.txt", "the secret")
        .note("a.md", "- [ ] x\n");
    for text in [
        "{% include \"../secret.txt\" %}",
        "{% include \"/etc/passwd\" %}",
        "{% extends \"secret.txt\" %}",
        "{% import \"secret.txt\" as s %}",
    ] {
        let t = v.join("t.md");
        std::fs::write(&t, text).expect("template");
        let out = v
            .cmd(&["review", "--template"])
            .arg(&t)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{text}");
        assert!(!String::from_utf8_lossy(&out.stdout).contains("the secret"));
    }
}

#[test]
fn lines_built_to_be_slow() {
    // Each would take minutes with a search that starts again at every bracket.
    let v = TestVault::new()
        .note(
            "a.md",
            &format!(
                "- [ ] {}](ok{}\n",
                "[a".repeat(100_000),
                "x".repeat(1_000_000)
            ),
        )
        .note(
            "b.md",
            &format!("## Are you happy?\n{}\n", "{{}}".repeat(200_000)),
        )
        .note(
            "c.md",
            &format!(
                "- [ ] {}k:: v{}\n",
                "(".repeat(200_000),
                ")".repeat(200_000)
            ),
        )
        .note("d.md", &format!("text {}\n", "[[a](b".repeat(100_000)))
        .note(
            "e.md",
            &format!("> [!question] {}\n", "<%{{".repeat(100_000)),
        )
        .note("good.md", "- [ ] still read\n");
    let (_, texts) = survive(&v);
    assert!(texts.contains(&"still read".to_string()));
}

#[test]
fn logseq_graphs_built_to_be_slow_or_deep() {
    // A question at every level of an outline 3,000 deep (9 MB of tabs), a task at the
    // bottom, and 2,000 tasks each under a linking block; lines of unclosed refs, macros, tags, timestamps and clocks; a drawer that never
    // closes; a config nested 100,000 deep.
    let mut deep = String::new();
    for i in 0..3_000 {
        let tabs = "\t".repeat(i);
        deep.push_str(&format!("{tabs}- Why {i}?\n{tabs}  more text\n"));
    }
    deep.push_str(&format!("{}- TODO bottom [[Deep]]\n", "\t".repeat(3_000)));
    let mut wide = String::new();
    for i in 0..2_000 {
        wide.push_str(&format!("- [[Deep]]\n\t- TODO wide {i}\n"));
    }
    let v = TestVault::new()
        .note(".journal.toml", "max_note_bytes = 100000000\n")
        .note("logseq/config.edn", &format!("{{:hidden {}", "[".repeat(100_000)))
        .note("pages/Deep.md", "type:: plan\n")
        .note("journals/2026_11_24.md", &deep)
        .note("journals/2026_11_25.md", &wide)
        .note(
            "journals/2026_11_26.md",
            &format!(
                "- TODO refs {}{}\n- {}\n- TODO tags {}\n",
                "((".repeat(100_000),
                "{{".repeat(100_000),
                "#[[".repeat(100_000),
                "#[[x]]".repeat(50_000)
            ),
        )
        .note(
            "journals/2026_11_27.md",
            &format!(
                "- TODO stamps\n  SCHEDULED: {}\n  DEADLINE: <2026-11-24 Tue {}>\n  {}\n- TODO drawer\n  :LOGBOOK:\n  CLOCK: {}\n",
                "<".repeat(100_000),
                "+1d ".repeat(100_000),
                "SCHEDULED: <2026-11-24 Tue> ".repeat(20_000),
                "]--[".repeat(100_000)
            ),
        )
        .note("journals/2026_11_28.md", &format!("- {}:: v\n  {}\n", "k".repeat(200_000), "a:: ".repeat(100_000)))
        .note("journals/2026_11_29.md", "- TODO still read\n");
    let (check, texts) = survive(&v);
    for t in ["bottom", "wide 1999", "stamps", "drawer", "still read"] {
        assert!(texts.iter().any(|x| x.starts_with(t)), "{t} is not read");
    }
    assert!(
        warned(&check, "logseq/config.edn", "not valid EDN"),
        "{check:?}"
    );
    assert!(
        warned(&check, "journals/2026_11_27.md", "LOGBOOK"),
        "{check:?}"
    );
}
