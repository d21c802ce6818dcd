//! What depends on the day: when a task was done, whether it is overdue, how urgent it is,
//! where a checkpoint stands and how a plan stands, as of a given date. The review, the
//! listing commands and `check` all ask here.

use super::{CheckpointId, Index, PlanId, PlanStatus, TaskRef};
use crate::config::Config;
use crate::model::{Priority, Status, Task, named_enum};
use chrono::{Days, NaiveDate};
use std::collections::HashSet;

/// When a task was done: its done date, else (checked without one) the date of its note or
/// section.
pub(crate) fn done_on(t: &Task) -> Option<NaiveDate> {
    match t.status {
        Status::Done => t.dates.done.or(t.place.date),
        _ => None,
    }
}

/// Open and due before `as_of`.
pub(crate) fn is_overdue(t: &Task, as_of: NaiveDate) -> bool {
    t.status.is_open() && t.dates.due.is_some_and(|d| d < as_of)
}

/// How pressing an open task is on a day, the most pressing first. The rule (also in
/// docs/COMMANDS.md): overdue; due today; scheduled for today or a day gone by (the day's
/// plan, even without a due date); due later; scheduled later; neither due nor scheduled;
/// not started yet (a start date still to come, and no due or scheduled date). Closed tasks
/// come after every open one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Urgency {
    Overdue,
    DueToday,
    ScheduledNow,
    DueLater,
    ScheduledLater,
    Undated,
    NotStarted,
    Closed,
}

/// A task's urgency on `today`, and the date that orders it among its kind.
pub(crate) fn urgency(t: &Task, today: NaiveDate) -> (Urgency, Option<NaiveDate>) {
    let d = &t.dates;
    if !t.status.is_open() {
        return (Urgency::Closed, None);
    }
    match (d.due, d.scheduled, d.start) {
        (Some(due), _, _) if due < today => (Urgency::Overdue, Some(due)),
        (Some(due), _, _) if due == today => (Urgency::DueToday, Some(due)),
        (_, Some(s), _) if s <= today => (Urgency::ScheduledNow, Some(s)),
        (Some(due), _, _) => (Urgency::DueLater, Some(due)),
        (None, Some(s), _) => (Urgency::ScheduledLater, Some(s)),
        (None, None, Some(start)) if start > today => (Urgency::NotStarted, Some(start)),
        (None, None, _) => (Urgency::Undated, None),
    }
}

/// Most urgent first (see [`Urgency`]), then by the date that orders each kind, then by
/// priority, then by where the task is written.
pub(crate) fn sort_by_urgency(index: &Index, tasks: &mut [TaskRef], today: NaiveDate) {
    // Each key once: working one out reads the task, and a sort compares n log n times.
    tasks.sort_by_cached_key(|&r| {
        let t = index.task(r);
        (urgency(t, today), Priority::rank(t.priority), r)
    });
}

/// Open and waiting on another task (`⛔` on an id whose task is not finished).
pub(crate) fn is_blocked(index: &Index, t: &Task) -> bool {
    t.status.is_open() && !t.depends_on().iter().all(|d| index.dependency_done(d))
}

/// Open and doable on `today`: not blocked, its start date come, not scheduled for later.
pub(crate) fn is_ready(index: &Index, t: &Task, today: NaiveDate) -> bool {
    t.status.is_open()
        && !is_blocked(index, t)
        && t.dates.start.is_none_or(|s| s <= today)
        && t.dates.scheduled.is_none_or(|s| s <= today)
}

/// How a plan stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Health {
    Done,
    Dropped,
    Paused,
    AtRisk,
    Stuck,
    Stalled,
    OnTrack,
}

named_enum!(pub(crate) Health {
    Done => "done",
    Dropped => "dropped",
    Paused => "paused",
    AtRisk => "at-risk",
    Stuck => "stuck",
    Stalled => "stalled",
    OnTrack => "on-track",
});

/// Where a checkpoint stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CheckpointStatus {
    Reached,
    Missed,
    Upcoming,
    /// Open and further away than the horizon.
    Later,
    /// Open with no date.
    Undated,
    Cancelled,
    /// Moved elsewhere or marked as not a task: not due anymore.
    Deferred,
}

named_enum!(pub(crate) CheckpointStatus {
    Reached => "reached",
    Missed => "missed",
    Upcoming => "upcoming",
    Later => "later",
    Undated => "undated",
    Cancelled => "cancelled",
    Deferred => "deferred",
});

pub(crate) fn checkpoint_status(
    c: &super::Checkpoint,
    as_of: NaiveDate,
    horizon_days: u32,
) -> CheckpointStatus {
    match c.status {
        Status::Done => return CheckpointStatus::Reached,
        Status::Cancelled => return CheckpointStatus::Cancelled,
        Status::Deferred | Status::NonTask => return CheckpointStatus::Deferred,
        Status::Todo | Status::InProgress => {}
    }
    match c.date {
        None => CheckpointStatus::Undated,
        Some(d) if d < as_of => CheckpointStatus::Missed,
        Some(d)
            if as_of
                .checked_add_days(Days::new(u64::from(horizon_days)))
                .is_none_or(|h| d <= h) =>
        {
            CheckpointStatus::Upcoming
        }
        Some(_) => CheckpointStatus::Later,
    }
}

impl Index {
    /// The checkpoints that need attention as of `as_of`, by date: missed, or upcoming within
    /// the horizon, of no plan or an active one (a paused plan's checkpoint waits on purpose).
    pub(crate) fn checkpoints_due(
        &self,
        as_of: NaiveDate,
        horizon_days: u32,
    ) -> Vec<(CheckpointId, CheckpointStatus)> {
        let mut out: Vec<(CheckpointId, CheckpointStatus)> = self
            .checkpoints()
            .map(|(id, c)| (id, checkpoint_status(c, as_of, horizon_days), c))
            .filter(|(_, s, c)| {
                matches!(s, CheckpointStatus::Missed | CheckpointStatus::Upcoming)
                    && self.in_play(c.plan)
            })
            .map(|(id, s, _)| (id, s))
            .collect();
        out.sort_by_key(|&(id, _)| (self.checkpoint(id).date, id));
        out
    }
}

/// Why a plan has its health: the first thing that made the rule choose it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum HealthReason {
    Done,
    Dropped,
    /// Paused on purpose, to be looked at again on `revisit`.
    Paused {
        revisit: Option<NaiveDate>,
    },
    /// At risk because of this missed checkpoint, and `more` other missed or overdue items.
    Missed {
        checkpoint: CheckpointId,
        more: u32,
    },
    /// At risk because of this overdue action (the most overdue), and `more` others.
    Overdue {
        task: TaskRef,
        more: u32,
    },
    /// At risk: the target date passed with `open` actions still open.
    TargetPassed {
        target: NaiveDate,
        open: u32,
    },
    /// Stuck: the plan has no actions at all.
    NoActions,
    /// Stuck: every action is finished, yet the plan is active.
    AllDone,
    /// Stuck: every open action waits on another (`blocked`) or has not started (`waiting`,
    /// the first to start on `starts`).
    Waiting {
        blocked: u32,
        waiting: u32,
        starts: Option<NaiveDate>,
    },
    /// Stalled: nothing done within `days`; the last done on `last`, if ever.
    Stalled {
        last: Option<NaiveDate>,
        days: u32,
    },
    /// On track: `done` actions done within `days`.
    Moving {
        done: u32,
        days: u32,
    },
    /// On track: written within the stalled window, nothing done yet.
    New {
        since: Option<NaiveDate>,
    },
}

/// A plan's standing as of a day.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PlanState {
    pub(crate) done: u32,
    pub(crate) total: u32,
    pub(crate) next_action: Option<TaskRef>,
    /// The next open checkpoint on or after the day; when none, the latest missed one.
    pub(crate) next_checkpoint: Option<CheckpointId>,
    pub(crate) health: Health,
    pub(crate) reason: HealthReason,
    pub(crate) days_left: Option<i64>,
}

impl PlanState {
    pub(crate) fn percent(&self) -> u32 {
        (self.done * 100).checked_div(self.total).unwrap_or(0)
    }
}

/// How plan `p` stands as of `as_of`, and why.
pub(crate) fn plan_state(index: &Index, p: PlanId, as_of: NaiveDate, config: &Config) -> PlanState {
    let plan = index.plan(p);
    let tasks: Vec<(TaskRef, &Task)> = plan.actions.iter().map(|&r| (r, index.task(r))).collect();
    let total = tasks.iter().filter(|(_, t)| t.status.counts()).count() as u32;
    let done = tasks
        .iter()
        .filter(|(_, t)| t.status == Status::Done)
        .count() as u32;
    let next_action = next_action(index, &tasks, as_of);
    // The next one to come; when none is left ahead, the latest one missed.
    let open: Vec<CheckpointId> = plan
        .checkpoints
        .iter()
        .copied()
        .filter(|&i| {
            let c = index.checkpoint(i);
            c.status.is_open() && c.date.is_some()
        })
        .collect();
    let date_of = |i: &CheckpointId| index.checkpoint(*i).date;
    let next_checkpoint = open
        .iter()
        .copied()
        .filter(|i| date_of(i).is_some_and(|d| d >= as_of))
        .min_by_key(date_of)
        .or_else(|| open.iter().copied().max_by_key(date_of));
    let horizon = config.settings.review.horizon_days.small();
    let missed: Vec<CheckpointId> = plan
        .checkpoints
        .iter()
        .copied()
        .filter(|&i| {
            checkpoint_status(index.checkpoint(i), as_of, horizon) == CheckpointStatus::Missed
        })
        .collect();
    let checkpoint_task = |r: TaskRef| {
        missed
            .iter()
            .any(|&i| index.checkpoint(i).source == super::CheckpointSource::Task(r))
    };
    let mut overdue: Vec<(TaskRef, &Task)> = tasks
        .iter()
        .copied()
        .filter(|(r, t)| is_overdue(t, as_of) && !checkpoint_task(*r))
        .collect();
    overdue.sort_by_key(|(r, t)| (t.dates.due, *r));
    let open_actions: Vec<&Task> = tasks
        .iter()
        .map(|(_, t)| *t)
        .filter(|t| t.status.is_open())
        .collect();
    let target_passed = plan
        .target
        .filter(|&d| d < as_of && !open_actions.is_empty());
    let stalled_days = config.settings.review.stalled_after_days.small();
    let since = as_of.checked_sub_days(Days::new(u64::from(stalled_days)));
    let done_dates: Vec<NaiveDate> = tasks
        .iter()
        .filter_map(|(_, t)| done_on(t))
        .filter(|&d| d <= as_of)
        .collect();
    let recent = done_dates
        .iter()
        .filter(|&&d| since.is_none_or(|s| d > s))
        .count() as u32;
    let plan_date = index.note(plan.note).date;
    let young = plan_date.is_some_and(|d| since.is_none_or(|s| d > s));
    let at_risk = u32::try_from(missed.len() + overdue.len()).unwrap_or(u32::MAX);
    let (health, reason) = match plan.status {
        PlanStatus::Done => (Health::Done, HealthReason::Done),
        PlanStatus::Dropped => (Health::Dropped, HealthReason::Dropped),
        PlanStatus::Paused => (
            Health::Paused,
            HealthReason::Paused {
                revisit: plan.revisit,
            },
        ),
        PlanStatus::Active if !missed.is_empty() => {
            let first = missed
                .iter()
                .copied()
                .min_by_key(|&i| (index.checkpoint(i).date, i))
                .unwrap_or(missed[0]);
            (
                Health::AtRisk,
                HealthReason::Missed {
                    checkpoint: first,
                    more: at_risk - 1,
                },
            )
        }
        PlanStatus::Active if !overdue.is_empty() => (
            Health::AtRisk,
            HealthReason::Overdue {
                task: overdue[0].0,
                more: at_risk - 1,
            },
        ),
        PlanStatus::Active if target_passed.is_some() => (
            Health::AtRisk,
            HealthReason::TargetPassed {
                target: target_passed.unwrap_or(as_of),
                open: open_actions.len() as u32,
            },
        ),
        PlanStatus::Active if next_action.is_none() => {
            let reason = if tasks.is_empty() {
                HealthReason::NoActions
            } else if open_actions.is_empty() {
                HealthReason::AllDone
            } else {
                let blocked = open_actions.iter().filter(|t| is_blocked(index, t)).count() as u32;
                let later: Vec<NaiveDate> = open_actions
                    .iter()
                    .filter(|t| !is_blocked(index, t))
                    .filter_map(|t| t.dates.start.filter(|&s| s > as_of))
                    .collect();
                HealthReason::Waiting {
                    blocked,
                    waiting: later.len() as u32,
                    starts: later.iter().min().copied(),
                }
            };
            (Health::Stuck, reason)
        }
        PlanStatus::Active if recent == 0 && !young => (
            Health::Stalled,
            HealthReason::Stalled {
                last: done_dates.iter().max().copied(),
                days: stalled_days,
            },
        ),
        PlanStatus::Active if recent == 0 => {
            (Health::OnTrack, HealthReason::New { since: plan_date })
        }
        PlanStatus::Active => (
            Health::OnTrack,
            HealthReason::Moving {
                done: recent,
                days: stalled_days,
            },
        ),
    };
    PlanState {
        done,
        total,
        next_action,
        next_checkpoint,
        health,
        reason,
        days_left: plan.target.map(|t| (t - as_of).num_days()),
    }
}

/// The first open task with no open sub-tasks whose start date has come and whose
/// dependencies are done, in the plan's document order.
fn next_action(index: &Index, tasks: &[(TaskRef, &Task)], as_of: NaiveDate) -> Option<TaskRef> {
    let has_open_child: HashSet<TaskRef> = tasks
        .iter()
        .filter(|(_, t)| t.status.is_open())
        .filter_map(|(r, t)| t.parent.map(|p| r.with_task(p)))
        .collect();
    tasks
        .iter()
        .find(|(r, t)| {
            t.status.is_open()
                && !has_open_child.contains(r)
                && t.dates.start.is_none_or(|s| s <= as_of)
                && !is_blocked(index, t)
        })
        .map(|(r, _)| *r)
}
