//! `journal prompts`: the questions asked in the vault, how often answered; the unanswered
//! ones; or the history of answers to one question.

use super::{Context, write_json};
use crate::UsageError;
use crate::cli::{ListFormat, PromptsArgs, PromptsFormat};
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
    let moods = crate::review::day_moods(index);
    crate::review::answers_to(&Answers::new(index), &moods, question, None)
        .into_iter()
        .map(|a| PromptEntry {
            prompt: a.prompt,
            date: a.date,
            answer: a.answer,
            source: a.source,
        })
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

/// The page of `--history Q --format md|html`: every dated answer to the question, oldest
/// first, with the mood of its day (the review's reflection timeline, for one question).
#[derive(Debug, Serialize)]
struct HistoryPage {
    question: String,
    vault: String,
    generated_at: String,
    answers: Vec<crate::review::TimelineAnswer>,
}

fn history_page(
    ctx: &Context,
    index: &Index,
    question: &str,
    format: PromptsFormat,
) -> anyhow::Result<()> {
    let mut answers = crate::review::answers_to(
        &Answers::new(index),
        &crate::review::day_moods(index),
        question,
        None,
    );
    // The page is a timeline: its answers are the dated ones.
    answers.retain(|a| a.date.is_some());
    // Named as most recently written, else as asked.
    let question = answers
        .last()
        .map_or_else(|| question.trim().to_string(), |a| a.prompt.clone());
    let page = HistoryPage {
        question,
        vault: super::review::vault_name(ctx),
        generated_at: super::review::generated_at(ctx),
        answers,
    };
    let (template, flavour) = match format {
        PromptsFormat::Html => (crate::render::HISTORY_HTML, ctx.html_flavour()),
        _ => (crate::render::HISTORY_MD, crate::render::Flavour::Markdown),
    };
    let text = crate::render::render(&crate::render::Template::builtin(template), &page, flavour)
        .map_err(|e| UsageError(e.to_string()))?;
    ctx.print(&text)?;
    ctx.report_warnings(index);
    Ok(())
}

pub(crate) fn run(ctx: &Context, args: &PromptsArgs) -> anyhow::Result<()> {
    let index = ctx.index()?;
    if let Some(q) = &args.history
        && matches!(args.format, PromptsFormat::Md | PromptsFormat::Html)
    {
        return history_page(ctx, &index, q, args.format);
    }
    let format = args.format.as_list().ok_or_else(|| {
        UsageError(
            "--format html is a page of the answers to one question: use it with --history".into(),
        )
    })?;
    let mut out = ctx.stdout();
    if let Some(q) = &args.history {
        // `--format md` is the question's page, above.
        let entries = history(&index, q);
        if format == ListFormat::Json {
            write_json(&mut out, &entries)?;
        } else {
            // Answers are what `--history` is run for: wrapped, never cut.
            let mut table = Table::new(&[
                ("DATE", Role::Fixed),
                ("ANSWER", Role::Wrapped),
                ("WHERE", Role::Place),
            ]);
            for e in &entries {
                table.row(vec![
                    Cell::plain(e.date.map(|d| d.to_string()).unwrap_or_default()),
                    Cell::plain(clean(&e.answer).into_owned()),
                    super::where_cell(&e.source),
                ]);
            }
            super::write_table(ctx, &mut out, &table, "no prompts match")?;
        }
    } else if args.unanswered {
        let entries = unanswered(&index);
        match format {
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
                let mut table = Table::new(&[
                    ("DATE", Role::Fixed),
                    ("PROMPT", Role::Text),
                    ("WHERE", Role::Place),
                ]);
                for e in &entries {
                    table.row(vec![
                        Cell::plain(e.date.map(|d| d.to_string()).unwrap_or_default()),
                        Cell::plain(e.prompt.clone()),
                        super::where_cell(&e.source),
                    ]);
                }
                super::write_table(ctx, &mut out, &table, "no prompts match")?;
            }
        }
    } else {
        let list = questions(&index);
        match format {
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
