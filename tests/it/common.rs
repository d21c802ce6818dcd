//! A `TestVault` builder: a vault in a temp folder, the binary run on it with "today" fixed,
//! and a fingerprint of every file to prove commands leave the notes alone.

use assert_cmd::Command;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

pub(crate) const TODAY: &str = "2026-11-29";

pub(crate) struct TestVault {
    dir: tempfile::TempDir,
}

impl TestVault {
    pub(crate) fn new() -> TestVault {
        TestVault {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// Adds a file (folders are created).
    pub(crate) fn note(self, path: &str, text: &str) -> TestVault {
        self.bytes(path, text.as_bytes())
    }

    pub(crate) fn bytes(self, path: &str, bytes: &[u8]) -> TestVault {
        let p = self.dir.path().join(path);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, bytes).expect("write");
        self
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn join(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// `journal --vault <this> --today 2026-11-29 <args>`, with a clean environment.
    pub(crate) fn cmd(&self, args: &[&str]) -> Command {
        self.cmd_at(TODAY, args)
    }

    /// The same with another "today".
    pub(crate) fn cmd_at(&self, today: &str, args: &[&str]) -> Command {
        let mut c = journal();
        c.arg("--vault")
            .arg(self.path())
            .args(["--today", today])
            .args(args);
        c
    }

    /// The JSON a successful, silent run prints, with another "today".
    pub(crate) fn json_at(&self, today: &str, args: &[&str]) -> serde_json::Value {
        let out = self.cmd_at(today, args).output().expect("run journal");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "",
            "journal {args:?} said on stderr"
        );
        serde_json::from_slice(&out.stdout).expect("json output")
    }

    pub(crate) fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().expect("run journal")
    }

    /// Runs and returns stdout, asserting success and that nothing was said on stderr: a new
    /// warning or notice cannot slip in unseen. Use [`TestVault::stdout_and_stderr`] where
    /// stderr is part of what is tested.
    pub(crate) fn stdout(&self, args: &[&str]) -> String {
        let (stdout, stderr) = self.stdout_and_stderr(args);
        assert_eq!(stderr, "", "journal {args:?} said on stderr");
        stdout
    }

    /// Runs, asserting success; returns stdout and stderr for the test to check.
    pub(crate) fn stdout_and_stderr(&self, args: &[&str]) -> (String, String) {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "journal {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        (
            String::from_utf8(out.stdout).expect("utf-8 output"),
            String::from_utf8(out.stderr).expect("utf-8 stderr"),
        )
    }

    /// The JSON of a successful run on a vault that may have problems: stderr must be empty
    /// or exactly the one-line count of the vault's warnings. Returns the count too.
    pub(crate) fn json_warned(&self, args: &[&str]) -> (serde_json::Value, usize) {
        let (stdout, stderr) = self.stdout_and_stderr(args);
        let n = if stderr.is_empty() { Some(0) } else { None };
        let n = n.or_else(|| {
            stderr
                .strip_prefix("journal: ")
                .and_then(|r| r.split_once(' '))
                .and_then(|(n, rest)| {
                    let plural = if n == "1" { "" } else { "s" };
                    (rest
                        == format!(
                            "warning{plural} about the vault (`journal check` lists them, `-v` shows them here)\n"
                        ))
                    .then(|| n.parse().ok())
                    .flatten()
                })
        });
        let Some(n) = n else {
            panic!("journal {args:?}: stderr is not one warning count: {stderr:?}");
        };
        (serde_json::from_str(&stdout).expect("json output"), n)
    }

    pub(crate) fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.stdout(args)).expect("json output")
    }

    /// Every file's path, permissions, modification time and bytes.
    pub(crate) fn fingerprint(&self) -> BTreeMap<PathBuf, (Vec<u8>, String)> {
        let mut out = BTreeMap::new();
        for e in walkdir(self.path()) {
            let meta = std::fs::symlink_metadata(&e).expect("meta");
            let bytes = if meta.is_file() {
                std::fs::read(&e).unwrap_or_default()
            } else {
                Vec::new()
            };
            out.insert(
                e,
                (
                    bytes,
                    format!("{:?} {:?}", meta.permissions(), meta.modified().ok()),
                ),
            );
        }
        out
    }
}

fn walkdir(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(p.clone());
            }
            out.push(p);
        }
    }
    out.sort();
    out
}

/// The binary with no `JOURNAL_*` or colour variables from the caller's environment, and a
/// cache folder of the tests' own.
pub(crate) fn journal() -> Command {
    Command::from_std(journal_process())
}

/// [`journal`] as a plain `std` command, to spawn it with pipes.
pub(crate) fn journal_process() -> std::process::Command {
    let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("journal"));
    c.env_remove("JOURNAL_VAULT")
        .env_remove("JOURNAL_TODAY")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env(
            "XDG_CACHE_HOME",
            std::env::temp_dir().join("journal-test-cache"),
        );
    c
}

/// Runs journal with `args` and closes its standard output at once, as `journal … | head`
/// does early; returns its exit status and standard error.
pub(crate) fn into_closed_pipe(args: &[&std::ffi::OsStr]) -> (Option<i32>, String) {
    let mut child = journal_process()
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The folder of the example vault in this repository.
pub(crate) fn sample_journal() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-journal")
}

/// The `text` (or, for prompts, `prompt`) of each item of a JSON list.
pub(crate) fn texts(list: &serde_json::Value) -> Vec<String> {
    list.as_array()
        .expect("array")
        .iter()
        .map(|t| {
            t["text"]
                .as_str()
                .or(t["prompt"].as_str())
                .unwrap_or("")
                .to_string()
        })
        .collect()
}
