//! `journal checkpoints`: missed and upcoming checkpoints (or all of them), by the date the
//! table shows: the day a reached one was reached, else the day it is due.

use super::{Context, write_json};
use crate::cli::{CheckpointsArgs, ListFormat};
use crate::index::{CheckpointId, CheckpointStatus};
use crate::table::{Cell, Role, Table, color};
use crate::views::{CheckpointView, bare_text, wikilink};
use anstyle::{AnsiColor, Style};
use std::io::Write;

pub(crate) fn run(ctx: &Context, args: &CheckpointsArgs) -> anyhow::Result<()> {
    let index = ctx.index()?;
    let picked: Vec<CheckpointId> = if args.all {
        let mut all: Vec<_> = index
            .checkpoints()
            .map(|(id, c)| (c.date.is_none(), c.date, id))
            .collect();
        all.sort();
        all.into_iter().map(|(_, _, id)| id).collect()
    } else {
        index
            .checkpoints_due(ctx.today, ctx.config.settings.review.horizon_days.small())
            .into_iter()
            .map(|(id, _)| id)
            .collect()
    };
    let mut views: Vec<CheckpointView> = picked
        .iter()
        .map(|&i| CheckpointView::new(&index, i, ctx.today, &ctx.config))
        .collect();
    // Stable: checkpoints on the same day keep the vault's order.
    views.sort_by_key(|c| {
        let shown = shown_date(c);
        (shown.is_none(), shown)
    });
    let mut out = ctx.stdout();
    match args.format {
        ListFormat::Json => write_json(&mut out, &views)?,
        ListFormat::Md => {
            for c in &views {
                let date = c
                    .date
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "undated".into());
                let feeling = c
                    .feeling
                    .as_ref()
                    .map(|f| format!(" (felt: {f})"))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "- {} **{}** {}{feeling} — {}",
                    date,
                    c.status,
                    bare_text(&c.text, &ctx.config),
                    wikilink(&c.source.path, c.source.heading.as_deref(), None, None)
                )?;
            }
        }
        ListFormat::Table => {
            let mut table = Table::new(&[
                ("STATUS", Role::Fixed),
                ("DATE", Role::Fixed),
                ("CHECKPOINT", Role::Text),
                ("PLAN", Role::Context),
                ("FEELING", Role::Context),
                ("WHERE", Role::Place),
            ]);
            for c in &views {
                let style = match c.status {
                    CheckpointStatus::Missed => color(AnsiColor::Red).bold(),
                    CheckpointStatus::Upcoming => color(AnsiColor::Yellow),
                    CheckpointStatus::Reached => color(AnsiColor::Green),
                    _ => Style::new().dimmed(),
                };
                table.row(vec![
                    Cell::styled(c.status.as_str(), style),
                    Cell::plain(shown_date(c).map(|d| d.to_string()).unwrap_or_default()),
                    Cell::plain(bare_text(&c.text, &ctx.config)),
                    Cell::plain(c.plan.clone().unwrap_or_default()),
                    Cell::plain(c.feeling.clone().unwrap_or_default()),
                    super::where_cell(&c.source),
                ]);
            }
            super::write_table(ctx, &mut out, &table, "no missed or upcoming checkpoints")?;
        }
    }
    out.flush()?;
    ctx.report_warnings(&index);
    Ok(())
}

/// The date a checkpoint's row shows: the day it was reached, else the day it is due.
fn shown_date(c: &CheckpointView) -> Option<chrono::NaiveDate> {
    c.reached_on.or(c.date)
}
