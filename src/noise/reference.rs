//! Clipped articles and reference material: notes whose words are someone else's. They are
//! known by where they are (a `Clippings/` folder), how they are tagged, or the properties Web
//! Clipper writes (`source`, `author`, `published`), as `[reference]` in the config says.

use serde_json::{Map, Value};

/// `[reference]`, resolved for parsing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Rules {
    pub(crate) folders: Vec<String>,
    pub(crate) tags: Vec<String>,
    /// Lowercase.
    pub(crate) categories: Vec<String>,
    pub(crate) web_clipper: bool,
}

/// Why a note is reference material, for `journal index --json` and the tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Why {
    Folder,
    Tag,
    Category,
    WebClipper,
}

/// A property value's text: a string, or each string of a list.
fn texts(v: &Value) -> Vec<&str> {
    match v {
        Value::String(s) => vec![s.as_str()],
        Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// `[[Clippings]]`, `"[[Clippings|clips]]"` or `Clippings`, as the bare name.
fn link_name(s: &str) -> &str {
    let s = s.trim();
    let s = s
        .strip_prefix("[[")
        .and_then(|r| r.strip_suffix("]]"))
        .unwrap_or(s);
    s.split('|').next().unwrap_or(s).trim()
}

fn is_web_address(s: &str) -> bool {
    let s = s.trim().to_ascii_lowercase();
    s.starts_with("http://") || s.starts_with("https://")
}

impl Rules {
    /// Whether the note at `path`, with these tags (front matter and text) and properties, is
    /// reference material.
    pub(crate) fn why(
        &self,
        path: &str,
        tags: &[String],
        props: &Map<String, Value>,
    ) -> Option<Why> {
        if self.folders.iter().any(|f| {
            path.strip_prefix(f.as_str())
                .is_some_and(|r| r.starts_with('/'))
        }) {
            return Some(Why::Folder);
        }
        if self
            .tags
            .iter()
            .any(|w| tags.iter().any(|t| crate::model::tag_matches(t, w)))
        {
            return Some(Why::Tag);
        }
        let prop = |key: &str| {
            props
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .map(|(_, v)| v)
        };
        let in_category = ["categories", "category", "type"].iter().any(|k| {
            prop(k).is_some_and(|v| {
                texts(v).iter().any(|s| {
                    let name = link_name(s).to_lowercase();
                    self.categories.contains(&name)
                })
            })
        });
        if in_category {
            return Some(Why::Category);
        }
        if self.web_clipper {
            let source = ["source", "url"]
                .iter()
                .any(|k| prop(k).is_some_and(|v| texts(v).iter().any(|s| is_web_address(s))));
            let clipped = ["author", "published", "clipped"]
                .iter()
                .any(|k| prop(k).is_some_and(|v| !v.is_null()));
            if source && clipped {
                return Some(Why::WebClipper);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Rules {
        Rules {
            folders: vec!["Clippings".into()],
            tags: vec!["clippings".into()],
            categories: vec!["clippings".into()],
            web_clipper: true,
        }
    }

    fn props(yaml: &[(&str, Value)]) -> Map<String, Value> {
        yaml.iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    #[test]
    fn web_clipper_and_kepano_shapes() {
        let r = rules();
        let none = Map::new();
        assert_eq!(r.why("Clippings/site/a.md", &[], &none), Some(Why::Folder));
        assert_eq!(r.why("Notes/Clippings.md", &[], &none), None);
        assert_eq!(r.why("a.md", &["clippings".into()], &none), Some(Why::Tag));
        let kepano = props(&[("categories", serde_json::json!(["[[Clippings]]"]))]);
        assert_eq!(r.why("Notes/x.md", &[], &kepano), Some(Why::Category));
        let clipper = props(&[
            ("source", Value::String("https://example.org/a".into())),
            ("author", serde_json::json!(["[[Ann]]"])),
        ]);
        assert_eq!(r.why("x.md", &[], &clipper), Some(Why::WebClipper));
    }

    #[test]
    fn a_url_alone_is_the_owners_own_note() {
        // kepano's `Notes/Minimal Theme.md`: a project with a url and tasks.
        let own = props(&[("url", Value::String("https://minimal.guide".into()))]);
        assert_eq!(rules().why("Notes/Minimal Theme.md", &[], &own), None);
        let no_clipper = Rules {
            web_clipper: false,
            ..rules()
        };
        let clipper = props(&[
            ("source", Value::String("https://example.org/a".into())),
            ("published", Value::String("2023-01-01".into())),
        ]);
        assert_eq!(no_clipper.why("x.md", &[], &clipper), None);
    }
}
