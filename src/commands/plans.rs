//! `journal plans`: each plan with its health, progress, next action and next checkpoint.

use super::{Context, write_json};
use crate::cli::{ListFormat, PlansArgs};
use crate::glyphs::bar;
use crate::index::{Health, Index, PlanId};
use crate::table::{Cell, Table, color};
use crate::views::{PlanView, wikilink};
use anstyle::{AnsiColor, Style};
use std::io::Write;

/// The plans to show as of `ctx.today`: all, or those not done or dropped.
pub(crate) fn views(ctx: &Context, index: &Index, all: bool) -> Vec<PlanView> {
    let week = ctx.this_week();
    let plans: Vec<PlanId> = if all {
        index.plans().map(|(id, _)| id).collect()
    } else {
        index.current_plans().collect()
    };
    plans
        .into_iter()
        .map(|p| PlanView::new(index, p, ctx.today, week, &ctx.config))
        .collect()
}

/// One line on the week so far: mood and words per day as sparklines, tasks done.
pub(crate) fn week_pulse(ctx: &Context, index: &Index) -> String {
    let week = ctx.this_week();
    let days = crate::review::days(index, week);
    let moods: Vec<Option<f64>> = days.iter().map(|d| d.mood).collect();
    let words: Vec<Option<f64>> = days.iter().map(|d| Some(f64::from(d.words))).collect();
    let mood =
        crate::review::week_mood(index, week).map_or_else(|| "–".to_string(), |m| m.to_string());
    format!(
        "{}: mood {} {mood} · words {} {} · {} done\n",
        week.id(),
        crate::glyphs::sparkline(&moods),
        crate::glyphs::sparkline(&words),
        days.iter().map(|d| d.words).sum::<u32>(),
        days.iter().map(|d| d.tasks_done).sum::<u32>()
    )
}

/// The colour of a health.
pub(crate) fn health_style(health: Health) -> Style {
    match health {
        Health::OnTrack => color(AnsiColor::Green),
        Health::AtRisk => color(AnsiColor::Red).bold(),
        Health::Stuck => color(AnsiColor::Red),
        Health::Stalled => color(AnsiColor::Yellow),
        Health::Paused => color(AnsiColor::Blue),
        Health::Done | Health::Dropped => Style::new().dimmed(),
    }
}

pub(crate) fn run(ctx: &Context, args: &PlansArgs) -> anyhow::Result<()> {
    let index = ctx.index()?;
    let plans = views(ctx, &index, args.all);
    let mut out = ctx.stdout();
    match args.format {
        ListFormat::Json => write_json(&mut out, &plans)?,
        ListFormat::Md => {
            for p in &plans {
                writeln!(
                    out,
                    "- **{}** ({}) `{}` {}% ({}/{}) — {}",
                    p.title,
                    p.health,
                    bar(p.progress.percent, 10),
                    p.progress.percent,
                    p.progress.done,
                    p.progress.total,
                    wikilink(&p.path, None, None, None)
                )?;
                if let Some(a) = &p.next_action {
                    writeln!(out, "  - next: {}", a.text)?;
                }
                if let Some(c) = &p.next_checkpoint {
                    let date = c.date.map(|d| d.to_string()).unwrap_or_default();
                    writeln!(out, "  - checkpoint: {} {date}", c.text)?;
                }
                if let Some(d) = &p.decision {
                    let revisit = p
                        .revisit
                        .map(|r| format!(" (revisit {r})"))
                        .unwrap_or_default();
                    writeln!(out, "  - decision: {d}{revisit}")?;
                }
            }
        }
        ListFormat::Table => {
            if !plans.is_empty() {
                writeln!(out, "{}", week_pulse(ctx, &index))?;
            }
            let mut table = Table::new(&[
                "PLAN",
                "HEALTH",
                "PROGRESS",
                "NEXT ACTION",
                "NEXT CHECKPOINT",
            ])
            .flexible(0)
            .flexible(3)
            .flexible(4);
            for p in &plans {
                let next_action = if p.health == Health::Paused {
                    match (&p.decision, p.revisit) {
                        (Some(d), Some(r)) => format!("paused: {d} (revisit {r})"),
                        (Some(d), None) => format!("paused: {d}"),
                        _ => "paused".into(),
                    }
                } else {
                    p.next_action
                        .as_ref()
                        .map_or_else(|| "—".into(), |a| a.text.clone())
                };
                let checkpoint = p
                    .next_checkpoint
                    .as_ref()
                    .map(|c| {
                        format!(
                            "{} {}",
                            c.date.map(|d| d.to_string()).unwrap_or_default(),
                            c.text
                        )
                    })
                    .unwrap_or_default();
                table.row(vec![
                    Cell::plain(p.title.clone()),
                    Cell::styled(p.health.as_str(), health_style(p.health)),
                    Cell::plain(format!(
                        "{} {:>3}% {}/{}",
                        bar(p.progress.percent, 10),
                        p.progress.percent,
                        p.progress.done,
                        p.progress.total
                    )),
                    Cell::plain(next_action),
                    Cell::plain(checkpoint),
                ]);
            }
            super::write_table(
                ctx,
                &mut out,
                &table,
                "no plans found (a plan is a note with `type: plan` or a #plan tag)",
            )?;
        }
    }
    out.flush()?;
    ctx.report_warnings(&index);
    Ok(())
}
