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
use crate::model::{Note, Status};
use chrono::NaiveDate;
use std::collections::HashMap;

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
        notes.retain(|n| {
            !n.front
                .generator
                .as_deref()
                .is_some_and(|g| g.eq_ignore_ascii_case("journal"))
        });
        notes.sort_by(|a, b| a.path.cmp(&b.path));
        for n in &mut notes {
            diagnostics.append(&mut n.diagnostics);
        }
        let mut links = Links::new(&notes);
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

    /// A task serves one plan: its note's, else the one it links to, else its parent's.
    fn assign_tasks(&mut self) {
        let mut task_plan = Vec::with_capacity(self.notes.len());
        for (ni, n) in self.notes_with_ids() {
            let own = self.plan_of_note(ni);
            let mut plans: Vec<Option<PlanId>> = Vec::with_capacity(n.tasks.len());
            for t in &n.tasks {
                let plan = own
                    .or_else(|| self.linked_plan(&n.path, &t.links))
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
        for n in &self.notes {
            for t in &n.tasks {
                let at = |msg: String| Diagnostic::new(&n.path, t.place.line, t.place.col, msg);
                for d in t.depends_on() {
                    if !self.ids.contains_key(d.as_str()) {
                        found.push(at(format!("depends on task id `{d}`, which no task has")));
                    }
                }
                for l in &t.links {
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
                    found.push(at(
                        "checkpoint has no date: give it a due date (📅 YYYY-MM-DD)".into(),
                    ));
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
    // Tasks written later go; their sub-tasks' parent indices follow the ones that stay.
    let new_index: Vec<Option<u32>> = n
        .tasks
        .iter()
        .scan(0u32, |kept, t| {
            let gone = later(t.place.date) || later(t.dates.created);
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
