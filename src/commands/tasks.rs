//! `journal tasks`: tasks filtered and sorted by urgency (overdue, then due date, then
//! priority, then where they are written).

use super::{Context, parse_day, write_json};
use crate::UsageError;
use crate::cli::{ListFormat, TasksArgs};
use crate::index::{Index, PlanId, TaskRef, is_overdue};
use crate::model::{Status, Task};
use crate::table::{Cell, Table, color};
use crate::views::{TaskView, wikilink};
use anstyle::AnsiColor;
use chrono::NaiveDate;
use std::io::Write;

/// The filters of `journal tasks`, checked and resolved.
#[derive(Debug, Default)]
pub(crate) struct Filter {
    pub statuses: Vec<Status>,
    pub overdue: bool,
    pub due_before: Option<NaiveDate>,
    pub due_after: Option<NaiveDate>,
    pub tags: Vec<String>,
    pub plan: Option<PlanId>,
    pub path: Option<globset::GlobMatcher>,
}

impl Filter {
    pub(crate) fn from_args(args: &TasksArgs, index: &Index) -> Result<Filter, UsageError> {
        let statuses = if args.all {
            Vec::new()
        } else if !args.status.is_empty() {
            args.status
                .iter()
                .map(|s| {
                    Status::from_name(s).ok_or_else(|| {
                        UsageError(format!(
                            "--status {s}: use todo, in_progress, done, cancelled, deferred or non_task"
                        ))
                    })
                })
                .collect::<Result<_, _>>()?
        } else if args.done {
            vec![Status::Done]
        } else {
            vec![Status::Todo, Status::InProgress]
        };
        let plan = match &args.plan {
            None => None,
            Some(p) => Some(find_plan(index, p).ok_or_else(|| {
                UsageError(format!(
                    "--plan {p}: no plan has that title or note name (see `journal plans`)"
                ))
            })?),
        };
        let path = match &args.path {
            None => None,
            Some(g) => Some(
                globset::Glob::new(g)
                    .map_err(|e| UsageError(format!("--path {g}: not a valid glob ({e})")))?
                    .compile_matcher(),
            ),
        };
        Ok(Filter {
            statuses,
            overdue: args.overdue,
            due_before: args
                .due_before
                .as_deref()
                .map(|d| parse_day("--due-before", d))
                .transpose()?,
            due_after: args
                .due_after
                .as_deref()
                .map(|d| parse_day("--due-after", d))
                .transpose()?,
            tags: args
                .tag
                .iter()
                .map(|t| t.trim_start_matches('#').to_string())
                .collect(),
            plan,
            path,
        })
    }

    fn keeps(&self, index: &Index, r: TaskRef, t: &Task, today: NaiveDate) -> bool {
        (self.statuses.is_empty() || self.statuses.contains(&t.status))
            && (!self.overdue || is_overdue(t, today))
            && self
                .due_before
                .is_none_or(|d| t.dates.due.is_some_and(|due| due < d))
            && self
                .due_after
                .is_none_or(|d| t.dates.due.is_some_and(|due| due > d))
            && self.tags.iter().all(|tag| t.has_tag(tag))
            && self.plan.is_none_or(|p| index.plan_of_task(r) == Some(p))
            && self
                .path
                .as_ref()
                .is_none_or(|g| g.is_match(&index.note(r.note()).path))
    }
}

/// A plan by title or note name, case-insensitively.
pub(crate) fn find_plan(index: &Index, name: &str) -> Option<PlanId> {
    let name = name.trim();
    index
        .plans()
        .find(|(_, p)| p.title.eq_ignore_ascii_case(name))
        .or_else(|| {
            index
                .plans()
                .find(|(_, p)| index.note(p.note).stem().eq_ignore_ascii_case(name))
        })
        .map(|(id, _)| id)
}

/// The tasks the filter keeps, most urgent first.
pub(crate) fn select(index: &Index, filter: &Filter, today: NaiveDate) -> Vec<TaskRef> {
    let mut refs: Vec<TaskRef> = index
        .tasks()
        .filter(|&(r, t)| filter.keeps(index, r, t, today))
        .map(|(r, _)| r)
        .collect();
    crate::index::sort_by_urgency(index, &mut refs, today);
    refs
}

pub(crate) fn run(ctx: &Context, args: &TasksArgs) -> anyhow::Result<()> {
    let index = ctx.index()?;
    let filter = Filter::from_args(args, &index)?;
    let refs = select(&index, &filter, ctx.today);
    let mut out = ctx.stdout();
    match args.format {
        ListFormat::Json => {
            let views: Vec<TaskView> = refs.iter().map(|&r| TaskView::new(&index, r)).collect();
            write_json(&mut out, &views)?;
        }
        ListFormat::Md => {
            for &r in &refs {
                writeln!(out, "{}", markdown_line(&TaskView::new(&index, r)))?;
            }
        }
        ListFormat::Table => {
            let mut table = Table::new(&["", "DUE", "PRI", "TASK", "PLAN", "WHERE"])
                .flexible(3)
                .flexible(4);
            for &r in &refs {
                let t = index.task(r);
                let v = TaskView::new(&index, r);
                let due_style = if is_overdue(t, ctx.today) {
                    color(AnsiColor::Red).bold()
                } else if t.dates.due == Some(ctx.today) {
                    color(AnsiColor::Yellow)
                } else {
                    anstyle::Style::new()
                };
                table.row(vec![
                    Cell::styled(
                        match t.marker() {
                            Some(m) => m.as_str().to_string(),
                            None => format!("[{}]", t.symbol),
                        },
                        status_style(t.status),
                    ),
                    Cell::styled(v.due.map(crate::dates::ymd).unwrap_or_default(), due_style),
                    Cell::plain(v.priority.map_or("", |p| p.as_str())),
                    Cell::plain(v.text.clone()),
                    Cell::plain(v.plan.clone().unwrap_or_default()),
                    super::where_cell(&v.source),
                ]);
            }
            super::write_table(ctx, &mut out, &table, "no tasks match")?;
        }
    }
    out.flush()?;
    ctx.report_warnings(&index);
    Ok(())
}

/// The colour of a status.
pub(crate) fn status_style(s: Status) -> anstyle::Style {
    match s {
        Status::Todo => anstyle::Style::new(),
        Status::InProgress => color(AnsiColor::Cyan),
        Status::Done => color(AnsiColor::Green),
        Status::Cancelled | Status::NonTask => anstyle::Style::new().dimmed(),
        Status::Deferred => color(AnsiColor::Magenta),
    }
}

/// A task as a Markdown bullet with its status, dates and a link back to where it is
/// written. Not a checkbox: pasted into the vault it must not become a second task.
pub(crate) fn markdown_line(v: &TaskView) -> String {
    let mark = match v.status {
        Status::Done => "✅",
        Status::InProgress => "◐",
        Status::Cancelled => "✖",
        Status::Deferred => "↷",
        Status::NonTask => "·",
        Status::Todo => "☐",
    };
    let mut line = format!("- {mark} {}", v.text);
    for (label, date) in [
        ("start", v.start),
        ("scheduled", v.scheduled),
        ("due", v.due),
        ("done", v.done),
    ] {
        if let Some(d) = date {
            line.push_str(&format!(" · {label} {d}"));
        }
    }
    line.push_str(" — ");
    line.push_str(&wikilink(
        &v.source.path,
        v.source.heading.as_deref(),
        v.block_id.as_deref(),
        None,
    ));
    line
}
