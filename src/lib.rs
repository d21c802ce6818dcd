//! `journal` reads a folder of Markdown notes (often an Obsidian vault) and finds plans,
//! the actions that carry them out, checkpoints, reflection prompts and decisions.
//!
//! The pipeline: [`vault`] (which files are notes) → [`note`] (one note → items) →
//! [`index`] (plans, links, health) → commands.

pub mod config;
pub mod dates;
pub mod diagnostic;
pub mod index;
pub mod model;
pub mod note;
pub mod vault;
