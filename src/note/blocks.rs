//! The block structure of a note, line by line: the one place that knows which lines are
//! code, HTML, comments, headings, list items, quotes or plain text.
//!
//! This is a line scanner that follows CommonMark's block rules (fenced and indented code,
//! HTML blocks, ATX and setext headings, thematic breaks, list items and their indentation,
//! block quotes, lazy continuation lines) plus Obsidian's `%% … %%` comments. It is not a full
//! Markdown parser: inline content is left to `inline.rs`.
//!
//! We scan lines ourselves rather than walk pulldown-cmark's events because every note of a
//! vault goes through here on a cold run. Measured with `cargo bench --bench parse` on 1 MB
//! of generated notes: this scanner takes 0.9 ms (1.1 GiB/s), 12% of the whole parse
//! (7.7 ms); pulldown-cmark's events alone take 2.5 ms, so using them would make every cold
//! parse about 21% slower — at 10,000 notes (10 MB), some 16 ms more on a cold `journal
//! review` of about 130 ms (docs/PERFORMANCE.md). The cost is ours to keep right: the
//! integration tests compare the scanner's line classes with pulldown-cmark's on generated
//! notes and on the CommonMark spec's examples (tests/it/scanner_oracle.rs, where the known
//! differences are listed with their reasons).

use std::borrow::Cow;

/// What a line is, once containers (block quotes) are stripped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind<'a> {
    /// Empty or only whitespace.
    Blank,
    /// Inside code, an HTML block or a comment: nothing on it is read.
    Hidden,
    /// An ATX heading (`## Text`).
    Heading {
        level: u8,
        text: Cow<'a, str>,
    },
    /// A setext underline (`===` or `---`): the previous text line was a heading.
    SetextUnderline {
        level: u8,
    },
    ThematicBreak,
    /// A list item's first line. `content` is the text after the marker.
    ListItem {
        id: u32,
        parent: Option<u32>,
        content: Cow<'a, str>,
    },
    /// Paragraph text, or a continuation line inside a list item.
    Text {
        content: Cow<'a, str>,
    },
}

/// One line of a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line<'a> {
    /// 1-based line number in the file.
    pub no: u32,
    pub kind: Kind<'a>,
    /// How many `>` levels the line sits in.
    pub quote_depth: u8,
    /// The line opens a block quote (the line before was not in one this deep).
    pub quote_opened: bool,
    /// The innermost open list item the line belongs to.
    pub item: Option<u32>,
    /// Byte offset of the kind's text within the line (comments removed), for columns.
    pub offset: usize,
    /// The line as written.
    pub raw: &'a str,
}

/// Splits text into lines on `\n`, `\r\n` or a bare `\r`.
#[derive(Debug, Clone)]
pub(crate) struct Lines<'a> {
    rest: &'a str,
    done: bool,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Lines {
            rest: text,
            done: text.is_empty(),
        }
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if self.done {
            return None;
        }
        match memchr::memchr2(b'\n', b'\r', self.rest.as_bytes()) {
            Some(i) => {
                let line = &self.rest[..i];
                let skip = if self.rest.as_bytes()[i] == b'\r'
                    && self.rest.as_bytes().get(i + 1) == Some(&b'\n')
                {
                    2
                } else {
                    1
                };
                self.rest = &self.rest[i + skip..];
                if self.rest.is_empty() {
                    self.done = true;
                }
                Some(line)
            }
            None => {
                self.done = true;
                Some(self.rest)
            }
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Fence {
    ch: u8,
    len: usize,
    quote_depth: u8,
    /// Content column of the list item holding the fence (0 outside lists).
    base: usize,
}

#[derive(Debug, Clone, Copy)]
enum HtmlEnd {
    /// Ends at the line holding this closing tag (`</script>`, ...).
    Tag(&'static str),
    /// Ends at the next blank line.
    Blank,
}

#[derive(Debug, Clone, Copy)]
struct Frame {
    content_col: usize,
    quote_depth: u8,
    id: u32,
}

/// Where a line stands in a region marked as journal's output (see `crate::markers`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Marked {
    No,
    Begin,
    Inside,
    End,
}

/// Walks a note body line by line. Build one with [`Scanner::new`] and iterate.
#[derive(Debug, Clone)]
pub struct Scanner<'a> {
    lines: Lines<'a>,
    next_no: u32,
    fence: Option<Fence>,
    /// An open HTML block: what ends it, the block-quote depth it sits in and the content
    /// column of the list item holding it (0 outside lists).
    html: Option<(HtmlEnd, u8, usize)>,
    in_percent_comment: bool,
    in_html_comment: bool,
    /// Between `<!-- journal:begin -->` and `<!-- journal:end -->`: journal's own output.
    in_generated: bool,
    /// Where the line last returned stands in a marked region.
    marked: Marked,
    /// No end marker line follows: a begin line from here on starts nothing.
    no_end_ahead: bool,
    /// A region journal wrote was met.
    saw_generated: bool,
    list: Vec<Frame>,
    next_item: u32,
    /// The previous line was paragraph text (lazy continuation and setext headings apply).
    para: bool,
    prev_quote_depth: u8,
}

impl<'a> Scanner<'a> {
    /// Scans `body`, whose first line is line `first_line` of the file.
    pub fn new(body: &'a str, first_line: u32) -> Self {
        Scanner {
            lines: Lines::new(body),
            next_no: first_line,
            fence: None,
            html: None,
            in_percent_comment: false,
            in_html_comment: false,
            in_generated: false,
            marked: Marked::No,
            no_end_ahead: false,
            saw_generated: false,
            list: Vec::new(),
            next_item: 0,
            para: false,
            prev_quote_depth: 0,
        }
    }

    /// Whether the lines so far held a region journal wrote (between the review markers).
    pub(crate) fn saw_generated(&self) -> bool {
        self.saw_generated
    }

    fn line(&self, no: u32, kind: Kind<'a>, quote_depth: u8, offset: usize) -> Line<'a> {
        Line {
            no,
            kind,
            quote_depth,
            quote_opened: quote_depth > self.prev_quote_depth,
            item: self.list.last().map(|f| f.id),
            offset,
            raw: "",
        }
    }

    fn classify(&mut self, no: u32, raw: &'a str) -> Line<'a> {
        if let Some(f) = self.fence {
            let (depth, rest) = strip_quotes_upto(raw, f.quote_depth);
            let (indent, _) = indentation(rest);
            let blank = rest.trim().is_empty();
            if depth >= f.quote_depth && (blank || indent >= f.base) {
                if is_closing_fence(rest, f) {
                    self.fence = None;
                }
                return self.line(no, Kind::Hidden, depth, 0);
            }
            // The block quote or list item holding the fence ended, and the fence with it.
            self.fence = None;
        }
        if let Some((end, quote_depth, base)) = self.html {
            let (depth, rest) = strip_quotes_upto(raw, quote_depth);
            if depth < quote_depth || (!rest.trim().is_empty() && indentation(rest).0 < base) {
                // The block quote or list item holding the HTML block ended, and the block
                // with it.
                self.html = None;
            } else {
                match end {
                    HtmlEnd::Blank if rest.trim().is_empty() => {
                        self.html = None;
                        self.para = false;
                        return self.line(no, Kind::Blank, depth, 0);
                    }
                    HtmlEnd::Blank => {}
                    HtmlEnd::Tag(tag) => {
                        if contains_ignore_ascii_case(raw, tag) {
                            self.html = None;
                        }
                    }
                }
                return self.line(no, Kind::Hidden, depth, 0);
            }
        }

        // What journal wrote into a note (a review kept between its markers) is not read back.
        // `crate::markers` finds the writer's region with this same code.
        if self.in_generated {
            self.in_generated = !crate::markers::is_marker(raw.as_bytes(), crate::markers::END);
            self.marked = if self.in_generated {
                Marked::Inside
            } else {
                Marked::End
            };
            return self.line(no, Kind::Hidden, 0, 0);
        }
        if !self.in_percent_comment
            && !self.in_html_comment
            && crate::markers::is_marker(raw.as_bytes(), crate::markers::BEGIN)
            && self.end_follows()
        {
            self.in_generated = true;
            self.marked = Marked::Begin;
            self.saw_generated = true;
            self.para = false;
            return self.line(no, Kind::Hidden, 0, 0);
        }
        let was_in_comment = self.in_percent_comment || self.in_html_comment;
        let visible = self.strip_comments(raw);
        if visible.trim().is_empty() && (was_in_comment || !raw.trim().is_empty()) {
            // A comment at the start of a block ends the paragraph, as an HTML block does;
            // indented under a paragraph, it is inline and the paragraph goes on.
            let indent = indentation(strip_quotes(raw).1).0;
            if !was_in_comment && (!self.para || indent - self.base_of(indent) < 4) {
                // It is an HTML block: it ends the paragraph and the list items it is not in.
                self.pop_list(indent);
                self.para = false;
            } else if was_in_comment {
                self.para = false;
            }
            return self.line(no, Kind::Hidden, self.prev_quote_depth, 0);
        }
        match visible {
            Cow::Borrowed(v) => self.structure(no, v),
            Cow::Owned(v) => {
                let line = self.structure(no, &v);
                into_owned(line, raw)
            }
        }
    }

    /// Whether an end marker line follows the current line. Each search stops at the end
    /// line that will close the region, and a failed one is remembered, so the scan stays
    /// linear however many begin lines there are.
    fn end_follows(&mut self) -> bool {
        if self.no_end_ahead {
            return false;
        }
        let found = Lines::new(self.lines.rest)
            .any(|l| crate::markers::is_marker(l.as_bytes(), crate::markers::END));
        self.no_end_ahead = !found;
        found
    }

    /// Where the line last returned stands in a region marked as journal's output.
    pub(crate) fn marked(&self) -> Marked {
        self.marked
    }

    /// Removes `%% … %%` and `<!-- … -->` comments (which may span lines), leaving code
    /// spans alone.
    fn strip_comments(&mut self, raw: &'a str) -> Cow<'a, str> {
        let b = raw.as_bytes();
        if !self.in_percent_comment
            && !self.in_html_comment
            && memchr::memchr2(b'%', b'<', b).is_none()
        {
            return Cow::Borrowed(raw);
        }
        let spans = if memchr::memchr(b'`', b).is_some() {
            code_spans(b)
        } else {
            Vec::new()
        };
        let mut out = String::with_capacity(raw.len());
        let mut i = 0;
        let mut keep_from = 0;
        let mut changed = false;
        while i < b.len() {
            if self.in_percent_comment {
                if b[i..].starts_with(b"%%") {
                    self.in_percent_comment = false;
                    i += 2;
                    keep_from = i;
                } else {
                    i += 1;
                }
                continue;
            }
            if self.in_html_comment {
                if b[i..].starts_with(b"-->") {
                    self.in_html_comment = false;
                    i += 3;
                    keep_from = i;
                } else {
                    i += 1;
                }
                continue;
            }
            match b[i] {
                b'`' => i = past_backticks(b, i, &spans),
                b'%' if b[i..].starts_with(b"%%") => {
                    out.push_str(&raw[keep_from..i]);
                    changed = true;
                    self.in_percent_comment = true;
                    i += 2;
                }
                b'<' if b[i..].starts_with(b"<!--") => {
                    out.push_str(&raw[keep_from..i]);
                    changed = true;
                    self.in_html_comment = true;
                    i += 4;
                }
                _ => i += 1,
            }
        }
        if !changed && keep_from == 0 {
            if self.in_percent_comment || self.in_html_comment {
                return Cow::Borrowed("");
            }
            return Cow::Borrowed(raw);
        }
        if !self.in_percent_comment && !self.in_html_comment {
            out.push_str(&raw[keep_from.min(raw.len())..]);
        }
        Cow::Owned(out)
    }

    fn structure<'b>(&mut self, no: u32, visible: &'b str) -> Line<'b>
    where
        'a: 'b,
    {
        let (mut depth, content) = strip_quotes(visible);
        let lazy = depth < self.prev_quote_depth && self.para && is_lazy_continuation(content);
        if lazy {
            depth = self.prev_quote_depth;
        }
        let content_offset = visible.len() - content.len();
        let quote_opened = depth > self.prev_quote_depth;
        if depth != self.prev_quote_depth {
            // Entering or leaving a block quote ends the paragraph and the lists around it.
            self.list.retain(|f| f.quote_depth == depth);
            self.para = false;
        }
        self.prev_quote_depth = depth;
        let mk = |s: &Scanner<'a>, kind: Kind<'b>, offset: usize| Line {
            no,
            kind,
            quote_depth: depth,
            quote_opened,
            item: s.list.last().map(|f| f.id),
            offset,
            raw: "",
        };

        if content.trim().is_empty() {
            self.para = false;
            return mk(self, Kind::Blank, 0);
        }

        let (indent, text_start) = indentation(content);
        let text = &content[text_start..];
        let offset = content_offset + text_start;
        if lazy {
            // A lazy line only continues the paragraph above it.
            return mk(
                self,
                Kind::Text {
                    content: Cow::Borrowed(text),
                },
                offset,
            );
        }
        let base = self.base_of(indent);
        let rel = indent - base;

        if rel >= 4 {
            if self.para {
                return mk(
                    self,
                    Kind::Text {
                        content: Cow::Borrowed(text),
                    },
                    offset,
                );
            }
            self.pop_list(indent);
            return mk(self, Kind::Hidden, offset);
        }

        if let Some(f) = opening_fence(text) {
            self.pop_list(indent);
            self.fence = Some(Fence {
                quote_depth: depth,
                base,
                ..f
            });
            self.para = false;
            return mk(self, Kind::Hidden, offset);
        }

        if let Some((level, heading)) = atx_heading(text) {
            self.pop_list(indent);
            self.para = false;
            return mk(
                self,
                Kind::Heading {
                    level,
                    text: Cow::Borrowed(heading),
                },
                offset,
            );
        }

        // A setext underline belongs to the paragraph's own container: not a lazy line, and in
        // a list item only when indented to the item's content.
        if self.para
            && !lazy
            && self.list.last().is_none_or(|f| indent >= f.content_col)
            && let Some(level) = setext_underline(text)
        {
            self.para = false;
            return mk(self, Kind::SetextUnderline { level }, offset);
        }

        if is_thematic_break(text) {
            self.pop_list(indent);
            self.para = false;
            return mk(self, Kind::ThematicBreak, offset);
        }

        if let Some((marker_len, ordered_one_or_bullet)) = list_marker(text) {
            let after = &text[marker_len..];
            let empty = after.trim().is_empty();
            // An empty item or an ordered list not starting at 1 cannot interrupt a paragraph.
            // (A new item of a list already open is no interruption; one that would open a
            // list inside the current item's paragraph is.)
            let nested = self.list.last().is_none_or(|f| indent >= f.content_col);
            let may_start = !self.para || (!empty && ordered_one_or_bullet) || !nested;
            if may_start {
                let (spaces, item_start) = indentation(after);
                let content_col =
                    indent + marker_len + if empty || spaces > 4 { 1 } else { spaces };
                self.pop_list(indent);
                let parent = self.list.last().map(|f| f.id);
                let id = self.next_item;
                self.next_item = self.next_item.saturating_add(1);
                self.list.push(Frame {
                    content_col,
                    quote_depth: depth,
                    id,
                });
                self.para = !empty;
                let item_text = if spaces > 4 {
                    &after[1.min(after.len())..]
                } else {
                    &after[item_start..]
                };
                let item_offset = offset + (text.len() - item_text.len());
                // A fence on the item's own line opens a code block inside the item
                // (Logseq writes every code block so: `- ```python`).
                if let Some(f) = opening_fence(item_text) {
                    self.fence = Some(Fence {
                        quote_depth: depth,
                        base: content_col,
                        ..f
                    });
                    self.para = false;
                    return mk(
                        self,
                        Kind::ListItem {
                            id,
                            parent,
                            content: Cow::Borrowed(""),
                        },
                        item_offset,
                    );
                }
                return mk(
                    self,
                    Kind::ListItem {
                        id,
                        parent,
                        content: Cow::Borrowed(item_text),
                    },
                    item_offset,
                );
            }
        }

        if text.starts_with('<')
            && let Some(end) = html_block_start(text, self.para)
        {
            self.pop_list(indent);
            self.para = false;
            let closes_here =
                matches!(end, HtmlEnd::Tag(tag) if contains_ignore_ascii_case(text, tag));
            if !closes_here {
                self.html = Some((end, depth, base));
            }
            return mk(self, Kind::Hidden, offset);
        }

        if !self.para {
            self.pop_list(indent);
        }
        self.para = true;
        mk(
            self,
            Kind::Text {
                content: Cow::Borrowed(text),
            },
            offset,
        )
    }

    /// Closes the list items that a line at `indent` is not inside.
    /// The content column of the innermost list item a line indented by `indent` can belong
    /// to (0 outside lists).
    fn base_of(&self, indent: usize) -> usize {
        self.list
            .iter()
            .rev()
            .find(|f| f.content_col <= indent)
            .map_or(0, |f| f.content_col)
    }

    fn pop_list(&mut self, indent: usize) {
        while self.list.last().is_some_and(|f| f.content_col > indent) {
            self.list.pop();
        }
    }
}

impl<'a> Iterator for Scanner<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        let raw = self.lines.next()?;
        let no = self.next_no;
        self.next_no = self.next_no.saturating_add(1);
        self.marked = Marked::No;
        let mut line = self.classify(no, raw);
        line.raw = raw;
        Some(line)
    }
}

fn into_owned<'x>(line: Line<'_>, raw: &'x str) -> Line<'x> {
    let own = |c: Cow<'_, str>| Cow::Owned(c.into_owned());
    let kind = match line.kind {
        Kind::Blank => Kind::Blank,
        Kind::Hidden => Kind::Hidden,
        Kind::Heading { level, text } => Kind::Heading {
            level,
            text: own(text),
        },
        Kind::SetextUnderline { level } => Kind::SetextUnderline { level },
        Kind::ThematicBreak => Kind::ThematicBreak,
        Kind::ListItem {
            id,
            parent,
            content,
        } => Kind::ListItem {
            id,
            parent,
            content: own(content),
        },
        Kind::Text { content } => Kind::Text {
            content: own(content),
        },
    };
    Line {
        no: line.no,
        kind,
        quote_depth: line.quote_depth,
        quote_opened: line.quote_opened,
        item: line.item,
        offset: line.offset,
        raw,
    }
}

/// Strips block-quote markers: `> > text` gives (2, "text").
pub(crate) fn strip_quotes(line: &str) -> (u8, &str) {
    strip_quotes_upto(line, u8::MAX)
}

/// Strips at most `max` levels of block-quote markers.
fn strip_quotes_upto(line: &str, max: u8) -> (u8, &str) {
    let mut depth = 0u8;
    let mut rest = line;
    loop {
        if depth == max {
            return (depth, rest);
        }
        let (indent, start) = indentation(rest);
        if indent > 3 || !rest[start..].starts_with('>') {
            return (depth, rest);
        }
        rest = &rest[start + 1..];
        rest = rest
            .strip_prefix(' ')
            .or_else(|| rest.strip_prefix('\t'))
            .unwrap_or(rest);
        depth = depth.saturating_add(1);
    }
}

/// Leading whitespace as (columns with tab stops of 4, bytes).
pub(crate) fn indentation(s: &str) -> (usize, usize) {
    let mut col = 0;
    for (i, b) in s.bytes().enumerate() {
        match b {
            b' ' => col += 1,
            b'\t' => col += 4 - col % 4,
            _ => return (col, i),
        }
    }
    (col, s.len())
}

/// A line that continues the paragraph above it even without the `>` of its block quote.
fn is_lazy_continuation(content: &str) -> bool {
    let (indent, start) = indentation(content);
    let t = &content[start..];
    // Indented by four or more, nothing can start there that would interrupt a paragraph.
    !t.is_empty()
        && (indent >= 4
            || (opening_fence(t).is_none()
                && atx_heading(t).is_none()
                && !is_thematic_break(t)
                && list_marker(t).is_none()
                && !(t.starts_with('<') && html_block_start(t, true).is_some())))
}

fn opening_fence(text: &str) -> Option<Fence> {
    let ch = *text.as_bytes().first()?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let len = text.bytes().take_while(|&b| b == ch).count();
    if len < 3 || (ch == b'`' && text[len..].contains('`')) {
        return None;
    }
    Some(Fence {
        ch,
        len,
        quote_depth: 0,
        base: 0,
    })
}

fn is_closing_fence(line: &str, f: Fence) -> bool {
    let (indent, start) = indentation(line);
    if indent.saturating_sub(f.base) > 3 {
        return false;
    }
    let t = &line[start..];
    let run = t.bytes().take_while(|&b| b == f.ch).count();
    run >= f.len && t[run..].trim().is_empty()
}

fn atx_heading(text: &str) -> Option<(u8, &str)> {
    let hashes = text.bytes().take_while(|&b| b == b'#').count();
    if hashes == 0 || hashes > 6 {
        return None;
    }
    let rest = &text[hashes..];
    if !(rest.is_empty() || rest.starts_with(' ') || rest.starts_with('\t')) {
        return None;
    }
    let mut t = rest.trim();
    // An optional closing sequence of `#`s, preceded by a space.
    let stripped = t.trim_end_matches('#');
    if stripped.is_empty() || stripped.ends_with(' ') || stripped.ends_with('\t') {
        t = stripped.trim_end();
    }
    Some((hashes as u8, t))
}

fn setext_underline(text: &str) -> Option<u8> {
    let t = text.trim_end();
    let ch = *t.as_bytes().first()?;
    if (ch == b'=' || ch == b'-') && t.bytes().all(|b| b == ch) {
        Some(if ch == b'=' { 1 } else { 2 })
    } else {
        None
    }
}

fn is_thematic_break(text: &str) -> bool {
    let Some(&ch) = text.as_bytes().first() else {
        return false;
    };
    if !matches!(ch, b'-' | b'*' | b'_') {
        return false;
    }
    let mut n = 0;
    for b in text.bytes() {
        match b {
            b' ' | b'\t' => {}
            b if b == ch => n += 1,
            _ => return false,
        }
    }
    n >= 3
}

/// A list marker at the start of `text`: (its length including nothing after it, whether it
/// may interrupt a paragraph: a bullet, or an ordered item numbered 1).
fn list_marker(text: &str) -> Option<(usize, bool)> {
    let b = text.as_bytes();
    let (len, may_interrupt) = match b.first()? {
        b'-' | b'*' | b'+' => (1, true),
        b'0'..=b'9' => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            if digits > 9 || !matches!(b.get(digits), Some(b'.' | b')')) {
                return None;
            }
            (digits + 1, &text[..digits] == "1")
        }
        _ => return None,
    };
    match b.get(len) {
        None | Some(b' ' | b'\t') => Some((len, may_interrupt)),
        _ => None,
    }
}

const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "base",
    "basefont",
    "blockquote",
    "body",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "iframe",
    "legend",
    "li",
    "link",
    "main",
    "menu",
    "menuitem",
    "nav",
    "noframes",
    "ol",
    "optgroup",
    "option",
    "p",
    "param",
    "search",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
];

/// Whether `text` (starting with `<`) opens an HTML block, and what ends it.
fn html_block_start(text: &str, in_paragraph: bool) -> Option<HtmlEnd> {
    let rest = &text[1..];
    // Processing instructions, CDATA and declarations (CommonMark's types 3 to 5).
    if rest.starts_with('?') {
        return Some(HtmlEnd::Tag("?>"));
    }
    if rest.starts_with("![CDATA[") {
        return Some(HtmlEnd::Tag("]]>"));
    }
    if rest.starts_with('!') && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Some(HtmlEnd::Tag(">"));
    }
    let closing = rest.starts_with('/');
    let name_start = usize::from(closing);
    let name: String = rest[name_start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect::<String>()
        .to_ascii_lowercase();
    if name.is_empty() {
        return None;
    }
    let after = rest[name_start + name.len()..].chars().next();
    let ends_name = matches!(after, None | Some(' ' | '\t' | '>'))
        || (after == Some('/') && rest[name_start + name.len()..].starts_with("/>"));
    if !closing && ends_name {
        let end = match name.as_str() {
            "script" => Some("</script>"),
            "pre" => Some("</pre>"),
            "style" => Some("</style>"),
            "textarea" => Some("</textarea>"),
            _ => None,
        };
        if let Some(tag) = end {
            return Some(HtmlEnd::Tag(tag));
        }
    }
    if ends_name && BLOCK_TAGS.contains(&name.as_str()) {
        return Some(HtmlEnd::Blank);
    }
    // Type 7: a complete tag alone on its line, which cannot interrupt a paragraph.
    if !in_paragraph && text.trim_end().ends_with('>') && !text[1..].contains('<') {
        let first = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
        if first && ends_name {
            return Some(HtmlEnd::Blank);
        }
    }
    None
}

fn contains_ignore_ascii_case(hay: &str, needle: &str) -> bool {
    let n = needle.as_bytes();
    hay.as_bytes()
        .windows(n.len())
        .any(|w| w.eq_ignore_ascii_case(n))
}

/// The code spans of a line (backticks included), in linear time even for lines full of
/// unmatched backticks: a run of N backticks opens a span that the next run of exactly N
/// backticks closes.
pub(crate) fn code_spans(b: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(k) = memchr::memchr(b'`', &b[i..]) {
        let start = i + k;
        let len = b[start..].iter().take_while(|&&c| c == b'`').count();
        runs.push((start, len));
        i = start + len;
    }
    let mut by_len: std::collections::HashMap<usize, (Vec<usize>, usize)> =
        std::collections::HashMap::new();
    for (r, &(_, len)) in runs.iter().enumerate() {
        by_len.entry(len).or_default().0.push(r);
    }
    let mut spans = Vec::new();
    let mut r = 0;
    while r < runs.len() {
        let (start, len) = runs[r];
        let closer = by_len.get_mut(&len).and_then(|(list, next)| {
            while list.get(*next).is_some_and(|&j| j <= r) {
                *next += 1;
            }
            list.get(*next).copied()
        });
        match closer {
            Some(j) => {
                spans.push(start..runs[j].0 + len);
                r = j + 1;
            }
            None => r += 1,
        }
    }
    spans
}

/// The end of the code span starting at `i` in `spans`, or the end of the backtick run at
/// `i` when no span starts there.
fn past_backticks(b: &[u8], i: usize, spans: &[std::ops::Range<usize>]) -> usize {
    match spans.binary_search_by_key(&i, |s| s.start) {
        Ok(k) => spans[k].end,
        Err(_) => i + b[i..].iter().take_while(|&&c| c == b'`').count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<String> {
        Scanner::new(text, 1)
            .map(|l| match l.kind {
                Kind::Blank => "blank".into(),
                Kind::Hidden => "hidden".into(),
                Kind::Heading { level, text } => format!("h{level} {text}"),
                Kind::SetextUnderline { level } => format!("setext{level}"),
                Kind::ThematicBreak => "hr".into(),
                Kind::ListItem {
                    id,
                    parent,
                    content,
                } => {
                    format!("item{id}<{parent:?} {content}")
                }
                Kind::Text { content } => format!("text {content}"),
            })
            .collect()
    }

    #[test]
    fn splits_every_line_ending() {
        let lines: Vec<_> = Lines::new("a\r\nb\rc\n\nd").collect();
        assert_eq!(lines, ["a", "b", "c", "", "d"]);
        assert_eq!(Lines::new("a\n").count(), 1);
        assert_eq!(Lines::new("").count(), 0);
    }

    #[test]
    fn fenced_code_is_hidden_until_closed() {
        assert_eq!(
            kinds("```md\n- [ ] no\n```\n- [ ] yes\n~~~~\n# no\n~~~\n~~~~"),
            [
                "hidden",
                "hidden",
                "hidden",
                "item0<None [ ] yes",
                "hidden",
                "hidden",
                "hidden",
                "hidden"
            ]
        );
    }

    #[test]
    fn a_fence_on_a_list_items_line_opens_code_in_the_item() {
        assert_eq!(
            kinds("- ```md\n  - [ ] no #tag\n  ```\n- [ ] yes\n\t- ```\n\t  x\n- after"),
            [
                "item0<None ",
                "hidden",
                "hidden",
                "item1<None [ ] yes",
                "item2<Some(1) ",
                "hidden",
                "item3<None after"
            ]
        );
    }

    #[test]
    fn indented_code_only_outside_paragraphs_and_lists() {
        assert_eq!(kinds("text\n    more"), ["text text", "text more"]);
        assert_eq!(
            kinds("text\n\n    - [ ] code"),
            ["text text", "blank", "hidden"]
        );
        assert_eq!(
            kinds("- a\n\n    - b"),
            ["item0<None a", "blank", "item1<Some(0) b"]
        );
    }

    #[test]
    fn nesting_follows_content_columns() {
        assert_eq!(
            kinds("- a\n  - b\n    - c\n  - d\n- e\n\tf"),
            [
                "item0<None a",
                "item1<Some(0) b",
                "item2<Some(1) c",
                "item3<Some(0) d",
                "item4<None e",
                "text f"
            ]
        );
        assert_eq!(kinds("1. a\n   - b"), ["item0<None a", "item1<Some(0) b"]);
    }

    #[test]
    fn comments_hide_what_they_enclose() {
        assert_eq!(
            kinds("a %% hidden %% b\n%%\n- [ ] no\n%%\n<!--\n- [ ] no\n-->\n`%%` c"),
            [
                "text a  b",
                "hidden",
                "hidden",
                "hidden",
                "hidden",
                "hidden",
                "hidden",
                "text `%%` c"
            ]
        );
    }

    #[test]
    fn html_blocks_are_hidden() {
        assert_eq!(
            kinds("<div>\n- [ ] no\n\n- [ ] yes\n<script>\n#tag\n</script>\nafter"),
            [
                "hidden",
                "hidden",
                "blank",
                "item0<None [ ] yes",
                "hidden",
                "hidden",
                "hidden",
                "text after"
            ]
        );
        assert_eq!(kinds("Some <b>bold</b>"), ["text Some <b>bold</b>"]);
        // An HTML block in a list item ends with the item.
        assert_eq!(
            kinds("- a\n  <div>\n  #no\n- [ ] yes"),
            ["item0<None a", "hidden", "hidden", "item1<None [ ] yes"]
        );
    }

    #[test]
    fn headings_and_breaks() {
        assert_eq!(
            kinds("# One #\n#NoHeading\nAre you happy?\n---\n\n---\n- - -"),
            [
                "h1 One",
                "text #NoHeading",
                "text Are you happy?",
                "setext2",
                "blank",
                "hr",
                "hr"
            ]
        );
    }

    #[test]
    fn quotes_and_callouts() {
        let lines: Vec<_> = Scanner::new("> [!question] Why?\n> - [ ] t\nafter", 1).collect();
        assert_eq!(lines[0].quote_depth, 1);
        assert!(lines[0].quote_opened);
        assert!(matches!(lines[1].kind, Kind::ListItem { .. }));
        assert!(!lines[1].quote_opened);
        assert_eq!(
            lines[2].quote_depth, 1,
            "a lazy continuation stays in the quote"
        );
    }

    #[test]
    fn journal_output_between_markers_is_not_read() {
        assert_eq!(
            kinds(
                "mine\n<!-- journal:begin -->\n- [x] a review line\n<!-- journal:end -->\n- [ ] after\n```\n<!-- journal:begin -->\n```\n- [ ] not hidden\n"
            ),
            [
                "text mine",
                "hidden",
                "hidden",
                "hidden",
                "item0<None [ ] after",
                "hidden",
                "hidden",
                "hidden",
                "item1<None [ ] not hidden"
            ]
        );
    }

    #[test]
    fn containers_end_what_they_hold() {
        // An HTML block or fence in a quote ends with the quote; a fence may open on a list
        // item's own line; a lazy line never starts an item; a comment line ends a paragraph.
        assert_eq!(
            kinds("> <div>\n- [ ] after the quote"),
            ["hidden", "item0<None [ ] after the quote"]
        );
        assert_eq!(
            kinds("~~~\n> ~~~\n- [ ] still code\n~~~\n- [ ] after"),
            [
                "hidden",
                "hidden",
                "hidden",
                "hidden",
                "item0<None [ ] after"
            ]
        );
        assert_eq!(
            kinds("- ```\n  - [ ] code\n  ```\n- [ ] after"),
            ["item0<None ", "hidden", "hidden", "item1<None [ ] after"]
        );
        assert_eq!(
            kinds("> - [ ] a\n    - [ ] lazy"),
            ["item0<None [ ] a", "text - [ ] lazy"]
        );
        assert_eq!(
            kinds("- [ ] a\n  ===\n"),
            ["item0<None [ ] a", "setext1"],
            "a setext underline inside the item"
        );
        assert_eq!(
            kinds("text\n<!-- c -->\n===\n"),
            ["text text", "hidden", "text ==="]
        );
        assert_eq!(
            kinds("<?php\n- [ ] no\n?>\n- [ ] yes"),
            ["hidden", "hidden", "hidden", "item0<None [ ] yes"]
        );
    }

    #[test]
    fn code_spans_pair_runs_of_equal_length() {
        assert_eq!(code_spans(b"a `b` c"), vec![2..5]);
        assert_eq!(code_spans(b"``a ` b`` `c"), vec![0..9]);
        assert_eq!(code_spans(b"` `` `"), vec![0..6]);
        assert!(code_spans(b"``` a").is_empty());
        // Against the plain definition (each run looks ahead for its partner), on every
        // mix of backticks and letters up to eight characters.
        fn naive(b: &[u8]) -> Vec<std::ops::Range<usize>> {
            let mut out = Vec::new();
            let mut i = 0;
            while i < b.len() {
                if b[i] != b'`' {
                    i += 1;
                    continue;
                }
                let run = b[i..].iter().take_while(|&&c| c == b'`').count();
                let mut j = i + run;
                let mut end = None;
                while j < b.len() {
                    let close = b[j..].iter().take_while(|&&c| c == b'`').count();
                    if close == run {
                        end = Some(j + close);
                        break;
                    }
                    j += close.max(1);
                }
                match end {
                    Some(e) => {
                        out.push(i..e);
                        i = e;
                    }
                    None => i += run,
                }
            }
            out
        }
        for n in 0..=8u32 {
            for bits in 0..(1u32 << n) {
                let s: Vec<u8> = (0..n)
                    .map(|k| if bits >> k & 1 == 1 { b'`' } else { b'a' })
                    .collect();
                assert_eq!(code_spans(&s), naive(&s), "{}", String::from_utf8_lossy(&s));
            }
        }
    }

    #[test]
    fn unclosed_code_span_does_not_hide_a_comment() {
        assert_eq!(kinds("a ` %%x%% b"), ["text a `  b"]);
    }
}
