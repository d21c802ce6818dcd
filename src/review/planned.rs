//! Planned versus actual, and what keeps being carried forward.
//!
//! A task is planned for the day it is due, else the day it is scheduled. Of the tasks
//! planned within the period: done on time (done on or before that day), done late, slipped
//! (still open after it), moved (deferred, `[>]` or `[<]`), dropped (cancelled), and those
//! still to come (open, the day not yet reached). A done task whose done day is not known
//! cannot be called on time or late and is left out.
//!
//! A task is carried forward when it is migrated (`[>]`, Bullet Journal style) or copied from
//! one dated note to a later one while still undone: the copies of one task are those with
//! the same plan and the same text (case and spacing aside) in dated notes or sections. The
//! copies a later one stands for are counted once, by that later copy, in planned versus
//! actual. Habits (see `habits`) repeat on purpose and are never carried.

use crate::dates::Period;
use crate::index::{self, Index, PlanId, TaskRef};
use crate::model::Status;
use crate::note::inline::fold_words;
use crate::views::TaskView;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// What makes copies of one task: its plan and its folded text.
pub(crate) type Key = (Option<PlanId>, String);

/// Every task's key, in the order of [`Index::tasks`]: worked out once for the habits and
/// the chains.
pub(crate) fn keys(index: &Index) -> Vec<Key> {
    index
        .tasks()
        .map(|(r, t)| (index.plan_of_task(r), fold_words(&t.text)))
        .collect()
}

/// One task carried forward: its copies in date order.
#[derive(Debug, Clone)]
pub(crate) struct Chain {
    copies: Vec<(NaiveDate, TaskRef)>,
}

/// The carried tasks of the vault.
#[derive(Debug, Clone, Default)]
pub(crate) struct Chains {
    chains: Vec<Chain>,
    /// Copies a later copy stands for.
    superseded: HashSet<TaskRef>,
    /// The day of each carry: each copy that went on to a later one, and each `[>]` at the
    /// end of a chain.
    pub(crate) carried_on: Vec<NaiveDate>,
}

fn finished(s: Status) -> bool {
    matches!(s, Status::Done | Status::Cancelled | Status::NonTask)
}

/// Finds the tasks carried forward, from every task's key (`keys`, in the order of
/// [`Index::tasks`]), leaving out the habits (`habit_keys`).
pub(crate) fn chains(
    index: &Index,
    keys: &[Key],
    habit_keys: &HashSet<Key>,
    as_of: NaiveDate,
) -> Chains {
    let mut groups: HashMap<&Key, Vec<(NaiveDate, TaskRef)>> = HashMap::new();
    for ((r, t), key) in index.tasks().zip(keys) {
        let Some(date) = t.place.date.filter(|&d| d <= as_of) else {
            continue;
        };
        if t.status == Status::NonTask {
            continue;
        }
        if habit_keys.contains(key) {
            continue;
        }
        groups.entry(key).or_default().push((date, r));
    }
    let mut out = Chains::default();
    let mut order: Vec<&Key> = groups.keys().copied().collect();
    order.sort();
    for key in order {
        let mut copies = groups[key].clone();
        copies.sort();
        let Some(&(last_date, last)) = copies.last() else {
            continue;
        };
        // The first undone copy that has a copy on a later day.
        let first = copies
            .iter()
            .position(|&(d, r)| d < last_date && !finished(index.task(r).status));
        let chain: Vec<(NaiveDate, TaskRef)> = match first {
            Some(i) => copies[i..].to_vec(),
            None if index.task(last).status == Status::Deferred => vec![(last_date, last)],
            None => continue,
        };
        for &(d, r) in &chain[..chain.len() - 1] {
            out.superseded.insert(r);
            out.carried_on.push(d);
        }
        if index.task(last).status == Status::Deferred {
            out.carried_on.push(last_date);
        }
        out.chains.push(Chain { copies: chain });
    }
    out.carried_on.sort();
    out
}

/// A task carried forward.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Carried {
    /// Its latest copy.
    pub(crate) task: TaskView,
    /// The day of the first copy carried.
    pub(crate) since: NaiveDate,
    /// The days of its copies, in order.
    pub(crate) dates: Vec<NaiveDate>,
    /// When it was done or dropped at last; null while it is still carried.
    pub(crate) until: Option<NaiveDate>,
    /// How long it has been (or was) carried, in days: to `until`, else to the as-of day.
    pub(crate) days: i64,
}

/// The tasks carried during the period: a copy in it, or still carried through it, for at
/// least a day; the longest carried first.
pub(crate) fn carried(
    index: &Index,
    period: Period,
    as_of: NaiveDate,
    chains: &Chains,
) -> Vec<Carried> {
    let mut out: Vec<Carried> = chains
        .chains
        .iter()
        .filter_map(|c| {
            let (since, _) = *c.copies.first()?;
            let &(last_date, last) = c.copies.last()?;
            let t = index.task(last);
            let until = match t.status {
                Status::Done => Some(index::done_on(t).unwrap_or(last_date)),
                Status::Cancelled => Some(t.dates.cancelled.unwrap_or(last_date)),
                _ => None,
            };
            let in_it = c.copies.iter().any(|(d, _)| period.contains(*d));
            let through = until.is_none() && since <= period.end();
            if since > period.end() || !(in_it || through) {
                return None;
            }
            let end = until.unwrap_or(as_of).max(since);
            // Carried for no time at all (deferred today, or done the day it was moved) is
            // not carried yet.
            if end == since {
                return None;
            }
            Some(Carried {
                task: TaskView::new(index, last),
                since,
                dates: c.copies.iter().map(|(d, _)| *d).collect(),
                until,
                days: (end - since).num_days(),
            })
        })
        .collect();
    out.sort_by(|a, b| {
        (b.days, a.since, &a.task.source.path, a.task.source.line).cmp(&(
            a.days,
            b.since,
            &b.task.source.path,
            b.task.source.line,
        ))
    });
    out
}

/// A task planned for a day of the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct PlannedTask {
    pub(crate) task: TaskView,
    /// Its due day, else its scheduled day.
    pub(crate) planned: NaiveDate,
    /// For one done late, the days after the planned one it was done; for one slipped, the
    /// days since the planned one.
    pub(crate) late_by: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub(crate) struct Planned {
    pub(crate) on_time: Vec<PlannedTask>,
    pub(crate) late: Vec<PlannedTask>,
    pub(crate) slipped: Vec<PlannedTask>,
    pub(crate) moved: Vec<PlannedTask>,
    pub(crate) dropped: Vec<PlannedTask>,
    pub(crate) to_come: Vec<PlannedTask>,
}

/// The tasks planned for a day of the period and what became of them, each list by planned
/// day. An open step of a paused, done or dropped plan is left out (it waits on purpose).
pub(crate) fn planned(index: &Index, period: Period, as_of: NaiveDate, chains: &Chains) -> Planned {
    let mut out = Planned::default();
    let mut found: Vec<(NaiveDate, TaskRef)> = index
        .tasks()
        .filter(|(r, _)| !chains.superseded.contains(r))
        .filter_map(|(r, t)| {
            let day = t.dates.due.or(t.dates.scheduled)?;
            period.contains(day).then_some((day, r))
        })
        .collect();
    found.sort();
    for (planned, r) in found {
        let t = index.task(r);
        let item = |late_by| PlannedTask {
            task: TaskView::new(index, r),
            planned,
            late_by,
        };
        let in_play = index.in_play(index.plan_of_task(r));
        match t.status {
            Status::Done => match index::done_on(t) {
                Some(d) if d <= planned => out.on_time.push(item(None)),
                Some(d) => out.late.push(item(Some((d - planned).num_days()))),
                None => {}
            },
            Status::Cancelled => out.dropped.push(item(None)),
            Status::Deferred => out.moved.push(item(None)),
            Status::NonTask => {}
            Status::Todo | Status::InProgress if !in_play => {}
            Status::Todo | Status::InProgress if planned < as_of => {
                out.slipped.push(item(Some((as_of - planned).num_days())));
            }
            Status::Todo | Status::InProgress => out.to_come.push(item(None)),
        }
    }
    out
}
