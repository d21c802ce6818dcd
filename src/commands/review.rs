//! `journal review`: choose the period, build the review model, render it, write it out.

use super::Context;
use crate::UsageError;
use crate::cli::{ReviewArgs, ReviewFormat};
use crate::config::Into;
use crate::dates::moment::FormatUnit;
use crate::dates::{Period, PeriodKind, Week};
use crate::memo::{Lookup, Memo};
use crate::output;
use crate::render::{self, Flavour, Template};
use crate::review::{self, Review};
use chrono::Datelike;

/// How journal knows an HTML or JSON review it wrote before: it may replace it whole.
const HTML_SIGNATURE: &str = r#"<meta name="generator" content="journal">"#;
const JSON_SIGNATURE: &str = r#""schema": "journal.review/"#;

/// The week the flags ask for. `--week` takes an ISO week id or the name of one of the
/// vault's weekly notes (`2025-48` with `gggg-ww`), which names the owner's own week. Every
/// date of a review is written `YYYY-MM-DD`, so a week that does not lie within the years 1
/// to 9999 (`--today 9999-12-31` ends in the year 10000) is refused.
pub(crate) fn choose_week(ctx: &Context, args: &ReviewArgs) -> Result<Week, UsageError> {
    let start = ctx.config.week_start;
    let (week, given) = if let Some(w) = &args.week {
        let weekly = &ctx.config.weekly.format;
        let week = match weekly.parse(w.trim()) {
            Some(first) if weekly.unit() == FormatUnit::Week && first.year() >= 1 => {
                Week::containing(first, start)
            }
            _ => ctx.week("--week", w)?,
        };
        (week, format!("--week {w}"))
    } else if let Some(d) = &args.date {
        (
            Week::containing(ctx.day("--date", d)?, start),
            format!("--date {d}"),
        )
    } else {
        let this = ctx.this_week();
        let week = if args.last { this.previous() } else { this };
        (week, format!("today ({})", ctx.today))
    };
    within_years(Period::week(week), &given)?;
    Ok(week)
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

/// Every date of a review is written `YYYY-MM-DD`: a period outside the years 1 to 9999 is
/// refused.
fn within_years(period: Period, given: &str) -> Result<(), UsageError> {
    if !period.writable() {
        return Err(UsageError(format!(
            "{given}: that {} does not lie within the years 1 to 9999, so its dates cannot be written as YYYY-MM-DD",
            period.kind().as_str()
        )));
    }
    Ok(())
}

/// The period the flags ask for: `--month`, `--quarter` or `--year` (read by
/// [`crate::dates::parse_period`]), else a week ([`choose_week`]).
pub(crate) fn choose_period(ctx: &Context, args: &ReviewArgs) -> Result<Period, UsageError> {
    let asked = [
        (PeriodKind::Month, "--month", &args.month),
        (PeriodKind::Quarter, "--quarter", &args.quarter),
        (PeriodKind::Year, "--year", &args.year),
    ];
    for (kind, flag, value) in asked {
        if let Some(v) = value {
            let period = crate::dates::parse_period(kind, v, ctx.today, ctx.config.week_start)
                .map_err(|e| UsageError(format!("{flag} {v}: {e}")))?;
            within_years(period, &format!("{flag} {v}"))?;
            return Ok(period);
        }
    }
    choose_week(ctx, args).map(Period::week)
}

/// The vault folder's name, as reviews show it.
pub(crate) fn vault_name(ctx: &Context) -> String {
    std::fs::canonicalize(&ctx.config.vault)
        .unwrap_or_else(|_| ctx.config.vault.clone())
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// When a page was made: now, or the fixed "today" (for reproducible output).
pub(crate) fn generated_at(ctx: &Context) -> String {
    if ctx.today_fixed {
        ctx.today.to_string()
    } else {
        chrono::Local::now()
            .format("%Y-%m-%dT%H:%M:%S%:z")
            .to_string()
    }
}

/// The review of `period`.
pub(crate) fn model(ctx: &Context, period: Period, index: crate::index::Index) -> Review {
    let vault = vault_name(ctx);
    let generated_at = generated_at(ctx);
    review::build(
        index,
        &review::Request {
            period,
            today: ctx.today,
            config: &ctx.config,
            vault,
            generated_at,
        },
    )
}

/// The Markdown review as a whole document: front matter that keeps the tool from reading
/// it back (and names the period: `week: 2026-W48`, `month: 2026-11`), and the body between
/// the markers.
pub(crate) fn markdown_document(review: &Review, body: &str) -> String {
    format!(
        "---\ngenerator: journal\n{}: {}\n---\n{}",
        review.period.kind.as_str(),
        review.period.id,
        output::with_markers(body)
    )
}

/// The built-in template of a period kind and format.
fn builtin(kind: PeriodKind, format: ReviewFormat) -> (&'static str, &'static str) {
    match (kind, format) {
        (PeriodKind::Week, ReviewFormat::Html) => render::WEEKLY_HTML,
        (PeriodKind::Week, _) => render::WEEKLY_MD,
        (PeriodKind::Month, ReviewFormat::Html) => render::MONTHLY_HTML,
        (PeriodKind::Month, _) => render::MONTHLY_MD,
        (PeriodKind::Quarter, ReviewFormat::Html) => render::QUARTERLY_HTML,
        (PeriodKind::Quarter, _) => render::QUARTERLY_MD,
        (PeriodKind::Year, ReviewFormat::Html) => render::YEARLY_HTML,
        (PeriodKind::Year, _) => render::YEARLY_MD,
    }
}

/// The template a Markdown or HTML review of `period` is rendered with (JSON has none). The
/// configured template is the weekly Markdown review's.
fn template(
    ctx: &Context,
    args: &ReviewArgs,
    period: Period,
    format: ReviewFormat,
) -> anyhow::Result<Option<Template>> {
    if format == ReviewFormat::Json {
        return Ok(None);
    }
    let configured = match format {
        ReviewFormat::Md if period.kind() == PeriodKind::Week => ctx
            .config
            .settings
            .review
            .template
            .as_ref()
            .map(|t| t.0.as_str()),
        _ => None,
    };
    let template = Template::choose(
        args.template.as_deref(),
        configured,
        &ctx.config.vault,
        builtin(period.kind(), format),
    )
    .map_err(|e| UsageError(e.to_string()))?;
    Ok(Some(template))
}

/// Where this review's result is kept from one run to the next: its inputs besides the notes
/// and the config are the command line, today and the template. A review that shows the time
/// it was made (`generated_at`: JSON, every HTML page, whose shared parts may print it, and the
/// Markdown templates that name it) is kept only when today is fixed, as the time is then.
fn memo(ctx: &Context, format: ReviewFormat, template: Option<&Template>) -> Option<Memo> {
    let shows_time =
        format == ReviewFormat::Html || template.is_none_or(|t| t.shows("generated_at"));
    if shows_time && !ctx.today_fixed {
        return None;
    }
    let argv: Vec<_> = std::env::args_os().skip(1).collect();
    let request = format!(
        "review|{argv:?}|{}|{}|{format:?}|{}",
        ctx.today,
        ctx.today_fixed,
        template.map_or("", |t| t.text.as_str())
    );
    Memo::new(&ctx.config, &ctx.cache, &request)
}

/// Loads the vault, builds the review of `period` and renders it; the warnings line is
/// printed and returned with the text and the notes as they were seen.
fn make(
    ctx: &Context,
    period: Period,
    format: ReviewFormat,
    template: Option<&Template>,
    walked: Option<crate::vault::Walk>,
) -> anyhow::Result<(String, String, Vec<crate::vault::Seen>)> {
    let (index, seen) = ctx.index_seen(walked)?;
    let report = super::print::warnings_report(ctx, &index);
    super::print::print_report(ctx, &report);
    // The review takes the index and holds what it needs: the notes are gone before
    // rendering makes its copies.
    let review = model(ctx, period, index);
    ctx.timing("review built");
    let text = match template {
        None => {
            let mut s = serde_json::to_string_pretty(&review)?;
            s.push('\n');
            s
        }
        Some(template) => {
            // Escaping follows the output format, whatever the template file is called.
            let flavour = match format {
                ReviewFormat::Html => ctx.html_flavour(),
                _ => Flavour::Markdown,
            };
            let body = render::review(template, &review, flavour)
                .map_err(|e| UsageError(e.to_string()))?;
            match format {
                ReviewFormat::Md => markdown_document(&review, &body),
                _ => body,
            }
        }
    };
    Ok((text, report, seen))
}

pub(crate) fn run(ctx: &Context, args: &ReviewArgs) -> anyhow::Result<()> {
    let period = choose_period(ctx, args)?;
    let format = choose_format(ctx, args);
    let template = template(ctx, args, period, format)?;
    let memo = memo(ctx, format, template.as_ref());
    let started = crate::memo::now_ns();
    let walked = match memo.as_ref().map(|m| m.lookup(&ctx.config)) {
        Some(Lookup::Hit(hit)) => {
            ctx.timing(&format!(
                "served the stored review ({} touched notes read, unchanged)",
                hit.rehashed
            ));
            super::print::print_report(ctx, &hit.stderr);
            return deliver(ctx, args, period, format, &hit.text);
        }
        Some(Lookup::Miss(walked)) => {
            ctx.timing("no stored review to serve");
            walked
        }
        None => None,
    };
    let (text, report, seen) = make(ctx, period, format, template.as_ref(), walked)?;
    if let Some(m) = &memo {
        m.store(started, seen, &report, &text);
    }
    deliver(ctx, args, period, format, &text)
}

/// Writes the review where the flags say: into a periodic note, a file, or standard output.
fn deliver(
    ctx: &Context,
    args: &ReviewArgs,
    period: Period,
    format: ReviewFormat,
    text: &str,
) -> anyhow::Result<()> {
    ctx.timing("rendered");
    if args.write && format == ReviewFormat::Md {
        match period.as_week() {
            Some(week) if ctx.config.settings.review.into == Into::WeeklyNote => {
                return write_into_weekly_note(ctx, week, text);
            }
            Some(_) => {}
            None => {
                if let Some(p) = ctx.config.periodic(period.kind()) {
                    return write_into_periodic_note(ctx, period, p.note_rel(period.start()), text);
                }
            }
        }
    }
    let target = if args.write {
        let ext = match format {
            ReviewFormat::Md => "md",
            ReviewFormat::Html => "html",
            ReviewFormat::Json => "json",
        };
        Some(output::Target::Vault {
            vault: &ctx.config.vault,
            rel: crate::config::in_folder(
                ctx.config.settings.review.folder.as_str(),
                &format!("{}.{ext}", period.id()),
            ),
        })
    } else {
        args.output.as_deref().map(output::Target::Given)
    };
    match target {
        Some(target) => {
            let owner = match format {
                ReviewFormat::Md => output::Ownership::Markers,
                ReviewFormat::Html => output::Ownership::Signature(HTML_SIGNATURE),
                ReviewFormat::Json => output::Ownership::Signature(JSON_SIGNATURE),
            };
            let path =
                output::write_document(&target, text, owner, args.force).map_err(write_error)?;
            if !ctx.quiet {
                eprintln!("journal: wrote {}", path.display());
            }
        }
        None => ctx.print(text)?,
    }
    ctx.timing("written");
    Ok(())
}

/// A refusal is the user's to resolve (exit status 2); a failure is ours to report (1).
pub(crate) fn write_error(e: output::WriteError) -> anyhow::Error {
    if e.is_refusal() {
        UsageError(e.to_string()).into()
    } else {
        anyhow::Error::msg(e.to_string())
    }
}

/// A monthly, quarterly or yearly review with `--write`, where the vault's Periodic Notes
/// settings name such notes: it goes to that note ([`write_into_note`]), made whole when it
/// is not there yet.
fn write_into_periodic_note(
    ctx: &Context,
    period: Period,
    rel: String,
    document: &str,
) -> anyhow::Result<()> {
    let what = format!("the {} note", period.kind().adjective());
    write_into_note(
        ctx,
        rel,
        document,
        &what,
        "is yours and has no <!-- journal:begin --> and <!-- journal:end --> lines: put them where the review should go",
        "wrote",
    )
}

/// `[review] into = "weekly-note"`: the review goes into the owner's own weekly note, only
/// between the markers they (or their weekly template) put there. The note is theirs: it is
/// never created.
fn write_into_weekly_note(ctx: &Context, week: Week, document: &str) -> anyhow::Result<()> {
    let rel = ctx.config.weekly.note_rel(week.middle());
    let path = ctx.config.vault.join(&rel);
    if !std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
        return Err(UsageError(format!(
            "the weekly note `{}` does not exist; with `[review] into = \"weekly-note\"` the review goes only into a weekly note you made, between <!-- journal:begin --> and <!-- journal:end --> lines",
            path.display()
        ))
        .into());
    }
    write_into_note(
        ctx,
        rel,
        document,
        "the weekly note",
        "has no <!-- journal:begin --> and <!-- journal:end --> lines: put them (in the note, or in your weekly template) where the review should go",
        "wrote the review into",
    )
}

/// Writes a review into the periodic note `rel`. A note that exists is the owner's: the review
/// goes only between its `<!-- journal:begin -->` and `<!-- journal:end -->` lines (its own
/// front matter stays as they wrote it), and it is never replaced, with or without `--force`;
/// one that does not exist is made, whole. `what` and `no_markers` make the message for a note
/// without markers; `wrote` starts the line that tells it was written.
fn write_into_note(
    ctx: &Context,
    rel: String,
    document: &str,
    what: &str,
    no_markers: &str,
    wrote: &str,
) -> anyhow::Result<()> {
    let config = &ctx.config;
    let shown = config.vault.join(&rel).display().to_string();
    // A path the vault check refuses is refused by the write below, whatever this says.
    let exists = crate::fsx::vault_file(&config.vault, &rel)
        .is_ok_and(|path| std::fs::symlink_metadata(path).is_ok());
    let body = match document.find(crate::markers::BEGIN) {
        Some(i) if exists => &document[i..],
        _ => document,
    };
    let target = output::Target::Vault {
        vault: &config.vault,
        rel,
    };
    match output::write_document(&target, body, output::Ownership::Markers, false) {
        Ok(_) => {
            if !ctx.quiet {
                eprintln!("journal: {wrote} {shown}");
            }
            Ok(())
        }
        Err(output::WriteError::NoMarkers(_)) => {
            Err(UsageError(format!("{what} `{shown}` {no_markers}")).into())
        }
        Err(e) => Err(write_error(e)),
    }
}
