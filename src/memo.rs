//! Whole results kept from one run to the next: when nothing a review is made from has
//! changed, the review written last time is served as it was, without decoding the cache,
//! indexing, reviewing or rendering.
//!
//! A stored result is found by a key over everything besides the notes that decides it: the
//! binary (its version and the executable file itself), the resolved config (`.journal.toml`
//! and the Obsidian and Logseq settings, with the note templates they name), the command line
//! and the folder it ran in, today, and the text of the template used. The notes are checked
//! one by one: the walk must find the same files, each with the stamp (size, modification
//! time, inode) it had, and not modified so close to when the result was made that a second
//! change could hide in the timestamp's granularity. A note whose stamp changed is read and
//! hashed: the same bytes (a note touched, or saved unchanged) still serve the result, and
//! the stamps are brought up to date. Anything else is a miss and the run goes the whole way.
//!
//! Stored results live beside the cache (never in the vault), a few per vault, each with a
//! checksum; one that cannot be read or fails the checksum is a miss, never trusted.

use crate::config::Config;
use crate::fsx;
use crate::hash::{fast, fnv};
use crate::load::CacheMode;
use crate::vault::{self, NoteFile, Seen, Stamp};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

const MAGIC: &[u8; 8] = b"JRNLMEMO";
/// Bump when what is stored changes.
const FORMAT: u32 = 1;
/// How many results are kept per vault (reviews of other weeks, formats, flags); the least
/// recently made go first.
const KEEP: usize = 8;
/// The largest stored result read back: the largest review and its list of notes.
const MEMO_MAX: u64 = fsx::TARGET_MAX + 64 * 1024 * 1024;

/// What a result was made from and what it was.
#[derive(Debug, Serialize, Deserialize)]
struct Stored {
    key: u64,
    /// When the run that made it started, in nanoseconds since the Unix epoch.
    made_at_ns: i128,
    files: Vec<Seen>,
    /// What the run said on stderr about the vault (the warnings line).
    stderr: String,
    text: String,
}

/// What a look in the store found.
#[derive(Debug)]
pub(crate) enum Lookup {
    Hit(Hit),
    /// Not served; the walk made to tell, if one was made, for the run to use.
    Miss(Option<vault::Walk>),
}

/// A result served from the store.
#[derive(Debug)]
pub(crate) struct Hit {
    pub(crate) stderr: String,
    pub(crate) text: String,
    /// How many notes had a new stamp and were read to find them unchanged.
    pub(crate) rehashed: usize,
}

/// Where the result of one request is kept, and the key it is kept under.
#[derive(Debug)]
pub(crate) struct Memo {
    path: PathBuf,
    key: u64,
}

/// The executable's identity: a rebuilt binary does not serve what another build made.
fn binary() -> String {
    let exe = std::env::current_exe().and_then(std::fs::metadata);
    match exe {
        Ok(m) => format!("{}|{:?}", env!("CARGO_PKG_VERSION"), Stamp::of(&m)),
        // Unknown: a key no other run has, so nothing is served.
        Err(_) => format!("{}|{}", env!("CARGO_PKG_VERSION"), std::process::id()),
    }
}

/// Nanoseconds since the Unix epoch, now.
pub(crate) fn now_ns() -> i128 {
    vault::mtime_ns(Some(std::time::SystemTime::now()))
}

impl Memo {
    /// The store for `request` (the command's own inputs, as text) in the vault of `config`;
    /// `None` with `--no-cache` or where there is no cache folder.
    pub(crate) fn new(config: &Config, mode: &CacheMode, request: &str) -> Option<Memo> {
        let cache = mode.location(&config.vault)?;
        let cwd = std::env::current_dir().unwrap_or_default();
        let key = fnv(format!(
            "{FORMAT}|{}|{config:?}|{}|{request}",
            binary(),
            cwd.display()
        )
        .as_bytes());
        let stem = cache.file_stem()?.to_string_lossy().into_owned();
        let path = cache.with_file_name(format!("{stem}-{key:016x}.memo"));
        Some(Memo { path, key })
    }

    /// The stored result, if everything it was made from is as it was.
    pub(crate) fn lookup(&self, config: &Config) -> Lookup {
        let Some(stored) = self.read() else {
            return Lookup::Miss(None);
        };
        let Ok(walk) = vault::walk(config) else {
            return Lookup::Miss(None);
        };
        match self.check(config, stored, &walk) {
            Some(hit) => Lookup::Hit(hit),
            None => Lookup::Miss(Some(walk)),
        }
    }

    /// `stored`, if `walk` finds the notes it was made from as they were.
    fn check(&self, config: &Config, mut stored: Stored, walk: &vault::Walk) -> Option<Hit> {
        let files = &walk.files;
        if !walk.met.is_empty()
            || files.len() != stored.files.len()
            || files.iter().zip(&stored.files).any(|(f, s)| f.rel != s.rel)
        {
            return None;
        }
        let max = config.settings.max_note_bytes.get();
        let made_at = stored.made_at_ns;
        let checked: Option<Vec<Option<Stamp>>> = files
            .par_iter()
            .zip(&stored.files)
            .map(|(f, s)| same(f, s, made_at, max))
            .collect();
        let checked = checked?;
        let rehashed = checked.iter().filter(|c| c.is_some()).count();
        if rehashed > 0 {
            // Touched, not changed: keep the new stamps so the next run need not read them.
            for (s, new) in stored.files.iter_mut().zip(checked) {
                if let Some(stamp) = new {
                    s.stamp = stamp;
                }
            }
            stored.made_at_ns = now_ns();
            let _ = self.write(&stored);
        }
        Some(Hit {
            stderr: stored.stderr,
            text: stored.text,
            rehashed,
        })
    }

    /// Keeps `text` (and `stderr`) as the result of a run that started at `made_at_ns` and
    /// read `files`. A store that cannot be written is no loss: the next run goes the whole
    /// way.
    pub(crate) fn store(&self, made_at_ns: i128, files: Vec<Seen>, stderr: &str, text: &str) {
        // A note that could not be read has no hash: nothing made with it is kept.
        if files.iter().any(|f| f.hash == 0) {
            return;
        }
        let stored = Stored {
            key: self.key,
            made_at_ns,
            files,
            stderr: stderr.to_string(),
            text: text.to_string(),
        };
        if self.write(&stored).is_ok() {
            self.prune();
        }
    }

    fn read(&self) -> Option<Stored> {
        let bytes = fsx::read_capped(&self.path, MEMO_MAX).ok()?;
        // Layout: magic, format, key, checksum of the rest, the rest (postcard).
        let body = bytes.get(28..)?;
        if bytes.get(..8)? != MAGIC
            || bytes.get(8..12)? != FORMAT.to_le_bytes()
            || bytes.get(12..20)? != self.key.to_le_bytes()
            || u64::from_le_bytes(bytes.get(20..28)?.try_into().ok()?) != fast(body)
        {
            return None;
        }
        let stored: Stored = postcard::from_bytes(body).ok()?;
        (stored.key == self.key).then_some(stored)
    }

    fn write(&self, stored: &Stored) -> std::io::Result<()> {
        use std::io::Write;
        let body = postcard::to_stdvec(stored).map_err(std::io::Error::other)?;
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        crate::output::write_private(&self.path, |f| {
            let mut w = std::io::BufWriter::new(f);
            w.write_all(MAGIC)?;
            w.write_all(&FORMAT.to_le_bytes())?;
            w.write_all(&self.key.to_le_bytes())?;
            w.write_all(&fast(&body).to_le_bytes())?;
            w.write_all(&body)?;
            w.flush()
        })
    }

    /// Keeps the [`KEEP`] most recently made results of this vault.
    fn prune(&self) {
        let (Some(dir), Some(name)) = (self.path.parent(), self.path.file_name()) else {
            return;
        };
        let name = name.to_string_lossy();
        let Some(prefix) = name.get(..name.len().saturating_sub(16 + ".memo".len())) else {
            return;
        };
        let Ok(listing) = std::fs::read_dir(dir) else {
            return;
        };
        let mut ours: Vec<(std::time::SystemTime, PathBuf)> = listing
            .filter_map(Result::ok)
            .filter(|e| {
                let n = e.file_name();
                let n = n.to_string_lossy();
                n.starts_with(prefix) && n.ends_with(".memo")
            })
            .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
            .collect();
        if ours.len() <= KEEP {
            return;
        }
        ours.sort();
        for (_, path) in &ours[..ours.len() - KEEP] {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Whether the note `f` is the one `seen` describes: `Some(None)` by its stamp, `Some(new
/// stamp)` when its stamp changed and its bytes did not, `None` when it changed (or cannot be
/// told).
fn same(f: &NoteFile, seen: &Seen, made_at_ns: i128, max: u64) -> Option<Option<Stamp>> {
    let stamp = vault::stat(f).ok()?;
    if crate::cache::trusted(seen.stamp, stamp, made_at_ns) {
        return Some(None);
    }
    let bytes = vault::read_bytes(f, max).ok()?;
    (fast(&bytes) == seen.hash).then_some(Some(stamp))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_or_foreign_store_is_a_miss() {
        let dir = tempfile::tempdir().expect("tmp");
        let memo = Memo {
            path: dir.path().join("v-1.memo"),
            key: 7,
        };
        let stored = Stored {
            key: 7,
            made_at_ns: 1,
            files: Vec::new(),
            stderr: String::new(),
            text: "the review".into(),
        };
        memo.write(&stored).expect("write");
        assert_eq!(memo.read().expect("read back").text, "the review");
        let good = std::fs::read(&memo.path).expect("bytes");
        let mut flipped = good.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        std::fs::write(&memo.path, &flipped).expect("flip");
        assert!(memo.read().is_none(), "a flipped byte fails the checksum");
        std::fs::write(&memo.path, &good[..good.len() - 3]).expect("cut");
        assert!(memo.read().is_none(), "truncated");
        std::fs::write(&memo.path, &good).expect("good");
        let other = Memo { key: 8, ..memo };
        assert!(other.read().is_none(), "another request's key");
    }

    #[test]
    fn only_the_most_recent_results_are_kept() {
        let dir = tempfile::tempdir().expect("tmp");
        let stored = |key| Stored {
            key,
            made_at_ns: 1,
            files: Vec::new(),
            stderr: String::new(),
            text: String::new(),
        };
        std::fs::write(dir.path().join("vault-00ff.bin"), "the cache").expect("cache");
        std::fs::write(dir.path().join("vault-0aaa-0000000000000001.memo"), "").expect("other");
        for key in 0..(KEEP as u64 + 3) {
            let memo = Memo {
                path: dir.path().join(format!("vault-00ff-{key:016x}.memo")),
                key,
            };
            memo.write(&stored(key)).expect("write");
            let t = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1000 + key);
            std::fs::File::options()
                .write(true)
                .open(&memo.path)
                .and_then(|f| f.set_modified(t))
                .expect("time");
            memo.prune();
        }
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left.len(), KEEP + 2, "{left:?}");
        assert!(
            left.contains(&"vault-00ff.bin".to_string()),
            "the cache stays"
        );
        assert!(
            left.contains(&"vault-0aaa-0000000000000001.memo".to_string()),
            "another vault's results stay"
        );
        assert!(
            !left.contains(&"vault-00ff-0000000000000002.memo".to_string()),
            "the oldest go"
        );
    }
}
