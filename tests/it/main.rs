//! The integration tests: the real `journal` binary on vaults built in temp folders.

mod browser;
mod cache;
mod commands;
mod common;
mod conformance;
mod daily;
mod hostile;
mod review;
mod robustness;
mod scanner_oracle;
mod snapshots;
