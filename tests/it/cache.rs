//! The on-disk cache through the binary: it is used, it never changes an answer, every change
//! to the vault or its settings is seen, and a damaged cache is rebuilt with a warning.

use crate::common::{TODAY, TestVault, journal, sample_journal};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, SystemTime};

/// A vault with its own cache folder.
struct Cached {
    vault: TestVault,
    cache: tempfile::TempDir,
}

impl Cached {
    fn new(vault: TestVault) -> Cached {
        Cached {
            vault,
            cache: tempfile::tempdir().expect("cache dir"),
        }
    }

    fn run_in(vault: &Path, cache: &Path, args: &[&str]) -> Output {
        journal()
            .env("XDG_CACHE_HOME", cache)
            .arg("--vault")
            .arg(vault)
            .args(["--today", TODAY])
            .args(args)
            .output()
            .expect("run")
    }

    fn run(&self, args: &[&str]) -> Output {
        Cached::run_in(self.vault.path(), self.cache.path(), args)
    }

    fn out(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).expect("utf-8")
    }

    fn cache_file(&self) -> PathBuf {
        let dir = self.cache.path().join("journal");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("cache folder")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "bin"))
            .collect();
        assert_eq!(files.len(), 1, "one cache file per vault");
        files.remove(0)
    }
}

/// Sets a file's modification time.
fn set_mtime(path: &Path, t: SystemTime) {
    let f = std::fs::OpenOptions::new()
        .append(true)
        .open(path)
        .expect("open");
    f.set_modified(t).expect("set mtime");
}

fn long_ago() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_600_000_000)
}

/// Ages every note of `dir`, so the cache trusts them (notes written within its timestamp
/// granularity are read again on purpose).
fn age_all(dir: &Path) {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("ls").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "md") {
                set_mtime(&p, long_ago());
            }
        }
    }
}

const REVIEW: &[&str] = &["review", "--format", "json"];
const TASKS: &[&str] = &["tasks", "--all", "--format", "json"];

#[test]
fn cached_and_uncached_runs_agree_on_the_sample_vault() {
    let cache = tempfile::tempdir().expect("cache");
    let v = sample_journal();
    for args in [
        REVIEW,
        TASKS,
        &["plans", "--format", "json"][..],
        &["index", "--json"],
    ] {
        let uncached = Cached::run_in(&v, cache.path(), &[&["--no-cache"], args].concat()).stdout;
        let first = Cached::run_in(&v, cache.path(), args).stdout;
        let second = Cached::run_in(&v, cache.path(), args).stdout;
        assert!(!uncached.is_empty());
        assert_eq!(first, uncached, "{args:?}");
        assert_eq!(second, uncached, "{args:?}");
    }
}

#[test]
fn cached_and_uncached_runs_agree_on_a_generated_vault() {
    let v = TestVault::new();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).expect("date");
    crate::synth::write_vault(v.path(), 400, 7, today).expect("generate");
    age_all(v.path());
    let c = Cached::new(v);
    let uncached = c.out(&["--no-cache", "review", "--format", "json"]);
    assert_eq!(c.out(REVIEW), uncached);
    assert_eq!(c.out(REVIEW), uncached);
    assert_eq!(
        c.out(TASKS),
        c.out(&["--no-cache", "tasks", "--all", "--format", "json"])
    );
}

#[test]
fn cached_and_uncached_runs_agree_on_a_vault_shaped_like_real_ones() {
    let v = TestVault::new();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).expect("date");
    crate::synth::write_real_vault(v.path(), 400, 7, today).expect("generate");
    age_all(v.path());
    let c = Cached::new(v);
    let uncached = c.out(&["--no-cache", "review", "--format", "json"]);
    assert_eq!(c.out(REVIEW), uncached);
    assert_eq!(c.out(REVIEW), uncached);
}

#[test]
fn one_thread_and_many_give_the_same_answers() {
    // Problems in many notes, so the order of the warnings is tested too.
    let v = (0..40).fold(TestVault::new(), |v, i| {
        v.note(
            &format!("Broken/{i}.md"),
            &format!("- [ ] task {i} 📅 2026-02-3{i}\n- [?] odd\n"),
        )
    });
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).expect("date");
    crate::synth::write_vault(v.path(), 400, 11, today).expect("generate");
    let run = |threads: &str, args: &[&str]| {
        let o = journal()
            .env("RAYON_NUM_THREADS", threads)
            .arg("--vault")
            .arg(v.path())
            .args(["--today", TODAY, "--no-cache"])
            .args(args)
            .output()
            .expect("run");
        (o.status.code(), o.stdout)
    };
    for args in [
        &["index", "--json"][..],
        &["review", "--format", "json"],
        &["check"],
    ] {
        let one = run("1", args);
        assert!(!one.1.is_empty(), "{args:?}");
        assert_eq!(one, run("4", args), "{args:?}");
    }
}

#[test]
fn an_unchanged_note_comes_from_the_cache() {
    let c = Cached::new(TestVault::new().note("a.md", "- [ ] first\n"));
    let note = c.vault.join("a.md");
    set_mtime(&note, long_ago());
    assert!(c.out(TASKS).contains("first"));
    // Same size, same time, other words: only a reader that trusts the cache misses it.
    std::fs::write(&note, "- [ ] other\n").expect("write");
    set_mtime(&note, long_ago());
    assert!(c.out(TASKS).contains("first"), "read from the cache");
    assert!(
        c.out(&["--no-cache", "tasks", "--all", "--format", "json"])
            .contains("other")
    );
}

#[test]
fn edits_additions_deletions_and_renames_are_seen() {
    let c = Cached::new(
        TestVault::new()
            .note("a.md", "- [ ] keep\n")
            .note("b.md", "- [ ] edit me\n")
            .note("c.md", "- [ ] delete me\n")
            .note("d.md", "- [ ] move me\n"),
    );
    for n in ["a.md", "b.md", "c.md", "d.md"] {
        set_mtime(&c.vault.join(n), long_ago());
    }
    c.out(TASKS);
    std::fs::write(c.vault.join("b.md"), "- [x] edited\n").expect("edit");
    std::fs::write(c.vault.join("e.md"), "- [ ] added\n").expect("add");
    std::fs::remove_file(c.vault.join("c.md")).expect("delete");
    std::fs::create_dir_all(c.vault.join("moved")).expect("mkdir");
    std::fs::rename(c.vault.join("d.md"), c.vault.join("moved/d.md")).expect("rename");
    let json: serde_json::Value = serde_json::from_str(&c.out(TASKS)).expect("json");
    let got: Vec<(String, String)> = json
        .as_array()
        .expect("tasks")
        .iter()
        .map(|t| {
            (
                t["text"].as_str().unwrap_or("").into(),
                t["source"]["path"].as_str().unwrap_or("").into(),
            )
        })
        .collect();
    let mut got = got;
    got.sort();
    assert_eq!(
        got,
        [
            ("added".to_string(), "e.md".to_string()),
            ("edited".into(), "b.md".into()),
            ("keep".into(), "a.md".into()),
            ("move me".into(), "moved/d.md".into())
        ]
    );
}

#[test]
fn settings_that_change_parsing_invalidate_the_cache() {
    let c = Cached::new(TestVault::new().note("a.md", "- [!] urgent\n"));
    set_mtime(&c.vault.join("a.md"), long_ago());
    assert!(c.out(TASKS).contains("\"status\": \"todo\""));
    std::fs::write(
        c.vault.join(".journal.toml"),
        "[statuses]\n\"!\" = \"in_progress\"\n",
    )
    .expect("config");
    assert!(c.out(TASKS).contains("\"status\": \"in_progress\""));
    std::fs::create_dir_all(c.vault.join(".obsidian/plugins/obsidian-tasks-plugin"))
        .expect("mkdir");
    std::fs::write(
        c.vault
            .join(".obsidian/plugins/obsidian-tasks-plugin/data.json"),
        r##"{"globalFilter": "#task"}"##,
    )
    .expect("tasks settings");
    assert_eq!(c.out(TASKS).trim(), "[]", "the global filter now applies");
}

#[test]
fn a_damaged_cache_is_rebuilt_with_a_warning() {
    let c = Cached::new(TestVault::new().note("a.md", "- [ ] one\n"));
    let expected = c.out(TASKS);
    let file = c.cache_file();
    let good = std::fs::read(&file).expect("cache");
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (good[..good.len() / 2].to_vec(), "truncated or damaged"),
        (
            b"not a cache at all, just some garbage bytes".to_vec(),
            "not a journal cache",
        ),
        (
            {
                let mut old = good.clone();
                old[8..12].copy_from_slice(&(journal::cache::FORMAT - 1).to_le_bytes());
                old
            },
            "another version",
        ),
        (Vec::new(), "not a journal cache"),
    ];
    for (bytes, why) in cases {
        std::fs::write(&file, &bytes).expect("damage");
        let o = c.run(TASKS);
        assert!(o.status.success());
        assert_eq!(String::from_utf8_lossy(&o.stdout), expected, "{why}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("was not used") && err.contains(why),
            "{why}: {err}"
        );
        // Rebuilt: the next run is quiet.
        let again = c.run(TASKS);
        assert!(
            again.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&again.stderr)
        );
    }
    // With -q the warning is not shown; the cache is still rebuilt.
    std::fs::write(&file, b"garbage").expect("damage");
    let mut quiet = vec!["-q"];
    quiet.extend_from_slice(TASKS);
    let o = c.run(&quiet);
    assert!(o.status.success() && o.stderr.is_empty());
    assert!(c.run(TASKS).stderr.is_empty(), "rebuilt");
}

#[test]
fn runs_at_the_same_time_leave_a_sound_cache() {
    let c = Cached::new(TestVault::new());
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).expect("date");
    crate::synth::write_vault(c.vault.path(), 300, 3, today).expect("generate");
    age_all(c.vault.path());
    let expected = c.out(&["--no-cache", "review", "--format", "json"]);
    std::thread::scope(|s| {
        let runs: Vec<_> = (0..6).map(|_| s.spawn(|| c.run(REVIEW))).collect();
        for r in runs {
            let o = r.join().expect("thread");
            assert!(o.status.success());
            assert_eq!(String::from_utf8_lossy(&o.stdout), expected);
        }
    });
    let o = c.run(REVIEW);
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&o.stdout), expected);
}

#[test]
fn no_cache_writes_no_cache() {
    let c = Cached::new(TestVault::new().note("a.md", "- [ ] one\n"));
    let before = c.vault.fingerprint();
    c.out(&["--no-cache", "tasks"]);
    assert!(!c.cache.path().join("journal").exists());
    c.out(&["tasks"]);
    assert!(c.cache_file().exists());
    assert_eq!(
        c.vault.fingerprint(),
        before,
        "nothing written in the vault"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(c.cache_file())
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(
            mode & 0o777,
            0o600,
            "the cache holds what the notes say: yours alone"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_cache_folder_that_leads_into_the_vault_is_not_used() {
    let v = TestVault::new().note("a.md", "- [ ] one\n");
    std::fs::create_dir(v.join(".cache")).expect("mkdir");
    let elsewhere = tempfile::tempdir().expect("tmp");
    let link = elsewhere.path().join("cache");
    std::os::unix::fs::symlink(v.join(".cache"), &link).expect("symlink");
    let before = v.fingerprint();
    let out = Cached::run_in(v.path(), &link, TASKS);
    assert!(out.status.success());
    assert_eq!(
        v.fingerprint(),
        before,
        "nothing was written into the vault"
    );
    let direct = Cached::run_in(v.path(), &v.join(".cache"), TASKS);
    assert!(direct.status.success());
    assert_eq!(v.fingerprint(), before);
}

#[test]
fn the_same_seed_gives_the_same_synthetic_notes() {
    use crate::synth::{Rng, daily_note};
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).expect("date");
    let a = daily_note(&mut Rng::new(7), today, today, 5);
    let b = daily_note(&mut Rng::new(7), today, today, 5);
    let c = daily_note(&mut Rng::new(8), today, today, 5);
    assert_eq!(a, b);
    assert_ne!(a, c);
}
