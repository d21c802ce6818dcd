//! `journal checkpoints`: missed and upcoming checkpoints, by date.

use super::{Context, write_json};
use crate::cli::{CheckpointsArgs, ListFormat};
use crate::index::{CheckpointId, CheckpointStatus};
use crate::table::{Cell, Table, color};
use crate::views::{CheckpointView, wikilink};
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
    let views: Vec<CheckpointView> = picked
        .iter()
        .map(|&i| CheckpointView::new(&index, i, ctx.today, &ctx.config))
        .collect();
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
                    c.text,
                    wikilink(&c.source.path, c.source.heading.as_deref(), None, None)
                )?;
            }
        }
        ListFormat::Table => {
            let mut table =
                Table::new(&["STATUS", "DATE", "CHECKPOINT", "PLAN", "FEELING", "WHERE"])
                    .flexible(2)
                    .flexible(3)
                    .flexible(4);
            for c in &views {
                let style = match c.status {
                    CheckpointStatus::Missed => color(AnsiColor::Red).bold(),
                    CheckpointStatus::Upcoming => color(AnsiColor::Yellow),
                    CheckpointStatus::Reached => color(AnsiColor::Green),
                    _ => Style::new().dimmed(),
                };
                table.row(vec![
                    Cell::styled(c.status.as_str(), style),
                    // A reached checkpoint shows the day it was reached.
                    Cell::plain(
                        c.reached_on
                            .or(c.date)
                            .map(|d| d.to_string())
                            .unwrap_or_default(),
                    ),
                    Cell::plain(c.text.clone()),
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
