//! Printing for the commands: tables that fit the terminal, JSON, the WHERE cell, and the
//! one-line summary of the vault's warnings.

use super::Context;
use crate::index::Index;
use crate::table::{Cell, Table, clean, terminal_width};
use crate::views::Source;
use std::io::Write;

/// Writes `table` to fit the terminal, or, when it has no rows, says `empty` on stderr
/// (unless `-q`).
pub(crate) fn write_table(
    ctx: &Context,
    out: &mut dyn Write,
    table: &Table,
    empty: &str,
) -> std::io::Result<()> {
    if !table.is_empty() {
        table.write(out, terminal_width())
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

/// The vault's warnings on stderr: each with `-v`, a count otherwise, nothing with `-q`.
/// Notes for information are `check`'s alone.
pub(crate) fn report_warnings(ctx: &Context, index: &Index) {
    let n = warning_count(index);
    if ctx.quiet || n == 0 {
        return;
    }
    let mut err = anstream::AutoStream::new(std::io::stderr(), ctx.color_choice());
    if ctx.verbose {
        for d in index.diagnostics().iter().filter(|d| d.is_warning()) {
            let _ = writeln!(err, "{}", clean(&d.to_string()));
        }
    } else {
        let _ = writeln!(
            err,
            "journal: {n} warning{} about the vault (see them with `journal check`)",
            if n == 1 { "" } else { "s" }
        );
    }
}

/// How many of the vault's diagnostics are warnings (not notes for information).
pub(crate) fn warning_count(index: &Index) -> usize {
    index
        .diagnostics()
        .iter()
        .filter(|d| d.is_warning())
        .count()
}
