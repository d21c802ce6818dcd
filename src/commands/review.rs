//! `journal review`: choose the week, build the review model, render it, write it out.

use super::Context;
use crate::UsageError;
use crate::cli::{ReviewArgs, ReviewFormat};
use crate::dates::Week;
use crate::output;
use crate::render::{self, Template};
use crate::review::{self, Review};
use std::io::Write;
use std::path::PathBuf;

/// How journal knows an HTML or JSON review it wrote before: it may replace it whole.
const HTML_SIGNATURE: &str = r#"<meta name="generator" content="journal">"#;
const JSON_SIGNATURE: &str = r#""schema": "journal.review/"#;

/// The week the flags ask for.
pub(crate) fn choose_week(ctx: &Context, args: &ReviewArgs) -> Result<Week, UsageError> {
    let start = ctx.config.settings.week_start;
    if let Some(w) = &args.week {
        return ctx.week("--week", w);
    }
    if let Some(d) = &args.date {
        return Ok(Week::containing(ctx.day("--date", d)?, start));
    }
    let this = ctx.this_week();
    Ok(if args.last { this.previous() } else { this })
}

/// The format: `--format`, else what the extension of `-o` says (`.html`, `.json`, `.md`),
/// else Markdown. An `-o` extension that disagrees with `--format`, or that says nothing, is
/// told on stderr.
pub(crate) fn choose_format(ctx: &Context, args: &ReviewArgs) -> ReviewFormat {
    let by_extension = args.output.as_deref().map(|path| {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        let format = match ext.as_deref() {
            Some("html" | "htm") => Some(ReviewFormat::Html),
            Some("json") => Some(ReviewFormat::Json),
            Some("md" | "markdown") => Some(ReviewFormat::Md),
            _ => None,
        };
        (path, format)
    });
    let name = |f: ReviewFormat| match f {
        ReviewFormat::Md => "Markdown",
        ReviewFormat::Html => "HTML",
        ReviewFormat::Json => "JSON",
    };
    let say = |m: String| {
        if !ctx.quiet {
            eprintln!("journal: {m}");
        }
    };
    match (args.format, by_extension) {
        (Some(asked), Some((path, Some(ext)))) if asked != ext => {
            say(format!(
                "-o {}: writing {} as --format asks, though the extension says {}",
                path.display(),
                name(asked),
                name(ext)
            ));
            asked
        }
        (Some(asked), _) => asked,
        (None, Some((_, Some(ext)))) => ext,
        (None, Some((path, None))) => {
            say(format!(
                "-o {}: writing Markdown (name the file .md, .html or .json, or give --format)",
                path.display()
            ));
            ReviewFormat::Md
        }
        (None, None) => ReviewFormat::Md,
    }
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
    let format = choose_format(ctx, args);
    let index = ctx.index()?;
    ctx.report_warnings(&index);
    // The review takes the index and holds what it needs: the notes are gone before
    // rendering makes its copies.
    let review = model(ctx, week, index);
    ctx.timing("review built");
    let text = match format {
        ReviewFormat::Json => {
            let mut s = serde_json::to_string_pretty(&review)?;
            s.push('\n');
            s
        }
        ReviewFormat::Md | ReviewFormat::Html => {
            let (builtin, configured) = match format {
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
            match format {
                ReviewFormat::Md => markdown_document(&review, &body),
                _ => body,
            }
        }
    };
    ctx.timing("rendered");
    let target: Option<PathBuf> = if args.write {
        let ext = match format {
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
            let owner = match format {
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
