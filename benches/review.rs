//! Building the index and the weekly review over already-parsed notes, and rendering it.

use chrono::NaiveDate;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use journal::config::Config;
use journal::dates::{Week, WeekStart};
use journal::index::Index;
use journal::note::parse;
use journal::render::{Template, WEEKLY_MD, render};
use journal::review::{Request, build};

fn bench_review(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap_or_default();
    let dir = tempfile::tempdir().expect("tmp");
    journal::synth::write_vault(dir.path(), 2000, 1, today).expect("vault");
    let config = Config::load(dir.path()).expect("config");
    let mut notes = Vec::new();
    for e in walkdir::WalkDir::new(dir.path()).into_iter().flatten() {
        if e.path().extension().is_some_and(|x| x == "md") {
            let rel = e
                .path()
                .strip_prefix(dir.path())
                .unwrap_or(e.path())
                .display()
                .to_string();
            let text = std::fs::read_to_string(e.path()).unwrap_or_default();
            notes.push(Box::new(parse(&rel, &text, &config.parse)));
        }
    }
    let week = Week::containing(today, WeekStart::Monday);
    c.bench_function("index 2000 notes", |b| {
        b.iter(|| Index::build(notes.clone(), Vec::new(), &config).plans.len())
    });
    let index = Index::build(notes.clone(), Vec::new(), &config);
    let req = Request {
        week,
        today,
        config: &config,
        vault: "bench".into(),
        generated_at: today.to_string(),
    };
    c.bench_function("review 2000 notes", |b| {
        b.iter_batched(
            || index.clone(),
            |index| build(index, &req).done.len(),
            BatchSize::LargeInput,
        )
    });
    let review = build(index, &req);
    let template = Template::builtin(WEEKLY_MD);
    c.bench_function("render weekly.md", |b| {
        b.iter(|| render(&template, &review).map(|s| s.len()).unwrap_or(0))
    });
}

criterion_group!(benches, bench_review);
criterion_main!(benches);
