//! The command line, declared with clap and nothing else: flags, commands, help text.
//! Completions and the man page are generated from this same definition.

use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::engine::{ArgValueCandidates, ArgValueCompleter};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "journal",
    version,
    about = "Plans, actions, checkpoints and reflections from your Markdown notes, and a weekly review",
    long_about = "journal reads a folder of Markdown notes (often an Obsidian vault) and finds your plans, \
the tasks that carry them out, the checkpoints along the way, the reflection prompts you answered \
and the decisions you made. It never changes your notes.",
    after_help = "Examples:\n  journal --vault ~/Notes tasks --overdue\n  journal plans\n  journal plan \"Publish a book\"\n  journal check\n\n\
Dates: YYYY-MM-DD, or today, tomorrow, yesterday, +3d, -1w, +2m, monday, last friday, eow, eom."
)]
pub struct Cli {
    #[command(flatten)]
    pub(crate) global: Global,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Args)]
pub(crate) struct Global {
    /// The vault (default: $JOURNAL_VAULT, else the nearest folder above with .obsidian/, .journal.toml or logseq/config.edn)
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        value_name = "DIR",
        value_hint = clap::ValueHint::DirPath
    )]
    pub(crate) vault: Option<PathBuf>,
    /// Take this day as today (YYYY-MM-DD, or yesterday, -1w, …), for reproducible output
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        value_name = "DATE",
        allow_hyphen_values = true,
        env = "JOURNAL_TODAY"
    )]
    pub(crate) today: Option<String>,
    /// When to use colour (NO_COLOR is honoured with auto)
    #[arg(long, global = true, help_heading = "Global options", value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub(crate) color: ColorChoice,
    /// Tables keep every cell whole and aligned, however wide (also when piped)
    #[arg(long, global = true, help_heading = "Global options")]
    pub(crate) wide: bool,
    /// Print nothing on stderr but errors
    #[arg(short, long, global = true, help_heading = "Global options")]
    pub(crate) quiet: bool,
    /// Print every warning about the vault on stderr
    #[arg(
        short,
        long,
        global = true,
        help_heading = "Global options",
        conflicts_with = "quiet"
    )]
    pub(crate) verbose: bool,
    /// Read every note again instead of using the cache
    #[arg(long, global = true, help_heading = "Global options")]
    pub(crate) no_cache: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ListFormat {
    /// An aligned table on a terminal; tab-separated when piped
    #[value(alias = "text")]
    Table,
    /// Markdown, with Obsidian links to where each item is written
    #[value(alias = "markdown")]
    Md,
    Json,
}

/// `journal prompts --format`: the list formats, and a page for `--history`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum PromptsFormat {
    /// An aligned table on a terminal; tab-separated when piped
    #[value(alias = "text")]
    Table,
    /// Markdown, with Obsidian links to where each item is written
    #[value(alias = "markdown")]
    Md,
    /// One self-contained page (with --history only)
    #[value(alias = "htm")]
    Html,
    Json,
}

impl PromptsFormat {
    /// The list format, for all but `html`.
    pub(crate) fn as_list(self) -> Option<ListFormat> {
        match self {
            PromptsFormat::Table => Some(ListFormat::Table),
            PromptsFormat::Md => Some(ListFormat::Md),
            PromptsFormat::Json => Some(ListFormat::Json),
            PromptsFormat::Html => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReviewFormat {
    #[value(alias = "markdown")]
    Md,
    #[value(alias = "htm")]
    Html,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CheckFormat {
    /// path:line:col: warning: message, as editors' quickfix lists read it
    #[value(alias = "text")]
    Lines,
    Json,
}

/// A task status on the command line; `open` is todo and in progress together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum StatusArg {
    Open,
    Todo,
    #[value(name = "in_progress", alias = "in-progress", alias = "doing")]
    InProgress,
    Done,
    #[value(alias = "canceled")]
    Cancelled,
    Deferred,
    #[value(name = "non_task", alias = "non-task")]
    NonTask,
}

/// A priority on the command line; `none` is a task without one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum PriorityArg {
    Highest,
    High,
    Medium,
    None,
    Low,
    Lowest,
}

/// The orders `journal tasks` can list in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub(crate) enum SortKey {
    /// Overdue, due today, scheduled today or before, due later, … (docs/COMMANDS.md)
    #[default]
    Urgency,
    Due,
    Scheduled,
    Start,
    Priority,
    /// The day it was done, the latest first
    Done,
    /// Where it is written: by note path, then line
    Path,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// The weekly (or monthly, quarterly, yearly) review: what got done, how each plan stands, what was missed, your answers
    #[command(
        after_help = "Examples:\n  journal review\n  journal review --last --write\n  journal review --week W48 -o review.html\n  journal review --date 2026-11-24 --format json\n  journal review --month last\n  journal review --quarter 2026-Q4 -o q4.html\n  journal review --year 2026"
    )]
    Review(ReviewArgs),
    /// List tasks: open ones by default, most urgent first
    #[command(
        visible_alias = "task",
        after_help = "Examples:\n  journal tasks\n  journal tasks --overdue\n  journal tasks --due-before eow --ready\n  journal tasks --path Daily --search dentist\n  journal tasks --done --sort done --limit 10\n  journal tasks --tag help --format md\n  journal tasks --all --plan \"Publish a book\" --format json"
    )]
    Tasks(TasksArgs),
    /// Each plan with its health and why, progress, next action and next checkpoint
    #[command(after_help = "Examples:\n  journal plans\n  journal plans --all --format json")]
    Plans(PlansArgs),
    /// One plan as its roadmap: steps and micro-steps, the next action, checkpoints, decision
    #[command(
        after_help = "Examples:\n  journal plan \"Publish a book\"\n  journal plan go back to school\n  journal plan school --format md"
    )]
    Plan(PlanArgs),
    /// Missed and upcoming checkpoints
    #[command(
        visible_alias = "checkpoint",
        after_help = "Examples:\n  journal checkpoints\n  journal checkpoints --all"
    )]
    Checkpoints(CheckpointsArgs),
    /// Reflection prompts and how often they were answered
    #[command(
        after_help = "Examples:\n  journal prompts\n  journal prompts --unanswered\n  journal prompts --history \"Are you happy?\"\n  journal prompts --history \"Are you happy?\" --format html > happy.html"
    )]
    Prompts(PromptsArgs),
    /// An iCalendar feed of checkpoints, due and scheduled tasks and revisit dates
    #[command(
        after_help = "Examples:\n  journal calendar -o ~/journal.ics\n  journal calendar --plan \"Publish a book\"\n  journal calendar --tag help"
    )]
    Calendar(CalendarArgs),
    /// Every problem in the vault, as path:line:col: warning: message (exit 1 when any)
    #[command(
        visible_alias = "lint",
        after_help = "Examples:\n  journal check\n  journal check --allow missing-link\n  journal check --format json\n\n\
Categories: bad-date, unknown-status, missing-dependency, missing-link, undated-checkpoint,\n\
ignored-metadata, front-matter, mood, unreadable, settings, other.\n\
Silence one for good with `[check] allow = [\"missing-link\"]` in .journal.toml."
    )]
    Check(CheckArgs),
    /// Create today's daily note (never overwriting one) and print its path
    #[command(
        after_help = "Examples:\n  journal new\n  $EDITOR \"$(journal new)\"\n  journal new --date tomorrow"
    )]
    New(NewArgs),
    /// Print the day's reflection prompt
    #[command(after_help = "Examples:\n  journal prompt\n  journal prompt --date monday")]
    Prompt(PromptArgs),
    /// Write a commented .journal.toml with every setting (never overwriting one)
    #[command(after_help = "Examples:\n  journal init\n  journal --vault ~/Notes init")]
    Init,
    /// Print the shell code that completes journal's commands, flags, plan names and tags
    #[command(
        after_help = "Examples:\n  echo 'source <(journal completions bash)' >> ~/.bashrc\n  echo 'source <(journal completions zsh)' >> ~/.zshrc\n  journal completions fish > ~/.config/fish/completions/journal.fish"
    )]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff)
    #[command(after_help = "Examples:\n  journal man > ~/.local/share/man/man1/journal.1")]
    Man,
    /// Build or refresh the index and print its counts
    #[command(after_help = "Examples:\n  journal index\n  journal index --json > index.json")]
    Index(IndexArgs),
}

#[derive(Debug, Args)]
pub(crate) struct ReviewArgs {
    /// The week: this, last, next, W48, 2026-W48, or a day in it (default: this week)
    #[arg(long, value_name = "WEEK", allow_hyphen_values = true, conflicts_with_all = ["last", "date"], add = ArgValueCandidates::new(crate::complete::weeks))]
    pub(crate) week: Option<String>,
    /// Review last week
    #[arg(long, conflicts_with = "date")]
    pub(crate) last: bool,
    /// Review the week that holds this day
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub(crate) date: Option<String>,
    /// Review a month: 2026-11, or this, last, next
    #[arg(long, value_name = "MONTH", conflicts_with_all = ["week", "last", "date", "quarter", "year"])]
    pub(crate) month: Option<String>,
    /// Review a quarter: 2026-Q4, or this, last, next
    #[arg(long, value_name = "QUARTER", conflicts_with_all = ["week", "last", "date", "year"])]
    pub(crate) quarter: Option<String>,
    /// Review a year: 2026, or this, last, next
    #[arg(long, value_name = "YEAR", conflicts_with_all = ["week", "last", "date"])]
    pub(crate) year: Option<String>,
    /// Markdown (Obsidian-flavoured), one self-contained HTML page, or the review model as JSON
    /// (default: from the extension of -o, else md)
    #[arg(long, value_enum)]
    pub(crate) format: Option<ReviewFormat>,
    /// Render with this Tera template instead of the built-in one
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub(crate) template: Option<PathBuf>,
    /// Write to this file instead of standard output (.html and .json choose the format)
    #[arg(short, long, value_name = "FILE", conflicts_with = "write", value_hint = clap::ValueHint::FilePath)]
    pub(crate) output: Option<PathBuf>,
    /// Write to <vault>/<review folder>/<week>.md (or .html, .json); a month, quarter or year
    /// goes to the vault's monthly, quarterly or yearly note when Periodic Notes names one
    #[arg(long)]
    pub(crate) write: bool,
    /// Replace an existing file even if it has no journal markers
    #[arg(long)]
    pub(crate) force: bool,
}

#[derive(Debug, Args)]
pub(crate) struct TasksArgs {
    /// Every task, whatever its status
    #[arg(long, conflicts_with_all = ["status", "done"])]
    pub(crate) all: bool,
    /// Only tasks with this status; repeatable
    #[arg(long, value_enum, value_name = "STATUS")]
    pub(crate) status: Vec<StatusArg>,
    /// Only done tasks (with a DONE column)
    #[arg(long)]
    pub(crate) done: bool,
    /// Only open tasks due before today
    #[arg(long)]
    pub(crate) overdue: bool,
    /// Only tasks due before this day (YYYY-MM-DD, tomorrow, eow, +3d, …)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub(crate) due_before: Option<String>,
    /// Only tasks due after this day
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub(crate) due_after: Option<String>,
    /// Only open tasks waiting on another (⛔ on a task not done yet)
    #[arg(long, conflicts_with = "ready")]
    pub(crate) blocked: bool,
    /// Only open tasks that can be done today: not blocked, started, not scheduled later
    #[arg(long)]
    pub(crate) ready: bool,
    /// Only tasks with this tag (nested tags match too); repeatable
    #[arg(long, value_name = "TAG", add = ArgValueCompleter::new(crate::complete::tags))]
    pub(crate) tag: Vec<String>,
    /// Only tasks of this plan (its title or note name)
    #[arg(long, value_name = "PLAN", add = ArgValueCompleter::new(crate::complete::plans))]
    pub(crate) plan: Option<String>,
    /// Only tasks in this folder or note, or whose path matches this glob (any case)
    #[arg(long, value_name = "PATH")]
    pub(crate) path: Option<String>,
    /// Only tasks with this priority; repeatable
    #[arg(long, value_enum, value_name = "PRIORITY")]
    pub(crate) priority: Vec<PriorityArg>,
    /// Only tasks whose text holds this (any case)
    #[arg(long, short = 's', value_name = "TEXT")]
    pub(crate) search: Option<String>,
    /// The order to list them in
    #[arg(long, value_enum, default_value_t = SortKey::Urgency, value_name = "KEY")]
    pub(crate) sort: SortKey,
    /// At most this many
    #[arg(long, short = 'n', value_name = "N")]
    pub(crate) limit: Option<usize>,
    /// A table, Markdown, or JSON
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub(crate) format: ListFormat,
}

#[derive(Debug, Args)]
pub(crate) struct PlansArgs {
    /// Include plans that are done or dropped
    #[arg(long)]
    pub(crate) all: bool,
    /// A table, Markdown, or JSON
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub(crate) format: ListFormat,
}

#[derive(Debug, Args)]
pub(crate) struct PlanArgs {
    /// The plan: its title or note name, or a part of it that only one plan has
    #[arg(required = true, num_args = 1.., value_name = "NAME", add = ArgValueCompleter::new(crate::complete::plans))]
    pub(crate) name: Vec<String>,
    /// A tree for the terminal, Markdown, or JSON
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub(crate) format: ListFormat,
}

#[derive(Debug, Args)]
pub(crate) struct CheckpointsArgs {
    /// Every checkpoint, reached and later ones included
    #[arg(long)]
    pub(crate) all: bool,
    /// A table, Markdown, or JSON
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub(crate) format: ListFormat,
}

#[derive(Debug, Args)]
pub(crate) struct PromptsArgs {
    /// Only prompts left without an answer
    #[arg(long, conflicts_with = "history")]
    pub(crate) unanswered: bool,
    /// Every dated answer to one question
    #[arg(long, value_name = "QUESTION", add = ArgValueCompleter::new(crate::complete::questions))]
    pub(crate) history: Option<String>,
    /// A table, Markdown, or JSON; with --history also html (one page)
    #[arg(long, value_enum, default_value_t = PromptsFormat::Table)]
    pub(crate) format: PromptsFormat,
}

#[derive(Debug, Args)]
pub(crate) struct CalendarArgs {
    /// Write to this file instead of standard output
    #[arg(short, long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub(crate) output: Option<PathBuf>,
    /// Only the items of this plan (its title or note name)
    #[arg(long, value_name = "PLAN", add = ArgValueCompleter::new(crate::complete::plans))]
    pub(crate) plan: Option<String>,
    /// Only tasks with this tag (nested tags match too)
    #[arg(long, value_name = "TAG", add = ArgValueCompleter::new(crate::complete::tags))]
    pub(crate) tag: Option<String>,
    /// Replace an existing file that journal did not write
    #[arg(long)]
    pub(crate) force: bool,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Leave out the warnings of this category; repeatable (see the list below)
    #[arg(long, value_name = "CATEGORY", add = ArgValueCandidates::new(crate::complete::categories))]
    pub(crate) allow: Vec<String>,
    /// One line per problem, or JSON
    #[arg(long, value_enum, default_value_t = CheckFormat::Lines)]
    pub(crate) format: CheckFormat,
}

#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    /// The day of the note (default: today; tomorrow, monday, … work too)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub(crate) date: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct PromptArgs {
    /// The day (default: today)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub(crate) date: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct IndexArgs {
    /// Dump the whole index as JSON
    #[arg(long)]
    pub(crate) json: bool,
}

/// The man page: the command, every subcommand with its options, the environment, the files
/// and the exit status, generated from the definitions above.
pub(crate) fn man_page() -> std::io::Result<Vec<u8>> {
    use clap::CommandFactory;
    let cmd = Cli::command();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("journal {}", sub.get_name());
        out.extend_from_slice(format!(".SH \"{}\"\n", name.to_uppercase()).as_bytes());
        let sub_man = clap_mangen::Man::new(sub.clone().bin_name(name));
        let mut part = Vec::new();
        sub_man.render_synopsis_section(&mut part)?;
        sub_man.render_description_section(&mut part)?;
        sub_man.render_options_section(&mut part)?;
        let part = String::from_utf8_lossy(&part)
            .replace(".SH SYNOPSIS", ".SS Synopsis")
            .replace(".SH DESCRIPTION", ".SS Description")
            .replace(".SH OPTIONS", ".SS Options")
            .replace(".SH \"GLOBAL OPTIONS\"", ".SS \"Global options\"")
            .replace(".SH GLOBAL OPTIONS", ".SS \"Global options\"");
        out.extend_from_slice(part.as_bytes());
    }
    out.extend_from_slice(
        br#".SH ENVIRONMENT
.TP
\fBJOURNAL_VAULT\fR
The vault, when \fB\-\-vault\fR is not given.
.TP
\fBJOURNAL_TODAY\fR
The day to take as today (YYYY\-MM\-DD), as \fB\-\-today\fR.
.TP
\fBNO_COLOR\fR
Turns colour off when \fB\-\-color\fR is auto.
.TP
\fBXDG_CACHE_HOME\fR
Where the cache of parsed notes is kept (\fI$XDG_CACHE_HOME/journal\fR, else \fI~/.cache/journal\fR; \fI~/Library/Caches/journal\fR on macOS).
.TP
\fBJOURNAL_TIMINGS\fR
When set, prints how long each stage took on standard error.
.TP
\fBCOLUMNS\fR
The width tables fit; without it, the terminal's, and piped tables are tab\-separated.
.TP
\fBJOURNAL_COMPLETE\fR
Set by the shell code of \fBjournal completions\fR to ask for completions.
.SH FILES
.TP
\fI<vault>/.journal.toml\fR
Settings; \fBjournal init\fR writes a commented one.
.TP
\fI<vault>/.journal/templates/\fR
Templates that replace the built\-in weekly.md, weekly.html, monthly.md, monthly.html, quarterly.md, quarterly.html, yearly.md, yearly.html and daily.md.
.SH "EXIT STATUS"
.TP
0
Success.
.TP
1
Failure, or \fBjournal check\fR found problems.
.TP
2
A mistake in how journal was called: a bad flag or value, a missing vault, an invalid config or template.
.SH "SEE ALSO"
The documentation in the project's docs/ folder: COMMANDS.md, FORMAT.md, REVIEW.md, CONFIG.md, DAILY.md, PERFORMANCE.md, SAFETY.md.
"#,
    );
    Ok(out)
}

/// Reports a command-line mistake as one line and exit status 2 (help and version go to
/// standard output with status 0, as clap prints them).
pub fn report_usage_error(e: &clap::Error) -> std::process::ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            return std::process::ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return std::process::ExitCode::from(2);
        }
        _ => {}
    }
    eprintln!("journal: {}", usage_line(&e.render().to_string()));
    std::process::ExitCode::from(2)
}

/// clap's message, its tip and its usage line in one line: "unexpected argument '--x' found
/// (a similar argument exists: '--y'); see `journal tasks --help`".
pub(crate) fn usage_line(rendered: &str) -> String {
    let mut what = String::new();
    let mut tips = Vec::new();
    let mut command = String::from("journal");
    for line in rendered.lines() {
        let t = line.trim();
        if let Some(m) = t.strip_prefix("error:") {
            what = m.trim().to_string();
        } else if let Some(tip) = t.strip_prefix("tip:") {
            tips.push(tip.trim().to_string());
        } else if t.starts_with("[possible values:") {
            tips.push(t.trim_matches(['[', ']']).to_string());
        } else if let Some(usage) = t.strip_prefix("Usage:") {
            command = usage
                .split_whitespace()
                .take_while(|w| !w.starts_with('[') && !w.starts_with('<') && !w.starts_with('-'))
                .collect::<Vec<_>>()
                .join(" ");
        }
    }
    let tips = if tips.is_empty() {
        String::new()
    } else {
        format!(" ({})", tips.join("; "))
    };
    format!("{what}{tips}; see `{command} --help`")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }

    #[test]
    fn check_help_lists_every_category() {
        use clap::CommandFactory;
        let mut cmd = Cli::command();
        let help = cmd
            .find_subcommand_mut("check")
            .expect("check")
            .render_long_help()
            .to_string();
        for c in crate::diagnostic::Category::ALL {
            assert!(help.contains(c.as_str()), "{c} in: {help}");
        }
    }

    #[test]
    fn clap_errors_become_one_line() {
        let rendered = "error: unexpected argument '--formt' found\n\n  tip: a similar argument exists: '--format'\n\nUsage: journal tasks --format <FORMAT>\n\nFor more information, try '--help'.\n";
        assert_eq!(
            usage_line(rendered),
            "unexpected argument '--formt' found (a similar argument exists: '--format'); see `journal tasks --help`"
        );
        let rendered = "error: invalid value 'xml' for '--format <FORMAT>'\n  [possible values: table, md, json]\n\nFor more information, try '--help'.\n";
        assert_eq!(
            usage_line(rendered),
            "invalid value 'xml' for '--format <FORMAT>' (possible values: table, md, json); see `journal --help`"
        );
    }
}
