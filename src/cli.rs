//! The command line, declared with clap and nothing else: flags, commands, help text.
//! Completions and the man page are generated from this same definition.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "journal",
    version,
    about = "Plans, actions, checkpoints and reflections from your Markdown notes, and a weekly review",
    long_about = "journal reads a folder of Markdown notes (often an Obsidian vault) and finds your plans, \
the tasks that carry them out, the checkpoints along the way, the reflection prompts you answered \
and the decisions you made. It never changes your notes.",
    after_help = "Examples:\n  journal --vault ~/Notes tasks --overdue\n  journal plans\n  journal check"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// The vault (default: $JOURNAL_VAULT, else the nearest folder above with .journal.toml or .obsidian/, else here)
    #[arg(long, global = true, value_name = "DIR")]
    pub vault: Option<PathBuf>,
    /// Take this day as today (YYYY-MM-DD), for reproducible output
    #[arg(long, global = true, value_name = "DATE", env = "JOURNAL_TODAY")]
    pub today: Option<String>,
    /// When to use colour (NO_COLOR is honoured with auto)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Print nothing on stderr but errors
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Print every warning about the vault on stderr
    #[arg(short, long, global = true, conflicts_with = "quiet")]
    pub verbose: bool,
    /// Read every note again instead of using the cache
    #[arg(long, global = true)]
    pub no_cache: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Md,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReviewFormat {
    Md,
    Html,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The weekly review: what got done, how each plan stands, what was missed, your answers
    #[command(
        after_help = "Examples:\n  journal review\n  journal review --last --write\n  journal review --week 2026-W48 --format html -o review.html\n  journal review --date 2026-11-24 --format json"
    )]
    Review(ReviewArgs),
    /// List tasks: open ones by default, most urgent first
    #[command(
        after_help = "Examples:\n  journal tasks\n  journal tasks --overdue\n  journal tasks --tag help --format md\n  journal tasks --all --plan \"Publish a book\" --format json"
    )]
    Tasks(TasksArgs),
    /// Each plan with its health, progress, next action and next checkpoint
    #[command(after_help = "Examples:\n  journal plans\n  journal plans --all --format json")]
    Plans(PlansArgs),
    /// Missed and upcoming checkpoints
    #[command(after_help = "Examples:\n  journal checkpoints\n  journal checkpoints --all")]
    Checkpoints(CheckpointsArgs),
    /// Reflection prompts and how often they were answered
    #[command(
        after_help = "Examples:\n  journal prompts\n  journal prompts --unanswered\n  journal prompts --history \"Are you happy?\""
    )]
    Prompts(PromptsArgs),
    /// Every problem in the vault, as path:line:col: warning: message (exit 1 when any)
    #[command(after_help = "Examples:\n  journal check\n  journal check --vault ~/Notes")]
    Check,
    /// Create today's daily note (never overwriting one) and print its path
    #[command(
        after_help = "Examples:\n  journal new\n  $EDITOR \"$(journal new)\"\n  journal new --date 2026-11-30"
    )]
    New(NewArgs),
    /// Print the day's reflection prompt
    #[command(after_help = "Examples:\n  journal prompt\n  journal prompt --date 2026-11-30")]
    Prompt(PromptArgs),
    /// Write a commented .journal.toml with every setting (never overwriting one)
    #[command(after_help = "Examples:\n  journal init\n  journal --vault ~/Notes init")]
    Init,
    /// Print a shell completion script
    #[command(
        after_help = "Examples:\n  journal completions bash > ~/.local/share/bash-completion/completions/journal\n  journal completions zsh > ~/.zfunc/_journal\n  journal completions fish > ~/.config/fish/completions/journal.fish"
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
pub struct ReviewArgs {
    /// The ISO week to review, such as 2026-W48 (default: this week)
    #[arg(long, value_name = "WEEK", conflicts_with_all = ["last", "date"])]
    pub week: Option<String>,
    /// Review last week
    #[arg(long, conflicts_with = "date")]
    pub last: bool,
    /// Review the week that holds this day
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    #[arg(long, value_enum, default_value_t = ReviewFormat::Md)]
    pub format: ReviewFormat,
    /// Render with this Tera template instead of the built-in one
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,
    /// Write to this file instead of standard output
    #[arg(short, long, value_name = "FILE", conflicts_with = "write")]
    pub output: Option<PathBuf>,
    /// Write to <vault>/<review folder>/<week>.md (or .html, .json)
    #[arg(long)]
    pub write: bool,
    /// Replace an existing file even if it has no journal markers
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct TasksArgs {
    /// Every task, whatever its status
    #[arg(long)]
    pub all: bool,
    /// Only tasks with this status (todo, in_progress, done, cancelled, deferred, non_task); repeatable
    #[arg(long, value_name = "STATUS")]
    pub status: Vec<String>,
    /// Only done tasks
    #[arg(long)]
    pub done: bool,
    /// Only open tasks due before today
    #[arg(long)]
    pub overdue: bool,
    /// Only tasks due before this day
    #[arg(long, value_name = "DATE")]
    pub due_before: Option<String>,
    /// Only tasks due after this day
    #[arg(long, value_name = "DATE")]
    pub due_after: Option<String>,
    /// Only tasks with this tag (nested tags match too); repeatable
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<String>,
    /// Only tasks of this plan (its title or note name)
    #[arg(long, value_name = "PLAN")]
    pub plan: Option<String>,
    /// Only tasks in notes whose vault path matches this glob
    #[arg(long, value_name = "GLOB")]
    pub path: Option<String>,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct PlansArgs {
    /// Include plans that are done or dropped
    #[arg(long)]
    pub all: bool,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct CheckpointsArgs {
    /// Every checkpoint, reached and later ones included
    #[arg(long)]
    pub all: bool,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct PromptsArgs {
    /// Only prompts left without an answer
    #[arg(long, conflicts_with = "history")]
    pub unanswered: bool,
    /// Every dated answer to one question
    #[arg(long, value_name = "QUESTION")]
    pub history: Option<String>,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The day of the note (default: today)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

#[derive(Debug, Args)]
pub struct PromptArgs {
    /// The day (default: today)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Dump the whole index as JSON
    #[arg(long)]
    pub json: bool,
}
