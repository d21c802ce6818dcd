//! The integration tests: the real `journal` binary on vaults built in temp folders.

// A panic is how a test helper fails a test.
#![allow(clippy::panic)]

mod browser;
mod cache;
mod calendar;
mod commands;
mod common;
mod conformance;
mod crash;
mod daily;
mod docs;
mod hostile;
mod logseq;
mod memo;
mod native;
mod periods;
mod review;
mod robustness;
mod safety;
mod scanner_oracle;
mod snapshots;
#[path = "../support/synth.rs"]
mod synth;
mod terminal;
mod writing;
