//! The stages after parsing, on a generated vault of 2,000 notes: loading it as the commands
//! do (walk, cache, parse, index; cold and warm), building the index alone, the weekly
//! review, and rendering it (with Tera, and with the native writer that replaces it for the
//! built-in weekly Markdown).

use chrono::NaiveDate;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use journal::config::Config;
use journal::dates::{Week, WeekStart};
use journal::index::Index;
use journal::load::{CacheMode, Progress, load};
use journal::render::{Flavour, Template, WEEKLY_MD, render, review as render_review};
use journal::review::{Request, build};

#[path = "../tests/support/synth.rs"]
#[allow(dead_code)]
mod synth;

fn bench_review(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap_or_default();
    let dir = tempfile::tempdir().expect("tmp");
    let cache = tempfile::tempdir().expect("tmp");
    synth::write_vault(dir.path(), 2000, 1, today).expect("vault");
    let config = Config::load(dir.path()).expect("config");
    let quiet = Progress::silent();
    // The warm runs' cache, away from the user's own.
    let warm = CacheMode::In(cache.path().to_path_buf());
    c.bench_function("load 2000 notes, no cache", |b| {
        b.iter(|| load(&config, &CacheMode::Ignore, &quiet).map(|i| i.notes().len()));
    });
    load(&config, &warm, &quiet).expect("fill the cache");
    c.bench_function("load 2000 notes, warm cache", |b| {
        b.iter(|| load(&config, &warm, &quiet).map(|i| i.notes().len()));
    });
    let index = load(&config, &CacheMode::Ignore, &quiet).expect("load");
    let notes = index.notes().to_vec();
    c.bench_function("index 2000 notes", |b| {
        b.iter(|| {
            Index::build(notes.clone(), Vec::new(), &config)
                .notes()
                .len()
        });
    });
    let req = Request {
        period: Week::containing(today, WeekStart::Monday).into(),
        today,
        config: &config,
        vault: "bench".into(),
        generated_at: today.to_string(),
    };
    c.bench_function("review 2000 notes", |b| {
        b.iter_batched(
            || index.clone(),
            |index| build(index, &req),
            BatchSize::LargeInput,
        );
    });
    let review = build(index, &req);
    let template = Template::builtin(WEEKLY_MD);
    c.bench_function("render weekly.md with Tera", |b| {
        b.iter(|| {
            render(&template, &review, Flavour::Markdown)
                .map(|s| s.len())
                .unwrap_or(0)
        });
    });
    c.bench_function("render weekly.md, the native writer", |b| {
        b.iter(|| {
            render_review(&template, &review, Flavour::Markdown)
                .map(|s| s.len())
                .unwrap_or(0)
        });
    });
}

criterion_group!(benches, bench_review);
criterion_main!(benches);
