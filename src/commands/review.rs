//! `journal review`: choose the week, build the review model, render it, write it out.

use super::{Context, parse_day};
use crate::UsageError;
use crate::cli::{ReviewArgs, ReviewFormat};
use crate::config::Into;
use crate::dates::Week;
use crate::dates::moment::Period;
use crate::output;
use crate::render::{self, Template};
use crate::review::{self, Review};
use chrono::Datelike;
use std::io::Write;
use std::path::PathBuf;

/// How journal knows an HTML or JSON review it wrote before: it may replace it whole.
const HTML_SIGNATURE: &str = r#"<meta name="generator" content="journal">"#;
const JSON_SIGNATURE: &str = r#""schema": "journal.review/"#;

/// The week the flags ask for. `--week` takes an ISO week id or the name of one of the
/// vault's weekly notes (`2025-48` with `gggg-ww`), which names the owner's own week.
pub(crate) fn choose_week(ctx: &Context, args: &ReviewArgs) -> Result<Week, UsageError> {
    let start = ctx.config.week_start;
    if let Some(w) = &args.week {
        let weekly = &ctx.config.weekly.format;
        if weekly.period() == Period::Week
            && let Some(first) = weekly.parse(w.trim())
            && first.year() >= 1
        {
            return Ok(Week::containing(first, start));
        }
        return Week::parse(w, start).map_err(|e| UsageError(format!("--week {w}: {e}")));
    }
    if let Some(d) = &args.date {
        return Ok(Week::containing(parse_day("--date", d)?, start));
    }
    let this = ctx.this_week();
    Ok(if args.last { this.previous() } else { this })
}

/// The review of `week`.
pub(crate) fn model(ctx: &Context, week: Week, index: crate::index::Index) -> Review {
    let vault = std::fs::canonicalize(&ctx.config.vault)
        .unwrap_or_else(|_| ctx.config.vault.clone())
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let generated_at = if ctx.today_fixed {
        ctx.today.to_string()
    } else {
        chrono::Local::now()
            .format("%Y-%m-%dT%H:%M:%S%:z")
            .to_string()
    };
    review::build(
        index,
        &review::Request {
            week,
            today: ctx.today,
            config: &ctx.config,
            vault,
            generated_at,
        },
    )
}

/// The Markdown review as a whole document: front matter that keeps the tool from reading
/// it back, and the body between the markers.
pub(crate) fn markdown_document(review: &Review, body: &str) -> String {
    format!(
        "---\ngenerator: journal\nweek: {}\n---\n{}",
        review.week.id,
        output::with_markers(body)
    )
}

pub(crate) fn run(ctx: &Context, args: &ReviewArgs) -> anyhow::Result<()> {
    let week = choose_week(ctx, args)?;
    let index = ctx.index()?;
    ctx.report_warnings(&index);
    // The review takes the index and holds what it needs: the notes are gone before
    // rendering makes its copies.
    let review = model(ctx, week, index);
    ctx.timing("review built");
    let text = match args.format {
        ReviewFormat::Json => {
            let mut s = serde_json::to_string_pretty(&review)?;
            s.push('\n');
            s
        }
        ReviewFormat::Md | ReviewFormat::Html => {
            let (builtin, configured) = match args.format {
                ReviewFormat::Md => (
                    render::WEEKLY_MD,
                    ctx.config
                        .settings
                        .review
                        .template
                        .as_ref()
                        .map(|t| ctx.config.vault_file(&t.0)),
                ),
                _ => (render::WEEKLY_HTML, None),
            };
            let template = Template::choose(
                args.template.as_deref(),
                configured,
                &ctx.config.vault,
                builtin,
            )
            .map_err(|e| UsageError(e.to_string()))?;
            let body = render::render(&template, &review).map_err(|e| UsageError(e.to_string()))?;
            match args.format {
                ReviewFormat::Md => markdown_document(&review, &body),
                _ => body,
            }
        }
    };
    ctx.timing("rendered");
    let into_weekly_note = args.write
        && args.format == ReviewFormat::Md
        && ctx.config.settings.review.into == Into::WeeklyNote;
    if into_weekly_note {
        return write_into_weekly_note(ctx, week, &text);
    }
    let target: Option<PathBuf> = if args.write {
        let ext = match args.format {
            ReviewFormat::Md => "md",
            ReviewFormat::Html => "html",
            ReviewFormat::Json => "json",
        };
        let folder = ctx
            .config
            .vault
            .join(ctx.config.settings.review.folder.as_str());
        Some(folder.join(format!("{}.{ext}", review.week.id)))
    } else {
        args.output.clone()
    };
    match target {
        Some(path) => {
            let owner = match args.format {
                ReviewFormat::Md => output::Ownership::Markers,
                ReviewFormat::Html => output::Ownership::Signature(HTML_SIGNATURE),
                ReviewFormat::Json => output::Ownership::Signature(JSON_SIGNATURE),
            };
            output::write_document(&path, &text, owner, args.force)
                .map_err(|e| UsageError(e.to_string()))?;
            if !ctx.quiet {
                eprintln!("journal: wrote {}", path.display());
            }
        }
        None => {
            let mut out = ctx.stdout();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    ctx.timing("written");
    Ok(())
}

/// `[review] into = "weekly-note"`: the review goes into the owner's own weekly note, only
/// between the markers they (or their weekly template) put there. The note is theirs: it is
/// never created or replaced, with or without `--force`.
fn write_into_weekly_note(ctx: &Context, week: Week, document: &str) -> anyhow::Result<()> {
    let config = &ctx.config;
    let name = format!("{}.md", config.weekly.format.format(week.middle()));
    let mut path = config.vault.clone();
    if !config.weekly.folder.is_empty() {
        path.push(&config.weekly.folder);
    }
    path.push(&name);
    let shown = path.display().to_string();
    if !path.is_file() {
        return Err(UsageError(format!(
            "the weekly note `{shown}` does not exist; with `[review] into = \"weekly-note\"` the review goes only into a weekly note you made, between <!-- journal:begin --> and <!-- journal:end --> lines"
        ))
        .into());
    }
    // Only the marked region: the note's own front matter stays as the owner wrote it.
    let body = match document.find(crate::markers::BEGIN) {
        Some(i) => &document[i..],
        None => document,
    };
    match output::write_document(&path, body, output::Ownership::Markers, false) {
        Ok(()) => {}
        Err(output::WriteError::NoMarkers(_)) => {
            return Err(UsageError(format!(
                "the weekly note `{shown}` has no <!-- journal:begin --> and <!-- journal:end --> lines: put them (in the note, or in your weekly template) where the review should go"
            ))
            .into());
        }
        Err(e) => return Err(UsageError(e.to_string()).into()),
    }
    if !ctx.quiet {
        eprintln!("journal: wrote the review into {shown}");
    }
    Ok(())
}
