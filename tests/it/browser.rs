//! The HTML pages (the week, month, quarter and year reviews, a question's answers) in a real
//! headless browser (Debian's `chromium`), at a desktop and a phone width, light and dark: no
//! script runs (payloads in the notes would change `document.title`), every link has a safe
//! scheme and every source links to its note, the page passes axe-core's WCAG 2.2 A/AA and best-practice rules and our own named rules
//! ([`RULES`]), and screenshots and a printed PDF are saved for people to look at.
//!
//! `.ci/run` installs Chromium; axe-core is vendored in tests/a11y/. Without Chromium this
//! test fails, unless `JOURNAL_SKIP_BROWSER=1` says to skip it on purpose. The screenshots go
//! to `<target>/tmp/review-shots/`; with `JOURNAL_UPDATE_SCREENSHOTS=1` the three shown in
//! docs/REVIEW.md are written there too.

use crate::common::{TODAY, TestVault};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn chromium() -> Option<PathBuf> {
    if std::env::var_os("JOURNAL_SKIP_BROWSER").is_some() {
        eprintln!(
            "skipped: JOURNAL_SKIP_BROWSER is set, the HTML review was not opened in Chromium"
        );
        return None;
    }
    let found = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists());
    assert!(
        found.is_some(),
        "Chromium is needed for this test: apt-get install chromium (or set JOURNAL_SKIP_BROWSER=1)"
    );
    found
}

/// axe-core, the accessibility checker, vendored in tests/a11y/ (version and source in its
/// README.md), so the test needs neither network nor npm.
fn axe() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/a11y/axe.min.js");
    let axe = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("axe-core is vendored at {}: {e}", path.display()));
    assert!(
        axe.starts_with("/*! axe v"),
        "axe-core with its licence header"
    );
    axe
}

/// Runs headless Chromium on a local file with `extra` flags; returns (stdout, stderr). Its
/// output goes to files, not pipes, so a page dumped whole never fills a pipe nobody reads.
fn browse(browser: &Path, page: &Path, extra: &[String]) -> (String, String) {
    let profile = tempfile::tempdir().expect("profile dir");
    let out_path = profile.path().join("stdout");
    let err_path = profile.path().join("stderr");
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!(
            "--user-data-dir={}",
            profile.path().join("profile").display()
        ))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).expect("stdout file"))
        .stderr(std::fs::File::create(&err_path).expect("stderr file"))
        .spawn()
        .expect("start chromium");
    let deadline = Instant::now() + Duration::from_secs(120);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let read =
        |p: &Path| String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned();
    (read(&out_path), read(&err_path))
}

/// Console messages and page errors Chromium logged (its own start-up noise is ignored).
fn page_errors(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| {
            l.contains("CONSOLE")
                || l.contains("Uncaught")
                || l.contains("Content Security Policy")
                || l.contains("Refused to")
        })
        .collect()
}

/// Asserts the page logged no console message or error: with the page's
/// Content-Security-Policy, markup from a note that tried to run would be refused, and say so.
fn assert_no_page_errors(stderr: &str) {
    let errors = page_errors(stderr);
    assert!(errors.is_empty(), "console errors: {errors:?}");
}

/// A way to look at the page.
#[derive(Debug, Clone, Copy)]
struct View {
    name: &'static str,
    width: u32,
    dark: bool,
}

const DESKTOP: View = View {
    name: "desktop",
    width: 1000,
    dark: false,
};
const PHONE: View = View {
    name: "phone",
    width: 390,
    dark: false,
};
const DESKTOP_DARK: View = View {
    name: "desktop-dark",
    width: 1000,
    dark: true,
};
const PHONE_DARK: View = View {
    name: "phone-dark",
    width: 390,
    dark: true,
};

/// Each way the pages are looked at.
const ALL_VIEWS: [View; 4] = [DESKTOP, PHONE, DESKTOP_DARK, PHONE_DARK];

impl View {
    fn flags(self, height: u32) -> Vec<String> {
        let mut flags = vec![format!("--window-size={},{height}", self.width)];
        if self.dark {
            // Blink's preferred colour scheme: 0 is dark.
            flags.push("--blink-settings=preferredColorScheme=0".to_string());
        }
        flags
    }
}

/// Where the screenshots go.
fn shots() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("review-shots");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    dir
}

/// Screenshots `page` seen as `view`, `height` pixels tall, as `name`; returns its path. A
/// screenshot left from an earlier run is removed first.
fn screenshot(browser: &Path, page: &Path, view: View, height: u32, name: &str) -> PathBuf {
    let shot = shots().join(name);
    let _ = std::fs::remove_file(&shot);
    let mut flags = view.flags(height);
    flags.push(format!("--screenshot={}", shot.display()));
    browse(browser, page, &flags);
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    assert!(png.len() > 10_000, "a real screenshot: {}", shot.display());
    shot
}

/// The page printed to PDF (its print style sheet), as `name`.
fn print(browser: &Path, page: &Path, name: &str) -> PathBuf {
    let pdf = shots().join(name);
    let _ = std::fs::remove_file(&pdf);
    browse(
        browser,
        page,
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".to_string(),
        ],
    );
    let bytes = std::fs::read(&pdf).expect("a PDF");
    assert!(bytes.starts_with(b"%PDF"), "a PDF");
    pdf
}

/// The rules the page is held to besides axe-core's, each checked in the page by
/// [`CHECKS`] (a failure names the element):
const RULES: [&str; 9] = [
    // No script, frame, object, image, form or base element, and no `on…` attribute.
    "no-active-markup",
    // Every link is `obsidian:`, `file:`, `http:`, `https:` or `mailto:`.
    "links-have-safe-schemes",
    // Every source link (`a.src`) opens a note: `obsidian:` or `file:`.
    "source-links-open-notes",
    // Every SVG is an image with a text alternative (`aria-label`) holding every number it
    // shows; every chart has a caption, and one without data says so in words.
    "charts-have-text-alternatives",
    // A plan's health is said in words (on track, at risk, stuck, stalled, paused), not
    // only by colour or shape.
    "health-in-words",
    // One h1, first; no heading level skipped on the way down.
    "headings-in-order",
    // The numbers of the charts are also in a table with column and row headers.
    "numbers-in-a-table",
    // Nothing is wider than the screen (no sideways scrolling on a phone).
    "fits-the-screen",
    // Missed checkpoints and revisits due are said in words, not only by colour.
    "warnings-in-words",
];

/// Runs in the page once it has loaded: [`RULES`], then axe-core; writes what it found as
/// JSON in `<pre id="journal-checks">`.
const CHECKS: &str = r#"
window.addEventListener('load', function () {
  var out = { title: document.title, scroll_width: document.documentElement.scrollWidth,
    viewport: window.innerWidth, height: document.documentElement.scrollHeight,
    sources: 0, links: 0, failures: {} };
  RULES.forEach(function (r) { out.failures[r] = []; });
  function fail(rule, what) { out.failures[rule].push(String(what).slice(0, 200)); }
  document.querySelectorAll('script:not([data-harness]), iframe, frame, object, embed, img, picture, video, audio, form, input, button, base, link, meta[http-equiv="refresh"], style:not(head > style)')
    .forEach(function (e) { fail('no-active-markup', e.outerHTML); });
  document.querySelectorAll('*').forEach(function (e) {
    for (var i = 0; i < e.attributes.length; i++) {
      var a = e.attributes[i].name.toLowerCase();
      if (a.indexOf('on') === 0 || a === 'style' || a === 'srcdoc' || (a === 'href' && e.tagName !== 'A') || /(^|:)(src|action|formaction|data)$/.test(a) || a === 'xlink:href')
        fail('no-active-markup', e.tagName + ' ' + a);
    }
  });
  document.querySelectorAll('a').forEach(function (a) {
    out.links++;
    var href = a.getAttribute('href') || '';
    var m = /^([a-z][a-z0-9+.-]*):/i.exec(href);
    if (!m || ['obsidian', 'file', 'http', 'https', 'mailto'].indexOf(m[1].toLowerCase()) < 0)
      fail('links-have-safe-schemes', href || a.outerHTML);
  });
  document.querySelectorAll('a.src').forEach(function (a) {
    out.sources++;
    if (!/^(obsidian|file):/.test(a.getAttribute('href'))) fail('source-links-open-notes', a.getAttribute('href'));
  });
  document.querySelectorAll('svg').forEach(function (s) {
    var label = s.getAttribute('aria-label') || '';
    if (s.getAttribute('role') !== 'img' || label.trim() === '') fail('charts-have-text-alternatives', s.outerHTML);
    s.querySelectorAll('text.value').forEach(function (t) {
      if (label.indexOf(t.textContent) < 0) fail('charts-have-text-alternatives', label + ' lacks ' + t.textContent);
    });
  });
  document.querySelectorAll('figure.chart').forEach(function (f) {
    var cap = f.querySelector('figcaption');
    if (!cap || cap.textContent.trim() === '') fail('charts-have-text-alternatives', 'a chart without a caption');
    var empty = f.querySelector('.empty-chart');
    if (!f.querySelector('svg') && !(empty && empty.textContent.trim() !== '')) fail('charts-have-text-alternatives', 'a chart with neither data nor words');
  });
  document.querySelectorAll('.health').forEach(function (h) {
    var words = Array.prototype.filter.call(h.childNodes, function (n) {
      return !(n.nodeType === 1 && n.getAttribute('aria-hidden') === 'true');
    }).map(function (n) { return n.textContent; }).join('').trim();
    if (['on track', 'at risk', 'stuck', 'stalled', 'paused'].indexOf(words) < 0) fail('health-in-words', h.outerHTML);
  });
  var previous = 0;
  document.querySelectorAll('h1, h2, h3, h4, h5, h6').forEach(function (h, i) {
    var level = +h.tagName[1];
    if ((i === 0) !== (level === 1)) fail('headings-in-order', h.tagName + ' ' + h.textContent);
    if (level > previous + 1) fail('headings-in-order', 'h' + previous + ' then ' + h.tagName + ' ' + h.textContent);
    previous = level;
  });
  if (document.querySelector('figure.chart')) {
    var tables = document.querySelectorAll('table');
    var headed = Array.prototype.filter.call(tables, function (t) {
      return t.querySelector('thead th[scope="col"]') && t.querySelector('tbody th[scope="row"]');
    });
    if (headed.length === 0) fail('numbers-in-a-table', 'charts without a table of their numbers');
  }
  if (out.scroll_width > out.viewport) fail('fits-the-screen', out.scroll_width + ' px wide in ' + out.viewport);
  document.querySelectorAll('.flag').forEach(function (f) {
    if (f.textContent.trim() === '') fail('warnings-in-words', f.outerHTML);
  });
  document.querySelectorAll('h3').forEach(function (h) {
    if (h.textContent === 'Missed' && !h.nextElementSibling.textContent.includes('was due')) fail('warnings-in-words', 'missed checkpoints without "was due"');
  });
  function done() {
    var p = document.createElement('pre');
    p.id = 'journal-checks';
    p.textContent = JSON.stringify(out);
    document.body.appendChild(p);
  }
  axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'] })
    .then(function (r) {
      out.axe = r.violations.map(function (v) {
        return { id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.slice(0, 3).map(function (n) { return n.target.join(' ') + ': ' + n.failureSummary; }) };
      });
      out.axe_rules = r.testEngine ? r.testEngine.version : '';
      done();
    }, function (e) { out.axe_error = String(e); done(); });
});
"#;

/// The page's Content-Security-Policy line: the harness takes it out so that axe-core (and
/// any markup from a note that got through as markup) can run.
const CSP: &str = r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">"#;

/// What [`CHECKS`] found.
#[derive(Debug)]
struct Found {
    title: String,
    height: u32,
    sources: u64,
    links: u64,
    failures: BTreeMap<String, Vec<String>>,
    axe: Vec<serde_json::Value>,
}

/// Opens a copy of the page without its Content-Security-Policy and with axe-core and
/// [`CHECKS`] added, seen as `view`, and returns what they found.
fn check(browser: &Path, html: &str, view: View) -> Found {
    assert!(
        html.contains(CSP),
        "the page has its Content-Security-Policy"
    );
    let rules = serde_json::to_string(&RULES).expect("rules");
    let harness = html.replacen(CSP, "", 1).replacen(
        "</body>",
        &format!(
            "<script data-harness>{}</script><script data-harness>var RULES = {rules};{CHECKS}</script></body>",
            axe()
        ),
        1,
    );
    let dir = tempfile::tempdir().expect("tmp");
    let page = dir.path().join("harness.html");
    std::fs::write(&page, harness).expect("harness");
    let mut flags = view.flags(900);
    flags.extend([
        "--dump-dom".to_string(),
        "--virtual-time-budget=60000".to_string(),
    ]);
    let (dom, stderr) = browse(browser, &page, &flags);
    let start = dom
        .find("<pre id=\"journal-checks\">")
        .unwrap_or_else(|| panic!("the checks ran ({}): {stderr}", view.name));
    let json = &dom[start + "<pre id=\"journal-checks\">".len()..];
    let json = &json[..json.find("</pre>").expect("end of the checks")];
    let json = json
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&");
    let v: serde_json::Value = serde_json::from_str(&json).expect("the checks' JSON");
    assert!(
        v["axe_error"].is_null(),
        "axe-core failed: {}",
        v["axe_error"]
    );
    let failures = v["failures"]
        .as_object()
        .expect("failures")
        .iter()
        .map(|(k, list)| {
            let list = list.as_array().expect("list");
            (
                k.clone(),
                list.iter()
                    .map(|f| f.as_str().unwrap_or("").to_string())
                    .collect(),
            )
        })
        .collect();
    Found {
        title: v["title"].as_str().unwrap_or("").to_string(),
        height: v["height"].as_u64().unwrap_or(0) as u32,
        sources: v["sources"].as_u64().unwrap_or(0),
        links: v["links"].as_u64().unwrap_or(0),
        failures,
        axe: v["axe"].as_array().cloned().unwrap_or_default(),
    }
}

/// Asserts the page seen as `view` passes every rule and axe-core, and no script changed its
/// title; returns its height.
fn assert_checks_pass(browser: &Path, html: &str, view: View, title: &str) -> u32 {
    let found = check(browser, html, view);
    assert_eq!(
        found.title, title,
        "{}: a script from the notes ran and changed the title",
        view.name
    );
    let failed: Vec<_> = RULES
        .iter()
        .map(|rule| {
            (
                rule,
                found.failures.get(*rule).expect("every rule reported"),
            )
        })
        .filter(|(_, f)| !f.is_empty())
        .collect();
    assert!(
        failed.is_empty(),
        "{}: rules failed: {failed:#?}",
        view.name
    );
    assert!(
        found.axe.is_empty(),
        "{}: axe-core found: {:#?}",
        view.name,
        found.axe
    );
    assert!(
        found.links > 0 && found.sources > 0,
        "{}: links to the notes",
        view.name
    );
    assert!(found.height > 500, "{}: a whole page", view.name);
    found.height
}

/// Asserts the page passes every check seen as each of `views` ([`assert_checks_pass`]), and
/// screenshots it whole in each as `<name>-<view>.png`.
fn assert_checks_pass_and_screenshot(
    browser: &Path,
    (page, html): (&Path, &str),
    views: &[View],
    title: &str,
    name: &str,
) {
    for &view in views {
        let height = assert_checks_pass(browser, html, view, title);
        screenshot(
            browser,
            page,
            view,
            height.min(16_000),
            &format!("{name}-{}.png", view.name),
        );
    }
}

/// Renders the review of the sample journal's week 48 into `dir`.
fn sample_page(dir: &Path) -> (PathBuf, String) {
    sample_period_page(dir, "--week", "2026-W48")
}

#[test]
fn the_sample_review_in_chromium_desktop_and_phone_light_and_dark() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().expect("tmp");
    let (page, html) = sample_page(dir.path());

    let (dom, stderr) = browse(&browser, &page, &["--dump-dom".to_string()]);
    assert!(
        dom.contains("Publish my first novel"),
        "the page loaded: {stderr}"
    );
    assert_no_page_errors(&stderr);
    assert!(
        dom.contains("<a class=\"src\" href=\"obsidian://open?vault=sample-journal&amp;file="),
        "an Obsidian vault's sources open in Obsidian"
    );

    let title = "Weekly review 2026-W48 · sample-journal";
    assert_checks_pass_and_screenshot(&browser, (&page, &html), &ALL_VIEWS, title, "sample");
    print(&browser, &page, "sample-print.pdf");

    // The two shown in docs/REVIEW.md: the top of the page on a laptop, and on a phone in
    // the dark.
    let top = screenshot(&browser, &page, DESKTOP, 1500, "sample-desktop-top.png");
    let phone = screenshot(
        &browser,
        &page,
        PHONE_DARK,
        1600,
        "sample-phone-dark-top.png",
    );
    if std::env::var_os("JOURNAL_UPDATE_SCREENSHOTS").is_some() {
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
        std::fs::copy(top, docs.join("review-desktop.png")).expect("docs screenshot");
        std::fs::copy(phone, docs.join("review-phone-dark.png")).expect("docs screenshot");
    }
}

/// Each payload would set the title to this if it ran.
const PWNED: &str = "pwned";

/// The start of each payload of the hostile vault, which must never be written as markup.
const PAYLOAD_MARKUP: [&str; 6] = [
    "<script",
    "<img",
    "<iframe",
    "<style>body",
    "<svg onload",
    "<i onclick",
];

#[test]
fn a_hostile_vault_in_chromium_runs_no_script_and_links_nowhere_unsafe() {
    let Some(browser) = chromium() else { return };
    let set = format!("document.title='{PWNED}'");
    let v = TestVault::new()
        .note(".obsidian/app.json", "{}")
        .note(
            "Plans/<b>Bold</b> plan.md",
            &format!(
                "---\ntype: plan\ntitle: \"<svg onload={set}>\"\n---\n- [x] Plan step ✅ 2026-11-25\n- [ ] Next <iframe srcdoc=\"<script>{set}</script>\">\n"
            ),
        )
        .note(
            &format!("Daily/x\" onmouseover=\"{set}.md"),
            "- [x] a task in a note with a quote in its name ✅ 2026-11-24\n",
        )
        .note(
            "Daily/2026-11-25.md",
            &format!(
                "mood:: 4\n\
                 - [x] <script>{set}</script> done ✅ 2026-11-25\n\
                 - [ ] <img src=x onerror=\"{set}\"> overdue 📅 2026-11-20 #help\n\
                 - [ ] [click](javascript:{set}) and [data](data:text/html,<script>{set}</script>) 📅 2026-11-21\n\
                 - [ ] ![pic](javascript:{set}) [[Note\" onclick=\"{set}|alias]] <javascript:{set}> 📅 2026-11-22\n\
                 - [ ] [ok](https://example.org/?a=1&b=\"2\") **bold** &lt;b&gt; &#x3C;i 📅 2026-11-23\n\
                 \n## Are you happy? <i onclick=\"{set}\">yes</i>\n\"><script>{set}</script>\n<style>body{{display:none}}</style>\n"
            ),
        );
    let page = v.join("review.html");
    v.cmd(&["review", "--format", "html", "-o"])
        .arg(&page)
        .assert()
        .success();
    let html = std::fs::read_to_string(&page).expect("page");
    for element in PAYLOAD_MARKUP {
        assert!(!html.contains(element), "`{element}` written as markup");
    }

    // The page as it is, with its Content-Security-Policy: nothing was refused, because
    // nothing tried to run.
    let (dom, stderr) = browse(&browser, &page, &["--dump-dom".to_string()]);
    assert!(dom.contains("Weekly review"), "the page loaded: {stderr}");
    assert_no_page_errors(&stderr);
    assert!(
        dom.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt; done"),
        "the script tag is shown as text"
    );
    assert!(
        dom.contains("&lt;img src=x onerror=\"document.title='pwned'\"&gt; overdue"),
        "the img tag is shown as text"
    );
    assert!(
        dom.contains("<strong>bold</strong>"),
        "Markdown is rendered"
    );

    // Without the policy, in the harness: still no script runs, every link is safe.
    let title = page_title(&html);
    assert!(!title.contains(PWNED));
    assert_checks_pass_and_screenshot(
        &browser,
        (&page, &html),
        &[DESKTOP, PHONE],
        &title,
        "hostile",
    );

    // The month's page and the page of a question's answers, of the same notes and an answer
    // to a library question full of payloads: the same checks.
    std::fs::write(
        v.join("Daily/2026-11-26.md"),
        format!(
            "mood:: 3\n\n## Are you happy?\n\nYes <script>{set}</script>, <img src=x onerror=\"{set}\"> [click](javascript:{set}) **really**\n"
        ),
    )
    .expect("note");
    let out = tempfile::tempdir().expect("tmp");
    let month = out.path().join("month.html");
    v.cmd(&["review", "--month", "2026-11", "--format", "html", "-o"])
        .arg(&month)
        .assert()
        .success();
    let month_html = std::fs::read_to_string(&month).expect("month page");
    let pages = [
        ("month", (month, month_html)),
        (
            "history",
            history_page(v.path(), out.path(), "Are you happy?"),
        ),
    ];
    for (name, (page, html)) in pages {
        for element in PAYLOAD_MARKUP {
            assert!(
                !html.contains(element),
                "{name}: `{element}` written as markup"
            );
        }
        let (dom, stderr) = browse(&browser, &page, &["--dump-dom".to_string()]);
        assert_no_page_errors(&stderr);
        assert!(
            dom.contains("Yes &lt;script&gt;document.title='pwned'&lt;/script&gt;"),
            "{name}: the answer's script tag is shown as text"
        );
        assert!(
            dom.contains("<strong>really</strong>"),
            "{name}: Markdown is rendered"
        );
        let title = page_title(&html);
        assert!(!title.contains(PWNED), "{name}");
        assert_checks_pass_and_screenshot(
            &browser,
            (&page, &html),
            &[DESKTOP, PHONE],
            &title,
            &format!("hostile-{name}"),
        );
    }
}

#[test]
fn a_vault_without_obsidian_links_to_files_and_says_when_there_is_no_mood() {
    let Some(browser) = chromium() else { return };
    let v = TestVault::new().note(
        "Daily/2026-11-25.md",
        "- [x] Walked to the river ✅ 2026-11-25\n",
    );
    let page = v.join("review.html");
    v.cmd(&["review", "--format", "html", "-o"])
        .arg(&page)
        .assert()
        .success();
    let html = std::fs::read_to_string(&page).expect("page");
    let root = std::fs::canonicalize(v.path()).expect("root");
    assert!(
        html.contains(&format!(
            "href=\"file://{}/Daily/2026-11-25.md\"",
            root.display()
        )),
        "a file link to the note"
    );
    assert!(html.contains("No mood recorded this week."));
    assert!(html.contains("no mood recorded"), "the mood card");
    let title = format!(
        "Weekly review 2026-W48 · {}",
        root.file_name().expect("name").to_string_lossy()
    );
    assert_checks_pass_and_screenshot(&browser, (&page, &html), &[PHONE], &title, "plain");
}

/// The harness can fail: a page with a script that changes the title, a source link with an
/// unsafe scheme, and a link without a name (axe-core's `link-name`) is caught on all three.
#[test]
fn the_harness_catches_a_script_an_unsafe_source_link_and_an_axe_violation() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().expect("tmp");
    let (_, html) = sample_page(dir.path());
    let bad = html.replacen(
        "</main>",
        &format!(
            "<script>document.title='{PWNED}'</script><p><a class=\"src\" href=\"javascript:void(0)\">x</a> <a href=\"https://example.org/\"></a></p></main>"
        ),
        1,
    );
    let found = check(&browser, &bad, DESKTOP);
    assert_eq!(found.title, PWNED, "the script ran, and the harness saw it");
    for rule in [
        "no-active-markup",
        "links-have-safe-schemes",
        "source-links-open-notes",
    ] {
        assert!(
            !found.failures[rule].is_empty(),
            "{rule} caught nothing: {:#?}",
            found.failures
        );
    }
    assert!(
        found.axe.iter().any(|v| v["id"] == "link-name"),
        "axe-core caught the link without a name: {:#?}",
        found.axe
    );
}

/// The `<title>` of a page, as the browser reads it.
fn page_title(html: &str) -> String {
    let start = html.find("<title>").expect("a title") + "<title>".len();
    let end = start + html[start..].find("</title>").expect("end of the title");
    html[start..end]
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// Renders the sample journal's review of a month, quarter or year (`flag value`) into `dir`.
fn sample_period_page(dir: &Path, flag: &str, value: &str) -> (PathBuf, String) {
    let page = dir.join(format!("{value}.html"));
    crate::common::journal()
        .arg("--vault")
        .arg(crate::common::sample_journal())
        .args([
            "--today", TODAY, "-q", "review", flag, value, "--format", "html", "-o",
        ])
        .arg(&page)
        .assert()
        .success();
    let html = std::fs::read_to_string(&page).expect("page");
    (page, html)
}

/// The page of one question's answers (`journal prompts --history Q --format html`) of the
/// vault at `vault`, written into `dir`.
fn history_page(vault: &Path, dir: &Path, question: &str) -> (PathBuf, String) {
    let page = dir.join("history.html");
    let out = crate::common::journal()
        .arg("--vault")
        .arg(vault)
        .args([
            "--today",
            TODAY,
            "-q",
            "prompts",
            "--history",
            question,
            "--format",
            "html",
        ])
        .assert()
        .success();
    std::fs::write(&page, &out.get_output().stdout).expect("page");
    let html = String::from_utf8(out.get_output().stdout.clone()).expect("utf-8");
    (page, html)
}

#[test]
fn the_month_quarter_and_year_reviews_in_chromium_desktop_and_phone_light_and_dark() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().expect("tmp");
    for (flag, value, title) in [
        (
            "--month",
            "2026-11",
            "Monthly review 2026-11 · sample-journal",
        ),
        (
            "--quarter",
            "2026-Q4",
            "Quarterly review 2026-Q4 · sample-journal",
        ),
        ("--year", "2026", "Yearly review 2026 · sample-journal"),
    ] {
        let (page, html) = sample_period_page(dir.path(), flag, value);
        assert!(!html.contains("<script"), "no script element in the page");
        let (dom, stderr) = browse(&browser, &page, &["--dump-dom".to_string()]);
        assert!(
            dom.contains(&format!("<title>{title}</title>")),
            "{value} loaded: {stderr}"
        );
        assert_no_page_errors(&stderr);
        for section in [
            "Planned versus actual",
            "Carried forward",
            "Habits",
            "Reflections",
            "Decisions",
            "A year ago this",
        ] {
            assert!(dom.contains(section), "{value}: {section}");
        }
        assert!(dom.contains("heat-on"), "{value}: a habit's heat-map row");
        assert!(dom.contains("burn-done"), "{value}: a plan's burn-up");
        assert!(
            dom.contains("<a class=\"src\" href=\"obsidian://open?vault=sample-journal&amp;file="),
            "{value}: an Obsidian vault's sources open in Obsidian"
        );
        assert_checks_pass_and_screenshot(
            &browser,
            (&page, &html),
            &ALL_VIEWS,
            title,
            &format!("sample-{value}"),
        );
        print(&browser, &page, &format!("sample-{value}-print.pdf"));
        if value == "2026-11" {
            // The one shown in docs/REVIEW.md: the top of the month's page on a laptop.
            let top = screenshot(
                &browser,
                &page,
                DESKTOP,
                1500,
                "sample-month-desktop-top.png",
            );
            if std::env::var_os("JOURNAL_UPDATE_SCREENSHOTS").is_some() {
                let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
                std::fs::copy(top, docs.join("review-month-desktop.png")).expect("docs screenshot");
            }
        }
    }
}

#[test]
fn the_history_of_a_question_in_chromium_desktop_and_phone_light_and_dark() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().expect("tmp");
    let (page, html) = history_page(
        &crate::common::sample_journal(),
        dir.path(),
        "Are you happy?",
    );
    let (dom, stderr) = browse(&browser, &page, &["--dump-dom".to_string()]);
    assert!(dom.contains("<h1>Are you happy?</h1>"), "loaded: {stderr}");
    assert_no_page_errors(&stderr);
    assert!(
        dom.contains("Wednesday 26 November 2025"),
        "the year-ago answer"
    );
    assert!(dom.contains("mood 3.0"), "with the mood of its day");
    let title = "Are you happy? · sample-journal";
    assert_checks_pass_and_screenshot(&browser, (&page, &html), &ALL_VIEWS, title, "history");
}
