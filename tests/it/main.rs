//! The integration tests: the real `journal` binary on vaults built in temp folders.

mod commands;
mod common;
mod robustness;
mod scanner_oracle;
