//! Obsidian Tasks' own parser as the oracle: every line of tests/fixtures/
//! obsidian-tasks-conformance.json (task lines from the plugin's test suite and from issue 14,
//! with what the plugin's `Task.fromLine` returned for each, written by
//! scripts/tasks-conformance/generate.mjs) is read by the real binary in a vault holding the
//! same Tasks settings, and every field is compared. A difference passes only when it is one of
//! the documented choices in [`Allowed`] (docs/FORMAT.md, "Where journal and Obsidian Tasks
//! differ"), and then only in the shape that choice allows.

use crate::common::TestVault;
use serde_json::Value;
use std::collections::BTreeMap;

const FIXTURE: &str = include_str!("../fixtures/obsidian-tasks-conformance.json");

/// The documented choices where journal reads a line differently from Obsidian Tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Allowed {
    /// `2026-02-30` (or year 0000): the plugin keeps an invalid date; journal has no date and
    /// `journal check` warns.
    ImpossibleDate,
    /// journal reads the emoji and the Dataview formats together; the plugin reads the one
    /// its settings name.
    BothFormats,
    /// Tags as Obsidian reads them: `#1984` is not a tag, and a tag ends at punctuation such
    /// as `'` `;` `=` `[` `—` (the plugin takes `#it's` whole).
    ObsidianTags,
    /// A recurrence rule is kept as written; the plugin drops one its rule parser cannot read.
    RecurrenceAsWritten,
    /// `- [x]done`: Obsidian (and GFM) make a checkbox only with a space after `]`, and the
    /// plugin reads only what Obsidian marks as a task; its `Task.fromLine` alone takes it.
    SpaceAfterCheckbox,
    /// Nothing in `` `code` `` is read as a tag.
    CodeSpans,
    /// Nothing in `%% … %%` or `<!-- … -->` comments is read, nor kept in the description.
    Comments,
    /// A task with no description (only fields, or only the global filter) is a blank
    /// placeholder, not a task (docs/FORMAT.md, "What counts as your writing").
    BlankTask,
}

/// The plugin's status types as journal names them.
fn status_name(t: &str) -> &'static str {
    match t {
        "IN_PROGRESS" => "in_progress",
        "DONE" => "done",
        "CANCELLED" => "cancelled",
        "ON_HOLD" => "deferred",
        "NON_TASK" => "non_task",
        _ => "todo",
    }
}

/// A plugin tag cut where Obsidian ends a tag, or `None` where Obsidian sees no tag. Written
/// from Obsidian's rule, apart from journal's code, to judge a tag difference.
fn obsidian_tag(plugin_tag: &str) -> Option<String> {
    let body = plugin_tag.strip_prefix('#')?;
    let end = body
        .char_indices()
        .find(|&(_, c)| {
            c.is_whitespace()
                || (c.is_ascii_punctuation() && !"_-/".contains(c))
                || ('\u{2000}'..='\u{206F}').contains(&c)
                || ('\u{2E00}'..='\u{2E7F}').contains(&c)
        })
        .map_or(body.len(), |(i, _)| i);
    let tag = &body[..end];
    (!tag.is_empty() && !tag.bytes().all(|b| b.is_ascii_digit())).then(|| tag.to_string())
}

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

fn list(v: &Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// The line as the test writes it alone in a note: indentation places a task under another,
/// which one line cannot show (and four spaces would make it code), so only its block-quote
/// markers are kept.
fn alone(line: &str) -> String {
    let rest = line.trim_start_matches([' ', '\t', '>']);
    let quotes = line[..line.len() - rest.len()].matches('>').count();
    format!("{}{rest}\n", "> ".repeat(quotes))
}

struct Case<'a> {
    index: usize,
    case: &'a Value,
}

/// What journal read from one case: its task (if any) and the warnings on its note.
struct Read {
    task: Option<Value>,
    warnings: Vec<String>,
}

fn read_group(settings: &Value, cases: &[Case<'_>]) -> Vec<Read> {
    let mut vault = TestVault::new().note(
        ".obsidian/plugins/obsidian-tasks-plugin/data.json",
        &settings.to_string(),
    );
    for c in cases {
        vault = vault.note(
            c.case["path"].as_str().expect("path"),
            &alone(c.case["line"].as_str().expect("line")),
        );
    }
    let tasks = vault.json_warned(&["tasks", "--all", "--format", "json"]).0;
    let mut by_path: BTreeMap<String, Value> = BTreeMap::new();
    for t in tasks.as_array().expect("a list of tasks") {
        let path = t["source"]["path"]
            .as_str()
            .expect("source path")
            .to_string();
        assert!(
            by_path.insert(path.clone(), t.clone()).is_none(),
            "{path}: one line gave two tasks"
        );
    }
    let check = vault.run(&["check"]);
    let check = String::from_utf8_lossy(&check.stdout).into_owned();
    cases
        .iter()
        .map(|c| {
            let path = c.case["path"].as_str().expect("path");
            Read {
                task: by_path.remove(path),
                warnings: check
                    .lines()
                    .filter(|l| l.starts_with(&format!("{path}:")))
                    .map(str::to_string)
                    .collect(),
            }
        })
        .collect()
}

/// The differences between the plugin's reading and journal's: (field, plugin, journal, the
/// choice that allows it, if one does).
fn compare(case: &Value, read: &Read) -> Vec<(String, String, String, Option<Allowed>)> {
    let mut out = Vec::new();
    let line = case["line"].as_str().unwrap_or("");
    let plugin = &case["plugin"];
    let (Some(_), Some(j)) = (plugin.as_object(), &read.task) else {
        if plugin.is_null() != read.task.is_none() {
            let after = line.split_once(']').map(|(_, a)| a).unwrap_or("");
            let filter = case["settings"]["globalFilter"].as_str().unwrap_or("");
            let description = text(plugin, "description").unwrap_or_default();
            let blank = description.trim().is_empty()
                || (!filter.is_empty() && description.trim() == filter);
            let allowed =
                (read.task.is_none() && !after.is_empty() && !after.starts_with([' ', '\t']))
                    .then_some(Allowed::SpaceAfterCheckbox)
                    .or((read.task.is_none() && blank).then_some(Allowed::BlankTask));
            out.push((
                "is a task".into(),
                (!plugin.is_null()).to_string(),
                read.task.is_some().to_string(),
                allowed,
            ));
        }
        return out;
    };
    let other_format = case["otherFormatReadsFields"].as_bool() == Some(true);
    let code = line.contains('`');
    let comment = line.contains("%%") || line.contains("<!--");
    let mut diff = |field: &str, p: String, jv: String, allowed: Option<Allowed>| {
        if p != jv {
            let text_field = field == "description" || field == "tags";
            let allowed = allowed
                .or(other_format.then_some(Allowed::BothFormats))
                .or((comment && text_field).then_some(Allowed::Comments))
                .or((code && field == "tags").then_some(Allowed::CodeSpans));
            out.push((field.to_string(), p, jv, allowed));
        }
    };
    let js = |k: &str| j.get(k).and_then(Value::as_str).unwrap_or("").to_string();

    diff(
        "status",
        format!(
            "{} {}",
            text(plugin, "statusSymbol").unwrap_or_default(),
            status_name(&text(plugin, "statusType").unwrap_or_default())
        ),
        format!("{} {}", js("symbol"), js("status")),
        None,
    );
    let description = text(plugin, "displayDescription")
        .or_else(|| text(plugin, "description"))
        .unwrap_or_default();
    diff("description", description, js("text"), None);
    for (p_key, j_key) in [
        ("due", "due"),
        ("scheduled", "scheduled"),
        ("start", "start"),
        ("created", "created"),
        ("done", "done"),
        ("cancelled", "cancelled"),
    ] {
        let p = text(plugin, p_key).unwrap_or_default();
        let jv = js(j_key);
        let impossible = (p.starts_with("invalid:") || p.starts_with("0000-"))
            && jv.is_empty()
            && read
                .warnings
                .iter()
                .any(|w| w.contains("is not a real date"));
        diff(p_key, p, jv, impossible.then_some(Allowed::ImpossibleDate));
    }
    let priority = text(plugin, "priority").map(|p| p.to_lowercase());
    diff(
        "priority",
        priority.unwrap_or_default(),
        js("priority"),
        None,
    );
    let rule = text(plugin, "recurrenceRuleText");
    let unreadable = rule.is_some() && text(plugin, "recurrence").is_none();
    let p_rule = if unreadable {
        String::new()
    } else {
        rule.clone().unwrap_or_default()
    };
    let as_written = unreadable && rule.as_deref() == Some(js("recurrence").as_str());
    diff(
        "recurrence",
        p_rule,
        js("recurrence"),
        as_written.then_some(Allowed::RecurrenceAsWritten),
    );
    let p_tags = list(plugin, "tags");
    let j_tags = list(j, "tags");
    let obsidian: Vec<String> = p_tags.iter().filter_map(|t| obsidian_tag(t)).collect();
    diff(
        "tags",
        p_tags
            .iter()
            .map(|t| t.trim_start_matches('#'))
            .collect::<Vec<_>>()
            .join(" "),
        j_tags.join(" "),
        (obsidian == j_tags).then_some(Allowed::ObsidianTags),
    );
    diff("id", text(plugin, "id").unwrap_or_default(), js("id"), None);
    diff(
        "dependsOn",
        list(plugin, "dependsOn").join(","),
        list(j, "depends_on").join(","),
        None,
    );
    diff(
        "onCompletion",
        text(plugin, "onCompletion").unwrap_or_default(),
        js("on_completion"),
        None,
    );
    diff(
        "blockLink",
        text(plugin, "blockLink")
            .map(|b| b.trim_start_matches(" ^").to_string())
            .unwrap_or_default(),
        js("block_id"),
        None,
    );
    out
}

#[test]
fn journal_reads_every_line_as_obsidian_tasks_does_but_for_documented_choices() {
    let fixture: Value = serde_json::from_str(FIXTURE).expect("the fixture is JSON");
    let cases = fixture["cases"].as_array().expect("cases");
    assert!(cases.len() > 1500, "the fixture lost its cases");
    // One vault per settings, with one note per case; cases on the same path (file-name
    // dates) go to vaults of their own.
    let mut groups: BTreeMap<(String, usize), Vec<Case<'_>>> = BTreeMap::new();
    for (index, case) in cases.iter().enumerate() {
        let settings = case["settings"].to_string();
        let vault = (0..)
            .find(|&n| {
                groups
                    .get(&(settings.clone(), n))
                    .is_none_or(|g| g.iter().all(|c| c.case["path"] != case["path"]))
            })
            .unwrap_or(0);
        groups
            .entry((settings, vault))
            .or_default()
            .push(Case { index, case });
    }
    let mut fields = 0usize;
    let mut allowed: BTreeMap<Allowed, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    for ((settings, _), group) in &groups {
        let settings: Value = serde_json::from_str(settings).expect("settings");
        for (c, read) in group.iter().zip(read_group(&settings, group)) {
            fields += if c.case["plugin"].is_null() { 1 } else { 14 };
            for (field, p, j, why) in compare(c.case, &read) {
                match why {
                    Some(a) => {
                        *allowed.entry(a).or_default() += 1;
                        eprintln!(
                            "allowed ({a:?}): {:?}\n  {field}: plugin {p:?}, journal {j:?}",
                            c.case["line"].as_str().unwrap_or("")
                        );
                    }
                    None => failures.push(format!(
                        "case {} ({}), settings {settings}\n  line: {:?}\n  {field}: plugin {p:?}, journal {j:?}",
                        c.index,
                        c.case["source"].as_str().unwrap_or(""),
                        c.case["line"].as_str().unwrap_or(""),
                    )),
                }
            }
        }
    }
    eprintln!(
        "{} lines, {fields} fields compared; allowed differences: {allowed:?}",
        cases.len()
    );
    assert!(
        failures.is_empty(),
        "{} differences from Obsidian Tasks that no documented choice allows:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn on_completion_is_in_the_task_json() {
    let v = TestVault::new()
        .note(
            "a.md",
            "- [ ] Water the plants 🔁 every day 🏁 delete 📅 2026-11-30\n- [ ] Review [onCompletion:: keep]\n- [ ] Plain\n",
        )
        .json(&["tasks", "--all", "--format", "json"]);
    let mut on_completion: Vec<(u64, &Value)> = v
        .as_array()
        .expect("tasks")
        .iter()
        .map(|t| {
            (
                t["source"]["line"].as_u64().unwrap_or(0),
                &t["on_completion"],
            )
        })
        .collect();
    on_completion.sort_by_key(|e| e.0);
    assert_eq!(
        on_completion,
        [
            (1, &Value::from("delete")),
            (2, &Value::from("keep")),
            (3, &Value::Null)
        ]
    );
}

#[test]
fn check_says_why_a_tab_hides_a_date() {
    let v = TestVault::new().note("a.md", "- [ ] Pay rent 📅\t2026-11-30\n");
    let out = v.run(&["check"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("a.md:1:") && text.contains("has a tab before its date"),
        "{text}"
    );
}
