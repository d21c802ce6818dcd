//! Writes a synthetic vault for benchmarks: `cargo run --release --example gen_vault -- DIR NOTES [SEED]`.

use std::process::ExitCode;

#[path = "../tests/support/synth.rs"]
mod synth;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(notes)) = (
        args.first(),
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: gen_vault DIR NOTES [SEED]");
        return ExitCode::from(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap_or_default();
    match synth::write_vault(std::path::Path::new(dir), notes, seed, today) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_vault: {dir}: {e}");
            ExitCode::from(1)
        }
    }
}
