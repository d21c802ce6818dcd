//! What is read inside a line of text: tags, links, Dataview inline fields and words.
//!
//! Callers pass text whose code spans were blanked by [`mask_code`], so nothing inside
//! backticks is read as a tag, link or field.

use super::blocks::code_spans;
use std::borrow::Cow;

/// Replaces the inside of code spans with spaces, keeping byte offsets.
pub(crate) fn mask_code(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    if memchr::memchr(b'`', b).is_none() {
        return Cow::Borrowed(s);
    }
    let spans = code_spans(b);
    if spans.is_empty() {
        return Cow::Borrowed(s);
    }
    let mut out = b.to_vec();
    for span in spans {
        out[span].fill(b' ');
    }
    // Whole characters were replaced by ASCII spaces, so this is still UTF-8.
    Cow::Owned(
        String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
    )
}

/// A character of a tag, as Obsidian reads tags: anything but whitespace, the ASCII
/// punctuation other than `_`, `-` and `/`, and the Unicode punctuation blocks (General
/// Punctuation U+2000–U+206F, Supplemental Punctuation U+2E00–U+2E7F). So letters of any
/// script, digits, emoji (with their variation selectors) and symbols are tag characters.
fn is_tag_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '/');
    }
    !c.is_whitespace() && !matches!(c, '\u{2000}'..='\u{206F}' | '\u{2E00}'..='\u{2E7F}')
}

/// The tags in `s` as (byte offset of `#`, tag without `#`). A tag follows the start of the
/// text or whitespace, runs while [`is_tag_char`] allows, and is not only digits (`#1984` is
/// not a tag, `#y1984` and `#2026-11` are).
pub(crate) fn tags(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let b = s.as_bytes();
    memchr::memchr_iter(b'#', b).filter_map(move |i| {
        if i > 0 && !b[i - 1].is_ascii_whitespace() {
            // Non-ASCII whitespace (such as a no-break space) also separates.
            let prev = s[..i].chars().next_back()?;
            if !prev.is_whitespace() {
                return None;
            }
        }
        let rest = &s[i + 1..];
        let len = rest
            .char_indices()
            .find(|&(_, c)| !is_tag_char(c))
            .map_or(rest.len(), |(j, _)| j);
        let tag = &rest[..len];
        (!tag.is_empty() && !tag.bytes().all(|c| c.is_ascii_digit())).then_some((i, tag))
    })
}

/// A link written in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LinkSpan<'a> {
    /// The whole link, brackets included (and the `!` of an embed).
    pub range: std::ops::Range<usize>,
    /// What it points to, as written (`Folder/Note#Heading`, `Note.md`, `https://…`).
    pub target: &'a str,
    /// What it shows: the alias, the link text, or the target's name.
    pub text: &'a str,
    /// `[[wikilink]]` rather than `[text](target)`.
    pub wiki: bool,
}

/// The links in `s`, in order: `[[Target]]`, `[[Target#Heading|alias]]`, `![[embed]]` and
/// `[text](target)`. Linear in the length of `s`, however many brackets it holds.
pub(crate) fn link_spans(s: &str) -> Vec<LinkSpan<'_>> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    // Wikilinks: each `[[` to the next `]]`.
    let mut at = 0;
    while let Some(k) = find2(&b[at..], *b"[[") {
        let open = at + k;
        let Some(len) = find2(&b[open + 2..], *b"]]") else {
            break;
        };
        let close = open + 2 + len;
        let inner = &s[open + 2..close];
        let (target, alias) = match inner.split_once('|') {
            Some((t, a)) => (t.trim(), Some(a.trim())),
            None => (inner.trim(), None),
        };
        let start = if open > 0 && b[open - 1] == b'!' {
            open - 1
        } else {
            open
        };
        let name = target.split('#').next().unwrap_or(target);
        out.push(LinkSpan {
            range: start..close + 2,
            target,
            text: alias.unwrap_or_else(|| name.rsplit('/').next().unwrap_or(name)),
            wiki: true,
        });
        at = close + 2;
    }
    // Markdown links: each `](`, its text back to the last `[` before it, its target up to
    // the next `)`. Both searches move forward only.
    let mut from = 0;
    let mut md = Vec::new();
    while let Some(k) = find2(&b[from..], *b"](") {
        let close = from + k;
        let Some(len) = memchr::memchr(b')', &b[close + 2..]) else {
            break;
        };
        let end = close + 2 + len;
        if let Some(open) = memchr::memrchr(b'[', &b[from..close]).map(|o| from + o) {
            md.push(LinkSpan {
                range: open..end + 1,
                target: s[close + 2..end]
                    .trim()
                    .trim_start_matches('<')
                    .trim_end_matches('>'),
                text: &s[open + 1..close],
                wiki: false,
            });
        }
        from = end + 1;
    }
    if !md.is_empty() {
        // A Markdown link overlapping a wikilink is part of the wikilink. Both lists are in
        // order, so one walk through the wikilinks finds the overlaps.
        let mut w = 0;
        md.retain(|m| {
            while out.get(w).is_some_and(|l| l.range.end <= m.range.start) {
                w += 1;
            }
            out.get(w).is_none_or(|l| l.range.start >= m.range.end)
        });
        out.extend(md);
        out.sort_by_key(|l| l.range.start);
    }
    out
}

/// Link targets in `s` that name notes: wikilink targets as written (alias removed, heading
/// kept) and Markdown links to notes, percent-decoded.
pub(crate) fn links(s: &str) -> Vec<String> {
    link_spans(s)
        .into_iter()
        .filter_map(|l| match l.wiki {
            true => (!l.target.is_empty()).then(|| l.target.to_string()),
            false => is_note_target(l.target).then(|| percent_decode(l.target)),
        })
        .collect()
}

/// Whether a Markdown link target names a note: not only a fragment, no scheme
/// ([`scheme`]) and not another host's address (`//host/…`).
pub(crate) fn is_note_target(t: &str) -> bool {
    if t.is_empty() || t.starts_with('#') || t.contains(' ') && crate::model::strip_note_ext(t) == t
    {
        return false;
    }
    let read = url_as_read(t);
    // A browser reads `\` as `/` here: `/\host` is as much another host as `//host`.
    let network_path = read.len() >= 2 && read.bytes().take(2).all(|c| c == b'/' || c == b'\\');
    if network_path || scheme(t).is_some() {
        return false;
    }
    let path = t.split('#').next().unwrap_or(t);
    crate::model::strip_note_ext(path) != path
        || !path.rsplit('/').next().unwrap_or(path).contains('.')
}

/// A URL as a browser reads it: without C0 controls and spaces at either end, and without the
/// ASCII tabs and line breaks inside it (the URL standard's parser drops them).
pub(crate) fn url_as_read(url: &str) -> Cow<'_, str> {
    let url = url.trim_matches(|c: char| c <= ' ');
    if url.contains(['\t', '\n', '\r']) {
        Cow::Owned(url.replace(['\t', '\n', '\r'], ""))
    } else {
        Cow::Borrowed(url)
    }
}

/// The scheme of a URL as a browser reads it ([`url_as_read`]), lowercased: `https` of
/// `https://…`, `javascript` of `java\tscript:…`. `None` when what comes before the first `:`
/// is not a scheme (a letter, then letters, digits, `+`, `-` or `.`), so `Note.md#Part: one`
/// has none. The one definition: what names a note and which links the HTML page keeps both
/// ask it.
pub(crate) fn scheme(url: &str) -> Option<String> {
    let url = url_as_read(url);
    let (s, _) = url.split_once(':')?;
    let mut chars = s.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| s.to_ascii_lowercase())
}

/// `%20` and the like decoded; text that does not decode to UTF-8 is kept as written.
pub(crate) fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// Folds a field key as Dataview compares them: lowercase, spaces and `-` as `_`.
pub(crate) fn fold_key(key: &str) -> String {
    key.trim()
        .trim_matches(|c| c == '*' || c == '_')
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Folds text for grouping: each word lowercased (as a word, so a closing `Σ` becomes `ς`
/// as it is typed), and runs of whitespace as one space.
pub(crate) fn fold_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            out.push_str(&word.to_lowercase());
        }
    }
    out
}

/// An inline field found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InlineField<'a> {
    pub key: String,
    pub value: &'a str,
    /// Byte range of the whole field (brackets included) in the text.
    pub span: std::ops::Range<usize>,
}

fn valid_key(key: &str) -> bool {
    let k = key.trim();
    !k.is_empty()
        && k.len() <= 100
        && !k.contains([':', '[', ']', '(', ')', '`', '#'])
        && k.chars().next().is_some_and(|c| !c.is_whitespace())
}

/// A whole-line field `key:: value` (also `**key**:: value`). `line` is a line's content with
/// any list marker already removed.
pub(crate) fn line_field(line: &str) -> Option<InlineField<'_>> {
    let i = find2(line.as_bytes(), *b"::")?;
    let key = &line[..i];
    if !valid_key(key.trim_matches(|c| c == '*' || c == '_')) {
        return None;
    }
    let value = line[i + 2..].trim();
    Some(InlineField {
        key: fold_key(key),
        value,
        span: 0..line.len(),
    })
}

/// The bracketed fields `[key:: value]` and `(key:: value)` in `s`, outermost first, in one
/// pass (brackets are matched with a stack; where the `::`s are is looked up, not searched
/// for, so even deeply nested brackets stay fast).
pub(crate) fn bracket_fields(s: &str) -> Vec<InlineField<'_>> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let colons: Vec<usize> = find2_iter(b, *b"::").collect();
    if colons.is_empty() {
        return out;
    }
    let first_colon_in = |from: usize, to: usize| -> Option<usize> {
        let i = colons.partition_point(|&c| c < from);
        colons.get(i).copied().filter(|&c| c + 2 <= to)
    };
    let mut squares: Vec<usize> = Vec::new();
    let mut rounds: Vec<usize> = Vec::new();
    let mut spans: Vec<(std::ops::Range<usize>, usize)> = Vec::new();
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'[' => squares.push(i),
            b'(' => rounds.push(i),
            b']' | b')' => {
                let stack = if c == b']' { &mut squares } else { &mut rounds };
                if let Some(open) = stack.pop() {
                    let wikilink = c == b']' && open > 0 && b[open - 1] == b'[';
                    if !wikilink && let Some(colon) = first_colon_in(open + 1, i) {
                        spans.push((open..i + 1, colon));
                    }
                }
            }
            _ => {}
        }
    }
    spans.sort_by_key(|(r, _)| r.start);
    let mut end = 0;
    for (span, colon) in spans {
        if span.start < end || !valid_key(&s[span.start + 1..colon]) {
            continue;
        }
        end = span.end;
        out.push(InlineField {
            key: fold_key(&s[span.start + 1..colon]),
            value: s[colon + 2..span.end - 1].trim(),
            span,
        });
    }
    out
}

/// `f`, found in `masked` (code spans blanked), with its value taken from `original`, the
/// same text before masking: code written in a value stays in it.
pub(crate) fn unmasked<'a>(f: InlineField<'_>, masked: &str, original: &'a str) -> InlineField<'a> {
    let start = f.value.as_ptr() as usize - masked.as_ptr() as usize;
    let value = original.get(start..start + f.value.len()).unwrap_or("");
    InlineField {
        key: f.key,
        value,
        span: f.span,
    }
}

/// Words in a line of text: whitespace-separated tokens holding a letter or digit.
pub(crate) fn count_words(s: &str) -> u32 {
    let mut words = 0u32;
    let mut start = 0;
    let mut seen = 0u8;
    let mut token = |start: usize, end: usize, seen: u8| {
        // A token of only non-ASCII characters (`—`, `日本`) is decoded to decide.
        if seen & ALNUM != 0
            || (seen & WIDE != 0 && s[start..end].chars().any(char::is_alphanumeric))
        {
            words = words.saturating_add(1);
        }
    };
    for (i, &c) in s.as_bytes().iter().enumerate() {
        let class = BYTE_CLASS[usize::from(c)];
        if class == SPACE {
            if seen != 0 {
                token(start, i, seen);
                seen = 0;
            }
            start = i + 1;
        } else {
            seen |= class;
        }
    }
    if seen != 0 {
        token(start, s.len(), seen);
    }
    words
}

const SPACE: u8 = 1;
const ALNUM: u8 = 2;
const WIDE: u8 = 4;
const OTHER: u8 = 8;

/// What each byte is to [`count_words`], looked up rather than tested in turn.
const BYTE_CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = if c.is_ascii_whitespace() {
            SPACE
        } else if c.is_ascii_alphanumeric() {
            ALNUM
        } else if c >= 0x80 {
            WIDE
        } else {
            OTHER
        };
        i += 1;
    }
    t
};

/// Where the two bytes `needle` first occur in `hay`. For the short haystacks of a line,
/// looking for the first byte and checking the second beats building a `memmem` searcher.
pub(crate) fn find2(hay: &[u8], needle: [u8; 2]) -> Option<usize> {
    let mut from = 0;
    while let Some(k) = memchr::memchr(needle[0], &hay[from..]) {
        let at = from + k;
        if hay.get(at + 1) == Some(&needle[1]) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Every place the two bytes `needle` occur in `hay`, not overlapping, in order.
pub(crate) fn find2_iter(hay: &[u8], needle: [u8; 2]) -> impl Iterator<Item = usize> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + find2(hay.get(from..)?, needle)?;
        from = at + 2;
        Some(at)
    })
}

#[cfg(test)]
mod tests {

    #[test]
    fn folding_ignores_case_and_runs_of_space_in_any_script() {
        assert_eq!(fold_words("  Water  the PLANTS\t"), "water the plants");
        assert_eq!(fold_words("ΣΑΣ  Straße ÉTÉ"), "σας straße été");
        assert_eq!(fold_words(" \t "), "");
    }

    use super::*;

    fn tag_list(s: &str) -> Vec<&str> {
        tags(s).map(|(_, t)| t).collect()
    }

    #[test]
    fn tags_as_obsidian_reads_them() {
        assert_eq!(
            tag_list("#plan a #nested/tag, #日本語 #1984 # x#no (#no) #y2k #a-b_c."),
            ["plan", "nested/tag", "日本語", "y2k", "a-b_c"]
        );
        assert_eq!(
            tag_list("#🦅🩺-bird-care #⚠️-attention #🛠️-maintenance #🏢/companyA #tag/"),
            [
                "🦅🩺-bird-care",
                "⚠️-attention",
                "🛠️-maintenance",
                "🏢/companyA",
                "tag/"
            ]
        );
        assert_eq!(
            tag_list("#it's #a;b #c=d #e+f #g~h #i—j #k… #l[m] #n\\o #2026-11 #_1"),
            [
                "it", "a", "c", "e", "g", "i", "k", "l", "n", "2026-11", "_1"
            ]
        );
        assert_eq!(
            tag_list("see https://example.com/#frag and [[Note#Heading]]"),
            Vec::<&str>::new()
        );
        assert_eq!(tag_list(&mask_code("`#code` #real")), ["real"]);
    }

    #[test]
    fn links_of_both_kinds() {
        assert_eq!(
            links(
                "[[Publish a book]] and [[Plans/Move#Flat|the move]] ![[img]] [x](Go%20back.md) [w](https://a.b) [a](#h)"
            ),
            ["Publish a book", "Plans/Move#Flat", "img", "Go back.md"]
        );
    }

    #[test]
    fn a_scheme_as_a_browser_reads_it() {
        for (url, want) in [
            ("https://a.b", Some("https")),
            ("MailTo:me@example.org", Some("mailto")),
            ("java\tscript:alert(1)", Some("javascript")),
            ("java\nscript:x", Some("javascript")),
            (" \u{1}javascript:x", Some("javascript")),
            ("web+app:x", Some("web+app")),
            ("a-b.c:x", Some("a-b.c")),
            ("C:/notes/a.md", Some("c")),
            ("Note.md#Part: one", None),
            ("Plans/a:b.md", None),
            ("2026:x", None),
            ("Go%20back.md", None),
            ("", None),
        ] {
            assert_eq!(scheme(url).as_deref(), want, "{url:?}");
        }
    }

    #[test]
    fn a_note_target_has_no_scheme_and_no_host() {
        for t in [
            "Go%20back.md",
            "Plans/Move",
            "Note.md#Part:%20one",
            "../Up.md",
        ] {
            assert!(is_note_target(t), "{t:?} names a note");
        }
        for t in [
            "//evil.example/x",
            "/\\evil.example/x",
            "\\\\host\\share",
            "java\tscript:alert(1)",
            "javascript:alert(1)",
            "https://example.org/a.md",
            "mailto:me@example.org",
            "obsidian://open?vault=v&file=a",
            "#heading",
            "",
        ] {
            assert!(!is_note_target(t), "{t:?} is not a note");
        }
        assert_eq!(
            links("[a](//evil.example/x) [b](java\tscript:x) [c](Real.md)"),
            ["Real.md"]
        );
    }

    #[test]
    fn fields_inline_and_whole_line() {
        let f = bracket_fields("Call [due:: 2026-11-30] (Mood-Level:: 4) [[not:: link]] [x]");
        let keys: Vec<_> = f.iter().map(|f| (f.key.as_str(), f.value)).collect();
        assert_eq!(keys, [("due", "2026-11-30"), ("mood_level", "4")]);
        let l = line_field("**Decision**:: stay [revisit:: 2027-03-01]").expect("field");
        assert_eq!(
            (l.key.as_str(), l.value),
            ("decision", "stay [revisit:: 2027-03-01]")
        );
        assert!(line_field("time: 10::30").is_none());
        assert!(line_field("See [[a]]:: b").is_none());
    }

    #[test]
    fn words_need_a_letter_or_digit() {
        assert_eq!(count_words("- [ ] Write the 3rd chapter — today!"), 5);
        assert_eq!(count_words("日本 語 — café\tnaïve  "), 4);
        assert_eq!(count_words(""), 0);
        assert_eq!(count_words("  \n lead and tail"), 3);
        assert_eq!(count_words("— · ·· ¿"), 0);
    }

    #[test]
    fn two_byte_search_agrees_with_memmem() {
        for hay in [
            "", ":", "::", ":::", "a::b::c", "[[[x]]]", "x]]", "[a[b[[c", "é::日",
        ] {
            let b = hay.as_bytes();
            for needle in [*b"::", *b"[[", *b"]]"] {
                assert_eq!(
                    find2(b, needle),
                    memchr::memmem::find(b, &needle),
                    "{hay:?}"
                );
                assert_eq!(
                    find2_iter(b, needle).collect::<Vec<_>>(),
                    memchr::memmem::find_iter(b, &needle).collect::<Vec<_>>(),
                    "{hay:?}"
                );
            }
        }
    }
}
