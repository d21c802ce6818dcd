//! Synthetic vaults for benchmarks and tests: daily notes with prose, tasks in both formats,
//! prompts and moods; plan notes with nested steps and checkpoints; reference notes with
//! code blocks, tables and links. Deterministic for a seed, any size.

use chrono::{Days, NaiveDate};
use std::io;
use std::path::Path;

/// A small, fast, deterministic random source (SplitMix64).
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    pub(crate) fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "the",
    "a",
    "and",
    "to",
    "of",
    "in",
    "I",
    "it",
    "was",
    "that",
    "for",
    "on",
    "with",
    "my",
    "today",
    "morning",
    "evening",
    "work",
    "book",
    "chapter",
    "walk",
    "coffee",
    "meeting",
    "wrote",
    "read",
    "thought",
    "about",
    "again",
    "finally",
    "tired",
    "happy",
    "quiet",
    "rain",
    "sun",
    "train",
    "friend",
    "call",
    "plan",
    "week",
    "slowly",
    "better",
    "worse",
    "long",
    "short",
    "garden",
    "kitchen",
    "project",
    "deadline",
    "idea",
    "notebook",
    "music",
    "city",
    "river",
    "bridge",
    "school",
    "letter",
    "email",
    "draft",
    "scene",
    "character",
    "ending",
    "beginning",
    "decided",
    "wondered",
    "remembered",
    "forgot",
    "finished",
    "started",
    "café",
    "naïve",
    "über",
    "déjà",
    "vu",
    "—",
    "running",
    "sleep",
    "dinner",
    "lunch",
    "mother",
];

const TASKS: &[&str] = &[
    "Call the bank about the mortgage",
    "Write 500 words",
    "Send the invoice",
    "Book the dentist",
    "Read two chapters",
    "Reply to Ana",
    "Water the plants",
    "Review the pull request",
    "Buy groceries",
    "Plan the trip",
    "Fix the bike",
    "Outline the next chapter",
    "Ask for feedback",
    "Renew the passport",
    "Back up the laptop",
];

const PROMPTS: &[&str] = &[
    "What next?",
    "Are you happy?",
    "What else do I want to do with my life?",
    "What went well, and what didn't?",
    "Where do I need outside help or more knowledge?",
];

fn sentence(rng: &mut Rng, out: &mut String) {
    let n = 6 + rng.below(14);
    for i in 0..n {
        let w = rng.pick(WORDS);
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                out.extend(f.to_uppercase());
                out.push_str(c.as_str());
            }
        } else {
            out.push(' ');
            out.push_str(w);
        }
    }
    out.push_str(". ");
}

fn paragraph(rng: &mut Rng, out: &mut String) {
    for _ in 0..2 + rng.below(5) {
        sentence(rng, out);
    }
    out.push_str("\n\n");
}

fn date_field(rng: &mut Rng, out: &mut String, day: NaiveDate, emoji: bool) {
    let due = day + Days::new(rng.below(20) as u64);
    if emoji {
        out.push_str(&format!(" 📅 {due}"));
    } else {
        out.push_str(&format!(" [due:: {due}]"));
    }
}

/// A task written on `day`. Old tasks are mostly done or dropped, as in a real journal; recent
/// ones are a mix.
fn task(
    rng: &mut Rng,
    out: &mut String,
    day: NaiveDate,
    today: NaiveDate,
    indent: &str,
    plans: usize,
) {
    let old = (today - day).num_days() > 45;
    let status = if old {
        // Of forty old tasks: thirty-six done, two dropped, one left open, one migrated.
        match rng.below(40) {
            0 => " ",
            1 => ">",
            2 | 3 => "-",
            _ => "x",
        }
    } else {
        *rng.pick(&[" ", " ", " ", "x", "x", "x", "/", "-", ">"])
    };
    out.push_str(&format!("{indent}- [{status}] {}", rng.pick(TASKS)));
    if plans > 0 && rng.chance(30) {
        out.push_str(&format!(" [[Plan {}]]", rng.below(plans)));
    }
    if rng.chance(15) {
        out.push_str(&format!(
            " #{}",
            rng.pick(&["help", "waiting", "errand", "home", "work"])
        ));
    }
    let emoji = rng.chance(60);
    if rng.chance(50) {
        date_field(rng, out, day, emoji);
    }
    if rng.chance(20) {
        out.push_str(if emoji { " ⏫" } else { " [priority:: high]" });
    }
    if status == "x" && rng.chance(70) {
        let done = (day + Days::new(rng.below(4) as u64)).min(today);
        out.push_str(&format!(" ✅ {done}"));
    }
    out.push('\n');
}

/// The text of the daily note of `day`.
pub(crate) fn daily_note(rng: &mut Rng, day: NaiveDate, today: NaiveDate, plans: usize) -> String {
    let mut s = String::with_capacity(2048);
    if rng.chance(30) {
        s.push_str(&format!("---\ndate: {day}\ntags: [daily]\n---\n"));
    }
    s.push_str(&format!("# {}\n\n", day.format("%A %-d %B %Y")));
    paragraph(rng, &mut s);
    if rng.chance(80) {
        s.push_str(&format!("mood:: {}\n\n", 1 + rng.below(5)));
    }
    s.push_str("## Tasks\n");
    for _ in 0..2 + rng.below(6) {
        task(rng, &mut s, day, today, "", plans);
        if rng.chance(20) {
            task(rng, &mut s, day, today, "  ", plans);
        }
    }
    s.push('\n');
    paragraph(rng, &mut s);
    if rng.chance(60) {
        let q = rng.pick(PROMPTS);
        if rng.chance(50) {
            s.push_str(&format!("## {q}\n"));
            paragraph(rng, &mut s);
        } else {
            s.push_str(&format!("> [!question] {q}\n> "));
            sentence(rng, &mut s);
            s.push_str("\n\n");
        }
    }
    if rng.chance(5) {
        s.push_str(&format!(
            "decision:: Stay with the plan for now [revisit:: {}]\n",
            day + Days::new(30)
        ));
    }
    s
}

/// The text of plan note `i`.
pub(crate) fn plan_note(rng: &mut Rng, i: usize, today: NaiveDate) -> String {
    let mut s = format!(
        "---\ntype: plan\ntitle: Plan {i}\nstatus: {}\ntarget: {}\n---\n# Plan {i}\n\n",
        rng.pick(&["active", "active", "active", "paused", "done"]),
        today + Days::new(30 + rng.below(300) as u64)
    );
    paragraph(rng, &mut s);
    // Plans were started some time in the last year; their steps are dated from then.
    let started = today - Days::new(rng.below(365) as u64);
    for step in 1..=2 + rng.below(4) {
        s.push_str(&format!("## Step {step}\n"));
        let day = (started + Days::new(step as u64 * 20)).min(today);
        for _ in 0..1 + rng.below(4) {
            task(rng, &mut s, day, today, "", 0);
            for _ in 0..rng.below(3) {
                task(rng, &mut s, day, today, "  ", 0);
            }
        }
        let cp = today + Days::new(rng.below(60) as u64) - Days::new(20);
        s.push_str(&format!("- [ ] Step {step} done #checkpoint 📅 {cp}\n"));
        if rng.chance(30) {
            s.push_str(&format!("checkpoint:: {cp} Halfway [feeling:: hopeful]\n"));
        }
        s.push('\n');
    }
    s
}

/// The text of reference note `i`.
pub(crate) fn reference_note(rng: &mut Rng, i: usize, plans: usize) -> String {
    let mut s = format!("# Reference {i}\n\n");
    paragraph(rng, &mut s);
    s.push_str(
        "```rust\nfn main() {\n    // - [ ] not a task\n    println!(\"#not-a-tag\");\n}\n```\n\n",
    );
    s.push_str("| Item | Value |\n|---|---|\n| one | 1 |\n| two | 2 |\n\n");
    if plans > 0 {
        s.push_str(&format!(
            "See [[Plan {}]] and [[Reference {}]].\n\n",
            rng.below(plans),
            rng.below(i + 1)
        ));
    }
    paragraph(rng, &mut s);
    s
}

/// Writes a vault of `notes` notes under `dir` (which should be empty): 35% daily notes
/// (`Daily/YYYY/YYYY-MM-DD.md`, back from `today`), 5% plans, 60% reference notes — the
/// shape of a vault that has grown for years, where most notes are not journal entries.
pub(crate) fn write_vault(dir: &Path, notes: usize, seed: u64, today: NaiveDate) -> io::Result<()> {
    let mut rng = Rng::new(seed);
    let plans = (notes / 20).max(1);
    let refs = notes * 60 / 100;
    let dailies = notes.saturating_sub(plans + refs);
    std::fs::create_dir_all(dir.join(".obsidian"))?;
    std::fs::write(
        dir.join(".obsidian/daily-notes.json"),
        r#"{"folder": "Daily"}"#,
    )?;
    for i in 0..plans {
        let p = dir.join(format!("Plans/Plan {i}.md"));
        std::fs::create_dir_all(p.parent().unwrap_or(dir))?;
        std::fs::write(p, plan_note(&mut rng, i, today))?;
    }
    for i in 0..refs {
        let p = dir.join(format!("Reference/{:03}/Reference {i}.md", i / 500));
        std::fs::create_dir_all(p.parent().unwrap_or(dir))?;
        std::fs::write(p, reference_note(&mut rng, i, plans))?;
    }
    for i in 0..dailies {
        let day = today - Days::new(i as u64);
        let p = dir.join(format!("Daily/{}/{day}.md", day.format("%Y")));
        std::fs::create_dir_all(p.parent().unwrap_or(dir))?;
        std::fs::write(p, daily_note(&mut rng, day, today, plans))?;
    }
    Ok(())
}

/// A note of the "real" profile: shaped like the notes of vaults kept for years with
/// plugins, as measured on public vaults — two in three open with flat front matter
/// (properties, tags as a list), about 1.3 KB on average, and open tasks everywhere, most of
/// them due in the last two months (so a review lists many overdue tasks).
fn real_note(rng: &mut Rng, i: usize, kind: usize, today: NaiveDate, plans: usize) -> String {
    let mut s = String::with_capacity(1600);
    let created = today - Days::new(rng.below(900) as u64);
    if rng.chance(65) {
        s.push_str("---\n");
        s.push_str(&format!("created: {created}\n"));
        s.push_str(&format!(
            "tags: [{}, {}]\n",
            rng.pick(&["area/home", "area/work", "reading", "project", "idea"]),
            rng.pick(&["todo", "draft", "ref", "log"])
        ));
        if rng.chance(40) {
            s.push_str(&format!("aliases: [Note {i}]\n"));
        }
        if rng.chance(30) {
            s.push_str(&format!(
                "status: {}\n",
                rng.pick(&["active", "draft", "done", "someday"])
            ));
        }
        if kind == 1 {
            s.push_str("type: plan\n");
        }
        s.push_str("---\n");
    }
    s.push_str(&format!("# Note {i}\n\n"));
    paragraph(rng, &mut s);
    if rng.chance(30) {
        s.push_str(&format!(
            "Related: [[Note {}]], [[Plan {}]]\n\n",
            rng.below(i + 1),
            rng.below(plans.max(1))
        ));
    }
    // Open tasks, most due in the last sixty days; some done.
    for _ in 0..rng.below(5) {
        let open = rng.chance(75);
        let mark = if open { " " } else { "x" };
        s.push_str(&format!("- [{mark}] {}", rng.pick(TASKS)));
        if rng.chance(82) {
            let due = if rng.chance(74) {
                today - Days::new(rng.below(60) as u64)
            } else {
                today + Days::new(rng.below(30) as u64)
            };
            s.push_str(&format!(" 📅 {due}"));
        }
        if rng.chance(15) {
            s.push_str(" ⏫");
        }
        if !open {
            s.push_str(&format!(" ✅ {}", today - Days::new(rng.below(30) as u64)));
        }
        s.push('\n');
    }
    s.push('\n');
    if kind == 2 {
        s.push_str("```js\nconst x = 1; // - [ ] not a task\n```\n\n");
    }
    paragraph(rng, &mut s);
    if rng.chance(70) {
        paragraph(rng, &mut s);
    }
    if rng.chance(65) {
        paragraph(rng, &mut s);
    }
    s
}

/// Writes a vault of the "real" profile (see [`real_note`]): 40% daily notes, 5% plans,
/// the rest notes of all kinds in nested folders.
pub(crate) fn write_real_vault(
    dir: &Path,
    notes: usize,
    seed: u64,
    today: NaiveDate,
) -> io::Result<()> {
    let mut rng = Rng::new(seed ^ 0x5EA1);
    let plans = (notes / 20).max(1);
    let dailies = notes * 40 / 100;
    let others = notes.saturating_sub(plans + dailies);
    std::fs::create_dir_all(dir.join(".obsidian"))?;
    std::fs::write(
        dir.join(".obsidian/daily-notes.json"),
        r#"{"folder": "Journal"}"#,
    )?;
    for i in 0..plans {
        let p = dir.join(format!("Projects/Plan {i}.md"));
        std::fs::create_dir_all(p.parent().unwrap_or(dir))?;
        std::fs::write(p, real_note(&mut rng, i, 1, today, plans))?;
    }
    for i in 0..others {
        let p = dir.join(format!(
            "{}/{:03}/Note {i}.md",
            rng.pick(&["Areas", "Resources", "Inbox", "Archive"]),
            i / 400
        ));
        std::fs::create_dir_all(p.parent().unwrap_or(dir))?;
        let kind = 2 * usize::from(rng.chance(20));
        std::fs::write(p, real_note(&mut rng, i, kind, today, plans))?;
    }
    for i in 0..dailies {
        let day = today - Days::new(i as u64);
        let p = dir.join(format!("Journal/{}/{day}.md", day.format("%Y")));
        std::fs::create_dir_all(p.parent().unwrap_or(dir))?;
        let mut text = real_note(&mut rng, i, 0, today, plans);
        if rng.chance(70) {
            text.push_str(&format!("mood:: {}\n", 1 + rng.below(5)));
        }
        std::fs::write(p, text)?;
    }
    Ok(())
}
