//! `journal check`: every problem in the vault, one per line, sorted by place, and the notes
//! of information (`info`) among them.

use super::Context;
use crate::table::clean;
use std::io::Write;
use std::process::ExitCode;

pub(crate) fn run(ctx: &Context) -> anyhow::Result<ExitCode> {
    let index = ctx.index()?;
    let mut out = ctx.stdout();
    for d in index.diagnostics() {
        writeln!(out, "{}", clean(&d.to_string()))?;
    }
    out.flush()?;
    let warnings: Vec<_> = index
        .diagnostics()
        .iter()
        .filter(|d| d.is_warning())
        .collect();
    let infos = index.diagnostics().len() - warnings.len();
    let info_note = match infos {
        0 => String::new(),
        1 => " (and 1 note for information)".to_string(),
        n => format!(" (and {n} notes for information)"),
    };
    let n = warnings.len();
    if n == 0 {
        if !ctx.quiet {
            eprintln!(
                "journal: no problems in {} notes{info_note}",
                index.notes().len()
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    if !ctx.quiet {
        let files = {
            let mut paths: Vec<&str> = warnings.iter().map(|d| d.path.as_str()).collect();
            paths.dedup();
            paths.len()
        };
        eprintln!(
            "journal: {n} warning{} in {files} file{}{info_note}",
            if n == 1 { "" } else { "s" },
            if files == 1 { "" } else { "s" }
        );
    }
    Ok(ExitCode::from(1))
}
