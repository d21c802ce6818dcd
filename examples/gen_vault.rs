//! Writes a synthetic vault for benchmarks:
//! `cargo run --release --example gen_vault -- DIR NOTES [SEED] [PROFILE]`, where PROFILE is
//! `gen` (the default: daily notes, plans and reference notes) or `real` (shaped like public
//! vaults: front matter on two notes in three, 1.3 KB notes, many overdue tasks).

use std::process::ExitCode;

#[path = "../tests/support/synth.rs"]
mod synth;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(notes)) = (
        args.first(),
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: gen_vault DIR NOTES [SEED] [gen|real]");
        return ExitCode::from(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap_or_default();
    let write = match args.get(3).map(String::as_str) {
        None | Some("gen") => synth::write_vault,
        Some("real") => synth::write_real_vault,
        Some(other) => {
            eprintln!("gen_vault: profile `{other}`: use gen or real");
            return ExitCode::from(2);
        }
    };
    match write(std::path::Path::new(dir), notes, seed, today) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_vault: {dir}: {e}");
            ExitCode::from(1)
        }
    }
}
