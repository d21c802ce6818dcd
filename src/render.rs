//! Tera templates: the built-in ones (embedded in the binary), the user's overrides, the
//! filters offered to template writers, and template errors that point at file and line.
//!
//! Templates see only what they are given: each render registers the one template it needs
//! (no glob loading, no includes from disk), so a template cannot read files.
//!
//! Values are escaped for the output format, never for the template's file name: HTML-escaped
//! in an HTML review; in Markdown every value is kept on one line and can never begin a
//! fence, a front-matter line or a marker (see [`escape_markdown`]), and no line of the
//! rendered text, whatever wrote it, is a review marker ([`no_markers`]).
//!
//! A template that is not built in is the vault's or the user's code: it runs in a child
//! process of our own binary under a time, memory and output budget ([`render_guarded`]), so
//! a runaway loop or a string doubled until memory fails ends in one line naming the
//! template, never a hang or an abort.

mod html;
mod weekly;

pub use html::NoteLinks;

use crate::views::wikilink;
use chrono::NaiveDate;
use std::io::Write;
use std::path::{Path, PathBuf};
use tera::{Context, Kwargs, State, Tera, TeraResult, Value};

/// A built-in template: its name and text.
pub const WEEKLY_MD: (&str, &str) = ("weekly.md", include_str!("../templates/weekly.md"));
pub const WEEKLY_HTML: (&str, &str) = ("weekly.html", include_str!("../templates/weekly.html"));
pub const MONTHLY_MD: (&str, &str) = ("monthly.md", include_str!("../templates/monthly.md"));
pub const QUARTERLY_MD: (&str, &str) = ("quarterly.md", include_str!("../templates/quarterly.md"));
pub const YEARLY_MD: (&str, &str) = ("yearly.md", include_str!("../templates/yearly.md"));
/// One page for the longer periods, under each period's name (so each can be replaced).
const PERIOD_HTML: &str = include_str!("../templates/period.html");
pub const MONTHLY_HTML: (&str, &str) = ("monthly.html", PERIOD_HTML);
pub const QUARTERLY_HTML: (&str, &str) = ("quarterly.html", PERIOD_HTML);
pub const YEARLY_HTML: (&str, &str) = ("yearly.html", PERIOD_HTML);
/// The answers to one question over time (`journal prompts --history`).
pub const HISTORY_MD: (&str, &str) = ("history.md", include_str!("../templates/history.md"));
pub const HISTORY_HTML: (&str, &str) = ("history.html", include_str!("../templates/history.html"));

/// The parts every HTML review shares, which any HTML template may use: the page with its
/// style sheet (`{% extends "review-page.html" %}`) and the components (charts, source links,
/// health badges, …) of `review-parts.html`.
pub const HTML_PARTS: [(&str, &str); 2] = [
    (
        "review-page.html",
        include_str!("../templates/review-page.html"),
    ),
    (
        "review-parts.html",
        include_str!("../templates/review-parts.html"),
    ),
];

/// How values are escaped, as the output format needs, and for HTML how the page links to
/// the notes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Flavour {
    Markdown,
    Html(NoteLinks),
}

/// A template to render: a built-in one or a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// Shown in errors: the built-in name or the file's path.
    pub name: String,
    pub text: String,
    /// Ours, embedded in the binary: rendered without the sandbox.
    builtin: bool,
}

/// A template that cannot be used, with where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
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

impl TemplateError {
    fn whole(file: impl Into<String>, message: impl Into<String>) -> TemplateError {
        TemplateError {
            file: file.into(),
            line: 0,
            col: 0,
            message: message.into(),
        }
    }
}

impl Template {
    pub fn builtin((name, text): (&str, &str)) -> Template {
        Template {
            name: name.to_string(),
            text: text.to_string(),
            builtin: true,
        }
    }

    /// A template of the user's, from its text.
    pub fn user(name: &str, text: &str) -> Template {
        Template {
            name: name.to_string(),
            text: text.to_string(),
            builtin: false,
        }
    }

    /// Whether the template names `variable` (its text holds the name; a mention in a
    /// comment counts too, which errs on the safe side).
    pub(crate) fn shows(&self, variable: &str) -> bool {
        self.text.contains(variable)
    }

    /// Reads a template file: a regular file of at most [`crate::fsx::TEMPLATE_MAX`] bytes.
    pub fn file(path: &Path) -> Result<Template, TemplateError> {
        let name = path.display().to_string();
        let bytes = crate::fsx::read_capped(path, crate::fsx::TEMPLATE_MAX)
            .map_err(|e| TemplateError::whole(&name, format!("cannot be read: {e}")))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| TemplateError::whole(&name, "is not UTF-8 text"))?;
        Ok(Template::user(&name, &text))
    }

    /// The template a setting names (vault-relative; `.md` added when there is no
    /// extension, as Obsidian does), read only if it lies inside the vault with no symbolic
    /// link on the way.
    pub(crate) fn from_setting(vault: &Path, rel: &str) -> Result<Template, TemplateError> {
        Template::file(&setting_path(vault, rel)?)
    }

    /// The template to use: `--template`, else the config's, else a same-named file in
    /// `<vault>/.journal/templates/`, else the built-in one.
    pub(crate) fn choose(
        flag: Option<&Path>,
        configured: Option<&str>,
        vault: &Path,
        builtin: (&str, &str),
    ) -> Result<Template, TemplateError> {
        if let Some(p) = flag {
            return Template::file(p);
        }
        if let Some(rel) = configured {
            return Template::from_setting(vault, rel);
        }
        match local_template(vault, builtin.0) {
            Some(local) => Template::file(&local),
            None => Ok(Template::builtin(builtin)),
        }
    }
}

/// The path of a file a setting names, checked to lie inside the vault.
pub(crate) fn setting_path(vault: &Path, rel: &str) -> Result<PathBuf, TemplateError> {
    let rel = rel.trim().trim_start_matches('/');
    let mut rel = rel.to_string();
    if Path::new(&rel).extension().is_none() {
        rel.push_str(".md");
    }
    crate::fsx::vault_file(vault, &rel).map_err(|e| TemplateError::whole(&rel, e.to_string()))
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

/// The vault's own version of the built-in template `name`, when it has one (in
/// `.journal/templates/`, no symbolic link on the way).
pub(crate) fn local_template(vault: &Path, name: &str) -> Option<PathBuf> {
    let path = crate::fsx::vault_file(vault, &format!(".journal/templates/{name}")).ok()?;
    std::fs::symlink_metadata(&path).is_ok().then_some(path)
}

/// A Tera instance with our filters; for HTML also the filters that render Markdown and link
/// to the notes.
pub(crate) fn engine(flavour: &Flavour) -> Tera {
    let mut tera = Tera::new();
    if let Flavour::Html(links) = flavour {
        let l = links.clone();
        tera.register_filter("markdown", move |val: &str, _: Kwargs, _: &State<'_>| {
            Value::safe_string(&html::markdown(val, &l))
        });
        let l = links.clone();
        tera.register_filter(
            "note_link",
            move |val: &Value, _: Kwargs, _: &State<'_>| -> String {
                let (path, heading, block_id) = place(val);
                l.source(path, heading, block_id).unwrap_or_default()
            },
        );
    }
    tera.register_filter("note_name", |val: &Value, _: Kwargs, _: &State<'_>| {
        crate::views::note_name(place(val).0).to_string()
    });
    tera.register_filter("bar", bar);
    tera.register_filter("wikilink", wikilink_filter);
    tera.register_filter("date", date);
    tera.register_filter("signed", signed);
    tera.register_filter("sparkline", sparkline);
    tera.register_filter("plain", plain);
    tera.register_filter("blockquote", blockquote);
    tera
}

/// The most a template may write.
pub const OUTPUT_MAX: usize = 64 * 1024 * 1024;
/// The most memory (address space) a user template's process may take.
const MEMORY_MAX: u64 = 1024 * 1024 * 1024;
/// How long a user template may run, in seconds; `JOURNAL_TEMPLATE_SECONDS` changes it.
const SECONDS: u64 = 10;

/// A writer that refuses to hold more than [`OUTPUT_MAX`] bytes.
struct Capped<'a> {
    out: &'a mut Vec<u8>,
    over: &'a mut bool,
}

impl Write for Capped<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.out.len() + buf.len() > OUTPUT_MAX {
            *self.over = true;
            return Err(std::io::Error::other("over the output budget"));
        }
        self.out.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Renders `template` with `context` (any serializable value: its fields become variables),
/// here in this process, escaping values for `flavour`. Output is capped at [`OUTPUT_MAX`];
/// time and memory are not bounded here (see [`render_guarded`]).
pub fn render(
    template: &Template,
    context: &impl serde::Serialize,
    flavour: Flavour,
) -> Result<String, TemplateError> {
    let ctx = Context::from_serialize(context).map_err(|e| tera_error(&template.name, &e))?;
    render_context(template, &ctx, &flavour)
}

fn render_context(
    template: &Template,
    ctx: &Context,
    flavour: &Flavour,
) -> Result<String, TemplateError> {
    let mut tera = engine(flavour);
    let parts: &[(&str, &str)] = match flavour {
        Flavour::Markdown => {
            tera.set_escape_fn(escape_markdown);
            &[]
        }
        Flavour::Html(_) => {
            tera.reset_escape_fn();
            &HTML_PARTS
        }
    };
    // Escaping follows the output format: every value is escaped, whatever the file's name
    // (an empty suffix ends every name).
    tera.autoescape_on([""]);
    let templates = parts
        .iter()
        .copied()
        .chain([("template", template.text.as_str())]);
    tera.add_raw_templates(templates)
        .map_err(|e| tera_error(&template.name, &e))?;
    let mut out = Vec::new();
    let mut over = false;
    let rendered = tera.render_to(
        "template",
        ctx,
        Capped {
            out: &mut out,
            over: &mut over,
        },
    );
    if over {
        return Err(over_budget(&template.name, Budget::Output));
    }
    rendered.map_err(|e| tera_error(&template.name, &e))?;
    let text = String::from_utf8(out)
        .map_err(|_| TemplateError::whole(&template.name, "wrote text that is not UTF-8"))?;
    Ok(match flavour {
        Flavour::Markdown => no_markers(text),
        Flavour::Html(_) => text,
    })
}

/// Escapes a value for Markdown: line breaks become spaces (a value never starts a line of
/// its own), `<!--` is written `&lt;!--` (no marker, no comment that would hide the rest of
/// the review), and a value starting with a fence or a front-matter line (```` ``` ````,
/// `~~~`, `---`) gets a backslash before it. Each shows as written in Markdown.
pub(crate) fn escape_markdown(input: &str, out: &mut dyn Write) -> std::io::Result<()> {
    let b = input.as_bytes();
    let lead = input.len() - input.trim_start_matches([' ', '\t']).len();
    let starts_block = ["```", "~~~", "---"]
        .iter()
        .any(|p| input[lead..].starts_with(p));
    if memchr::memchr3(b'\n', b'\r', b'<', b).is_none() && !starts_block {
        return out.write_all(b);
    }
    let mut s = input.replace("\r\n", " ").replace(['\r', '\n'], " ");
    s = s.replace("<!--", "&lt;!--");
    if starts_block {
        s.insert(lead, '\\');
    }
    out.write_all(s.as_bytes())
}

/// The rendered Markdown with any line that could be read as a review marker defused
/// (`&lt;` for its `<`): whatever a template writes, its body cannot end its own region.
pub(crate) fn no_markers(text: String) -> String {
    if !text.contains("<!-- journal:") {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 8);
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        if crate::markers::looks_like_marker(bare)
            || bare.split('\r').any(crate::markers::looks_like_marker)
        {
            out.push_str(&line.replace("<!--", "&lt;!--"));
        } else {
            out.push_str(line);
        }
    }
    out
}

#[derive(Debug, Clone, Copy)]
enum Budget {
    Time(u64),
    Memory,
    Output,
}

fn over_budget(name: &str, budget: Budget) -> TemplateError {
    let message = match budget {
        Budget::Time(s) => {
            format!("stopped after {s} s, the time a template may take (does it loop without end?)")
        }
        Budget::Memory => format!(
            "stopped: it needed more than {} MiB of memory, the most a template may take",
            MEMORY_MAX >> 20
        ),
        Budget::Output => format!(
            "stopped: it wrote more than {} MiB, the most a template may write",
            OUTPUT_MAX >> 20
        ),
    };
    TemplateError::whole(name, message)
}

/// The first argument that makes the binary the template sandbox ([`sandbox_main`]).
pub const SANDBOX_ARG: &str = "__render-template";

fn seconds() -> u64 {
    std::env::var("JOURNAL_TEMPLATE_SECONDS")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .filter(|&s| s > 0)
        .unwrap_or(SECONDS)
}

/// Renders a review with `template`: the built-in weekly Markdown review by Rust code
/// ([`weekly`], the same bytes without copying the review into Tera's values), any other
/// template as [`render_guarded`] does.
pub fn review(
    template: &Template,
    review: &crate::review::Review,
    flavour: Flavour,
) -> Result<String, TemplateError> {
    if is_builtin_weekly(template, &flavour) {
        return Ok(no_markers(weekly::render(review)));
    }
    render_guarded(template, review, flavour)
}

fn is_builtin_weekly(template: &Template, flavour: &Flavour) -> bool {
    template.builtin
        && matches!(flavour, Flavour::Markdown)
        && template.name == WEEKLY_MD.0
        && template.text == WEEKLY_MD.1
}

/// Renders like [`render`], but a template that is not built in runs in a child process of
/// this binary, under a time, memory and output budget.
pub(crate) fn render_guarded(
    template: &Template,
    context: &impl serde::Serialize,
    flavour: Flavour,
) -> Result<String, TemplateError> {
    if template.builtin {
        return render(template, context, flavour);
    }
    let name = &template.name;
    let failed = |what: &str, e: &dyn std::fmt::Display| {
        TemplateError::whole(name, format!("could not be run ({what}: {e})"))
    };
    let json = serde_json::to_vec(context).map_err(|e| failed("its data", &e))?;
    let flavour_json = serde_json::to_vec(&flavour).map_err(|e| failed("its data", &e))?;
    let exe = std::env::current_exe().map_err(|e| failed("the journal binary", &e))?;
    let secs = seconds();
    let mut child = std::process::Command::new(exe)
        .arg(SANDBOX_ARG)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| failed("a child process", &e))?;
    let mut stdout = child
        .stdout
        .take()
        .ok_or_else(|| failed("its output", &"none"))?;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::Read;
        let mut out = Vec::new();
        let read = (&mut stdout)
            .take(OUTPUT_MAX as u64 + 1)
            .read_to_end(&mut out);
        let _ = tx.send(read.map(|_| out));
    });
    if let Some(mut stdin) = child.stdin.take() {
        let header = format!(
            "{secs} {} {} {}\n",
            flavour_json.len(),
            name.len(),
            template.text.len()
        );
        // A child that died early (of its budget) closes the pipe: its status tells why.
        let _ = stdin
            .write_all(header.as_bytes())
            .and_then(|()| stdin.write_all(&flavour_json))
            .and_then(|()| stdin.write_all(name.as_bytes()))
            .and_then(|()| stdin.write_all(template.text.as_bytes()))
            .and_then(|()| stdin.write_all(&json));
    }
    let received = rx.recv_timeout(std::time::Duration::from_secs(secs));
    let out = match received {
        Ok(Ok(out)) if out.len() <= OUTPUT_MAX => out,
        Ok(Ok(_)) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(over_budget(name, Budget::Output));
        }
        Ok(Err(e)) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(failed("its output", &e));
        }
        Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(over_budget(name, Budget::Time(secs)));
        }
    };
    let status = child.wait().map_err(|e| failed("its exit", &e))?;
    match status.code() {
        Some(0) => String::from_utf8(out)
            .map_err(|_| TemplateError::whole(name, "wrote text that is not UTF-8")),
        Some(3) => {
            Err(serde_json::from_slice(&out)
                .unwrap_or_else(|_| TemplateError::whole(name, "failed")))
        }
        // Killed by a signal: the memory limit (an allocation that failed aborts) or the
        // processor-time backstop.
        None => {
            #[cfg(unix)]
            {
                use std::os::unix::process::ExitStatusExt;
                if status.signal() == Some(rustix::process::Signal::XCPU.as_raw()) {
                    return Err(over_budget(name, Budget::Time(secs)));
                }
            }
            Err(over_budget(name, Budget::Memory))
        }
        Some(code) => Err(failed("the renderer", &format!("exit status {code}"))),
    }
}

/// The template sandbox: what the binary does when started with [`SANDBOX_ARG`]. Reads a
/// template and its data on standard input, limits its own memory and processor time,
/// renders, and writes the text (exit 0) or the error as JSON (exit 3) on standard output.
pub fn sandbox_main() -> std::process::ExitCode {
    use std::io::Read;
    let fail = || std::process::ExitCode::from(4);
    let mut input = Vec::new();
    if std::io::stdin().lock().read_to_end(&mut input).is_err() {
        return fail();
    }
    let Some(nl) = memchr::memchr(b'\n', &input) else {
        return fail();
    };
    let header = String::from_utf8_lossy(&input[..nl]).into_owned();
    let fields: Vec<&str> = header.split(' ').collect();
    let [secs, flavour_len, name_len, text_len] = fields[..] else {
        return fail();
    };
    let (Ok(secs), Ok(flavour_len), Ok(name_len), Ok(text_len)) = (
        secs.parse::<u64>(),
        flavour_len.parse::<usize>(),
        name_len.parse::<usize>(),
        text_len.parse::<usize>(),
    ) else {
        return fail();
    };
    let rest = &input[nl + 1..];
    let Some(Ok(flavour)) = rest
        .get(..flavour_len)
        .map(serde_json::from_slice::<Flavour>)
    else {
        return fail();
    };
    let rest = &rest[flavour_len..];
    let (Some(name), Some(text), Some(json)) = (
        rest.get(..name_len),
        rest.get(name_len..name_len + text_len),
        rest.get(name_len + text_len..),
    ) else {
        return fail();
    };
    let template = Template::user(
        &String::from_utf8_lossy(name),
        &String::from_utf8_lossy(text),
    );
    #[cfg(unix)]
    {
        use rustix::process::{Resource, Rlimit, setrlimit};
        let limit = |r, v| {
            setrlimit(
                r,
                Rlimit {
                    current: Some(v),
                    maximum: Some(v),
                },
            )
        };
        // The whole run is bounded by the parent's clock; this is the backstop.
        let _ = limit(Resource::Cpu, secs + 1);
        let _ = limit(Resource::As, MEMORY_MAX);
    }
    #[cfg(not(unix))]
    let _ = secs;
    let mut de = serde_json::Deserializer::from_slice(json);
    let result = Context::from_serialize(&serde_transcode::Transcoder::new(&mut de))
        .map_err(|e| tera_error(&template.name, &e))
        .and_then(|ctx| render_context(&template, &ctx, &flavour));
    let mut stdout = std::io::stdout().lock();
    match result {
        Ok(text) => {
            if stdout.write_all(text.as_bytes()).is_err() {
                return fail();
            }
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            let _ = serde_json::to_writer(&mut stdout, &e);
            std::process::ExitCode::from(3)
        }
    }
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

/// Where a task, checkpoint, answer, plan, decision or source is written: (path, heading,
/// block id).
fn place(val: &Value) -> (&str, Option<&str>, Option<&str>) {
    let source = val
        .get_from_path("source")
        .filter(|s| !s.is_none())
        .unwrap_or(val);
    (
        str_at(source, "path").unwrap_or(""),
        str_at(source, "heading"),
        str_at(val, "block_id"),
    )
}

/// `{{ task | wikilink }}`: an Obsidian link to where a task, checkpoint, answer or source
/// is written (`[[Folder/Note#Heading|Note]]`, a block link when the task has a block id).
/// `text` sets the link text.
fn wikilink_filter(val: &Value, kwargs: Kwargs, _: &State<'_>) -> TeraResult<String> {
    let (path, heading, block_id) = place(val);
    let text = kwargs.get::<&str>("text")?;
    Ok(wikilink(path, heading, block_id, text))
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
    Ok(signed_text(val.as_f64().unwrap_or(0.0)))
}

fn signed_text(x: f64) -> String {
    if x > 0.0 {
        format!("+{x}")
    } else if x < 0.0 {
        format!("{x}")
    } else {
        "±0".to_string()
    }
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

/// `> {{ answer | blockquote | safe }}`: a value of several lines as the lines of a block
/// quote, each escaped as any Markdown value is (so none can form a marker, a fence or front
/// matter), joined by `\n> `. Its output is already escaped, hence `safe`.
fn blockquote(val: &str, _: Kwargs, _: &State<'_>) -> TeraResult<String> {
    let mut out = Vec::with_capacity(val.len() + 8);
    for (i, line) in crate::note::blocks::Lines::new(val).enumerate() {
        if i > 0 {
            out.extend_from_slice(b"\n> ");
        }
        escape_markdown(line, &mut out).map_err(|e| tera::Error::message(e.to_string()))?;
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
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
        render(&Template::user("t.md", text), &ctx, Flavour::Markdown)
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
    fn blockquote_keeps_the_lines_of_a_value_and_escapes_each() {
        let out = one(
            "> {{ a | blockquote | safe }}",
            json!({"a": "first\n```\n<!-- journal:end -->\r\nlast"}),
        )
        .expect("render");
        assert_eq!(out, "> first\n> \\```\n> &lt;!-- journal:end -->\n> last");
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
    fn escaping_follows_the_output_format_not_the_file_name() {
        let ctx = json!({"x": "<script>alert(1)</script>"});
        for name in ["my.html", "weekly.html.tera", "x.md"] {
            let html = render(
                &Template::user(name, "{{ x }}"),
                &ctx,
                Flavour::Html(NoteLinks::None),
            )
            .expect("html");
            assert_eq!(html, "&lt;script&gt;alert(1)&lt;/script&gt;", "{name}");
            let md = render(&Template::user(name, "{{ x }}"), &ctx, Flavour::Markdown).expect("md");
            assert_eq!(md, "<script>alert(1)</script>", "{name}");
        }
    }

    #[test]
    fn values_never_form_markers_fences_or_front_matter_in_markdown() {
        let ctx = json!({
            "title": "x\n<!-- journal:end -->\n```\n---\n",
            "fence": "```js",
            "tilde": "  ~~~",
            "rule": "---",
            "end": "<!-- journal:end -->",
        });
        let out = render(
            &Template::user(
                "t.md",
                "{{ title }}\n{{ fence }}\n{{ tilde }}\n{{ rule }}\n{{ end }}\n{{ end | safe }}\n<!-- journal:begin -->\n",
            ),
            &ctx,
            Flavour::Markdown,
        )
        .expect("render");
        assert_eq!(
            out,
            "x &lt;!-- journal:end --> ``` --- \n\\```js\n  \\~~~\n\\---\n&lt;!-- journal:end -->\n&lt;!-- journal:end -->\n&lt;!-- journal:begin -->\n"
        );
        for line in out.lines() {
            assert!(!crate::markers::looks_like_marker(line), "{line}");
        }
    }

    #[test]
    fn output_is_capped() {
        let e = render(
            &Template::user(
                "big.md",
                "{% for i in range(end=100000) %}{{ s }}{% endfor %}",
            ),
            &json!({"s": "x".repeat(1024)}),
            Flavour::Markdown,
        )
        .expect_err("too big");
        assert!(
            e.to_string()
                .starts_with("template big.md: stopped: it wrote more than 64 MiB"),
            "{e}"
        );
    }

    #[test]
    fn the_builtin_templates_parse() {
        let mut tera = engine(&Flavour::Markdown);
        tera.add_raw_template("weekly.md", WEEKLY_MD.1)
            .expect("weekly.md");
        let mut tera = engine(&Flavour::Html(NoteLinks::None));
        tera.add_raw_templates(HTML_PARTS.iter().copied().chain([WEEKLY_HTML]))
            .expect("weekly.html");
        for (name, text) in [
            MONTHLY_MD,
            QUARTERLY_MD,
            YEARLY_MD,
            MONTHLY_HTML,
            HISTORY_MD,
            HISTORY_HTML,
        ] {
            tera.add_raw_template(name, text).expect(name);
        }
    }
}
