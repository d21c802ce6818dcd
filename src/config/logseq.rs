//! A Logseq graph's own settings: `logseq/config.edn`, read with an EDN reader, reduced to
//! what changes how the graph's files are read (journal file names and page titles, how page
//! file names escape titles, the journals and pages folders, the hidden folders).
//!
//! The file is the user's and may be anything: a file that is not EDN, a value of the wrong
//! type or a folder outside the vault is a warning naming the file and line, and Logseq's
//! defaults apply. Logseq reads only the first form of the file; so does `journal`, and it
//! says when text after the settings map is ignored. A vault with no `config.edn` is still
//! read as a graph when its `journals/` folder holds Logseq journal files (a vault opened in
//! both Obsidian and Logseq whose `logseq/` folder was not synced, say).
//!
//! Logseq's date formats are Joda-style (`yyyy_MM_dd`, `MMM do, yyyy`, `EEE`); they are
//! translated here to the moment.js formats `dates::moment` knows.

use crate::dates::moment::MomentFormat;
use crate::diagnostic::Diagnostic;
use crate::note::logseq::LogseqSettings;
use clojure_reader::edn::{self, Edn};
use std::path::Path;

/// Where a graph keeps its settings, relative to the vault.
pub(crate) const CONFIG_EDN: &str = "logseq/config.edn";

/// A settings file larger than this is not a Logseq config (Logseq's own template is 17 kB).
const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// How page file names escape titles (`:file/name-format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileNameFormat {
    /// `___` is a namespace `/`, `%3A` a `:`; dots are dots (graphs made since Logseq 0.8).
    TripleLowbar,
    /// Every `.` is a namespace `/`, then the name is URL-decoded (the key absent: older graphs).
    Legacy,
}

/// A Logseq graph, as its settings describe it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Graph {
    /// The graph has `logseq/config.edn` (else it was recognised by its journal files, and
    /// page file names are read as plain names).
    pub(crate) has_config: bool,
    /// `:journal/file-name-format`, as written (Logseq's syntax).
    pub(crate) journal_file_format: String,
    /// `:journal/page-title-format` (or its old name `:date-formatter`), as written.
    pub(crate) journal_title_format: String,
    pub(crate) file_name_format: FileNameFormat,
    /// `:hidden`: vault-relative path prefixes (without the leading `/`) Logseq does not read.
    pub(crate) hidden: Vec<String>,
    pub(crate) pages_dir: String,
    pub(crate) journals_dir: String,
}

impl Default for Graph {
    /// Logseq's defaults when `config.edn` is silent.
    fn default() -> Self {
        Graph {
            has_config: true,
            journal_file_format: "yyyy_MM_dd".into(),
            journal_title_format: "MMM do, yyyy".into(),
            file_name_format: FileNameFormat::Legacy,
            hidden: Vec::new(),
            pages_dir: "pages".into(),
            journals_dir: "journals".into(),
        }
    }
}

impl Graph {
    /// The graph at `vault`, if it is one: `logseq/config.edn` read, or Logseq journal files
    /// in `journals/`.
    pub(crate) fn read(vault: &Path, warnings: &mut Vec<Diagnostic>) -> Option<Graph> {
        let text = match crate::fsx::read_capped(&vault.join(CONFIG_EDN), MAX_CONFIG_BYTES) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(crate::fsx::ReadError::NotFound) => {
                return has_journal_files(vault).then(|| Graph {
                    has_config: false,
                    ..Graph::default()
                });
            }
            Err(e) => {
                warnings.push(Diagnostic::file(
                    CONFIG_EDN,
                    format!("{e}; Logseq's defaults are used"),
                ));
                return Some(Graph::default());
            }
        };
        Some(Graph::parse(&text, warnings))
    }

    /// Reads the text of a `config.edn`.
    pub(crate) fn parse(text: &str, warnings: &mut Vec<Diagnostic>) -> Graph {
        let mut graph = Graph::default();
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let (value, rest) = match edn::read(text) {
            Ok(read) => read,
            Err(e) => {
                warnings.push(Diagnostic::new(
                    CONFIG_EDN,
                    e.line.map_or(0, to_u32),
                    e.column.map_or(0, to_u32),
                    format!(
                        "is not valid EDN ({}); Logseq's defaults are used",
                        edn_problem(&e.code)
                    ),
                ));
                return graph;
            }
        };
        let Edn::Map(map) = &value else {
            warnings.push(Diagnostic::file(
                CONFIG_EDN,
                "does not hold a map of settings (`{:key value …}`); Logseq's defaults are used",
            ));
            return graph;
        };
        if !matches!(edn::read(rest), Err(e) if e.code == clojure_reader::error::Code::UnexpectedEOF && e.line.is_none())
        {
            let consumed = &text[..text.len() - rest.len()];
            let line = memchr::memchr_iter(b'\n', consumed.as_bytes()).count() + 1;
            warnings.push(Diagnostic::new(
                CONFIG_EDN,
                to_u32(line),
                0,
                "the settings map ends here; the text after it is ignored, as Logseq ignores it",
            ));
        }
        let get = |key: &'static str| map.get(&Edn::Key(key.into()));
        let mut bad = |key: &str, expected: &str, instead: &str| {
            warnings.push(Diagnostic::new(
                CONFIG_EDN,
                key_line(text, key),
                0,
                format!("`:{key}` must be {expected}; {instead}"),
            ));
        };
        let string = |v: &Edn<'_>| match v {
            Edn::Str(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
            _ => None,
        };
        if let Some(v) = get("journal/file-name-format") {
            match string(v) {
                Some(s) => graph.journal_file_format = s,
                None => bad(
                    "journal/file-name-format",
                    "a date format such as \"yyyy_MM_dd\"",
                    "the default is used",
                ),
            }
        }
        let title_key = ["journal/page-title-format", "date-formatter"]
            .into_iter()
            .find(|k| get(k).is_some());
        if let Some(key) = title_key
            && let Some(v) = get(key)
        {
            match string(v) {
                Some(s) => graph.journal_title_format = s,
                None => bad(
                    key,
                    "a date format such as \"MMM do, yyyy\"",
                    "the default is used",
                ),
            }
        }
        if let Some(v) = get("file/name-format") {
            match v {
                Edn::Key(k) if k == "triple-lowbar" => {
                    graph.file_name_format = FileNameFormat::TripleLowbar;
                }
                Edn::Key(k) if k == "legacy" => graph.file_name_format = FileNameFormat::Legacy,
                _ => bad(
                    "file/name-format",
                    "`:triple-lowbar` or `:legacy`",
                    "`:legacy` is used, as Logseq does",
                ),
            }
        }
        if let Some(v) = get("preferred-workflow")
            && !matches!(v, Edn::Key(k) if k.eq_ignore_ascii_case("now") || k.eq_ignore_ascii_case("todo"))
        {
            // Only which markers the app inserts; every marker is read whatever it says.
            bad(
                "preferred-workflow",
                "`:now` or `:todo`",
                "every task marker is read all the same",
            );
        }
        if let Some(v) = get("hidden") {
            match v {
                Edn::Vector(items) | Edn::List(items) => {
                    for item in items {
                        match string(item).as_deref().map(hidden_prefix) {
                            Some(Some(p)) => graph.hidden.push(p),
                            _ => bad(
                                "hidden",
                                "a list of folder or file paths inside the graph, such as [\"/archive\"]",
                                &format!("`{}` is not hidden", edn_text(item)),
                            ),
                        }
                    }
                }
                _ => bad(
                    "hidden",
                    "a list of paths, such as [\"/archive\"]",
                    "nothing is hidden",
                ),
            }
        }
        for (key, slot) in [
            ("pages-directory", &mut graph.pages_dir),
            ("journals-directory", &mut graph.journals_dir),
        ] {
            if let Some(v) = get(key) {
                match string(v).as_deref().and_then(super::vault_folder) {
                    Some(f) if !f.is_empty() => *slot = f,
                    _ => bad(
                        key,
                        "a folder inside the graph",
                        &format!("`{slot}` is used"),
                    ),
                }
            }
        }
        graph
    }

    /// What reading notes needs of this graph.
    pub(crate) fn parse_settings(&self) -> LogseqSettings {
        let lenient = |f: &str| MomentFormat::new(&to_moment(f, true));
        let exact = |f: &str| MomentFormat::new(&to_moment(f, false));
        // Logseq's own fallbacks (`safe-journal-title-formatters`), after the graph's format.
        let fallbacks = ["MMM do, yyyy", "yyyy-MM-dd", "yyyy_MM_dd"];
        let mut titles = vec![lenient(&self.journal_title_format)];
        titles.extend(fallbacks.iter().map(|f| lenient(f)));
        titles.dedup();
        let mut names = vec![lenient(&self.journal_file_format)];
        names.extend(titles.iter().cloned());
        names.dedup();
        LogseqSettings {
            journals_folder: self.journals_dir.clone(),
            journal_file_format: self.journal_file_format.clone(),
            journal_names: names,
            title_format: exact(&self.journal_title_format),
            journal_titles: titles,
        }
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Whether `vault/journals` holds a file named as Logseq names journals (`2026_11_24.md`).
/// Only the folder is listed; no file is opened.
fn has_journal_files(vault: &Path) -> bool {
    let dir = vault.join("journals");
    if !std::fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir()) {
        return false;
    }
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return false;
    };
    let format = MomentFormat::new(&to_moment("yyyy_MM_dd", false));
    entries.flatten().take(10_000).any(|e| {
        e.file_name().to_str().is_some_and(|name| {
            let stem = crate::model::strip_note_ext(name);
            stem != name && format.parse(stem).is_some()
        })
    })
}

/// A `:hidden` entry as a vault-relative prefix: Logseq roots every entry at the graph (`"a"`
/// is `"/a"`) and hides the paths that start with it (so `/archive` also hides
/// `/archive-2024.md`). `None` for an entry that could match nothing inside the graph or
/// everything (`..`, empty).
fn hidden_prefix(entry: &str) -> Option<String> {
    let p = entry.trim().trim_start_matches('/');
    let inside =
        !p.is_empty() && !p.contains('\\') && p.split('/').all(|part| part != ".." && part != ".");
    inside.then(|| p.to_string())
}

/// The line of the first `:key` in the text (1 when not found).
fn key_line(text: &str, key: &str) -> u32 {
    let token = format!(":{key}");
    let at = text
        .match_indices(&token)
        .map(|(i, _)| i)
        .find(|&i| {
            text[i + token.len()..]
                .chars()
                .next()
                .is_none_or(|c| c.is_whitespace() || matches!(c, ',' | '"' | '[' | '{' | '#'))
        })
        .unwrap_or(0);
    to_u32(memchr::memchr_iter(b'\n', &text.as_bytes()[..at]).count() + 1)
}

fn edn_problem(code: &clojure_reader::error::Code) -> String {
    use clojure_reader::error::Code;
    match code {
        Code::UnexpectedEOF => "it ends before a bracket or string is closed".into(),
        Code::UnmatchedDelimiter(c) => format!("`{c}` closes nothing"),
        Code::HashMapDuplicateKey => "a key is given twice".into(),
        Code::SetDuplicateKey => "a set holds a value twice".into(),
        Code::InvalidTag => "a `#` form that EDN does not have".into(),
        other => format!("{other:?}"),
    }
}

fn edn_text(v: &Edn<'_>) -> String {
    match v {
        Edn::Str(s) => s.to_string(),
        Edn::Key(k) => format!(":{k}"),
        Edn::Symbol(s) => s.to_string(),
        Edn::Int(i) => i.to_string(),
        Edn::Nil => "nil".into(),
        _ => "a value".into(),
    }
}

/// A Logseq (cljs-time, Joda-style) date format as a moment.js format. With `lenient`, month
/// and day numbers read one or two digits, as Logseq reads them (`2026_1_5`); otherwise they
/// are written zero-padded.
pub(crate) fn to_moment(format: &str, lenient: bool) -> String {
    let mut out = String::new();
    let chars: Vec<char> = format.chars().collect();
    let mut i = 0;
    let literal = |out: &mut String, c: char| {
        if c.is_ascii_alphabetic() || matches!(c, '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            // 'quoted text'; '' is a quote.
            if chars.get(i + 1) == Some(&'\'') {
                out.push('\'');
                i += 2;
                continue;
            }
            i += 1;
            while i < chars.len() {
                if chars[i] == '\'' {
                    if chars.get(i + 1) == Some(&'\'') {
                        out.push('\'');
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                literal(&mut out, chars[i]);
                i += 1;
            }
            continue;
        }
        if !c.is_ascii_alphabetic() {
            literal(&mut out, c);
            i += 1;
            continue;
        }
        let run = chars[i..].iter().take_while(|&&x| x == c).count();
        i += run;
        let token = match (c, run) {
            ('y' | 'Y' | 'u', 2) => "YY",
            ('y' | 'Y' | 'u', _) => "YYYY",
            ('x', 2) => "GG",
            ('x', _) => "GGGG",
            ('M', 1) => "M",
            ('M', 2) if lenient => "M",
            ('M', 2) => "MM",
            ('M', 3) => "MMM",
            ('M', _) => "MMMM",
            // `do`: the day with its ordinal suffix (24th).
            ('d', 1) if chars.get(i) == Some(&'o') => {
                i += 1;
                "Do"
            }
            ('d', 1) => "D",
            ('d', _) if lenient => "D",
            ('d', _) => "DD",
            ('D', _) => "DDD",
            ('E', 1..=3) => "ddd",
            ('E', _) => "dddd",
            ('e', _) => "E",
            ('w', 1) => "W",
            ('w', _) => "WW",
            ('H', 1) => "H",
            ('H', _) => "HH",
            ('h', 1) => "h",
            ('h', _) => "hh",
            ('m', 1) => "m",
            ('m', _) => "mm",
            ('s', 1) => "s",
            ('s', _) => "ss",
            ('a', _) => "A",
            _ => {
                for _ in 0..run {
                    literal(&mut out, c);
                }
                continue;
            }
        };
        out.push_str(token);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::parse_date;

    fn graph(text: &str) -> (Graph, Vec<Diagnostic>) {
        let mut w = Vec::new();
        let g = Graph::parse(text, &mut w);
        (g, w)
    }

    #[test]
    fn defaults_when_the_file_is_silent() {
        let (g, w) = graph("{:meta/version 1}");
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(g, Graph::default());
        assert_eq!(
            g.file_name_format,
            FileNameFormat::Legacy,
            "an absent key is legacy"
        );
    }

    #[test]
    fn reads_the_keys_that_matter_around_everything_else() {
        let (g, w) = graph(
            "\u{FEFF};; comment\r\n{:meta/version 1, :preferred-workflow :todo\n :hidden [\"/archive\" \"script\"]\n #_:srs/learning-fraction #_0.5\n :default-queries {:journals [{:query [:find (pull ?h [*]) :where [(contains? #{\"NOW\" \"DOING\"} ?m)]] :inputs [:14d :today]}]}\n :journal/page-title-format \"EEE do, MMM yyyy\" :journal/file-name-format \"yyyy-MM-dd\"\n :file/name-format :triple-lowbar :x #uuid \"6744c2a1-8f3e-4d6b-9a21-5c0d7e9f1a42\" :r 1/2 :f 0.5\n :pages-directory \"notes/\" :journals-directory \"/daily\"}",
        );
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(g.hidden, ["archive", "script"]);
        assert_eq!(g.journal_title_format, "EEE do, MMM yyyy");
        assert_eq!(g.journal_file_format, "yyyy-MM-dd");
        assert_eq!(g.file_name_format, FileNameFormat::TripleLowbar);
        assert_eq!(
            (g.pages_dir.as_str(), g.journals_dir.as_str()),
            ("notes", "daily")
        );
    }

    #[test]
    fn broken_files_and_bad_values_are_warnings_with_lines() {
        let (g, w) = graph("{:hidden [\"a\"\n :x 1\n :y }");
        assert_eq!(g, Graph::default());
        assert_eq!(w.len(), 1);
        assert!(w[0].message.starts_with("is not valid EDN"), "{}", w[0]);
        assert_eq!(w[0].line, 3);
        let (_, w) = graph("{:a 1 :a 2}");
        assert!(w[0].message.contains("twice"), "{}", w[0]);
        let (g, w) = graph(
            "{:hidden \"archive\"\n :file/name-format \"triple-lowbar\"\n :journals-directory \"../elsewhere\"\n :preferred-workflow :later\n :journal/file-name-format 3}",
        );
        let lines: Vec<u32> = w.iter().map(|d| d.line).collect();
        assert_eq!(lines, [5, 2, 4, 1, 3], "{w:?}");
        assert_eq!(g.journals_dir, "journals");
        assert!(g.hidden.is_empty());
        let (g, w) = graph("{:hidden [\"/\" \"../x\" \"/ok\"]}");
        assert_eq!(g.hidden, ["ok"]);
        assert_eq!(w.len(), 2);
        let (_, w) = graph("[1 2]");
        assert!(w[0].message.contains("map of settings"));
    }

    #[test]
    fn text_after_the_map_is_said_to_be_ignored() {
        let (g, w) = graph("{:hidden [\"/a\"]}\n}\n:file/name-format :triple-lowbar}");
        assert_eq!(g.hidden, ["a"]);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].line, 1);
        let (_, w) = graph("{:a 1}\n;; only a comment after\n\n");
        assert!(w.is_empty(), "{w:?}");
    }

    #[test]
    fn logseq_date_formats_in_moment_terms() {
        assert_eq!(to_moment("yyyy_MM_dd", false), "YYYY_MM_DD");
        assert_eq!(to_moment("yyyy_MM_dd", true), "YYYY_M_D");
        assert_eq!(to_moment("MMM do, yyyy", false), "MMM Do, YYYY");
        assert_eq!(to_moment("EEEE, dd.MM.yyyy", false), "dddd, DD.MM.YYYY");
        assert_eq!(to_moment("E, MM/dd/yyyy", false), "ddd, MM/DD/YYYY");
        assert_eq!(to_moment("yyyy年MM月dd日", false), "YYYY年MM月DD日");
        assert_eq!(to_moment("'week' ww", false), "\\w\\e\\e\\k WW");
        let day = parse_date("2026-11-24").expect("date");
        for (logseq, written) in [
            ("MMM do, yyyy", "Nov 24th, 2026"),
            ("do MMMM yyyy", "24th November 2026"),
            ("EEE, dd-MM-yyyy", "Tue, 24-11-2026"),
            ("EEEE, yyyy/MM/dd", "Tuesday, 2026/11/24"),
            ("yyyyMMdd", "20261124"),
            ("yyyy-MM-dd EEEE", "2026-11-24 Tuesday"),
            ("yyyy年MM月dd日", "2026年11月24日"),
            ("'Day' d 'of' MMMM", "Day 24 of November"),
        ] {
            let f = MomentFormat::new(&to_moment(logseq, false));
            assert_eq!(f.format(day), written, "{logseq}");
            if to_moment(logseq, false).contains("YY") {
                let lenient = MomentFormat::new(&to_moment(logseq, true));
                assert_eq!(lenient.parse(written), Some(day), "{logseq}");
            }
        }
        let lenient = MomentFormat::new(&to_moment("yyyy_MM_dd", true));
        assert_eq!(lenient.parse("2026_1_5"), parse_date("2026-01-05"));
        assert_eq!(lenient.parse("2026_11_31"), None);
    }

    #[test]
    fn a_graph_is_found_by_its_config_or_its_journal_files() {
        let dir = tempfile::tempdir().expect("tmp");
        let mut w = Vec::new();
        assert_eq!(Graph::read(dir.path(), &mut w), None);
        std::fs::create_dir_all(dir.path().join("journals")).expect("mkdir");
        std::fs::write(dir.path().join("journals/2026-11-24.md"), "").expect("write");
        assert_eq!(Graph::read(dir.path(), &mut w), None, "not a Logseq name");
        std::fs::write(dir.path().join("journals/2026_11_24.md"), "").expect("write");
        let g = Graph::read(dir.path(), &mut w).expect("journals");
        assert!(!g.has_config);
        std::fs::create_dir_all(dir.path().join("logseq")).expect("mkdir");
        std::fs::write(
            dir.path().join(CONFIG_EDN),
            "{:file/name-format :triple-lowbar}",
        )
        .expect("write");
        let g = Graph::read(dir.path(), &mut w).expect("config");
        assert!(g.has_config);
        assert_eq!(g.file_name_format, FileNameFormat::TripleLowbar);
        assert!(w.is_empty(), "{w:?}");
    }
}
