//! The review of a period (a week, a month, a quarter or a year): index + period + as-of
//! date → the review model (SPEC §3), a pure function. The model is the template context
//! and, as is, the `--format json` output.
//!
//! The sections every review shares are built here; those that look across time are in the
//! submodules: `trends` (buckets, mood per week or month, plan burn-ups, plans started and
//! finished), `planned` (planned versus actual, and the tasks carried forward), `habits`
//! (recurring tasks and tasks ticked day after day), `timeline` (the library's questions
//! across the period, a year ago, decisions coming due).

mod habits;
mod planned;
mod timeline;
mod trends;

pub(crate) use timeline::{TimelineAnswer, answers_to, day_moods};
pub(crate) use trends::{BucketStats, buckets};

use crate::config::Config;
use crate::dates::{Period, PeriodKind};
use crate::index::{self, Answers, CheckpointStatus, Index, TaskRef};
use crate::model::Status;
use crate::views::{CheckpointView, PlanView, Source, TaskView};
use chrono::{Days, NaiveDate};
use serde::Serialize;

/// The version of the model's shape. 2: `week` became `period` (with its `kind`), `days`
/// became `buckets`, and the sections across time were added (docs/REVIEW.md).
pub(crate) const SCHEMA: &str = "journal.review/2";

/// The period reviewed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct PeriodInfo {
    pub(crate) kind: PeriodKind,
    pub(crate) id: String,
    /// The period as the vault's periodic notes name it (`2026-W48`, `2025-48`, `2026-11`).
    pub(crate) name: String,
    pub(crate) start: NaiveDate,
    pub(crate) end: NaiveDate,
}

impl PeriodInfo {
    pub(crate) fn new(period: Period, config: &Config) -> PeriodInfo {
        PeriodInfo {
            kind: period.kind(),
            id: period.id(),
            name: period_name(period, config),
            start: period.start(),
            end: period.end(),
        }
    }
}

/// The name of a period as the vault's periodic notes would be named: the weekly format for
/// a week, the Periodic Notes format of the month, quarter or year when the vault has one,
/// else its id.
pub(crate) fn period_name(period: Period, config: &Config) -> String {
    match period.as_week() {
        Some(week) => config.weekly.format.format(week.middle()),
        None => config
            .periodic(period.kind())
            .map_or_else(|| period.id(), |p| p.format.format(period.start())),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Stats {
    pub(crate) notes_written: u32,
    pub(crate) words_written: u32,
    pub(crate) tasks_done: u32,
    pub(crate) tasks_created: u32,
    pub(crate) tasks_open: u32,
    pub(crate) tasks_overdue: u32,
    pub(crate) checkpoints_reached: u32,
    pub(crate) checkpoints_missed: u32,
    pub(crate) prompts_answered: u32,
    pub(crate) mood_mean: Option<f64>,
    pub(crate) mood_change: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Checkpoints {
    pub(crate) reached: Vec<CheckpointView>,
    pub(crate) missed: Vec<CheckpointView>,
    pub(crate) upcoming: Vec<CheckpointView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct PreviousAnswer {
    pub(crate) answer: String,
    pub(crate) date: Option<NaiveDate>,
    pub(crate) source: Source,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Answered {
    pub(crate) prompt: String,
    pub(crate) answer: String,
    pub(crate) date: Option<NaiveDate>,
    pub(crate) source: Source,
    pub(crate) previous: Option<PreviousAnswer>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Unanswered {
    pub(crate) prompt: String,
    pub(crate) date: Option<NaiveDate>,
    pub(crate) source: Source,
}

/// One answer to a question, in the week or before it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct AnswerView {
    pub(crate) answer: String,
    pub(crate) date: Option<NaiveDate>,
    pub(crate) source: Source,
}

/// A place a question was left open.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct OpenAt {
    pub(crate) date: Option<NaiveDate>,
    pub(crate) source: Source,
}

/// One question asked in the week, with all of the week's answers to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Question {
    /// As last written in the week.
    pub(crate) prompt: String,
    /// The week's answers, in date order.
    pub(crate) answers: Vec<AnswerView>,
    /// The latest answer dated before the week.
    pub(crate) before: Option<AnswerView>,
    /// Where it was asked in the week and left without an answer.
    pub(crate) open: Vec<OpenAt>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Reflections {
    pub(crate) answered: Vec<Answered>,
    pub(crate) unanswered: Vec<Unanswered>,
    /// The same, one entry per question (folded), in the order first asked in the week.
    pub(crate) questions: Vec<Question>,
}

/// Done tasks of the week with the same text and plan, as one line: a task carried from day
/// to day, a habit ticked every day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct DoneGroup {
    /// The first of them.
    pub(crate) task: TaskView,
    pub(crate) count: u32,
    /// The days they were done on, in order, each once.
    pub(crate) dates: Vec<NaiveDate>,
    /// Those days' short names (`Tue`).
    pub(crate) days: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct DecisionView {
    pub(crate) text: String,
    pub(crate) made_on: Option<NaiveDate>,
    pub(crate) revisit: Option<NaiveDate>,
    pub(crate) plan: Option<String>,
    pub(crate) source: Source,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct NextPrompt {
    pub(crate) prompt: String,
    /// When it was last answered; null when never.
    pub(crate) last_answered: Option<NaiveDate>,
}

/// The review of a period (SPEC §3).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    pub(crate) schema: &'static str,
    pub(crate) period: PeriodInfo,
    pub(crate) as_of: NaiveDate,
    pub(crate) vault: String,
    pub(crate) generated_at: String,
    pub(crate) stats: Stats,
    /// Days for a week or a month, weeks for a quarter, months for a year.
    pub(crate) buckets: Vec<BucketStats>,
    pub(crate) done: Vec<TaskView>,
    pub(crate) done_groups: Vec<DoneGroup>,
    pub(crate) plans: Vec<PlanView>,
    pub(crate) checkpoints: Checkpoints,
    pub(crate) overdue: Vec<TaskView>,
    pub(crate) due_soon: Vec<TaskView>,
    pub(crate) in_progress: Vec<TaskView>,
    pub(crate) deferred: Vec<TaskView>,
    pub(crate) reflections: Reflections,
    pub(crate) decisions: Vec<DecisionView>,
    pub(crate) help: Vec<TaskView>,
    pub(crate) next_prompts: Vec<NextPrompt>,
    pub(crate) trends: trends::Trends,
    pub(crate) planned: planned::Planned,
    /// Tasks carried forward, migrated or copied from day to day, the longest carried first.
    pub(crate) carried: Vec<planned::Carried>,
    pub(crate) habits: Vec<habits::Habit>,
    pub(crate) revisits: timeline::Revisits,
    /// Each library question with its answers in the period, and the mood of those days.
    pub(crate) timeline: Vec<timeline::TimelineQuestion>,
    /// The same period a year before, when something was written then.
    pub(crate) year_ago: Option<timeline::YearAgo>,
    /// Lists longer than this end with "… and N more" in the Markdown and HTML reviews
    /// (`[review] list_limit`); every list here holds all its items.
    pub(crate) list_limit: u64,
}

/// What the review is of, besides the index.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    pub period: Period,
    pub today: NaiveDate,
    pub config: &'a Config,
    /// The vault's name as shown in the review.
    pub vault: String,
    pub generated_at: String,
}

fn in_period(period: Period, d: Option<NaiveDate>) -> bool {
    d.is_some_and(|d| period.contains(d))
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0u32), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| round2(sum / f64::from(n)))
}

/// The mean mood of the days of `period`.
pub(crate) fn period_mood(index: &Index, period: Period) -> Option<f64> {
    mean(
        index
            .notes()
            .iter()
            .flat_map(|n| &n.moods)
            .filter(|m| in_period(period, m.place.date))
            .map(|m| m.value),
    )
}

/// Builds the review of `req.period` as of `min(today, end of the period)`. A past period is
/// reviewed as the vault stood at its end: the index is turned into that snapshot in place,
/// which is why it is taken by value.
pub fn build(index: Index, req: &Request<'_>) -> Review {
    let period = req.period;
    let config = req.config;
    let as_of = req.today.min(period.end());
    let index = if as_of < req.today && index.changed_after(as_of) {
        index.into_as_of(as_of, config)
    } else {
        index
    };
    let index = &index;
    let views = |refs: &[TaskRef]| -> Vec<TaskView> {
        refs.iter().map(|&r| TaskView::new(index, r)).collect()
    };
    let urgent = |mut refs: Vec<TaskRef>| {
        index::sort_by_urgency(index, &mut refs, as_of);
        refs
    };

    let all: Vec<(TaskRef, &crate::model::Task)> = index.tasks().collect();
    // What is still to do: tasks without a plan or of an active plan (a paused plan's steps
    // wait on purpose; a done or dropped plan's are no one's to do).
    let to_do: Vec<(TaskRef, &crate::model::Task)> = all
        .iter()
        .copied()
        .filter(|&(r, _)| index.in_play(index.plan_of_task(r)))
        .collect();
    let mut done: Vec<TaskRef> = all
        .iter()
        .filter(|(_, t)| in_period(period, index::done_on(t)))
        .map(|&(r, _)| r)
        .collect();
    // Grouped by plan (by title; tasks without a plan last), then by when they were done.
    done.sort_by_cached_key(|&r| {
        let plan = index.plan_of(r).map(|p| p.title.as_str());
        (plan.is_none(), plan, index::done_on(index.task(r)), r)
    });
    let overdue = urgent(
        to_do
            .iter()
            .filter(|(_, t)| index::is_overdue(t, as_of))
            .map(|&(r, _)| r)
            .collect(),
    );
    let soon_end = period
        .end()
        .checked_add_days(Days::new(7))
        .unwrap_or(period.end());
    let due_soon = urgent(
        to_do
            .iter()
            .filter(|(_, t)| {
                t.status.is_open()
                    && t.dates
                        .due
                        .is_some_and(|d| d > period.end() && d <= soon_end)
            })
            .map(|&(r, _)| r)
            .collect(),
    );
    let with_status = |s: Status| {
        urgent(
            to_do
                .iter()
                .filter(|(_, t)| t.status == s)
                .map(|&(r, _)| r)
                .collect(),
        )
    };
    let in_progress = with_status(Status::InProgress);
    let deferred = with_status(Status::Deferred);
    let help = urgent(
        to_do
            .iter()
            .filter(|(_, t)| {
                (t.status.is_open() || t.waits_on_others())
                    && config.settings.tags.help.0.iter().any(|h| t.has_tag(h))
            })
            .map(|&(r, _)| r)
            .collect(),
    );
    let open = all.iter().filter(|(_, t)| t.status.is_open()).count() as u32;

    let done_groups = done_groups(index, &done);
    let plans: Vec<PlanView> = index
        .current_plans()
        .map(|p| PlanView::new(index, p, as_of, period, config))
        .collect();

    let checkpoints = checkpoints(index, period, as_of, config);
    let answers = Answers::new(index);
    let reflections = reflections(index, &answers, period);
    let decisions = decisions(index, period, as_of, config);

    let keys = planned::keys(index);
    let habits = habits::habits(index, &keys, period, as_of, config.week_start);
    let chains = planned::chains(index, &keys, &habits.keys, as_of);
    drop(keys);
    let bucket_list = period.buckets(config.week_start);
    let buckets = buckets(index, &bucket_list, &chains.carried_on);
    let mood = trends::Mood::of(index, period);
    let stats = Stats {
        notes_written: buckets.iter().map(|d| d.notes).sum(),
        words_written: buckets.iter().map(|d| d.words).sum(),
        tasks_done: done.len() as u32,
        tasks_created: buckets.iter().map(|d| d.tasks_created).sum(),
        tasks_open: open,
        tasks_overdue: overdue.len() as u32,
        checkpoints_reached: checkpoints.reached.len() as u32,
        checkpoints_missed: checkpoints.missed.len() as u32,
        prompts_answered: reflections.answered.len() as u32,
        mood_mean: mood.mean,
        mood_change: mood.change,
    };
    let trends = trends::trends(
        index,
        period,
        as_of,
        config,
        &trends::Given {
            buckets: &bucket_list,
            stats: &buckets,
            carried_on: &chains.carried_on,
            mood,
        },
    );
    let planned = planned::planned(index, period, as_of, &chains);
    let carried = planned::carried(index, period, as_of, &chains);
    Review {
        schema: SCHEMA,
        period: PeriodInfo::new(period, config),
        as_of,
        vault: req.vault.clone(),
        generated_at: req.generated_at.clone(),
        stats,
        buckets,
        done: views(&done),
        done_groups,
        plans,
        checkpoints,
        overdue: views(&overdue),
        due_soon: views(&due_soon),
        in_progress: views(&in_progress),
        deferred: views(&deferred),
        reflections,
        decisions,
        help: views(&help),
        next_prompts: next_prompts(&answers, config),
        trends,
        planned,
        carried,
        habits: habits.list,
        revisits: timeline::revisits(index, period, as_of, config),
        timeline: timeline::timeline(index, &answers, period, config),
        year_ago: timeline::year_ago(index, period, config),
        list_limit: config.settings.review.list_limit.get(),
    }
}

/// The done tasks (in review order) grouped by plan and folded text, each group where its
/// first task is.
fn done_groups(index: &Index, done: &[TaskRef]) -> Vec<DoneGroup> {
    let mut groups: Vec<DoneGroup> = Vec::new();
    let mut at: std::collections::HashMap<planned::Key, usize> = std::collections::HashMap::new();
    for &r in done {
        let t = index.task(r);
        let key = (
            index.plan_of_task(r),
            crate::note::inline::fold_words(&t.text),
        );
        let day = index::done_on(t);
        let i = *at.entry(key).or_insert_with(|| {
            groups.push(DoneGroup {
                task: TaskView::new(index, r),
                count: 0,
                dates: Vec::new(),
                days: Vec::new(),
            });
            groups.len() - 1
        });
        let g = &mut groups[i];
        g.count += 1;
        if let Some(d) = day
            && !g.dates.contains(&d)
        {
            g.dates.push(d);
        }
    }
    for g in &mut groups {
        g.dates.sort();
        g.days = g.dates.iter().map(|d| d.format("%a").to_string()).collect();
    }
    groups
}

fn checkpoints(index: &Index, period: Period, as_of: NaiveDate, config: &Config) -> Checkpoints {
    let view = |id| CheckpointView::new(index, id, as_of, config);
    let mut reached: Vec<_> = index
        .checkpoints()
        .filter(|(_, c)| {
            index::checkpoint_status(c, as_of, config.settings.review.horizon_days.small())
                == CheckpointStatus::Reached
                && in_period(period, c.reached_on)
        })
        .map(|(id, c)| (c.date, id))
        .collect();
    reached.sort();
    let due = index.checkpoints_due(as_of, config.settings.review.horizon_days.small());
    let with = |status: CheckpointStatus| {
        due.iter()
            .filter(|&&(_, s)| s == status)
            .map(|&(id, _)| view(id))
            .collect()
    };
    Checkpoints {
        reached: reached.into_iter().map(|(_, id)| view(id)).collect(),
        missed: with(CheckpointStatus::Missed),
        upcoming: with(CheckpointStatus::Upcoming),
    }
}

fn reflections(index: &Index, answers: &Answers<'_>, period: Period) -> Reflections {
    let mut answered = Vec::new();
    let mut unanswered = Vec::new();
    for n in index.notes() {
        for p in n.prompts.iter().filter(|p| in_period(period, p.place.date)) {
            let source = Source::new(&n.path, &p.place);
            if !p.answered {
                unanswered.push(Unanswered {
                    prompt: p.text.clone(),
                    date: p.place.date,
                    source,
                });
                continue;
            }
            let previous = p
                .place
                .date
                .and_then(|d| answers.before(&p.key, d))
                .map(|a| PreviousAnswer {
                    answer: a.prompt.answer.clone(),
                    date: a.prompt.place.date,
                    source: Source::new(a.path, &a.prompt.place),
                });
            answered.push(Answered {
                prompt: p.text.clone(),
                answer: p.answer.clone(),
                date: p.place.date,
                source,
                previous,
            });
        }
    }
    answered.sort_by(|a, b| {
        (a.date, &a.source.path, a.source.line).cmp(&(b.date, &b.source.path, b.source.line))
    });
    unanswered.sort_by(|a, b| {
        (a.date, &a.source.path, a.source.line).cmp(&(b.date, &b.source.path, b.source.line))
    });
    let questions = questions(index, answers, period);
    Reflections {
        answered,
        unanswered,
        questions,
    }
}

/// The week's questions, one each: its answers in date order, the latest answer before the
/// week, and where it was left open; in the order first asked in the week.
fn questions(index: &Index, answers: &Answers<'_>, period: Period) -> Vec<Question> {
    let mut asked: Vec<(&str, &str, &crate::model::Prompt)> = index
        .notes()
        .iter()
        .flat_map(|n| n.prompts.iter().map(move |p| (n.path.as_str(), p)))
        .filter(|(_, p)| in_period(period, p.place.date))
        .map(|(path, p)| (p.key.as_str(), path, p))
        .collect();
    asked.sort_by_key(|(_, path, p)| (p.place.date, *path, p.place.line));
    let mut out: Vec<Question> = Vec::new();
    let mut at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (key, path, p) in asked {
        let i = *at.entry(key).or_insert_with(|| {
            let before = answers.before(key, period.start()).map(|a| AnswerView {
                answer: a.prompt.answer.clone(),
                date: a.prompt.place.date,
                source: Source::new(a.path, &a.prompt.place),
            });
            out.push(Question {
                prompt: p.text.clone(),
                answers: Vec::new(),
                before,
                open: Vec::new(),
            });
            out.len() - 1
        });
        let q = &mut out[i];
        q.prompt = p.text.clone();
        let source = Source::new(path, &p.place);
        if p.answered {
            q.answers.push(AnswerView {
                answer: p.answer.clone(),
                date: p.place.date,
                source,
            });
        } else {
            q.open.push(OpenAt {
                date: p.place.date,
                source,
            });
        }
    }
    out
}

fn decisions(
    index: &Index,
    period: Period,
    as_of: NaiveDate,
    config: &Config,
) -> Vec<DecisionView> {
    let horizon = as_of
        .checked_add_days(Days::new(u64::from(
            config.settings.review.horizon_days.small(),
        )))
        .unwrap_or(as_of);
    let relevant = |made_on: Option<NaiveDate>, revisit: Option<NaiveDate>| {
        in_period(period, made_on) || revisit.is_some_and(|r| r <= horizon)
    };
    let mut out = Vec::new();
    for (ni, n) in index.notes_with_ids() {
        let note_plan = index.plan_of_note(ni);
        for d in &n.decisions {
            if !relevant(d.place.date, d.revisit) {
                continue;
            }
            let plan = note_plan.or_else(|| index.linked_plan(&n.path, &d.links));
            out.push(DecisionView {
                text: d.text.clone(),
                made_on: d.place.date,
                revisit: d.revisit,
                plan: index.plan_title(plan),
                source: Source::new(&n.path, &d.place),
            });
        }
    }
    for (_, plan) in index.plans() {
        let n = index.note(plan.note);
        if let Some(text) = &plan.decision
            && relevant(n.date, plan.revisit)
        {
            out.push(DecisionView {
                text: text.clone(),
                made_on: n.date,
                revisit: plan.revisit,
                plan: Some(plan.title.clone()),
                source: Source::top(&n.path),
            });
        }
    }
    out.sort_by(|a, b| {
        (a.made_on, &a.source.path, a.source.line).cmp(&(b.made_on, &b.source.path, b.source.line))
    });
    out
}

/// The library's prompts, the one unanswered the longest first (never answered before any).
pub(crate) fn next_prompts(answers: &Answers<'_>, config: &Config) -> Vec<NextPrompt> {
    index::ranked(&config.settings.prompts.library.0, |key| {
        answers.last_answered(key, None)
    })
    .into_iter()
    .map(|(i, last_answered)| NextPrompt {
        prompt: config.settings.prompts.library.0[i].clone(),
        last_answered,
    })
    .collect()
}
