//! `journal plan NAME`: one plan as its implementation roadmap — its steps and micro-steps
//! as a tree with status and dates, the next action marked, the checkpoints and how they
//! felt, the decisions with their revisit dates, and the tasks in other notes that serve it.

use super::{Context, write_json};
use crate::cli::{ListFormat, PlanArgs};
use crate::glyphs::bar;
use crate::index::{CheckpointId, Health, Index, PlanId, TaskRef, is_blocked, is_overdue};
use crate::model::Status;
use crate::table::{Layout, clean, color, truncate};
use crate::views::{CheckpointView, PlanView, Source, TaskView, bare_text, short_date, wikilink};
use anstyle::{AnsiColor, Style};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::io::Write;

/// A task of the roadmap with the tasks under it.
#[derive(Debug, Serialize)]
struct Node {
    task: TaskView,
    /// The plan's next action.
    next: bool,
    /// Waiting on another task (`⛔`).
    blocked: bool,
    /// A checkpoint of the plan.
    checkpoint: bool,
    children: Vec<Node>,
    #[serde(skip)]
    r: TaskRef,
}

/// The tasks under one heading of the plan note.
#[derive(Debug, Serialize)]
struct Step {
    heading: Option<String>,
    tasks: Vec<Node>,
}

/// A decision about the plan.
#[derive(Debug, Serialize)]
struct Decision {
    text: String,
    revisit: Option<NaiveDate>,
    source: Source,
}

/// What `--format json` gives.
#[derive(Debug, Serialize)]
struct Roadmap {
    plan: PlanView,
    steps: Vec<Step>,
    checkpoints: Vec<CheckpointView>,
    decisions: Vec<Decision>,
    /// Tasks written in other notes that link to the plan.
    linked: Vec<Node>,
}

/// The plan's actions of one note as trees: a sub-task hangs from the nearest task above it
/// that also serves the plan.
fn trees(
    index: &Index,
    refs: &[TaskRef],
    next: Option<TaskRef>,
    checkpoints: &HashSet<TaskRef>,
) -> Vec<Node> {
    let set: HashSet<TaskRef> = refs.iter().copied().collect();
    let parent_of = |r: TaskRef| -> Option<TaskRef> {
        let mut up = index.parent(r);
        while let Some(p) = up {
            if set.contains(&p) {
                return Some(p);
            }
            up = index.parent(p);
        }
        None
    };
    let mut children: HashMap<TaskRef, Vec<TaskRef>> = HashMap::new();
    let mut roots = Vec::new();
    for &r in refs {
        match parent_of(r) {
            Some(p) => children.entry(p).or_default().push(r),
            None => roots.push(r),
        }
    }
    fn build(
        index: &Index,
        r: TaskRef,
        children: &HashMap<TaskRef, Vec<TaskRef>>,
        next: Option<TaskRef>,
        checkpoints: &HashSet<TaskRef>,
    ) -> Node {
        Node {
            task: TaskView::new(index, r),
            next: next == Some(r),
            blocked: is_blocked(index, index.task(r)),
            checkpoint: checkpoints.contains(&r),
            children: children
                .get(&r)
                .map(|c| {
                    c.iter()
                        .map(|&k| build(index, k, children, next, checkpoints))
                        .collect()
                })
                .unwrap_or_default(),
            r,
        }
    }
    roots
        .into_iter()
        .map(|r| build(index, r, &children, next, checkpoints))
        .collect()
}

fn roadmap(ctx: &Context, index: &Index, p: PlanId) -> Roadmap {
    let plan = index.plan(p);
    let state = crate::index::plan_state(index, p, ctx.today, &ctx.config);
    let view = PlanView::new(index, p, ctx.today, ctx.this_week(), &ctx.config);
    let checkpoint_tasks: HashSet<TaskRef> = plan
        .checkpoints
        .iter()
        .filter_map(|&c| match index.checkpoint(c).source {
            crate::index::CheckpointSource::Task(r) => Some(r),
            crate::index::CheckpointSource::Line { .. } => None,
        })
        .collect();
    let (own, linked): (Vec<TaskRef>, Vec<TaskRef>) =
        plan.actions.iter().partition(|r| r.note() == plan.note);
    let note = index.note(plan.note);
    let mut steps: Vec<Step> = Vec::new();
    for node in trees(index, &own, state.next_action, &checkpoint_tasks) {
        let heading = index
            .task(node.r)
            .place
            .heading
            .clone()
            .filter(|h| Some(h) != note.h1.as_ref());
        match steps.last_mut() {
            Some(s) if s.heading == heading => s.tasks.push(node),
            _ => steps.push(Step {
                heading,
                tasks: vec![node],
            }),
        }
    }
    let mut linked_nodes = Vec::new();
    for note_refs in linked.chunk_by(|a, b| a.note() == b.note()) {
        linked_nodes.extend(trees(
            index,
            note_refs,
            state.next_action,
            &checkpoint_tasks,
        ));
    }
    let mut cps: Vec<CheckpointId> = plan.checkpoints.clone();
    cps.sort_by_key(|&c| {
        let c = index.checkpoint(c);
        let d = c.reached_on.or(c.date);
        (d.is_none(), d)
    });
    let mut decisions: Vec<Decision> = Vec::new();
    if let Some(d) = &plan.decision {
        decisions.push(Decision {
            text: d.clone(),
            revisit: plan.revisit,
            source: Source::top(&note.path),
        });
    }
    for d in &note.decisions {
        if !decisions.iter().any(|x| x.text == d.text) {
            decisions.push(Decision {
                text: d.text.clone(),
                revisit: d.revisit,
                source: Source::new(&note.path, &d.place),
            });
        }
    }
    Roadmap {
        plan: view,
        steps,
        checkpoints: cps
            .into_iter()
            .map(|c| CheckpointView::new(index, c, ctx.today, &ctx.config))
            .collect(),
        decisions,
        linked: linked_nodes,
    }
}

pub(crate) fn run(ctx: &Context, args: &PlanArgs) -> anyhow::Result<()> {
    let index = ctx.index()?;
    let name = args.name.join(" ");
    let p = super::tasks::find_plan(&index, &name).map_err(crate::UsageError)?;
    let map = roadmap(ctx, &index, p);
    let mut out = ctx.stdout();
    match args.format {
        ListFormat::Json => write_json(&mut out, &map)?,
        ListFormat::Md => write_markdown(ctx, &map, &mut out)?,
        ListFormat::Table => write_tree(ctx, &index, &map, &mut out)?,
    }
    out.flush()?;
    ctx.report_warnings(&index);
    Ok(())
}

/// What a task's line says after its text: its dates, priority, what it waits on.
fn meta(ctx: &Context, index: &Index, n: &Node) -> String {
    let t = index.task(n.r);
    let v = &n.task;
    let mut parts = Vec::new();
    match t.status {
        Status::Done => {
            if let Some(d) = crate::index::done_on(t) {
                parts.push(format!("done {d}"));
            }
        }
        Status::Cancelled => parts.push(match v.cancelled {
            Some(d) => format!("cancelled {d}"),
            None => "cancelled".into(),
        }),
        Status::Deferred => parts.push("deferred".into()),
        _ => {
            for (label, d) in [
                ("start", v.start),
                ("scheduled", v.scheduled),
                ("due", v.due),
            ] {
                if let Some(d) = d {
                    parts.push(format!("{label} {d}"));
                }
            }
            if is_overdue(t, ctx.today) {
                parts.push("overdue".into());
            }
            if let Some(p) = v.priority {
                parts.push(p.to_string());
            }
            if n.blocked {
                parts.push(format!("⛔ waits on {}", v.depends_on.join(", ")));
            }
        }
    }
    parts.join(" · ")
}

/// One line of the tree: the part before the dates, the dates, and the line's style.
struct Row {
    left: String,
    meta: String,
    style: Style,
    /// Written whole (a section title): not aligned with the others.
    title: bool,
}

fn rows_of(ctx: &Context, index: &Index, nodes: &[Node], depth: usize, rows: &mut Vec<Row>) {
    for n in nodes {
        let t = index.task(n.r);
        let gutter = if n.next { "▶ " } else { "  " };
        let diamond = if n.checkpoint { "◆ " } else { "" };
        let text = if n.checkpoint {
            bare_text(&n.task.text, &ctx.config)
        } else {
            n.task.text.clone()
        };
        let style = if n.next {
            Style::new().bold()
        } else {
            match t.status {
                Status::Done => color(AnsiColor::Green),
                Status::Cancelled | Status::NonTask | Status::Deferred => Style::new().dimmed(),
                _ if is_overdue(t, ctx.today) => color(AnsiColor::Red),
                _ => Style::new(),
            }
        };
        rows.push(Row {
            left: format!(
                "{gutter}{}[{}] {diamond}{}",
                "  ".repeat(depth),
                t.symbol,
                clean(&text)
            ),
            meta: meta(ctx, index, n),
            style,
            title: false,
        });
        rows_of(ctx, index, &n.children, depth + 1, rows);
    }
}

fn title(text: impl Into<String>) -> Row {
    Row {
        left: text.into(),
        meta: String::new(),
        style: Style::new().bold().underline(),
        title: true,
    }
}

fn blank() -> Row {
    Row {
        left: String::new(),
        meta: String::new(),
        style: Style::new(),
        title: true,
    }
}

fn write_tree(
    ctx: &Context,
    index: &Index,
    map: &Roadmap,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    use unicode_width::UnicodeWidthStr;
    let p = &map.plan;
    let width = match super::layout(ctx) {
        Layout::Fit(w) => Some(w),
        Layout::Wide | Layout::Plain => None,
    };
    let mut head = vec![Row {
        left: format!("{} · {}", clean(&p.title), p.health),
        meta: String::new(),
        style: super::plans::health_style(p.health).bold(),
        title: true,
    }];
    if let Some(r) = &p.reason {
        head.push(Row {
            left: clean(r).into_owned(),
            meta: String::new(),
            style: Style::new(),
            title: true,
        });
    }
    let mut facts = vec![if p.progress.total == 0 {
        "no actions yet".to_string()
    } else {
        format!(
            "{} {}% · {} of {} done",
            bar(p.progress.percent, 10),
            p.progress.percent,
            p.progress.done,
            p.progress.total
        )
    }];
    if let (Some(t), Some(left)) = (p.target, p.days_left) {
        facts.push(match left {
            0 => format!("target {} (today)", short_date(t, ctx.today)),
            l if l > 0 => format!("target {}, {l} days left", short_date(t, ctx.today)),
            l => format!("target {}, {} days ago", short_date(t, ctx.today), -l),
        });
    }
    facts.push(p.path.clone());
    head.push(Row {
        left: facts.join(" · "),
        meta: String::new(),
        style: Style::new().dimmed(),
        title: true,
    });
    let mut rows = head;
    if p.health == Health::Paused || !map.decisions.is_empty() {
        for d in &map.decisions {
            let revisit = d
                .revisit
                .map(|r| format!(" (revisit {})", short_date(r, ctx.today)))
                .unwrap_or_default();
            rows.push(Row {
                left: format!("Decision: {}{revisit}", clean(&d.text)),
                meta: String::new(),
                style: color(AnsiColor::Blue),
                title: true,
            });
        }
    }
    for step in &map.steps {
        rows.push(blank());
        if let Some(h) = &step.heading {
            rows.push(title(clean(h)));
        }
        rows_of(ctx, index, &step.tasks, 0, &mut rows);
    }
    if !map.checkpoints.is_empty() {
        rows.push(blank());
        rows.push(title("Checkpoints"));
        for c in &map.checkpoints {
            let date = c
                .reached_on
                .or(c.date)
                .map(|d| d.to_string())
                .unwrap_or_else(|| "undated".into());
            let felt = c
                .feeling
                .as_ref()
                .map(|f| format!(" — felt {}", clean(f)))
                .unwrap_or_default();
            rows.push(Row {
                left: format!(
                    "  {:<9} {date}  {}{felt}",
                    c.status.as_str(),
                    bare_text(&c.text, &ctx.config)
                ),
                meta: String::new(),
                style: match c.status {
                    crate::index::CheckpointStatus::Missed => color(AnsiColor::Red),
                    crate::index::CheckpointStatus::Reached => color(AnsiColor::Green),
                    crate::index::CheckpointStatus::Upcoming => color(AnsiColor::Yellow),
                    _ => Style::new(),
                },
                title: false,
            });
        }
    }
    if !map.linked.is_empty() {
        rows.push(blank());
        rows.push(title("Linked from other notes"));
        let mut linked = Vec::new();
        rows_of(ctx, index, &map.linked, 0, &mut linked);
        for (row, place) in linked.iter_mut().zip(flat_places(&map.linked)) {
            row.meta = if row.meta.is_empty() {
                place
            } else {
                format!("{} · {place}", row.meta)
            };
        }
        rows.extend(linked);
    }
    // In each block of rows between titles, the dates line up after the longest text
    // that leaves them room.
    let mut columns = vec![0; rows.len()];
    let mut start = 0;
    while start < rows.len() {
        let end = (start..rows.len())
            .find(|&k| rows[k].title)
            .map_or(rows.len(), |k| if k == start { k + 1 } else { k });
        let block = &rows[start..end];
        let widest_meta = block.iter().map(|r| r.meta.width()).max().unwrap_or(0);
        let widest_left = block
            .iter()
            .filter(|r| !r.meta.is_empty())
            .map(|r| r.left.width())
            .max()
            .unwrap_or(0);
        let column = match width {
            Some(w) => widest_left.min(w.saturating_sub(widest_meta + 2)).max(20),
            None => widest_left,
        };
        columns[start..end].fill(column);
        start = end;
    }
    for (row, &column) in rows.iter().zip(&columns) {
        // Sentences (the reason, the decision) wrap rather than lose their end.
        if let (true, Some(w)) = (row.title, width) {
            for part in crate::table::wrap(&row.left, w) {
                writeln!(
                    out,
                    "{}{}{}",
                    row.style.render(),
                    part,
                    row.style.render_reset()
                )?;
            }
            continue;
        }
        let line = if row.meta.is_empty() || row.title {
            row.left.clone()
        } else if row.left.width() <= column || width.is_none() {
            let pad = column.saturating_sub(row.left.width());
            format!("{}{}  {}", row.left, " ".repeat(pad), row.meta)
        } else {
            // Longer than the others: the text keeps what room its own dates leave.
            let room = width
                .unwrap_or(usize::MAX)
                .saturating_sub(row.meta.width() + 2);
            let left = truncate(&row.left, room.max(column));
            let pad = column.saturating_sub(left.width());
            format!("{left}{}  {}", " ".repeat(pad), row.meta)
        };
        let line = match width {
            Some(w) => truncate(&line, w),
            None => line,
        };
        writeln!(
            out,
            "{}{}{}",
            row.style.render(),
            line.trim_end(),
            row.style.render_reset()
        )?;
    }
    Ok(())
}

/// `path:line` of each node, in the order the tree is drawn.
fn flat_places(nodes: &[Node]) -> Vec<String> {
    let mut out = Vec::new();
    for n in nodes {
        out.push(format!("{}:{}", n.task.source.path, n.task.source.line));
        out.extend(flat_places(&n.children));
    }
    out
}

fn write_markdown(ctx: &Context, map: &Roadmap, out: &mut dyn Write) -> std::io::Result<()> {
    let p = &map.plan;
    writeln!(out, "# {}\n", p.title)?;
    let why = p
        .reason
        .as_ref()
        .map(|r| format!(": {r}"))
        .unwrap_or_default();
    writeln!(
        out,
        "**{}**{why} · `{}` {}% ({}/{}) · {}",
        p.health,
        bar(p.progress.percent, 10),
        p.progress.percent,
        p.progress.done,
        p.progress.total,
        wikilink(&p.path, None, None, None)
    )?;
    for d in &map.decisions {
        let revisit = d
            .revisit
            .map(|r| format!(" (revisit {r})"))
            .unwrap_or_default();
        writeln!(out, "\nDecision: {}{revisit}", d.text)?;
    }
    fn nodes(list: &[Node], depth: usize, out: &mut dyn Write) -> std::io::Result<()> {
        for n in list {
            let line = super::tasks::markdown_line(&n.task, n.blocked);
            let line = line.strip_prefix("- ").unwrap_or(&line);
            let next = if n.next { "**next** " } else { "" };
            writeln!(out, "{}- {next}{line}", "  ".repeat(depth))?;
            nodes(&n.children, depth + 1, out)?;
        }
        Ok(())
    }
    for step in &map.steps {
        writeln!(out)?;
        if let Some(h) = &step.heading {
            writeln!(out, "## {h}\n")?;
        }
        nodes(&step.tasks, 0, out)?;
    }
    if !map.checkpoints.is_empty() {
        writeln!(out, "\n## Checkpoints\n")?;
        for c in &map.checkpoints {
            let date = c
                .reached_on
                .or(c.date)
                .map(|d| d.to_string())
                .unwrap_or_else(|| "undated".into());
            let felt = c
                .feeling
                .as_ref()
                .map(|f| format!(" (felt: {f})"))
                .unwrap_or_default();
            writeln!(
                out,
                "- {date} **{}** {}{felt} — {}",
                c.status,
                bare_text(&c.text, &ctx.config),
                wikilink(&c.source.path, c.source.heading.as_deref(), None, None)
            )?;
        }
    }
    if !map.linked.is_empty() {
        writeln!(out, "\n## Linked from other notes\n")?;
        nodes(&map.linked, 0, out)?;
    }
    Ok(())
}
