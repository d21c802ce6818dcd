//! `journal check`: every problem in the vault, one per line as `path:line:col: warning:
//! message` (what editors' quickfix lists read) or as JSON, sorted by place, leaving out the
//! categories allowed by `--allow` or the config's `[check] allow`; notes of information
//! (`info`) are shown among them but are not problems.

use super::{Context, write_json};
use crate::UsageError;
use crate::cli::{CheckArgs, CheckFormat};
use crate::diagnostic::{Category, Diagnostic};
use crate::table::{clean, color};
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;

/// One warning as `--format json` gives it.
#[derive(Debug, Serialize)]
struct Problem<'a> {
    path: &'a str,
    line: u32,
    col: u32,
    category: Category,
    message: &'a str,
}

/// `d` as one line, with `warning:` coloured when colour is on.
pub(crate) fn line(d: &Diagnostic) -> String {
    let text = clean(&d.to_string()).into_owned();
    let style = color(anstyle::AnsiColor::Yellow).bold();
    match text.split_once(": warning: ") {
        Some((at, message)) => format!(
            "{at}: {}warning:{} {message}",
            style.render(),
            style.render_reset()
        ),
        None => text,
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub(crate) fn run(ctx: &Context, args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let mut allowed = Vec::new();
    for name in &args.allow {
        allowed.push(Category::from_name(name).ok_or_else(|| {
            UsageError(format!(
                "--allow {name}: not a category; use {}",
                Category::ALL
                    .iter()
                    .map(|c| c.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?);
    }
    let index = ctx.index()?;
    let shown = super::print::warnings(ctx, &index, &allowed);
    let mut out = ctx.stdout();
    match args.format {
        CheckFormat::Json => {
            let problems: Vec<Problem<'_>> = shown
                .iter()
                .map(|d| Problem {
                    path: &d.path,
                    line: d.line,
                    col: d.col,
                    category: d.category(),
                    message: &d.message,
                })
                .collect();
            write_json(&mut out, &problems)?;
        }
        CheckFormat::Lines => {
            for d in &shown {
                writeln!(out, "{}", line(d))?;
            }
        }
    }
    out.flush()?;
    let warnings = shown.iter().filter(|d| d.is_warning()).count();
    let infos = shown.len() - warnings;
    let info_note = match infos {
        0 => String::new(),
        1 => " (and 1 note for information)".to_string(),
        n => format!(" (and {n} notes for information)"),
    };
    let left_out = index.diagnostics().len() - shown.len();
    let left_out = if left_out == 0 {
        String::new()
    } else {
        format!(
            " ({} of allowed categories left out)",
            plural(left_out, "warning", "warnings")
        )
    };
    let n = warnings;
    if !ctx.quiet {
        if n == 0 {
            eprintln!(
                "journal: no problems in {}{left_out}{info_note}",
                plural(index.notes().len(), "note", "notes")
            );
        } else {
            let mut paths: Vec<&str> = shown
                .iter()
                .filter(|d| d.is_warning())
                .map(|d| d.path.as_str())
                .collect();
            paths.dedup();
            eprintln!(
                "journal: {} in {}{left_out}{info_note}",
                plural(n, "warning", "warnings"),
                plural(paths.len(), "file", "files")
            );
        }
    }
    Ok(if n == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
