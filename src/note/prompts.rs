//! Reflection prompts: which headings and callouts ask a question, when an answer counts as
//! an answer, and how questions are folded so answers to the same one can be followed.

/// The callout types that hold a question.
const QUESTION_CALLOUTS: &[&str] = &["question", "faq", "help"];

/// A callout header `[!question]- Title`: its type (lowercase) and title.
pub(crate) fn callout_header(content: &str) -> Option<(String, &str)> {
    let rest = content.trim_start().strip_prefix("[!")?;
    let end = rest.find(']')?;
    let kind = rest[..end].trim().to_ascii_lowercase();
    if kind.is_empty() || kind.contains(char::is_whitespace) {
        return None;
    }
    let title = rest[end + 1..].trim_start_matches(['-', '+']).trim();
    Some((kind, title))
}

/// Whether a callout of this type is a reflection prompt.
pub(crate) fn is_question_callout(kind: &str) -> bool {
    QUESTION_CALLOUTS.contains(&kind)
}

/// Whether a heading is a prompt: its text ends with `?`.
pub(crate) fn is_question_heading(text: &str) -> bool {
    text.trim_end_matches(['*', '_', ' ']).ends_with('?')
}

/// A bold label at the start of a line, as journals label their answers: `**What went
/// well:** text`, `**Went well**: text`, `**Are you happy?** text`, or a bold line alone
/// (`**Gratitude**`). Gives the label (without its colon) and what follows it on the line.
pub(crate) fn bold_label(content: &str) -> Option<(&str, &str)> {
    let t = content.trim_start();
    let delim = if t.starts_with("**") {
        "**"
    } else if t.starts_with("__") {
        "__"
    } else {
        return None;
    };
    let inner_start = &t[2..];
    let close = inner_start.find(delim)?;
    let inner = inner_start[..close].trim();
    let mut rest = inner_start[close + 2..].trim_start();
    let mut label = inner;
    let mut marked = false;
    if let Some(l) = label.strip_suffix(':') {
        label = l.trim_end();
        marked = true;
    } else if let Some(r) = rest.strip_prefix(':') {
        rest = r.trim_start();
        marked = true;
    } else if label.ends_with('?') {
        marked = true;
    }
    if label.is_empty()
        || label.chars().count() > 100
        || !label.chars().any(char::is_alphabetic)
        || (!marked && !rest.is_empty())
    {
        return None;
    }
    Some((label, rest))
}

/// Folds a question for grouping: case, surrounding whitespace and emphasis, inner runs of
/// whitespace, and trailing punctuation.
pub(crate) fn normalize(question: &str) -> String {
    let t = question
        .trim()
        .trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace())
        .trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '?' | '!' | '.' | ':' | '…' | '？' | '*' | '_')
        });
    super::inline::fold_words(t)
}

/// Whether an answer holds at least one word that is not a placeholder (`...`, `TODO`, `TBD`,
/// `-`, an empty or unfilled template variable such as `{{answer}}` or `<% tp.x %>`).
pub(crate) fn is_answered(answer: &str) -> bool {
    // Template variables (`{{ … }}`, Templater's `<% … %>`) are blanked out, in one pass.
    let b = answer.as_bytes();
    let mut text = String::with_capacity(answer.len());
    let mut i = 0;
    while let Some(k) = memchr::memchr2(b'{', b'<', &b[i..]) {
        let at = i + k;
        let close = match &b[at..] {
            [b'{', b'{', ..] => *b"}}",
            [b'<', b'%', ..] => *b"%>",
            _ => {
                text.push_str(&answer[i..=at]);
                i = at + 1;
                continue;
            }
        };
        text.push_str(&answer[i..at]);
        text.push(' ');
        match crate::note::inline::find2(&b[at + 2..], close) {
            Some(len) => i = at + 2 + len + 2,
            None => {
                i = b.len();
                break;
            }
        }
    }
    text.push_str(&answer[i.min(b.len())..]);
    text.split_whitespace().any(|w| {
        let core = w.trim_matches(|c: char| !c.is_alphanumeric());
        !core.is_empty()
            && !core.eq_ignore_ascii_case("todo")
            && !core.eq_ignore_ascii_case("tbd")
            && w.chars().any(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn callout_headers() {
        assert_eq!(
            callout_header("[!question] Are you happy?"),
            Some(("question".into(), "Are you happy?"))
        );
        assert_eq!(
            callout_header("[!FAQ]- What next?"),
            Some(("faq".into(), "What next?"))
        );
        assert_eq!(callout_header("[!help]"), Some(("help".into(), "")));
        assert_eq!(callout_header("[x] no"), None);
    }

    #[test]
    fn questions_fold_together() {
        assert_eq!(normalize("  Are you   HAPPY?? "), "are you happy");
        assert_eq!(normalize("**What next?**"), "what next");
        assert_eq!(normalize("What next"), normalize("what next?"));
        assert_eq!(normalize("ΠΩΣ ΕΙΣΑΙ;"), normalize("πως εισαι;"));
    }

    #[test]
    fn placeholders_are_not_answers() {
        for a in [
            "",
            "...",
            "…",
            "TODO",
            "TBD:",
            "-",
            "- ",
            "{{answer}}",
            "<% tp.file.cursor() %>",
            "- [ ] \n-",
        ] {
            assert!(!is_answered(a), "{a:?}");
        }
        for a in ["Yes", "- mostly, yes", "{{x}} I think so", "42"] {
            assert!(is_answered(a), "{a:?}");
        }
    }

    #[test]
    fn bold_labels() {
        assert_eq!(
            bold_label("**What went well:** the ending"),
            Some(("What went well", "the ending"))
        );
        assert_eq!(
            bold_label("**Went well**: sleep"),
            Some(("Went well", "sleep"))
        );
        assert_eq!(
            bold_label("__Are you happy?__ Yes"),
            Some(("Are you happy?", "Yes"))
        );
        assert_eq!(bold_label("**Gratitude**"), Some(("Gratitude", "")));
        assert_eq!(
            bold_label("**Important** call the bank"),
            None,
            "emphasis, not a label"
        );
        assert_eq!(bold_label("Text **bold:** later"), None);
        assert_eq!(bold_label("**1:**"), None);
    }

    #[test]
    fn headings_that_ask() {
        assert!(is_question_heading("Are you happy?"));
        assert!(is_question_heading("**What next?**"));
        assert!(!is_question_heading("Plans"));
    }
}
