//! Looking back and ahead: the library's questions with their answers across the period (the
//! reflection timeline, each answer with the mood of its day), the same period a year ago
//! (what was written and answered then), and the decisions to look at again, with the queue
//! of those coming due in the next period. A decision to stay put is listed like any other:
//! a revisit date is a date, not a deadline missed.

use super::{PeriodInfo, in_period};
use crate::config::Config;
use crate::dates::Period;
use crate::index::{Answers, Index, PlanStatus};
use crate::views::Source;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;

/// The mean mood of each day that has one.
pub(crate) fn day_moods(index: &Index) -> HashMap<NaiveDate, f64> {
    let mut sums: HashMap<NaiveDate, (f64, u32)> = HashMap::new();
    for m in index.notes().iter().flat_map(|n| &n.moods) {
        if let Some(d) = m.place.date {
            let e = sums.entry(d).or_insert((0.0, 0));
            e.0 += m.value;
            e.1 += 1;
        }
    }
    sums.into_iter()
        .map(|(d, (s, n))| (d, super::round2(s / f64::from(n))))
        .collect()
}

/// One answer, with the mood of its day. Those of a review's timeline and of a question's
/// page are all dated.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct TimelineAnswer {
    pub(crate) prompt: String,
    pub(crate) answer: String,
    pub(crate) date: Option<NaiveDate>,
    pub(crate) mood: Option<f64>,
    pub(crate) source: Source,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct TimelineQuestion {
    pub(crate) prompt: String,
    pub(crate) answers: Vec<TimelineAnswer>,
}

/// The answers to `question`, oldest first: those dated within `period` when given, else
/// every one (the undated last).
pub(crate) fn answers_to(
    answers: &Answers<'_>,
    moods: &HashMap<NaiveDate, f64>,
    question: &str,
    period: Option<Period>,
) -> Vec<TimelineAnswer> {
    answers
        .to(question)
        .iter()
        .filter(|a| period.is_none_or(|p| in_period(p, a.prompt.place.date)))
        .map(|a| {
            let date = a.prompt.place.date;
            TimelineAnswer {
                prompt: a.prompt.text.clone(),
                answer: a.prompt.answer.clone(),
                date,
                mood: date.and_then(|d| moods.get(&d).copied()),
                source: Source::new(a.path, &a.prompt.place),
            }
        })
        .collect()
}

/// Each library question with its answers in the period.
pub(crate) fn timeline(
    index: &Index,
    answers: &Answers<'_>,
    period: Period,
    config: &Config,
) -> Vec<TimelineQuestion> {
    let moods = day_moods(index);
    config
        .settings
        .prompts
        .library
        .0
        .iter()
        .map(|q| TimelineQuestion {
            prompt: q.clone(),
            answers: answers_to(answers, &moods, q, Some(period)),
        })
        .collect()
}

/// A note written in the same period a year before.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct YearAgoNote {
    pub(crate) title: String,
    pub(crate) date: NaiveDate,
    pub(crate) words: u32,
    pub(crate) source: Source,
}

/// An answer given in the same period a year before.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct YearAgoAnswer {
    pub(crate) prompt: String,
    pub(crate) answer: String,
    pub(crate) date: Option<NaiveDate>,
    pub(crate) source: Source,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct YearAgo {
    pub(crate) period: PeriodInfo,
    pub(crate) mood: Option<f64>,
    pub(crate) notes: Vec<YearAgoNote>,
    pub(crate) answers: Vec<YearAgoAnswer>,
}

/// What was written in the same period a year before; `None` when nothing was.
pub(crate) fn year_ago(index: &Index, period: Period, config: &Config) -> Option<YearAgo> {
    let then = period.year_ago()?;
    let mut notes = Vec::new();
    let mut answers = Vec::new();
    for n in index.notes() {
        if let Some(&date) = n.entries.iter().filter(|d| then.contains(**d)).min() {
            notes.push(YearAgoNote {
                title: n.h1.clone().unwrap_or_else(|| n.stem().to_string()),
                date,
                words: n
                    .words
                    .iter()
                    .filter(|w| then.contains(w.date))
                    .map(|w| w.words)
                    .sum(),
                source: Source::top(&n.path),
            });
        }
        for p in n
            .prompts
            .iter()
            .filter(|p| p.answered && in_period(then, p.place.date))
        {
            answers.push(YearAgoAnswer {
                prompt: p.text.clone(),
                answer: p.answer.clone(),
                date: p.place.date,
                source: Source::new(&n.path, &p.place),
            });
        }
    }
    if notes.is_empty() && answers.is_empty() {
        return None;
    }
    notes.sort_by(|a, b| (a.date, &a.source.path).cmp(&(b.date, &b.source.path)));
    answers.sort_by(|a, b| {
        (a.date, &a.source.path, a.source.line).cmp(&(b.date, &b.source.path, b.source.line))
    });
    Some(YearAgo {
        period: PeriodInfo::new(then, config),
        mood: super::period_mood(index, then),
        notes,
        answers,
    })
}

/// A decision or a paused plan, with the day to look at it again.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Revisit {
    pub(crate) text: String,
    pub(crate) made_on: Option<NaiveDate>,
    pub(crate) revisit: Option<NaiveDate>,
    pub(crate) plan: Option<String>,
    /// It is the decision of a paused plan (to wait, on purpose).
    pub(crate) paused: bool,
    pub(crate) source: Source,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Revisits {
    /// The period after the one reviewed (null after the year 9999).
    pub(crate) next: Option<PeriodInfo>,
    /// Those whose revisit day falls in the next period.
    pub(crate) due: Vec<Revisit>,
    /// Every decision made up to the as-of day (`decision::` lines, and the decisions of
    /// plans not done or dropped) and every paused plan, by revisit day (none last).
    pub(crate) all: Vec<Revisit>,
}

pub(crate) fn revisits(
    index: &Index,
    period: Period,
    as_of: NaiveDate,
    config: &Config,
) -> Revisits {
    let mut all = Vec::new();
    for (ni, n) in index.notes_with_ids() {
        let note_plan = index.plan_of_note(ni);
        for d in &n.decisions {
            if d.place.date.is_some_and(|m| m > as_of) {
                continue;
            }
            let plan = note_plan.or_else(|| index.linked_plan(&n.path, &d.links));
            all.push(Revisit {
                text: d.text.clone(),
                made_on: d.place.date,
                revisit: d.revisit,
                plan: index.plan_title(plan),
                paused: false,
                source: Source::new(&n.path, &d.place),
            });
        }
    }
    for (_, plan) in index.plans() {
        let paused = plan.status == PlanStatus::Paused;
        if matches!(plan.status, PlanStatus::Done | PlanStatus::Dropped)
            || (plan.decision.is_none() && !paused)
        {
            continue;
        }
        let n = index.note(plan.note);
        all.push(Revisit {
            text: plan
                .decision
                .clone()
                .unwrap_or_else(|| format!("{} is {}", plan.title, plan.status_text)),
            made_on: n.date,
            revisit: plan.revisit,
            plan: Some(plan.title.clone()),
            paused,
            source: Source::top(&n.path),
        });
    }
    all.sort_by(|a, b| {
        (
            a.revisit.is_none(),
            a.revisit,
            a.made_on,
            &a.source.path,
            a.source.line,
        )
            .cmp(&(
                b.revisit.is_none(),
                b.revisit,
                b.made_on,
                &b.source.path,
                b.source.line,
            ))
    });
    let next = Some(period.next()).filter(|n| n.writable() && *n != period);
    Revisits {
        next: next.map(|n| PeriodInfo::new(n, config)),
        due: match next {
            Some(next) => all
                .iter()
                .filter(|r| in_period(next, r.revisit))
                .cloned()
                .collect(),
            None => Vec::new(),
        },
        all,
    }
}
