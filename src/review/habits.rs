//! Habits: a recurring task (Obsidian Tasks' `🔁`, a Logseq repeater) or a task ticked on many
//! days (the same plan and text, case and spacing aside, done on at least
//! [`HABIT_MIN_DAYS`] different days). Its instances are that task wherever it is written; its
//! completions are their done days (and, for a Logseq repeater, the `State "DONE"` days of its
//! logbook).
//!
//! A recurring task repeats as its rule says (`every week`, `every 3 days`, `every month`;
//! `every Monday` counts in weeks, `every weekday` in days): its slots are those repeats
//! counted from its first instance. A task ticked on many days has no rule, and the review
//! does not guess one (a habit of weekdays is not missed on Sundays): its slots are the days
//! since its first instance that have an entry (a daily note, a dated section) or a tick. Its streak
//! is the run of slots with a completion up to the as-of day (today's slot, still open, does
//! not break it); its longest streak the longest such run; its rate, the slots of the period
//! (from its first instance up to the as-of day) with a completion. A recurring task whose
//! last instance is done with no new one after it has ended, and its slots end there.

use super::planned::Key;
use crate::dates::{Period, WeekStart};
use crate::index::{self, Index, TaskRef};
use crate::views::TaskView;
use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// A task done on at least this many different days is a habit.
pub(crate) const HABIT_MIN_DAYS: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// How often a habit repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cadence {
    unit: Unit,
    every: u32,
}

impl Cadence {
    /// Reads `every day`, `every 3 weeks when done`, `every month on the 1st`, `every
    /// Monday`, `every weekday`.
    fn read(rule: &str) -> Cadence {
        let rule = rule.to_lowercase();
        let mut words = rule
            .split_whitespace()
            .skip_while(|w| *w != "every")
            .skip(1);
        let (every, unit_word) = match words.next() {
            Some(w) => match w.parse::<u32>() {
                Ok(n) => (n.max(1), words.next().unwrap_or("")),
                Err(_) => (1, w),
            },
            None => (1, ""),
        };
        let unit_word = unit_word.trim_end_matches([',', ';']);
        let unit = match unit_word.trim_end_matches('s') {
            "day" | "weekday" | "hour" => Unit::Day,
            "month" => Unit::Month,
            "year" => Unit::Year,
            _ => Unit::Week,
        };
        Cadence { unit, every }
    }

    fn name(self) -> String {
        let unit = match self.unit {
            Unit::Day => "day",
            Unit::Week => "week",
            Unit::Month => "month",
            Unit::Year => "year",
        };
        match self.every {
            1 => unit.to_string(),
            n => format!("{n} {unit}s"),
        }
    }
}

/// The slots of a habit with a rule, counted from its first instance.
#[derive(Debug, Clone, Copy)]
struct Repeats {
    cadence: Cadence,
    anchor: NaiveDate,
    week_start: WeekStart,
}

fn months(d: NaiveDate) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month0())
}

impl Repeats {
    fn week_of(self, d: NaiveDate) -> NaiveDate {
        crate::dates::Week::containing(d, self.week_start).start()
    }

    fn of(self, d: NaiveDate) -> i64 {
        let n = i64::from(self.cadence.every);
        let a = self.anchor;
        let units = match self.cadence.unit {
            Unit::Day => (d - a).num_days(),
            Unit::Week => (self.week_of(d) - self.week_of(a)).num_days() / 7,
            Unit::Month => months(d) - months(a),
            Unit::Year => i64::from(d.year()) - i64::from(a.year()),
        };
        units.div_euclid(n)
    }

    fn start(self, k: i64) -> Option<NaiveDate> {
        let steps = u64::try_from(k.checked_mul(i64::from(self.cadence.every))?).ok()?;
        let a = self.anchor;
        match self.cadence.unit {
            Unit::Day => a.checked_add_days(Days::new(steps)),
            Unit::Week => self.week_of(a).checked_add_days(Days::new(steps * 7)),
            Unit::Month => a
                .with_day(1)?
                .checked_add_months(Months::new(u32::try_from(steps).ok()?)),
            Unit::Year => NaiveDate::from_ymd_opt(a.year() + i32::try_from(steps).ok()?, 1, 1),
        }
    }
}

/// The slots of a habit: its rule's repeats, or, for a task ticked on many days with no rule,
/// the days something was written (an entry, or a day it was ticked): the notes do not say
/// how often it is meant to be done, so the days the owner did not write are no one's to
/// count as missed.
#[derive(Debug, Clone)]
enum Slots {
    Repeats(Repeats),
    Written(Vec<NaiveDate>),
}

impl Slots {
    /// The slot holding `d`, if `d` is in one.
    fn of(&self, d: NaiveDate) -> Option<i64> {
        match self {
            Slots::Repeats(r) => Some(r.of(d)),
            Slots::Written(days) => days
                .binary_search(&d)
                .ok()
                .and_then(|i| i64::try_from(i).ok()),
        }
    }

    /// The latest slot begun by `d`, and whether it is still open on `d` (a slot not over
    /// yet does not break a streak).
    fn current(&self, d: NaiveDate) -> Option<(i64, bool)> {
        match self {
            Slots::Repeats(r) => Some((r.of(d), true)),
            Slots::Written(days) => {
                let n = days.partition_point(|&x| x <= d);
                let i = n.checked_sub(1)?;
                Some((i64::try_from(i).ok()?, days[i] == d))
            }
        }
    }

    /// The slots that begin or hold a day from `from` to `to`, with their first days.
    fn between(&self, from: NaiveDate, to: NaiveDate) -> Vec<(i64, NaiveDate)> {
        match self {
            Slots::Repeats(r) => (r.of(from)..=r.of(to))
                .filter_map(|k| Some((k, r.start(k)?)))
                .collect(),
            Slots::Written(days) => days
                .iter()
                .enumerate()
                .filter(|&(_, &d)| d >= from && d <= to)
                .filter_map(|(i, &d)| Some((i64::try_from(i).ok()?, d)))
                .collect(),
        }
    }

    fn name(&self) -> String {
        match self {
            Slots::Repeats(r) => r.cadence.name(),
            Slots::Written(_) => "day written".to_string(),
        }
    }
}

/// One slot of a habit in the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Mark {
    pub(crate) start: NaiveDate,
    pub(crate) done: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Habit {
    /// Its latest open instance, else its latest one.
    pub(crate) task: TaskView,
    /// `day`, `week`, `3 days`, … as its rule says; `day written` without a rule.
    pub(crate) every: String,
    /// It has a recurrence rule (else it is a task ticked on many days).
    pub(crate) recurring: bool,
    /// Its first instance.
    pub(crate) since: NaiveDate,
    pub(crate) last_done: Option<NaiveDate>,
    /// A recurring task with no instance left to do: the day of its last one.
    pub(crate) ended: Option<NaiveDate>,
    pub(crate) streak: u32,
    pub(crate) longest_streak: u32,
    /// Slots of the period with a completion, and those that have begun.
    pub(crate) done_in_period: u32,
    pub(crate) slots_in_period: u32,
    /// `done_in_period` of `slots_in_period`, in percent; null when no slot has begun.
    pub(crate) rate: Option<u32>,
    /// The period's slots, up to the as-of day: the heat-map row.
    pub(crate) marks: Vec<Mark>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Habits {
    /// The habits of the period: done in it, or recurring with an instance still open.
    pub(crate) list: Vec<Habit>,
    /// Every habit of the vault, by plan and folded text.
    pub(crate) keys: HashSet<Key>,
}

/// The habits, from every task's key (`keys`, in the order of [`Index::tasks`]).
pub(crate) fn habits(
    index: &Index,
    keys: &[Key],
    period: Period,
    as_of: NaiveDate,
    week_start: WeekStart,
) -> Habits {
    let mut groups: BTreeMap<&Key, Vec<TaskRef>> = BTreeMap::new();
    for ((r, _), key) in index.tasks().zip(keys) {
        groups.entry(key).or_default().push(r);
    }
    // The days something was written, for the habits without a rule.
    let written: BTreeSet<NaiveDate> = index
        .notes()
        .iter()
        .flat_map(|n| n.entries.iter().copied())
        .filter(|&d| d <= as_of)
        .collect();
    let mut out = Habits::default();
    for (key, refs) in groups {
        let tasks: Vec<_> = refs.iter().map(|&r| (r, index.task(r))).collect();
        let rule = tasks.iter().find_map(|(_, t)| t.recurrence());
        let done: BTreeSet<NaiveDate> = tasks
            .iter()
            .flat_map(|(_, t)| {
                index::done_on(t)
                    .into_iter()
                    .chain(t.completions().iter().copied())
            })
            .filter(|&d| d <= as_of)
            .collect();
        if rule.is_none() && done.len() < HABIT_MIN_DAYS {
            continue;
        }
        out.keys.insert(key.clone());
        let first = tasks
            .iter()
            .flat_map(|(_, t)| {
                [
                    t.dates.created,
                    t.place.date,
                    t.dates.scheduled,
                    t.dates.due,
                ]
            })
            .flatten()
            .chain(done.iter().copied())
            .filter(|&d| d <= as_of)
            .min();
        let Some(since) = first else { continue };
        if since > period.end() {
            continue;
        }
        let open = tasks
            .iter()
            .filter(|(r, t)| t.status.is_open() && index.in_play(index.plan_of_task(*r)))
            .map(|(r, _)| *r)
            .max_by_key(|r| (index.task(*r).dates.due, *r));
        let slots = match rule {
            Some(rule) => Slots::Repeats(Repeats {
                cadence: Cadence::read(rule),
                anchor: since,
                week_start,
            }),
            None => Slots::Written(
                written
                    .iter()
                    .chain(&done)
                    .copied()
                    .filter(|&d| d >= since && d <= as_of)
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect(),
            ),
        };
        // A recurring task whose last instance is done and not followed by a new one has
        // ended: its slots stop there. A ticked habit no longer ticked has not ended; its
        // days go on counting.
        let ended = match (rule, open) {
            (Some(_), None) => done.last().copied(),
            _ => None,
        };
        let done_slots: BTreeSet<i64> = done.iter().filter_map(|&d| slots.of(d)).collect();
        let mut streak = 0u32;
        if let Some((now, open)) = slots.current(as_of) {
            let mut k = if open && !done_slots.contains(&now) {
                now - 1
            } else {
                now
            };
            while done_slots.contains(&k) {
                streak += 1;
                k -= 1;
            }
        }
        let (mut longest, mut run, mut prev) = (0u32, 0u32, None::<i64>);
        for &s in &done_slots {
            run = if prev == Some(s - 1) { run + 1 } else { 1 };
            longest = longest.max(run);
            prev = Some(s);
        }
        let last_day = period.end().min(as_of).min(ended.unwrap_or(as_of));
        let marks: Vec<Mark> = if since <= last_day {
            slots
                .between(period.start().max(since), last_day)
                .into_iter()
                .map(|(k, start)| Mark {
                    start,
                    done: done_slots.contains(&k),
                })
                .collect()
        } else {
            Vec::new()
        };
        let done_in_period = marks.iter().filter(|m| m.done).count() as u32;
        if done_in_period == 0 && open.is_none() {
            continue;
        }
        let slots_in_period = marks.len() as u32;
        let shown = open.unwrap_or_else(|| {
            tasks
                .iter()
                .map(|(r, t)| (index::done_on(t), *r))
                .max()
                .map_or(refs[0], |(_, r)| r)
        });
        out.list.push(Habit {
            task: TaskView::new(index, shown),
            every: slots.name(),
            recurring: rule.is_some(),
            since,
            last_done: done.last().copied(),
            ended,
            streak,
            longest_streak: longest,
            done_in_period,
            slots_in_period,
            rate: (done_in_period * 100).checked_div(slots_in_period),
            marks,
        });
    }
    out.list
        .sort_by(|a, b| (b.done_in_period, &a.task.text).cmp(&(a.done_in_period, &b.task.text)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cadences_are_read_from_rules() {
        let c = |r| Cadence::read(r).name();
        assert_eq!(c("every day"), "day");
        assert_eq!(c("every 3 days when done"), "3 days");
        assert_eq!(c("every week on Sunday"), "week");
        assert_eq!(c("every Monday"), "week");
        assert_eq!(c("every weekday"), "day");
        assert_eq!(c("every 2 months"), "2 months");
        assert_eq!(c("every year"), "year");
        assert_eq!(c("every 2 weeks when done"), "2 weeks");
    }

    #[test]
    fn slots_count_from_the_first_instance() {
        let d = |s| crate::dates::parse_date(s).expect("date");
        let s = Repeats {
            cadence: Cadence {
                unit: Unit::Week,
                every: 1,
            },
            anchor: d("2026-11-04"),
            week_start: WeekStart::Monday,
        };
        assert_eq!(s.of(d("2026-11-08")), 0, "the same ISO week");
        assert_eq!(s.of(d("2026-11-09")), 1);
        assert_eq!(s.start(1), Some(d("2026-11-09")));
        let sunday = Repeats {
            week_start: WeekStart::Sunday,
            ..s
        };
        assert_eq!(sunday.of(d("2026-11-08")), 1, "a Sunday starts a new week");
        let m = Repeats {
            cadence: Cadence {
                unit: Unit::Month,
                every: 2,
            },
            ..s
        };
        assert_eq!((m.of(d("2026-12-31")), m.of(d("2027-01-01"))), (0, 1));
        assert_eq!(m.start(1), Some(d("2027-01-01")));
    }
}
