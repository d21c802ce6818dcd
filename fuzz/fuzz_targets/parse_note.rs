//! Fuzzes the note parser with arbitrary bytes as a file: decoding, front matter, blocks,
//! tasks, prompts and fields must never panic, and every line reported must be in the note.
#![no_main]

use journal::note::{ParseSettings, decode, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok((text, _)) = decode("fuzz.md", data) else {
        return;
    };
    let settings = ParseSettings::default();
    let note = parse("Daily/2026-11-24.md", &text, &settings);
    let lines = text.split("\r\n").flat_map(|l| l.split(['\n', '\r'])).count().max(1) as u32;
    for t in &note.tasks {
        assert!(t.place.line >= 1 && t.place.line <= lines);
        if let Some(p) = t.parent {
            assert!((p as usize) < note.tasks.len());
        }
    }
    for p in &note.prompts {
        assert!(p.place.line >= 1 && p.place.line <= lines);
    }
    for d in &note.diagnostics {
        assert!(d.line <= lines);
    }
});
