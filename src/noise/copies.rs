//! Copies that apps and sync tools leave beside a note: conflict copies (Syncthing, Dropbox,
//! Nextcloud, Obsidian Sync), numbered and Finder/iCloud duplicates, and app backup folders.
//! A copy is the same writing again: it is not counted twice, and `check` names both files.

/// How a copy came to be, and so how sure the name alone makes us.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CopyKind {
    /// Syncthing's `note.sync-conflict-20240101-120000-ABCDEFG.md`: the conflict's time.
    SyncConflict { when: String },
    /// Dropbox, Nextcloud, Obsidian Sync: `note (conflicted copy 2024-01-01).md`,
    /// `note (Ann's conflicted copy …).md`, `note (Case Conflict).md`.
    ConflictedCopy,
    /// `note (1).md`, as browsers, Google Drive and Windows name a second copy.
    Numbered,
    /// `note 2.md`, `note copy.md`, `note copy 2.md`, as Finder and iCloud name one.
    Duplicate,
}

impl CopyKind {
    /// The name alone says it is a copy (a sync tool's conflict file); otherwise the base
    /// note must be there too, and for a Finder duplicate look like it.
    pub(crate) fn sure(&self) -> bool {
        matches!(
            self,
            CopyKind::SyncConflict { .. } | CopyKind::ConflictedCopy
        )
    }

    /// What made the copy, for the warning.
    pub(crate) fn describe(&self) -> String {
        match self {
            CopyKind::SyncConflict { when } => format!("a Syncthing conflict copy (from {when})"),
            CopyKind::ConflictedCopy => "a sync conflict copy".to_string(),
            CopyKind::Numbered => "a numbered copy".to_string(),
            CopyKind::Duplicate => "a duplicate".to_string(),
        }
    }
}

/// A copy's name: the file name (without extension) of the note it copies, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CopyName {
    pub(crate) base: String,
    pub(crate) kind: CopyKind,
}

/// `note.sync-conflict-20240101-120000-ABCDEFG`: the base and the conflict's time.
fn syncthing(stem: &str) -> Option<(&str, String)> {
    let (base, rest) = stem.rsplit_once(".sync-conflict-")?;
    let b = rest.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let device = b.get(16..).is_some_and(|d| {
        d.len() == 7
            && d.iter()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    });
    let shaped = b.len() == 23 && digits(0..8) && b[8] == b'-' && digits(9..15) && b[15] == b'-';
    if base.is_empty() || !shaped || !device {
        return None;
    }
    let when = format!(
        "{}-{}-{} {}:{}:{}",
        &rest[0..4],
        &rest[4..6],
        &rest[6..8],
        &rest[9..11],
        &rest[11..13],
        &rest[13..15]
    );
    Some((base, when))
}

/// `note (…)`: the base and what the parentheses hold.
fn parenthesised(stem: &str) -> Option<(&str, &str)> {
    let inner_end = stem.strip_suffix(')')?;
    let open = inner_end.rfind(" (")?;
    let (base, inner) = (&inner_end[..open], &inner_end[open + 2..]);
    (!base.is_empty() && !inner.contains(['(', ')'])).then_some((base, inner))
}

/// Whether the parentheses of a conflict copy say so: `conflicted copy …`, `Ann's conflicted
/// copy …`, `Case Conflict`, `Selective Sync Conflict`.
fn says_conflict(inner: &str) -> bool {
    let lower = inner.to_lowercase();
    let after_owner = match lower.find("'s ") {
        Some(i) => &lower[i + 3..],
        None => lower.as_str(),
    };
    after_owner
        .strip_prefix("conflicted copy")
        .is_some_and(|r| r.is_empty() || r.starts_with(' '))
        || lower == "case conflict"
        || lower == "selective sync conflict"
}

/// Whether a note's file name (without folder and extension) is that of a copy, and of what.
pub(crate) fn copy_name(stem: &str) -> Option<CopyName> {
    let name = |base: &str, kind| {
        Some(CopyName {
            base: base.to_string(),
            kind,
        })
    };
    if let Some((base, when)) = syncthing(stem) {
        return name(base, CopyKind::SyncConflict { when });
    }
    if let Some((base, inner)) = parenthesised(stem) {
        if says_conflict(inner) {
            return name(base, CopyKind::ConflictedCopy);
        }
        let numbered = (1..=2).contains(&inner.len())
            && inner.bytes().all(|c| c.is_ascii_digit())
            && !inner.starts_with('0');
        if numbered {
            return name(base, CopyKind::Numbered);
        }
    }
    // `note 2` … `note 9`, `note copy`, `note copy 2` … `note copy 9`.
    let b = stem.as_bytes();
    let without_number =
        (b.len() > 2 && b[b.len() - 2] == b' ' && (b'2'..=b'9').contains(&b[b.len() - 1]))
            .then(|| &stem[..stem.len() - 2]);
    for candidate in [without_number, Some(stem)].into_iter().flatten() {
        if let Some(base) = candidate.strip_suffix(" copy")
            && !base.is_empty()
        {
            return name(base, CopyKind::Duplicate);
        }
    }
    without_number
        .filter(|base| !base.is_empty())
        .and_then(|base| name(base, CopyKind::Duplicate))
}

/// What two notes' contents must share for a Finder-style `note 2.md` to count as a copy of
/// `note.md` (the name alone is not enough: `Chapter 2.md` is usually a note of its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Likeness<'a> {
    pub(crate) h1: Option<&'a str>,
    pub(crate) words: u32,
    pub(crate) tasks: usize,
}

/// Whether a duplicate looks like its base: the same first heading, about as many words (a
/// fifth either way, or 20) and as many tasks.
pub(crate) fn looks_alike(copy: Likeness<'_>, base: Likeness<'_>) -> bool {
    let (a, b) = (copy.words.max(base.words), copy.words.min(base.words));
    copy.h1 == base.h1 && a - b <= (a / 5).max(20) && copy.tasks.abs_diff(base.tasks) <= 2
}

/// App-internal folders that hold backups of notes, not notes: Logseq's `logseq/bak/` and
/// `logseq/version-files/` (its `.recycle/` is hidden). The rest of a Logseq graph's own
/// folder is the Logseq reader's to skip.
pub(crate) fn is_app_backup(rel: &str) -> bool {
    ["logseq/bak", "logseq/version-files"].iter().any(|p| {
        rel.strip_prefix(p)
            .is_some_and(|r| r.is_empty() || r.starts_with('/'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(stem: &str) -> Option<(String, CopyKind)> {
        copy_name(stem).map(|c| (c.base, c.kind))
    }

    #[test]
    fn sync_tools_conflict_names() {
        assert_eq!(
            kind("note.sync-conflict-20240101-120000-ABCDEFG"),
            Some((
                "note".into(),
                CopyKind::SyncConflict {
                    when: "2024-01-01 12:00:00".into()
                }
            ))
        );
        for s in [
            "Plan (conflicted copy 2024-01-01)",
            "Plan (Ann's conflicted copy 2024-01-01 120000)",
            "Plan (Conflicted copy from laptop)",
            "Plan (Case Conflict)",
        ] {
            assert_eq!(
                kind(s),
                Some(("Plan".into(), CopyKind::ConflictedCopy)),
                "{s}"
            );
        }
        assert_eq!(
            kind("2024_01_30 (1)"),
            Some(("2024_01_30".into(), CopyKind::Numbered))
        );
    }

    #[test]
    fn finder_duplicates_and_names_that_are_not_copies() {
        for (s, base) in [
            ("note 2", "note"),
            ("note copy", "note"),
            ("note copy 3", "note"),
        ] {
            assert_eq!(kind(s), Some((base.into(), CopyKind::Duplicate)), "{s}");
        }
        // Real pages of the Logseq docs and the Tasks demo: not copies by name.
        for s in [
            "Plugins 01",
            "Plugins 101",
            "limit 5000",
            "Project 1",
            "note (01)",
            "note",
        ] {
            assert_eq!(kind(s), None, "{s}");
        }
        assert!(!CopyKind::Duplicate.sure() && CopyKind::ConflictedCopy.sure());
    }

    #[test]
    fn duplicates_must_look_like_their_base() {
        let l = |h1, words, tasks| Likeness { h1, words, tasks };
        assert!(looks_alike(l(Some("A"), 100, 3), l(Some("A"), 110, 3)));
        assert!(!looks_alike(
            l(Some("Chapter 2"), 100, 0),
            l(Some("Chapter 1"), 100, 0)
        ));
        assert!(!looks_alike(l(None, 500, 0), l(None, 100, 0)));
    }

    #[test]
    fn logseq_backups() {
        assert!(is_app_backup("logseq/bak/journals/2023_09_12/x.md"));
        assert!(is_app_backup(
            "logseq/version-files/base/journals/2023_09_12.md"
        ));
        assert!(!is_app_backup("logseq/config.edn"));
        assert!(!is_app_backup("Notes/logseq/bak/x.md"));
        assert!(!is_app_backup("logseq/bakery.md"));
    }
}
