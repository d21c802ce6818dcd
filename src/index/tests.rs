//! Tests of the index: plans, their actions and links, checkpoints, health, vault checks.

use super::*;
use crate::config::Config;
use crate::dates::parse_date;
use crate::note::{ParseSettings, parse};
use std::path::PathBuf;

fn config() -> Config {
    Config::defaults(PathBuf::from("/vault"))
}

fn index_with(config: &Config, notes: &[(&str, &str)]) -> Index {
    let parsed = notes
        .iter()
        .map(|(p, t)| Box::new(parse(p, t, &ParseSettings::default())))
        .collect();
    Index::build(parsed, Vec::new(), config)
}

fn index(notes: &[(&str, &str)]) -> Index {
    index_with(&config(), notes)
}

fn d(s: &str) -> NaiveDate {
    parse_date(s).expect("date")
}

fn health(i: &Index, title: &str, as_of: &str) -> Health {
    let p = i.plans().find(|(_, p)| p.title == title).expect("plan").0;
    plan_state(i, p, d(as_of), &config()).health
}

fn action_texts(i: &Index, p: usize) -> Vec<&str> {
    i.plans[p]
        .actions
        .iter()
        .map(|&r| i.task(r).text.as_str())
        .collect()
}

#[test]
fn plans_by_type_tag_and_folder() {
    let mut c = config();
    c.apply_toml("plans_folder = \"Goals\"").expect("config");
    let i = index_with(
        &c,
        &[
            ("a.md", "---\ntype: plan\n---\n# Write a book\n"),
            ("b.md", "---\ntype: Goal\ntitle: Run a marathon\n---\n"),
            ("c.md", "#plan\n"),
            ("d.md", "---\ntags: [goal/health]\n---\n"),
            ("Goals/e.md", "text"),
            ("Goalsx/f.md", "text"),
            ("g.md", "- [ ] a task tagged #plan is not a plan note\n"),
        ],
    );
    let titles: Vec<_> = i.plans.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(
        titles,
        ["e", "Write a book", "Run a marathon", "c", "d"],
        "in path order"
    );
}

#[test]
fn plan_title_status_target_decision() {
    let i = index(&[(
        "Plans/Career change.md",
        "---\ntype: plan\ngoal: Become a teacher\nstatus: on-hold\ntarget: 2027-09-01\ndecision: Stay at my job for now\nrevisit: 2027-03-01\n---\n",
    )]);
    let p = &i.plans[0];
    assert_eq!(p.title, "Become a teacher");
    assert_eq!(
        (p.status, p.status_text.as_str()),
        (PlanStatus::Paused, "on-hold")
    );
    assert_eq!(p.target, Some(d("2027-09-01")));
    assert_eq!(p.decision.as_deref(), Some("Stay at my job for now"));
    assert_eq!(p.revisit, Some(d("2027-03-01")));
}

#[test]
fn unknown_plan_status_is_a_warning() {
    let i = index(&[("p.md", "---\ntype: plan\nstatus: whenever\n---\n")]);
    assert_eq!(i.plans[0].status, PlanStatus::Active);
    assert!(i.diagnostics[0].message.contains("whenever"));
}

#[test]
fn actions_include_linked_tasks_and_their_sub_tasks() {
    let i = index(&[
        (
            "Daily/2026-11-24.md",
            "- [ ] Call the editor [[Book]]\n  - [ ] find the number\n- [ ] unrelated\n- [ ] via path [[Plans/Book.md]]\n- [ ] md link [b](Plans/Book.md)\n",
        ),
        (
            "Plans/Book.md",
            "---\ntype: plan\n---\n- [x] Outline\n- [ ] Draft\n",
        ),
    ]);
    assert_eq!(
        action_texts(&i, 0),
        [
            "Outline",
            "Draft",
            "Call the editor [[Book]]",
            "find the number",
            "via path [[Plans/Book.md]]",
            "md link [b](Plans/Book.md)"
        ]
    );
    let r = TaskRef::new(NoteId(0), 2);
    assert_eq!(i.plan_of(r), None);
}

#[test]
fn links_resolve_as_obsidian_does() {
    let i = index(&[
        ("Book.md", ""),
        ("Archive/Book.md", ""),
        ("Archive/Old/Notes.md", ""),
        ("Ideas.markdown", ""),
    ]);
    // Sorted by path: Archive/Book, Archive/Old/Notes, Book, Ideas.
    assert_eq!(
        i.resolve("Daily/x.md", "book"),
        Some(NoteId(2)),
        "the shortest path wins a name clash"
    );
    assert_eq!(
        i.resolve("Archive/y.md", "Book"),
        Some(NoteId(0)),
        "but the same folder wins first"
    );
    assert_eq!(
        i.resolve("Archive/Old/y.md", "Book"),
        Some(NoteId(2)),
        "not a parent folder"
    );
    assert_eq!(i.resolve("x.md", "Archive/Book"), Some(NoteId(0)));
    assert_eq!(i.resolve("x.md", "Old/Notes#Heading"), Some(NoteId(1)));
    assert_eq!(i.resolve("x.md", "Ideas"), Some(NoteId(3)));
    assert_eq!(i.resolve("x.md", "Missing"), None);
    assert_eq!(
        i.resolve("Archive/Old/Notes.md", "../Book.md"),
        Some(NoteId(0)),
        "relative to the note"
    );
    assert_eq!(
        i.resolve("Archive/Old/Notes.md", "./Notes.md"),
        Some(NoteId(1))
    );
    assert_eq!(i.resolve("Archive/z.md", "Old/Notes.md"), Some(NoteId(1)));
    assert_eq!(i.resolve("a.md", "../../outside.md"), None);
}

#[test]
fn generated_notes_are_left_out() {
    let i = index(&[
        (
            "Reviews/2026-W47.md",
            "---\ngenerator: journal\n---\n- [x] counted twice otherwise\n",
        ),
        ("a.md", "- [x] real\n"),
    ]);
    assert_eq!(i.notes.len(), 1);
    assert_eq!(i.tasks().count(), 1);
}

#[test]
fn progress_excludes_cancelled_and_non_tasks() {
    let mut settings = ParseSettings::default();
    settings.statuses.set('~', Status::NonTask);
    let n = parse(
        "p.md",
        "---\ntype: plan\n---\n- [x] a\n- [ ] b\n- [-] c\n- [~] d\n- [/] e\n",
        &settings,
    );
    let i = Index::build(vec![Box::new(n)], Vec::new(), &config());
    let s = plan_state(&i, PlanId(0), d("2026-11-24"), &config());
    assert_eq!((s.done, s.total, s.percent()), (1, 3, 33));
}

#[test]
fn next_action_skips_parents_with_open_children_unstarted_and_blocked_tasks() {
    let i = index(&[(
        "p.md",
        "---\ntype: plan\n---\n- [ ] Chapter 1\n  - [x] outline\n  - [ ] draft ⛔ research\n- [ ] later 🛫 2026-12-01\n- [ ] research 🆔 research\n- [ ] last\n",
    )]);
    let next = |as_of: &str| {
        plan_state(&i, PlanId(0), d(as_of), &config())
            .next_action
            .map(|r| i.task(r).text.clone())
    };
    assert_eq!(next("2026-11-24").as_deref(), Some("research"));
    assert_eq!(next("2026-12-01").as_deref(), Some("later"));
}

#[test]
fn health_in_order_of_precedence() {
    let notes = [
        (
            "done.md",
            "---\ntype: plan\nstatus: done\n---\n- [ ] x 📅 2020-01-01\n",
        ),
        (
            "paused.md",
            "---\ntype: plan\nstatus: someday\n---\n- [ ] x 📅 2020-01-01\n",
        ),
        (
            "overdue.md",
            "---\ntype: plan\n---\n- [ ] x 📅 2026-11-20\n",
        ),
        (
            "missed.md",
            "---\ntype: plan\n---\n- [ ] cp #checkpoint ⏳ 2026-11-20\n- [x] y ✅ 2026-11-23\n",
        ),
        (
            "target.md",
            "---\ntype: plan\ntarget: 2026-11-01\n---\n- [ ] x\n",
        ),
        (
            "stuck.md",
            "---\ntype: plan\n---\n- [ ] x 🛫 2026-12-24\n- [x] y ✅ 2026-11-23\n",
        ),
        ("empty.md", "---\ntype: plan\n---\n- [x] y ✅ 2026-11-23\n"),
        (
            "stalled.md",
            "---\ntype: plan\n---\n- [x] y ✅ 2026-11-01\n- [ ] z\n",
        ),
        (
            "fresh.md",
            "---\ntype: plan\ncreated: 2026-11-20\n---\n- [ ] z\n",
        ),
        (
            "ok.md",
            "---\ntype: plan\n---\n- [x] y ✅ 2026-11-23\n- [ ] z\n",
        ),
        (
            "checked.md",
            "---\ntype: plan\n---\n## 2026-11-22\n- [x] y\n- [ ] z\n",
        ),
    ];
    let i = index(&notes);
    let got: Vec<_> = [
        "done", "paused", "overdue", "missed", "target", "stuck", "empty", "stalled", "fresh",
        "ok", "checked",
    ]
    .iter()
    .map(|t| health(&i, t, "2026-11-24").as_str())
    .collect();
    assert_eq!(
        got,
        [
            "done", "paused", "at-risk", "at-risk", "at-risk", "stuck", "stuck", "stalled",
            "on-track", "on-track", "on-track"
        ]
    );
}

#[test]
fn checkpoints_from_tasks_and_lines() {
    let i = index(&[
        (
            "Plans/Book.md",
            "---\ntype: plan\n---\n- [x] Outline #checkpoint 📅 2026-11-20 ✅ 2026-11-19\n  - feeling:: relieved\n- [ ] Draft #milestone 📅 2026-11-23\n- [ ] Edit #checkpoint 📅 2026-12-01\n- [ ] Print #checkpoint 📅 2027-03-01\n- [-] Launch party #checkpoint 📅 2026-11-01\n",
        ),
        (
            "Daily/2026-11-24.md",
            "checkpoint:: 2026-11-28 Send to beta readers [[Book]]\n",
        ),
    ]);
    let as_of = d("2026-11-24");
    let got: Vec<_> = i
        .checkpoints
        .iter()
        .map(|c| {
            (
                c.text.as_str(),
                checkpoint_status(c, as_of, 14).as_str(),
                c.plan,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("Send to beta readers [[Book]]", "upcoming", Some(PlanId(0))),
            ("Outline #checkpoint", "reached", Some(PlanId(0))),
            ("Draft #milestone", "missed", Some(PlanId(0))),
            ("Edit #checkpoint", "upcoming", Some(PlanId(0))),
            ("Print #checkpoint", "later", Some(PlanId(0))),
            ("Launch party #checkpoint", "cancelled", Some(PlanId(0))),
        ]
    );
    assert_eq!(i.checkpoints[1].reached_on, Some(d("2026-11-19")));
    assert_eq!(i.checkpoints[1].feeling.as_deref(), Some("relieved"));
    let s = plan_state(&i, PlanId(0), as_of, &config());
    assert_eq!(
        s.next_checkpoint.map(|c| i.checkpoint(c).text.as_str()),
        Some("Send to beta readers [[Book]]"),
        "the next one ahead, not the one missed"
    );
    let later = plan_state(&i, PlanId(0), d("2027-04-01"), &config());
    assert_eq!(
        later.next_checkpoint.map(|c| i.checkpoint(c).text.as_str()),
        Some("Print #checkpoint"),
        "else the latest missed"
    );
}

#[test]
fn vault_checks() {
    let i = index(&[(
        "a.md",
        "- [ ] x ⛔ nope\n- [ ] y [[Nowhere]] ![[pic.png]]\n- [ ] z #checkpoint\n- [ ] w 🆔 ok\n- [ ] v ⛔ ok\n",
    )]);
    let msgs: Vec<_> = i
        .diagnostics
        .iter()
        .map(|w| (w.line, w.message.as_str()))
        .collect();
    assert_eq!(msgs.len(), 3, "{msgs:?}");
    assert!(msgs[0].1.contains("`nope`"));
    assert!(msgs[1].1.contains("`Nowhere`"));
    assert!(msgs[2].1.contains("checkpoint has no date"));
}

#[test]
fn a_snapshot_drops_later_tasks_with_their_sub_tasks_and_keeps_the_rest_with_their_parents() {
    let i = index(&[(
        "Plans/Move.md",
        "---\ntype: plan\n---\n- [ ] Added later ➕ 2026-11-25\n  - [ ] Its step\n- [ ] Pack\n  - [x] Boxes ✅ 2026-11-24\n  - [ ] Tape\n",
    )]);
    let day = d("2026-11-22");
    assert!(i.changed_after(day));
    let past = i.into_as_of(day, &config());
    let tasks = &past.notes[0].tasks;
    let texts: Vec<&str> = tasks.iter().map(|t| t.text.as_str()).collect();
    // A step indented under a task added later was written with it, or after.
    assert_eq!(texts, ["Pack", "Boxes", "Tape"]);
    assert_eq!(tasks[0].parent, None);
    assert_eq!(tasks[1].parent, Some(0));
    assert_eq!(tasks[2].parent, Some(0));
    assert_eq!(tasks[1].status, Status::Todo, "done only later");
    assert!(!past.changed_after(day));
}

#[test]
fn answers_are_grouped_by_question_in_date_order() {
    let i = index(&[
        ("Daily/2026-11-20.md", "## Are you happy?\nYes.\n"),
        (
            "Daily/2026-11-24.md",
            "## ARE you happy ?\nMostly.\n## What next?\n",
        ),
        ("Notes/undated.md", "## Are you happy?\nAlways.\n"),
    ]);
    let answers = Answers::new(&i);
    let texts: Vec<&str> = answers
        .to("ARE YOU HAPPY?")
        .iter()
        .map(|a| a.prompt.answer.as_str())
        .collect();
    assert_eq!(
        texts,
        ["Yes.", "Mostly.", "Always."],
        "dated in order, undated last"
    );
    let key = crate::note::prompts::normalize("Are you happy?");
    assert_eq!(
        answers.before(&key, d("2026-11-24")).map(|a| a.path),
        Some("Daily/2026-11-20.md")
    );
    assert!(answers.before(&key, d("2026-11-20")).is_none());
    assert_eq!(answers.last_answered(&key, None), Some(d("2026-11-24")));
    assert_eq!(
        answers.last_answered(&key, Some(d("2026-11-24"))),
        Some(d("2026-11-20")),
        "an answer on the day itself does not count before it"
    );
    assert!(answers.to("What next?").is_empty(), "asked, not answered");
}
