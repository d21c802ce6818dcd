//! The built-in weekly Markdown review (`templates/weekly.md`) written by Rust code, byte for
//! byte what Tera renders from that template. Tera first copies the whole review into its own
//! values, which at 100,000 notes costs more time and memory than the rest of the run after
//! loading; this writer reads the review where it is. The template stays the reference: it is
//! what `--template` and `[review] template` replace, what HTML and the other periods still
//! use, and a test renders both and compares them on many vaults.

use super::{escape_markdown, plain_text};
use crate::review::{BucketStats, Review};
use crate::views::{Source, TaskView, wikilink};
use chrono::NaiveDate;
use std::fmt::Write as _;

/// The review, as `templates/weekly.md` renders it (before [`super::no_markers`]).
pub(crate) fn render(r: &Review) -> String {
    let mut w = Writer {
        out: String::with_capacity(64 * 1024),
        limit: usize::try_from(r.list_limit).unwrap_or(usize::MAX),
    };
    w.head(r);
    w.done(r);
    w.plans(r);
    w.checkpoints(r);
    w.missed(r);
    w.reflections(r);
    w.year_ago(r);
    w.decisions(r);
    w.help(r);
    w.next(r);
    w.out
}

struct Writer {
    out: String,
    limit: usize,
}

/// A date as the template's `date` filter writes it; nothing for none.
fn date(d: Option<NaiveDate>, format: &str) -> String {
    d.map(|d| d.format(format).to_string()).unwrap_or_default()
}

/// A date as `{{ date }}` writes it (ISO); nothing for none.
fn iso(d: Option<NaiveDate>) -> String {
    date(d, "%Y-%m-%d")
}

/// `pluralize`: the singular for 1 and -1.
fn plural<'a>(n: i64, singular: &'a str, plural: &'a str) -> &'a str {
    if n == 1 || n == -1 { singular } else { plural }
}

impl Writer {
    /// Text as it is.
    fn s(&mut self, text: &str) -> &mut Self {
        self.out.push_str(text);
        self
    }

    /// A value, escaped for Markdown as the template's autoescape does.
    fn v(&mut self, value: &str) -> &mut Self {
        let mut bytes = Vec::new();
        // Writing into a Vec cannot fail, and escaping keeps UTF-8.
        let _ = escape_markdown(value, &mut bytes);
        self.out.push_str(&String::from_utf8_lossy(&bytes));
        self
    }

    fn n(&mut self, n: impl std::fmt::Display) -> &mut Self {
        let _ = write!(self.out, "{n}");
        self
    }

    /// A float as Tera prints it (`4.0`, `3.5`).
    fn f(&mut self, x: f64) -> &mut Self {
        let _ = write!(self.out, "{x:?}");
        self
    }

    /// `{{ x | wikilink }}` of something written at `source`.
    fn link(&mut self, source: &Source, block_id: Option<&str>, text: Option<&str>) -> &mut Self {
        let link = wikilink(&source.path, source.heading.as_deref(), block_id, text);
        self.v(&link)
    }

    fn task_link(&mut self, t: &TaskView) -> &mut Self {
        self.link(&t.source, t.block_id.as_deref(), None)
    }

    /// `> {{ answer | blockquote | safe }}`.
    fn quote(&mut self, answer: &str) -> &mut Self {
        for (i, line) in crate::note::blocks::Lines::new(answer).enumerate() {
            if i > 0 {
                self.out.push_str("\n> ");
            }
            self.v(line);
        }
        self
    }

    /// `- … and N more` when a list is longer than the limit.
    fn more(&mut self, len: usize) {
        if len > self.limit {
            let more = len - self.limit;
            self.s("- … and ").n(more).s(" more\n");
        }
    }

    fn plan(&mut self, plan: Option<&String>) -> &mut Self {
        if let Some(p) = plan {
            self.s(" · ").v(p);
        }
        self
    }

    fn head(&mut self, r: &Review) {
        let st = &r.stats;
        let sparkline = |f: &dyn Fn(&BucketStats) -> Option<f64>| {
            crate::glyphs::sparkline(&r.buckets.iter().map(f).collect::<Vec<_>>())
        };
        self.s("# Weekly review · ").v(&r.period.name).s("\n\n*");
        self.s(&date(Some(r.period.start), "%A %-d %B")).s(" – ");
        self.s(&date(Some(r.period.end), "%A %-d %B %Y"));
        self.s(", as of ")
            .s(&date(Some(r.as_of), "%A %-d %B"))
            .s("*\n\n");
        self.s("> [!summary] At a glance\n> - **")
            .n(st.tasks_done)
            .s("** done · **");
        self.n(st.tasks_created)
            .s("** written down · **")
            .n(st.tasks_open);
        self.s("** open, **")
            .n(st.tasks_overdue)
            .s("** overdue\n> - **");
        self.n(st.notes_written).s("** entr");
        self.s(plural(st.notes_written.into(), "y", "ies"))
            .s(" · **");
        self.n(st.words_written).s("** word");
        self.s(plural(st.words_written.into(), "", "s")).s(" `");
        self.v(&sparkline(&|b| Some(f64::from(b.words))))
            .s("`\n> - Mood ");
        match st.mood_mean {
            None => {
                self.s("not recorded");
            }
            Some(mean) => {
                self.s("**").f(mean).s("**");
                if let Some(change) = st.mood_change {
                    self.s(" (")
                        .v(&super::signed_text(change))
                        .s(" on last week)");
                }
                self.s(" `").v(&sparkline(&|b| b.mood)).s("`");
            }
        }
        self.s("\n> - Checkpoints: **")
            .n(st.checkpoints_reached)
            .s("** reached, **");
        self.n(st.checkpoints_missed)
            .s("** missed · prompts answered: **");
        self.n(st.prompts_answered).s("**\n\n");
        self.s(
            "| Day | Entries | Words | Done | Mood |\n|:----|--------:|------:|-----:|-----:|\n",
        );
        for d in &r.buckets {
            self.s("| ")
                .s(&date(Some(d.start), "%a %-d"))
                .s(" | ")
                .n(d.notes);
            self.s(" | ").n(d.words).s(" | ").n(d.tasks_done).s(" | ");
            match d.mood {
                Some(m) => self.f(m),
                None => self.s("–"),
            };
            self.s(" |\n");
        }
        self.s("\n## Done this week\n");
    }

    fn done(&mut self, r: &Review) {
        if r.done_groups.is_empty() {
            self.s("\nNothing marked done this week.\n");
        } else {
            let mut group = "";
            for (i, g) in r.done_groups.iter().take(self.limit).enumerate() {
                let t = &g.task;
                let name = t.plan.as_deref().unwrap_or("");
                if name != group || i == 0 {
                    self.s("\n### ");
                    if name.is_empty() {
                        self.s("Not part of a plan");
                    } else {
                        self.v(name);
                    }
                    self.s("\n");
                    group = name;
                }
                self.s("- ✅ ").v(&t.text);
                if g.count > 1 {
                    self.s(" ×").n(g.count).s(" · ").v(&g.days.join(", "));
                } else if t.done.is_some() {
                    self.s(" · ").s(&iso(t.done));
                }
                self.s(" — ").task_link(t).s("\n");
            }
            self.more(r.done_groups.len());
        }
        self.s("\n## Plans\n");
    }

    fn plans(&mut self, r: &Review) {
        if r.plans.is_empty() {
            self.s("\nNo plans yet. A plan is a note with `type: plan` in its front matter or a `#plan` tag.\n");
        }
        for p in &r.plans {
            let health = p.health.as_str();
            let paused = health == "paused";
            self.s("\n### ")
                .v(&p.title)
                .s(" · ")
                .v(&health.replace('-', " "));
            self.s("\n`")
                .v(&crate::glyphs::bar(p.progress.percent, 10))
                .s("` ");
            self.n(p.progress.percent)
                .s("% (")
                .n(p.progress.done)
                .s("/");
            self.n(p.progress.total).s(")");
            if p.target.is_some() {
                self.s(" · target ").s(&iso(p.target));
                if let Some(days) = p.days_left {
                    self.s(" (")
                        .n(days)
                        .s(" day")
                        .s(plural(days, "", "s"))
                        .s(")");
                }
            }
            self.s(" · ").link(&p.source, None, Some("open")).s("\n");
            if paused {
                self.s("- Paused on purpose");
                if let Some(d) = &p.decision {
                    self.s(": ").v(d);
                }
                if p.revisit.is_some() {
                    self.s(" (revisit ").s(&iso(p.revisit)).s(")");
                }
                self.s("\n");
            }
            if !p.done_this_week.is_empty() {
                let texts: Vec<&str> = p.done_this_week.iter().map(|t| t.text.as_str()).collect();
                self.s("- Done this week: ").v(&texts.join("; ")).s("\n");
            }
            if let Some(t) = &p.next_action {
                self.s("- Next action: ")
                    .v(&t.text)
                    .s(" — ")
                    .task_link(t)
                    .s("\n");
            } else if !paused {
                self.s("- No next action: what is the next small step?\n");
            }
            if let Some(c) = &p.next_checkpoint {
                self.s("- Next checkpoint: ").s(&iso(c.date)).s(" ");
                self.v(&plain_text(&c.text, false))
                    .s(" (")
                    .s(c.status.as_str())
                    .s(")\n");
            }
        }
        self.s("\n## Checkpoints\n");
    }

    fn checkpoints(&mut self, r: &Review) {
        let c = &r.checkpoints;
        if c.reached.is_empty() && c.missed.is_empty() && c.upcoming.is_empty() {
            self.s("\nNo checkpoints reached, missed or coming up.\n");
        }
        if !c.reached.is_empty() {
            self.s("\n**Reached**\n");
            for c in &c.reached {
                self.s("- 🏁 ").v(&plain_text(&c.text, false)).s(" · ");
                self.s(&iso(c.reached_on)).plan(c.plan.as_ref());
                if let Some(f) = &c.feeling {
                    self.s(" · felt: *").v(f).s("*");
                }
                self.s(" — ").link(&c.source, None, None).s("\n");
            }
        }
        if !c.missed.is_empty() {
            self.s("\n**Missed**\n");
            for c in &c.missed {
                self.s("- ⚠️ ")
                    .v(&plain_text(&c.text, false))
                    .s(" · was due ");
                self.s(&iso(c.date)).plan(c.plan.as_ref());
                self.s(" — ").link(&c.source, None, None).s("\n");
            }
        }
        if !c.upcoming.is_empty() {
            self.s("\n**Coming up**\n");
            for c in &c.upcoming {
                self.s("- ")
                    .s(&iso(c.date))
                    .s(" ")
                    .v(&plain_text(&c.text, false));
                self.plan(c.plan.as_ref());
                self.s(" — ").link(&c.source, None, None).s("\n");
            }
        }
        self.s("\n## Missed and coming up\n");
    }

    /// One list of tasks of "Missed and coming up", `due` saying whether the due date shows.
    fn tasks(&mut self, title: &str, tasks: &[TaskView], due: bool) {
        if tasks.is_empty() {
            return;
        }
        self.s("\n**").s(title).s("**\n");
        for t in tasks.iter().take(self.limit) {
            self.s("- ").v(&t.text);
            if due {
                self.s(" · due ").s(&iso(t.due));
            }
            self.plan(t.plan.as_ref()).s(" — ").task_link(t).s("\n");
        }
        self.more(tasks.len());
    }

    fn missed(&mut self, r: &Review) {
        self.tasks("Overdue", &r.overdue, true);
        self.tasks("Due next week", &r.due_soon, true);
        self.tasks("In progress", &r.in_progress, false);
        self.tasks("Deferred", &r.deferred, false);
        if r.overdue.is_empty()
            && r.due_soon.is_empty()
            && r.in_progress.is_empty()
            && r.deferred.is_empty()
        {
            self.s("\nNothing overdue, due soon, in progress or deferred.\n");
        }
        self.s("\n## Reflections\n");
    }

    fn reflections(&mut self, r: &Review) {
        let questions = &r.reflections.questions;
        let mut answered = 0;
        for q in questions.iter().filter(|q| !q.answers.is_empty()) {
            answered += 1;
            self.s("\n### ").v(&q.prompt).s("\n");
            for (i, a) in q.answers.iter().enumerate() {
                if i > 0 {
                    self.s("\n");
                }
                self.s("*").s(&date(a.date, "%A %-d %B")).s("* — ");
                self.link(&a.source, None, None)
                    .s("\n\n> ")
                    .quote(&a.answer)
                    .s("\n");
            }
            if let Some(b) = &q.before {
                self.s("\nBefore this week, on ").s(&date(b.date, "%-d %B"));
                self.s(":\n\n> ").quote(&b.answer).s("\n");
            }
        }
        if answered == 0 {
            self.s("\nNo answered prompts this week.\n");
        }
        let open: Vec<_> = questions.iter().filter(|q| q.answers.is_empty()).collect();
        if !open.is_empty() {
            self.s("\n**Left open**\n");
            for q in open.iter().take(self.limit) {
                let dates: Vec<String> = q.open.iter().map(|o| iso(o.date)).collect();
                self.s("- ")
                    .v(&q.prompt)
                    .s(" · ")
                    .v(&dates.join(", "))
                    .s(" — ");
                match q.open.first() {
                    Some(o) => self.link(&o.source, None, None),
                    None => self.v(&wikilink("", None, None, None)),
                };
                self.s("\n");
            }
            self.more(open.len());
        }
    }

    fn year_ago(&mut self, r: &Review) {
        if let Some(y) = &r.year_ago {
            self.s("\n\n## A year ago this week\n\n*");
            self.s(&date(Some(y.period.start), "%A %-d %B %Y")).s(" – ");
            self.s(&date(Some(y.period.end), "%A %-d %B")).s("*");
            if let Some(m) = y.mood {
                self.s(" · mood ").f(m);
            }
            self.s("\n");
            for n in y.notes.iter().take(self.limit) {
                self.s("- ").link(&n.source, None, Some(&n.title)).s(" · ");
                self.s(&date(Some(n.date), "%a %-d %b")).s(" · ").n(n.words);
                self.s(" word").s(plural(n.words.into(), "", "s")).s("\n");
            }
            for a in y.answers.iter().take(self.limit) {
                self.s("\n**")
                    .v(&a.prompt)
                    .s("** — ")
                    .link(&a.source, None, None);
                self.s("\n\n> ").quote(&a.answer).s("\n");
            }
        }
        self.s("\n## Decisions\n");
    }

    fn decisions(&mut self, r: &Review) {
        if r.decisions.is_empty() {
            self.s("\nNo decisions made or due for a second look.\n");
        }
        for d in &r.decisions {
            self.s("- **").v(&d.text).s("**");
            if d.made_on.is_some() {
                self.s(" · decided ").s(&iso(d.made_on));
            }
            if let Some(revisit) = d.revisit {
                if revisit <= r.as_of {
                    self.s(" · **revisit now** (since ")
                        .s(&iso(Some(revisit)))
                        .s(")");
                } else {
                    self.s(" · revisit ").s(&iso(Some(revisit)));
                }
            }
            self.plan(d.plan.as_ref())
                .s(" — ")
                .link(&d.source, None, None)
                .s("\n");
        }
        self.s("\n## Where I need help\n");
    }

    fn help(&mut self, r: &Review) {
        if r.help.is_empty() {
            self.s("\nNothing is waiting on someone else.\n");
        }
        for t in r.help.iter().take(self.limit) {
            self.s("- ").v(&t.text);
            if t.due.is_some() {
                self.s(" · due ").s(&iso(t.due));
            }
            self.plan(t.plan.as_ref()).s(" — ").task_link(t).s("\n");
        }
        self.more(r.help.len());
        self.s("\n## To reflect on next week\n");
    }

    fn next(&mut self, r: &Review) {
        for q in &r.next_prompts {
            self.s("- ").v(&q.prompt);
            match q.last_answered {
                Some(d) => self.s(" (last answered ").s(&iso(Some(d))).s(")"),
                None => self.s(" (not answered yet)"),
            };
            self.s("\n");
        }
    }
}
