//! `journal tasks`: tasks filtered as Obsidian Tasks and Taskwarrior users query them, sorted
//! by urgency (`index::status`) or by the key asked for.

use super::{Context, write_json};
use crate::UsageError;
use crate::cli::{ListFormat, PriorityArg, SortKey, StatusArg, TasksArgs};
use crate::index::{Index, PlanId, TaskRef, done_on, is_blocked, is_overdue, is_ready};
use crate::model::{Priority, Status, Task};
use crate::table::{Cell, Role, Table, color};
use crate::views::{TaskView, wikilink};
use anstyle::AnsiColor;
use chrono::NaiveDate;
use std::cmp::Reverse;
use std::io::Write;

/// Which tasks' notes `--path` keeps: a folder (`Daily`), a note (`Plans/Book` or
/// `Plans/Book.md`) or a glob (`Daily/2026-11-*`), matched against the note's path, its path
/// without the extension and each folder above it, in any case.
#[derive(Debug)]
pub(crate) struct PathFilter(globset::GlobMatcher);

impl PathFilter {
    pub(crate) fn new(value: &str) -> Result<PathFilter, UsageError> {
        let pattern = value.trim().trim_start_matches("./").trim_matches('/');
        globset::GlobBuilder::new(pattern)
            .case_insensitive(true)
            .literal_separator(true)
            .build()
            .map(|g| PathFilter(g.compile_matcher()))
            .map_err(|e| UsageError(format!("--path {value}: not a valid glob ({e})")))
    }

    pub(crate) fn keeps(&self, path: &str) -> bool {
        let m = &self.0;
        m.is_match(path)
            || m.is_match(crate::model::strip_note_ext(path))
            || path.match_indices('/').any(|(i, _)| m.is_match(&path[..i]))
    }
}

/// The filters of `journal tasks`, checked and resolved.
#[derive(Debug, Default)]
pub(crate) struct Filter {
    pub statuses: Vec<Status>,
    pub overdue: bool,
    pub due_before: Option<NaiveDate>,
    pub due_after: Option<NaiveDate>,
    pub blocked: bool,
    pub ready: bool,
    pub tags: Vec<String>,
    pub plan: Option<PlanId>,
    pub path: Option<PathFilter>,
    /// `None` in the list is "no priority".
    pub priorities: Vec<Option<Priority>>,
    /// Lowercased.
    pub search: Option<String>,
}

fn statuses(args: &[StatusArg]) -> Vec<Status> {
    let mut out: Vec<Status> = args
        .iter()
        .flat_map(|s| match s {
            StatusArg::Open => vec![Status::Todo, Status::InProgress],
            StatusArg::Todo => vec![Status::Todo],
            StatusArg::InProgress => vec![Status::InProgress],
            StatusArg::Done => vec![Status::Done],
            StatusArg::Cancelled => vec![Status::Cancelled],
            StatusArg::Deferred => vec![Status::Deferred],
            StatusArg::NonTask => vec![Status::NonTask],
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

impl Filter {
    pub(crate) fn from_args(
        ctx: &Context,
        args: &TasksArgs,
        index: &Index,
    ) -> Result<Filter, UsageError> {
        let statuses = if args.all {
            Vec::new()
        } else if !args.status.is_empty() {
            statuses(&args.status)
        } else if args.done {
            vec![Status::Done]
        } else {
            vec![Status::Todo, Status::InProgress]
        };
        let plan = match &args.plan {
            None => None,
            Some(p) => Some(find_plan(index, p).map_err(|e| UsageError(format!("--plan {e}")))?),
        };
        let day =
            |flag: &str, v: &Option<String>| v.as_deref().map(|d| ctx.day(flag, d)).transpose();
        Ok(Filter {
            statuses,
            overdue: args.overdue,
            due_before: day("--due-before", &args.due_before)?,
            due_after: day("--due-after", &args.due_after)?,
            blocked: args.blocked,
            ready: args.ready,
            tags: args
                .tag
                .iter()
                .map(|t| t.trim_start_matches('#').to_string())
                .collect(),
            plan,
            path: args.path.as_deref().map(PathFilter::new).transpose()?,
            priorities: args
                .priority
                .iter()
                .map(|p| match p {
                    PriorityArg::Highest => Some(Priority::Highest),
                    PriorityArg::High => Some(Priority::High),
                    PriorityArg::Medium => Some(Priority::Medium),
                    PriorityArg::None => None,
                    PriorityArg::Low => Some(Priority::Low),
                    PriorityArg::Lowest => Some(Priority::Lowest),
                })
                .collect(),
            search: args
                .search
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_lowercase),
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
            && (!self.blocked || is_blocked(index, t))
            && (!self.ready || is_ready(index, t, today))
            && self.tags.iter().all(|tag| t.has_tag(tag))
            && self.plan.is_none_or(|p| index.plan_of_task(r) == Some(p))
            && self
                .path
                .as_ref()
                .is_none_or(|f| f.keeps(&index.note(r.note()).path))
            && (self.priorities.is_empty() || self.priorities.contains(&t.priority))
            && self
                .search
                .as_deref()
                .is_none_or(|s| t.text.to_lowercase().contains(s))
    }
}

/// A plan by title or note name in any case, else by a part of its title or name that only
/// one plan has. The error says what was typed and which plans it could mean.
pub(crate) fn find_plan(index: &Index, name: &str) -> Result<PlanId, String> {
    let name = name.trim();
    let stem = |p: &crate::index::Plan| index.note(p.note).stem().to_string();
    if let Some((id, _)) = index
        .plans()
        .find(|(_, p)| p.title.eq_ignore_ascii_case(name))
        .or_else(|| {
            index
                .plans()
                .find(|(_, p)| stem(p).eq_ignore_ascii_case(name))
        })
    {
        return Ok(id);
    }
    let wanted = name.to_lowercase();
    let partial: Vec<(PlanId, &crate::index::Plan)> = index
        .plans()
        .filter(|(_, p)| {
            p.title.to_lowercase().contains(&wanted) || stem(p).to_lowercase().contains(&wanted)
        })
        .collect();
    match partial.as_slice() {
        [(id, _)] => Ok(*id),
        [] => {
            let all: Vec<String> = index.plans().map(|(_, p)| p.title.clone()).collect();
            Err(if all.is_empty() {
                format!("{name}: the vault has no plans (see `journal plans`)")
            } else {
                format!(
                    "{name}: no plan has that name; the plans are: {}",
                    all.join(", ")
                )
            })
        }
        many => Err(format!(
            "{name}: more than one plan has that in its name: {}",
            many.iter()
                .map(|(_, p)| p.title.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// The tasks the filter keeps, in the order asked for.
pub(crate) fn select(
    index: &Index,
    filter: &Filter,
    today: NaiveDate,
    sort: SortKey,
) -> Vec<TaskRef> {
    let mut refs: Vec<TaskRef> = index
        .tasks()
        .filter(|&(r, t)| filter.keeps(index, r, t, today))
        .map(|(r, _)| r)
        .collect();
    crate::index::sort_by_urgency(index, &mut refs, today);
    // A stable sort on top of urgency: ties keep the urgency order.
    let by_date = |d: Option<NaiveDate>| (d.is_none(), d);
    match sort {
        SortKey::Urgency => {}
        SortKey::Due => refs.sort_by_key(|&r| by_date(index.task(r).dates.due)),
        SortKey::Scheduled => refs.sort_by_key(|&r| by_date(index.task(r).dates.scheduled)),
        SortKey::Start => refs.sort_by_key(|&r| by_date(index.task(r).dates.start)),
        SortKey::Priority => refs.sort_by_key(|&r| Priority::rank(index.task(r).priority)),
        SortKey::Done => {
            refs.sort_by_key(|&r| {
                let d = done_on(index.task(r));
                (d.is_none(), Reverse(d))
            });
        }
        SortKey::Path => refs.sort(),
    }
    refs
}

pub(crate) fn run(ctx: &Context, args: &TasksArgs) -> anyhow::Result<()> {
    let index = ctx.index()?;
    let filter = Filter::from_args(ctx, args, &index)?;
    let mut refs = select(&index, &filter, ctx.today, args.sort);
    if let Some(n) = args.limit {
        refs.truncate(n);
    }
    let mut out = ctx.stdout();
    match args.format {
        ListFormat::Json => {
            let views: Vec<TaskView> = refs.iter().map(|&r| TaskView::new(&index, r)).collect();
            write_json(&mut out, &views)?;
        }
        ListFormat::Md => {
            for &r in &refs {
                let blocked = is_blocked(&index, index.task(r));
                writeln!(out, "{}", markdown_line(&TaskView::new(&index, r), blocked))?;
            }
        }
        ListFormat::Table => {
            let table = table(ctx, &index, &refs);
            super::write_table(ctx, &mut out, &table, "no tasks match")?;
        }
    }
    out.flush()?;
    ctx.report_warnings(&index);
    Ok(())
}

/// The tasks as a table: status (⛔ when blocked), the dates, priority, text, plan, place.
fn table(ctx: &Context, index: &Index, refs: &[TaskRef]) -> Table {
    let mut table = Table::new(&[
        ("", Role::Fixed),
        ("DUE", Role::Fixed),
        ("SCHEDULED", Role::Optional),
        ("START", Role::Optional),
        ("DONE", Role::Fixed),
        ("PRI", Role::Fixed),
        ("TASK", Role::Text),
        ("PLAN", Role::Context),
        ("WHERE", Role::Place),
    ]);
    let date = |d: Option<NaiveDate>, style: anstyle::Style| {
        Cell::styled(d.map(crate::dates::ymd).unwrap_or_default(), style)
    };
    let plain = anstyle::Style::new();
    for &r in refs {
        let t = index.task(r);
        let v = TaskView::new(index, r);
        let today_style = color(AnsiColor::Yellow);
        let due_style = if is_overdue(t, ctx.today) {
            color(AnsiColor::Red).bold()
        } else if t.dates.due == Some(ctx.today) {
            today_style
        } else {
            plain
        };
        let on = |d: Option<NaiveDate>, later: bool| {
            if t.status.is_open() && d == Some(ctx.today) {
                today_style
            } else if t.status.is_open() && later && d.is_some_and(|d| d > ctx.today) {
                plain.dimmed()
            } else {
                plain
            }
        };
        // A Logseq task shows its marker, a checkbox task its box.
        let symbol = match t.marker() {
            Some(m) => m.as_str().to_string(),
            None => format!("[{}]", t.symbol),
        };
        let mark = if is_blocked(index, t) {
            format!("{symbol}⛔")
        } else {
            symbol
        };
        table.row(vec![
            Cell::styled(mark, status_style(t.status)),
            date(v.due, due_style),
            date(v.scheduled, on(v.scheduled, false)),
            date(v.start, on(v.start, true)),
            // When it was done: its done date, else the date of its note or section.
            date(done_on(t), color(AnsiColor::Green)),
            Cell::plain(v.priority.map_or("", |p| p.as_str())),
            Cell::plain(v.text.clone()),
            Cell::plain(v.plan.clone().unwrap_or_default()),
            super::where_cell(&v.source),
        ]);
    }
    table
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
pub(crate) fn markdown_line(v: &TaskView, blocked: bool) -> String {
    let mark = match v.status {
        Status::Done => "✅",
        Status::InProgress => "◐",
        Status::Cancelled => "✖",
        Status::Deferred => "↷",
        Status::NonTask => "·",
        Status::Todo => "☐",
    };
    let mut line = format!("- {mark} {}", v.text);
    if blocked {
        line.push_str(&format!(" · ⛔ waits on {}", v.depends_on.join(", ")));
    }
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
