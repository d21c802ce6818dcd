//! Printing for the commands: tables that fit the terminal, JSON, the WHERE cell, and the
//! one-line summary of the vault's warnings.

use super::Context;
use crate::index::Index;
use crate::table::{Cell, Layout, Table};
use crate::views::Source;
use std::io::Write;

/// How tables are laid out: `--wide`, else fitted to `COLUMNS` when it is set (so tests and
/// scripts can ask for a width), else to the terminal, else plain for other programs.
pub(crate) fn layout(ctx: &Context) -> Layout {
    use std::io::IsTerminal;
    if ctx.wide {
        return Layout::Wide;
    }
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0);
    match columns {
        Some(c) => Layout::Fit(c),
        None if std::io::stdout().is_terminal() => {
            Layout::Fit(terminal_size::terminal_size().map_or(80, |(w, _)| usize::from(w.0).max(1)))
        }
        None => Layout::Plain,
    }
}

/// Writes `table` as [`layout`] says, or, when it has no rows, says `empty` on stderr
/// (unless `-q`).
pub(crate) fn write_table(
    ctx: &Context,
    out: &mut dyn Write,
    table: &Table,
    empty: &str,
) -> std::io::Result<()> {
    if !table.is_empty() {
        table.write(out, layout(ctx))
    } else {
        if !ctx.quiet {
            eprintln!("journal: {empty}");
        }
        Ok(())
    }
}

/// The WHERE column: `path:line`, dimmed.
pub(crate) fn where_cell(source: &Source) -> Cell {
    Cell::styled(
        format!("{}:{}", source.path, source.line),
        anstyle::Style::new().dimmed(),
    )
}

/// Writes JSON with a final newline.
pub(crate) fn write_json(w: &mut dyn Write, value: &impl serde::Serialize) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *w, value)?;
    writeln!(w)?;
    Ok(())
}

/// The vault's diagnostics but those of the categories the config's `[check] allow` and
/// `extra` leave out (notes for information included).
pub(crate) fn warnings<'a>(
    ctx: &Context,
    index: &'a Index,
    extra: &[crate::diagnostic::Category],
) -> Vec<&'a crate::diagnostic::Diagnostic> {
    let allowed = &ctx.config.settings.check.allow.0;
    index
        .diagnostics()
        .iter()
        .filter(|d| {
            let c = d.category();
            !allowed.contains(&c) && !extra.contains(&c)
        })
        .collect()
}

/// The vault's warnings on stderr: each with `-v`, a count otherwise (saying how to see
/// them), nothing with `-q`.
pub(crate) fn report_warnings(ctx: &Context, index: &Index) {
    print_report(ctx, &warnings_report(ctx, index));
}

/// What [`report_warnings`] prints, as text (kept with a stored review, so serving it says
/// the same).
pub(crate) fn warnings_report(ctx: &Context, index: &Index) -> String {
    let shown: Vec<_> = warnings(ctx, index, &[])
        .into_iter()
        .filter(|d| d.is_warning())
        .collect();
    if ctx.quiet || shown.is_empty() {
        return String::new();
    }
    if ctx.verbose {
        shown
            .into_iter()
            .map(|d| format!("{}\n", super::check::line(d)))
            .collect()
    } else {
        let n = shown.len();
        format!(
            "journal: {n} warning{} about the vault (`journal check` lists them, `-v` shows them here)\n",
            if n == 1 { "" } else { "s" }
        )
    }
}

/// Prints a [`warnings_report`] on stderr, with colour as asked.
pub(crate) fn print_report(ctx: &Context, report: &str) {
    if report.is_empty() {
        return;
    }
    let mut err = anstream::AutoStream::new(std::io::stderr(), ctx.color_choice());
    let _ = err.write_all(report.as_bytes());
}

/// How many of the vault's warnings count (not those of allowed categories, not notes for
/// information).
pub(crate) fn warning_count(ctx: &Context, index: &Index) -> usize {
    warnings(ctx, index, &[])
        .iter()
        .filter(|d| d.is_warning())
        .count()
}
