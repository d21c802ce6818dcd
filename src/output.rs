//! Writing the files the tool creates. Every write:
//!
//! - goes to a path checked first: inside the vault through [`fsx::vault_target`] (no `..`,
//!   no symbolic link on the way), or a path the user named with `-o`;
//! - replaces only a regular file. A FIFO or a device named with `-o` is written to as a
//!   stream (never read, never replaced); inside the vault anything else is refused;
//! - changes an existing Markdown file only between its `<!-- journal:begin -->` and
//!   `<!-- journal:end -->` lines, found by the note reader's own scanner
//!   ([`crate::markers::regions`]), so whatever the user wrote around them is kept byte for
//!   byte. A file without them, or an HTML or JSON file without our signature, is refused
//!   unless forced; so is a file the user made read-only;
//! - is atomic: a temp file `.journal-<pid>-<random>.tmp` in the same folder, written, flushed,
//!   given the old file's mode and owner, then renamed over it, after checking that the file
//!   is still the one read (same inode, size, times); if the user saved it meanwhile, it is
//!   read and merged again, and after three tries the write is refused. Temp files left by
//!   a killed run (their process is gone) are swept the next time that folder is written.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::fsx::{self, Folders, ReadError};
use crate::markers::{BEGIN, END, Found};

/// Why a file was not written.
#[derive(Debug, thiserror::Error)]
pub(crate) enum WriteError {
    #[error(
        "`{0}` exists and has no <!-- journal:begin --> / <!-- journal:end --> lines, so it is not journal's to change; use --force to replace it"
    )]
    NoMarkers(String),
    #[error(
        "`{0}` has a <!-- journal:begin --> line without a <!-- journal:end --> line after it; fix the markers or use --force to replace the file"
    )]
    Unbalanced(String),
    #[error("`{0}` exists and was not written by journal; use --force to replace it")]
    NotOurs(String),
    #[error("`{0}` is read-only; use --force to replace it anyway")]
    ReadOnly(String),
    #[error("`{path}` is {kind}, not a regular file; it is not replaced")]
    NotRegular { path: String, kind: &'static str },
    #[error("`{0}` kept changing while journal wrote it; nothing was written, try again")]
    Changed(String),
    #[error("cannot write into the vault: {0}")]
    Path(#[from] fsx::PathError),
    #[error("cannot write `{path}`: {reason}")]
    Io { path: String, reason: String },
}

impl WriteError {
    fn io(path: &Path, e: &std::io::Error) -> WriteError {
        // The system's words, without the temp file's name, which means nothing to the user.
        let reason = match e.raw_os_error() {
            Some(code) => std::io::Error::from_raw_os_error(code).to_string(),
            None => e.to_string(),
        };
        WriteError::Io {
            path: path.display().to_string(),
            reason,
        }
    }

    /// Whether the write was refused for what the user asked (exit status 2) rather than
    /// failed (1).
    pub(crate) fn is_refusal(&self) -> bool {
        !matches!(self, WriteError::Changed(_) | WriteError::Io { .. })
    }
}

/// How an existing file is recognised as journal's to change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ownership {
    /// Markdown: only what is between the marker lines is journal's.
    Markers,
    /// A file journal generated whole (HTML, JSON), known by a signature in it: replaced
    /// whole.
    Signature(&'static str),
}

/// Where to write.
#[derive(Debug, Clone)]
pub(crate) enum Target<'a> {
    /// A vault-relative path (`/`-separated) that a setting or journal itself chose.
    Vault { vault: &'a Path, rel: String },
    /// A path the user named on the command line.
    Given(&'a Path),
}

/// Wraps a rendered body in the markers.
pub(crate) fn with_markers(body: &str) -> String {
    let mut out = String::with_capacity(body.len() + 64);
    out.push_str(BEGIN);
    out.push('\n');
    out.push_str(body);
    if !body.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(END);
    out.push('\n');
    out
}

/// `existing` with its first marked region replaced by `new`'s; `None` when `existing` has
/// no (complete) region.
fn merge(existing: &[u8], new: &str) -> Result<Vec<u8>, Found> {
    match crate::markers::regions(existing) {
        Found::Regions(r) => {
            let (a, b) = (r[0].start, r[0].end);
            let region = match crate::markers::regions(new.as_bytes()) {
                Found::Regions(n) => &new.as_bytes()[n[0].clone()],
                _ => new.trim_end_matches('\n').as_bytes(),
            };
            Ok([&existing[..a], region, &existing[b..]].concat())
        }
        other => Err(other),
    }
}

/// Where a target leads once resolved.
enum Resolved {
    /// A regular file, or none yet: replaced atomically.
    File(PathBuf),
    /// A FIFO or a device the user named: written to, never read or replaced.
    Stream(PathBuf),
}

fn resolve(target: &Target<'_>) -> Result<Resolved, WriteError> {
    match target {
        Target::Vault { vault, rel } => {
            let path = fsx::vault_target(vault, rel, Folders::Create)?;
            match std::fs::symlink_metadata(&path) {
                Ok(m) if !m.is_file() => Err(WriteError::NotRegular {
                    path: path.display().to_string(),
                    kind: fsx::kind_name(&m),
                }),
                _ => Ok(Resolved::File(path)),
            }
        }
        Target::Given(path) => {
            // `/dev/stdout`, `/dev/fd/1`, `/proc/self/fd/1`: the process's own streams,
            // whatever they lead to (a pipe, or a file the shell just truncated).
            let own_stream = ["/dev/stdout", "/dev/stderr"]
                .iter()
                .any(|s| *path == Path::new(s))
                || path.starts_with("/dev/fd")
                || path.starts_with("/proc");
            if own_stream {
                return Ok(Resolved::Stream(path.to_path_buf()));
            }
            match std::fs::metadata(path) {
                Ok(m) if m.is_file() => {
                    // Replace the file a symbolic link leads to, not the link.
                    let real = std::fs::canonicalize(path).map_err(|e| WriteError::io(path, &e))?;
                    Ok(Resolved::File(real))
                }
                Ok(m) if is_stream(&m) => Ok(Resolved::Stream(path.to_path_buf())),
                Ok(m) => Err(WriteError::NotRegular {
                    path: path.display().to_string(),
                    kind: fsx::kind_name(&m),
                }),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    if std::fs::symlink_metadata(path).is_ok() {
                        return Err(WriteError::NotRegular {
                            path: path.display().to_string(),
                            kind: "a symbolic link to nothing",
                        });
                    }
                    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                        std::fs::create_dir_all(dir).map_err(|e| WriteError::io(path, &e))?;
                    }
                    Ok(Resolved::File(path.to_path_buf()))
                }
                Err(e) => Err(WriteError::io(path, &e)),
            }
        }
    }
}

/// A FIFO or a character device: something to write to, not a file to replace.
fn is_stream(m: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        m.file_type().is_fifo() || m.file_type().is_char_device()
    }
    #[cfg(not(unix))]
    {
        let _ = m;
        false
    }
}

/// Writes `content` to `target` as described in the module docs; returns the path written.
pub(crate) fn write_document(
    target: &Target<'_>,
    content: &str,
    owner: Ownership,
    force: bool,
) -> Result<PathBuf, WriteError> {
    match resolve(target)? {
        Resolved::Stream(path) => {
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .open(&path)
                .map_err(|e| WriteError::io(&path, &e))?;
            f.write_all(content.as_bytes())
                .and_then(|()| f.flush())
                .map_err(|e| WriteError::io(&path, &e))?;
            Ok(path)
        }
        Resolved::File(path) => {
            replace(&path, content, owner, force, &mut || {})?;
            Ok(path)
        }
    }
}

/// What identifies the file at a path: if any of it changed, someone wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Identity(Vec<i128>);

fn identity(m: &std::fs::Metadata) -> Identity {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Identity(vec![
            i128::from(m.dev()),
            i128::from(m.ino()),
            i128::from(m.size()),
            i128::from(m.mtime()),
            i128::from(m.mtime_nsec()),
            i128::from(m.ctime()),
            i128::from(m.ctime_nsec()),
        ])
    }
    #[cfg(not(unix))]
    {
        Identity(vec![
            i128::from(m.len()),
            crate::vault::mtime_ns(m.modified().ok()),
        ])
    }
}

/// How many times a file that changes while it is written is read and merged again.
const TRIES: usize = 3;

/// Replaces (or creates) the regular file `path`. `before_rename` runs after the temp file
/// is written and before the file is checked again (tests use it to play a user who saves).
fn replace(
    path: &Path,
    content: &str,
    owner: Ownership,
    force: bool,
    before_rename: &mut dyn FnMut(),
) -> Result<(), WriteError> {
    let io = |e: std::io::Error| WriteError::io(path, &e);
    let shown = || path.display().to_string();
    for _ in 0..TRIES {
        let (mut file, meta) = match fsx::open_regular(path) {
            Ok(found) => found,
            Err(ReadError::NotFound) => {
                let mut tmp = temp_beside(path, true).map_err(io)?;
                tmp.as_file_mut()
                    .write_all(content.as_bytes())
                    .map_err(io)?;
                tmp.as_file().sync_all().map_err(io)?;
                before_rename();
                match tmp.persist_noclobber(path) {
                    Ok(_) => {
                        sync_folder(path);
                        return Ok(());
                    }
                    // Someone made it meanwhile: read it and merge, as for any existing file.
                    Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => continue,
                    Err(e) => return Err(io(e.error)),
                }
            }
            Err(ReadError::NotRegular(kind)) => {
                return Err(WriteError::NotRegular {
                    path: shown(),
                    kind,
                });
            }
            Err(ReadError::Io(e)) => return Err(io(e)),
            Err(e @ ReadError::TooLarge(_)) => {
                return Err(WriteError::Io {
                    path: shown(),
                    reason: e.to_string(),
                });
            }
        };
        if meta.permissions().readonly() && !force {
            return Err(WriteError::ReadOnly(shown()));
        }
        let existing = match fsx::read_open(&mut file, meta.len(), fsx::TARGET_MAX) {
            Ok(b) => b,
            Err(ReadError::Io(e)) => return Err(io(e)),
            Err(e) => {
                return Err(WriteError::Io {
                    path: shown(),
                    reason: e.to_string(),
                });
            }
        };
        drop(file);
        let final_bytes: Vec<u8> = match owner {
            Ownership::Markers => match (merge(&existing, content), force) {
                (Ok(merged), _) => merged,
                (Err(_), true) => content.into(),
                (Err(Found::Unbalanced), false) => return Err(WriteError::Unbalanced(shown())),
                (Err(_), false) => return Err(WriteError::NoMarkers(shown())),
            },
            Ownership::Signature(sig) => {
                let ours = memchr::memmem::find(&existing, sig.as_bytes()).is_some();
                if !ours && !force {
                    return Err(WriteError::NotOurs(shown()));
                }
                content.into()
            }
        };
        let mut tmp = temp_beside(path, true).map_err(io)?;
        keep_mode_and_owner(tmp.as_file(), &meta).map_err(io)?;
        tmp.as_file_mut().write_all(&final_bytes).map_err(io)?;
        tmp.as_file().sync_all().map_err(io)?;
        before_rename();
        let now = std::fs::symlink_metadata(path).map(|m| identity(&m)).ok();
        if now.as_ref() != Some(&identity(&meta)) {
            // The user saved (or moved) the file since it was read: read it again.
            continue;
        }
        tmp.persist(path).map_err(|e| io(e.error))?;
        sync_folder(path);
        return Ok(());
    }
    Err(WriteError::Changed(shown()))
}

/// Gives the temp file the permissions and owner of the file it replaces.
fn keep_mode_and_owner(tmp: &std::fs::File, old: &std::fs::Metadata) -> std::io::Result<()> {
    tmp.set_permissions(old.permissions())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let mine = tmp.metadata()?;
        if (mine.uid(), mine.gid()) != (old.uid(), old.gid()) {
            std::os::unix::fs::fchown(tmp, Some(old.uid()), Some(old.gid())).map_err(|e| {
                std::io::Error::new(e.kind(), format!("cannot keep its owner and group ({e})"))
            })?;
        }
    }
    Ok(())
}

/// Flushes a rename to disk (best effort: not every system lets a folder be synced).
fn sync_folder(path: &Path) {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(d) = std::fs::File::open(dir)
    {
        let _ = d.sync_all();
    }
}

/// Creates `target` with `content` (and its folders), atomically, unless something is
/// there: returns the path and whether it wrote. A file that appears meanwhile is left
/// alone.
pub(crate) fn create_new(
    target: &Target<'_>,
    content: &str,
) -> Result<(PathBuf, bool), WriteError> {
    let path = match target {
        Target::Vault { vault, rel } => match fsx::vault_target(vault, rel, Folders::Create) {
            Ok(p) => p,
            // A symbolic link where the file would go: something is there; left alone.
            Err(fsx::PathError::Symlink(p)) if fsx::plain_parts(&p) == fsx::plain_parts(rel) => {
                return Ok((vault.join(rel), false));
            }
            Err(e) => return Err(e.into()),
        },
        Target::Given(p) => p.to_path_buf(),
    };
    let io = |e: std::io::Error| WriteError::io(&path, &e);
    if std::fs::symlink_metadata(&path).is_ok() {
        return Ok((path, false));
    }
    let mut tmp = temp_beside(&path, true).map_err(io)?;
    tmp.as_file_mut()
        .write_all(content.as_bytes())
        .map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    match tmp.persist_noclobber(&path) {
        Ok(_) => {
            sync_folder(&path);
            Ok((path, true))
        }
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Ok((path, false)),
        Err(e) => Err(io(e.error)),
    }
}

/// Writes through `fill` into a temp file beside `path`, readable by the user only, then
/// renames it over `path`: for the tool's own data (the cache). Not flushed to disk first
/// (a cache lost in a crash is noticed by its checksums and rebuilt).
pub(crate) fn write_private(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut tmp = temp_beside(path, false)?;
    fill(tmp.as_file_mut())?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

const TEMP_PREFIX: &str = ".journal-";
const TEMP_SUFFIX: &str = ".tmp";

/// A temp file in the folder of `path`, named after this process so a later run knows
/// whether its writer is gone; `shared` gives it 0666 less the umask, else 0600. The
/// folder's stale temp files are swept first.
fn temp_beside(path: &Path, shared: bool) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    sweep(dir);
    let prefix = format!("{TEMP_PREFIX}{}-", std::process::id());
    let mut b = tempfile::Builder::new();
    b.prefix(&prefix).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    if shared {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(std::fs::Permissions::from_mode(0o666));
    }
    #[cfg(not(unix))]
    let _ = shared;
    b.tempfile_in(dir)
}

/// How old a temp file named the way journal named them before it put its process id in
/// the name must be to count as left behind.
const OLD_STYLE_STALE: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes the temp files a killed journal left in `dir`: regular files named
/// `.journal-<pid>-<random>.tmp` whose process is gone (and this process's own are not
/// touched), or the older `.journal-<random>.tmp` when over an hour old. Best effort.
pub(crate) fn sweep(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(middle) = name
            .to_str()
            .and_then(|n| n.strip_prefix(TEMP_PREFIX))
            .and_then(|n| n.strip_suffix(TEMP_SUFFIX))
        else {
            continue;
        };
        let Ok(meta) = e.metadata() else { continue };
        if !meta.is_file() {
            continue;
        }
        let stale = match middle.split_once('-') {
            Some((pid, _)) if pid.bytes().all(|b| b.is_ascii_digit()) => pid
                .parse::<u32>()
                .is_ok_and(|p| p != std::process::id() && !alive(p)),
            _ => {
                middle.len() == 6
                    && middle.bytes().all(|b| b.is_ascii_alphanumeric())
                    && meta
                        .modified()
                        .ok()
                        .and_then(|t| t.elapsed().ok())
                        .is_some_and(|age| age > OLD_STYLE_STALE)
            }
        };
        if stale {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Whether a process of that id exists (one of another user counts as alive).
fn alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Some(pid) = i32::try_from(pid)
            .ok()
            .and_then(rustix::process::Pid::from_raw)
        else {
            return false;
        };
        !matches!(
            rustix::process::test_kill_process(pid),
            Err(rustix::io::Errno::SRCH)
        )
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn given(p: &Path) -> Target<'_> {
        Target::Given(p)
    }

    #[test]
    fn user_text_around_the_markers_survives_byte_for_byte() {
        let existing = "---\ngenerator: journal\n---\nMy notes\r\nabove ✍️\n<!-- journal:begin -->\nold review\n<!-- journal:end -->\n\nand below\n";
        let new = "---\ngenerator: journal\n---\n<!-- journal:begin -->\nnew review\n<!-- journal:end -->\n";
        let merged = merge(existing.as_bytes(), new).expect("markers");
        assert_eq!(
            String::from_utf8(merged).expect("utf8"),
            "---\ngenerator: journal\n---\nMy notes\r\nabove ✍️\n<!-- journal:begin -->\nnew review\n<!-- journal:end -->\n\nand below\n"
        );
        assert_eq!(merge(b"no markers here", new), Err(Found::None));
        assert_eq!(
            merge(b"<!-- journal:begin --> but no end", new),
            Err(Found::None)
        );
        assert_eq!(
            merge(b"<!-- journal:begin -->\nno end\n", new),
            Err(Found::Unbalanced)
        );
        // Bytes that are not UTF-8 around the markers are kept as they are.
        let latin = b"caf\xe9\n<!-- journal:begin -->\nold\n<!-- journal:end -->\n\xff\n";
        assert_eq!(
            merge(latin, &with_markers("new")).expect("markers"),
            b"caf\xe9\n<!-- journal:begin -->\nnew\n<!-- journal:end -->\n\xff\n"
        );
    }

    #[test]
    fn a_marker_the_reader_does_not_see_is_not_the_writers_either() {
        // Issue 10, item 5: a begin line inside `%% … %%` is not a marker to the reader, so
        // the writer must not take the user's paragraph and task for its own region.
        let existing = "%%\n<!-- journal:begin -->\n%%\nmy paragraph\n- [ ] my task\n<!-- journal:begin -->\nold\n<!-- journal:end -->\n";
        let merged = merge(existing.as_bytes(), &with_markers("new")).expect("markers");
        assert_eq!(
            String::from_utf8(merged).expect("utf8"),
            "%%\n<!-- journal:begin -->\n%%\nmy paragraph\n- [ ] my task\n<!-- journal:begin -->\nnew\n<!-- journal:end -->\n"
        );
    }

    #[test]
    fn files_without_markers_are_refused_unless_forced() {
        let dir = tempfile::tempdir().expect("tmp");
        let p = dir.path().join("Reviews/2026-W48.md");
        write_document(&given(&p), "first\n", Ownership::Markers, false).expect("new file");
        assert_eq!(std::fs::read_to_string(&p).expect("read"), "first\n");
        assert!(matches!(
            write_document(&given(&p), "second\n", Ownership::Markers, false),
            Err(WriteError::NoMarkers(_))
        ));
        assert_eq!(std::fs::read_to_string(&p).expect("read"), "first\n");
        std::fs::write(&p, "<!-- journal:begin -->\nno end\n").expect("write");
        assert!(matches!(
            write_document(&given(&p), "x\n", Ownership::Markers, false),
            Err(WriteError::Unbalanced(_))
        ));
        write_document(&given(&p), "second\n", Ownership::Markers, true).expect("forced");
        assert_eq!(std::fs::read_to_string(&p).expect("read"), "second\n");
    }

    #[test]
    fn generated_files_are_replaced_whole_when_they_are_ours() {
        let dir = tempfile::tempdir().expect("tmp");
        let p = dir.path().join("review.json");
        let ours = Ownership::Signature("\"schema\": \"journal.review/");
        let t = given(&p);
        write_document(
            &t,
            "{\"schema\": \"journal.review/1\", \"n\": 1}",
            ours,
            false,
        )
        .expect("new");
        write_document(
            &t,
            "{\"schema\": \"journal.review/1\", \"n\": 2}",
            ours,
            false,
        )
        .expect("ours again");
        assert!(
            std::fs::read_to_string(&p)
                .expect("read")
                .contains("\"n\": 2")
        );
        std::fs::write(&p, "{\"mine\": true}").expect("write");
        assert!(matches!(
            write_document(&t, "{}", ours, false),
            Err(WriteError::NotOurs(_))
        ));
        assert_eq!(
            std::fs::read_to_string(&p).expect("read"),
            "{\"mine\": true}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn written_files_keep_or_get_ordinary_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tmp");
        let p = dir.path().join("r.md");
        write_document(&given(&p), "a\n", Ownership::Markers, false).expect("write");
        let mode = std::fs::metadata(&p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(
            mode & 0o644,
            0o644,
            "readable like any file the user makes: {mode:o}"
        );
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        write_document(&given(&p), "b\n", Ownership::Markers, true).expect("rewrite");
        assert_eq!(
            std::fs::metadata(&p).expect("meta").permissions().mode() & 0o777,
            0o640
        );
        let private = dir.path().join("cache.bin");
        write_private(&private, |f| f.write_all(b"x")).expect("private");
        assert_eq!(
            std::fs::metadata(&private)
                .expect("meta")
                .permissions()
                .mode()
                & 0o777,
            0o600
        );
    }

    #[test]
    fn create_new_never_replaces() {
        let dir = tempfile::tempdir().expect("tmp");
        let p = dir.path().join("Daily/2026/2026-11-24.md");
        std::fs::create_dir_all(p.parent().expect("dir")).expect("mkdir");
        assert!(create_new(&given(&p), "mine\n").expect("created").1);
        assert!(!create_new(&given(&p), "other\n").expect("left").1);
        assert_eq!(std::fs::read_to_string(&p).expect("read"), "mine\n");
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .expect("ls")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_save_made_while_journal_writes_is_merged_not_lost() {
        let dir = tempfile::tempdir().expect("tmp");
        let p = dir.path().join("review.md");
        std::fs::write(
            &p,
            "mine\n<!-- journal:begin -->\nold\n<!-- journal:end -->\n",
        )
        .expect("write");
        let mut saves = 0;
        // The user saves once after journal read the file: journal reads it again.
        replace(
            &p,
            &with_markers("new"),
            Ownership::Markers,
            false,
            &mut || {
                saves += 1;
                if saves == 1 {
                    std::fs::write(
                        &p,
                        "mine, edited\n<!-- journal:begin -->\nold\n<!-- journal:end -->\n",
                    )
                    .expect("save");
                }
            },
        )
        .expect("written on the second try");
        assert_eq!(
            std::fs::read_to_string(&p).expect("read"),
            "mine, edited\n<!-- journal:begin -->\nnew\n<!-- journal:end -->\n"
        );
        // A file that keeps changing is not written at all.
        let mut n = 0;
        let e = replace(
            &p,
            &with_markers("newer"),
            Ownership::Markers,
            false,
            &mut || {
                n += 1;
                std::fs::write(
                    &p,
                    format!("save {n}\n<!-- journal:begin -->\nx\n<!-- journal:end -->\n"),
                )
                .expect("save");
            },
        )
        .expect_err("changing");
        assert!(matches!(e, WriteError::Changed(_)), "{e}");
        assert!(
            std::fs::read_to_string(&p)
                .expect("read")
                .starts_with(&format!("save {TRIES}\n"))
        );
        assert_eq!(
            names(dir.path()),
            ["review.md"],
            "no temp file is left behind"
        );
    }

    #[cfg(unix)]
    #[test]
    fn read_only_files_are_kept_and_owners_too() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let dir = tempfile::tempdir().expect("tmp");
        let p = dir.path().join("r.md");
        std::fs::write(&p, with_markers("old")).expect("write");
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o444)).expect("chmod");
        // Root could write it anyway: the mode is what the user said, so it is what counts.
        let e = write_document(&given(&p), &with_markers("new"), Ownership::Markers, false)
            .expect_err("read-only");
        assert!(matches!(e, WriteError::ReadOnly(_)), "{e}");
        assert!(e.is_refusal());
        write_document(&given(&p), &with_markers("new"), Ownership::Markers, true).expect("forced");
        let m = std::fs::metadata(&p).expect("meta");
        assert_eq!(m.permissions().mode() & 0o777, 0o444, "still read-only");
        // Run as root on a user's file, the file stays the user's.
        if rustix::process::geteuid().is_root() {
            std::os::unix::fs::chown(&p, Some(1234), Some(5678)).expect("chown");
            write_document(&given(&p), &with_markers("again"), Ownership::Markers, true)
                .expect("write");
            let m = std::fs::metadata(&p).expect("meta");
            assert_eq!((m.uid(), m.gid()), (1234, 5678));
        }
    }

    #[cfg(unix)]
    #[test]
    fn stale_temp_files_of_dead_runs_are_swept() {
        let dir = tempfile::tempdir().expect("tmp");
        let d = dir.path();
        // pid_max is at most 2^22, so this process cannot exist.
        std::fs::write(d.join(".journal-99999999-aBc123.tmp"), "half").expect("write");
        let own = format!(".journal-{}-xyz.tmp", std::process::id());
        std::fs::write(d.join(&own), "in progress").expect("write");
        std::fs::write(d.join(".journal-Ab12Cd.tmp"), "recent, old-style").expect("write");
        std::fs::create_dir(d.join(".journal-99999999-dir.tmp")).expect("mkdir");
        std::fs::write(d.join("notes.md"), "mine").expect("write");
        sweep(d);
        assert_eq!(
            names(d),
            [
                own.as_str(),
                ".journal-99999999-dir.tmp",
                ".journal-Ab12Cd.tmp",
                "notes.md"
            ]
            .iter()
            .map(|s| s.to_string())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect::<Vec<_>>()
        );
    }

    /// The whole Markdown document for a vault made of `notes`, as `journal review` renders
    /// it for the week of 2026-11-24.
    fn document(notes: &[(String, String)]) -> String {
        let config = crate::config::Config::defaults(PathBuf::from("/v"));
        let parsed = notes
            .iter()
            .map(|(p, t)| Box::new(crate::note::parse(p, t, &config.parse)))
            .collect();
        let index = crate::index::Index::build(parsed, Vec::new(), &config);
        let today = crate::dates::parse_date("2026-11-29").expect("date");
        let week = crate::dates::Week::containing(today, config.week_start);
        let review = crate::review::build(
            index,
            &crate::review::Request {
                period: week.into(),
                today,
                config: &config,
                vault: "v".into(),
                generated_at: "2026-11-29".into(),
            },
        );
        let body = crate::render::render(
            &crate::render::Template::builtin(crate::render::WEEKLY_MD),
            &review,
            crate::render::Flavour::Markdown,
        )
        .expect("render");
        crate::commands::review::markdown_document(&review, &body)
    }

    /// Text a note may hold: any characters, and the ones that make Markdown structure.
    fn wild() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop::collection::vec(
            prop_oneof![
                any::<char>().prop_map(String::from),
                prop::sample::select(vec![
                    "\n",
                    "\r",
                    "\r\n",
                    "```",
                    "~~~",
                    "---",
                    "%%",
                    "<!--",
                    "-->",
                    "|",
                    "  ",
                    "    ",
                    "> ",
                    "- ",
                    "#",
                    "[[",
                    "]]",
                    BEGIN,
                    END,
                    "\n<!-- journal:end -->\n",
                    "\n```\n",
                    "\n---\n",
                ])
                .prop_map(str::to_string),
            ],
            0..24,
        )
        .prop_map(|v| v.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]
        /// Any note content, rendered into a Markdown review and written twice: the user's
        /// text around the markers is kept byte for byte, and the file's review is the one a
        /// fresh render gives.
        #[test]
        fn reviews_written_twice_keep_the_users_text_and_stay_fresh(
            title in wild(),
            task in wild(),
            body in wild(),
            name in wild(),
            before in "[a-zA-Z ✍️\n]{0,40}",
            after in "[a-zA-Z ✍️\n]{0,40}",
        ) {
            let notes = vec![
                (
                    "Plans/Book.md".to_string(),
                    format!("---\ntype: plan\ntitle: {}\n---\n- [ ] {task} 📅 2026-11-20\n{body}\n",
                        serde_json::to_string(&title).expect("json")),
                ),
                (
                    format!("Daily/{}.md", name.replace(['/', '\0'], "_")),
                    format!("## {task}\n- [x] {task} ✅ 2026-11-24\n{body}\nAre you happy?\n{task}\n"),
                ),
                ("Daily/2026-11-25.md".to_string(), body),
            ];
            let first = document(&notes);
            // No line of the rendered review may end or start a region of its own.
            let region = match crate::markers::regions(first.as_bytes()) {
                Found::Regions(r) => r,
                other => panic!("{other:?}: {first}"),
            };
            proptest::prop_assert_eq!(region.len(), 1, "{}", first);
            // The region is the whole body: it ends at the document's own end line.
            proptest::prop_assert_eq!(region[0].end, first.len() - 1, "{}", first);
            let dir = tempfile::tempdir().expect("tmp");
            let path = dir.path().join("review.md");
            let region_text = &first[region[0].clone()];
            let user = format!("{before}\n{region_text}\n{after}");
            std::fs::write(&path, &user).expect("write");
            let t = Target::Given(&path);
            write_document(&t, &first, Ownership::Markers, false).expect("first write");
            // The vault changes: a task done on another day, then the second write.
            let mut later = notes;
            later.push(("Daily/2026-11-26.md".into(), format!("- [x] {title} ✅ 2026-11-26\n")));
            let fresh = document(&later);
            write_document(&t, &fresh, Ownership::Markers, false).expect("second write");
            let written = std::fs::read_to_string(&path).expect("read");
            let Found::Regions(fr) = crate::markers::regions(fresh.as_bytes()) else {
                panic!("fresh render has no region");
            };
            proptest::prop_assert_eq!(fr[0].end, fresh.len() - 1, "{}", fresh);
            proptest::prop_assert_eq!(
                written,
                format!("{before}\n{}\n{after}", &fresh[fr[0].clone()])
            );
        }
    }
}
