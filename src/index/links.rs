//! Link resolution, as Obsidian resolves links: a path relative to the linking note's folder,
//! else from the vault's root, else by name — the note in the same folder as the linking one
//! first, then the one nearest the root.
//!
//! In a Logseq graph a link names a page by its title, case aside, and that comes first: a
//! page's title is its `title::`, else its file name with Logseq's escaping undone
//! (`ECE 3333B%3A Circuits.md` is "ECE 3333B: Circuits", `Projects___Site.md` is the
//! namespaced "Projects/Site", or with legacy names `Projects.Site.md`); its `alias::` names
//! reach it too, and a journal is named by its date in the graph's title format
//! (`[[Nov 24th, 2026]]`).

use super::{Index, NoteId};
use crate::config::Config;
use crate::config::logseq::FileNameFormat;
use crate::hash::fnv_folded;
use crate::model::{Note, strip_note_ext};
use std::collections::HashMap;

/// The link maps of an index, and every link written in a task, checkpoint or decision,
/// resolved once.
#[derive(Debug, Clone, Default)]
pub(super) struct Links {
    /// Notes by the folded hash of their file name without extension, nearest the root first.
    stems: HashMap<u64, Vec<NoteId>>,
    /// Notes by the folded hash of their path without extension.
    paths: HashMap<u64, Vec<NoteId>>,
    /// Resolved links, by the folder of the note they are written in and their target.
    resolved: HashMap<String, HashMap<String, Option<NoteId>>>,
    /// A Logseq graph's page names (title, aliases, journal titles), lowercase.
    titles: HashMap<String, NoteId>,
    /// Each note's title as a Logseq page, in a graph with settings.
    page_titles: Vec<Option<String>>,
}

/// Lowercase path without `.md` / `.markdown`.
fn link_key(path: &str) -> String {
    strip_note_ext(path).to_lowercase()
}

/// The folder of a vault-relative path (`""` at the root).
pub(super) fn folder_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(f, _)| f)
}

/// `a/./b/../c` as `a/c`; `None` when `..` climbs above the vault.
fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// Whether a link target names a note (rather than an image or other file).
pub(super) fn names_a_note(target: &str) -> bool {
    let path = target.split('#').next().unwrap_or(target);
    let name = path.rsplit('/').next().unwrap_or(path);
    match name.rsplit_once('.') {
        Some((_, ext)) => {
            ext.eq_ignore_ascii_case("md")
                || ext.eq_ignore_ascii_case("markdown")
                || ext.contains(' ')
        }
        None => true,
    }
}

impl Links {
    /// The maps of `notes` (sorted by path); links are resolved by [`Links::resolve_all`].
    pub(super) fn new(notes: &[Box<Note>], config: &Config) -> Links {
        let mut links = Links::default();
        links.logseq_titles(notes, config);
        for (i, n) in notes.iter().enumerate() {
            let id = NoteId::new(i);
            links
                .paths
                .entry(fnv_folded(strip_note_ext(&n.path)))
                .or_default()
                .push(id);
            links
                .stems
                .entry(fnv_folded(n.stem()))
                .or_default()
                .push(id);
        }
        for list in links.stems.values_mut() {
            // Obsidian prefers the note nearest the vault root when names clash.
            list.sort_by_cached_key(|&i| {
                let p = &notes[i.at()].path;
                (p.matches('/').count(), p.clone())
            });
        }
        links
    }

    /// The page names of a Logseq graph: the first note (in path order) to claim a name
    /// keeps it, titles before aliases.
    fn logseq_titles(&mut self, notes: &[Box<Note>], config: &Config) {
        self.page_titles = vec![None; notes.len()];
        let (Some(graph), Some(parse)) = (&config.logseq, &config.parse.logseq) else {
            return;
        };
        let mut aliases = Vec::new();
        for (i, n) in notes.iter().enumerate() {
            let id = NoteId::new(i);
            if let Some(Some(day)) = parse.journal_date(&n.path) {
                self.titles
                    .entry(parse.journal_title(day).to_lowercase())
                    .or_insert(id);
            }
            if !graph.has_config {
                continue;
            }
            let title =
                n.front.title.clone().unwrap_or_else(|| {
                    page_title(&n.path, graph.file_name_format, &graph.pages_dir)
                });
            self.titles
                .entry(title.trim_matches('/').to_lowercase())
                .or_insert(id);
            self.page_titles[i] = Some(title);
            aliases.extend(n.front.aliases.iter().map(|a| (a.to_lowercase(), id)));
        }
        for (a, id) in aliases {
            self.titles.entry(a).or_insert(id);
        }
    }

    /// A note's title as a Logseq page, in a graph with settings.
    pub(super) fn page_title(&self, note: NoteId) -> Option<&str> {
        self.page_titles.get(note.at())?.as_deref()
    }

    /// Resolves, once per folder, every link written in a task, checkpoint or decision.
    pub(super) fn resolve_all(&mut self, notes: &[Box<Note>]) {
        let mut resolved: HashMap<String, HashMap<String, Option<NoteId>>> = HashMap::new();
        for n in notes {
            let folder = folder_of(&n.path);
            let targets = n
                .tasks
                .iter()
                .flat_map(|t| {
                    let tags: &[String] = if t.marker().is_some() { &t.tags } else { &[] };
                    t.links.iter().chain(tags).chain(t.context_links())
                })
                .chain(n.checkpoints.iter().flat_map(|c| &c.links))
                .chain(n.decisions.iter().flat_map(|d| &d.links));
            for l in targets {
                let in_folder = match resolved.get_mut(folder) {
                    Some(m) => m,
                    None => resolved.entry(folder.to_string()).or_default(),
                };
                if !in_folder.contains_key(l.as_str()) {
                    in_folder.insert(l.clone(), self.find(notes, &n.path, l));
                }
            }
        }
        self.resolved = resolved;
    }

    /// The note a link in note `source` points to (`Note`, `Folder/Note`, `../Note.md`,
    /// `Note#Heading`).
    fn find(&self, notes: &[Box<Note>], source: &str, target: &str) -> Option<NoteId> {
        if !self.titles.is_empty()
            && let Some(&i) = self.titles.get(&target.trim().to_lowercase())
        {
            return Some(i);
        }
        let target = target.split('#').next().unwrap_or(target).trim();
        if target.is_empty() {
            return None;
        }
        let folder = folder_of(source);
        let exact = |path: &str| -> Option<NoteId> {
            let key = link_key(path);
            self.paths
                .get(&fnv_folded(&key))?
                .iter()
                .copied()
                .find(|&i| link_key(&notes[i.at()].path) == key)
        };
        if !target.starts_with('/')
            && let Some(p) = normalize(&format!("{folder}/{target}"))
            && let Some(i) = exact(&p)
        {
            return Some(i);
        }
        if let Some(p) = normalize(target.trim_start_matches('/'))
            && let Some(i) = exact(&p)
        {
            return Some(i);
        }
        let key = link_key(target.trim_start_matches(['.', '/']));
        let stem = key.rsplit('/').next().unwrap_or(&key);
        let candidates: Vec<NoteId> = self
            .stems
            .get(&fnv_folded(stem))?
            .iter()
            .copied()
            .filter(|&i| notes[i.at()].stem().to_lowercase() == stem)
            .filter(|&i| {
                // A partial path: the notes whose path ends with it.
                !key.contains('/') || link_key(&notes[i.at()].path).ends_with(&format!("/{key}"))
            })
            .collect();
        candidates
            .iter()
            .copied()
            .find(|&i| folder_of(&notes[i.at()].path).eq_ignore_ascii_case(folder))
            .or_else(|| candidates.first().copied())
    }
}

impl Index {
    /// The note a link written in note `source` points to, as Obsidian resolves it (see the
    /// module docs); answered from the links resolved while building when it was seen there.
    pub(crate) fn resolve(&self, source: &str, target: &str) -> Option<NoteId> {
        match self
            .links
            .resolved
            .get(folder_of(source))
            .and_then(|m| m.get(target))
        {
            Some(r) => *r,
            None => self.links.find(&self.notes, source, target),
        }
    }
}

/// A Logseq page's title from its file name, Logseq's escaping undone: with `:triple-lowbar`
/// `___` is a namespace `/` and each `%XX` of an ASCII character is decoded (empty namespace
/// parts are dropped); with `:legacy` every `.` is a `/` and the name is URL-decoded (left as
/// it is when that fails). `contents.md` in the pages folder is "Contents".
pub(crate) fn page_title(path: &str, format: FileNameFormat, pages_dir: &str) -> String {
    let stem = strip_note_ext(path.rsplit('/').next().unwrap_or(path));
    if stem == "contents" && folder_of(path) == pages_dir {
        return "Contents".to_string();
    }
    match format {
        FileNameFormat::TripleLowbar => {
            let slashed = stem.replace("___", "/");
            let b = slashed.as_bytes();
            let mut out = String::with_capacity(slashed.len());
            let mut i = 0;
            while i < b.len() {
                if b[i] == b'%'
                    && let Some(v) = slashed
                        .get(i + 1..i + 3)
                        .and_then(|h| u8::from_str_radix(h, 16).ok())
                        .filter(u8::is_ascii)
                {
                    out.push(char::from(v));
                    i += 3;
                    continue;
                }
                let c = slashed[i..].chars().next().unwrap_or('\u{FFFD}');
                out.push(c);
                i += c.len_utf8().max(1);
            }
            if !out.contains('/') {
                return out;
            }
            out.split('/')
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join("/")
        }
        FileNameFormat::Legacy => {
            let dotted = stem.replace('.', "/");
            url_decode(&dotted).unwrap_or(dotted)
        }
    }
}

/// `decodeURIComponent`: `None` when a `%` is not followed by two hex digits or the bytes are
/// not UTF-8.
fn url_decode(s: &str) -> Option<String> {
    if !s.contains('%') {
        return Some(s.to_string());
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            out.push(u8::from_str_radix(s.get(i + 1..i + 3)?, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logseq_file_names_unescaped() {
        let t = |p: &str| page_title(p, FileNameFormat::TripleLowbar, "pages");
        assert_eq!(
            t("pages/ECE 3333B%3A Electric Power Systems I.md"),
            "ECE 3333B: Electric Power Systems I"
        );
        assert_eq!(
            t("pages/Projects___Website Relaunch.md"),
            "Projects/Website Relaunch"
        );
        assert_eq!(t("pages/v1.2 release notes.md"), "v1.2 release notes");
        assert_eq!(t("pages/Why Spanish%3F.md"), "Why Spanish?");
        assert_eq!(
            t("pages/Tweet___This 1 Tiny...___.md"),
            "Tweet/This 1 Tiny..."
        );
        assert_eq!(
            t("pages/caf%C3%A9.md"),
            "caf%C3%A9",
            "one byte at a time, as Logseq"
        );
        assert_eq!(t("pages/contents.md"), "Contents");
        assert_eq!(t("elsewhere/contents.md"), "contents");
        let l = |p: &str| page_title(p, FileNameFormat::Legacy, "pages");
        assert_eq!(l("pages/Foo.Bar.md"), "Foo/Bar");
        assert_eq!(l("pages/Foo%2FBar.md"), "Foo/Bar");
        assert_eq!(l("pages/caf%C3%A9.md"), "café");
        assert_eq!(
            l("pages/100%.md"),
            "100%",
            "a bad escape leaves the name as it is"
        );
    }
}
