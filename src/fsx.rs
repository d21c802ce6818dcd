//! Safe file access, in two functions every other module goes through.
//!
//! - [`read_capped`] (and [`open_regular`]) is the one way a file is read: opened
//!   non-blocking, so a FIFO without a writer cannot hang the run; its type checked on the
//!   open handle, so only a regular file is ever read (no FIFO, device or socket, whatever a
//!   path or a symbolic link says); and read with a size cap, so `/dev/zero` or a huge file
//!   cannot eat the memory.
//! - [`vault_target`] is the one way a path we write inside the vault is made: relative,
//!   plain names only (no `..`, no root), and no component a symbolic link, checked on disk
//!   component by component from the vault's real path, creating the missing folders one at a
//!   time and checking each again. A setting or a symlinked folder can therefore never lead a
//!   write, or a read of a file a setting names ([`vault_file`]), outside the vault.
//!
//! Paths the user names on the command line (`-o FILE`, `--template FILE`) are theirs and
//! may point anywhere; they are still read only through [`read_capped`].

use std::fs::{File, Metadata};
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// The largest settings file read (`.journal.toml`, `.obsidian/*.json`).
pub(crate) const SETTINGS_MAX: u64 = 4 * 1024 * 1024;
/// The largest template read.
pub(crate) const TEMPLATE_MAX: u64 = 1024 * 1024;
/// The largest existing review file read to keep what the user wrote around the markers.
pub(crate) const TARGET_MAX: u64 = 64 * 1024 * 1024;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ReadError {
    #[error("does not exist")]
    NotFound,
    #[error("is {0}, not a regular file; not read")]
    NotRegular(&'static str),
    #[error("is larger than {0} bytes; not read")]
    TooLarge(u64),
    #[error("{0}")]
    Io(std::io::Error),
}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::NotFound {
            ReadError::NotFound
        } else {
            ReadError::Io(e)
        }
    }
}

/// What kind of file `meta` describes, for messages ("a FIFO").
pub(crate) fn kind_name(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    if t.is_dir() {
        "a folder"
    } else if t.is_symlink() {
        "a symbolic link"
    } else if t.is_file() {
        "a regular file"
    } else {
        "a special file"
    }
}

/// Opens `path` for reading if, and only if, it is a regular file. The open never blocks
/// (`O_NONBLOCK`: a FIFO with no writer opens at once, and is then refused) and the type is
/// checked on the open handle, so a file swapped for something else after a check is still
/// refused.
pub(crate) fn open_regular(path: &Path) -> Result<(File, Metadata), ReadError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let flags = rustix::fs::OFlags::NONBLOCK | rustix::fs::OFlags::NOCTTY;
        options.custom_flags(flags.bits() as i32);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_name(&meta)));
    }
    Ok((file, meta))
}

/// Reads at most `max` bytes of an open file; more is [`ReadError::TooLarge`]. `size` is what
/// its metadata said: the buffer is made that large at once (one read call for most notes,
/// where a growing buffer takes several).
pub(crate) fn read_open(file: &mut File, size: u64, max: u64) -> Result<Vec<u8>, ReadError> {
    let capacity = usize::try_from(size.min(max).saturating_add(1)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooLarge(max));
    }
    Ok(bytes)
}

/// Reads a regular file of at most `max` bytes (see [`open_regular`]).
pub(crate) fn read_capped(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    let (mut file, meta) = open_regular(path)?;
    if meta.len() > max {
        return Err(ReadError::TooLarge(max));
    }
    read_open(&mut file, meta.len(), max)
}

/// Why a path inside the vault was not used.
#[derive(Debug, thiserror::Error)]
pub(crate) enum PathError {
    #[error("`{0}` would lead outside the vault")]
    Outside(String),
    #[error(
        "`{0}` is a symbolic link, which journal does not follow when writing or reading what a setting names"
    )]
    Symlink(String),
    #[error("`{0}` is not a folder")]
    NotAFolder(String),
    #[error("`{path}`: {error}")]
    Io { path: String, error: std::io::Error },
}

/// The plain names of a vault-relative path (`/`-separated), or `None` when it is empty or
/// would leave the vault: `..`, a root, a drive, a backslash or a NUL.
pub(crate) fn plain_parts(rel: &str) -> Option<Vec<&str>> {
    if rel.starts_with('/') || rel.contains(['\\', '\0']) {
        return None;
    }
    let mut parts = Vec::new();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            p => {
                // Whatever the platform makes of it, it must be one plain name.
                let mut c = Path::new(p).components();
                if !matches!((c.next(), c.next()), (Some(Component::Normal(_)), None)) {
                    return None;
                }
                parts.push(p);
            }
        }
    }
    (!parts.is_empty()).then_some(parts)
}

/// Whether to make the missing folders of a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Folders {
    Create,
    Leave,
}

/// The path of `rel` inside `vault`, checked on disk: every folder on the way is a real
/// folder (not a symbolic link), created one by one when `folders` says so, and the last
/// part, if it exists, is not a symbolic link. The result starts with the vault's real path.
pub(crate) fn vault_target(
    vault: &Path,
    rel: &str,
    folders: Folders,
) -> Result<PathBuf, PathError> {
    let parts = plain_parts(rel).ok_or_else(|| PathError::Outside(rel.to_string()))?;
    let io = |path: &Path, error| PathError::Io {
        path: path.display().to_string(),
        error,
    };
    let mut path = std::fs::canonicalize(vault).map_err(|e| io(vault, e))?;
    let mut shown = String::new();
    let mut missing = false;
    for (i, part) in parts.iter().enumerate() {
        path.push(part);
        if !shown.is_empty() {
            shown.push('/');
        }
        shown.push_str(part);
        let last = i + 1 == parts.len();
        if missing {
            if last || folders == Folders::Leave {
                continue;
            }
            make_folder(&path).map_err(|e| io(&path, e))?;
        }
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => return Err(PathError::Symlink(shown)),
            Ok(_) if last => {}
            Ok(m) if m.is_dir() => {}
            Ok(_) => return Err(PathError::NotAFolder(shown)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !missing => {
                missing = true;
                if !last && folders == Folders::Create {
                    make_folder(&path).map_err(|e| io(&path, e))?;
                    match std::fs::symlink_metadata(&path) {
                        Ok(m) if m.is_dir() && !m.file_type().is_symlink() => {}
                        Ok(_) => return Err(PathError::NotAFolder(shown)),
                        Err(e) => return Err(io(&path, e)),
                    }
                }
            }
            Err(e) => return Err(io(&path, e)),
        }
    }
    Ok(path)
}

/// Makes one folder; one that appeared meanwhile is checked by the caller.
fn make_folder(path: &Path) -> std::io::Result<()> {
    match std::fs::create_dir(path) {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        other => other,
    }
}

/// A file a setting names, for reading: [`vault_target`] without creating anything.
pub(crate) fn vault_file(vault: &Path, rel: &str) -> Result<PathBuf, PathError> {
    vault_target(vault, rel, Folders::Leave)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn mkfifo(path: &Path) {
        let ok = std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .expect("mkfifo")
            .success();
        assert!(ok, "mkfifo {}", path.display());
    }

    #[test]
    fn only_regular_files_are_read() {
        let dir = tempfile::tempdir().expect("tmp");
        let fifo = dir.path().join("fifo");
        mkfifo(&fifo);
        assert!(matches!(
            read_capped(&fifo, 10),
            Err(ReadError::NotRegular("a FIFO"))
        ));
        assert!(matches!(
            read_capped(Path::new("/dev/zero"), 10),
            Err(ReadError::NotRegular("a device"))
        ));
        assert!(matches!(
            read_capped(dir.path(), 10),
            Err(ReadError::NotRegular("a folder"))
        ));
        let link = dir.path().join("zero");
        std::os::unix::fs::symlink("/dev/zero", &link).expect("symlink");
        assert!(matches!(
            read_capped(&link, 10),
            Err(ReadError::NotRegular("a device"))
        ));
        let file = dir.path().join("f");
        std::fs::write(&file, "0123456789").expect("write");
        assert_eq!(read_capped(&file, 10).expect("read"), b"0123456789");
        assert!(matches!(read_capped(&file, 9), Err(ReadError::TooLarge(9))));
        assert!(matches!(
            read_capped(&dir.path().join("none"), 9),
            Err(ReadError::NotFound)
        ));
    }

    #[test]
    fn vault_paths_are_plain_names() {
        for bad in [
            "",
            "/",
            "/etc/x",
            "../x",
            "a/../../x",
            "a\\..\\x",
            "a/..",
            "a\0b",
        ] {
            assert_eq!(plain_parts(bad), None, "{bad:?}");
        }
        assert_eq!(
            plain_parts("Reviews//2026/./W48.md"),
            Some(vec!["Reviews", "2026", "W48.md"])
        );
    }

    #[test]
    fn writes_never_follow_a_symlinked_folder_or_file() {
        let outside = tempfile::tempdir().expect("tmp");
        let vault = tempfile::tempdir().expect("tmp");
        let v = vault.path();
        std::os::unix::fs::symlink(outside.path(), v.join("Reviews")).expect("symlink");
        assert!(matches!(
            vault_target(v, "Reviews/2026-W48.md", Folders::Create),
            Err(PathError::Symlink(p)) if p == "Reviews"
        ));
        std::fs::write(v.join("mine.md"), "mine").expect("write");
        std::os::unix::fs::symlink(v.join("mine.md"), v.join("review.md")).expect("symlink");
        assert!(matches!(
            vault_target(v, "review.md", Folders::Create),
            Err(PathError::Symlink(_))
        ));
        std::fs::write(v.join("file"), "").expect("write");
        assert!(matches!(
            vault_target(v, "file/x.md", Folders::Create),
            Err(PathError::NotAFolder(_))
        ));
        let made = vault_target(v, "Daily/2026/11/24.md", Folders::Create).expect("made");
        assert!(v.join("Daily/2026/11").is_dir());
        assert!(!made.exists());
        assert!(made.starts_with(std::fs::canonicalize(v).expect("real")));
        let left = vault_file(v, "T/none.md").expect("no folder made");
        assert!(!left.parent().expect("parent").exists());
        assert_eq!(
            std::fs::read_dir(outside.path()).expect("ls").count(),
            0,
            "nothing was written outside"
        );
    }
}
