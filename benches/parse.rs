//! The note parser's throughput (MB/s) on generated daily, plan and reference notes.

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use journal::note::{ParseSettings, parse};
use synth::{Rng, daily_note, plan_note, reference_note};

#[path = "../tests/support/synth.rs"]
#[allow(dead_code)]
mod synth;

fn notes() -> Vec<(String, String)> {
    let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap_or_default();
    let mut rng = Rng::new(1);
    let mut out = Vec::new();
    for i in 0..600 {
        let day = today - chrono::Days::new(i);
        out.push((
            format!("Daily/{day}.md"),
            daily_note(&mut rng, day, today, 30),
        ));
    }
    for i in 0..50 {
        out.push((format!("Plans/Plan {i}.md"), plan_note(&mut rng, i, today)));
    }
    for i in 0..350 {
        out.push((
            format!("Reference/R {i}.md"),
            reference_note(&mut rng, i, 30),
        ));
    }
    out
}

fn bench_parse(c: &mut Criterion) {
    let notes = notes();
    let settings = ParseSettings::default();
    let bytes: usize = notes.iter().map(|(_, t)| t.len()).sum();
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("1000 notes", |b| {
        b.iter(|| {
            notes
                .iter()
                .map(|(p, t)| parse(p, t, &settings).tasks.len())
                .sum::<usize>()
        });
    });
    group.bench_function("block scanner alone", |b| {
        b.iter(|| {
            notes
                .iter()
                .map(|(_, t)| journal::note::blocks::Scanner::new(t, 1).count())
                .sum::<usize>()
        });
    });
    // The yardstick for the choice of a line scanner: pulldown-cmark only producing its
    // events, with the Obsidian extensions on, before any task or field is looked for.
    let options = pulldown_cmark::Options::ENABLE_TASKLISTS
        | pulldown_cmark::Options::ENABLE_TABLES
        | pulldown_cmark::Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | pulldown_cmark::Options::ENABLE_WIKILINKS;
    group.bench_function("pulldown-cmark events of the same notes", |b| {
        b.iter(|| {
            notes
                .iter()
                .map(|(_, t)| pulldown_cmark::Parser::new_ext(t, options).count())
                .sum::<usize>()
        });
    });
    group.finish();
}

criterion_group!(benches, bench_parse);
criterion_main!(benches);
