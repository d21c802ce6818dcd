//! Warnings about the vault, each naming the file and, where there is one, the line and column.
//!
//! A bad note is never fatal: parsing and indexing collect `Diagnostic`s and carry on.
//! `journal check` prints them all; the other commands print only how many there were.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One problem found in the vault, at `path:line:col` (line and column 1-based; 0 = unknown).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Vault-relative path, `/`-separated.
    pub path: String,
    pub line: u32,
    pub col: u32,
    pub message: String,
}

impl Diagnostic {
    pub fn new(path: &str, line: u32, col: u32, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.to_string(),
            line,
            col,
            message: message.into(),
        }
    }

    /// A problem with the whole file (it could not be read, say).
    pub fn file(path: &str, message: impl Into<String>) -> Self {
        Diagnostic::new(path, 0, 0, message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.col) {
            (0, _) => write!(f, "{}: warning: {}", self.path, self.message),
            (l, 0) => write!(f, "{}:{}: warning: {}", self.path, l, self.message),
            (l, c) => write!(f, "{}:{}:{}: warning: {}", self.path, l, c, self.message),
        }
    }
}
