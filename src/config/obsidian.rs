//! The vault's own Obsidian settings that change how notes are read: excluded files, the
//! daily-note format (core plugin, Periodic Notes in its released and 1.0 layouts), the
//! Calendar plugin's weekly notes, and the Obsidian Tasks status registry and global filter.

use super::Config;
use crate::dates::WeekStart;
use crate::dates::moment::MomentFormat;
use crate::diagnostic::Diagnostic;
use crate::model::Status;
use crate::note::FilenameScheduled;
use serde_json::Value;
use std::path::Path;

/// One periodic-note setting as a plugin stores it; empty strings mean "not set".
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct NoteSetting {
    pub format: Option<String>,
    pub folder: Option<String>,
    pub template: Option<String>,
}

impl NoteSetting {
    fn from_json(v: &Value, template_key: &str) -> NoteSetting {
        let text = |k: &str| {
            v.get(k)
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        NoteSetting {
            format: text("format"),
            folder: text("folder"),
            template: text(template_key),
        }
    }

    fn enabled(v: &Value) -> bool {
        v.get("enabled").and_then(Value::as_bool).unwrap_or(true)
    }
}

/// What was found in `.obsidian/`.
#[derive(Debug, Default, Clone)]
pub(super) struct Settings {
    pub ignore: Vec<String>,
    /// Folders of note templates (core Templates plugin, Templater).
    pub template_folders: Vec<String>,
    /// Every template file a setting names: (the settings file, the path as written).
    pub template_files: Vec<(&'static str, String)>,
    /// The Calendar plugin's `weekStart`, when it names a day.
    pub week_start: Option<WeekStart>,
    /// Daily-note settings, in order of precedence.
    pub daily: Vec<NoteSetting>,
    /// Weekly-note settings, in order of precedence.
    pub weekly: Vec<NoteSetting>,
    /// Monthly, quarterly and yearly note settings (Periodic Notes).
    pub longer: [Vec<NoteSetting>; 3],
    /// The Obsidian Tasks status registry, when the vault has Tasks settings: exactly what
    /// they list (or the plugin's own defaults when they list nothing).
    pub tasks_statuses: Option<Vec<(char, Status)>>,
    pub global_filter: Option<String>,
    pub remove_global_filter: bool,
    pub filename_scheduled: Option<FilenameScheduled>,
}

fn read_json(vault: &Path, rel: &str, warnings: &mut Vec<Diagnostic>) -> Option<Value> {
    let bytes = match crate::fsx::read_capped(&vault.join(rel), crate::fsx::SETTINGS_MAX) {
        Ok(b) => b,
        Err(crate::fsx::ReadError::NotFound) => return None,
        Err(e) => {
            warnings.push(Diagnostic::file(
                rel,
                format!("{e}; its settings are ignored"),
            ));
            return None;
        }
    };
    match serde_json::from_slice(&bytes) {
        Ok(v) => Some(v),
        Err(e) => {
            warnings.push(Diagnostic::new(
                rel,
                u32::try_from(e.line()).unwrap_or(0),
                u32::try_from(e.column()).unwrap_or(0),
                format!("is not valid JSON ({e}); its settings are ignored"),
            ));
            None
        }
    }
}

impl Settings {
    pub(super) fn read(vault: &Path, warnings: &mut Vec<Diagnostic>) -> Settings {
        let mut s = Settings::default();
        if let Some(app) = read_json(vault, ".obsidian/app.json", warnings) {
            s.ignore = app
                .get("userIgnoreFilters")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default();
        }
        for (file, key) in [
            (".obsidian/templates.json", "folder"),
            (
                ".obsidian/plugins/templater-obsidian/data.json",
                "templates_folder",
            ),
        ] {
            if let Some(t) = read_json(vault, file, warnings)
                && let Some(folder) = t.get(key).and_then(Value::as_str)
                && !folder.trim().trim_matches('/').is_empty()
            {
                match super::vault_folder(folder) {
                    Some(f) => s.template_folders.push(f),
                    None => warnings.push(Diagnostic::file(
                        file,
                        format!("template folder `{folder}` is outside the vault; ignored"),
                    )),
                }
            }
        }
        const TEMPLATER: &str = ".obsidian/plugins/templater-obsidian/data.json";
        if let Some(t) = read_json(vault, TEMPLATER, warnings) {
            for key in ["folder_templates", "file_templates"] {
                for entry in t.get(key).and_then(Value::as_array).into_iter().flatten() {
                    if let Some(path) = entry.get("template").and_then(Value::as_str) {
                        s.template_files.push((TEMPLATER, path.to_string()));
                    }
                }
            }
        }
        if let Some(daily) = read_json(vault, ".obsidian/daily-notes.json", warnings) {
            s.daily.push(NoteSetting::from_json(&daily, "template"));
        }
        if let Some(p) = read_json(
            vault,
            ".obsidian/plugins/periodic-notes/data.json",
            warnings,
        ) {
            s.periodic_notes(&p);
        }
        if let Some(cal) = read_json(vault, ".obsidian/plugins/calendar/data.json", warnings) {
            let text = |k: &str| {
                cal.get(k)
                    .and_then(Value::as_str)
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .map(str::to_string)
            };
            s.weekly.push(NoteSetting {
                format: text("weeklyNoteFormat"),
                folder: text("weeklyNoteFolder"),
                template: text("weeklyNoteTemplate"),
            });
            if let Some(t) = text("weeklyNoteTemplate") {
                s.template_files
                    .push((".obsidian/plugins/calendar/data.json", t));
            }
            // "locale" cannot be known from the vault (it is the system's): it says nothing.
            s.week_start = match text("weekStart").map(|w| w.to_ascii_lowercase()).as_deref() {
                Some("sunday") => Some(WeekStart::Sunday),
                Some("monday") => Some(WeekStart::Monday),
                _ => None,
            };
        }
        if let Some(tasks) = read_json(
            vault,
            ".obsidian/plugins/obsidian-tasks-plugin/data.json",
            warnings,
        ) {
            s.tasks(&tasks);
        }
        s
    }

    /// Periodic Notes, in its three layouts: `{daily: {…}, weekly: {…}, …}` (released),
    /// `{calendarSets: [{id, day: {…}, week: {…}, …}], activeCalendarSet}` (1.0 beta), and a flat
    /// `{day: {…}, week: {…}, …}` with `templatePath`. The daily and weekly notes come from the
    /// active set (else the first); the templates of every period of every set are templates.
    fn periodic_notes(&mut self, p: &Value) {
        const FILE: &str = ".obsidian/plugins/periodic-notes/data.json";
        let mut templates = |c: &Value| {
            for key in ["template", "templatePath"] {
                if let Some(t) = c.get(key).and_then(Value::as_str)
                    && !t.trim().is_empty()
                {
                    self.template_files.push((FILE, t.to_string()));
                }
            }
        };
        const BETA: [&str; 5] = ["day", "week", "month", "quarter", "year"];
        const RELEASED: [&str; 5] = ["daily", "weekly", "monthly", "quarterly", "yearly"];
        if let Some(sets) = p.get("calendarSets").and_then(Value::as_array) {
            for set in sets {
                for key in BETA {
                    if let Some(c) = set.get(key) {
                        templates(c);
                    }
                }
            }
            let active = p.get("activeCalendarSet").and_then(Value::as_str);
            let set = sets
                .iter()
                .find(|s| active.is_some() && s.get("id").and_then(Value::as_str) == active)
                .or_else(|| sets.first());
            if let Some(set) = set {
                for (key, list) in [("day", &mut self.daily), ("week", &mut self.weekly)] {
                    if let Some(c) = set.get(key).filter(|c| NoteSetting::enabled(c)) {
                        list.push(NoteSetting::from_json(c, "templatePath"));
                    }
                }
                for (key, list) in ["month", "quarter", "year"]
                    .into_iter()
                    .zip(&mut self.longer)
                {
                    if let Some(c) = set.get(key).filter(|c| NoteSetting::enabled(c)) {
                        list.push(NoteSetting::from_json(c, "templatePath"));
                    }
                }
            }
            return;
        }
        for key in RELEASED.iter().chain(&BETA) {
            if let Some(c) = p.get(*key) {
                templates(c);
            }
        }
        let [monthly, quarterly, yearly] = &mut self.longer;
        for (keys, list) in [
            (["daily", "day"], &mut self.daily),
            (["weekly", "week"], &mut self.weekly),
            (["monthly", "month"], monthly),
            (["quarterly", "quarter"], quarterly),
            (["yearly", "year"], yearly),
        ] {
            for (key, template_key) in keys.into_iter().zip(["template", "templatePath"]) {
                if let Some(c) = p.get(key).filter(|c| NoteSetting::enabled(c)) {
                    list.push(NoteSetting::from_json(c, template_key));
                }
            }
        }
    }

    /// Obsidian Tasks' `data.json`, read as the plugin reads it on loading: what is missing
    /// is the plugin's default.
    fn tasks(&mut self, t: &Value) {
        self.global_filter = t
            .get("globalFilter")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .map(str::to_string);
        self.remove_global_filter = t
            .get("removeGlobalFilter")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        if t.get("useFilenameAsScheduledDate").and_then(Value::as_bool) == Some(true) {
            let format = t
                .get("filenameAsScheduledDateFormat")
                .and_then(Value::as_str)
                .filter(|f| !f.is_empty())
                .map(MomentFormat::new);
            let folders = t
                .get("filenameAsDateFolders")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect();
            self.filename_scheduled = Some(FilenameScheduled { format, folders });
        }
        // The plugin's defaults: its two core and two custom statuses.
        let mut registry = vec![
            (' ', Status::Todo),
            ('x', Status::Done),
            ('/', Status::InProgress),
            ('-', Status::Cancelled),
        ];
        if let Some(settings) = t.get("statusSettings") {
            registry.clear();
            for group in ["coreStatuses", "customStatuses"] {
                for status in settings
                    .get(group)
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    let symbol = status.get("symbol").and_then(Value::as_str).unwrap_or(" ");
                    let mut chars = symbol.chars();
                    // A symbol of other than one character never matches a checkbox.
                    let (Some(c), None) = (chars.next(), chars.next()) else {
                        continue;
                    };
                    // The plugin reads a type it does not know as TODO.
                    let s = status
                        .get("type")
                        .and_then(Value::as_str)
                        .and_then(Status::from_name)
                        .unwrap_or(Status::Todo);
                    registry.push((c, s));
                }
            }
        }
        self.tasks_statuses = Some(registry);
    }

    /// Puts these settings into `config`, under whatever `.journal.toml` will say. A note
    /// format, folder or template that would lead outside the vault is a warning and is not
    /// used.
    pub(super) fn apply(self, config: &mut Config) {
        config.obsidian_ignore = self.ignore;
        config.template_folders = self.template_folders;
        config.obsidian_week_start = self.week_start;
        for (file, t) in self.template_files {
            let rel = t.trim().trim_start_matches('/');
            if rel.is_empty() {
                continue;
            }
            if super::inside_vault(rel) {
                config.template_files.push(rel.to_string());
            } else {
                config.warnings.push(Diagnostic::file(
                    file,
                    format!("note template `{t}` is outside the vault; ignored"),
                ));
            }
        }
        let first = |list: &[NoteSetting], pick: fn(&NoteSetting) -> Option<&String>| {
            list.iter().find_map(|s| pick(s).cloned())
        };
        let mut warn = |what: &str, value: &str, instead: &str| {
            config.warnings.push(Diagnostic::file(
                ".obsidian",
                format!("{what} `{value}` would lead outside the vault; {instead}"),
            ));
        };
        let mut resolved = [config.daily.clone(), config.weekly.clone()];
        for (list, target) in [&self.daily, &self.weekly].into_iter().zip(&mut resolved) {
            if let Some(f) = first(list, |s| s.format.as_ref()) {
                let format = MomentFormat::new(&f);
                if super::format_stays_inside(&format) {
                    target.format = format;
                } else {
                    warn("note format", &f, "the default format is used");
                }
            }
            if let Some(f) = first(list, |s| s.folder.as_ref()) {
                match super::vault_folder(&f) {
                    Some(folder) => target.folder = folder,
                    None => warn("note folder", &f, "the vault's root is used"),
                }
            }
            if let Some(t) = first(list, |s| s.template.as_ref()) {
                let rel = t.trim().trim_start_matches('/');
                if super::inside_vault(rel) {
                    target.template = Some(rel.to_string());
                } else {
                    warn("note template", &t, "no template is used");
                }
            }
        }
        let [daily, weekly] = resolved;
        config.daily = daily;
        config.weekly = weekly;
        // A monthly, quarterly or yearly note is known only by a format that stays inside
        // the vault (Periodic Notes has no default for them that a vault relies on).
        for (list, target) in self.longer.iter().zip(&mut config.longer) {
            let Some(f) = first(list, |s| s.format.as_ref()) else {
                continue;
            };
            let format = MomentFormat::new(&f);
            if !super::format_stays_inside(&format) {
                warn("note format", &f, "it is not used");
                continue;
            }
            let folder = match first(list, |s| s.folder.as_ref()) {
                Some(f) => match super::vault_folder(&f) {
                    Some(folder) => folder,
                    None => {
                        warn("note folder", &f, "it is not used");
                        continue;
                    }
                },
                None => String::new(),
            };
            *target = Some(super::Periodic {
                format,
                folder,
                template: None,
            });
        }
        if let Some(registry) = self.tasks_statuses {
            // The vault's Tasks registry wins over journal's defaults, so `journal` agrees
            // with the vault's Tasks queries (`[statuses]` in .journal.toml still overrides).
            config.parse.statuses = crate::note::StatusMap::only(registry);
        }
        config.parse.global_filter = self.global_filter;
        config.parse.remove_global_filter = self.remove_global_filter;
        config.parse.filename_scheduled = self.filename_scheduled;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vault(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        for (path, text) in files {
            let p = dir.path().join(path);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(p, text).expect("write");
        }
        dir
    }

    fn config(files: &[(&str, &str)]) -> Config {
        let dir = vault(files);
        Config::load(dir.path()).expect("config")
    }

    #[test]
    fn daily_notes_core_plugin() {
        let c = config(&[(
            ".obsidian/daily-notes.json",
            r#"{"format":"DD.MM.YYYY","folder":"Journal/","template":"T/Day"}"#,
        )]);
        assert_eq!(c.daily.format.as_str(), "DD.MM.YYYY");
        assert_eq!(c.daily.folder, "Journal");
        assert_eq!(c.daily.template.as_deref(), Some("T/Day"));
        assert_eq!(c.parse.daily_format.as_str(), "DD.MM.YYYY");
    }

    #[test]
    fn periodic_notes_released_layout() {
        let c = config(&[(
            ".obsidian/plugins/periodic-notes/data.json",
            r#"{"daily":{"enabled":true,"format":"YYYY/MM/YYYY-MM-DD","folder":"Days","template":""},"weekly":{"enabled":true,"format":"gggg-[W]ww","folder":"Weeks"}}"#,
        )]);
        assert_eq!(c.daily.format.as_str(), "YYYY/MM/YYYY-MM-DD");
        assert_eq!(c.daily.template, None);
        assert_eq!(
            (c.weekly.format.as_str(), c.weekly.folder.as_str()),
            ("gggg-[W]ww", "Weeks")
        );
    }

    #[test]
    fn periodic_notes_monthly_quarterly_and_yearly_notes() {
        let c = config(&[(
            ".obsidian/plugins/periodic-notes/data.json",
            r#"{"monthly":{"enabled":true,"format":"YYYY-MM","folder":"Months/"},"quarterly":{"enabled":false,"format":"YYYY-[Q]Q"},"yearly":{"enabled":true,"format":"../YYYY"}}"#,
        )]);
        let m = c.longer[0].as_ref().expect("monthly notes");
        assert_eq!(
            (m.format.as_str(), m.folder.as_str()),
            ("YYYY-MM", "Months")
        );
        assert_eq!(c.longer[1], None, "quarterly notes are turned off");
        assert_eq!(
            c.longer[2], None,
            "a format leading outside the vault is not used"
        );
        assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
        let c = config(&[(
            ".obsidian/plugins/periodic-notes/data.json",
            r#"{"calendarSets":[{"id":"a","month":{"enabled":true,"format":"MMMM YYYY"}}],"activeCalendarSet":"a"}"#,
        )]);
        let m = c.longer[0].as_ref().expect("monthly notes");
        assert_eq!((m.format.as_str(), m.folder.as_str()), ("MMMM YYYY", ""));
    }

    #[test]
    fn periodic_notes_beta_layout_uses_the_active_set() {
        let c = config(&[(
            ".obsidian/plugins/periodic-notes/data.json",
            r#"{"activeCalendarSet":"Work","calendarSets":[{"id":"Default","day":{"enabled":true,"format":"YYYY-MM-DD"}},{"id":"Work","day":{"enabled":true,"format":"YYYY_MM_DD","templatePath":"T/Work"},"week":{"enabled":false,"format":"GGGG-WW"}}]}"#,
        )]);
        assert_eq!(c.daily.format.as_str(), "YYYY_MM_DD");
        assert_eq!(c.daily.template.as_deref(), Some("T/Work"));
        assert_eq!(
            c.weekly.format.as_str(),
            "GGGG-[W]WW",
            "a disabled setting is not used"
        );
    }

    #[test]
    fn core_daily_notes_come_before_periodic_notes_and_config_before_both() {
        let files = [
            (".obsidian/daily-notes.json", r#"{"format":"DD.MM.YYYY"}"#),
            (
                ".obsidian/plugins/periodic-notes/data.json",
                r#"{"daily":{"format":"YYYY_MM_DD","folder":"P"}}"#,
            ),
            (
                ".obsidian/plugins/calendar/data.json",
                r#"{"weeklyNoteFormat":"gggg [week] ww","weeklyNoteFolder":"W"}"#,
            ),
        ];
        let c = config(&files);
        assert_eq!(c.daily.format.as_str(), "DD.MM.YYYY");
        assert_eq!(
            c.daily.folder, "P",
            "each setting comes from the first source that has it"
        );
        assert_eq!(c.weekly.format.as_str(), "gggg [week] ww");
        let mut with_config = files.to_vec();
        with_config.push((".journal.toml", "[daily]\nformat = \"YYYY-MM-DD\"\n"));
        assert_eq!(config(&with_config).daily.format.as_str(), "YYYY-MM-DD");
    }

    #[test]
    fn tasks_plugin_registry_and_global_filter() {
        let c = config(&[(
            ".obsidian/plugins/obsidian-tasks-plugin/data.json",
            r##"{"globalFilter":"#task","removeGlobalFilter":true,"statusSettings":{"coreStatuses":[{"symbol":" ","type":"TODO"},{"symbol":"x","type":"DONE"}],"customStatuses":[{"symbol":"!","type":"IN_PROGRESS"},{"symbol":"~","type":"NON_TASK"},{"symbol":"h","type":"ON_HOLD"}]}}"##,
        )]);
        assert_eq!(c.parse.global_filter.as_deref(), Some("#task"));
        assert!(c.parse.remove_global_filter);
        assert_eq!(c.parse.statuses.get('!'), Some(Status::InProgress));
        assert_eq!(c.parse.statuses.get('~'), Some(Status::NonTask));
        assert_eq!(c.parse.statuses.get('h'), Some(Status::Deferred));
        let c = config(&[
            (
                ".obsidian/plugins/obsidian-tasks-plugin/data.json",
                r#"{"statusSettings":{"customStatuses":[{"symbol":"!","type":"IN_PROGRESS"}]}}"#,
            ),
            (".journal.toml", "[statuses]\n\"!\" = \"done\"\n"),
        ]);
        assert_eq!(
            c.parse.statuses.get('!'),
            Some(Status::Done),
            ".journal.toml wins"
        );
    }

    #[test]
    fn settings_that_lead_outside_the_vault_are_warnings_and_unused() {
        for (format, folder, template) in [
            ("[../../elsewhere/x]", "../x", "/../../etc/passwd"),
            ("[/]YYYY", "/..", "..\\\\x"),
        ] {
            let c = config(&[(
                ".obsidian/daily-notes.json",
                &format!(r#"{{"format":"{format}","folder":"{folder}","template":"{template}"}}"#),
            )]);
            assert_eq!(c.daily.format.as_str(), "YYYY-MM-DD", "{format}");
            assert_eq!(c.daily.folder, "", "{folder}");
            assert_eq!(c.daily.template, None, "{template}");
            assert_eq!(c.warnings.len(), 3, "{:?}", c.warnings);
            assert!(
                c.warnings
                    .iter()
                    .all(|w| w.message.contains("would lead outside the vault")),
                "{:?}",
                c.warnings
            );
        }
    }

    #[test]
    fn a_vaults_tasks_registry_replaces_journals_defaults() {
        // No Tasks settings: journal's defaults.
        let c = config(&[]);
        assert_eq!(c.parse.statuses.get('>'), Some(Status::Deferred));
        assert_eq!(c.parse.statuses.get('X'), Some(Status::Done));
        // Tasks installed with its defaults: only ` ` x / - are known, as to the plugin.
        let c = config(&[(".obsidian/plugins/obsidian-tasks-plugin/data.json", "{}")]);
        let known: Vec<char> = c.parse.statuses.entries().iter().map(|e| e.0).collect();
        assert_eq!(known, [' ', 'x', '/', '-']);
        assert_eq!(c.parse.statuses.get('>'), None);
        assert_eq!(c.parse.statuses.get('X'), None);
        // Exactly what the settings list; the first entry of a symbol wins; an unknown type is TODO.
        let c = config(&[(
            ".obsidian/plugins/obsidian-tasks-plugin/data.json",
            r#"{"statusSettings":{"coreStatuses":[{"symbol":" ","type":"TODO"},{"symbol":"x","type":"DONE"}],"customStatuses":[{"symbol":">","type":"ON_HOLD"},{"symbol":">","type":"DONE"},{"symbol":"Q","type":"NOT_A_TYPE"},{"symbol":"ab","type":"DONE"}]}}"#,
        )]);
        let entries = c.parse.statuses.entries().to_vec();
        assert_eq!(
            entries,
            [
                (' ', Status::Todo),
                ('x', Status::Done),
                ('>', Status::Deferred),
                ('Q', Status::Todo)
            ]
        );
    }

    #[test]
    fn tasks_file_name_as_scheduled_date() {
        let c = config(&[(
            ".obsidian/plugins/obsidian-tasks-plugin/data.json",
            r#"{"useFilenameAsScheduledDate":true,"filenameAsScheduledDateFormat":"MMM DD, YYYY","filenameAsDateFolders":["Daily","Journal/2026"]}"#,
        )]);
        let f = c.parse.filename_scheduled.expect("on");
        assert_eq!(
            f.format.as_ref().map(MomentFormat::as_str),
            Some("MMM DD, YYYY")
        );
        assert_eq!(f.folders, ["Daily", "Journal/2026"]);
        let c = config(&[(
            ".obsidian/plugins/obsidian-tasks-plugin/data.json",
            r#"{"useFilenameAsScheduledDate":false,"filenameAsScheduledDateFormat":"YYYY"}"#,
        )]);
        assert_eq!(c.parse.filename_scheduled, None);
    }

    #[test]
    fn broken_settings_are_warnings() {
        let c = config(&[(".obsidian/app.json", "{ not json")]);
        assert_eq!(c.warnings.len(), 1);
        assert_eq!(c.warnings[0].path, ".obsidian/app.json");
    }

    #[test]
    fn template_folders() {
        let c = config(&[
            (".obsidian/templates.json", r#"{"folder": "Templates/"}"#),
            (
                ".obsidian/plugins/templater-obsidian/data.json",
                r#"{"templates_folder": "Meta/Templater"}"#,
            ),
        ]);
        assert_eq!(c.template_folders, ["Templates", "Meta/Templater"]);
    }

    #[test]
    fn excluded_files() {
        let c = config(&[(
            ".obsidian/app.json",
            r#"{"userIgnoreFilters":["Templates/","/\\.excalidraw/"]}"#,
        )]);
        assert_eq!(c.obsidian_ignore, ["Templates/", "/\\.excalidraw/"]);
    }
}
