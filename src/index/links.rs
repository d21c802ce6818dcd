//! Link resolution, as Obsidian resolves links: a path relative to the linking note's folder,
//! else from the vault's root, else by name — the note in the same folder as the linking one
//! first, then the one nearest the root.

use super::{Index, NoteId};
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
    pub(super) fn new(notes: &[Box<Note>]) -> Links {
        let mut links = Links::default();
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

    /// Resolves, once per folder, every link written in a task, checkpoint or decision.
    pub(super) fn resolve_all(&mut self, notes: &[Box<Note>]) {
        let mut resolved: HashMap<String, HashMap<String, Option<NoteId>>> = HashMap::new();
        for n in notes {
            let folder = folder_of(&n.path);
            let targets = n
                .tasks
                .iter()
                .flat_map(|t| &t.links)
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
