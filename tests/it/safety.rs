//! Issue 10: what a vault, a setting or a template written by someone else must never make
//! journal do: write or read outside the vault, read a special file, hang, delete the user's
//! text, or leave a torn file. One test per promise of docs/SAFETY.md, through the binary.
//!
//! These tests run as root here, so a file's mode cannot deny root anything: where that
//! matters (read-only files) the tests check that journal follows the mode, not the kernel.

use crate::common::{TestVault, journal_process};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

/// Runs a command to its end; a run that hangs is killed after a minute and fails the test
/// (a guard against the hangs tested for, not a measure of speed).
fn bounded(mut cmd: Command) -> Output {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let child = cmd.spawn().expect("spawn");
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(out) => out.expect("wait"),
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            panic!("journal hung: {cmd:?}");
        }
    }
}

/// `journal --vault V --today 2026-11-29 ARGS`, bounded.
fn run(v: &TestVault, args: &[&str]) -> Output {
    let mut c = journal_process();
    c.arg("--vault")
        .arg(v.path())
        .args(["--today", "2026-11-29"])
        .args(args);
    bounded(c)
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn mkfifo(path: &Path) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    let ok = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo")
        .success();
    assert!(ok, "mkfifo {}", path.display());
}

fn symlink(target: &Path, link: &Path) {
    std::fs::create_dir_all(link.parent().expect("parent")).expect("mkdir");
    std::os::unix::fs::symlink(target, link).expect("symlink");
}

/// Every file below `dir`.
fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(p.clone());
            }
            out.push(p.strip_prefix(dir).expect("below").display().to_string());
        }
    }
    out.sort();
    out
}

// 1. Writes never escape the vault through a setting.
#[test]
fn a_daily_format_that_leads_outside_writes_nothing_outside() {
    let outside = tempfile::tempdir().expect("tmp");
    let rel = outside.path().display().to_string();
    // In .journal.toml: an error naming the key, and nothing written anywhere.
    for format in ["[../../elsewhere/x]", "[/]YYYY", &format!("[{rel}/]YYYY")] {
        let v = TestVault::new().note(
            ".journal.toml",
            &format!("[daily]\nformat = \"{format}\"\n"),
        );
        let o = run(&v, &["new"]);
        assert_eq!(o.status.code(), Some(2), "{format}: {}", err(&o));
        assert!(err(&o).contains("daily.format"), "{}", err(&o));
        assert_eq!(files(v.path()), [".journal.toml"], "{format}");
    }
    // In Obsidian's settings: a warning, and the note made inside the vault by the default.
    let v = TestVault::new().note(
        ".obsidian/daily-notes.json",
        &format!(r#"{{"format":"[{rel}/]YYYY-MM-DD","folder":"Daily"}}"#),
    );
    let o = run(&v, &["new"]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(
        out(&o).trim_end().ends_with("/Daily/2026-11-29.md"),
        "{}",
        out(&o)
    );
    assert!(v.join("Daily/2026-11-29.md").is_file());
    assert_eq!(
        files(outside.path()),
        Vec::<String>::new(),
        "nothing outside"
    );
    let check = run(&v, &["check"]);
    assert!(
        out(&check).contains("would lead outside the vault"),
        "{}",
        out(&check)
    );
}

// 2. Writes never follow a symlinked folder or file out of the vault or onto a note.
#[test]
fn writes_never_follow_symbolic_links() {
    let outside = tempfile::tempdir().expect("tmp");
    let v = TestVault::new().note("Daily/2026-11-24.md", "- [ ] a task\n");
    symlink(outside.path(), &v.join("Reviews"));
    let o = run(&v, &["review", "--write"]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(
        err(&o).contains("`Reviews` is a symbolic link"),
        "{}",
        err(&o)
    );
    let o = run(&v, &["review", "--write", "--force"]);
    assert_eq!(o.status.code(), Some(2), "not even forced: {}", err(&o));
    assert_eq!(files(outside.path()), Vec::<String>::new());

    let w = TestVault::new().note(".journal.toml", "[daily]\nfolder = \"Days\"\n");
    symlink(outside.path(), &w.join("Days"));
    let o = run(&w, &["new"]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert_eq!(files(outside.path()), Vec::<String>::new());

    // A review target that is a link to one of the user's notes is not replaced by a copy.
    let u = TestVault::new().note("Notes/mine.md", "- [ ] my task\n");
    symlink(&u.join("Notes/mine.md"), &u.join("Reviews/2026-W48.md"));
    let o = run(&u, &["review", "--write", "--force"]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    let link = std::fs::symlink_metadata(u.join("Reviews/2026-W48.md")).expect("meta");
    assert!(link.file_type().is_symlink(), "still a link");
    assert_eq!(
        std::fs::read_to_string(u.join("Notes/mine.md")).expect("read"),
        "- [ ] my task\n"
    );
    let (json, _) = u.json_warned(&["tasks", "--format", "json"]);
    assert_eq!(json.as_array().expect("tasks").len(), 1, "counted once");
}

// 3. Reads never escape the vault through a setting.
#[test]
fn templates_named_by_settings_are_read_only_inside_the_vault() {
    let outer = tempfile::tempdir().expect("tmp");
    let secret = outer.path().join("secret.md");
    std::fs::write(&secret, "TOP SECRET {{ period.id }}\n").expect("write");
    for toml in [
        "[review]\ntemplate = \"../../secret.md\"\n".to_string(),
        format!("[review]\ntemplate = \"/../../..{}\"\n", secret.display()),
    ] {
        let v = TestVault::new().note(".journal.toml", &toml);
        let o = run(&v, &["review"]);
        assert_eq!(o.status.code(), Some(2), "{toml}");
        assert!(!out(&o).contains("SECRET"), "{toml}");
    }
    // A template inside the vault that is a link to a file outside is not read either.
    let v = TestVault::new().note(".journal.toml", "[review]\ntemplate = \"T/review.md\"\n");
    symlink(&secret, &v.join("T/review.md"));
    let o = run(&v, &["review"]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(err(&o).contains("symbolic link"), "{}", err(&o));
    assert!(!out(&o).contains("SECRET"));
    // Obsidian's daily template: a warning, and the note is made without it.
    let d = TestVault::new().note(
        ".obsidian/daily-notes.json",
        &format!(r#"{{"template":"/../../..{}"}}"#, secret.display()),
    );
    let o = run(&d, &["new"]);
    assert!(o.status.success(), "{}", err(&o));
    let note = std::fs::read_to_string(d.join("2026-11-29.md")).expect("note");
    assert!(!note.contains("SECRET"), "{note}");
    let e = TestVault::new().note(".obsidian/daily-notes.json", r#"{"template":"T/day"}"#);
    symlink(&secret, &e.join("T/day.md"));
    let o = run(&e, &["new"]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(!e.join("2026-11-29.md").exists());
}

// 4. Special files never hang a run and are never read.
#[test]
fn fifos_and_devices_are_never_read() {
    // Obsidian's settings are the user's and may be anything: a warning, the run goes on.
    for fifo in [
        ".obsidian/app.json",
        ".obsidian/daily-notes.json",
        ".obsidian/plugins/obsidian-tasks-plugin/data.json",
        "logseq/config.edn",
    ] {
        let v = TestVault::new().note("a.md", "- [ ] x\n");
        mkfifo(&v.join(fifo));
        let o = run(&v, &["check"]);
        assert!(
            out(&o).contains(&format!("{fifo}: warning: is a FIFO, not a regular file")),
            "{fifo}: {}",
            out(&o)
        );
    }
    for (fifo, args) in [
        (".journal.toml", vec!["tasks"]),
        (".journal/templates/weekly.md", vec!["review"]),
        ("Reviews/2026-W48.md", vec!["review", "--write", "--force"]),
    ] {
        let v = TestVault::new().note("a.md", "- [ ] x\n");
        mkfifo(&v.join(fifo));
        let o = run(&v, &args);
        assert_ne!(o.status.code(), Some(0), "{fifo}: refused, {}", err(&o));
        assert!(err(&o).contains("FIFO"), "{fifo}: {}", err(&o));
        let meta = std::fs::symlink_metadata(v.join(fifo)).expect("meta");
        assert!(!meta.is_file(), "{fifo} was not replaced");
    }
    let v = TestVault::new().note("a.md", "- [ ] x\n");
    symlink(Path::new("/dev/zero"), &v.join(".journal.toml"));
    let o = run(&v, &["tasks"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        err(&o),
        "journal: .journal.toml:0: is a device, not a regular file; not read\n"
    );
}

#[test]
fn a_fifo_at_the_cache_file_is_not_read() {
    let cache = tempfile::tempdir().expect("tmp");
    let v = TestVault::new().note("a.md", "- [ ] x\n");
    let mut first = journal_process();
    first
        .env("XDG_CACHE_HOME", cache.path())
        .arg("--vault")
        .arg(v.path())
        .arg("tasks");
    assert!(bounded(first).status.success());
    let file = files(&cache.path().join("journal"))
        .into_iter()
        .find(|f| f.ends_with(".bin"))
        .expect("a cache file");
    let path = cache.path().join("journal").join(file);
    std::fs::remove_file(&path).expect("rm");
    mkfifo(&path);
    let mut again = journal_process();
    again
        .env("XDG_CACHE_HOME", cache.path())
        .arg("--vault")
        .arg(v.path())
        .args(["tasks", "--format", "json"]);
    let o = bounded(again);
    assert!(o.status.success(), "{}", err(&o));
    assert!(
        err(&o).contains("is a FIFO, not a regular file"),
        "{}",
        err(&o)
    );
    assert!(out(&o).contains("\"x\""));
}

#[test]
fn review_to_dev_stdout_through_a_pipe_does_not_deadlock() {
    let v = TestVault::new().note("Daily/2026-11-24.md", "- [x] done ✅ 2026-11-24\n");
    let mut c = Command::new("sh");
    c.arg("-c").arg(format!(
        "'{}' --vault '{}' --today 2026-11-29 review -o /dev/stdout | cat",
        assert_cmd::cargo::cargo_bin("journal").display(),
        v.path().display()
    ));
    c.env(
        "XDG_CACHE_HOME",
        std::env::temp_dir().join("journal-test-cache"),
    );
    let o = bounded(c);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("<!-- journal:begin -->"), "{}", out(&o));
}

// 5. The writer replaces exactly the region the reader hides.
#[test]
fn markers_the_reader_does_not_see_are_not_the_writers() {
    let note = "%%\n<!-- journal:begin -->\n%%\nMy paragraph.\n- [ ] my task\n<!-- journal:begin -->\nold review\n<!-- journal:end -->\nafter\n";
    let v = TestVault::new().note("Notes/week.md", note);
    let target = v.join("Notes/week.md");
    let o = run(&v, &["review", "-o", target.to_str().expect("utf8")]);
    assert!(o.status.success(), "{}", err(&o));
    let after = std::fs::read_to_string(v.join("Notes/week.md")).expect("read");
    assert!(
        after.starts_with(
            "%%\n<!-- journal:begin -->\n%%\nMy paragraph.\n- [ ] my task\n<!-- journal:begin -->\n"
        ),
        "{after}"
    );
    assert!(after.ends_with("<!-- journal:end -->\nafter\n"), "{after}");
    assert!(!after.contains("old review"));
    // And the reader still counts the task it sees.
    let (json, _) = v.json_warned(&["tasks", "--format", "json"]);
    assert!(json.to_string().contains("my task"), "{json}");
    // In indented code or a list-indented fence, a marker line is text to both.
    for hidden in [
        "text\n\n    <!-- journal:begin -->\n- [ ] kept\n\n    <!-- journal:end -->\n",
        "- item\n  ```\n  <!-- journal:begin -->\n  ```\n- [ ] kept\n  ```\n  <!-- journal:end -->\n  ```\n",
    ] {
        let w = TestVault::new().note("n.md", hidden);
        let (json, _) = w.json_warned(&["tasks", "--format", "json"]);
        assert!(json.to_string().contains("kept"), "{hidden}: {json}");
        let o = run(
            &w,
            &["review", "-o", w.join("n.md").to_str().expect("utf8")],
        );
        assert_eq!(o.status.code(), Some(2), "{hidden}: {}", err(&o));
        assert_eq!(
            std::fs::read_to_string(w.join("n.md")).expect("read"),
            hidden
        );
    }
}

// 6. Note content never forms a marker, a fence or front matter in a Markdown review.
#[test]
fn note_values_cannot_corrupt_the_review_file() {
    let v = TestVault::new()
        .note(
            "Plans/Book.md",
            "---\ntype: plan\ntitle: |\n  Book\n  <!-- journal:end -->\n  ```\n---\n- [ ] write 📅 2026-12-20\n",
        )
        .note("Daily/a\n```\n.md", "- [x] odd name ✅ 2026-11-24\n");
    let review = v.join("Reviews/2026-W48.md");
    assert!(run(&v, &["review", "--write"]).status.success());
    let first = std::fs::read_to_string(&review).expect("read");
    let lines: Vec<&str> = first.lines().collect();
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.trim() == "<!-- journal:end -->")
            .count(),
        1,
        "{first}"
    );
    assert!(
        !lines.iter().any(|l| l.trim_start().starts_with("```")),
        "no fence: {first}"
    );
    assert_eq!(lines.iter().filter(|l| **l == "---").count(), 2, "{first}");
    // A task that becomes overdue is in the next --write, exactly as a fresh render has it.
    std::fs::write(v.join("Daily/2026-11-25.md"), "- [ ] late 📅 2026-11-20\n").expect("note");
    let o = run(&v, &["review", "--write"]);
    assert!(o.status.success(), "{}", err(&o));
    let second = std::fs::read_to_string(&review).expect("read");
    let fresh = out(&run(&v, &["review"]));
    assert_eq!(second, fresh);
    assert!(second.contains("late"));
}

// 7. Escaping follows the output format, not the template's name.
#[test]
fn html_reviews_escape_values_whatever_the_template_is_called() {
    let v = TestVault::new()
        .note(
            "Daily/2026-11-24.md",
            "- [x] <script>alert(1)</script> ✅ 2026-11-24\n",
        )
        .note(
            "t/weekly.html.tera",
            "<p>{% for t in done %}{{ t.text }}{% endfor %}</p>\n",
        );
    let o = run(
        &v,
        &[
            "review",
            "--format",
            "html",
            "--template",
            v.join("t/weekly.html.tera").to_str().expect("utf8"),
        ],
    );
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(out(&o), "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
}

// 8. Runaway templates stop with one line naming the template.
#[test]
fn runaway_templates_are_stopped() {
    let v = TestVault::new()
        .note(
            ".journal/templates/weekly.md",
            "{% for a in range(end=100000) %}{% for b in range(end=100000) %}{% for c in range(end=100000) %}{% endfor %}{% endfor %}{% endfor %}",
        )
        .note(
            "t/double.md",
            "{% set_global s = \"xxxxxxxxxxxxxxxx\" %}{% for i in range(end=64) %}{% set_global s = s ~ s %}{% endfor %}{{ s }}",
        );
    let mut c = journal_process();
    c.env("JOURNAL_TEMPLATE_SECONDS", "2")
        .arg("--vault")
        .arg(v.path())
        .arg("review");
    let o = bounded(c);
    assert_eq!(o.status.code(), Some(2));
    let e = err(&o);
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(e.starts_with("journal: template "), "{e}");
    assert!(
        e.contains(".journal/templates/weekly.md: stopped after 2 s"),
        "{e}"
    );
    let o = run(
        &v,
        &[
            "review",
            "--template",
            v.join("t/double.md").to_str().expect("utf8"),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let e = err(&o);
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(e.contains("t/double.md: stopped: it"), "{e}");
}

// 9. Only regular files are replaced; a FIFO or a device named with -o is a stream.
#[test]
fn devices_and_fifos_given_to_o_are_written_as_streams() {
    let v = TestVault::new().note("Daily/2026-11-24.md", "- [x] done ✅ 2026-11-24\n");
    let o = run(&v, &["review", "-o", "/dev/null", "--force"]);
    assert!(o.status.success(), "{}", err(&o));
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::metadata("/dev/null")
            .expect("meta")
            .file_type()
            .is_char_device()
    );
    let dir = tempfile::tempdir().expect("tmp");
    let fifo = dir.path().join("pipe");
    mkfifo(&fifo);
    let reader = Command::new("cat")
        .arg(&fifo)
        .stdout(Stdio::piped())
        .spawn()
        .expect("cat");
    let o = run(&v, &["review", "-o", fifo.to_str().expect("utf8")]);
    assert!(o.status.success(), "{}", err(&o));
    let read = reader.wait_with_output().expect("cat");
    assert!(String::from_utf8_lossy(&read.stdout).contains("<!-- journal:end -->"));
    assert!(!std::fs::symlink_metadata(&fifo).expect("meta").is_file());
    let o = run(&v, &["review", "-o", dir.path().to_str().expect("utf8")]);
    assert_eq!(o.status.code(), Some(2), "a folder: {}", err(&o));
}

// 10. Exit codes: user mistakes 2, failures 1; a full stderr never panics.
#[test]
fn failures_exit_1_mistakes_2_and_a_full_stderr_never_panics() {
    let v = TestVault::new()
        .note("a.md", "- [ ] x\n")
        .note("file.md", "");
    let o = run(
        &v,
        &[
            "review",
            "-o",
            v.join("file.md/review.md").to_str().expect("utf8"),
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(err(&o).starts_with("journal: cannot write"), "{}", err(&o));
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full")
    };
    for (args, code) in [
        (vec!["tasks", "--formt", "json"], 2),
        (vec!["--today", "soon", "tasks"], 2),
        (vec!["review", "-o", "/proc/none/x.md"], 1),
        (vec!["check"], 0),
        (vec!["review", "--write"], 0),
    ] {
        let mut c = journal_process();
        c.arg("--vault").arg(v.path()).args(&args);
        c.stdin(Stdio::null()).stdout(Stdio::null()).stderr(full());
        let status = c.status().expect("run");
        assert_eq!(status.code(), Some(code), "{args:?}");
    }
    // Standard output full: a failure, said on stderr, not a panic.
    let mut c = journal_process();
    c.arg("--vault").arg(v.path()).arg("tasks");
    c.stdout(full()).stderr(Stdio::piped()).stdin(Stdio::null());
    let o = c.output().expect("run");
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(!err(&o).contains("panicked"), "{}", err(&o));
}

// 11. Temp files of a killed run are swept; see also `killed_writes_leave_old_or_new`.
#[test]
fn stale_temp_files_are_swept_on_the_next_write() {
    let cache = tempfile::tempdir().expect("tmp");
    let v = TestVault::new()
        .note("Daily/2026-11-24.md", "- [x] done ✅ 2026-11-24\n")
        .note("Reviews/.journal-99999999-AbC123.tmp", "half a review")
        .note("Reviews/.journal-1-keep.md", "not ours");
    std::fs::create_dir_all(cache.path().join("journal")).expect("mkdir");
    std::fs::write(
        cache.path().join("journal/.journal-99999999-zz.tmp"),
        vec![0u8; 1 << 20],
    )
    .expect("write");
    let mut c = journal_process();
    c.env("XDG_CACHE_HOME", cache.path())
        .arg("--vault")
        .arg(v.path())
        .args(["--today", "2026-11-29", "review", "--write"]);
    let o = bounded(c);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(
        files(&v.join("Reviews")),
        [".journal-1-keep.md", "2026-W48.md"]
    );
    assert!(
        files(&cache.path().join("journal"))
            .iter()
            .all(|f| !f.ends_with(".tmp")),
        "{:?}",
        files(&cache.path().join("journal"))
    );
}

// 12. Mode and owner are kept; a read-only review is left alone unless --force.
#[test]
fn read_only_reviews_are_respected_and_owners_kept() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let v = TestVault::new().note("Daily/2026-11-24.md", "- [x] done ✅ 2026-11-24\n");
    assert!(run(&v, &["review", "--write"]).status.success());
    let review = v.join("Reviews/2026-W48.md");
    let before = std::fs::read(&review).expect("read");
    std::fs::set_permissions(&review, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    std::fs::write(v.join("Daily/2026-11-25.md"), "- [x] more ✅ 2026-11-25\n").expect("note");
    let o = run(&v, &["review", "--write"]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(err(&o).contains("read-only; use --force"), "{}", err(&o));
    assert_eq!(std::fs::read(&review).expect("read"), before);
    assert!(run(&v, &["review", "--write", "--force"]).status.success());
    let m = std::fs::metadata(&review).expect("meta");
    assert_eq!(m.permissions().mode() & 0o777, 0o444);
    assert!(
        std::fs::read_to_string(&review)
            .expect("read")
            .contains("more")
    );
    // Run by root on a user's review, the review stays the user's.
    std::fs::set_permissions(&review, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    if m.uid() == 0 {
        std::os::unix::fs::chown(&review, Some(4321), Some(8765)).expect("chown");
        assert!(run(&v, &["review", "--write"]).status.success());
        let m = std::fs::metadata(&review).expect("meta");
        assert_eq!((m.uid(), m.gid(), m.mode() & 0o777), (4321, 8765, 0o640));
    }
}

// 13. File names that are not UTF-8: a warning, two names stay two, excludes still match.
#[test]
fn file_names_that_are_not_utf8_are_read_apart_and_excluded() {
    use std::os::unix::ffi::OsStrExt;
    let v = TestVault::new();
    for (dir, task) in [(&b"caf\xe9"[..], "one"), (&b"caf\xe8"[..], "two")] {
        let d = v.path().join(std::ffi::OsStr::from_bytes(dir));
        std::fs::create_dir_all(&d).expect("mkdir");
        std::fs::write(
            d.join(std::ffi::OsStr::from_bytes(b"n\xff.md")),
            format!("- [ ] {task}\n"),
        )
        .expect("write");
    }
    let (json, warnings) = v.json_warned(&["tasks", "--format", "json"]);
    assert_eq!(warnings, 2, "one warning per such note");
    let paths: Vec<&str> = json
        .as_array()
        .expect("tasks")
        .iter()
        .map(|t| t["source"]["path"].as_str().expect("path"))
        .collect();
    assert_eq!(paths, ["caf\\xE8/n\\xFF.md", "caf\\xE9/n\\xFF.md"]);
    let check = run(&v, &["check"]);
    assert!(
        out(&check).contains("file name is not valid UTF-8"),
        "{}",
        out(&check)
    );
    // The glob escapes the backslash the shown name has.
    std::fs::write(v.join(".journal.toml"), "exclude = ['caf\\\\xE9/**']\n").expect("config");
    let (json, _) = v.json_warned(&["tasks", "--format", "json"]);
    assert_eq!(
        crate::common::texts(&json),
        ["two"],
        "the glob sees the shown name"
    );
}

// 14. Settings and templates are read with a cap.
#[test]
fn huge_settings_and_templates_are_refused() {
    let big = format!("# {}\n", "x".repeat(5 * 1024 * 1024));
    let v = TestVault::new()
        .note("a.md", "- [ ] x\n")
        .note(".journal.toml", &big);
    let o = run(&v, &["tasks"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("is larger than 4194304 bytes"),
        "{}",
        err(&o)
    );
    let w = TestVault::new().note("a.md", "- [ ] x\n").note(
        ".obsidian/app.json",
        &format!("{{\"a\": \"{}\"}}", "x".repeat(5 << 20)),
    );
    let (_, warnings) = w.json_warned(&["tasks", "--format", "json"]);
    assert_eq!(warnings, 1);
    let t = TestVault::new().note(".journal/templates/weekly.md", &"x".repeat(2 << 20));
    let o = run(&t, &["review"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("is larger than 1048576 bytes"),
        "{}",
        err(&o)
    );
}

// 15. Dates in output are YYYY-MM-DD, or the input is refused.
#[test]
fn weeks_beyond_the_year_9999_are_refused() {
    let v = TestVault::new().note("a.md", "- [ ] x\n");
    let at = |today: &str, args: &[&str]| {
        let mut c = journal_process();
        c.arg("--vault")
            .arg(v.path())
            .args(["--today", today])
            .args(args);
        bounded(c)
    };
    let o = at("9999-12-31", &["review", "--format", "json"]);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(err(&o).contains("years 1 to 9999"), "{}", err(&o));
    let o = run(&v, &["review", "--date", "0001-01-01", "--format", "json"]);
    assert!(o.status.success(), "a Monday: the week starts in year 1");
    assert!(
        at("0001-01-08", &["review", "--last", "--format", "json"])
            .status
            .success()
    );
    let o = at("0001-01-03", &["review", "--last", "--format", "json"]);
    assert_eq!(o.status.code(), Some(2), "last week is in the year 0");
    let json = out(&at("9999-12-26", &["review", "--format", "json"]));
    let re = regex::Regex::new(r#""[+-]?\d{5,}-\d\d-\d\d""#).expect("regex");
    assert!(!re.is_match(&json), "{json}");
}
