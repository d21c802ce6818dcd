//! The walk of a vault whose symbolic links are not followed (the default): folders are
//! listed in parallel, and each note is `stat`ed relative to its folder's open handle as it
//! is found. A run then pays one path lookup per folder, not one per note from the vault's
//! root, and the stat the run needs anyway is done by the walk. With `follow_links` the walk
//! is walkdir's, whose loop detection that setting needs.

use super::{Filter, NoteFile, Stamp, is_note_name, push_escaped};
use crate::diagnostic::Diagnostic;
use rayon::prelude::*;
use rustix::fs::{AtFlags, Dir, FileType, Mode, OFlags};
use std::ffi::{CString, OsStr};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

/// What the walk of one folder and everything below it found.
#[derive(Default)]
struct Found {
    files: Vec<NoteFile>,
    met: Vec<Diagnostic>,
}

impl Found {
    fn join(mut self, other: Found) -> Found {
        self.files.extend(other.files);
        self.met.extend(other.met);
        self
    }
}

/// A folder or file below the root: its name in its folder, its vault-relative path as
/// text (`\xNN` for bytes that are not UTF-8) and whether that path is valid UTF-8.
struct Child {
    name: CString,
    rel: String,
    valid: bool,
}

/// Where the walk is: a folder's vault-relative path (empty at the root) and its path.
struct At<'a> {
    rel: &'a str,
    valid: bool,
    abs: &'a Path,
}

/// The notes below `root` that `filter` keeps, each with its stamp, and what the walk met;
/// in no particular order.
pub(super) fn discover(root: &Path, filter: &Filter) -> (Vec<NoteFile>, Vec<Diagnostic>) {
    let at = At {
        rel: "",
        valid: true,
        abs: root,
    };
    // The root itself may be a symbolic link (as walkdir follows it): opened by its path.
    let found = match open_dir(rustix::fs::CWD, root, OFlags::empty()) {
        Ok(fd) => folder(fd, &at, filter),
        Err(e) => Found {
            files: Vec::new(),
            met: vec![cannot_read("", e)],
        },
    };
    (found.files, found.met)
}

fn open_dir(
    dir: impl AsFd,
    name: impl rustix::path::Arg,
    extra: OFlags,
) -> rustix::io::Result<OwnedFd> {
    rustix::fs::openat(
        dir,
        name,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC | extra,
        Mode::empty(),
    )
}

fn cannot_read(rel: &str, e: rustix::io::Errno) -> Diagnostic {
    Diagnostic::file(rel, format!("cannot be read: {}", std::io::Error::from(e)))
}

/// Walks the folder open as `fd`, at `at`.
fn folder(fd: OwnedFd, at: &At<'_>, filter: &Filter) -> Found {
    let mut found = Found::default();
    let mut notes: Vec<Child> = Vec::new();
    let mut folders: Vec<Child> = Vec::new();
    // Listed through a handle of its own, so `fd` stays free for the `stat`s.
    let mut dir = match Dir::read_from(&fd) {
        Ok(d) => d,
        Err(e) => {
            found.met.push(cannot_read(at.rel, e));
            return found;
        }
    };
    while let Some(entry) = dir.read() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                found.met.push(cannot_read(at.rel, e));
                break;
            }
        };
        let name = entry.file_name().to_bytes();
        if name.first() == Some(&b'.') {
            // `.`, `..` and hidden files and folders.
            continue;
        }
        let mut kind = entry.file_type();
        let is_note = is_note_name(name);
        if kind == FileType::Unknown {
            // A file system that does not say in the listing.
            kind = match rustix::fs::statat(&fd, entry.file_name(), AtFlags::SYMLINK_NOFOLLOW) {
                Ok(st) => FileType::from_raw_mode(st.st_mode),
                Err(_) => continue,
            };
        }
        let list = match kind {
            FileType::Directory => &mut folders,
            FileType::RegularFile if is_note => &mut notes,
            // Symbolic links are not followed, and only regular files are notes.
            _ => continue,
        };
        let mut rel = String::with_capacity(at.rel.len() + 1 + name.len());
        rel.push_str(at.rel);
        if !rel.is_empty() {
            rel.push('/');
        }
        let valid = push_escaped(&mut rel, name) && at.valid;
        if filter.excludes(&rel) {
            continue;
        }
        list.push(Child {
            name: entry.file_name().to_owned(),
            rel,
            valid,
        });
    }
    for c in notes.iter().filter(|c| !c.valid) {
        found.met.push(super::not_utf8(&c.rel));
    }
    // A note that cannot be stat'ed here (gone since it was listed) has no stamp: the load
    // tries again and says why.
    found.files = notes
        .into_par_iter()
        .with_min_len(64)
        .map(|c| NoteFile {
            stamp: rustix::fs::statat(&fd, c.name.as_c_str(), AtFlags::SYMLINK_NOFOLLOW)
                .ok()
                .map(|st| Stamp {
                    size: u64::try_from(st.st_size).unwrap_or(0),
                    mtime_ns: i128::from(st.st_mtime) * 1_000_000_000
                        + i128::from(st.st_mtime_nsec),
                    ino: st.st_ino,
                }),
            abs: at.abs.join(OsStr::from_bytes(c.name.as_bytes())),
            rel: c.rel,
        })
        .collect();
    let below = folders
        .into_par_iter()
        .map(|c| {
            let abs: PathBuf = at.abs.join(OsStr::from_bytes(c.name.as_bytes()));
            match open_dir(&fd, c.name.as_c_str(), OFlags::NOFOLLOW) {
                Ok(sub) => folder(
                    sub,
                    &At {
                        rel: &c.rel,
                        valid: c.valid,
                        abs: &abs,
                    },
                    filter,
                ),
                Err(e) => Found {
                    files: Vec::new(),
                    met: vec![cannot_read(&c.rel, e)],
                },
            }
        })
        .reduce(Found::default, Found::join);
    found.join(below)
}
