//! Aligned text tables for the terminal, and their plain form for other programs, with
//! optional colour. Colour is added as ANSI styles here and stripped by `anstream` when the
//! output is not a terminal or colour is off.
//!
//! A table fits the width it is given: columns left empty are not drawn, decoration (a
//! progress bar) goes first, then the WHERE column gives way (file name only, cut, then left
//! out), then optional ones (a start date), then context columns such as PLAN (cut to 12, then left out), and the text the
//! table is for takes the room that is left,
//! cut with `…` or wrapped onto more lines. No line is ever wider than the width. Piped to
//! another program, a table is plain: tab-separated cells, every column in its place, no
//! header, nothing cut or padded (as `gh` does), so `cut -f2` and `sort` work on it.

use anstyle::{AnsiColor, Style};
use std::io::{self, Write};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// One cell: its text and how to colour it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Cell {
    pub text: String,
    pub style: Style,
}

impl Cell {
    pub(crate) fn plain(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            style: Style::new(),
        }
    }

    pub(crate) fn styled(text: impl Into<String>, style: Style) -> Cell {
        Cell {
            text: text.into(),
            style,
        }
    }
}

impl<T: Into<String>> From<T> for Cell {
    fn from(t: T) -> Cell {
        Cell::plain(t)
    }
}

/// What a column gives up when the table must fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Short values (a status, a date, a count): never cut.
    Fixed,
    /// The text the table is for (a task, a prompt): takes the room left, cut with `…`.
    Text,
    /// The same, wrapped onto more lines instead of cut (answers).
    Wrapped,
    /// Context for the text (a plan's title, a feeling): cut to [`CONTEXT_MIN`], then left
    /// out, before the text is cut below what it wants.
    Context,
    /// What names the row (a plan's title in the plans table): cut like context, never left
    /// out.
    Name,
    /// Decoration (a progress bar): the first thing left out.
    Extra,
    /// A short value worth less than the text (a start date): never cut, left out after the
    /// WHERE column.
    Optional,
    /// Where an item is written (`path:line`): the file name alone, then cut from the left to
    /// [`PLACE_MIN`], then left out — the first column to give way.
    Place,
}

/// How a table is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// Aligned to fit this many columns (a terminal's width, or `COLUMNS`).
    Fit(usize),
    /// Aligned, every cell whole (`--wide`).
    Wide,
    /// For other programs: tab-separated, every column, no header, nothing cut.
    Plain,
}

/// A table with a header row.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    headers: Vec<String>,
    roles: Vec<Role>,
    rows: Vec<Vec<Cell>>,
}

/// The narrowest a context column is cut to before it is left out.
const CONTEXT_MIN: usize = 12;
/// The narrowest a WHERE column is cut to before it is left out.
const PLACE_MIN: usize = 20;
/// What the text columns want before the others give way: half the width, at least this…
const TEXT_WANT: usize = 40;
/// …and at most this (on a wide terminal the other columns stay).
const TEXT_WANT_MOST: usize = 60;
/// The narrowest a text column is cut to while another column is still shown.
const TEXT_MIN: usize = 8;
/// Between two columns.
const GAP: usize = 2;

/// One column as laid out.
#[derive(Debug, Clone, Copy)]
struct Col {
    at: usize,
    role: Role,
    natural: usize,
    width: usize,
    /// A WHERE column shown by file name only.
    compact: bool,
}

impl Table {
    /// A table with these columns.
    pub(crate) fn new(columns: &[(&str, Role)]) -> Table {
        Table {
            headers: columns.iter().map(|(h, _)| h.to_string()).collect(),
            roles: columns.iter().map(|&(_, r)| r).collect(),
            rows: Vec::new(),
        }
    }

    pub(crate) fn row(&mut self, cells: Vec<Cell>) {
        self.rows.push(cells);
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    fn cell(&self, row: usize, col: usize) -> &str {
        self.rows[row].get(col).map_or("", |c| c.text.as_str())
    }

    /// Writes the table as `layout` says.
    pub(crate) fn write(&self, w: &mut dyn Write, layout: Layout) -> io::Result<()> {
        match layout {
            Layout::Plain => self.write_plain(w),
            Layout::Wide => self.write_aligned(w, None),
            Layout::Fit(width) => self.write_aligned(w, Some(width.max(1))),
        }
    }

    fn write_plain(&self, w: &mut dyn Write) -> io::Result<()> {
        for row in &self.rows {
            let mut line = String::new();
            for i in 0..self.headers.len() {
                if i > 0 {
                    line.push('\t');
                }
                if let Some(c) = row.get(i) {
                    push_styled(&mut line, &clean(c.text.trim()), c.style);
                }
            }
            writeln!(w, "{line}")?;
        }
        Ok(())
    }

    fn write_aligned(&self, w: &mut dyn Write, width: Option<usize>) -> io::Result<()> {
        let cols = self.layout(width);
        let header_style = Style::new().bold();
        let header: Vec<Cell> = self
            .headers
            .iter()
            .map(|h| Cell::styled(h.clone(), header_style))
            .collect();
        for row in std::iter::once(&header).chain(&self.rows) {
            // Each column's lines: one, or more for a wrapped one.
            let parts: Vec<Vec<String>> = cols
                .iter()
                .map(|c| {
                    let text = row.get(c.at).map_or(String::new(), |cell| {
                        let t = clean(cell.text.trim()).into_owned();
                        if c.compact { file_name(&t) } else { t }
                    });
                    match (c.role, width) {
                        (_, None) => vec![text],
                        (Role::Wrapped, Some(_)) => wrap(&text, c.width),
                        (Role::Place, Some(_)) => vec![cut_left(&text, c.width)],
                        (_, Some(_)) => vec![truncate(&text, c.width)],
                    }
                })
                .collect();
            let height = parts.iter().map(Vec::len).max().unwrap_or(1);
            for k in 0..height {
                let mut line = String::new();
                for (j, c) in cols.iter().enumerate() {
                    let text = parts[j].get(k).map_or("", String::as_str);
                    let style = row.get(c.at).map_or(Style::new(), |cell| cell.style);
                    push_styled(&mut line, text, style);
                    if j + 1 < cols.len() {
                        let pad = c.width.saturating_sub(text.width());
                        line.push_str(&" ".repeat(pad + GAP));
                    }
                }
                let line = line.trim_end();
                match width {
                    Some(max) if visible_width(line) > max => {
                        let plain = anstream::adapter::strip_str(line).to_string();
                        let cut = cut_line(&plain, max);
                        // A wrapped line that starts past the edge shows nothing.
                        if k == 0 || !matches!(cut.trim(), "" | "…") {
                            writeln!(w, "{cut}")?;
                        }
                    }
                    _ => writeln!(w, "{line}")?,
                }
            }
        }
        Ok(())
    }

    /// The columns to draw and their widths: with a `width`, fitted to it (see the module
    /// docs); without, as wide as their widest cell.
    fn layout(&self, width: Option<usize>) -> Vec<Col> {
        let natural = |at: usize, compact: bool| {
            (0..self.rows.len())
                .map(|r| {
                    let t = clean(self.cell(r, at).trim()).into_owned();
                    if compact {
                        file_name(&t).width()
                    } else {
                        t.width()
                    }
                })
                .max()
                .unwrap_or(0)
                .max(self.headers[at].width())
        };
        let mut cols: Vec<Col> = (0..self.headers.len())
            .filter(|&at| (0..self.rows.len()).any(|r| !self.cell(r, at).trim().is_empty()))
            .map(|at| {
                let n = natural(at, false);
                Col {
                    at,
                    role: self.roles[at],
                    natural: n,
                    width: n,
                    compact: false,
                }
            })
            .collect();
        let Some(max) = width else {
            return cols;
        };
        let total = |cols: &[Col]| {
            cols.iter().map(|c| c.width).sum::<usize>() + GAP * cols.len().saturating_sub(1)
        };
        if total(&cols) <= max {
            return cols;
        }
        for c in cols.iter_mut().filter(|c| c.role == Role::Place) {
            c.compact = true;
            c.natural = natural(c.at, true);
            c.width = c.natural;
        }
        let is_text = |c: &Col| matches!(c.role, Role::Text | Role::Wrapped);
        loop {
            let text_natural: usize = cols.iter().filter(|c| is_text(c)).map(|c| c.natural).sum();
            let want = text_natural.min((max / 2).clamp(TEXT_WANT, TEXT_WANT_MOST));
            let others: usize = cols.iter().filter(|c| !is_text(c)).map(|c| c.width).sum();
            let room = max.saturating_sub(others + GAP * cols.len().saturating_sub(1));
            if room >= want {
                break;
            }
            let short = want - room;
            let extra = cols.iter().position(|c| c.role == Role::Extra);
            let place = cols.iter().position(|c| c.role == Role::Place);
            let context = (0..cols.len())
                .filter(|&i| {
                    matches!(cols[i].role, Role::Context | Role::Name)
                        && cols[i].width > CONTEXT_MIN
                })
                .max_by_key(|&i| (cols[i].width, std::cmp::Reverse(i)));
            let last_context = cols.iter().rposition(|c| c.role == Role::Context);
            let optional = cols.iter().rposition(|c| c.role == Role::Optional);
            if let Some(i) = extra {
                cols.remove(i);
            } else if let Some(i) = place.filter(|&i| cols[i].width > PLACE_MIN) {
                cols[i].width = cols[i].width.saturating_sub(short).max(PLACE_MIN);
            } else if let Some(i) = place.or(optional) {
                cols.remove(i);
            } else if let Some(i) = context {
                cols[i].width = cols[i].width.saturating_sub(short).max(CONTEXT_MIN);
            } else if let Some(i) = last_context {
                cols.remove(i);
            } else {
                break;
            }
        }
        // Too narrow for every text column to keep a few words: the later ones go.
        loop {
            let texts: Vec<usize> = (0..cols.len()).filter(|&i| is_text(&cols[i])).collect();
            let others: usize = cols.iter().filter(|c| !is_text(c)).map(|c| c.width).sum();
            let room = max.saturating_sub(others + GAP * cols.len().saturating_sub(1));
            match texts.as_slice() {
                [.., last] if texts.len() > 1 && room < TEXT_MIN * texts.len() => {
                    cols.remove(*last);
                }
                _ => break,
            }
        }
        // The text columns share what is left, in proportion to their widest cells.
        let others: usize = cols.iter().filter(|c| !is_text(c)).map(|c| c.width).sum();
        let room = max.saturating_sub(others + GAP * cols.len().saturating_sub(1));
        let text: Vec<usize> = (0..cols.len()).filter(|&i| is_text(&cols[i])).collect();
        let text_natural: usize = text.iter().map(|&i| cols[i].natural).sum();
        if text_natural > room {
            let mut left = room;
            for (k, &i) in text.iter().enumerate() {
                let share = if k + 1 == text.len() {
                    left
                } else {
                    (room * cols[i].natural / text_natural.max(1)).min(left)
                };
                cols[i].width = share.max(TEXT_MIN.min(cols[i].natural));
                left = left.saturating_sub(cols[i].width);
            }
        }
        // Room left over (a WHERE column left out gave more than was needed) goes back to
        // the columns that were cut.
        let mut spare = max.saturating_sub(total(&cols));
        for c in cols.iter_mut() {
            let give = c.natural.saturating_sub(c.width).min(spare);
            c.width += give;
            spare -= give;
        }
        cols
    }
}

fn push_styled(line: &mut String, text: &str, style: Style) {
    if text.is_empty() {
        return;
    }
    line.push_str(&format!(
        "{}{}{}",
        style.render(),
        text,
        style.render_reset()
    ));
}

/// The display width of a line that may hold ANSI styles.
fn visible_width(line: &str) -> usize {
    anstream::adapter::strip_str(line).to_string().width()
}

/// `Plans/Publish a book.md:52` → `Publish a book.md:52`.
fn file_name(place: &str) -> String {
    place.rsplit('/').next().unwrap_or(place).to_string()
}

/// Text fit for one table cell: control characters (a note could hold escape sequences)
/// and line breaks become spaces.
pub(crate) fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(char::is_control) {
        std::borrow::Cow::Owned(
            s.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// `text` cut to `max` display columns, with `…` where it was cut.
pub(crate) fn truncate(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in text.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    let out = out.trim_end().to_string();
    out + "…"
}

/// A whole line cut to `max` display columns when even the fixed columns do not fit: `…`
/// where text was lost, nothing where only spaces were.
fn cut_line(line: &str, max: usize) -> String {
    let mut out = String::new();
    let mut w = 0;
    for c in line.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    let lost = line[out.len()..].trim();
    if lost.is_empty() {
        return out.trim_end().to_string();
    }
    truncate(line, max)
}

/// `text` cut from the left to `max` display columns (`…book.md:52`): the end of a place
/// names the file and the line.
fn cut_left(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_string();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut w = 0;
    for c in text.chars().rev() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        kept.push(c);
        w += cw;
    }
    let kept: String = kept.into_iter().rev().collect();
    format!("…{}", kept.trim_start())
}

/// `text` wrapped at spaces into lines of at most `max` display columns; a word longer than
/// a line is cut into pieces.
pub(crate) fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word = word.to_string();
        loop {
            let sep = usize::from(!line.is_empty());
            if line.width() + sep + word.width() <= max {
                if sep == 1 {
                    line.push(' ');
                }
                line.push_str(&word);
                break;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            // A word wider than a line: as much as fits, the rest on the next.
            let mut head = String::new();
            let mut w = 0;
            let mut rest = String::new();
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if rest.is_empty() && (w + cw <= max || head.is_empty()) {
                    head.push(c);
                    w += cw;
                } else {
                    rest.push(c);
                }
            }
            lines.push(head);
            word = rest;
            if word.is_empty() {
                break;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

pub(crate) fn color(c: AnsiColor) -> Style {
    Style::new().fg_color(Some(c.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(t: &Table, layout: Layout) -> String {
        let mut out = Vec::new();
        t.write(&mut out, layout).expect("write");
        anstream::adapter::strip_str(&String::from_utf8(out).expect("utf8")).to_string()
    }

    fn tasks() -> Table {
        let mut t = Table::new(&[
            ("", Role::Fixed),
            ("DUE", Role::Fixed),
            ("PRI", Role::Fixed),
            ("TASK", Role::Text),
            ("PLAN", Role::Context),
            ("WHERE", Role::Place),
        ]);
        t.row(vec![
            "[ ]".into(),
            "2026-11-18".into(),
            "".into(),
            "Ask Rita how she found her editor, and what it cost her in the end #help".into(),
            "Publish my first novel".into(),
            "Plans/Publish a book.md:52".into(),
        ]);
        t.row(vec![
            "[/]".into(),
            "".into(),
            "".into(),
            "Q1 resourcing plan".into(),
            "".into(),
            "Notes/Meeting notes - Q4 planning.md:25".into(),
        ]);
        t
    }

    #[test]
    fn columns_align_by_display_width() {
        let mut t = Table::new(&[("A", Role::Fixed), ("B", Role::Text), ("C", Role::Fixed)]);
        t.row(vec!["日本".into(), "x".into(), "end".into()]);
        t.row(vec!["a".into(), "long cell".into(), "".into()]);
        assert_eq!(
            render(&t, Layout::Wide),
            "A     B          C\n日本  x          end\na     long cell\n"
        );
    }

    #[test]
    fn empty_columns_are_not_drawn() {
        let out = render(&tasks(), Layout::Wide);
        assert!(!out.contains("PRI"), "{out}");
        assert!(out.starts_with("     DUE         TASK"), "{out}");
    }

    #[test]
    fn where_gives_way_first_and_the_text_takes_the_room() {
        let wide = render(&tasks(), Layout::Fit(200));
        assert!(
            wide.contains("Plans/Publish a book.md:52"),
            "fits whole: {wide}"
        );
        let mid = render(&tasks(), Layout::Fit(130));
        assert!(
            mid.contains("  Publish a book.md:52"),
            "file name only: {mid}"
        );
        assert!(
            mid.contains("…notes - Q4 planning.md:25"),
            "then cut: {mid}"
        );
        assert!(
            mid.contains("and what it cost her in…"),
            "the text keeps 60: {mid}"
        );
        let narrow = render(&tasks(), Layout::Fit(80));
        assert!(!narrow.contains("WHERE"), "left out at 80: {narrow}");
        assert!(
            narrow.contains("Publish my first nov…"),
            "cut by what it must: {narrow}"
        );
        let tight = render(&tasks(), Layout::Fit(71));
        assert!(tight.contains("Publish my…"), "context cut to 12: {tight}");
        let tiny = render(&tasks(), Layout::Fit(60));
        assert!(!tiny.contains("PLAN"), "then left out: {tiny}");
        for (w, out) in [(130, &mid), (80, &narrow), (71, &tight), (60, &tiny)] {
            assert!(out.lines().all(|l| l.width() <= w), "{w}: {out}");
        }
        let absurd = render(&tasks(), Layout::Fit(10));
        assert!(absurd.lines().all(|l| l.width() <= 10), "{absurd}");
    }

    #[test]
    fn wrapped_text_keeps_every_word() {
        let mut t = Table::new(&[
            ("DATE", Role::Fixed),
            ("ANSWER", Role::Wrapped),
            ("WHERE", Role::Place),
        ]);
        let answer = "Mostly, yes. Busy, but busy with things I chose, which is a different animal from last year's busy.";
        t.row(vec![
            "2026-11-04".into(),
            answer.into(),
            "Daily/2026-11-04.md:14".into(),
        ]);
        let out = render(&t, Layout::Fit(50));
        assert!(out.lines().all(|l| l.width() <= 50), "{out}");
        let words: Vec<&str> = out
            .lines()
            .skip(1)
            .flat_map(|l| l.split_whitespace())
            .filter(|w| !w.starts_with("2026-"))
            .collect();
        assert_eq!(words.join(" "), answer, "{out}");
        assert!(
            out.lines()
                .nth(2)
                .is_some_and(|l| l.starts_with("            ")),
            "{out}"
        );
    }

    #[test]
    fn plain_tables_are_tab_separated_and_whole() {
        assert_eq!(
            render(&tasks(), Layout::Plain),
            "[ ]\t2026-11-18\t\tAsk Rita how she found her editor, and what it cost her in the end #help\tPublish my first novel\tPlans/Publish a book.md:52\n\
             [/]\t\t\tQ1 resourcing plan\t\tNotes/Meeting notes - Q4 planning.md:25\n"
        );
    }

    #[test]
    fn cutting_and_wrapping() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("日本語", 5), "日本…");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("ab cd", 4), "ab…");
        assert_eq!(cut_left("Plans/Book.md:52", 10), "…ook.md:52");
        assert_eq!(wrap("aa bb cc", 5), ["aa bb", "cc"]);
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(wrap("", 3), [""]);
        assert_eq!(wrap("日本語", 3), ["日", "本", "語"]);
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        assert_eq!(clean("a\u{1b}[31mb\nc"), "a [31mb c");
    }
}
