//! The on-disk cache of parsed notes, outside the vault, so a run only reads the notes that
//! changed since the last one.
//!
//! One file per vault in the user's cache folder (`$XDG_CACHE_HOME/journal/` or
//! `~/.cache/journal/`), named by a hash of the vault's canonical path. It holds, per note,
//! its path, size, modification time and what parsing it gave. The file starts with a magic
//! number, the format version and a fingerprint of every setting that changes parsing, and
//! each chunk of entries carries a checksum: a cache that fails any of these is rebuilt,
//! never trusted. It is replaced atomically, so two runs at once cannot corrupt it.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::hash::{fast as checksum, fnv};
use crate::model::Note;
use crate::vault::Stamp;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 8] = b"JRNLCACH";
/// Bump when the layout of an entry or anything in it changes.
pub const FORMAT: u32 = 8;
const HEADER: usize = 8 + 4 + 8 + 16 + 8;
/// The largest cache read back; a larger one is rebuilt.
const CACHE_MAX: u64 = 4 * 1024 * 1024 * 1024;

/// A note whose modification time is this close to when the cache was written may have
/// changed again within the file system's timestamp granularity: it is read again.
pub(crate) const RACY_NS: i128 = 2_000_000_000;

/// What the cache knows about one note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Entry {
    pub(crate) rel: String,
    pub(crate) stamp: Stamp,
    /// The hash of the note's bytes ([`crate::hash::fast`]); 0 when it was not read.
    pub(crate) hash: u64,
    /// The parsed note, or the warning that it could not be read as one. Boxed: entries are
    /// moved around a lot, notes are large.
    pub(crate) note: Result<Box<Note>, Diagnostic>,
}

/// A cache read from disk.
#[derive(Debug, Default)]
pub(crate) struct Loaded {
    pub(crate) entries: Vec<Entry>,
    /// When the cache was written, in nanoseconds since the Unix epoch.
    pub(crate) written_at_ns: i128,
}

impl Loaded {
    /// Whether `entry` still describes a note with this stamp.
    pub(crate) fn fresh(&self, entry: &Entry, stamp: Stamp) -> bool {
        trusted(entry.stamp, stamp, self.written_at_ns)
    }
}

/// Whether a file stamped `now` is unchanged since it was stamped `then`, by a record written
/// at `written_at_ns`: the same stamp, and not modified so close to the writing that a second
/// change could hide within the file system's timestamp granularity.
pub(crate) fn trusted(then: Stamp, now: Stamp, written_at_ns: i128) -> bool {
    then == now && now.mtime_ns < written_at_ns - RACY_NS
}

/// Why a cache file was not used.
#[derive(Debug, thiserror::Error)]
pub(crate) enum Problem {
    #[error("it is not a journal cache")]
    NotACache,
    #[error("it was written by another version of journal")]
    OldFormat,
    #[error("it is truncated or damaged")]
    Damaged,
    #[error("it cannot be read: {0}")]
    Io(#[from] std::io::Error),
    #[error("it {0}")]
    Unusable(String),
}

/// Entries per separately encoded chunk, so a large cache decodes on every core.
const CHUNK: usize = 256;

/// The source of everything that decides what a note parses into: a parser fixed between two
/// releases does not trust what the old one cached.
const PARSER_SOURCE: &[&str] = &[
    include_str!("model.rs"),
    include_str!("note/mod.rs"),
    include_str!("note/blocks.rs"),
    include_str!("note/inline.rs"),
    include_str!("note/tasks.rs"),
    include_str!("note/frontmatter.rs"),
    include_str!("note/prompts.rs"),
    include_str!("note/logseq.rs"),
    include_str!("noise/mod.rs"),
    include_str!("noise/templates.rs"),
    include_str!("noise/reference.rs"),
    include_str!("dates/mod.rs"),
    include_str!("dates/moment.rs"),
    include_str!("vault.rs"),
];

/// Every setting that changes what parsing a note gives, and the parser itself. The parse
/// settings are taken whole (their `Debug` text), so a setting added to them is part of the
/// fingerprint without anyone remembering to add it here.
pub(crate) fn fingerprint(config: &Config) -> u64 {
    let parser = PARSER_SOURCE
        .iter()
        .fold(0u64, |h, src| h.rotate_left(7) ^ checksum(src.as_bytes()));
    let s = format!(
        "{parser:x}|{}|{FORMAT}|{}|{:?}",
        env!("CARGO_PKG_VERSION"),
        config.settings.max_note_bytes.get(),
        config.parse,
    );
    fnv(s.as_bytes())
}

/// Where the cache of `vault` lives: in `folder`, else the user's cache folder; `None` when
/// there is no cache folder, or it would be inside the vault (the notes' folder is never
/// written to).
pub(crate) fn location(vault: &Path, folder: Option<&Path>) -> Option<PathBuf> {
    let canonical = std::fs::canonicalize(vault).ok()?;
    let dir = match folder {
        Some(f) => f.to_path_buf(),
        None => dirs::cache_dir()?.join("journal"),
    };
    // Compare real paths: the cache folder, or a symbolic link on its way, may lead into the
    // vault. Resolve the deepest part that exists.
    let mut real = std::path::absolute(&dir).ok()?;
    let mut rest = Vec::new();
    while !real.exists() {
        rest.push(real.file_name()?.to_os_string());
        real = real.parent()?.to_path_buf();
    }
    let mut real = std::fs::canonicalize(&real).ok()?;
    real.extend(rest.iter().rev());
    if real.starts_with(&canonical) {
        return None;
    }
    let key = fnv(canonical.as_os_str().as_encoded_bytes());
    Some(dir.join(format!("vault-{key:016x}.bin")))
}

/// Reads the cache at `path`. `Ok(None)` when there is none or it belongs to other settings.
///
/// Layout: magic, format, settings fingerprint, time written, number of chunks; then per
/// chunk its length, its checksum and its entries (postcard).
pub(crate) fn load(path: &Path, fingerprint: u64) -> Result<Option<Loaded>, Problem> {
    // The one safe open: a FIFO or a device put where the cache goes is refused, not read.
    let bytes = match crate::fsx::read_capped(path, CACHE_MAX) {
        Ok(b) => b,
        Err(crate::fsx::ReadError::NotFound) => return Ok(None),
        Err(crate::fsx::ReadError::Io(e)) => return Err(e.into()),
        Err(e) => return Err(Problem::Unusable(e.to_string())),
    };
    if bytes.len() < 8 || &bytes[..8] != MAGIC {
        return Err(Problem::NotACache);
    }
    if bytes.len() < HEADER {
        return Err(Problem::Damaged);
    }
    let u64_at = |i: usize| -> Result<u64, Problem> {
        let b = bytes.get(i..i + 8).ok_or(Problem::Damaged)?;
        Ok(u64::from_le_bytes(
            b.try_into().map_err(|_| Problem::Damaged)?,
        ))
    };
    let format = u32::from_le_bytes(bytes[8..12].try_into().map_err(|_| Problem::Damaged)?);
    if format != FORMAT {
        return Err(Problem::OldFormat);
    }
    if u64_at(12)? != fingerprint {
        // Written under other settings: not wrong, just not ours to use.
        return Ok(None);
    }
    let written_at_ns =
        i128::from_le_bytes(bytes[20..36].try_into().map_err(|_| Problem::Damaged)?);
    let count = u64_at(36)?;
    let mut chunks: Vec<(&[u8], u64)> = Vec::new();
    let mut at = HEADER;
    for _ in 0..count {
        let len = usize::try_from(u64_at(at)?).map_err(|_| Problem::Damaged)?;
        let sum = u64_at(at + 8)?;
        let start = at + 16;
        let end = start.checked_add(len).ok_or(Problem::Damaged)?;
        chunks.push((bytes.get(start..end).ok_or(Problem::Damaged)?, sum));
        at = end;
    }
    if at != bytes.len() {
        return Err(Problem::Damaged);
    }
    let decoded: Result<Vec<Vec<Entry>>, Problem> = chunks
        .par_iter()
        .map(|&(chunk, sum)| {
            if checksum(chunk) != sum {
                return Err(Problem::Damaged);
            }
            postcard::from_bytes(chunk).map_err(|_| Problem::Damaged)
        })
        .collect();
    Ok(Some(Loaded {
        entries: decoded?.into_iter().flatten().collect(),
        written_at_ns,
    }))
}

/// Writes the cache atomically (a temp file in the cache folder, then a rename), private to
/// the user: it holds what their notes say.
pub(crate) fn save(path: &Path, fingerprint: u64, entries: &[Entry]) -> std::io::Result<()> {
    let chunks: Vec<Vec<u8>> = entries
        .par_chunks(CHUNK)
        .map(postcard::to_stdvec)
        .collect::<Result<_, _>>()
        .map_err(std::io::Error::other)?;
    let written_at = crate::vault::mtime_ns(Some(std::time::SystemTime::now()));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    crate::output::write_private(path, |f| {
        let mut w = std::io::BufWriter::new(f);
        w.write_all(MAGIC)?;
        w.write_all(&FORMAT.to_le_bytes())?;
        w.write_all(&fingerprint.to_le_bytes())?;
        w.write_all(&written_at.to_le_bytes())?;
        w.write_all(&(chunks.len() as u64).to_le_bytes())?;
        for c in &chunks {
            w.write_all(&(c.len() as u64).to_le_bytes())?;
            w.write_all(&checksum(c).to_le_bytes())?;
            w.write_all(c)?;
        }
        w.flush()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(size: u64, mtime_ns: i128) -> Stamp {
        Stamp {
            size,
            mtime_ns,
            ino: 1,
        }
    }

    fn entry(rel: &str) -> Entry {
        Entry {
            rel: rel.into(),
            stamp: stamp(3, 42),
            hash: 9,
            note: Ok(Box::new(crate::note::parse(
                rel,
                "- [ ] x 📅 2026-11-30\nmood:: 4\n",
                &Default::default(),
            ))),
        }
    }

    #[test]
    fn a_saved_cache_loads_back() {
        let dir = tempfile::tempdir().expect("tmp");
        let p = dir.path().join("c.bin");
        let entries = vec![
            entry("a.md"),
            Entry {
                note: Err(Diagnostic::file("b.md", "binary")),
                ..entry("b.md")
            },
        ];
        save(&p, 7, &entries).expect("save");
        let loaded = load(&p, 7).expect("load").expect("present");
        assert_eq!(loaded.entries, entries);
        assert!(load(&p, 8).expect("other settings").is_none());
        assert!(
            load(&dir.path().join("none.bin"), 7)
                .expect("missing")
                .is_none()
        );
    }

    #[test]
    fn damaged_truncated_foreign_and_old_caches_are_refused() {
        let dir = tempfile::tempdir().expect("tmp");
        let p = dir.path().join("c.bin");
        save(&p, 7, &[entry("a.md")]).expect("save");
        let good = std::fs::read(&p).expect("read");
        std::fs::write(&p, &good[..good.len() - 5]).expect("truncate");
        assert!(matches!(load(&p, 7), Err(Problem::Damaged)));
        let mut flipped = good.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 0xFF;
        std::fs::write(&p, &flipped).expect("flip");
        assert!(matches!(load(&p, 7), Err(Problem::Damaged)));
        std::fs::write(&p, b"garbage that is long enough to have a header, surely")
            .expect("garbage");
        assert!(matches!(load(&p, 7), Err(Problem::NotACache)));
        let mut old = good;
        old[8..12].copy_from_slice(&(FORMAT - 1).to_le_bytes());
        std::fs::write(&p, &old).expect("old");
        assert!(matches!(load(&p, 7), Err(Problem::OldFormat)));
    }

    #[test]
    fn recently_modified_notes_are_not_trusted() {
        let loaded = Loaded {
            entries: Vec::new(),
            written_at_ns: 10_000_000_000,
        };
        let e = Entry {
            stamp: stamp(3, 5_000_000_000),
            ..entry("a.md")
        };
        assert!(loaded.fresh(&e, stamp(3, 5_000_000_000)));
        assert!(!loaded.fresh(&e, stamp(4, 5_000_000_000)), "size changed");
        assert!(!loaded.fresh(&e, stamp(3, 5_000_000_001)), "time changed");
        let other = Stamp {
            ino: 2,
            ..stamp(3, 5_000_000_000)
        };
        assert!(!loaded.fresh(&e, other), "another file put in its place");
        let racy = Entry {
            stamp: stamp(3, 9_000_000_000),
            ..entry("a.md")
        };
        assert!(
            !loaded.fresh(&racy, stamp(3, 9_000_000_000)),
            "within the granularity of the cache's own time"
        );
    }

    #[test]
    fn a_vault_that_does_not_exist_has_no_cache() {
        // Where the cache may not go (inside the vault) is tested through the binary, with
        // the cache folder set by the environment: tests/it/cache.rs.
        let dir = tempfile::tempdir().expect("tmp");
        assert!(location(&dir.path().join("missing"), None).is_none());
    }
}
