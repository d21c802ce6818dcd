//! `journal plans`: each plan with its health and why, progress, next action and next
//! checkpoint.

use super::{Context, write_json};
use crate::cli::{ListFormat, PlansArgs};
use crate::dates::Period;
use crate::glyphs::bar;
use crate::index::{Health, Index, PlanId};
use crate::table::{Cell, Layout, Role, Table, color};
use crate::views::{PlanView, wikilink};
use anstyle::{AnsiColor, Style};
use std::io::Write;
use std::path::Path;

/// A PARA-style projects folder at the top of the vault (`Projects`, `1 Projects`,
/// `01 - Projects`, `1. Projects`), when there is one: its notes are often the plans.
pub(crate) fn para_projects(vault: &Path) -> Option<String> {
    let mut found: Vec<String> = std::fs::read_dir(vault)
        .ok()?
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|name| {
            let rest = name.trim_start_matches(|c: char| {
                c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '_')
            });
            rest.eq_ignore_ascii_case("projects")
        })
        .collect();
    found.sort();
    found.into_iter().next()
}

/// What to say when no plan is found: what makes a plan, and the PARA folder if there is one.
pub(crate) fn no_plans_hint(ctx: &Context) -> String {
    let mut hint =
        "no plans found (a plan is a note with `type: plan` or a #plan tag, or any note \
in the `plans_folder` of .journal.toml)"
            .to_string();
    if ctx.config.plans_folder().is_none()
        && let Some(folder) = para_projects(&ctx.config.vault)
    {
        hint.push_str(&format!(
            "; to read the notes in `{folder}/` as plans, set plans_folder = \"{folder}\""
        ));
    }
    hint
}

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
    let period = Period::week(week);
    let days = crate::review::buckets(index, &period.buckets(ctx.config.week_start), &[]);
    let moods: Vec<Option<f64>> = days.iter().map(|d| d.mood).collect();
    let words: Vec<Option<f64>> = days.iter().map(|d| Some(f64::from(d.words))).collect();
    let mood = crate::review::period_mood(index, period)
        .map_or_else(|| "–".to_string(), |m| m.to_string());
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
                let why = p
                    .reason
                    .as_ref()
                    .map(|r| format!(": {r}"))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "- **{}** ({}{why}) `{}` {}% ({}/{}) — {}",
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
            match super::layout(ctx) {
                _ if plans.is_empty() => {}
                Layout::Plain => {}
                Layout::Wide => writeln!(out, "{}", week_pulse(ctx, &index))?,
                Layout::Fit(w) => writeln!(
                    out,
                    "{}\n",
                    crate::table::truncate(week_pulse(ctx, &index).trim_end(), w)
                )?,
            }
            let mut table = Table::new(&[
                ("PLAN", Role::Name),
                ("HEALTH", Role::Fixed),
                ("", Role::Extra),
                ("PROGRESS", Role::Fixed),
                ("WHY", Role::Wrapped),
                ("NEXT ACTION", Role::Wrapped),
                ("NEXT CHECKPOINT", Role::Optional),
            ]);
            for p in &plans {
                let next_action = match (&p.next_action, p.health) {
                    (_, Health::Paused) => p
                        .decision
                        .as_ref()
                        .map(|d| format!("decided: {d}"))
                        .unwrap_or_default(),
                    (Some(a), _) => a.text.clone(),
                    (None, Health::Done | Health::Dropped) => String::new(),
                    (None, _) => "—".into(),
                };
                let checkpoint = p
                    .next_checkpoint
                    .as_ref()
                    .map(|c| {
                        format!(
                            "{} {}",
                            c.date.map(|d| d.to_string()).unwrap_or_default(),
                            crate::views::bare_text(&c.text, &ctx.config)
                        )
                    })
                    .unwrap_or_default();
                let (bar_cell, progress) = if p.progress.total == 0 {
                    (String::new(), "no actions".to_string())
                } else {
                    (
                        bar(p.progress.percent, 10),
                        format!(
                            "{:>3}% {}/{}",
                            p.progress.percent, p.progress.done, p.progress.total
                        ),
                    )
                };
                table.row(vec![
                    Cell::plain(p.title.clone()),
                    Cell::styled(p.health.as_str(), health_style(p.health)),
                    Cell::plain(bar_cell),
                    Cell::plain(progress),
                    Cell::plain(p.reason.clone().unwrap_or_default()),
                    Cell::plain(next_action),
                    Cell::plain(checkpoint),
                ]);
            }
            super::write_table(ctx, &mut out, &table, &no_plans_hint(ctx))?;
        }
    }
    out.flush()?;
    ctx.report_warnings(&index);
    Ok(())
}
