//! Aligned text tables and the small visual pieces of terminal output (progress bars,
//! sparklines), with optional colour. Colour is added as ANSI styles here and stripped by
//! `anstream` when the output is not a terminal or colour is off.

use anstyle::{AnsiColor, Style};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

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

/// A table with a header row.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<Cell>>,
    flexible: Vec<bool>,
}

/// The narrowest a flexible column is cut to when the table must fit a terminal.
const MIN_FLEX: usize = 12;

impl Table {
    pub(crate) fn new(headers: &[&str]) -> Table {
        Table {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
            flexible: vec![false; headers.len()],
        }
    }

    /// Marks a column whose cells may be cut (ending in `…`) to fit the terminal.
    pub(crate) fn flexible(mut self, col: usize) -> Table {
        if let Some(f) = self.flexible.get_mut(col) {
            *f = true;
        }
        self
    }

    pub(crate) fn row(&mut self, cells: Vec<Cell>) {
        self.rows.push(cells);
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Writes the table; columns are as wide as their widest cell, the last one unpadded.
    /// With a `width` (a terminal's), flexible columns are narrowed until the table fits;
    /// without one (a pipe, a file), nothing is cut.
    pub(crate) fn write(&self, w: &mut dyn Write, width: Option<usize>) -> io::Result<()> {
        let n = self.headers.len();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.width()).collect();
        for row in &self.rows {
            for (i, c) in row.iter().enumerate().take(n) {
                widths[i] = widths[i].max(clean(&c.text).width());
            }
        }
        if let Some(max) = width {
            fit(&mut widths, &self.flexible, max);
        }
        let header_style = Style::new().bold();
        let header: Vec<Cell> = self
            .headers
            .iter()
            .map(|h| Cell::styled(h.clone(), header_style))
            .collect();
        for row in std::iter::once(&header).chain(&self.rows) {
            let mut line = String::new();
            for (i, c) in row.iter().enumerate().take(n) {
                let text = truncate(&clean(&c.text), widths[i]);
                let pad = widths[i].saturating_sub(text.width());
                line.push_str(&format!(
                    "{}{}{}",
                    c.style.render(),
                    text,
                    c.style.render_reset()
                ));
                if i + 1 < n {
                    line.push_str(&" ".repeat(pad + 2));
                }
            }
            writeln!(w, "{}", line.trim_end())?;
        }
        Ok(())
    }
}

/// Narrows the widest flexible column, one column at a time, until the row fits `max`.
fn fit(widths: &mut [usize], flexible: &[bool], max: usize) {
    let total = |w: &[usize]| w.iter().sum::<usize>() + 2 * w.len().saturating_sub(1);
    while total(widths) > max {
        let widest = (0..widths.len())
            .filter(|&i| flexible[i] && widths[i] > MIN_FLEX)
            .max_by_key(|&i| widths[i]);
        match widest {
            Some(i) => widths[i] -= 1,
            None => break,
        }
    }
}

/// The width of the terminal standard output is, if it is one.
pub(crate) fn terminal_width() -> Option<usize> {
    use std::io::IsTerminal;
    if !io::stdout().is_terminal() {
        return None;
    }
    terminal_size::terminal_size().map(|(w, _)| usize::from(w.0))
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
    let mut out = String::new();
    let mut w = 0;
    for c in text.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

pub(crate) fn color(c: AnsiColor) -> Style {
    Style::new().fg_color(Some(c.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_by_display_width() {
        let mut t = Table::new(&["A", "B", "C"]);
        t.row(vec!["日本".into(), "x".into(), "end".into()]);
        t.row(vec!["a".into(), "long cell".into(), "".into()]);
        let mut out = Vec::new();
        t.write(&mut out, None).expect("write");
        let s = String::from_utf8(out).expect("utf8");
        let plain: String = anstream::adapter::strip_str(&s).to_string();
        assert_eq!(
            plain,
            "A     B          C\n日本  x          end\na     long cell\n"
        );
    }

    #[test]
    fn long_cells_are_cut_only_to_fit_a_terminal() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("日本語", 5), "日本…");
        assert_eq!(truncate("abc", 3), "abc");
        let mut t = Table::new(&["A", "B", "C"]).flexible(1);
        let long = "a long task description that goes on and on";
        t.row(vec!["x".into(), long.into(), "path.md:1".into()]);
        let render = |width| {
            let mut out = Vec::new();
            t.write(&mut out, width).expect("write");
            anstream::adapter::strip_str(&String::from_utf8(out).expect("utf8")).to_string()
        };
        assert!(render(None).contains(long), "piped: whole");
        let narrow = render(Some(40));
        assert!(narrow.lines().all(|l| l.width() <= 40), "{narrow}");
        assert!(narrow.contains("…  path.md:1"), "{narrow}");
        assert!(
            render(Some(5)).contains("path.md:1"),
            "fixed columns are never cut"
        );
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        assert_eq!(clean("a\u{1b}[31mb\nc"), "a [31mb c");
    }
}
