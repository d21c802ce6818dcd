//! Fuzzes the note parser with arbitrary bytes as a file: decoding, front matter, blocks,
//! tasks, prompts and fields must never panic, and every line reported must be in the note;
//! the same as an Obsidian daily note and as a Logseq journal (both grammars on).
#![no_main]

use journal::note::{ParseSettings, decode, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok((text, _)) = decode("fuzz.md", data) else {
        return;
    };
    let lines = text.split("\r\n").flat_map(|l| l.split(['\n', '\r'])).count().max(1) as u32;
    for (path, settings) in [
        ("Daily/2026-11-24.md", ParseSettings::default()),
        ("journals/2026_11_24.md", ParseSettings::logseq_graph()),
    ] {
        check(&parse(path, &text, &settings), lines);
    }
});

fn check(note: &journal::model::Note, lines: u32) {
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
}
