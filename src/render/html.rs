//! The HTML side of rendering: values from the notes as inline Markdown turned into HTML that
//! cannot carry script, and links back to the notes (`[review] link_style`).
//!
//! Markdown is read with pulldown-cmark and only the events this module knows are written,
//! each by our own code: text (escaped), code spans, emphasis, strong, strikethrough,
//! `==highlights==`, tags as chips, and links. No HTML from a note is ever passed through (it
//! is shown as the text it is), an image is shown as its text, and a link gets an `href` only
//! when we built it (a link to a note) or its scheme is `http`, `https` or `mailto`. Because
//! nothing else is written there is nothing to clean afterwards, so no HTML sanitiser (and no
//! HTML parser behind it) is needed.

use crate::config::LinkStyle;
use crate::note::inline;
use crate::views::link_target;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::path::Path;

/// How the page links to the notes, resolved for one vault.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum NoteLinks {
    /// No links to notes.
    #[default]
    None,
    /// `obsidian://open?vault=…&file=…`: the note opens in Obsidian, at its heading or block.
    Obsidian { vault: String },
    /// `file://…`: the note's file, under the vault's absolute path `root`.
    File { root: String },
}

impl NoteLinks {
    /// The links `style` asks for in the vault at `vault`: `auto` is Obsidian's when the vault
    /// has an `.obsidian` folder (its name is the vault's folder name, as Obsidian names
    /// vaults), else file links.
    pub(crate) fn for_vault(style: LinkStyle, vault: &Path) -> NoteLinks {
        let root = std::fs::canonicalize(vault).unwrap_or_else(|_| vault.to_path_buf());
        let obsidian = || NoteLinks::Obsidian {
            vault: root
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        };
        let file = || NoteLinks::File {
            root: root.to_string_lossy().into_owned(),
        };
        match style {
            LinkStyle::None => NoteLinks::None,
            LinkStyle::Obsidian => obsidian(),
            LinkStyle::File => file(),
            LinkStyle::Auto => {
                if std::fs::symlink_metadata(root.join(".obsidian")).is_ok_and(|m| m.is_dir()) {
                    obsidian()
                } else {
                    file()
                }
            }
        }
    }

    /// The link to where something is written: the note at `path` (vault-relative), at its
    /// block or heading when the link style can say so (Obsidian's can; a file's cannot).
    pub(crate) fn source(
        &self,
        path: &str,
        heading: Option<&str>,
        block_id: Option<&str>,
    ) -> Option<String> {
        match self {
            NoteLinks::None => None,
            NoteLinks::Obsidian { vault } => {
                Some(obsidian_url(vault, &link_target(path, heading, block_id)))
            }
            NoteLinks::File { root } => {
                let mut full = root.trim_end_matches('/').to_string();
                full.push('/');
                full.push_str(path.trim_start_matches('/'));
                Some(format!("file://{}", encode(&full, true)))
            }
        }
    }

    /// A link written in a note (`[[Target#Heading]]`, `[text](Note.md)`), followed as the
    /// note's owner would. Obsidian finds the note from the link as written, as a click in
    /// the note does; a file link would need the note's path, which only the vault's link
    /// resolution knows, so with file links (or none) a link in a note stays its text.
    fn written(&self, target: &str) -> Option<String> {
        match self {
            NoteLinks::Obsidian { vault } => Some(obsidian_url(vault, target)),
            NoteLinks::File { .. } | NoteLinks::None => None,
        }
    }
}

fn obsidian_url(vault: &str, file: &str) -> String {
    format!(
        "obsidian://open?vault={}&file={}",
        encode(vault, false),
        encode(file, false)
    )
}

/// Percent-encodes all but the unreserved characters (and `/` when `keep_slash`).
fn encode(s: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(s.len() * 3 / 2);
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~')
            || keep_slash && b == b'/'
        {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Writes `s` HTML-escaped (also safe inside a quoted attribute) by Tera's own escaper, the
/// one that escapes every other value of the page, so the page is escaped one way.
fn escape(s: &str, out: &mut String) {
    let mut buf = Vec::with_capacity(s.len() + s.len() / 8);
    // Writing into a `Vec` cannot fail, and the escaper writes `s` (UTF-8) with ASCII
    // entities in place of some ASCII characters: the bytes are UTF-8.
    if tera::escape_html(s, &mut buf).is_ok() {
        out.push_str(&String::from_utf8_lossy(&buf));
    }
}

/// The schemes a link written in a note may keep (as [`inline::scheme`] reads them).
const SAFE_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// A value from the notes as inline HTML: each line's inline Markdown rendered, inline fields
/// (`[feeling:: proud]`) left out, lines joined by `<br>` (so the result is one line).
pub(crate) fn markdown(text: &str, links: &NoteLinks) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for (i, line) in crate::note::blocks::Lines::new(text).enumerate() {
        if i > 0 {
            out.push_str("<br>");
        }
        inline(&crate::render::plain_text(line, false), links, &mut out);
    }
    out
}

/// One line of inline Markdown: block syntax at its start is shown as written (a task named
/// `1. Call Rita` is not a list, `# 3` not a heading), then only the allowed events are
/// written.
fn inline(line: &str, links: &NoteLinks, out: &mut String) {
    let src = defuse_block_start(line.trim_start());
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_WIKILINKS;
    let mut events = Parser::new_ext(&src, options).into_offset_iter().peekable();
    // What closes each open element: the `End` of a tag writes what its `Start` pushed.
    let mut closers: Vec<&'static str> = Vec::new();
    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(tag) => {
                let closer = match tag {
                    Tag::Emphasis => open(out, "<em>", "</em>"),
                    Tag::Strong => open(out, "<strong>", "</strong>"),
                    Tag::Strikethrough => open(out, "<del>", "</del>"),
                    Tag::Link {
                        link_type,
                        dest_url,
                        ..
                    } => link(out, link_type, &dest_url, links),
                    // An image (`![alt](x.png)`, `![[photo.png]]`) shows as its text.
                    Tag::Image { .. } => open(out, "<span class=\"embed\">", "</span>"),
                    // Any block the start did not defuse is only its text.
                    _ => "",
                };
                closers.push(closer);
            }
            Event::End(_) => out.push_str(closers.pop().unwrap_or("")),
            Event::Text(first) => {
                // Text arrives in pieces split where Markdown looked for syntax; tags and
                // highlights are read across the whole run.
                let mut run = first.into_string();
                while let Some((Event::Text(more), _)) = events.peek() {
                    run.push_str(more);
                    events.next();
                }
                let after_space = src[..range.start]
                    .chars()
                    .next_back()
                    .is_none_or(char::is_whitespace);
                text(&run, after_space, out);
            }
            Event::Code(code) => {
                out.push_str("<code>");
                escape(&code, out);
                out.push_str("</code>");
            }
            Event::Html(raw) | Event::InlineHtml(raw) => escape(&raw, out),
            Event::InlineMath(t) | Event::DisplayMath(t) => escape(&t, out),
            Event::FootnoteReference(name) => {
                out.push_str("[^");
                escape(&name, out);
                out.push(']');
            }
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push_str("<br>"),
            Event::TaskListMarker(done) => out.push_str(if done { "[x] " } else { "[ ] " }),
            Event::Rule => {}
        }
    }
    for closer in closers.into_iter().rev() {
        out.push_str(closer);
    }
}

fn open(out: &mut String, tag: &str, closer: &'static str) -> &'static str {
    out.push_str(tag);
    closer
}

/// Opens a link: to a note (a wikilink or a Markdown link without a scheme), to the web
/// (`http`, `https`, `mailto`), or, for anything else (`javascript:`, `data:`, …), no link
/// at all: the link's text alone.
fn link(out: &mut String, kind: LinkType, dest: &str, links: &NoteLinks) -> &'static str {
    let (href, class) = match kind {
        LinkType::WikiLink { .. } => (links.written(dest), "note"),
        // `<me@example.org>`: CommonMark gives the address alone.
        LinkType::Email => (Some(format!("mailto:{dest}")), "web"),
        _ => match inline::scheme(dest) {
            // Written as the browser would read it, so the href starts with its scheme.
            Some(s) if SAFE_SCHEMES.contains(&s.as_str()) => {
                (Some(inline::url_as_read(dest).into_owned()), "web")
            }
            Some(_) => return "",
            None if inline::is_note_target(dest) => {
                (links.written(&inline::percent_decode(dest)), "note")
            }
            None => return "",
        },
    };
    match (href, class) {
        (Some(href), _) => {
            out.push_str("<a class=\"");
            out.push_str(class);
            out.push_str("\" href=\"");
            escape(&href, out);
            out.push_str("\">");
            "</a>"
        }
        (None, "note") => open(out, "<span class=\"note\">", "</span>"),
        (None, _) => "",
    }
}

/// Text: escaped, `==marked==` as `<mark>` and tags as chips. `after_space` says whether the
/// text follows the start of the line or a space, where a tag may begin.
///
/// A highlight is read as a strikethrough is: it opens at `==` followed by a non-space and
/// closes at the next `==` that follows a non-space, which closes the nearest opener before
/// it; so `a == b` is text, `==b == c==` one highlight and `==a ==b==` marks `b`. An `==`
/// that opens or closes nothing is text, and the search goes on after it.
fn text(t: &str, after_space: bool, out: &mut String) {
    let mut written = 0;
    let mut at_space = after_space;
    let mut from = 0;
    while let Some(open) = t[from..].find("==").map(|k| from + k) {
        let inner = open + 2;
        let Some(first) = t[inner..].chars().next().filter(|c| !c.is_whitespace()) else {
            from = open + 1;
            continue;
        };
        let mut search = inner + first.len_utf8();
        let close = loop {
            let Some(j) = t
                .get(search..)
                .and_then(|r| r.find("=="))
                .map(|k| search + k)
            else {
                break None;
            };
            if !t[..j].ends_with(char::is_whitespace) {
                break Some(j);
            }
            search = j + 1;
        };
        // No closer after this opener is none after any later one either.
        let Some(close) = close else { break };
        // A closer closes the nearest opener before it (`==a ==b==` marks `b`).
        let open = (open..close - 2)
            .rev()
            .find(|&p| {
                // At an ASCII `==`, so on a character boundary.
                t.as_bytes()[p..].starts_with(b"==")
                    && t[p + 2..]
                        .chars()
                        .next()
                        .is_some_and(|c| !c.is_whitespace())
            })
            .unwrap_or(open);
        let inner = open + 2;
        tags(&t[written..open], at_space, out);
        out.push_str("<mark>");
        tags(&t[inner..close], false, out);
        out.push_str("</mark>");
        at_space = false;
        written = close + 2;
        from = written;
    }
    tags(&t[written..], at_space, out);
}

/// Text with its tags (Obsidian's grammar, [`crate::note::inline::tags`]) as chips.
fn tags(t: &str, after_space: bool, out: &mut String) {
    let mut at = 0;
    for (i, tag) in inline::tags(t) {
        if i == 0 && !after_space {
            continue;
        }
        escape(&t[at..i], out);
        out.push_str("<span class=\"tag\">#");
        escape(tag, out);
        out.push_str("</span>");
        at = i + 1 + tag.len();
    }
    escape(&t[at..], out);
}

/// The line with a backslash before any syntax at its start that would open a block
/// (heading, quote, list, rule, fence, HTML block, link definition), so Markdown reads it as
/// text.
fn defuse_block_start(line: &str) -> Cow<'_, str> {
    let b = line.as_bytes();
    let Some(&first) = b.first() else {
        return Cow::Borrowed(line);
    };
    let ends_marker = |i: usize| b.get(i).is_none_or(|c| matches!(c, b' ' | b'\t'));
    let rule = |c: u8| {
        b.iter().filter(|&&x| x == c).count() >= 3
            && b.iter().all(|&x| x == c || x == b' ' || x == b'\t')
    };
    let escape_at = match first {
        b'#' => {
            let hashes = b.iter().take_while(|&&c| c == b'#').count();
            (hashes <= 6 && ends_marker(hashes)).then_some(0)
        }
        b'>' | b'<' => Some(0),
        b'-' | b'+' | b'*' => (ends_marker(1) || rule(first)).then_some(0),
        b'_' => rule(first).then_some(0),
        b'`' | b'~' => b.starts_with(&[first; 3]).then_some(0),
        b'0'..=b'9' => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            (digits <= 9 && matches!(b.get(digits), Some(b'.' | b')')) && ends_marker(digits + 1))
                .then_some(digits)
        }
        b'[' => {
            // A link reference definition: `[label]: destination`.
            let close = memchr::memchr(b']', b);
            close
                .filter(|&c| b.get(c + 1) == Some(&b':') && b.get(1) != Some(&b'['))
                .map(|_| 0)
        }
        _ => None,
    };
    match escape_at {
        Some(i) => {
            let mut s = String::with_capacity(line.len() + 1);
            s.push_str(&line[..i]);
            s.push('\\');
            s.push_str(&line[i..]);
            Cow::Owned(s)
        }
        None => Cow::Borrowed(line),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obsidian() -> NoteLinks {
        NoteLinks::Obsidian {
            vault: "My Vault".into(),
        }
    }

    fn md(s: &str) -> String {
        markdown(s, &obsidian())
    }

    #[test]
    fn inline_markdown_becomes_html() {
        assert_eq!(
            md("**Profit** and *fun*, ~~not~~ `code <b>` ==this== too"),
            "<strong>Profit</strong> and <em>fun</em>, <del>not</del> <code>code &lt;b&gt;</code> <mark>this</mark> too"
        );
        assert_eq!(md("**?**"), "<strong>?</strong>");
        assert_eq!(md("a == b == c"), "a == b == c", "not a highlight");
    }

    #[test]
    fn an_equals_pair_that_highlights_nothing_leaves_the_rest_read() {
        assert_eq!(
            md("a ==b == c== ==d=="),
            "a <mark>b == c</mark> <mark>d</mark>"
        );
        assert_eq!(md("x == y ==z=="), "x == y <mark>z</mark>");
        assert_eq!(md("==a ==b== c"), "==a <mark>b</mark> c");
        assert_eq!(
            md("== ==d== #tag"),
            "== <mark>d</mark> <span class=\"tag\">#tag</span>"
        );
        assert_eq!(md("=== =="), "=== ==");
        assert_eq!(md("==é== ==日 本=="), "<mark>é</mark> <mark>日 本</mark>");
        assert_eq!(md("==ü ==日==ö"), "==ü <mark>日</mark>ö");
        // Read as a strikethrough is, whose delimiters pulldown-cmark reads.
        for shape in ["a ~~b ~~ c~~ ~~d~~", "x ~~ y ~~z~~", "~~a ~~b~~ c"] {
            assert_eq!(
                md(&shape.replace("~~", "==")),
                md(shape)
                    .replace("<del>", "<mark>")
                    .replace("</del>", "</mark>")
                    .replace("~~", "=="),
                "{shape}"
            );
        }
    }

    #[test]
    fn tags_become_chips_where_obsidian_reads_tags() {
        assert_eq!(
            md("First draft #checkpoint, see #my_tag/sub and x#not and #1984"),
            "First draft <span class=\"tag\">#checkpoint</span>, see <span class=\"tag\">#my_tag/sub</span> and x#not and #1984"
        );
        assert_eq!(md("#help me"), "<span class=\"tag\">#help</span> me");
        assert_eq!(md("`#code`"), "<code>#code</code>");
    }

    #[test]
    fn wikilinks_open_the_note_in_obsidian() {
        assert_eq!(
            md("chapter 18 [[Publish a book]] and [[Plans/Go back#Transcripts|school]]"),
            "chapter 18 <a class=\"note\" href=\"obsidian://open?vault=My%20Vault&amp;file=Publish%20a%20book\">Publish a book</a> and <a class=\"note\" href=\"obsidian://open?vault=My%20Vault&amp;file=Plans%2FGo%20back%23Transcripts\">school</a>"
        );
        assert_eq!(
            md("[notes](Plans/My%20plan.md)"),
            "<a class=\"note\" href=\"obsidian://open?vault=My%20Vault&amp;file=Plans%2FMy%20plan.md\">notes</a>"
        );
        assert_eq!(
            markdown("see [[Book]]", &NoteLinks::File { root: "/v".into() }),
            "see <span class=\"note\">Book</span>",
            "a file link cannot resolve a note name"
        );
    }

    #[test]
    fn no_markup_or_unsafe_link_gets_through() {
        assert_eq!(
            md("<script>alert(1)</script> <img src=x onerror=alert(1)>"),
            "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(
            md("<b>bold</b> **x**"),
            "&lt;b&gt;bold&lt;/b&gt; <strong>x</strong>"
        );
        for hostile in [
            "[click](javascript:alert(1))",
            "[click](JavaScript:alert(1))",
            "[click](<javascript:alert(1)>)",
            "[click](data:text/html,<script>alert(1)</script>)",
            "[click](vbscript:x)",
            "[click](//evil.example/x)",
            "[click](/\\evil.example/x)",
            "[click](java&#x09;script:alert(1))",
            "[click](java&#10;script:alert(1))",
        ] {
            let html = md(hostile);
            assert!(html.starts_with("click"), "{hostile} → {html}");
            assert!(!html.contains("href"), "{hostile} → {html}");
        }
        assert_eq!(
            md("[site](https://example.org/a?b=1&c=\"2\") <mailto:me@example.org>"),
            "<a class=\"web\" href=\"https://example.org/a?b=1&amp;c=&quot;2&quot;\">site</a> <a class=\"web\" href=\"mailto:me@example.org\">mailto:me@example.org</a>"
        );
        assert_eq!(
            md("![x](https://example.org/t.png) ![[photo.png]]"),
            "<span class=\"embed\">x</span> <span class=\"embed\">photo.png</span>"
        );
        // An entity is text as written, decoded once, never markup.
        assert_eq!(md("&lt;b&gt; &#x3C;i"), "&lt;b&gt; &lt;i");

        // An autolink, a wikilink with a quote in its target, a scheme spelt with an entity
        // or a tab, a link inside a link, a title that would close the attribute.
        assert_eq!(md("see <javascript:alert(1)>"), "see javascript:alert(1)");
        assert_eq!(
            md("[[Note\" onclick=\"alert(1)|alias]]"),
            "<a class=\"note\" href=\"obsidian://open?vault=My%20Vault&amp;file=Note%22%20onclick%3D%22alert%281%29\">alias</a>"
        );
        assert_eq!(md("&#106;avascript:alert(1)"), "javascript:alert(1)");
        assert_eq!(md("[x](&#106;avascript:alert(1))"), "x");
        assert_eq!(md("[x](java&#x09;script:alert(1))"), "x");
        assert_eq!(
            md("[a [b](javascript:x)](https://example.org)"),
            "[a b](https://example.org)",
            "a link cannot hold a link: the inner one is refused, the outer one is text"
        );
        assert_eq!(
            md("[x](https://a \"t\\\" onclick=\\\"y\")"),
            "<a class=\"web\" href=\"https://a\">x</a>",
            "the title is not written"
        );
        assert_eq!(
            md("write to <me@example.org>"),
            "write to <a class=\"web\" href=\"mailto:me@example.org\">me@example.org</a>",
            "an email autolink links to mailto:"
        );
    }

    /// `Ok` when the only markup in `html` is what [`markdown`] may write: `em`, `strong`,
    /// `del`, `code`, `mark`, `br`, the `span`s of tags, notes and embeds, and links whose
    /// `href` has a safe scheme or is a link to a note as [`NoteLinks`] writes it.
    fn markup_is_allowed(html: &str) -> Result<(), String> {
        const PLAIN: [&str; 9] = [
            "em",
            "strong",
            "del",
            "code",
            "mark",
            "br",
            "span class=\"tag\"",
            "span class=\"note\"",
            "span class=\"embed\"",
        ];
        const CLOSERS: [&str; 7] = ["/em", "/strong", "/del", "/code", "/mark", "/span", "/a"];
        const WEB: [&str; 3] = ["http:", "https:", "mailto:"];
        let note = "obsidian://open?vault=My%20Vault&amp;file=";
        let mut rest = html;
        while let Some(i) = rest.find(['<', '>']) {
            if rest[i..].starts_with('>') {
                return Err(format!("a `>` outside a tag: {html}"));
            }
            let Some(len) = rest[i..].find('>') else {
                return Err(format!("a `<` that opens no tag: {html}"));
            };
            let tag = &rest[i + 1..i + len];
            let allowed = PLAIN.contains(&tag)
                || CLOSERS.contains(&tag)
                || tag
                    .strip_prefix("a class=\"note\" href=\"")
                    .and_then(|h| h.strip_suffix('"'))
                    .is_some_and(|h| h.starts_with(note) && !h.contains(['"', '<']))
                || tag
                    .strip_prefix("a class=\"web\" href=\"")
                    .and_then(|h| h.strip_suffix('"'))
                    .is_some_and(|h| {
                        let lower = h.to_ascii_lowercase();
                        WEB.iter().any(|w| lower.starts_with(w)) && !h.contains(['"', '<'])
                    });
            if !allowed {
                return Err(format!("<{tag}> in {html}"));
            }
            rest = &rest[i + len + 1..];
        }
        Ok(())
    }

    #[test]
    fn the_markup_check_can_fail() {
        for bad in [
            "<script>",
            "<a class=\"web\" href=\"javascript:x\">",
            "<a class=\"note\" href=\"file:///etc\">",
            "<a class=\"web\" href=\"https://a\" onclick=\"x\">",
            "<span onclick=\"x\">",
            "a > b",
            "a < b",
        ] {
            assert!(markup_is_allowed(bad).is_err(), "{bad}");
        }
        assert!(markup_is_allowed(&md("**a** [[b]] [c](https://d) #e ==f==")).is_ok());
    }

    /// Pieces of Markdown and HTML that make links, markup and entities.
    const PIECES: [&str; 43] = [
        "é",
        "日",
        "[",
        "]",
        "[[",
        "]]",
        "(",
        ")",
        "<",
        ">",
        "!",
        "|",
        "\"",
        "'",
        " ",
        "\t",
        "\n",
        "\\",
        "*",
        "_",
        "~~",
        "==",
        "`",
        "#tag",
        "&#106;",
        "&#x09;",
        "&quot;",
        "&lt;",
        "javascript:",
        "java",
        "script:",
        "data:text/html,",
        "https://",
        "mailto:",
        "HTTP:",
        "//",
        "/\\",
        "me@example.org",
        "Note.md",
        "onclick=",
        "<script>",
        "<img src=x onerror=y>",
        "<a href=\"x\">",
    ];

    /// Pieces of a link's destination.
    const DESTINATIONS: [&str; 22] = [
        "javascript:",
        "JaVa",
        "script:",
        "&#x09;",
        "&#106;",
        "\t",
        "https://",
        "http:",
        "mailto:",
        "obsidian:",
        "file:",
        "data:",
        "vbscript:",
        "//",
        "/\\",
        "a.md",
        "x",
        "%20",
        "#h",
        "\"",
        "me@example.org",
        " ",
    ];

    /// A piece of text, a word, or a link (Markdown, autolink, wikilink, with a title) to a
    /// destination made of [`DESTINATIONS`].
    fn piece() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let destination =
            proptest::collection::vec(proptest::sample::select(&DESTINATIONS[..]), 1..4)
                .prop_map(|d| d.concat());
        let link = (destination, 0..4u8).prop_map(|(d, kind)| match kind {
            0 => format!("[x]({d})"),
            1 => format!("<{d}>"),
            2 => format!("[[{d}|x]]"),
            _ => format!("[x](<{d}> \"t\")"),
        });
        prop_oneof![
            3 => proptest::sample::select(&PIECES[..]).prop_map(str::to_string),
            1 => "[a-z0-9]{1,4}",
            2 => link,
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Whatever a note holds, the filter writes only the allowed markup, and every link
        /// goes to a safe scheme or to a note.
        #[test]
        fn the_filter_writes_only_allowed_markup(
            pieces in proptest::collection::vec(piece(), 0..16),
            any in ".{0,40}",
        ) {
            for text in [pieces.concat(), any] {
                let html = md(&text);
                proptest::prop_assert!(markup_is_allowed(&html).is_ok(), "{text:?}: {:?}", markup_is_allowed(&html));
                let files = markdown(&text, &NoteLinks::File { root: "/v".into() });
                proptest::prop_assert!(!files.contains("class=\"note\" href"), "{text:?}: {files}");
            }
        }
    }

    #[test]
    fn text_is_escaped_as_tera_escapes_every_other_value() {
        let text = "Tom & Jerry's \"cat\" > dog";
        let mut tera = Vec::new();
        tera::escape_html(text, &mut tera).expect("escape");
        assert_eq!(md(text), String::from_utf8(tera).expect("utf-8"));
        assert_eq!(md(text), "Tom &amp; Jerry&#39;s &quot;cat&quot; &gt; dog");
    }

    #[test]
    fn block_syntax_at_the_start_stays_text() {
        for (line, html) in [
            ("1. Call Rita", "1. Call Rita"),
            ("# 3 things", "# 3 things"),
            ("- a dash", "- a dash"),
            ("> quoted", "&gt; quoted"),
            ("---", "---"),
            ("```js", "```js"),
            ("    indented", "indented"),
            ("[a]: https://example.org", "[a]: https://example.org"),
            ("<div>x</div>", "&lt;div&gt;x&lt;/div&gt;"),
            ("#tag first", "<span class=\"tag\">#tag</span> first"),
            ("**bold** first", "<strong>bold</strong> first"),
            (
                "[[Note]] first",
                "<a class=\"note\" href=\"obsidian://open?vault=My%20Vault&amp;file=Note\">Note</a> first",
            ),
        ] {
            assert_eq!(md(line), html, "{line}");
        }
    }

    #[test]
    fn fields_are_left_out_and_lines_kept() {
        assert_eq!(
            md("Draft done [feeling:: proud]\nsecond *line*"),
            "Draft done<br>second <em>line</em>"
        );
    }

    #[test]
    fn source_links_carry_the_heading_or_block() {
        let o = obsidian();
        assert_eq!(
            o.source("Daily/2026-11-24.md", Some("Evening: notes"), None)
                .as_deref(),
            Some("obsidian://open?vault=My%20Vault&file=Daily%2F2026-11-24%23Evening%20notes")
        );
        assert_eq!(
            o.source("a b.md", Some("H"), Some("x1")).as_deref(),
            Some("obsidian://open?vault=My%20Vault&file=a%20b%23%5Ex1")
        );
        let f = NoteLinks::File {
            root: "/home/me/My Vault".into(),
        };
        assert_eq!(
            f.source("Daily/#1 100%.md", Some("H"), None).as_deref(),
            Some("file:///home/me/My%20Vault/Daily/%231%20100%25.md")
        );
        assert_eq!(NoteLinks::None.source("a.md", None, None), None);
    }

    #[test]
    fn auto_links_follow_the_vault() {
        let dir = tempfile::tempdir().expect("tmp");
        let vault = dir.path().join("Life notes");
        std::fs::create_dir_all(&vault).expect("vault");
        let root = std::fs::canonicalize(&vault).expect("canonical");
        assert_eq!(
            NoteLinks::for_vault(LinkStyle::Auto, &vault),
            NoteLinks::File {
                root: root.to_string_lossy().into_owned()
            }
        );
        std::fs::create_dir(vault.join(".obsidian")).expect("obsidian");
        assert_eq!(
            NoteLinks::for_vault(LinkStyle::Auto, &vault),
            NoteLinks::Obsidian {
                vault: "Life notes".into()
            }
        );
        assert!(matches!(
            NoteLinks::for_vault(LinkStyle::File, &vault),
            NoteLinks::File { .. }
        ));
        assert_eq!(
            NoteLinks::for_vault(LinkStyle::None, &vault),
            NoteLinks::None
        );
    }
}
