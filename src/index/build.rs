//! The passes that build an index from parsed notes — link maps, task ids, plans, which plan
//! each task serves, checkpoints — and the vault-wide checks; and the snapshot of the vault
//! as it stood on a past day.

use super::links::{self, Links};
use super::status::done_on;
use super::{
    Checkpoint, CheckpointId, CheckpointSource, Index, NoteId, Plan, PlanId, PlanStatus, TaskRef,
};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::model::{Note, NoteKind, Status};
use crate::noise::copies::{self, CopyKind, Likeness};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Leaves out the copies sync tools and file managers made of notes (`noise::copies`), so
/// their writing is counted once; returns a warning for each, naming both files. A conflict
/// copy whose note is missing is read in its place.
#[allow(clippy::vec_box)]
fn drop_copies(notes: &mut Vec<Box<Note>>) -> Vec<Diagnostic> {
    fn likeness(n: &Note) -> Likeness<'_> {
        Likeness {
            h1: n.h1.as_deref(),
            words: n.words.iter().map(|w| w.words).sum(),
            tasks: n.tasks.len(),
        }
    }
    // Notes by folder and lowercase file name, for the base of each copy.
    let mut by_name: HashMap<(&str, String), usize> = HashMap::new();
    for (i, n) in notes.iter().enumerate() {
        by_name.insert((links::folder_of(&n.path), n.stem().to_lowercase()), i);
    }
    let mut warnings = Vec::new();
    let mut drop = vec![false; notes.len()];
    for (i, n) in notes.iter().enumerate() {
        let Some(copy) = copies::copy_name(n.stem()) else {
            continue;
        };
        let base = by_name
            .get(&(links::folder_of(&n.path), copy.base.to_lowercase()))
            .map(|&b| &notes[b]);
        let what = copy.kind.describe();
        match base {
            Some(b) => {
                let alike = match copy.kind {
                    CopyKind::Duplicate => copies::looks_alike(likeness(n), likeness(b)),
                    _ => true,
                };
                if !alike {
                    continue;
                }
                drop[i] = true;
                warnings.push(Diagnostic::file(
                    &n.path,
                    format!(
                        "is {what} of `{}`, so it is left out (counted once): merge what differs into `{}` and delete this copy",
                        b.path, b.path
                    ),
                ));
            }
            None if copy.kind.sure() => warnings.push(Diagnostic::file(
                &n.path,
                format!(
                    "is {what} of `{}`, which is not there; it is read in its place: rename it",
                    copy.base
                ),
            )),
            None => {}
        }
    }
    let mut it = drop.iter();
    notes.retain(|_| !it.next().copied().unwrap_or(false));
    warnings
}

/// Whether the vault-wide checks run: they do on the vault as it is, not on a snapshot of a
/// past day (its warnings are the present vault's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Checks {
    Run,
    Skip,
}

impl Index {
    /// Builds the index from parsed notes (in any order) and the warnings met while reading.
    pub fn build(notes: Vec<Box<Note>>, diagnostics: Vec<Diagnostic>, config: &Config) -> Index {
        Index::build_with(notes, diagnostics, config, Checks::Run)
    }

    #[allow(clippy::vec_box)]
    fn build_with(
        mut notes: Vec<Box<Note>>,
        mut diagnostics: Vec<Diagnostic>,
        config: &Config,
        checks: Checks,
    ) -> Index {
        notes.sort_by(|a, b| a.path.cmp(&b.path));
        for n in &mut notes {
            diagnostics.append(&mut n.diagnostics);
        }
        // What journal wrote is not read back: a file it generated whole (`generator:
        // journal`, no markers), and in any note the region between its markers (hidden by the
        // reader), so what the owner wrote around a review is read. Unrendered templates are
        // not notes.
        notes.retain(|n| {
            let generated = n
                .front
                .generator
                .as_deref()
                .is_some_and(|g| g.eq_ignore_ascii_case("journal"));
            (!generated || n.has_journal_region) && n.kind != NoteKind::Template
        });
        if checks == Checks::Run {
            diagnostics.extend(drop_copies(&mut notes));
        } else {
            drop_copies(&mut notes);
        }
        let mut links = Links::new(&notes, config);
        links.resolve_all(&notes);
        let mut index = Index {
            notes,
            diagnostics,
            links,
            ..Index::default()
        };
        index.task_ids();
        let plan_problems = index.find_plans(config);
        index.assign_tasks();
        index.find_checkpoints(config);
        if checks == Checks::Run {
            index.diagnostics.extend(plan_problems);
            index.check(config);
            index.diagnostics.sort();
            index.diagnostics.dedup();
        }
        index
    }

    /// Tasks by their `🆔` id, for dependencies.
    fn task_ids(&mut self) {
        let mut ids: HashMap<String, Vec<TaskRef>> = HashMap::new();
        for (r, t) in self.tasks() {
            if let Some(id) = t.id() {
                ids.entry(id.to_string()).or_default().push(r);
            }
        }
        self.ids = ids;
    }

    /// Finds the plans; returns the problems met (statuses it does not know).
    fn find_plans(&mut self, config: &Config) -> Vec<Diagnostic> {
        self.note_plan = vec![None; self.notes.len()];
        let folder = config.plans_folder();
        let mut problems = Vec::new();
        for (i, n) in self.notes.iter().enumerate() {
            let by_type =
                n.front.kind.as_deref().is_some_and(|k| {
                    k.eq_ignore_ascii_case("plan") || k.eq_ignore_ascii_case("goal")
                });
            let by_tag = config.settings.tags.plan.0.iter().any(|p| n.has_tag(p));
            let by_folder = folder.is_some_and(|f| {
                n.path.len() > f.len()
                    && n.path.starts_with(f)
                    && n.path.as_bytes()[f.len()] == b'/'
            });
            if !(by_type || by_tag || by_folder) {
                continue;
            }
            let written = n.front.status.clone().unwrap_or_default();
            let status = PlanStatus::read(&written).unwrap_or_else(|| {
                problems.push(Diagnostic::new(
                    &n.path,
                    1,
                    1,
                    format!(
                        "plan status `{written}` is not one of active, paused, on-hold, someday, done, dropped; read as active"
                    ),
                ));
                PlanStatus::Active
            });
            let title = n
                .front
                .title
                .clone()
                .or_else(|| n.front.goal.clone())
                .or_else(|| self.links.page_title(NoteId::new(i)).map(str::to_string))
                .or_else(|| n.h1.clone())
                .unwrap_or_else(|| n.stem().to_string());
            self.note_plan[i] = Some(PlanId::new(self.plans.len()));
            self.plans.push(Plan {
                note: NoteId::new(i),
                title,
                status,
                status_text: if written.trim().is_empty() {
                    "active".into()
                } else {
                    written.trim().to_lowercase()
                },
                target: n.front.target,
                decision: n.front.decision.clone(),
                revisit: n.front.revisit,
                actions: Vec::new(),
                checkpoints: Vec::new(),
            });
        }
        problems
    }

    /// A task serves one plan: its note's, else the one it links to, else (a Logseq task) the
    /// one it is tagged with, else the one a block above it links to, else its parent's.
    fn assign_tasks(&mut self) {
        let mut task_plan = Vec::with_capacity(self.notes.len());
        for (ni, n) in self.notes_with_ids() {
            let own = self.plan_of_note(ni);
            let mut plans: Vec<Option<PlanId>> = Vec::with_capacity(n.tasks.len());
            for t in &n.tasks {
                let plan = own
                    .or_else(|| self.linked_plan(&n.path, &t.links))
                    .or_else(|| {
                        // To Logseq a tag is a page reference: `#Plan` is `[[Plan]]`.
                        t.marker().and_then(|_| self.linked_plan(&n.path, &t.tags))
                    })
                    .or_else(|| self.linked_plan(&n.path, t.context_links()))
                    .or_else(|| {
                        t.parent
                            .and_then(|p| plans.get(p as usize).copied().flatten())
                    });
                plans.push(plan);
            }
            task_plan.push(plans);
        }
        // Each plan's own note first, then linked tasks elsewhere in path order.
        for (ni, plans) in task_plan.iter().enumerate() {
            for (ti, p) in plans.iter().enumerate() {
                if let Some(p) = p {
                    self.plans[p.at()]
                        .actions
                        .push(TaskRef::new(NoteId::new(ni), ti));
                }
            }
        }
        for plan in &mut self.plans {
            let own = plan.note;
            plan.actions.sort_by_key(|r| (r.note != own, *r));
        }
        self.task_plan = task_plan;
    }

    fn find_checkpoints(&mut self, config: &Config) {
        let mut out = Vec::new();
        for (ni, n) in self.notes_with_ids() {
            for (ti, t) in n.tasks.iter().enumerate() {
                if !config
                    .settings
                    .tags
                    .checkpoint
                    .0
                    .iter()
                    .any(|c| t.has_tag(c))
                {
                    continue;
                }
                let r = TaskRef::new(ni, ti);
                out.push(Checkpoint {
                    source: CheckpointSource::Task(r),
                    text: t.text.clone(),
                    date: t.dates.due.or(t.dates.scheduled),
                    reached_on: done_on(t),
                    status: t.status,
                    plan: self.plan_of_task(r),
                    feeling: t.feeling().map(str::to_string),
                });
            }
            for (ci, c) in n.checkpoints.iter().enumerate() {
                out.push(Checkpoint {
                    source: CheckpointSource::Line {
                        note: ni,
                        index: u32::try_from(ci).unwrap_or(u32::MAX),
                    },
                    text: c.text.clone(),
                    date: c.date,
                    reached_on: c.done,
                    status: if c.done.is_some() {
                        Status::Done
                    } else {
                        Status::Todo
                    },
                    plan: self
                        .plan_of_note(ni)
                        .or_else(|| self.linked_plan(&n.path, &c.links)),
                    feeling: c.feeling.clone(),
                });
            }
        }
        for (i, c) in out.iter().enumerate() {
            if let Some(p) = c.plan {
                self.plans[p.at()].checkpoints.push(CheckpointId::new(i));
            }
        }
        self.checkpoints = out;
    }

    /// Vault-wide checks: dependencies on unknown ids, links to missing notes, undated
    /// checkpoints.
    fn check(&mut self, config: &Config) {
        let mut found = Vec::new();
        for (what, p) in [("daily", &config.daily), ("weekly", &config.weekly)] {
            if p.folder.is_empty() {
                continue;
            }
            for n in &self.notes {
                let inside = n
                    .path
                    .strip_prefix(p.folder.as_str())
                    .is_some_and(|r| r.starts_with('/'));
                if inside && n.date.is_none() {
                    found.push(Diagnostic::file(
                        &n.path,
                        format!(
                            "is in the {what}-notes folder `{}` but has no date: its name does not start with the {what}-note format `{}` and it has no `date:`, so nothing in it is dated",
                            p.folder,
                            p.format.as_str()
                        ),
                    ));
                }
            }
        }
        for n in &self.notes {
            for t in &n.tasks {
                let at = |msg: String| Diagnostic::new(&n.path, t.place.line, t.place.col, msg);
                for d in t.depends_on() {
                    if !self.ids.contains_key(d.as_str()) {
                        found.push(at(format!("depends on task id `{d}`, which no task has")));
                    }
                }
                // A Logseq reference to a page with no file is an empty page in Logseq, not
                // a broken link.
                let links: &[String] = if t.marker().is_some() { &[] } else { &t.links };
                for l in links {
                    let same_note = l.starts_with('#');
                    if !same_note
                        && links::names_a_note(l)
                        && self.resolve(&n.path, l).is_none()
                        && !periodic_note_name(config, l)
                    {
                        found.push(at(format!(
                            "links to `{l}`, which is not a note in the vault"
                        )));
                    }
                }
                if config
                    .settings
                    .tags
                    .checkpoint
                    .0
                    .iter()
                    .any(|c| t.has_tag(c))
                    && t.dates.due.is_none()
                    && t.dates.scheduled.is_none()
                {
                    found.push(at(if t.marker().is_some() {
                        "checkpoint has no date: give it a `DEADLINE: <2026-11-24 Tue>` line".into()
                    } else {
                        "checkpoint has no date: give it a due date (📅 YYYY-MM-DD)".into()
                    }));
                }
            }
        }
        self.diagnostics.extend(found);
    }

    /// Whether anything in the vault is dated after `day`: a note, a task's place or
    /// dates, a prompt, mood, decision, checkpoint or words.
    pub(crate) fn changed_after(&self, day: NaiveDate) -> bool {
        let later = |d: Option<NaiveDate>| d.is_some_and(|d| d > day);
        self.notes.iter().any(|n| {
            later(n.date)
                || n.tasks.iter().any(|t| {
                    later(t.place.date)
                        || later(t.dates.created)
                        || later(t.dates.done)
                        || later(t.dates.cancelled)
                })
                || n.prompts.iter().any(|p| later(p.place.date))
                || n.moods.iter().any(|m| later(m.place.date))
                || n.decisions.iter().any(|d| later(d.place.date))
                || n.checkpoints
                    .iter()
                    .any(|c| later(c.place.date) || later(c.done))
                || n.words.iter().any(|w| w.date > day)
        })
    }

    /// The vault as it stood at the end of `day`: notes dated later and everything written
    /// under a later date are left out, tasks created later are left out, and tasks done or
    /// cancelled later are open again.
    ///
    /// This rebuilds the index rather than filtering the present one, because what is left
    /// out changes the structure, not only the lists: a plan whose note is dated later does
    /// not exist yet, its linked tasks serve no plan, a link may resolve to another note,
    /// and a sub-task whose parent was written later hangs from nothing. The notes are moved,
    /// not copied, and the vault checks are not run again (the warnings are the present
    /// vault's), so it costs one index build (docs/PERFORMANCE.md).
    pub(crate) fn into_as_of(self, day: NaiveDate, config: &Config) -> Index {
        let Index {
            notes, diagnostics, ..
        } = self;
        let notes = notes
            .into_iter()
            .filter(|n| n.date.is_none_or(|d| d <= day))
            .map(|mut n| {
                note_as_of(&mut n, day);
                n
            })
            .collect();
        Index::build_with(notes, diagnostics, config, Checks::Skip)
    }
}

/// Whether a link names a daily or weekly note by its date (`[[2026-12-05]]`): Obsidian
/// links days that have no note yet, and following the link creates it.
fn periodic_note_name(config: &Config, link: &str) -> bool {
    let target = link.split('#').next().unwrap_or(link);
    let target = crate::model::strip_note_ext(target);
    let name = target.rsplit('/').next().unwrap_or(target);
    [&config.daily.format, &config.weekly.format]
        .iter()
        .any(|f| {
            let last = crate::dates::moment::MomentFormat::new(
                f.as_str().rsplit('/').next().unwrap_or(""),
            );
            f.parse(target).is_some() || last.parse(name).is_some()
        })
}

/// A note as it stood at the end of `day` (see [`Index::into_as_of`]).
fn note_as_of(n: &mut Note, day: NaiveDate) {
    let later = |d: Option<NaiveDate>| d.is_some_and(|d| d > day);
    // Tasks written later go, and their sub-tasks with them (written with or after their
    // parent); the parent indices of the ones that stay follow.
    let mut gone: Vec<bool> = Vec::with_capacity(n.tasks.len());
    for t in &n.tasks {
        let parent_gone = t
            .parent
            .and_then(|p| gone.get(p as usize).copied())
            .unwrap_or(false);
        gone.push(parent_gone || later(t.place.date) || later(t.dates.created));
    }
    let new_index: Vec<Option<u32>> = gone
        .iter()
        .scan(0u32, |kept, &gone| {
            *kept += u32::from(!gone);
            Some((!gone).then(|| *kept - 1))
        })
        .collect();
    let mut stays = new_index.iter().map(Option::is_some);
    n.tasks.retain(|_| stays.next().unwrap_or(false));
    for t in &mut n.tasks {
        t.parent = t
            .parent
            .and_then(|p| new_index.get(p as usize).copied().flatten());
        if later(t.dates.done) || later(t.dates.cancelled) {
            t.status = Status::Todo;
            t.symbol = ' ';
            if let Some(e) = t.extra.as_mut()
                && e.marker.is_some()
            {
                e.marker = Some(crate::model::Marker::Todo);
            }
            t.dates.done = None;
            t.dates.cancelled = None;
        }
    }
    n.prompts.retain(|p| !later(p.place.date));
    n.moods.retain(|m| !later(m.place.date));
    n.decisions.retain(|d| !later(d.place.date));
    n.checkpoints.retain(|c| !later(c.place.date));
    for c in &mut n.checkpoints {
        if later(c.done) {
            c.done = None;
        }
    }
    n.words.retain(|w| w.date <= day);
    n.entries.retain(|d| *d <= day);
    n.diagnostics.clear();
}
