//! Which files of the vault are notes, and reading them.
//!
//! Notes are `.md` and `.markdown` files below the vault root, except hidden files and
//! folders, Obsidian's excluded files, a Logseq graph's own `logseq/` folder (its backups,
//! recycle bin and page versions) and its `:hidden` paths, the config's `exclude` globs and
//! (once parsed) notes that `journal` generated itself. Symbolic links are followed only when the config says so,
//! and a link loop is a warning, never a hang. Every file problem is a warning and the walk
//! goes on.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::model::Note;
use crate::note;
use globset::{Glob, GlobSet, GlobSetBuilder};
use regex::Regex;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

#[cfg(unix)]
mod fused;

/// A note file found by the walk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NoteFile {
    /// Vault-relative, `/`-separated.
    pub rel: String,
    pub abs: PathBuf,
    /// Its stamp, when the walk took it (see [`stat`]).
    pub stamp: Option<Stamp>,
}

/// Which vault paths to skip.
#[derive(Debug, Clone)]
pub(crate) struct Filter {
    globs: GlobSet,
    prefixes: Vec<String>,
    regexes: Vec<Regex>,
    template_files: Vec<String>,
    /// Folders skipped with everything in them.
    folders: Vec<String>,
}

/// Why the vault cannot be walked at all.
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    #[error("`{0}` is not a valid exclude glob: {1}")]
    BadGlob(String, globset::Error),
}

impl Filter {
    pub(crate) fn new(
        config: &Config,
        warnings: &mut Vec<Diagnostic>,
    ) -> Result<Filter, VaultError> {
        let mut b = GlobSetBuilder::new();
        for g in &config.settings.exclude.0 {
            let glob = Glob::new(g).map_err(|e| VaultError::BadGlob(g.clone(), e))?;
            b.add(glob);
        }
        let globs = b
            .build()
            .map_err(|e| VaultError::BadGlob(config.settings.exclude.0.join(", "), e))?;
        let mut prefixes = Vec::new();
        let mut regexes = Vec::new();
        for f in &config.obsidian_ignore {
            // Obsidian reads `/…/` as a regular expression and anything else as a path prefix.
            if f.len() > 2 && f.starts_with('/') && f.ends_with('/') {
                match Regex::new(&f[1..f.len() - 1]) {
                    Ok(r) => regexes.push(r),
                    Err(e) => warnings.push(Diagnostic::file(
                        ".obsidian/app.json",
                        format!("excluded-files filter `{f}` is not a valid regular expression ({e}); ignored"),
                    )),
                }
            } else if !f.trim().is_empty() {
                prefixes.push(f.trim_start_matches('/').to_string());
            }
        }
        // Note templates are not notes: their folders, and the template files themselves.
        for folder in &config.template_folders {
            prefixes.push(format!("{folder}/"));
        }
        let mut template_files = Vec::new();
        let review_template = config.settings.review.template.as_ref().map(|t| &t.0);
        for t in [
            config.daily.template.as_ref(),
            config.weekly.template.as_ref(),
            review_template,
        ]
        .into_iter()
        .flatten()
        .chain(&config.template_files)
        {
            let path = config.vault_file(t);
            if let Ok(rel) = path.strip_prefix(&config.vault) {
                template_files.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
        // A Logseq graph: its own folder (settings, and full copies of pages in `bak/`,
        // `.recycle/` and `version-files/`, which would count every task twice), and what
        // `:hidden` hides, as Logseq matches it: a path prefix (`archive` also hides
        // `archive-2024.md`).
        let mut folders = Vec::new();
        if let Some(graph) = &config.logseq {
            if graph.has_config {
                folders.push("logseq".to_string());
            } else {
                folders.extend(["logseq/bak".to_string(), "logseq/version-files".to_string()]);
            }
            prefixes.extend(graph.hidden.iter().cloned());
        }
        Ok(Filter {
            globs,
            prefixes,
            regexes,
            template_files,
            folders,
        })
    }

    /// Whether a vault-relative path (file or folder) is excluded. App backup folders are
    /// always left out (`noise::copies`), and a Logseq graph's `logseq/` folder and `:hidden` folders are.
    pub(crate) fn excludes(&self, rel: &str) -> bool {
        crate::noise::copies::is_app_backup(rel)
            || self.globs.is_match(rel)
            || self.prefixes.iter().any(|p| rel.starts_with(p.as_str()))
            || self.regexes.iter().any(|r| r.is_match(rel))
            || self.template_files.iter().any(|t| t == rel)
            || self.folders.iter().any(|f| {
                rel.strip_prefix(f.as_str())
                    .is_some_and(|r| r.is_empty() || r.starts_with('/'))
            })
    }
}

fn is_note_name(name: &[u8]) -> bool {
    let ends = |ext: &[u8]| {
        name.len() >= ext.len() && name[name.len() - ext.len()..].eq_ignore_ascii_case(ext)
    };
    ends(b".md") || (name.len() > 9 && ends(b".markdown"))
}

/// A vault-relative path as text, `/`-separated, and whether its name was valid UTF-8. A byte
/// that is not UTF-8 is written `\xNN`, so two names that differ only in such bytes stay two
/// paths (a `�` for each would make them one), and exclude globs see the same text the
/// warnings show.
fn rel_string(rel: &Path) -> (String, bool) {
    if std::path::MAIN_SEPARATOR == '/'
        && let Some(s) = rel.to_str()
    {
        return (s.to_string(), true);
    }
    let mut out = String::new();
    let mut valid = true;
    for part in rel.components() {
        if !out.is_empty() {
            out.push('/');
        }
        valid &= push_escaped(&mut out, part.as_os_str().as_encoded_bytes());
    }
    (out, valid)
}

/// Appends a file name to `out` as [`rel_string`] writes it; false when it was not UTF-8.
fn push_escaped(out: &mut String, name: &[u8]) -> bool {
    let mut valid = true;
    for chunk in name.utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            valid = false;
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    valid
}

fn not_utf8(rel: &str) -> Diagnostic {
    Diagnostic::file(
        rel,
        "file name is not valid UTF-8; shown with \\xNN in place of each bad byte",
    )
}

fn rel_path(root: &Path, path: &Path, warnings: &mut Vec<Diagnostic>) -> String {
    let (out, valid) = rel_string(path.strip_prefix(root).unwrap_or(path));
    if !valid {
        warnings.push(not_utf8(&out));
    }
    out
}

/// The notes of a vault as one walk found them.
#[derive(Debug)]
pub(crate) struct Walk {
    /// Every note the settings keep, sorted by path.
    pub(crate) files: Vec<NoteFile>,
    /// What the settings' exclusions said (bad patterns).
    pub(crate) settings: Vec<Diagnostic>,
    /// What the walk itself met: folders that could not be read, links that loop, names
    /// that are not UTF-8.
    pub(crate) met: Vec<Diagnostic>,
}

/// Walks the vault of `config` with its exclusions.
pub(crate) fn walk(config: &Config) -> Result<Walk, VaultError> {
    let mut settings = Vec::new();
    let filter = Filter::new(config, &mut settings)?;
    let (files, met) = discover(config, &filter);
    Ok(Walk {
        files,
        settings,
        met,
    })
}

/// Finds the notes of the vault, sorted by path, and what the walk met, sorted by path.
fn discover(config: &Config, filter: &Filter) -> (Vec<NoteFile>, Vec<Diagnostic>) {
    #[cfg(unix)]
    let (mut files, mut met) = if config.settings.follow_links {
        walkdir_discover(config, filter)
    } else {
        fused::discover(&config.vault, filter)
    };
    #[cfg(not(unix))]
    let (mut files, mut met) = walkdir_discover(config, filter);
    files.sort_unstable_by(|a, b| a.rel.cmp(&b.rel));
    met.sort_by(|a, b| a.path.cmp(&b.path));
    (files, met)
}

/// The walk that follows symbolic links (walkdir's, with its loop detection). Only
/// directories are read here; the files themselves are `stat`ed later, in parallel.
fn walkdir_discover(config: &Config, filter: &Filter) -> (Vec<NoteFile>, Vec<Diagnostic>) {
    let root = &config.vault;
    let mut warnings = Vec::new();
    let mut files = Vec::new();
    let walk = walkdir::WalkDir::new(root)
        .follow_links(config.settings.follow_links)
        .into_iter()
        .filter_entry(|e| {
            if e.depth() == 0 {
                return true;
            }
            if e.file_name().as_encoded_bytes().first() == Some(&b'.') {
                return false;
            }
            let rel = e.path().strip_prefix(root).unwrap_or(e.path());
            !filter.excludes(&rel_string(rel).0)
        });
    for entry in walk {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| rel_path(root, p, &mut warnings))
                    .unwrap_or_default();
                let message = if e.loop_ancestor().is_some() {
                    "symbolic link loop; not followed".to_string()
                } else {
                    format!(
                        "cannot be read: {}",
                        e.io_error()
                            .map_or_else(|| e.to_string(), ToString::to_string)
                    )
                };
                warnings.push(Diagnostic::file(&path, message));
                continue;
            }
        };
        if !entry.file_type().is_file() || !is_note_name(entry.file_name().as_encoded_bytes()) {
            continue;
        }
        let rel = rel_path(root, entry.path(), &mut warnings);
        files.push(NoteFile {
            rel,
            abs: entry.into_path(),
            stamp: None,
        });
    }
    (files, warnings)
}

/// What a note's metadata says of it: enough to tell, without reading it, that it has not
/// changed (with the racy-timestamp rule of its users).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Stamp {
    pub(crate) size: u64,
    /// Nanoseconds since the Unix epoch.
    pub(crate) mtime_ns: i128,
    /// The inode: a note replaced by another file of the same size and time is noticed.
    pub(crate) ino: u64,
}

impl Stamp {
    /// A stamp no file has: a note that could not be read is read again next time.
    pub(crate) const NONE: Stamp = Stamp {
        size: 0,
        mtime_ns: i128::MIN,
        ino: 0,
    };

    pub(crate) fn of(meta: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        let ino = std::os::unix::fs::MetadataExt::ino(meta);
        #[cfg(not(unix))]
        let ino = 0;
        Stamp {
            size: meta.len(),
            mtime_ns: mtime_ns(meta.modified().ok()),
            ino,
        }
    }
}

/// A note as one run saw it: its stamp and the hash of its bytes (0 when it could not be
/// read).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Seen {
    pub(crate) rel: String,
    pub(crate) stamp: Stamp,
    pub(crate) hash: u64,
}

/// A note's stamp: the walk's, or else (links followed, or the walk could not take it) from
/// its path.
pub(crate) fn stat(file: &NoteFile) -> Result<Stamp, Diagnostic> {
    if let Some(stamp) = file.stamp {
        return Ok(stamp);
    }
    std::fs::metadata(&file.abs)
        .map(|m| Stamp::of(&m))
        .map_err(|e| Diagnostic::file(&file.rel, format!("cannot be read: {e}")))
}

/// Nanoseconds since the Unix epoch, 0 when unknown.
pub(crate) fn mtime_ns(t: Option<SystemTime>) -> i128 {
    match t.map(|t| t.duration_since(SystemTime::UNIX_EPOCH)) {
        Some(Ok(d)) => d.as_nanos() as i128,
        Some(Err(e)) => -(e.duration().as_nanos() as i128),
        None => 0,
    }
}

/// Why a note was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unread {
    pub warning: Diagnostic,
    /// The reason lies in the file's contents (too big, not text), so it holds until the
    /// file changes; otherwise (permissions, a file that vanished) it is worth trying again.
    pub lasting: bool,
}

/// A note read and parsed, with the hash of its bytes (whether a note touched since is
/// still the same note).
#[derive(Debug)]
pub(crate) struct Read {
    pub(crate) note: Note,
    pub(crate) hash: u64,
}

/// Reads the bytes of a note (at most `max`): one open, the size from the open handle.
pub(crate) fn read_bytes(file: &NoteFile, max: u64) -> Result<Vec<u8>, crate::fsx::ReadError> {
    // The one safe open: a note swapped for a FIFO or a device after the walk is refused,
    // never waited on.
    crate::fsx::open_regular(&file.abs)
        .and_then(|(mut f, meta)| crate::fsx::read_open(&mut f, meta.len(), max))
}

/// Reads and parses one note of `size` bytes.
pub(crate) fn read_note(file: &NoteFile, size: u64, config: &Config) -> Result<Read, Unread> {
    let lasting = |warning| Unread {
        warning,
        lasting: true,
    };
    if size > config.settings.max_note_bytes.get() {
        return Err(lasting(Diagnostic::file(
            &file.rel,
            format!(
                "is {size} bytes, over max_note_bytes ({}); skipped",
                config.settings.max_note_bytes.get()
            ),
        )));
    }
    let max = config.settings.max_note_bytes.get();
    let bytes = match read_bytes(file, max) {
        Ok(b) => b,
        Err(crate::fsx::ReadError::TooLarge(_)) => {
            return Err(Unread {
                warning: Diagnostic::file(
                    &file.rel,
                    format!("grew over max_note_bytes ({max}) while being read; skipped"),
                ),
                lasting: false,
            });
        }
        Err(e) => {
            return Err(Unread {
                warning: Diagnostic::file(&file.rel, format!("cannot be read: {e}")),
                lasting: false,
            });
        }
    };
    let (text, warning) = note::decode(&file.rel, &bytes).map_err(lasting)?;
    let mut n = note::parse(&file.rel, &text, &config.parse);
    if let Some(w) = warning {
        n.diagnostics.insert(0, w);
    }
    Ok(Read {
        note: n,
        hash: crate::hash::fast(&bytes),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fused walk finds what walkdir finds (links not followed), with the stamps a
    /// `stat` by path gives.
    #[cfg(unix)]
    #[test]
    fn the_fused_walk_finds_what_walkdir_finds() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().expect("tmp");
        let root = dir.path();
        let write = |rel: &str| {
            let p = root.join(rel);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(&p, rel).expect("write");
        };
        for rel in [
            "a.md",
            "Daily/2026/2026-11-24.md",
            "Daily/2026/notes.txt",
            "Daily/README.MARKDOWN",
            ".obsidian/workspace.md",
            "Daily/.hidden.md",
            "Archive/old.md",
            "Templates/Daily.md",
            "deep/er/still/x.md",
        ] {
            write(rel);
        }
        let odd = std::ffi::OsStr::from_bytes(b"caf\xe9");
        std::fs::create_dir(root.join(odd)).expect("odd folder");
        std::fs::write(root.join(odd).join("n.md"), "x").expect("odd note");
        std::os::unix::fs::symlink(root.join("a.md"), root.join("link.md")).expect("link");
        std::os::unix::fs::symlink(root.join("Daily"), root.join("Linked")).expect("dir link");
        std::fs::create_dir(root.join("folder.md")).expect("folder named like a note");
        let made = std::process::Command::new("mkfifo")
            .arg(root.join("pipe.md"))
            .status()
            .expect("mkfifo");
        assert!(made.success());
        let mut config = Config::defaults(root.to_path_buf());
        config
            .apply_toml("exclude = [\"Archive/**\"]")
            .expect("config");
        config.obsidian_ignore = vec!["Templates/".into()];
        let filter = Filter::new(&config, &mut Vec::new()).expect("filter");
        let sorted = |(mut files, mut met): (Vec<NoteFile>, Vec<Diagnostic>)| {
            files.sort_by(|a, b| a.rel.cmp(&b.rel));
            met.sort_by(|a, b| a.path.cmp(&b.path));
            (files, met)
        };
        let (fused, fused_met) = sorted(fused::discover(root, &filter));
        let (walked, walked_met) = sorted(walkdir_discover(&config, &filter));
        let rels: Vec<&str> = fused.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(
            rels,
            [
                "Daily/2026/2026-11-24.md",
                "Daily/README.MARKDOWN",
                "a.md",
                "caf\\xE9/n.md",
                "deep/er/still/x.md"
            ]
        );
        assert_eq!(fused_met, walked_met);
        assert_eq!(fused_met.len(), 1, "the name that is not UTF-8");
        assert_eq!(fused.len(), walked.len());
        for (f, w) in fused.iter().zip(&walked) {
            assert_eq!((&f.rel, &f.abs), (&w.rel, &w.abs));
            let by_path = Stamp::of(&std::fs::metadata(&f.abs).expect("meta"));
            assert_eq!(f.stamp, Some(by_path), "{}", f.rel);
        }
    }

    #[test]
    fn note_names() {
        assert!(is_note_name(b"a.md"));
        assert!(is_note_name(b"A.MD"));
        assert!(is_note_name(b"x.markdown"));
        assert!(is_note_name(b"caf\xe9.md"));
        assert!(!is_note_name(b"a.mdx"));
        assert!(!is_note_name(b"md"));
        assert!(!is_note_name("é.txt".as_bytes()));
    }

    #[test]
    fn a_note_that_vanished_after_the_walk_is_a_warning() {
        let dir = tempfile::tempdir().expect("tmp");
        let config = Config::defaults(dir.path().to_path_buf());
        let file = NoteFile {
            rel: "gone.md".into(),
            abs: dir.path().join("gone.md"),
            stamp: None,
        };
        assert!(stat(&file).is_err());
        let e = read_note(&file, 10, &config).expect_err("missing");
        assert_eq!(e.warning.path, "gone.md");
        assert!(
            e.warning.message.starts_with("cannot be read"),
            "{}",
            e.warning.message
        );
        assert!(!e.lasting, "worth trying again");
        // A folder named like a note cannot be read either, even by root.
        std::fs::create_dir(dir.path().join("dir.md")).expect("mkdir");
        let folder = NoteFile {
            rel: "dir.md".into(),
            abs: dir.path().join("dir.md"),
            stamp: None,
        };
        assert!(
            !read_note(&folder, 10, &config)
                .expect_err("a folder")
                .lasting
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_note_swapped_for_a_fifo_after_the_walk_is_a_warning_not_a_hang() {
        let dir = tempfile::tempdir().expect("tmp");
        let config = Config::defaults(dir.path().to_path_buf());
        let abs = dir.path().join("swapped.md");
        let made = std::process::Command::new("mkfifo")
            .arg(&abs)
            .status()
            .expect("mkfifo");
        assert!(made.success());
        let file = NoteFile {
            rel: "swapped.md".into(),
            abs,
            stamp: None,
        };
        let e = read_note(&file, 10, &config).expect_err("a FIFO");
        assert_eq!(
            e.warning.message,
            "cannot be read: is a FIFO, not a regular file; not read"
        );
        assert!(!e.lasting, "tried again next time");
    }

    #[test]
    fn a_note_that_grew_past_the_limit_while_read_is_skipped() {
        let dir = tempfile::tempdir().expect("tmp");
        let mut config = Config::defaults(dir.path().to_path_buf());
        config.apply_toml("max_note_bytes = 8").expect("config");
        std::fs::write(dir.path().join("a.md"), "0123456789").expect("write");
        let file = NoteFile {
            rel: "a.md".into(),
            abs: dir.path().join("a.md"),
            stamp: None,
        };
        let e = read_note(&file, 4, &config).expect_err("too big");
        assert!(
            e.warning.message.contains("grew over max_note_bytes"),
            "{}",
            e.warning.message
        );
        assert!(!e.lasting);
        let e = read_note(&file, 10, &config).expect_err("too big from the start");
        assert!(e.lasting);
    }

    #[test]
    fn obsidian_filters_are_prefixes_or_regexes() {
        let mut c = Config::defaults(PathBuf::from("/v"));
        c.obsidian_ignore = vec![
            "Templates/".into(),
            "/\\.excalidraw\\.md$/".into(),
            "/[/".into(),
        ];
        c.apply_toml("exclude = [\"Archive/**\", \"**/*.tmp.md\"]")
            .expect("config");
        let mut w = Vec::new();
        let f = Filter::new(&c, &mut w).expect("filter");
        assert_eq!(w.len(), 1, "a bad regex is a warning");
        assert!(f.excludes("Templates/Daily.md"));
        assert!(f.excludes("Drawing.excalidraw.md"));
        assert!(f.excludes("Archive/old.md"));
        assert!(f.excludes("x/y.tmp.md"));
        assert!(!f.excludes("Daily/2026-11-24.md"));
    }

    #[test]
    fn a_logseq_graph_skips_its_own_folder_and_its_hidden_paths() {
        let mut c = Config::defaults(PathBuf::from("/v"));
        let mut graph = crate::config::logseq::Graph {
            hidden: vec!["archive".into(), "README.md".into()],
            ..Default::default()
        };
        c.logseq = Some(graph.clone());
        let f = Filter::new(&c, &mut Vec::new()).expect("filter");
        for skipped in [
            "logseq",
            "logseq/bak/journals/2026_11_24/2026-11-24T08_15_02.114Z.Desktop.md",
            "logseq/version-files/local/pages/a.md",
            "archive",
            "archive/2025 goals.md",
            "archive-2024.md",
            "README.md",
        ] {
            assert!(f.excludes(skipped), "{skipped}");
        }
        for read in [
            "logseq-notes.md",
            "pages/archive.md",
            "journals/2026_11_24.md",
        ] {
            assert!(!f.excludes(read), "{read}");
        }
        // Journals without settings: only Logseq's copies of pages are skipped.
        graph.has_config = false;
        graph.hidden.clear();
        c.logseq = Some(graph);
        let f = Filter::new(&c, &mut Vec::new()).expect("filter");
        assert!(f.excludes("logseq/bak/a.md"));
        assert!(!f.excludes("logseq/notes.md"));
    }
}
