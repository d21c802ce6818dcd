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

/// Most urgent first: overdue, then by due date (undated last), then priority, then place.
pub(crate) fn sort_by_urgency(index: &Index, tasks: &mut [TaskRef], today: NaiveDate) {
    tasks.sort_by_key(|&r| {
        let t = index.task(r);
        (
            !is_overdue(t, today),
            t.dates.due.is_none(),
            t.dates.due,
            Priority::rank(t.priority),
            r,
        )
    });
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

/// A plan's standing as of a day.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PlanState {
    pub(crate) done: u32,
    pub(crate) total: u32,
    pub(crate) next_action: Option<TaskRef>,
    /// The next open checkpoint on or after the day; when none, the latest missed one.
    pub(crate) next_checkpoint: Option<CheckpointId>,
    pub(crate) health: Health,
    pub(crate) days_left: Option<i64>,
}

impl PlanState {
    pub(crate) fn percent(&self) -> u32 {
        (self.done * 100).checked_div(self.total).unwrap_or(0)
    }
}

/// How plan `p` stands as of `as_of`.
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
    let missed = plan.checkpoints.iter().any(|&i| {
        checkpoint_status(
            index.checkpoint(i),
            as_of,
            config.settings.review.horizon_days.small(),
        ) == CheckpointStatus::Missed
    });
    let overdue = tasks.iter().any(|(_, t)| is_overdue(t, as_of));
    let open = tasks.iter().any(|(_, t)| t.status.is_open());
    let target_passed = plan.target.is_some_and(|d| d < as_of) && open;
    let since = as_of.checked_sub_days(Days::new(u64::from(
        config.settings.review.stalled_after_days.small(),
    )));
    let recent = tasks
        .iter()
        .filter_map(|(_, t)| done_on(t))
        .any(|d| since.is_none_or(|s| d > s) && d <= as_of);
    let plan_date = index.note(plan.note).date;
    let young = plan_date.is_some_and(|d| since.is_none_or(|s| d > s));
    let health = match plan.status {
        PlanStatus::Done => Health::Done,
        PlanStatus::Dropped => Health::Dropped,
        PlanStatus::Paused => Health::Paused,
        PlanStatus::Active if missed || overdue || target_passed => Health::AtRisk,
        PlanStatus::Active if next_action.is_none() => Health::Stuck,
        PlanStatus::Active if !recent && !young => Health::Stalled,
        PlanStatus::Active => Health::OnTrack,
    };
    PlanState {
        done,
        total,
        next_action,
        next_checkpoint,
        health,
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
                && t.depends_on().iter().all(|d| index.dependency_done(d))
        })
        .map(|(r, _)| *r)
}
