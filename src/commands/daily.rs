//! `journal new`, `journal prompt` and `journal init`: the daily flow.

use super::Context;
use super::review::write_error;
use crate::UsageError;
use crate::cli::{NewArgs, PromptArgs};
use crate::config::{CONFIG_FILE, DEFAULT_CONFIG};
use crate::daily;
use crate::index::Index;
use crate::output::Target;
use crate::render::{self, Template};
use crate::views::TaskView;
use chrono::NaiveDate;
use serde::Serialize;
use std::io::Write;

/// The built-in daily note template.
pub(crate) const DAILY_MD: (&str, &str) = ("daily.md", include_str!("../../templates/daily.md"));

fn day(ctx: &Context, flag: Option<&str>) -> Result<NaiveDate, UsageError> {
    flag.map_or(Ok(ctx.today), |d| ctx.day("--date", d))
}

/// The day's prompt, given what the vault holds.
pub(crate) fn prompt(ctx: &Context, index: &Index, date: NaiveDate) -> String {
    let answers = crate::index::Answers::new(index);
    daily::prompt_for(date, &ctx.config.settings.prompts.library.0, |key| {
        answers.last_answered(key, Some(date))
    })
    .unwrap_or("What next?")
    .to_string()
}

pub(crate) fn run_prompt(ctx: &Context, args: &PromptArgs) -> anyhow::Result<()> {
    let date = day(ctx, args.date.as_deref())?;
    let index = ctx.index()?;
    let mut out = ctx.stdout();
    writeln!(out, "{}", prompt(ctx, &index, date))?;
    out.flush()?;
    ctx.report_warnings(&index);
    Ok(())
}

#[derive(Debug, Serialize)]
struct DailyContext {
    date: NaiveDate,
    title: String,
    prompt: String,
    tasks: Vec<TaskView>,
}

/// The text of a new daily note: the user's Obsidian template (filled, with the prompt and
/// the day's tasks added when it does not place them), else ours.
fn note_text(ctx: &Context, index: &Index, date: NaiveDate, title: &str) -> anyhow::Result<String> {
    let mut due: Vec<_> = index
        .tasks()
        .filter(|(_, t)| {
            t.status.is_open() && (t.dates.due == Some(date) || t.dates.scheduled == Some(date))
        })
        .map(|(r, _)| r)
        .collect();
    crate::index::sort_by_urgency(index, &mut due, date);
    let context = DailyContext {
        date,
        title: title.to_string(),
        prompt: prompt(ctx, index, date),
        tasks: due.iter().map(|&r| TaskView::new(index, r)).collect(),
    };
    let vault = &ctx.config.vault;
    let ours = render::local_template(vault, DAILY_MD.0);
    if ours.is_none()
        && let Some(t) = &ctx.config.daily.template
    {
        // Read only inside the vault, with no symbolic link on the way, and capped.
        let text = Template::from_setting(vault, t)
            .map_err(|e| {
                UsageError(format!(
                    "the daily-note template cannot be used ({e}); fix the `template` setting"
                ))
            })?
            .text;
        let now = chrono::Local::now().time();
        let mut note = daily::fill_template(&text, date, now, title);
        if !note.ends_with('\n') && !note.is_empty() {
            note.push('\n');
        }
        // The day's prompt, unless the template already asks it.
        let asked = crate::note::parse("new.md", &note, &ctx.config.parse)
            .prompts
            .iter()
            .any(|p| p.key == crate::note::prompts::normalize(&context.prompt));
        if !asked {
            note.push_str(&format!("\n## {}\n\n", context.prompt));
        }
        if !context.tasks.is_empty() {
            note.push_str("\n## Due or scheduled today\n");
            for t in &context.tasks {
                let link = crate::views::wikilink(
                    &t.source.path,
                    t.source.heading.as_deref(),
                    t.block_id.as_deref(),
                    None,
                );
                note.push_str(&format!("- {} — {link}\n", t.text));
            }
        }
        return Ok(note);
    }
    let template =
        Template::choose(None, None, vault, DAILY_MD).map_err(|e| UsageError(e.to_string()))?;
    Ok(
        render::render_guarded(&template, &context, render::Flavour::Markdown)
            .map_err(|e| UsageError(e.to_string()))?,
    )
}

pub(crate) fn run_new(ctx: &Context, args: &NewArgs) -> anyhow::Result<()> {
    let date = day(ctx, args.date.as_deref())?;
    let rel = ctx.config.daily.note_rel(date);
    let vault = &ctx.config.vault;
    let target = Target::Vault {
        vault,
        rel: rel.clone(),
    };
    let shown = |p: &std::path::Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    // Only a look: whether something is there already (nothing is read or written).
    let existing = vault.join(&rel);
    if crate::fsx::plain_parts(&rel).is_some() && std::fs::symlink_metadata(&existing).is_ok() {
        let mut out = ctx.stdout();
        writeln!(out, "{}", shown(&existing).display())?;
        if !ctx.quiet {
            eprintln!("journal: the note for {date} already exists; left as it is");
        }
        return Ok(());
    }
    let index = ctx.index()?;
    let title = std::path::Path::new(&rel)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = note_text(ctx, &index, date, &title)?;
    let (path, written) = crate::output::create_new(&target, &text).map_err(write_error)?;
    let mut out = ctx.stdout();
    writeln!(out, "{}", shown(&path).display())?;
    out.flush()?;
    if !written && !ctx.quiet {
        eprintln!("journal: the note for {date} appeared meanwhile; left as it is");
    }
    Ok(())
}

/// The config `journal init` writes: the default one, offering a PARA-style projects folder
/// as `plans_folder` when the vault has one (commented out: whether its notes are plans is
/// the user's call).
pub(crate) fn init_config(projects: Option<&str>) -> String {
    match projects {
        Some(folder) => DEFAULT_CONFIG.replace(
            "# plans_folder = \"Plans\"\n",
            &format!(
                "# This vault has a PARA-style `{folder}/` folder; uncomment to read its notes as plans.\n# plans_folder = \"{folder}\"\n"
            ),
        ),
        None => DEFAULT_CONFIG.to_string(),
    }
}

pub(crate) fn run_init(ctx: &Context) -> anyhow::Result<()> {
    let target = Target::Vault {
        vault: &ctx.config.vault,
        rel: CONFIG_FILE.to_string(),
    };
    let projects = super::plans::para_projects(&ctx.config.vault);
    let text = init_config(projects.as_deref());
    let (path, written) = crate::output::create_new(&target, &text).map_err(write_error)?;
    if written {
        if !ctx.quiet {
            eprintln!("journal: wrote {}", path.display());
            if let Some(folder) = &projects {
                eprintln!(
                    "journal: `{folder}/` looks like PARA's projects: to read its notes as plans, uncomment plans_folder = \"{folder}\" there"
                );
            }
        }
    } else {
        eprintln!("journal: {} already exists; left as it is", path.display());
    }
    Ok(())
}
