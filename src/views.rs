//! The output shapes of tasks, plans and checkpoints, shared by every command and the review,
//! so the same thing always prints the same way (SPEC §3). Plain serializable data.

use crate::config::Config;
use crate::dates::Week;
use crate::index::{
    self, CheckpointId, CheckpointSource, CheckpointStatus, Health, Index, PlanId, TaskRef,
};
use crate::model::{Place, Priority, Status, Task};
use chrono::NaiveDate;
use serde::Serialize;

/// Where something was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Source {
    pub path: String,
    pub line: u32,
    pub heading: Option<String>,
}

impl Source {
    pub(crate) fn new(path: &str, place: &Place) -> Source {
        Source {
            path: path.to_string(),
            line: place.line,
            heading: place.heading.clone(),
        }
    }

    /// The top of a note: where its front matter says what it is.
    pub(crate) fn top(path: &str) -> Source {
        Source {
            path: path.to_string(),
            line: 1,
            heading: None,
        }
    }
}

/// A task as every output shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct TaskView {
    pub text: String,
    pub status: Status,
    pub symbol: String,
    pub due: Option<NaiveDate>,
    pub scheduled: Option<NaiveDate>,
    pub start: Option<NaiveDate>,
    pub created: Option<NaiveDate>,
    pub done: Option<NaiveDate>,
    pub cancelled: Option<NaiveDate>,
    pub priority: Option<Priority>,
    pub recurrence: Option<String>,
    pub tags: Vec<String>,
    pub links: Vec<String>,
    pub plan: Option<String>,
    pub id: Option<String>,
    pub depends_on: Vec<String>,
    /// What Obsidian Tasks does when the task is completed (`delete` or `keep`).
    pub on_completion: Option<String>,
    pub block_id: Option<String>,
    pub source: Source,
}

impl TaskView {
    pub(crate) fn new(index: &Index, r: TaskRef) -> TaskView {
        let t: &Task = index.task(r);
        let path = &index.note(r.note()).path;
        TaskView {
            text: t.text.clone(),
            status: t.status,
            symbol: t.written_symbol(),
            due: t.dates.due,
            scheduled: t.dates.scheduled,
            start: t.dates.start,
            created: t.dates.created,
            done: t.dates.done,
            cancelled: t.dates.cancelled,
            priority: t.priority,
            recurrence: t.recurrence().map(str::to_string),
            tags: t.tags.clone(),
            links: t.links.clone(),
            plan: index.plan_of(r).map(|p| p.title.clone()),
            id: t.id().map(str::to_string),
            depends_on: t.depends_on().to_vec(),
            on_completion: t.on_completion().map(str::to_string),
            block_id: t.block_id().map(str::to_string),
            source: Source::new(path, &t.place),
        }
    }
}

/// A checkpoint as every output shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct CheckpointView {
    pub text: String,
    pub date: Option<NaiveDate>,
    pub status: CheckpointStatus,
    pub reached_on: Option<NaiveDate>,
    pub plan: Option<String>,
    pub feeling: Option<String>,
    pub source: Source,
}

impl CheckpointView {
    pub(crate) fn new(
        index: &Index,
        id: CheckpointId,
        as_of: NaiveDate,
        config: &Config,
    ) -> CheckpointView {
        let c = index.checkpoint(id);
        let (path, place) = match c.source {
            CheckpointSource::Task(r) => (&index.note(r.note()).path, &index.task(r).place),
            CheckpointSource::Line { note, index: li } => {
                let n = index.note(note);
                (&n.path, &n.checkpoints[li as usize].place)
            }
        };
        CheckpointView {
            text: c.text.clone(),
            date: c.date,
            status: index::checkpoint_status(c, as_of, config.settings.review.horizon_days.small()),
            reached_on: c.reached_on,
            plan: index.plan_title(c.plan),
            feeling: c.feeling.clone(),
            source: Source::new(path, place),
        }
    }
}

/// Done out of counted actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct Progress {
    pub done: u32,
    pub total: u32,
    pub percent: u32,
}

/// A plan as every output shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct PlanView {
    pub title: String,
    pub path: String,
    pub status: String,
    pub health: Health,
    pub progress: Progress,
    /// Tasks of this plan done within the reviewed week (for `journal plans`, this week).
    pub done_this_week: Vec<TaskView>,
    pub next_action: Option<TaskView>,
    pub next_checkpoint: Option<CheckpointView>,
    pub target: Option<NaiveDate>,
    pub days_left: Option<i64>,
    pub decision: Option<String>,
    pub revisit: Option<NaiveDate>,
    pub source: Source,
}

impl PlanView {
    /// Plan `p` as of `as_of`, counting as "this week" the days of `week`.
    pub(crate) fn new(
        index: &Index,
        p: PlanId,
        as_of: NaiveDate,
        week: Week,
        config: &Config,
    ) -> PlanView {
        let plan = index.plan(p);
        let state = index::plan_state(index, p, as_of, config);
        let note = index.note(plan.note);
        let done_this_week = plan
            .actions
            .iter()
            .filter(|&&r| index::done_on(index.task(r)).is_some_and(|d| week.contains(d)))
            .map(|&r| TaskView::new(index, r))
            .collect();
        PlanView {
            title: plan.title.clone(),
            path: note.path.clone(),
            status: plan.status_text.clone(),
            health: state.health,
            progress: Progress {
                done: state.done,
                total: state.total,
                percent: state.percent(),
            },
            done_this_week,
            next_action: state.next_action.map(|r| TaskView::new(index, r)),
            next_checkpoint: state
                .next_checkpoint
                .map(|c| CheckpointView::new(index, c, as_of, config)),
            target: plan.target,
            days_left: state.days_left,
            decision: plan.decision.clone(),
            revisit: plan.revisit,
            source: Source::top(&note.path),
        }
    }
}

/// An Obsidian wikilink to where something is written: `[[Folder/Note#Heading|text]]`, or
/// `[[Folder/Note#^block|text]]` when there is a block id. The text defaults to the note's name.
pub(crate) fn wikilink(
    path: &str,
    heading: Option<&str>,
    block_id: Option<&str>,
    text: Option<&str>,
) -> String {
    let stem = note_name(path);
    let text = link_safe_alias(text.unwrap_or(stem));
    format!("[[{}|{text}]]", link_target(path, heading, block_id))
}

/// The name a note goes by: its file name without folder and extension.
pub(crate) fn note_name(path: &str) -> &str {
    let target = crate::model::strip_note_ext(path);
    target.rsplit('/').next().unwrap_or(target)
}

/// Where a link to something written in a note points, as Obsidian writes it:
/// `Folder/Note`, `Folder/Note#Heading`, or `Folder/Note#^block` when there is a block id.
pub(crate) fn link_target(path: &str, heading: Option<&str>, block_id: Option<&str>) -> String {
    let target = crate::model::strip_note_ext(path);
    match (block_id, heading) {
        (Some(b), _) => format!("{target}#^{b}"),
        (None, Some(h)) if !link_safe(h).is_empty() => format!("{target}#{}", link_safe(h)),
        _ => target.to_string(),
    }
}

/// A heading as Obsidian writes it in a link: the characters links cannot hold become spaces.
fn link_safe(heading: &str) -> String {
    heading
        .chars()
        .map(|c| {
            if matches!(c, '#' | '|' | '^' | ':' | '%' | '[' | ']' | '\n' | '\r') {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn link_safe_alias(text: &str) -> String {
    text.replace(['|', '\n', '\r'], " ").replace("]]", "] ]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wikilinks_to_headings_and_blocks() {
        assert_eq!(
            wikilink("Daily/2026-11-24.md", None, None, None),
            "[[Daily/2026-11-24|2026-11-24]]"
        );
        assert_eq!(
            wikilink(
                "Plans/Book.md",
                Some("Step 1: draft [v2]"),
                None,
                Some("Draft")
            ),
            "[[Plans/Book#Step 1 draft v2|Draft]]"
        );
        assert_eq!(
            wikilink("a.md", Some("H"), Some("x1"), Some("a|b")),
            "[[a#^x1|a b]]"
        );
    }
}
