//! Tera templates: the built-in ones (embedded in the binary), the user's overrides, the
//! filters offered to template writers, and template errors that point at file and line.
//!
//! Templates see only what they are given: each render registers the one template it needs
//! (no glob loading, no includes from disk), so a template cannot read files.

use crate::views::wikilink;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use tera::{Context, Kwargs, State, Tera, TeraResult, Value};

/// A built-in template: its name and text.
pub const WEEKLY_MD: (&str, &str) = ("weekly.md", include_str!("../templates/weekly.md"));
pub const WEEKLY_HTML: (&str, &str) = ("weekly.html", include_str!("../templates/weekly.html"));

/// A template to render: a built-in one or a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// Shown in errors: the built-in name or the file's path.
    pub name: String,
    pub text: String,
}

/// A template that cannot be used, with where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("template {file}{}: {message}", location(*.line, *.col))]
pub struct TemplateError {
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

fn location(line: usize, col: usize) -> String {
    match (line, col) {
        (0, _) => String::new(),
        (l, 0) => format!(":{l}"),
        (l, c) => format!(":{l}:{c}"),
    }
}

impl Template {
    pub fn builtin((name, text): (&str, &str)) -> Template {
        Template {
            name: name.to_string(),
            text: text.to_string(),
        }
    }

    /// Reads a template file.
    pub fn file(path: &Path) -> Result<Template, TemplateError> {
        let text = std::fs::read_to_string(path).map_err(|e| TemplateError {
            file: path.display().to_string(),
            line: 0,
            col: 0,
            message: format!("cannot be read: {e}"),
        })?;
        Ok(Template {
            name: path.display().to_string(),
            text,
        })
    }

    /// The template to use: `--template`, else the config's, else a same-named file in
    /// `<vault>/.journal/templates/`, else the built-in one.
    pub(crate) fn choose(
        flag: Option<&Path>,
        configured: Option<PathBuf>,
        vault: &Path,
        builtin: (&str, &str),
    ) -> Result<Template, TemplateError> {
        if let Some(p) = flag {
            return Template::file(p);
        }
        if let Some(p) = configured {
            return Template::file(&p);
        }
        let local = local_template(vault, builtin.0);
        if local.is_file() {
            return Template::file(&local);
        }
        Ok(Template::builtin(builtin))
    }

    /// Whether values are HTML-escaped: for `.html`, `.htm` and `.xml` templates.
    fn escapes(&self) -> bool {
        let n = self.name.to_ascii_lowercase();
        [".html", ".htm", ".xml"].iter().any(|s| n.ends_with(s))
    }
}

fn tera_error(name: &str, e: &tera::Error) -> TemplateError {
    use tera::ErrorKind;
    let (mut line, mut col, text) = match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => (
            r.span().start_line,
            r.span().start_col + 1,
            r.message().to_string(),
        ),
        other => (0, 0, other.to_string()),
    };
    // Some errors arrive as a ready-made report: "error: …\n --> name:line:col\n …".
    for l in text.lines() {
        if let Some(at) = l.trim_start().strip_prefix("--> ") {
            let mut parts = at.rsplitn(3, ':');
            if let (Some(c), Some(l), Some(_)) = (parts.next(), parts.next(), parts.next()) {
                col = c.trim().parse().unwrap_or(col);
                line = l.trim().parse().unwrap_or(line);
            }
        }
    }
    let mut message = text
        .lines()
        .next()
        .unwrap_or("")
        .trim()
        .trim_start_matches("error: ")
        .to_string();
    if let ErrorKind::RenderingError(r) = e.kind() {
        message = name_the_variable(&message, &e.kind().to_string(), r.span().start_col);
    }
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(s.to_string().lines().next().unwrap_or(""));
        source = s.source();
    }
    TemplateError {
        file: name.to_string(),
        line,
        col,
        message,
    }
}

/// Tera's "Field `titel` is not defined. Available fields: …" as "`p.titel` is not defined
/// (did you mean `p.title`?). Available fields: …": the whole expression, read from the
/// source line in Tera's report, and the closest name it offers.
fn name_the_variable(message: &str, report: &str, col: usize) -> String {
    let (what, rest) = match message.split_once(" is not defined") {
        Some((w, r)) => (w, r),
        None => return message.to_string(),
    };
    let Some(name) = what
        .strip_prefix("Field `")
        .or_else(|| what.strip_prefix("Variable `"))
        .and_then(|n| n.strip_suffix('`'))
    else {
        return message.to_string();
    };
    // The source line is the report's "N | text" line.
    let source = report
        .lines()
        .filter_map(|l| l.split_once(" | "))
        .find(|(n, _)| n.trim().parse::<usize>().is_ok())
        .map(|(_, text)| text);
    let expression = source
        .and_then(|line| {
            let before: String = line.chars().take(col).collect();
            let prefix: String = before
                .chars()
                .rev()
                .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '.'))
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let prefix = prefix.trim_start_matches('.');
            line.chars()
                .skip(col)
                .collect::<String>()
                .starts_with(name)
                .then(|| format!("{prefix}{name}"))
        })
        .unwrap_or_else(|| name.to_string());
    let offered: Vec<&str> = rest
        .split_once(": ")
        .map(|(_, list)| list.split(", ").map(str::trim).collect())
        .unwrap_or_default();
    let closest = offered
        .iter()
        .map(|o| (strsim::damerau_levenshtein(name, o), *o))
        .filter(|(d, o)| *d <= (o.len() / 3).max(1))
        .min()
        .map(|(_, o)| {
            let parent = &expression[..expression.len() - name.len()];
            format!(" (did you mean `{parent}{o}`?)")
        })
        .unwrap_or_default();
    format!("`{expression}` is not defined{closest}{rest}")
}

/// Where a vault keeps its own version of the built-in template `name`.
pub(crate) fn local_template(vault: &Path, name: &str) -> PathBuf {
    vault.join(".journal/templates").join(name)
}

/// A Tera instance with our filters.
pub(crate) fn engine() -> Tera {
    let mut tera = Tera::new();
    tera.register_filter("bar", bar);
    tera.register_filter("wikilink", wikilink_filter);
    tera.register_filter("date", date);
    tera.register_filter("signed", signed);
    tera.register_filter("sparkline", sparkline);
    tera.register_filter("plain", plain);
    tera
}

/// Renders `template` with `context` (any serializable value: its fields become variables).
pub fn render(
    template: &Template,
    context: &impl serde::Serialize,
) -> Result<String, TemplateError> {
    let mut tera = engine();
    // The name decides autoescaping; keep the user's extension.
    let key = if template.escapes() {
        "template.html"
    } else {
        "template.md"
    };
    tera.add_raw_template(key, &template.text)
        .map_err(|e| tera_error(&template.name, &e))?;
    let ctx = Context::from_serialize(context).map_err(|e| tera_error(&template.name, &e))?;
    tera.render(key, &ctx)
        .map_err(|e| tera_error(&template.name, &e))
}

/// `{{ 60 | bar }}` → `██████░░░░`; `width` sets the number of cells.
fn bar(val: &Value, kwargs: Kwargs, _: &State<'_>) -> TeraResult<String> {
    let width = kwargs.get::<usize>("width")?.unwrap_or(10).clamp(1, 200);
    let percent = val.as_f64().unwrap_or(0.0).clamp(0.0, 100.0);
    Ok(crate::glyphs::bar(percent.round() as u32, width))
}

fn str_at<'v>(v: &'v Value, path: &'v str) -> Option<&'v str> {
    v.get_from_path(path).and_then(Value::as_str)
}

/// `{{ task | wikilink }}`: an Obsidian link to where a task, checkpoint, answer or source
/// is written (`[[Folder/Note#Heading|Note]]`, a block link when the task has a block id).
/// `text` sets the link text.
fn wikilink_filter(val: &Value, kwargs: Kwargs, _: &State<'_>) -> TeraResult<String> {
    let source = val
        .get_from_path("source")
        .filter(|s| !s.is_none())
        .unwrap_or(val);
    let path = str_at(source, "path").unwrap_or("");
    let text = kwargs.get::<&str>("text")?;
    Ok(wikilink(
        path,
        str_at(source, "heading"),
        str_at(val, "block_id"),
        text,
    ))
}

/// `{{ "2026-11-24" | date(format="%a %d %b") }}`: a date formatted with chrono's `strftime`
/// codes (default `%Y-%m-%d`); null stays empty.
fn date(val: &Value, kwargs: Kwargs, _: &State<'_>) -> TeraResult<String> {
    let format = kwargs.get::<&str>("format")?.unwrap_or("%Y-%m-%d");
    let Some(s) = val.as_str() else {
        return Ok(String::new());
    };
    let d = NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| tera::Error::message(format!("`{s}` is not a YYYY-MM-DD date")))?;
    let items: Vec<chrono::format::Item<'_>> = chrono::format::StrftimeItems::new(format).collect();
    if items.contains(&chrono::format::Item::Error) {
        return Err(tera::Error::message(format!(
            "`{format}` is not a valid date format"
        )));
    }
    Ok(d.format_with_items(items.into_iter()).to_string())
}

/// `{{ 0.4 | signed }}` → `+0.4`, `-0.25`, `±0`.
fn signed(val: &Value, _: Kwargs, _: &State<'_>) -> TeraResult<String> {
    let x = val.as_f64().unwrap_or(0.0);
    Ok(if x > 0.0 {
        format!("+{x}")
    } else if x < 0.0 {
        format!("{x}")
    } else {
        "±0".to_string()
    })
}

/// `{{ task.text | plain }}`: text to show rather than to click: inline fields
/// (`[feeling:: proud]`) removed and, unless `links=false`, links reduced to their text
/// (`[[Plans/Book|the book]]` → `the book`, `[[Book]]` → `Book`, `[x](y.md)` → `x`).
fn plain(val: &str, kwargs: Kwargs, _: &State<'_>) -> TeraResult<String> {
    Ok(plain_text(
        val,
        kwargs.get::<bool>("links")?.unwrap_or(true),
    ))
}

pub(crate) fn plain_text(text: &str, links: bool) -> String {
    let mut out = text.to_string();
    for f in crate::note::inline::bracket_fields(text).iter().rev() {
        out.replace_range(f.span.clone(), "");
    }
    if links {
        out = link_text(&out);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn link_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut at = 0;
    for link in crate::note::inline::link_spans(s) {
        out.push_str(&s[at..link.range.start]);
        out.push_str(link.text);
        at = link.range.end;
    }
    out.push_str(&s[at..]);
    out
}

/// `{{ [1, null, 3] | sparkline }}` → `▁·█`.
fn sparkline(val: &[Value], _: Kwargs, _: &State<'_>) -> TeraResult<String> {
    let values: Vec<Option<f64>> = val.iter().map(Value::as_f64).collect();
    Ok(crate::glyphs::sparkline(&values))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn one(text: &str, ctx: serde_json::Value) -> Result<String, TemplateError> {
        render(
            &Template {
                name: "t.md".into(),
                text: text.into(),
            },
            &ctx,
        )
    }

    #[test]
    fn filters_for_template_writers() {
        let ctx = json!({
            "p": 60,
            "t": {"block_id": "b1", "source": {"path": "Daily/2026-11-24.md", "line": 3, "heading": "Evening"}},
            "s": {"path": "Plans/Book.md", "line": 1, "heading": null},
            "d": "2026-11-24",
            "m": [1, null, 5]
        });
        let out = one(
            "{{ p | bar }}|{{ p | bar(width=5) }}|{{ t | wikilink }}|{{ s | wikilink(text=\"Book\") }}|{{ d | date(format=\"%a %d %b\") }}|{{ 0.5 | signed }}|{{ -1 | signed }}|{{ m | sparkline }}",
            ctx,
        )
        .expect("render");
        assert_eq!(
            out,
            "██████░░░░|███░░|[[Daily/2026-11-24#^b1|2026-11-24]]|[[Plans/Book|Book]]|Tue 24 Nov|+0.5|-1|▁·█"
        );
    }

    #[test]
    fn plain_text_for_reading() {
        assert_eq!(
            plain_text(
                "Draft done [feeling:: proud] for [[Plans/Book|the book]] and [[Other#H]] [x](y.md) #checkpoint",
                true
            ),
            "Draft done for the book and Other x #checkpoint"
        );
        assert_eq!(
            plain_text("Draft [feeling:: proud] [[Book]]", false),
            "Draft [[Book]]"
        );
        assert_eq!(plain_text("a [b] c [", true), "a [b] c [");
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let e = one("line one\n{{ x | nosuchfilter }}", json!({"x": 1})).expect_err("bad filter");
        assert_eq!((e.file.as_str(), e.line), ("t.md", 2));
        assert!(e.message.contains("nosuchfilter"), "{e}");
        let e = one("a\nb\n{% if %}", json!({})).expect_err("syntax");
        assert_eq!(e.line, 3, "{e}");
        let e = one("{{ missing.field }}", json!({})).expect_err("undefined");
        assert!(e.to_string().starts_with("template t.md:1:"), "{e}");
        let e =
            one("{{ d | date(format=\"%Q\") }}", json!({"d": "2026-11-24"})).expect_err("format");
        assert!(e.message.contains("not a valid date format"), "{e}");
    }

    #[test]
    fn html_templates_escape_values_and_markdown_ones_do_not() {
        let ctx = json!({"x": "<script>alert(1)</script>"});
        let html = render(
            &Template {
                name: "my.html".into(),
                text: "{{ x }}".into(),
            },
            &ctx,
        )
        .expect("html");
        assert_eq!(html, "&lt;script&gt;alert(1)&lt;/script&gt;");
        let md = render(
            &Template {
                name: "my.md".into(),
                text: "{{ x }}".into(),
            },
            &ctx,
        )
        .expect("md");
        assert_eq!(md, "<script>alert(1)</script>");
    }

    #[test]
    fn the_builtin_templates_parse() {
        let mut tera = engine();
        tera.add_raw_template("weekly.md", WEEKLY_MD.1)
            .expect("weekly.md");
        tera.add_raw_template("weekly.html", WEEKLY_HTML.1)
            .expect("weekly.html");
    }
}
