//! `journal calendar`: an iCalendar feed (RFC 5545) of what the notes put on a day:
//! checkpoints, open tasks that are due or scheduled, and the days to look at a decision or
//! a paused plan again. Every event is an all-day event (`DTSTART;VALUE=DATE`, a day long).
//!
//! A subscribed calendar updates cleanly because every event keeps its UID from one run to
//! the next: it is derived from where the item is written — its block id (`^id`) when it has
//! one, else its note and its text (the n-th item of that text in that note, counting those
//! left out of the feed too) — and what the event is (due, scheduled, checkpoint, revisit). Moving a task within its note or changing
//! its date keeps its UID; rewording it makes a new event (and the old one goes).
//!
//! What is left out follows the review: the open steps and checkpoints of a paused, done or
//! dropped plan (they wait on purpose, or are no one's to do); done and cancelled tasks.
//! Reached checkpoints stay, on the day they were planned for.

use super::Context;
use crate::UsageError;
use crate::cli::CalendarArgs;
use crate::hash::fnv;
use crate::index::{self, CheckpointSource, CheckpointStatus, Index, PlanId};
use crate::model::Task;
use crate::output;
use chrono::{NaiveDate, TimeZone, Utc};
use icalendar::{Calendar, Component, EventLike, Property};
use std::collections::HashMap;

/// How journal knows a calendar file it wrote before: it may replace it whole.
const SIGNATURE: &str = "PRODID:-//journal//journal//EN";

/// One all-day event, before it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Event {
    pub(crate) uid: String,
    pub(crate) date: NaiveDate,
    pub(crate) summary: String,
    pub(crate) description: String,
    pub(crate) categories: Vec<String>,
}

/// What the feed is filtered to.
#[derive(Debug, Clone, Default)]
pub(crate) struct Filter {
    pub(crate) plan: Option<PlanId>,
    /// Only tasks with this tag (and nothing that cannot carry tags).
    pub(crate) tag: Option<String>,
}

impl Filter {
    fn plan(&self, plan: Option<PlanId>) -> bool {
        self.plan.is_none_or(|p| plan == Some(p))
    }

    fn task(&self, t: &Task) -> bool {
        self.tag.as_deref().is_none_or(|tag| t.has_tag(tag))
    }

    /// Items without tags (checkpoint lines, decisions) pass only when no tag is asked for.
    fn untagged(&self) -> bool {
        self.tag.is_none()
    }
}

fn uid(kind: &str, key: &str) -> String {
    format!("{kind}-{:016x}@journal", fnv(key.as_bytes()))
}

/// Where an item is written, for its UID: its block id, else its note, what it is, and its
/// text with the number of earlier items of the same text in that note.
struct Keys {
    seen: HashMap<String, u32>,
}

impl Keys {
    fn key(&mut self, path: &str, what: &str, text: &str, block: Option<&str>) -> String {
        if let Some(b) = block {
            return format!("{path}#^{b}");
        }
        let base = format!("{path}|{what}|{}", crate::note::inline::fold_words(text));
        let n = self.seen.entry(base.clone()).or_insert(0);
        *n += 1;
        format!("{base}|{n}")
    }
}

fn description(plan: Option<&str>, path: &str, line: u32) -> String {
    match plan {
        Some(p) => format!("{p}\n{path}:{line}"),
        None => format!("{path}:{line}"),
    }
}

/// The events of the vault, by day then UID.
pub(crate) fn events(index: &Index, filter: &Filter) -> Vec<Event> {
    let mut out = Vec::new();
    let mut keys = Keys {
        seen: HashMap::new(),
    };
    let plain = |s: &str| crate::render::plain_text(s, true);
    let checkpoint_tasks: std::collections::HashSet<index::TaskRef> = index
        .checkpoints()
        .filter_map(|(_, c)| match c.source {
            CheckpointSource::Task(r) => Some(r),
            CheckpointSource::Line { .. } => None,
        })
        .collect();
    for (r, t) in index.tasks() {
        let plan = index.plan_of_task(r);
        let path = &index.note(r.note()).path;
        // Keyed before anything is left out, so a task's UID does not change when an
        // earlier one of the same text is ticked, or with a filter.
        let key = keys.key(path, "task", &t.text, t.block_id());
        if checkpoint_tasks.contains(&r)
            || !t.status.is_open()
            || !index.in_play(plan)
            || !filter.plan(plan)
            || !filter.task(t)
        {
            continue;
        }
        let title = index.plan_title(plan);
        for (kind, label, date) in [
            ("due", "Due", t.dates.due),
            ("scheduled", "Scheduled", t.dates.scheduled),
        ] {
            if let Some(date) = date {
                out.push(Event {
                    uid: uid(kind, &key),
                    date,
                    summary: format!("{label}: {}", plain(&t.text)),
                    description: description(title.as_deref(), path, t.place.line),
                    categories: t.tags.clone(),
                });
            }
        }
    }
    for (_, c) in index.checkpoints() {
        let (path, line, block, tagged) = match c.source {
            CheckpointSource::Task(r) => {
                let t = index.task(r);
                (
                    &index.note(r.note()).path,
                    t.place.line,
                    t.block_id(),
                    Some(t),
                )
            }
            CheckpointSource::Line { note, index: i } => {
                let n = index.note(note);
                (&n.path, n.checkpoints[i as usize].place.line, None, None)
            }
        };
        let key = keys.key(path, "checkpoint", &c.text, block);
        let Some(date) = c.date else { continue };
        // The status as of a day long past: reached or not, never "upcoming".
        let status = index::checkpoint_status(c, NaiveDate::MIN, 0);
        let reached = status == CheckpointStatus::Reached;
        let kept = match tagged {
            Some(t) => filter.task(t),
            None => filter.untagged(),
        };
        if matches!(
            status,
            CheckpointStatus::Cancelled | CheckpointStatus::Deferred
        ) || (!reached && !index.in_play(c.plan))
            || !filter.plan(c.plan)
            || !kept
        {
            continue;
        }
        let tags = tagged.map(|t| t.tags.clone()).unwrap_or_default();
        let summary = match c.reached_on {
            Some(on) if reached => format!("🏁 {} (reached {on})", plain(&c.text)),
            _ => format!("🏁 {}", plain(&c.text)),
        };
        out.push(Event {
            uid: uid("checkpoint", &key),
            date,
            summary,
            description: description(index.plan_title(c.plan).as_deref(), path, line),
            categories: tags,
        });
    }
    if filter.untagged() {
        for (ni, n) in index.notes_with_ids() {
            let note_plan = index.plan_of_note(ni);
            for d in &n.decisions {
                let key = keys.key(&n.path, "decision", &d.text, None);
                let Some(date) = d.revisit else { continue };
                let plan = note_plan.or_else(|| index.linked_plan(&n.path, &d.links));
                if !filter.plan(plan) {
                    continue;
                }
                out.push(Event {
                    uid: uid("revisit", &key),
                    date,
                    summary: format!("Revisit: {}", plain(&d.text)),
                    description: description(
                        index.plan_title(plan).as_deref(),
                        &n.path,
                        d.place.line,
                    ),
                    categories: Vec::new(),
                });
            }
        }
        for (p, plan) in index.plans() {
            let Some(date) = plan.revisit else { continue };
            if !filter.plan(Some(p))
                || matches!(
                    plan.status,
                    index::PlanStatus::Done | index::PlanStatus::Dropped
                )
            {
                continue;
            }
            let path = &index.note(plan.note).path;
            let text = plan.decision.as_deref().unwrap_or(&plan.title);
            out.push(Event {
                uid: uid("revisit", &format!("{path}|plan")),
                date,
                summary: format!("Revisit: {}", plain(text)),
                description: description(Some(&plan.title), path, 1),
                categories: Vec::new(),
            });
        }
    }
    out.sort_by(|a, b| (a.date, &a.uid).cmp(&(b.date, &b.uid)));
    out
}

/// The feed as iCalendar text (CRLF lines, folded at 75 octets, text escaped), stamped with
/// `stamp`.
pub(crate) fn ics(events: &[Event], name: &str, stamp: chrono::DateTime<Utc>) -> String {
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"));
    cal.append_property(Property::new(
        "PRODID",
        SIGNATURE.trim_start_matches("PRODID:"),
    ));
    cal.append_property(Property::new("CALSCALE", "GREGORIAN"));
    cal.name(name);
    for e in events {
        let mut ev = icalendar::Event::new();
        ev.uid(&e.uid)
            .timestamp(stamp)
            .starts(e.date)
            .summary(&e.summary)
            .description(&e.description)
            .add_property("TRANSP", "TRANSPARENT");
        if !e.categories.is_empty() {
            ev.add_property("CATEGORIES", e.categories.join(","));
        }
        cal.push(ev.done());
    }
    cal.to_string()
}

pub(crate) fn run(ctx: &Context, args: &CalendarArgs) -> anyhow::Result<()> {
    let index = ctx.index()?;
    let plan = match &args.plan {
        Some(p) => Some(
            super::tasks::find_plan(&index, p).map_err(|e| UsageError(format!("--plan {e}")))?,
        ),
        None => None,
    };
    let filter = Filter {
        plan,
        tag: args
            .tag
            .as_ref()
            .map(|t| t.trim_start_matches('#').to_string()),
    };
    let events = events(&index, &filter);
    // With a fixed "today", the stamp is its midnight, so the output is reproducible.
    let stamp = if ctx.today_fixed {
        Utc.from_utc_datetime(&ctx.today.and_time(chrono::NaiveTime::MIN))
    } else {
        Utc::now()
    };
    let name = format!("journal · {}", super::review::vault_name(ctx));
    let text = ics(&events, &name, stamp);
    match &args.output {
        Some(path) => {
            let written = output::write_document(
                &output::Target::Given(path),
                &text,
                output::Ownership::Signature(SIGNATURE),
                args.force,
            )
            .map_err(super::review::write_error)?;
            if !ctx.quiet {
                eprintln!(
                    "journal: wrote {} ({} events)",
                    written.display(),
                    events.len()
                );
            }
        }
        None => ctx.print(&text)?,
    }
    ctx.report_warnings(&index);
    Ok(())
}
