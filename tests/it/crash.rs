//! Fault injection: `review --write` killed (SIGKILL) at random points, again and again. The
//! review file must always be the old version or the new one, whole, never a mix or a
//! truncated file; the user's text around the markers is in both; and a temp file a killed
//! run left behind never survives the next run, in the vault or in the cache folder.

use crate::common::{TODAY, journal_process};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

const ITERATIONS: usize = 200;

/// A small deterministic generator (xorshift), so a failure can be replayed from its seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".journal-") && n.ends_with(".tmp"))
        .collect()
}

#[test]
fn killed_writes_leave_the_old_or_the_new_file_and_no_temp_file_survives() {
    let vault = tempfile::tempdir().expect("tmp");
    let cache = tempfile::tempdir().expect("tmp");
    let v = vault.path();
    // Enough done tasks that writing the review takes a while.
    std::fs::create_dir_all(v.join("Daily")).expect("mkdir");
    for day in 23..=29 {
        let tasks: String = (0..400)
            .map(|i| {
                format!("- [x] task {day}-{i} with some words to make it long ✅ 2026-11-{day}\n")
            })
            .collect();
        std::fs::write(v.join(format!("Daily/2026-11-{day}.md")), tasks).expect("note");
    }
    let review = v.join("Reviews/2026-W48.md");
    std::fs::create_dir_all(review.parent().expect("dir")).expect("mkdir");
    let old = "My intro, kept.\n<!-- journal:begin -->\nan old review\n<!-- journal:end -->\nMy notes after, kept.\n";
    let cmd = || {
        let mut c = journal_process();
        c.env("XDG_CACHE_HOME", cache.path())
            .arg("--vault")
            .arg(v)
            .args(["--today", TODAY, "review", "--write"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        c
    };
    // The new version, and how long a whole run takes (to spread the kills over it).
    std::fs::write(&review, old).expect("old");
    assert!(
        cmd().status().expect("run").success(),
        "the first run fills the cache"
    );
    std::fs::write(&review, old).expect("old");
    let started = Instant::now();
    assert!(cmd().status().expect("run").success());
    let full_run = started.elapsed();
    let new = std::fs::read_to_string(&review).expect("new");
    assert!(new.starts_with("My intro, kept.\n<!-- journal:begin -->\n"));
    assert!(new.ends_with("<!-- journal:end -->\nMy notes after, kept.\n"));
    assert_ne!(new, old);

    let seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut rng = Rng(seed);
    let window = u64::try_from(full_run.as_micros()).unwrap_or(1_000_000) * 5 / 4;
    let (mut saw_old, mut saw_new, mut left_temp) = (0, 0, 0);
    for i in 0..ITERATIONS {
        std::fs::write(&review, old).expect("reset");
        let delay = Duration::from_micros(rng.below(window));
        let mut child = cmd().spawn().expect("spawn");
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        let now = std::fs::read_to_string(&review).expect("the review is there");
        assert!(
            now == old || now == new,
            "iteration {i} (seed {seed:#x}, kill after {delay:?}): a torn file:\n{now}"
        );
        if now == old {
            saw_old += 1;
        } else {
            saw_new += 1;
        }
        let leftovers = temp_files(review.parent().expect("dir")).len()
            + temp_files(&cache.path().join("journal")).len();
        if leftovers > 0 {
            left_temp += 1;
            // The next run sweeps them and writes the new version.
            assert!(cmd().status().expect("run").success());
            assert_eq!(std::fs::read_to_string(&review).expect("read"), new);
            assert_eq!(
                temp_files(review.parent().expect("dir")),
                Vec::<String>::new(),
                "iteration {i}: a temp file survived the next run in the vault"
            );
            assert_eq!(
                temp_files(&cache.path().join("journal")),
                Vec::<String>::new(),
                "iteration {i}: a temp file survived the next run in the cache folder"
            );
        }
    }
    eprintln!(
        "{ITERATIONS} kills over {window} µs: {saw_old} left the old file, {saw_new} the new one, {left_temp} left temp files (all swept by the next run)"
    );
    assert_eq!(saw_old + saw_new, ITERATIONS);
}
