//! Bad input is a warning naming its path and the rest of the vault is still read; user
//! mistakes are one line and exit 2; and no command ever writes to the notes.

use crate::common::{TestVault, journal};

fn task_count(v: &TestVault) -> usize {
    v.json_warned(&["tasks", "--all", "--format", "json"])
        .0
        .as_array()
        .map_or(0, Vec::len)
}

fn check_lines(v: &TestVault) -> Vec<String> {
    let out = v.run(&["check"]);
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn bad_notes_are_warnings_and_the_rest_is_read() {
    let v = TestVault::new()
        .note("good.md", "- [ ] one\n")
        .bytes("latin1.md", b"- [ ] caf\xe9\n")
        .bytes("binary.md", b"- [ ] hidden\0\x01\x02")
        .note("yaml.md", "---\ntags: [a\n---\n- [ ] after broken yaml\n")
        .note(
            "open.md",
            "---\ntitle: never closed\n- [ ] after open front matter\n",
        );
    assert_eq!(task_count(&v), 4, "every note but the binary one is read");
    let lines = check_lines(&v);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("binary.md:1: warning: contains a NUL byte")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("latin1.md:1: warning: is not valid UTF-8")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("yaml.md:2:7:") && l.contains("not valid YAML")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("open.md:1:1: warning: front matter")),
        "{lines:?}"
    );
}

#[test]
fn notes_over_the_size_limit_are_skipped_with_a_warning() {
    let v = TestVault::new()
        .note(".journal.toml", "max_note_bytes = 100\n")
        .note("big.md", &"- [ ] x\n".repeat(50))
        .note("small.md", "- [ ] y\n");
    assert_eq!(task_count(&v), 1);
    assert!(
        check_lines(&v)
            .iter()
            .any(|l| l.starts_with("big.md: warning: is 400 bytes, over max_note_bytes (100)"))
    );
}

#[cfg(unix)]
#[test]
fn symlinks_are_not_followed_unless_asked_and_loops_end() {
    let outside = TestVault::new().note("secret.md", "- [ ] outside the vault\n");
    let v = TestVault::new().note("a.md", "- [ ] inside\n");
    std::os::unix::fs::symlink(outside.path(), v.join("linked")).expect("symlink");
    std::os::unix::fs::symlink(v.path(), v.join("loop")).expect("symlink");
    std::os::unix::fs::symlink(v.join("gone.md"), v.join("dangling.md")).expect("symlink");
    assert_eq!(task_count(&v), 1, "links are skipped by default");
    std::fs::write(v.join(".journal.toml"), "follow_links = true\n").expect("config");
    assert_eq!(task_count(&v), 2, "followed when asked, and the loop ends");
    let lines = check_lines(&v);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("loop: warning: symbolic link loop")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("dangling.md: warning: cannot be read")),
        "{lines:?}"
    );
}

#[test]
fn hidden_excluded_and_generated_notes_are_skipped() {
    let v = TestVault::new()
        .note(
            ".obsidian/app.json",
            r#"{"userIgnoreFilters": ["Templates/", "/draft-\\d+/"]}"#,
        )
        .note(".trash/old.md", "- [ ] trashed\n")
        .note(".hidden.md", "- [ ] hidden\n")
        .note("Templates/Daily.md", "- [ ] {{date}}\n")
        .note("Notes/draft-12.md", "- [ ] draft\n")
        .note("Archive/2019.md", "- [ ] archived\n")
        .note(".journal.toml", "exclude = [\"Archive/**\"]\n")
        .note(
            "Reviews/2026-W47.md",
            "---\ngenerator: journal\n---\n- [x] from a review\n",
        )
        .note("kept.md", "- [ ] kept\n")
        .note("also.markdown", "- [ ] also kept\n")
        .note("notes.txt", "- [ ] not markdown\n");
    let got = v.json_warned(&["tasks", "--all", "--format", "json"]).0;
    let texts: Vec<_> = got
        .as_array()
        .expect("a")
        .iter()
        .map(|t| t["text"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(texts, ["also kept", "kept"]);
}

#[test]
fn the_notes_are_never_written() {
    let v = TestVault::new()
        .note(".obsidian/daily-notes.json", r#"{"folder": "Daily"}"#)
        .note(
            "Daily/2026-11-24.md",
            "mood:: 4\n- [ ] a 📅 2026-11-20\n## Are you happy?\nYes\n",
        )
        .note(
            "Plans/p.md",
            "---\ntype: plan\n---\n- [ ] b #checkpoint 📅 2026-12-01\n",
        )
        .bytes("bad.md", b"\xff\xfe- [ ] x");
    let before = v.fingerprint();
    for args in [
        &["tasks", "--all"][..],
        &["tasks", "--format", "json"],
        &["tasks", "--format", "md"],
        &["plans"],
        &["plans", "--format", "json"],
        &["checkpoints"],
        &["prompts"],
        &["prompts", "--history", "Are you happy?"],
        &["prompts", "--unanswered"],
        &["check"],
        &["index"],
        &["index", "--json"],
        &["review"],
        &["review", "--format", "html"],
        &["review", "--format", "json"],
        &["review", "--last"],
    ] {
        let out = v.run(args);
        let expected = if args[0] == "check" { 1 } else { 0 };
        assert_eq!(
            out.status.code(),
            Some(expected),
            "journal {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            v.fingerprint(),
            before,
            "journal {args:?} changed the vault"
        );
    }
}

#[test]
fn user_mistakes_are_one_line_and_exit_2() {
    let v = TestVault::new().note("a.md", "- [ ] x\n");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["--today", "2026-02-30", "tasks"], "no such day"),
        (vec!["--today", "someday", "tasks"], "YYYY-MM-DD"),
        (vec!["tasks", "--format", "xml"], "invalid value"),
        (vec!["frobnicate"], "unrecognized subcommand"),
        (
            vec!["tasks", "--formt", "json"],
            "a similar argument exists: '--format'",
        ),
        (vec!["review", "--week", "2026-W54"], "not a week"),
        (vec!["review", "--date", "soon"], "YYYY-MM-DD"),
    ];
    for (args, expect) in cases {
        let out = journal()
            .arg("--vault")
            .arg(v.path())
            .args(&args)
            .output()
            .expect("run");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(expect), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(err.starts_with("journal: "), "{err}");
        assert!(
            !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
            "{err}"
        );
    }
    let missing = journal()
        .args(["--vault", "/no/such/vault", "tasks"])
        .output()
        .expect("run");
    assert_eq!(missing.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&missing.stderr),
        "journal: --vault /no/such/vault: no such folder (name the folder of your notes)\n"
    );
}

#[test]
fn a_bad_config_names_the_key_and_line() {
    let v = TestVault::new().note("a.md", "- [ ] x\n").note(
        ".journal.toml",
        "# settings\n[review]\nhorizon_days = \"soon\"\n",
    );
    let out = v.run(&["tasks"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "journal: .journal.toml:3: `review.horizon_days` must be a whole number from 0 to 3650\n"
    );
    let unknown = TestVault::new().note(".journal.toml", "colour = \"red\"\n");
    let out = unknown.run(&["check"]);
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains(".journal.toml:1: warning: unknown key `colour` is ignored")
    );
}

#[test]
fn the_vault_is_found_from_the_environment_and_from_ancestors() {
    let v = TestVault::new()
        .note(".obsidian/app.json", "{}")
        .note("found.md", "- [ ] found at the root\n")
        .note("Daily/2026/2026-11-24.md", "- [ ] in the folder\n");
    let from_inside = journal()
        .current_dir(v.join("Daily/2026"))
        .args(["tasks", "--format", "json"])
        .output()
        .expect("run");
    assert!(from_inside.status.success());
    assert!(
        String::from_utf8_lossy(&from_inside.stdout).contains("found at the root"),
        "the vault is the folder above with .obsidian/, not the current one"
    );
    let from_env = journal()
        .current_dir(std::env::temp_dir())
        .env("JOURNAL_VAULT", v.path())
        .args(["tasks", "--format", "json"])
        .output()
        .expect("run");
    assert!(from_env.status.success());
    assert!(String::from_utf8_lossy(&from_env.stdout).contains("found at the root"));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let mut text = String::new();
    for i in 0..5000 {
        text.push_str(&format!("- [ ] task {i}\n"));
    }
    let v = TestVault::new().note("many.md", &text);
    let (status, err) = crate::common::into_closed_pipe(&[
        "--vault".as_ref(),
        v.path().as_os_str(),
        "tasks".as_ref(),
    ]);
    assert_eq!(status, Some(0), "{err}");
}

/// The files of `after` that `before` did not have; asserts no other file changed (folders
/// change their times when a file is added).
fn added(
    before: &std::collections::BTreeMap<std::path::PathBuf, (Vec<u8>, String)>,
    after: std::collections::BTreeMap<std::path::PathBuf, (Vec<u8>, String)>,
) -> Vec<String> {
    let mut new = Vec::new();
    for (path, state) in after.into_iter().filter(|(p, _)| p.is_file()) {
        match before.get(&path) {
            Some(old) => assert_eq!(old, &state, "{} changed", path.display()),
            None => new.push(path.display().to_string()),
        }
    }
    for path in before.keys() {
        assert!(path.exists(), "{} was removed", path.display());
    }
    new
}

#[test]
fn the_writing_commands_create_only_their_own_file() {
    let v = TestVault::new()
        .note(".obsidian/app.json", "{}")
        .note(
            "Daily/2026-11-24.md",
            "- [ ] a task 📅 2026-11-29\nmood:: 3\n",
        )
        .note("Plans/Move.md", "---\ntype: plan\n---\n- [ ] Pack\n");
    let mut before = v.fingerprint();
    for (args, file) in [
        (&["new"][..], "2026-11-29.md"),
        (&["init"], ".journal.toml"),
        (&["review", "--write"], "Reviews/2026-W48.md"),
        (
            &["review", "--format", "html", "--write"],
            "Reviews/2026-W48.html",
        ),
        (
            &["review", "--format", "json", "--write"],
            "Reviews/2026-W48.json",
        ),
    ] {
        let out = v.run(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let after = v.fingerprint();
        let new: Vec<String> = added(&before, after.clone());
        assert_eq!(new, [v.join(file).display().to_string()], "{args:?}");
        before = after;
    }
}

#[test]
fn an_html_or_json_file_that_is_not_ours_is_not_replaced() {
    let v = TestVault::new().note("Daily/2026-11-24.md", "- [x] done ✅ 2026-11-24\n");
    for (format, mine) in [
        ("html", "<html><body>My own page</body></html>\n"),
        ("json", "{\"mine\": true}\n"),
    ] {
        let path = v.join(&format!("Reviews/2026-W48.{format}"));
        std::fs::create_dir_all(path.parent().expect("folder")).expect("mkdir");
        std::fs::write(&path, mine).expect("write");
        let refused = v.run(&["review", "--format", format, "--write"]);
        assert_eq!(refused.status.code(), Some(2), "{format}");
        assert!(String::from_utf8_lossy(&refused.stderr).contains("--force"));
        assert_eq!(std::fs::read_to_string(&path).expect("read"), mine);
        let forced = v.run(&["review", "--format", format, "--write", "--force"]);
        assert!(forced.status.success(), "{format}");
        // Now it is ours: the next run replaces it without --force.
        std::fs::write(v.join("Daily/2026-11-25.md"), "- [x] more ✅ 2026-11-25\n").expect("note");
        assert!(
            v.run(&["review", "--format", format, "--write"])
                .status
                .success()
        );
        assert!(
            std::fs::read_to_string(&path)
                .expect("read")
                .contains("more")
        );
        std::fs::remove_file(v.join("Daily/2026-11-25.md")).expect("rm");
    }
}
