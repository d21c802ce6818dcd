//! The HTML pages (the reviews, a question's history) in a real headless browser (Debian's
//! `chromium`): they load without console errors, are screenshotted, and markup written in the
//! notes stays text.
//!
//! `.ci/run` installs Chromium. Without it this test fails, unless `JOURNAL_SKIP_BROWSER=1`
//! says to skip it on purpose.

use crate::common::{TODAY, TestVault};
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

/// Runs headless Chromium on a local file with `extra` flags; returns (stdout, stderr).
fn browse(browser: &Path, page: &Path, extra: &[String]) -> (String, String) {
    let profile = tempfile::tempdir().expect("profile dir");
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
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start chromium");
    let deadline = Instant::now() + Duration::from_secs(90);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish within 90 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let out = child.wait_with_output().expect("output");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
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

/// Asserts the page logged no console message or error.
fn assert_no_page_errors(stderr: &str) {
    let errors = page_errors(stderr);
    assert!(errors.is_empty(), "console errors: {errors:?}");
}

/// Screenshots `page` at 1000 × `height` into the test's target folder as `name`, and returns
/// the PNG's bytes. A screenshot left from an earlier run is removed first.
fn screenshot(browser: &Path, page: &Path, name: &str, height: u32) -> Vec<u8> {
    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_file(&shot);
    browse(
        browser,
        page,
        &[
            format!("--screenshot={}", shot.display()),
            format!("--window-size=1000,{height}"),
        ],
    );
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    png
}

const HOSTILE: &str = "<script>alert('x')</script>";
const HOSTILE_IMG: &str = "<img src=x onerror=alert(1)>";

#[test]
fn the_html_review_renders_in_chromium_and_notes_stay_text() {
    let Some(browser) = chromium() else { return };
    let v = TestVault::new()
        .note(
            "Plans/<b>Bold</b> plan.md",
            "---\ntype: plan\ntitle: \"<svg onload=alert(1)>\"\n---\n- [x] Plan step ✅ 2026-11-25\n",
        )
        .note(
            "Daily/2026-11-25.md",
            &format!(
                "mood:: 4\n- [x] {HOSTILE} done ✅ 2026-11-25\n- [ ] {HOSTILE_IMG} overdue 📅 2026-11-20 #help\n- [ ] [click](javascript:alert(1)) &amp; &#x3C;broken &lt; entity 📅 2026-11-21\n\n## Are you happy? <i>yes</i>\n\"><script>alert(2)</script>\n"
            ),
        );
    let page = v.join("review.html");
    v.cmd(&["review", "--format", "html", "-o"])
        .arg(&page)
        .assert()
        .success();
    let html = std::fs::read_to_string(&page).expect("page");
    assert!(!html.contains("<script"), "no script element in the page");
    assert!(!html.contains("<img"), "no image element in the page");
    assert!(html.contains("&lt;script&gt;"));

    let (dom, stderr) = browse(&browser, &page, &["--dump-dom".to_string()]);
    assert!(dom.contains("Weekly review"), "the page loaded: {stderr}");
    for element in ["<script", "<img", "<svg onload", "<i>yes", "<b>Bold"] {
        assert!(
            !dom.contains(element),
            "`{element}` became markup in the browser"
        );
    }
    assert!(
        dom.contains("&lt;script&gt;alert('x')&lt;/script&gt; done"),
        "the script tag is shown as text"
    );
    assert!(
        dom.contains("&lt;img src=x onerror=alert(1)&gt; overdue"),
        "the img tag is shown as text"
    );
    assert_no_page_errors(&stderr);

    let png = screenshot(&browser, &page, "review-hostile.png", 2400);
    assert!(png.len() > 10_000, "a real screenshot");
}

#[test]
fn the_sample_review_screenshot() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().expect("tmp");
    let page = dir.path().join("review.html");
    crate::common::journal()
        .arg("--vault")
        .arg(crate::common::sample_journal())
        .args([
            "--today", TODAY, "review", "--week", "2026-W48", "--format", "html", "-o",
        ])
        .arg(&page)
        .assert()
        .success();
    let (dom, stderr) = browse(&browser, &page, &["--dump-dom".to_string()]);
    assert!(dom.contains("Publish my first novel"));
    assert_eq!(
        dom.matches("<svg").count(),
        3 + 4,
        "three charts and a bar per plan"
    );
    assert_no_page_errors(&stderr);
    let png = screenshot(&browser, &page, "review-sample.png", 4000);
    assert!(png.len() > 50_000, "a real screenshot");
}

#[test]
fn the_month_quarter_and_year_reviews_render_in_chromium() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().expect("tmp");
    for (flag, value, heading) in [
        ("--month", "2026-11", "Monthly review"),
        ("--quarter", "2026-Q4", "Quarterly review"),
        ("--year", "2026", "Yearly review"),
    ] {
        let page = dir.path().join(format!("{value}.html"));
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
        assert!(!html.contains("<script"), "no script element in the page");
        let (dom, stderr) = browse(&browser, &page, &["--dump-dom".to_string()]);
        assert!(dom.contains(heading), "{value} loaded: {stderr}");
        assert!(dom.contains("Planned versus actual"), "{value}");
        assert!(dom.contains("heat-on"), "{value}: a habit's heat-map row");
        assert!(dom.contains("burn-done"), "{value}: a plan's burn-up");
        assert_no_page_errors(&stderr);
        let png = screenshot(&browser, &page, &format!("review-{value}.png"), 4000);
        assert!(png.len() > 50_000, "a real screenshot of {value}");
    }
}

#[test]
fn the_history_of_a_question_renders_in_chromium() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().expect("tmp");
    let page = dir.path().join("history.html");
    let out = crate::common::journal()
        .arg("--vault")
        .arg(crate::common::sample_journal())
        .args([
            "--today",
            TODAY,
            "-q",
            "prompts",
            "--history",
            "Are you happy?",
            "--format",
            "html",
        ])
        .assert()
        .success();
    std::fs::write(&page, &out.get_output().stdout).expect("page");
    let (dom, stderr) = browse(&browser, &page, &["--dump-dom".to_string()]);
    assert!(dom.contains("<h1>Are you happy?</h1>"), "loaded: {stderr}");
    assert!(
        dom.contains("Wednesday 26 November 2025"),
        "the year-ago answer"
    );
    assert!(dom.contains("mood 3.0"), "with the mood of its day");
    assert_no_page_errors(&stderr);
    let png = screenshot(&browser, &page, "history-sample.png", 2400);
    assert!(png.len() > 10_000, "a real screenshot");
}
