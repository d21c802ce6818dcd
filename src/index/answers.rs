//! Reflection prompts grouped by question: every answer to each folded question in date
//! order, for the review's "last time", `prompts --history` and the rotation of the daily
//! prompt. One grouping, so the three always agree on what was answered when.

use super::Index;
use crate::model::Prompt;
use crate::note::prompts::normalize;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// One answered prompt and the note it is written in.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Answer<'a> {
    pub(crate) path: &'a str,
    pub(crate) prompt: &'a Prompt,
}

/// The answered prompts of an index by folded question, each list dated ones first in date
/// order (then path and line), undated ones last.
#[derive(Debug, Default)]
pub(crate) struct Answers<'a> {
    by_key: HashMap<&'a str, Vec<Answer<'a>>>,
}

impl<'a> Answers<'a> {
    pub(crate) fn new(index: &'a Index) -> Answers<'a> {
        let mut by_key: HashMap<&str, Vec<Answer<'_>>> = HashMap::new();
        for n in index.notes() {
            for p in n.prompts.iter().filter(|p| p.answered) {
                by_key.entry(p.key.as_str()).or_default().push(Answer {
                    path: &n.path,
                    prompt: p,
                });
            }
        }
        for list in by_key.values_mut() {
            list.sort_by_key(|a| {
                (
                    a.prompt.place.date.is_none(),
                    a.prompt.place.date,
                    a.path,
                    a.prompt.place.line,
                )
            });
        }
        Answers { by_key }
    }

    /// Every answer to `question` (any wording that folds to the same key).
    pub(crate) fn to(&self, question: &str) -> &[Answer<'a>] {
        self.of_key(&normalize(question))
    }

    fn of_key(&self, key: &str) -> &[Answer<'a>] {
        self.by_key.get(key).map_or(&[], Vec::as_slice)
    }

    /// The latest answer to the question `key` dated before `date`.
    pub(crate) fn before(&self, key: &str, date: NaiveDate) -> Option<Answer<'a>> {
        let list = self.of_key(key);
        let dated = list.partition_point(|a| a.prompt.place.date.is_some());
        let before = list[..dated].partition_point(|a| a.prompt.place.date < Some(date));
        before.checked_sub(1).map(|i| list[i])
    }

    /// When the question `key` was last answered, counting only answers dated before
    /// `before` when given.
    pub(crate) fn last_answered(&self, key: &str, before: Option<NaiveDate>) -> Option<NaiveDate> {
        self.of_key(key)
            .iter()
            .filter_map(|a| a.prompt.place.date)
            .filter(|&d| before.is_none_or(|b| d < b))
            .max()
    }
}

/// The library's questions (by index) with when each was last answered, the one unanswered
/// the longest first: never answered before any, then oldest answer first, library order
/// breaking ties. `last_answered` gives the last answer's date for a folded question.
pub(crate) fn ranked(
    library: &[String],
    last_answered: impl Fn(&str) -> Option<NaiveDate>,
) -> Vec<(usize, Option<NaiveDate>)> {
    let mut out: Vec<(usize, Option<NaiveDate>)> = library
        .iter()
        .enumerate()
        .map(|(i, q)| (i, last_answered(&normalize(q))))
        .collect();
    out.sort_by_key(|&(i, d)| (d, i));
    out
}

/// A question and how it was answered over time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Question {
    /// The question as last written.
    pub(crate) prompt: String,
    pub(crate) asked: u32,
    pub(crate) answered: u32,
    pub(crate) last_answered: Option<NaiveDate>,
}

/// Every question asked in the vault, grouped by its folded text, most asked first.
pub(crate) fn questions(index: &Index) -> Vec<Question> {
    let mut by_key: BTreeMap<&str, (Question, Option<NaiveDate>)> = BTreeMap::new();
    for p in index.notes().iter().flat_map(|n| &n.prompts) {
        let e = by_key.entry(p.key.as_str()).or_insert_with(|| {
            let q = Question {
                prompt: p.text.clone(),
                asked: 0,
                answered: 0,
                last_answered: None,
            };
            (q, None)
        });
        e.0.asked += 1;
        if p.answered {
            e.0.answered += 1;
            e.0.last_answered = e.0.last_answered.max(p.place.date);
        }
        // The latest wording names the group.
        if p.place.date >= e.1 {
            e.1 = p.place.date;
            e.0.prompt = p.text.clone();
        }
    }
    let mut out: Vec<Question> = by_key.into_values().map(|(q, _)| q).collect();
    out.sort_by(|a, b| b.asked.cmp(&a.asked).then_with(|| a.prompt.cmp(&b.prompt)));
    out
}
