//! Writing files the tool creates: atomically (a temp file in the same folder, then a rename),
//! and, for a file that exists, only between the `<!-- journal:begin -->` and
//! `<!-- journal:end -->` markers, so whatever the user wrote around them is kept. A file
//! without the markers is never overwritten unless forced.

use std::io::Write;
use std::path::Path;

pub const BEGIN: &str = "<!-- journal:begin -->";
pub const END: &str = "<!-- journal:end -->";

/// Why a file was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(
        "`{0}` exists and has no <!-- journal:begin --> / <!-- journal:end --> markers, so it is not journal's to change; use --force to replace it"
    )]
    NoMarkers(String),
    #[error("cannot write `{path}`: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// Wraps a rendered body in the markers.
pub fn with_markers(body: &str) -> String {
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

/// The marked region of `text`: (start of BEGIN, end of END).
fn marked(text: &str) -> Option<(usize, usize)> {
    let start = text.find(BEGIN)?;
    let end = text[start..].find(END)? + start + END.len();
    Some((start, end))
}

/// What to write over `existing` so that only its marked region changes to `new`'s.
/// `None` when `existing` has no markers.
pub fn merge(existing: &str, new: &str) -> Option<String> {
    let (a, b) = marked(existing)?;
    let region = match marked(new) {
        Some((x, y)) => &new[x..y],
        None => new,
    };
    Some(format!("{}{}{}", &existing[..a], region, &existing[b..]))
}

/// Writes `content` to `path` as described in the module docs; creates missing folders.
pub fn write_document(path: &Path, content: &str, force: bool) -> Result<(), WriteError> {
    let io = |source| WriteError::Io {
        path: path.display().to_string(),
        source,
    };
    let final_text = match std::fs::read(path) {
        Ok(bytes) => {
            let existing = String::from_utf8_lossy(&bytes);
            match merge(&existing, content) {
                Some(merged) => merged,
                None if force => content.to_string(),
                None => return Err(WriteError::NoMarkers(path.display().to_string())),
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => content.to_string(),
        Err(e) => return Err(io(e)),
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    write_atomic(path, |f| f.write_all(final_text.as_bytes())).map_err(io)
}

/// Creates `path` with `content` (and its folders), atomically, unless it exists: returns
/// whether it wrote. A file that appears meanwhile is left alone.
pub fn create_new(path: &Path, content: &str) -> Result<bool, WriteError> {
    let io = |source| WriteError::Io {
        path: path.display().to_string(),
        source,
    };
    if path.exists() {
        return Ok(false);
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".journal-")
        .suffix(".tmp")
        .tempfile_in(path.parent().unwrap_or(Path::new(".")))
        .map_err(io)?;
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
/// `fill` fails (or the process dies) the old file is untouched.
pub fn write_atomic(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    write_atomic_with(path, true, fill)
}

/// [`write_atomic`], with `durable` deciding whether the data is flushed to disk before the
/// rename (worth it for the user's files; a cache can be rebuilt instead).
pub fn write_atomic_with(
    path: &Path,
    durable: bool,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".journal-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    fill(tmp.as_file_mut())?;
    if durable {
        tmp.as_file().sync_all()?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_around_the_markers_survives_byte_for_byte() {
        let existing = "---\ngenerator: journal\n---\nMy notes\r\nabove ✍️\n<!-- journal:begin -->\nold review\n<!-- journal:end -->\n\nand below\n";
        let new = "---\ngenerator: journal\n---\n<!-- journal:begin -->\nnew review\n<!-- journal:end -->\n";
        let merged = merge(existing, new).expect("markers");
        assert_eq!(
            merged,
            "---\ngenerator: journal\n---\nMy notes\r\nabove ✍️\n<!-- journal:begin -->\nnew review\n<!-- journal:end -->\n\nand below\n"
        );
        assert_eq!(merge("no markers here", new), None);
        assert_eq!(merge("<!-- journal:begin --> but no end", new), None);
    }

    #[test]
    fn files_without_markers_are_refused_unless_forced() {
        let dir = tempfile::tempdir().expect("tmp");
        let p = dir.path().join("Reviews/2026-W48.md");
        write_document(&p, "first\n", false).expect("new file");
        assert_eq!(std::fs::read_to_string(&p).expect("read"), "first\n");
        assert!(matches!(
            write_document(&p, "second\n", false),
            Err(WriteError::NoMarkers(_))
        ));
        assert_eq!(std::fs::read_to_string(&p).expect("read"), "first\n");
        write_document(&p, "second\n", true).expect("forced");
        assert_eq!(std::fs::read_to_string(&p).expect("read"), "second\n");
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
