//! Writing files the tool creates: atomically (a temp file in the same folder, then a rename),
//! and, for a file that exists, only between the `<!-- journal:begin -->` and
//! `<!-- journal:end -->` markers, so whatever the user wrote around them is kept. A file
//! without the markers is never overwritten unless forced.

use std::io::Write;
use std::path::Path;

use crate::markers::{BEGIN, END, is_marker};

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
    #[error("cannot write `{path}`: {reason}")]
    Io { path: String, reason: String },
}

impl WriteError {
    fn io(path: &Path, e: &std::io::Error) -> WriteError {
        // The system's words, without the temp file's name, which means nothing to the user.
        let reason = match e.raw_os_error() {
            Some(code) => std::io::Error::from_raw_os_error(code).to_string(),
            None => std::io::Error::from(e.kind()).to_string(),
        };
        WriteError::Io {
            path: path.display().to_string(),
            reason,
        }
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

/// What the markers of a text look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Markers {
    None,
    /// A begin line with no end line after it.
    Unbalanced,
    /// The byte range from the start of the begin line to the end of the end line.
    Region(usize, usize),
}

/// Finds the marker lines: each alone on its line, outside fenced code blocks. Works on bytes,
/// so a file that is not valid UTF-8 is still kept byte for byte around them.
fn markers(text: &[u8]) -> Markers {
    let mut fence: Option<(u8, usize)> = None;
    let mut begin = None;
    let mut offset = 0;
    for line in text.split_inclusive(|&b| b == b'\n') {
        let start = offset;
        offset += line.len();
        let t = line.trim_ascii();
        if let Some(&c) = t.first().filter(|c| **c == b'`' || **c == b'~') {
            let run = t.iter().take_while(|b| **b == c).count();
            if run >= 3 {
                match fence {
                    None => fence = Some((c, run)),
                    Some((fc, fr)) if fc == c && run >= fr && t[run..].trim_ascii().is_empty() => {
                        fence = None;
                    }
                    _ => {}
                }
                continue;
            }
        }
        if fence.is_some() {
            continue;
        }
        if is_marker(t, BEGIN) && begin.is_none() {
            begin = Some(start);
        } else if is_marker(t, END)
            && let Some(b) = begin
        {
            let trimmed = line.len()
                - line
                    .iter()
                    .rev()
                    .take_while(|&&c| c == b'\n' || c == b'\r')
                    .count();
            return Markers::Region(b, start + trimmed);
        }
    }
    if begin.is_some() {
        Markers::Unbalanced
    } else {
        Markers::None
    }
}

/// `existing` with its marked region `a..b` replaced by `new`'s.
fn splice(existing: &[u8], a: usize, b: usize, new: &str) -> Vec<u8> {
    let region = match markers(new.as_bytes()) {
        Markers::Region(x, y) => &new.as_bytes()[x..y],
        _ => new.trim_end_matches('\n').as_bytes(),
    };
    [&existing[..a], region, &existing[b..]].concat()
}

/// Writes `content` to `path` as described in the module docs; creates missing folders.
pub(crate) fn write_document(
    path: &Path,
    content: &str,
    owner: Ownership,
    force: bool,
) -> Result<(), WriteError> {
    let final_bytes: Vec<u8> = match std::fs::read(path) {
        Ok(existing) => match owner {
            Ownership::Markers => match (markers(&existing), force) {
                (Markers::Region(a, b), _) => splice(&existing, a, b, content),
                (_, true) => content.into(),
                (Markers::Unbalanced, false) => {
                    return Err(WriteError::Unbalanced(path.display().to_string()));
                }
                (Markers::None, false) => {
                    return Err(WriteError::NoMarkers(path.display().to_string()));
                }
            },
            Ownership::Signature(sig) => {
                let ours = memchr::memmem::find(&existing, sig.as_bytes()).is_some();
                if !ours && !force {
                    return Err(WriteError::NotOurs(path.display().to_string()));
                }
                content.into()
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => content.into(),
        Err(e) => return Err(WriteError::io(path, &e)),
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| WriteError::io(path, &e))?;
    }
    write_atomic(path, |f| f.write_all(&final_bytes)).map_err(|e| WriteError::io(path, &e))
}

/// Creates `path` with `content` (and its folders), atomically, unless it exists: returns
/// whether it wrote. A file that appears meanwhile is left alone.
pub(crate) fn create_new(path: &Path, content: &str) -> Result<bool, WriteError> {
    let io = |e: std::io::Error| WriteError::io(path, &e);
    if path.exists() {
        return Ok(false);
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let mut tmp = temp_beside(path, true).map_err(io)?;
    tmp.as_file_mut()
        .write_all(content.as_bytes())
        .map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    match tmp.persist_noclobber(path) {
        Ok(_) => Ok(true),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(io(e.error)),
    }
}

/// Writes through `fill` into a temp file beside `path`, then renames it over `path`. If
/// `fill` fails (or the process dies) the old file is untouched. A new file gets the usual
/// permissions (0666 less the umask); a replaced one keeps its own.
pub(crate) fn write_atomic(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let existing = std::fs::metadata(path).ok().map(|m| m.permissions());
    let mut tmp = temp_beside(path, true)?;
    if let Some(p) = existing {
        tmp.as_file().set_permissions(p)?;
    }
    fill(tmp.as_file_mut())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// [`write_atomic`] for the tool's own data (the cache): readable by the user only, and not
/// flushed to disk first (a cache lost in a crash is noticed by its checksums and rebuilt).
pub(crate) fn write_private(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut tmp = temp_beside(path, false)?;
    fill(tmp.as_file_mut())?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A temp file in the folder of `path`; `shared` gives it 0666 less the umask, else 0600.
fn temp_beside(path: &Path, shared: bool) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut b = tempfile::Builder::new();
    b.prefix(".journal-").suffix(".tmp");
    #[cfg(unix)]
    if shared {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(std::fs::Permissions::from_mode(0o666));
    }
    #[cfg(not(unix))]
    let _ = shared;
    b.tempfile_in(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `write_document` writes over `existing`; `None` without (complete) markers.
    fn merge(existing: &[u8], new: &str) -> Option<Vec<u8>> {
        match markers(existing) {
            Markers::Region(a, b) => Some(splice(existing, a, b, new)),
            _ => None,
        }
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
        assert_eq!(merge(b"no markers here", new), None);
        assert_eq!(merge(b"<!-- journal:begin --> but no end", new), None);
        // Bytes that are not UTF-8 around the markers are kept as they are.
        let latin = b"caf\xe9\n<!-- journal:begin -->\nold\n<!-- journal:end -->\n\xff\n";
        assert_eq!(
            merge(latin, &with_markers("new")).expect("markers"),
            b"caf\xe9\n<!-- journal:begin -->\nnew\n<!-- journal:end -->\n\xff\n"
        );
    }

    #[test]
    fn markers_count_only_on_their_own_lines_outside_code() {
        let existing = "top\n```\n<!-- journal:begin -->\n```\nmine\n<!-- journal:begin -->\nx\n<!-- journal:end -->\ntail\n";
        let merged = merge(existing.as_bytes(), &with_markers("new")).expect("markers");
        assert_eq!(
            String::from_utf8(merged).expect("utf8"),
            "top\n```\n<!-- journal:begin -->\n```\nmine\n<!-- journal:begin -->\nnew\n<!-- journal:end -->\ntail\n"
        );
        assert_eq!(
            markers(b"say <!-- journal:begin --> inline\n<!-- journal:end -->\n"),
            Markers::None
        );
        assert_eq!(
            markers(b"<!-- journal:end -->\n<!-- journal:begin -->\n"),
            Markers::Unbalanced
        );
    }

    #[test]
    fn files_without_markers_are_refused_unless_forced() {
        let dir = tempfile::tempdir().expect("tmp");
        let p = dir.path().join("Reviews/2026-W48.md");
        write_document(&p, "first\n", Ownership::Markers, false).expect("new file");
        assert_eq!(std::fs::read_to_string(&p).expect("read"), "first\n");
        assert!(matches!(
            write_document(&p, "second\n", Ownership::Markers, false),
            Err(WriteError::NoMarkers(_))
        ));
        assert_eq!(std::fs::read_to_string(&p).expect("read"), "first\n");
        std::fs::write(&p, "<!-- journal:begin -->\nno end\n").expect("write");
        assert!(matches!(
            write_document(&p, "x\n", Ownership::Markers, false),
            Err(WriteError::Unbalanced(_))
        ));
        write_document(&p, "second\n", Ownership::Markers, true).expect("forced");
        assert_eq!(std::fs::read_to_string(&p).expect("read"), "second\n");
    }

    #[test]
    fn generated_files_are_replaced_whole_when_they_are_ours() {
        let dir = tempfile::tempdir().expect("tmp");
        let p = dir.path().join("review.json");
        let ours = Ownership::Signature("\"schema\": \"journal.review/");
        write_document(
            &p,
            "{\"schema\": \"journal.review/1\", \"n\": 1}",
            ours,
            false,
        )
        .expect("new");
        write_document(
            &p,
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
            write_document(&p, "{}", ours, false),
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
        write_document(&p, "a\n", Ownership::Markers, false).expect("write");
        let mode = std::fs::metadata(&p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(
            mode & 0o644,
            0o644,
            "readable like any file the user makes: {mode:o}"
        );
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        write_document(&p, "b\n", Ownership::Markers, true).expect("rewrite");
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
        assert!(create_new(&p, "mine\n").expect("created"));
        assert!(!create_new(&p, "other\n").expect("left"));
        assert_eq!(std::fs::read_to_string(&p).expect("read"), "mine\n");
    }

    #[test]
    fn an_interrupted_write_leaves_the_old_file() {
        let dir = tempfile::tempdir().expect("tmp");
        let p = dir.path().join("review.md");
        std::fs::write(&p, "old content\n").expect("write");
        let failed = write_atomic(&p, |f| {
            f.write_all(b"half of the new")?;
            Err(std::io::Error::other("disk full"))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read_to_string(&p).expect("read"), "old content\n");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .expect("ls")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(
            leftovers,
            [std::ffi::OsString::from("review.md")],
            "no temp file is left behind"
        );
    }
}
