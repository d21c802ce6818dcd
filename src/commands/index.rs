//! `journal index`: read the vault and print what was found, or dump it all as JSON.

use super::{Context, write_json};
use crate::cli::IndexArgs;
use crate::index::{CheckpointSource, Index, NoteId};
use crate::model::Note;
use serde::Serialize;
use std::io::Write;

#[derive(Debug, Serialize)]
struct Counts {
    notes: usize,
    tasks: usize,
    open_tasks: usize,
    plans: usize,
    checkpoints: usize,
    prompts: usize,
    moods: usize,
    decisions: usize,
    warnings: usize,
}

fn counts(ctx: &Context, index: &Index) -> Counts {
    let sum = |f: fn(&Note) -> usize| index.notes().iter().map(|n| f(n)).sum();
    Counts {
        notes: index.notes().len(),
        tasks: sum(|n| n.tasks.len()),
        open_tasks: index.tasks().filter(|(_, t)| t.status.is_open()).count(),
        plans: index.plans().len(),
        checkpoints: index.checkpoints().count(),
        prompts: sum(|n| n.prompts.len()),
        moods: sum(|n| n.moods.len()),
        decisions: sum(|n| n.decisions.len()),
        // As the other commands count them: allowed categories and notes for information
        // left out.
        warnings: super::print::warning_count(ctx, index),
    }
}

#[derive(Debug, Serialize)]
struct ItemRef<'a> {
    path: &'a str,
    line: u32,
}

#[derive(Debug, Serialize)]
struct PlanDump<'a> {
    title: &'a str,
    path: &'a str,
    status: &'a str,
    target: Option<chrono::NaiveDate>,
    decision: Option<&'a str>,
    revisit: Option<chrono::NaiveDate>,
    actions: Vec<ItemRef<'a>>,
}

#[derive(Debug, Serialize)]
struct CheckpointDump<'a> {
    text: &'a str,
    date: Option<chrono::NaiveDate>,
    reached_on: Option<chrono::NaiveDate>,
    plan: Option<&'a str>,
    source: ItemRef<'a>,
}

#[derive(Debug, Serialize)]
struct Dump<'a> {
    counts: Counts,
    plans: Vec<PlanDump<'a>>,
    checkpoints: Vec<CheckpointDump<'a>>,
    notes: &'a [Box<Note>],
    warnings: Vec<String>,
}

pub(crate) fn run(ctx: &Context, args: &IndexArgs) -> anyhow::Result<()> {
    let index = ctx.index()?;
    let mut out = ctx.stdout();
    let c = counts(ctx, &index);
    if args.json {
        let at = |note: NoteId, line: u32| ItemRef {
            path: &index.note(note).path,
            line,
        };
        let dump = Dump {
            counts: c,
            plans: index
                .plans()
                .map(|(_, p)| PlanDump {
                    title: &p.title,
                    path: &index.note(p.note).path,
                    status: &p.status_text,
                    target: p.target,
                    decision: p.decision.as_deref(),
                    revisit: p.revisit,
                    actions: p
                        .actions
                        .iter()
                        .map(|&r| at(r.note(), index.task(r).place.line))
                        .collect(),
                })
                .collect(),
            checkpoints: index
                .checkpoints()
                .map(|(_, cp)| CheckpointDump {
                    text: &cp.text,
                    date: cp.date,
                    reached_on: cp.reached_on,
                    plan: cp.plan.map(|p| index.plan(p).title.as_str()),
                    source: match cp.source {
                        CheckpointSource::Task(r) => at(r.note(), index.task(r).place.line),
                        CheckpointSource::Line { note, index: i } => {
                            at(note, index.note(note).checkpoints[i as usize].place.line)
                        }
                    },
                })
                .collect(),
            notes: index.notes(),
            warnings: index
                .diagnostics()
                .iter()
                .map(ToString::to_string)
                .collect(),
        };
        write_json(&mut out, &dump)?;
    } else {
        writeln!(out, "vault        {}", ctx.config.vault.display())?;
        for (name, n) in [
            ("notes", c.notes),
            ("tasks", c.tasks),
            ("open tasks", c.open_tasks),
            ("plans", c.plans),
            ("checkpoints", c.checkpoints),
            ("prompts", c.prompts),
            ("moods", c.moods),
            ("decisions", c.decisions),
            ("warnings", c.warnings),
        ] {
            writeln!(out, "{name:<12} {n}")?;
        }
    }
    out.flush()?;
    ctx.report_warnings(&index);
    Ok(())
}
