//! Trends across a period: its buckets (words, entries, tasks done, written down and carried,
//! mood), the same per week (per month in a year review) with the mood against the period
//! before, each plan's progress over the period reconstructed from done dates (a burn-up) with
//! its checkpoints, and the plans started, finished, paused and dropped in it.
//!
//! Only what the notes date is counted: a plan "started" on its note's own date, "finished"
//! (done, with none of its actions open) on the last day one of its actions was done, "dropped" on the last day one was done or
//! cancelled, "paused" on the day of the latest decision written about it. A plan without
//! such a date is not listed: the review does not guess.

use super::{in_period, mean, period_mood, round2};
use crate::config::Config;
use crate::dates::{Bucket, Period, PeriodKind};
use crate::index::{self, Index, PlanId, PlanStatus};
use crate::views::{CheckpointView, Source};
use chrono::NaiveDate;
use serde::Serialize;

/// One bucket of a period (a day, a week or a month, cut to the period).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct BucketStats {
    /// `2026-11-24`, `2026-W48` or `2026-11`.
    pub(crate) id: String,
    pub(crate) start: NaiveDate,
    pub(crate) end: NaiveDate,
    pub(crate) words: u32,
    /// Entries: for each day, the notes and dated sections written that day.
    pub(crate) notes: u32,
    pub(crate) tasks_done: u32,
    /// Written down: a `➕` created date in the bucket, or without one, in a note or section
    /// dated in it.
    pub(crate) tasks_created: u32,
    /// Tasks carried forward from a day of the bucket (migrated `[>]` or copied to a later
    /// note).
    pub(crate) tasks_carried: u32,
    pub(crate) mood: Option<f64>,
}

/// The stats of each of `list` (contiguous buckets, in order), in one pass over the notes.
/// `carried_on` holds the day of each carry (see `planned`).
pub(crate) fn buckets(
    index: &Index,
    list: &[Bucket],
    carried_on: &[NaiveDate],
) -> Vec<BucketStats> {
    let mut out: Vec<BucketStats> = list
        .iter()
        .map(|b| BucketStats {
            id: b.id.clone(),
            start: b.start,
            end: b.end,
            words: 0,
            notes: 0,
            tasks_done: 0,
            tasks_created: 0,
            tasks_carried: 0,
            mood: None,
        })
        .collect();
    let (Some(first), Some(last)) = (list.first(), list.last()) else {
        return out;
    };
    let (start, end) = (first.start, last.end);
    // Which bucket each day of the range is in.
    let mut bucket_of: Vec<usize> = Vec::new();
    for (i, b) in list.iter().enumerate() {
        let n = usize::try_from((b.end - b.start).num_days() + 1).unwrap_or(0);
        bucket_of.extend(std::iter::repeat_n(i, n));
    }
    let slot = |d: NaiveDate| -> Option<usize> {
        if d < start || d > end {
            return None;
        }
        usize::try_from((d - start).num_days())
            .ok()
            .and_then(|i| bucket_of.get(i).copied())
    };
    let day_of = |d: NaiveDate| usize::try_from((d - start).num_days()).ok();
    let mut moods: Vec<Vec<f64>> = vec![Vec::new(); out.len()];
    let mut wrote: Vec<usize> = Vec::new();
    for n in index.notes() {
        for w in &n.words {
            if let Some(i) = slot(w.date) {
                out[i].words += w.words;
            }
        }
        // A note is one entry on each day it was written in.
        wrote.clear();
        wrote.extend(
            n.entries
                .iter()
                .filter(|d| slot(**d).is_some())
                .filter_map(|&d| day_of(d)),
        );
        wrote.sort_unstable();
        wrote.dedup();
        for &day in &wrote {
            if let Some(&i) = bucket_of.get(day) {
                out[i].notes += 1;
            }
        }
        for t in &n.tasks {
            if let Some(i) = index::done_on(t).and_then(slot) {
                out[i].tasks_done += 1;
            }
            if let Some(i) = t.dates.created.or(t.place.date).and_then(slot) {
                out[i].tasks_created += 1;
            }
        }
        for m in &n.moods {
            if let Some(i) = m.place.date.and_then(slot) {
                moods[i].push(m.value);
            }
        }
    }
    for &d in carried_on {
        if let Some(i) = slot(d) {
            out[i].tasks_carried += 1;
        }
    }
    for (b, values) in out.iter_mut().zip(moods) {
        b.mood = mean(values.into_iter());
    }
    out
}

/// Done and counted actions of a plan at some day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct Level {
    pub(crate) done: u32,
    pub(crate) total: u32,
    pub(crate) percent: u32,
}

/// One point of a burn-up: how the plan stood at the end of a bucket (or on the as-of day).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct BurnPoint {
    pub(crate) id: String,
    pub(crate) date: NaiveDate,
    pub(crate) done: u32,
    pub(crate) total: u32,
    /// The plan's checkpoints reached in the bucket (or, not reached, dated in it).
    pub(crate) checkpoints: u32,
}

/// A plan's progress across the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct BurnUp {
    pub(crate) title: String,
    pub(crate) path: String,
    pub(crate) status: String,
    /// Before the period's first day.
    pub(crate) before: Level,
    /// On the as-of day.
    pub(crate) now: Level,
    pub(crate) done_in_period: u32,
    /// One per bucket up to the as-of day.
    pub(crate) points: Vec<BurnPoint>,
    /// Its checkpoints dated or reached in the period.
    pub(crate) checkpoints: Vec<CheckpointView>,
}

/// A plan started, finished, paused or dropped in the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct PlanChange {
    pub(crate) title: String,
    /// `started`, `finished`, `paused` or `dropped`.
    pub(crate) change: &'static str,
    pub(crate) date: NaiveDate,
    pub(crate) source: Source,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Trends {
    /// Per week, cut to the period (per month in a year review).
    pub(crate) units: Vec<BucketStats>,
    /// The mean mood of the period before.
    pub(crate) mood_previous: Option<f64>,
    pub(crate) mood_change: Option<f64>,
    pub(crate) plans: Vec<BurnUp>,
    pub(crate) plan_changes: Vec<PlanChange>,
}

/// The mean mood of a period, of the period before, and the change between them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Mood {
    pub(crate) mean: Option<f64>,
    pub(crate) previous: Option<f64>,
    pub(crate) change: Option<f64>,
}

impl Mood {
    pub(crate) fn of(index: &Index, period: Period) -> Mood {
        let mean = period_mood(index, period);
        let previous = period_mood(index, period.previous());
        Mood {
            mean,
            previous,
            change: match (mean, previous) {
                (Some(a), Some(b)) => Some(round2(a - b)),
                _ => None,
            },
        }
    }
}

/// What the review has worked out already and the trends reuse.
pub(crate) struct Given<'a> {
    /// The period's buckets.
    pub(crate) buckets: &'a [Bucket],
    /// Their stats.
    pub(crate) stats: &'a [BucketStats],
    /// The day of each carry (see `planned`).
    pub(crate) carried_on: &'a [NaiveDate],
    pub(crate) mood: Mood,
}

pub(crate) fn trends(
    index: &Index,
    period: Period,
    as_of: NaiveDate,
    config: &Config,
    given: &Given<'_>,
) -> Trends {
    // A year's units are its buckets, its months.
    let units = match period.kind() {
        PeriodKind::Year => given.stats.to_vec(),
        _ => buckets(index, &period.weeks(config.week_start), given.carried_on),
    };
    let plans = index
        .plans()
        .filter_map(|(p, _)| burn_up(index, p, period, as_of, given.buckets, config))
        .collect();
    Trends {
        units,
        mood_previous: given.mood.previous,
        mood_change: given.mood.change,
        plans,
        plan_changes: plan_changes(index, period, as_of),
    }
}

fn level(done: u32, total: u32) -> Level {
    Level {
        done,
        total,
        percent: (done * 100).checked_div(total).unwrap_or(0),
    }
}

/// The burn-up of plan `p`: every plan still going, and those done or dropped that had an
/// action done in the period.
fn burn_up(
    index: &Index,
    p: PlanId,
    period: Period,
    as_of: NaiveDate,
    buckets: &[Bucket],
    config: &Config,
) -> Option<BurnUp> {
    let plan = index.plan(p);
    // (written down on, done on) of each counted action; `None` where the notes do not say.
    let actions: Vec<(Option<NaiveDate>, Option<NaiveDate>, bool)> = plan
        .actions
        .iter()
        .map(|&r| index.task(r))
        .filter(|t| t.status.counts())
        .map(|t| {
            let done = index::done_on(t);
            // Written down by the day it was done, at the latest.
            let made = t
                .dates
                .created
                .or(t.place.date)
                .map(|c| done.map_or(c, |d| c.min(d)));
            (made, done, t.status == crate::model::Status::Done)
        })
        .collect();
    let done_in_period = actions
        .iter()
        .filter(|(_, d, _)| in_period(period, *d))
        .count() as u32;
    let going = matches!(plan.status, PlanStatus::Active | PlanStatus::Paused);
    if !going && done_in_period == 0 {
        return None;
    }
    // An action counts from the day it was written down (always, when that is not known);
    // a done one from the day it was done (always, when checked without a date).
    let at = |day: NaiveDate| {
        let total = actions
            .iter()
            .filter(|(c, _, _)| c.is_none_or(|c| c <= day))
            .count() as u32;
        let done = actions
            .iter()
            .filter(|(_, d, done)| *done && d.is_none_or(|d| d <= day))
            .count() as u32;
        (done, total)
    };
    let checkpoint_days: Vec<NaiveDate> = plan
        .checkpoints
        .iter()
        .filter_map(|&c| {
            let c = index.checkpoint(c);
            c.reached_on.or(c.date)
        })
        .collect();
    let before = period.start().pred_opt().map_or((0, 0), at);
    let now = at(as_of);
    let points = buckets
        .iter()
        .filter(|b| b.start <= as_of)
        .map(|b| {
            let day = b.end.min(as_of);
            let (done, total) = at(day);
            BurnPoint {
                id: b.id.clone(),
                date: day,
                done,
                total,
                checkpoints: checkpoint_days
                    .iter()
                    .filter(|&&d| d >= b.start && d <= b.end)
                    .count() as u32,
            }
        })
        .collect();
    let mut checkpoints: Vec<_> = plan
        .checkpoints
        .iter()
        .copied()
        .filter(|&c| {
            let c = index.checkpoint(c);
            in_period(period, c.date) || in_period(period, c.reached_on)
        })
        .collect();
    checkpoints.sort_by_key(|&c| (index.checkpoint(c).date, c));
    let note = index.note(plan.note);
    Some(BurnUp {
        title: plan.title.clone(),
        path: note.path.clone(),
        status: plan.status_text.clone(),
        before: level(before.0, before.1),
        now: level(now.0, now.1),
        done_in_period,
        points,
        checkpoints: checkpoints
            .into_iter()
            .map(|c| CheckpointView::new(index, c, as_of, config))
            .collect(),
    })
}

/// The plans started, finished, paused or dropped in the period, by date.
fn plan_changes(index: &Index, period: Period, as_of: NaiveDate) -> Vec<PlanChange> {
    // The latest dated decision written about each plan (in its note or linking to it).
    let mut decided: std::collections::HashMap<PlanId, (NaiveDate, Source)> =
        std::collections::HashMap::new();
    for (ni, n) in index.notes_with_ids() {
        for d in &n.decisions {
            let Some(date) = d.place.date.filter(|&d| d <= as_of) else {
                continue;
            };
            let plan = index
                .plan_of_note(ni)
                .or_else(|| index.linked_plan(&n.path, &d.links));
            if let Some(p) = plan {
                let e = decided
                    .entry(p)
                    .or_insert_with(|| (date, Source::new(&n.path, &d.place)));
                if date > e.0 {
                    *e = (date, Source::new(&n.path, &d.place));
                }
            }
        }
    }
    let mut out = Vec::new();
    for (p, plan) in index.plans() {
        let note = index.note(plan.note);
        let mut push = |change, date: Option<NaiveDate>, source: Source| {
            if let Some(date) = date.filter(|&d| period.contains(d) && d <= as_of) {
                out.push(PlanChange {
                    title: plan.title.clone(),
                    change,
                    date,
                    source,
                });
            }
        };
        push("started", note.date, Source::top(&note.path));
        let last = |with_cancelled: bool| {
            plan.actions
                .iter()
                .map(|&r| (r, index.task(r)))
                .filter_map(|(r, t)| {
                    let d = index::done_on(t).or(if with_cancelled {
                        t.dates.cancelled
                    } else {
                        None
                    })?;
                    Some((d, r))
                })
                .max()
        };
        let source_of =
            |r: index::TaskRef| Source::new(&index.note(r.note()).path, &index.task(r).place);
        // Finished: nothing of it left open as of the day (a past period sees later
        // completions as still open).
        let open_left = plan.actions.iter().any(|&r| index.task(r).status.is_open());
        match plan.status {
            PlanStatus::Done if !open_left => {
                if let Some((d, r)) = last(false) {
                    push("finished", Some(d), source_of(r));
                }
            }
            PlanStatus::Done => {}
            PlanStatus::Dropped => {
                if let Some((d, r)) = last(true) {
                    push("dropped", Some(d), source_of(r));
                }
            }
            PlanStatus::Paused => {
                if let Some((d, source)) = decided.get(&p) {
                    push("paused", Some(*d), source.clone());
                }
            }
            PlanStatus::Active => {}
        }
    }
    out.sort_by(|a, b| (a.date, &a.title).cmp(&(b.date, &b.title)));
    out
}
