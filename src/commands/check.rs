//! `journal check`: every problem in the vault, one per line, sorted by place.

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
    let n = index.diagnostics().len();
    if n == 0 {
        if !ctx.quiet {
            eprintln!("journal: no problems in {} notes", index.notes().len());
        }
        return Ok(ExitCode::SUCCESS);
    }
    if !ctx.quiet {
        let files = {
            let mut paths: Vec<&str> = index
                .diagnostics()
                .iter()
                .map(|d| d.path.as_str())
                .collect();
            paths.dedup();
            paths.len()
        };
        eprintln!(
            "journal: {n} warning{} in {files} file{}",
            if n == 1 { "" } else { "s" },
            if files == 1 { "" } else { "s" }
        );
    }
    Ok(ExitCode::from(1))
}
