//! The output shapes of tasks, plans and checkpoints, shared by every command and the review,
//! so the same thing always prints the same way (SPEC §3). Plain serializable data.

use crate::config::Config;
use crate::dates::Period;
use crate::index::{
    self, CheckpointId, CheckpointSource, CheckpointStatus, Health, HealthReason, Index, PlanId,
    TaskRef,
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
    /// Why it has that health, in a few words ("Request transcripts was due 25 Nov"); null
    /// for plans done or dropped.
    pub reason: Option<String>,
    pub progress: Progress,
    /// Tasks of this plan done within the reviewed period (for `journal plans`, this week).
    /// The name stays from the weekly review, for the templates written for it.
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
    /// Plan `p` as of `as_of`, counting as "this week" the days of `period` (a week or a
    /// longer period).
    pub(crate) fn new(
        index: &Index,
        p: PlanId,
        as_of: NaiveDate,
        period: impl Into<Period>,
        config: &Config,
    ) -> PlanView {
        let period: Period = period.into();
        let plan = index.plan(p);
        let state = index::plan_state(index, p, as_of, config);
        let note = index.note(plan.note);
        let done_this_week = plan
            .actions
            .iter()
            .filter(|&&r| index::done_on(index.task(r)).is_some_and(|d| period.contains(d)))
            .map(|&r| TaskView::new(index, r))
            .collect();
        PlanView {
            title: plan.title.clone(),
            path: note.path.clone(),
            status: plan.status_text.clone(),
            health: state.health,
            reason: reason_text(index, &state.reason, as_of, config),
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

/// A day in a sentence: `25 Nov`, with the year when it is not `as_of`'s.
pub(crate) fn short_date(date: NaiveDate, as_of: NaiveDate) -> String {
    use chrono::Datelike;
    if date.year() == as_of.year() {
        date.format("%-d %b").to_string()
    } else {
        date.format("%-d %b %Y").to_string()
    }
}

/// An item's text without what a table shows in its own columns: the checkpoint tags
/// (`#checkpoint`) and the feeling fields (`[feeling:: …]`, `(mood:: …)`).
pub(crate) fn bare_text(text: &str, config: &Config) -> String {
    let mut out = text.to_string();
    let mut spans: Vec<std::ops::Range<usize>> = crate::note::inline::bracket_fields(text)
        .into_iter()
        .filter(|f| f.key == "feeling" || f.key == "mood")
        .map(|f| f.span)
        .collect();
    spans.extend(
        crate::note::inline::tags(text)
            .filter(|(_, tag)| {
                config
                    .settings
                    .tags
                    .checkpoint
                    .0
                    .iter()
                    .any(|c| crate::model::tag_matches(tag, c))
            })
            .map(|(i, tag)| i..i + 1 + tag.len()),
    );
    spans.sort_by_key(|r| std::cmp::Reverse(r.start));
    for r in spans {
        if out.is_char_boundary(r.start) && out.is_char_boundary(r.end) && r.end <= out.len() {
            out.replace_range(r, "");
        }
    }
    let bare = out.split_whitespace().collect::<Vec<_>>().join(" ");
    if bare.is_empty() {
        text.to_string()
    } else {
        bare
    }
}

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The words for why a plan has its health.
fn reason_text(
    index: &Index,
    reason: &HealthReason,
    as_of: NaiveDate,
    config: &Config,
) -> Option<String> {
    let day = |d: NaiveDate| short_date(d, as_of);
    let more = |n: u32| {
        if n == 0 {
            String::new()
        } else {
            format!(", and {n} more overdue")
        }
    };
    Some(match reason {
        HealthReason::Done | HealthReason::Dropped => return None,
        HealthReason::Paused { revisit: Some(r) } if *r <= as_of => {
            format!("paused; the revisit date {} has come", day(*r))
        }
        HealthReason::Paused { revisit: Some(r) } => format!("paused until {}", day(*r)),
        HealthReason::Paused { revisit: None } => "paused, with no revisit date".into(),
        HealthReason::Missed {
            checkpoint,
            more: n,
        } => {
            let c = index.checkpoint(*checkpoint);
            let when = c.date.map(|d| format!(" ({})", day(d))).unwrap_or_default();
            format!(
                "missed checkpoint {}{when}{}",
                bare_text(&c.text, config),
                more(*n)
            )
        }
        HealthReason::Overdue { task, more: n } => {
            let t = index.task(*task);
            let due = t
                .dates
                .due
                .map(|d| format!(" was due {}", day(d)))
                .unwrap_or_default();
            format!("{}{due}{}", t.text, more(*n))
        }
        HealthReason::TargetPassed { target, open } => format!(
            "the target {} has passed with {} open",
            day(*target),
            plural(*open, "action", "actions")
        ),
        HealthReason::NoActions => {
            "no actions yet: write a task in the plan, or link one to it".into()
        }
        HealthReason::AllDone => {
            "every action is finished: add the next step, or mark the plan done".into()
        }
        HealthReason::Waiting {
            blocked,
            waiting,
            starts,
        } => {
            let mut parts = Vec::new();
            if *blocked > 0 {
                parts.push(format!(
                    "{} waiting on another",
                    plural(*blocked, "action", "actions")
                ));
            }
            if *waiting > 0 {
                let when = starts
                    .map(|d| format!(", the first on {}", day(d)))
                    .unwrap_or_default();
                parts.push(format!(
                    "{} not started yet{when}",
                    plural(*waiting, "action", "actions")
                ));
            }
            format!("no action can be done now: {}", parts.join("; "))
        }
        HealthReason::Stalled { last: Some(d), .. } => format!("nothing done since {}", day(*d)),
        HealthReason::Stalled { last: None, .. } => "nothing done yet".into(),
        HealthReason::Moving { done, days } => {
            format!(
                "{} done in the last {days} days",
                plural(*done, "action", "actions")
            )
        }
        HealthReason::New { since: Some(d) } => format!("new since {}, nothing done yet", day(*d)),
        HealthReason::New { since: None } => "new, nothing done yet".into(),
    })
}

/// An Obsidian wikilink to where something is written: `[[Folder/Note#Heading|text]]`, or
/// `[[Folder/Note#^block|text]]` when there is a block id. The text defaults to the note's name.
pub(crate) fn wikilink(
    path: &str,
    heading: Option<&str>,
    block_id: Option<&str>,
    text: Option<&str>,
) -> String {
    let target = crate::model::strip_note_ext(path);
    let stem = target.rsplit('/').next().unwrap_or(target);
    let anchor = match (block_id, heading) {
        (Some(b), _) => format!("#^{b}"),
        (None, Some(h)) if !link_safe(h).is_empty() => format!("#{}", link_safe(h)),
        _ => String::new(),
    };
    let text = link_safe_alias(text.unwrap_or(stem));
    format!("[[{target}{anchor}|{text}]]")
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
