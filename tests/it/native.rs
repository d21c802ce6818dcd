//! The built-in weekly Markdown review is written by Rust code, not by Tera
//! (`src/render/weekly.rs`); `templates/weekly.md` is the reference. These tests render the
//! same reviews both ways and require the same bytes: on generated vaults of both benchmark
//! profiles, on random ones, and on notes written to hit every branch and every escape.

use crate::synth;
use chrono::NaiveDate;
use journal::config::Config;
use journal::dates::{Week, WeekStart};
use journal::load::{CacheMode, Progress, load};
use journal::render::{Flavour, Template, WEEKLY_MD, render, review};
use journal::review::{Request, build};
use proptest::prelude::*;
use std::path::Path;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date")
}

/// Both renderings of the weekly review of the week holding `week_of`, as of `today`.
fn both(vault: &Path, settings: &str, week_of: NaiveDate, today: NaiveDate) -> (String, String) {
    std::fs::write(vault.join(".journal.toml"), settings).expect("settings");
    let config = Config::load(vault).expect("config");
    let index = load(&config, &CacheMode::Ignore, &Progress::silent()).expect("load");
    let req = Request {
        period: Week::containing(week_of, WeekStart::Monday).into(),
        today,
        config: &config,
        vault: "test".into(),
        generated_at: today.to_string(),
    };
    let r = build(index, &req);
    let template = Template::builtin(WEEKLY_MD);
    let tera = render(&template, &r, Flavour::Markdown).expect("tera");
    let native = review(&template, &r, Flavour::Markdown).expect("native");
    (tera, native)
}

/// Asserts both renderings agree, showing the first line where they part.
fn agree(vault: &Path, settings: &str, week_of: NaiveDate, today: NaiveDate) -> String {
    let (tera, native) = both(vault, settings, week_of, today);
    if tera != native {
        let at = tera
            .lines()
            .zip(native.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        let show = |s: &str| {
            s.lines()
                .skip(at.saturating_sub(2))
                .take(5)
                .collect::<Vec<_>>()
                .join("\n")
        };
        panic!(
            "the native review parts from the template at line {}:\n--- tera\n{}\n--- native\n{}",
            at + 1,
            show(&tera),
            show(&native)
        );
    }
    tera
}

const LIMITS: [&str; 3] = [
    "",
    "[review]\nlist_limit = 3\n",
    "[review]\nlist_limit = 1\n",
];

#[test]
fn both_benchmark_profiles_give_the_same_bytes() {
    let today = day("2026-11-29");
    let mut seen = String::new();
    for (profile, write) in [
        (
            "gen",
            synth::write_vault as fn(&Path, usize, u64, NaiveDate) -> std::io::Result<()>,
        ),
        ("real", synth::write_real_vault),
    ] {
        for seed in 1..=3 {
            let dir = tempfile::tempdir().expect("tmp");
            write(dir.path(), 400, seed, today).expect("vault");
            for settings in LIMITS {
                for week_of in [today, day("2026-11-18"), day("2025-06-04")] {
                    let text = agree(dir.path(), settings, week_of, today);
                    assert!(text.len() > 500, "{profile} {seed}: {text}");
                    seen.push_str(&text);
                }
            }
        }
    }
    // The comparison went through the sections that hold most of the template's branches.
    let missing: Vec<&str> = [
        "### Not part of a plan",
        "**Overdue**",
        "- … and ",
        "**Missed**",
        "**Coming up**",
        "> ",
        "Before this week, on ",
        "## A year ago this week",
        "Paused on purpose",
        "(last answered ",
        " (not answered yet)",
    ]
    .into_iter()
    .filter(|p| !seen.contains(p))
    .collect();
    assert!(missing.is_empty(), "no review showed {missing:?}");
}

#[test]
fn an_empty_vault_gives_the_same_bytes() {
    let dir = tempfile::tempdir().expect("tmp");
    let text = agree(dir.path(), "", day("2026-11-24"), day("2026-11-29"));
    assert!(text.contains("No plans yet."), "{text}");
    assert!(text.contains("Nothing marked done this week."), "{text}");
}

/// Notes written to reach the branches the generators may not: values that must be escaped,
/// answers of several lines, integral moods, a plan paused with a decision, decisions to
/// revisit now and later, help, in progress and deferred tasks.
#[test]
fn notes_written_for_every_branch_give_the_same_bytes() {
    let dir = tempfile::tempdir().expect("tmp");
    let v = dir.path();
    let write = |rel: &str, text: &str| {
        let p = v.join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    };
    write(
        "Plans/--- Odd | plan.md",
        "---\ntype: plan\nstatus: paused\ntarget: 2027-01-10\ndecision: \"Wait <!-- journal:end --> for spring\"\nrevisit: 2027-02-01\n---\n# Odd\n- [ ] ``` a step that starts a fence\n- [x] done step ✅ 2026-11-25\n",
    );
    write(
        "Plans/Run.md",
        "---\ntype: plan\ntarget: 2026-12-02\n---\n## Steps\n- [ ] run 5k 📅 2026-11-20 ^run5k\n- [/] stretch\n- [>] shoes\n- [ ] ask Sam for help #help 📅 2026-12-01\n- [ ] first race #checkpoint 📅 2026-11-26\n- [x] a week running [feeling:: proud <3] #checkpoint 📅 2026-11-24 ✅ 2026-11-24\n- [ ] half marathon #milestone 📅 2026-12-05\n",
    );
    for (d, mood) in [
        ("2026-11-23", "4"),
        ("2026-11-24", "3.5"),
        ("2026-11-26", "2"),
    ] {
        write(
            &format!("Daily/{d}.md"),
            &format!(
                "---\nmood: {mood}\n---\n# {d}\n- [x] water the plants\n\ndecision:: Stay in this flat for now [revisit:: 2026-11-27]\n\ndecision:: Sell the bike [[Plans/Run]] [revisit:: 2027-03-01]\n\n## What next?\nFinish the <!-- journal:start --> draft\nthen --- rest\n\n## Are you happy?\n\n"
            ),
        );
    }
    write(
        "Daily/2026-11-10.md",
        "# 2026-11-10\n## What next?\nsomething before the week\n",
    );
    write(
        "Daily/2025-11-25.md",
        "---\nmood: 5\n---\n# a year ago\nWords then.\n## What next?\nback then\n",
    );
    let today = day("2026-11-29");
    let text = agree(v, "", today, today);
    for part in [
        "Paused on purpose",
        "**Left open**",
        "> Finish the",
        "&lt;!--",
        "water the plants ×3",
        "**revisit now**",
        "**Deferred**",
        "**In progress**",
        "| 4.0 |",
        "**Reached**",
        "**Missed**",
        "**Coming up**",
        " · revisit 2027-03-01",
        "· felt: *proud <3*",
    ] {
        assert!(text.contains(part), "`{part}` in\n{text}");
    }
    for settings in LIMITS {
        agree(v, settings, today, today);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Any generated vault, any week of the last two years, as of any day after it.
    #[test]
    fn random_vaults_give_the_same_bytes(
        seed in any::<u64>(),
        notes in 1usize..160,
        real in any::<bool>(),
        back in 0i64..730,
        later in 0i64..20,
        limit in 1u8..8,
    ) {
        let today = day("2026-11-29");
        let dir = tempfile::tempdir().expect("tmp");
        if real {
            synth::write_real_vault(dir.path(), notes, seed, today).expect("vault");
        } else {
            synth::write_vault(dir.path(), notes, seed, today).expect("vault");
        }
        let week_of = today - chrono::Duration::days(back);
        let as_of = (week_of + chrono::Duration::days(later)).min(today);
        let (tera, native) = both(
            dir.path(),
            &format!("[review]\nlist_limit = {limit}\n"),
            week_of,
            as_of,
        );
        prop_assert_eq!(tera, native);
    }
}
