//! The review markers: the `<!-- journal:begin -->` and `<!-- journal:end -->` lines that
//! fence what journal wrote into a file, and the one way to find the marked region.
//!
//! The note reader hides what lies between the markers and the writer replaces it, so both
//! must see the same lines as markers. They do, because there is one scanner: the block
//! scanner of `note::blocks` decides, line by line, where a marked region starts and ends
//! (never inside code, an HTML block or a comment, never in front matter, and only when an
//! end line follows), and [`regions`] is that scanner run over a file's bytes the way the
//! reader runs it over a note. The writer splices at [`regions`]'s first region; a property
//! test checks that its lines are exactly the lines the reader hides.

use crate::note::blocks::{Lines, Marked, Scanner};
use std::ops::Range;

pub(crate) const BEGIN: &str = "<!-- journal:begin -->";
pub(crate) const END: &str = "<!-- journal:end -->";

/// Whether a line (without its line break) is the marker `marker`: at most three spaces
/// before it (more is indented code), only spaces or tabs after it.
pub(crate) fn is_marker(line: &[u8], marker: &str) -> bool {
    let indent = line.iter().take_while(|&&b| b == b' ').count();
    indent <= 3 && line[indent..].trim_ascii_end() == marker.as_bytes()
}

/// Whether a line would be either marker wherever it stood (any indentation): what the
/// renderer keeps out of a review body, so a body can never end its own region early.
pub(crate) fn looks_like_marker(line: &str) -> bool {
    let t = line.trim();
    t == BEGIN || t == END
}

/// What the markers of a file look like, for the writer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Found {
    /// No marker line at all.
    None,
    /// No region, but a line that reads as a begin marker (with no end line after it, or
    /// where markers do not count): nothing is hidden, nothing may be replaced.
    Unbalanced,
    /// The marked regions, each the byte range from the start of its begin line to the end
    /// of its end line (line break excluded), in order.
    Regions(Vec<Range<usize>>),
}

/// The marked regions of a file as the note reader sees them: the byte-order mark dropped,
/// the front matter split off, the bytes that are not UTF-8 read as `�` (which changes no
/// line break), then the block scanner. Works on bytes, so a file that is not UTF-8 is kept
/// byte for byte around its regions.
pub(crate) fn regions(bytes: &[u8]) -> Found {
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let bytes = &bytes[bom..];
    let text = String::from_utf8_lossy(bytes);
    let marks = marked_lines(&text);
    if marks.is_empty() {
        let begin = Lines::new(&text).any(|l| is_marker(l.as_bytes(), BEGIN));
        return if begin {
            Found::Unbalanced
        } else {
            Found::None
        };
    }
    // Where each line of the original bytes starts and ends (before its break), split as
    // `Lines` splits text.
    let mut spans = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let end = memchr::memchr2(b'\n', b'\r', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        spans.push((at, end));
        at = if bytes[end..].starts_with(b"\r\n") {
            end + 2
        } else {
            end + 1
        };
    }
    let mut out = Vec::new();
    let mut start = 0;
    for (no, mark) in marks {
        let Some(&(s, e)) = spans.get(no as usize - 1) else {
            continue;
        };
        match mark {
            Marked::Begin => start = s,
            Marked::End => out.push(bom + start..bom + e),
            Marked::Inside | Marked::No => {}
        }
    }
    Found::Regions(out)
}

/// The lines (1-based numbers in the file) the note reader hides as journal's output, each
/// with where it stands in its region; a region is always closed.
pub(crate) fn marked_lines(text: &str) -> Vec<(u32, Marked)> {
    let split = crate::note::frontmatter::split(text);
    let mut scanner = Scanner::new(split.body, split.body_line);
    let mut out = Vec::new();
    while let Some(line) = scanner.next() {
        let mark = scanner.marked();
        if mark != Marked::No {
            out.push((line.no, mark));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn region_texts(text: &str) -> Vec<String> {
        match regions(text.as_bytes()) {
            Found::Regions(r) => r.into_iter().map(|r| text[r].to_string()).collect(),
            other => vec![format!("{other:?}")],
        }
    }

    #[test]
    fn markers_stand_alone_outside_code_comments_and_front_matter() {
        let m = "<!-- journal:begin -->\nx\n<!-- journal:end -->";
        assert_eq!(region_texts(&format!("a\n{m}\nb\n")), [m]);
        assert_eq!(region_texts(&format!("   {m}  \n")), [format!("   {m}  ")]);
        for hidden in [
            format!("```\n{m}\n```\n"),
            format!("%%\n{m}\n%%\n"),
            format!("<!--\n{m}\n-->\n"),
            format!("text\n\n    {m}\n"),
            format!("- item\n  ```\n  {m}\n  ```\n"),
            format!("---\nx: |\n  {m}\n---\n"),
            format!("> {m}\n"),
            "say <!-- journal:begin --> inline\n<!-- journal:end -->\n".to_string(),
        ] {
            assert!(
                !matches!(regions(hidden.as_bytes()), Found::Regions(_)),
                "{hidden}"
            );
        }
        assert_eq!(
            region_texts("<!-- journal:end -->\n<!-- journal:begin -->\n"),
            ["Unbalanced"]
        );
        assert_eq!(
            region_texts(&format!("{m}\n{m}\n")),
            [m, m],
            "two regions, one after the other"
        );
    }

    #[test]
    fn regions_are_bytes_of_the_original() {
        let latin =
            b"caf\xe9\r\n<!-- journal:begin -->\r\nold \xff\r\n<!-- journal:end -->\r\n\xff\n";
        let Found::Regions(r) = regions(latin) else {
            panic!("no region");
        };
        assert_eq!(
            &latin[r[0].clone()],
            b"<!-- journal:begin -->\r\nold \xff\r\n<!-- journal:end -->"
        );
        let bom = b"\xEF\xBB\xBF<!-- journal:begin -->\n<!-- journal:end -->\n";
        let Found::Regions(r) = regions(bom) else {
            panic!("no region");
        };
        assert_eq!((r.len(), r[0].start, r[0].end), (1, 3, bom.len() - 1));
    }

    /// One line of a generated note: the pieces that change where markers count.
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            BEGIN,
            END,
            "   <!-- journal:begin -->",
            "    <!-- journal:end -->",
            "> <!-- journal:begin -->",
            "- <!-- journal:begin -->",
            "  <!-- journal:end -->  ",
            "```",
            "~~~",
            "  ```",
            "    ```",
            "%%",
            "a %% b",
            "<!--",
            "-->",
            "<!-- c -->",
            "<div>",
            "",
            "text",
            "- item",
            "  - [ ] task",
            "    code",
            "> quote",
            "> ```",
            "---",
            "# heading",
            "`<!-- journal:begin -->`",
        ])
    }

    fn note() -> impl Strategy<Value = String> {
        (
            prop::collection::vec(piece(), 0..24),
            prop::sample::select(vec!["\n", "\r\n", "\r"]),
            any::<bool>(),
        )
            .prop_map(|(lines, eol, front)| {
                let body = lines.join(eol);
                if front {
                    format!("---{eol}a: 1{eol}---{eol}{body}")
                } else {
                    body
                }
            })
    }

    proptest! {
        /// The lines the writer would replace are exactly the lines the reader hides.
        #[test]
        fn the_writers_region_is_what_the_reader_hides(text in note()) {
            let hidden: Vec<u32> = marked_lines(&text).into_iter().map(|m| m.0).collect();
            let mut replaced = Vec::new();
            if let Found::Regions(rs) = regions(text.as_bytes()) {
                for r in rs {
                    let first = 1 + Lines::new(&text[..r.start]).count() as u32;
                    let n = Lines::new(&text[r.clone()]).count() as u32;
                    replaced.extend(first..first + n);
                }
            }
            prop_assert_eq!(&hidden, &replaced, "{:?}", text);
            // And the reader reads nothing there: no line of a region is read as a task.
            let note = crate::note::parse("n.md", &text, &Default::default());
            for t in &note.tasks {
                prop_assert!(!replaced.contains(&t.place.line), "{:?}", text);
            }
        }
    }
}
