//! Warnings about the vault, each naming the file and, where there is one, the line and column.
//!
//! A bad note is never fatal: parsing and indexing collect `Diagnostic`s and carry on.
//! `journal check` prints them all; the other commands print only how many warnings there
//! were. A few are information rather than problems (something legal that `journal` does not
//! count, such as a Logseq `SCHEDULED:` on a block that is not a task): `check` shows them,
//! marked `info`, and they are neither counted as warnings nor make `check` fail.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How much a diagnostic matters.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Level {
    /// Something in the vault that is wrong or read other than the user meant.
    #[default]
    Warning,
    /// Something legal that journal does not count, said so the figures can be understood.
    Info,
}

/// One problem found in the vault, at `path:line:col` (line and column 1-based; 0 = unknown).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Vault-relative path, `/`-separated.
    pub path: String,
    pub line: u32,
    pub col: u32,
    pub message: String,
    pub level: Level,
}

impl Diagnostic {
    pub fn new(path: &str, line: u32, col: u32, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.to_string(),
            line,
            col,
            message: message.into(),
            level: Level::Warning,
        }
    }

    /// A problem with the whole file (it could not be read, say).
    pub fn file(path: &str, message: impl Into<String>) -> Self {
        Diagnostic::new(path, 0, 0, message)
    }

    /// Information, not a problem (see the module docs).
    pub fn info(path: &str, line: u32, col: u32, message: impl Into<String>) -> Self {
        Diagnostic {
            level: Level::Info,
            ..Diagnostic::new(path, line, col, message)
        }
    }

    pub fn is_warning(&self) -> bool {
        self.level == Level::Warning
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            Level::Warning => "warning",
            Level::Info => "info",
        };
        match (self.line, self.col) {
            (0, _) => write!(f, "{}: {level}: {}", self.path, self.message),
            (l, 0) => write!(f, "{}:{}: {level}: {}", self.path, l, self.message),
            (l, c) => write!(f, "{}:{}:{}: {level}: {}", self.path, l, c, self.message),
        }
    }
}
