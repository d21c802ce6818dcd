//! `journal prompts`: the questions asked in the vault, how often answered; the unanswered
//! ones; or the history of answers to one question.

use super::{Context, write_json};
use crate::cli::{ListFormat, PromptsArgs};
use crate::index::{Answers, Index, questions};
use crate::model::Prompt;
use crate::table::{Cell, Role, Table, clean};
use crate::views::{Source, wikilink};
use chrono::NaiveDate;
use serde::Serialize;
use std::io::Write;

/// One dated answer (or a prompt left open).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct PromptEntry {
    pub prompt: String,
    pub date: Option<NaiveDate>,
    pub answer: String,
    pub source: Source,
}

fn all(index: &Index) -> impl Iterator<Item = (&str, &Prompt)> {
    index
        .notes()
        .iter()
        .flat_map(|n| n.prompts.iter().map(move |p| (n.path.as_str(), p)))
}

fn entry(path: &str, p: &Prompt) -> PromptEntry {
    PromptEntry {
        prompt: p.text.clone(),
        date: p.place.date,
        answer: p.answer.clone(),
        source: Source::new(path, &p.place),
    }
}

/// Every answer to `question`, oldest first (undated last).
pub(crate) fn history(index: &Index, question: &str) -> Vec<PromptEntry> {
    Answers::new(index)
        .to(question)
        .iter()
        .map(|a| entry(a.path, a.prompt))
        .collect()
}

/// Prompts left without an answer, newest first.
pub(crate) fn unanswered(index: &Index) -> Vec<PromptEntry> {
    let mut out: Vec<PromptEntry> = all(index)
        .filter(|(_, p)| !p.answered)
        .map(|(path, p)| entry(path, p))
        .collect();
    out.sort_by_key(|e| std::cmp::Reverse(e.date));
    out
}

pub(crate) fn run(ctx: &Context, args: &PromptsArgs) -> anyhow::Result<()> {
    let index = ctx.index()?;
    let mut out = ctx.stdout();
    if args.history.is_some() || args.unanswered {
        let entries = match &args.history {
            Some(q) => history(&index, q),
            None => unanswered(&index),
        };
        match args.format {
            ListFormat::Json => write_json(&mut out, &entries)?,
            ListFormat::Md => {
                for e in &entries {
                    let date = e
                        .date
                        .map(|d| d.to_string())
                        .unwrap_or_else(|| "undated".into());
                    writeln!(out, "## {date}: {}", e.prompt)?;
                    if !e.answer.is_empty() {
                        writeln!(out, "{}", e.answer)?;
                    }
                    writeln!(
                        out,
                        "{}\n",
                        wikilink(&e.source.path, e.source.heading.as_deref(), None, None)
                    )?;
                }
            }
            ListFormat::Table => {
                // Answers are what `--history` is run for: wrapped, never cut.
                let mut table = if args.unanswered {
                    Table::new(&[
                        ("DATE", Role::Fixed),
                        ("PROMPT", Role::Text),
                        ("WHERE", Role::Place),
                    ])
                } else {
                    Table::new(&[
                        ("DATE", Role::Fixed),
                        ("ANSWER", Role::Wrapped),
                        ("WHERE", Role::Place),
                    ])
                };
                for e in &entries {
                    let middle = if args.unanswered {
                        e.prompt.clone()
                    } else {
                        clean(&e.answer).into_owned()
                    };
                    table.row(vec![
                        Cell::plain(e.date.map(|d| d.to_string()).unwrap_or_default()),
                        Cell::plain(middle),
                        super::where_cell(&e.source),
                    ]);
                }
                super::write_table(ctx, &mut out, &table, "no prompts match")?;
            }
        }
    } else {
        let list = questions(&index);
        match args.format {
            ListFormat::Json => write_json(&mut out, &list)?,
            ListFormat::Md => {
                for s in &list {
                    writeln!(
                        out,
                        "- {} — answered {} of {}",
                        s.prompt, s.answered, s.asked
                    )?;
                }
            }
            ListFormat::Table => {
                let mut table = Table::new(&[
                    ("PROMPT", Role::Text),
                    ("ASKED", Role::Fixed),
                    ("ANSWERED", Role::Fixed),
                    ("LAST ANSWER", Role::Fixed),
                ]);
                for s in &list {
                    table.row(vec![
                        Cell::plain(s.prompt.clone()),
                        Cell::plain(s.asked.to_string()),
                        Cell::plain(s.answered.to_string()),
                        Cell::plain(s.last_answered.map(|d| d.to_string()).unwrap_or_default()),
                    ]);
                }
                super::write_table(
                    ctx,
                    &mut out,
                    &table,
                    "no prompts found (a heading ending in `?` or a [!question] callout)",
                )?;
            }
        }
    }
    out.flush()?;
    ctx.report_warnings(&index);
    Ok(())
}
