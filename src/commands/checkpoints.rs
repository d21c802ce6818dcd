//! `journal checkpoints`: missed and upcoming checkpoints, by date.

use super::{Context, write_json};
use crate::cli::{CheckpointsArgs, ListFormat};
use crate::index::{self, CheckpointStatus};
use crate::table::{Cell, Table, color};
use crate::views::{CheckpointView, wikilink};
use anstyle::{AnsiColor, Style};
use std::io::Write;

pub fn run(ctx: &Context, args: &CheckpointsArgs) -> anyhow::Result<()> {
    let index = ctx.index()?;
    let mut picked: Vec<usize> = (0..index.checkpoints.len())
        .filter(|&i| {
            let s =
                index::checkpoint_status(&index.checkpoints[i], ctx.today, ctx.config.horizon_days);
            args.all
                || (matches!(s, CheckpointStatus::Missed | CheckpointStatus::Upcoming)
                    && index.in_play(index.checkpoints[i].plan))
        })
        .collect();
    picked.sort_by_key(|&i| {
        (
            index.checkpoints[i].date.is_none(),
            index.checkpoints[i].date,
            i,
        )
    });
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
                    "missed" => color(AnsiColor::Red).bold(),
                    "upcoming" => color(AnsiColor::Yellow),
                    "reached" => color(AnsiColor::Green),
                    _ => Style::new().dimmed(),
                };
                table.row(vec![
                    Cell::styled(c.status, style),
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
