//! The story's source library and the newsroom people file.
//!
//! Three formats become one [`Source`]: `sources.toml` (`[[source]]` tables, parsed with `toml`),
//! CSL-JSON as Zotero and Better BibTeX export it (`serde_json`), and BibTeX/BibLaTeX
//! (`biblatex`). A malformed file yields an error naming the file, the line and the problem,
//! and every entry that does parse still loads.

pub mod people;

use std::path::{Path, PathBuf};

use biblatex::{Bibliography, ChunksExt};
use serde::Deserialize;
use serde_json::Value;

/// One source the story can cite.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Source {
    pub id: String,
    /// web | document | interview | press-release | data | broadcast | social
    pub kind: Option<String>,
    pub title: Option<String>,
    /// The person or body behind it.
    pub who: Option<String>,
    pub role: Option<String>,
    pub url: Option<String>,
    pub date: Option<String>,
    pub accessed: Option<String>,
    pub note: Option<String>,
    pub on_record: Option<bool>,
    /// Where the entry is defined (1-based line).
    pub file: PathBuf,
    pub line: usize,
}

impl Source {
    /// A short human label: the title, else who, else the id.
    pub fn label(&self) -> &str {
        self.title
            .as_deref()
            .or(self.who.as_deref())
            .unwrap_or(&self.id)
    }

    /// The words a claim may share with this source, lowercase.
    pub fn words(&self) -> Vec<String> {
        [&self.title, &self.who, &self.role, &self.note]
            .into_iter()
            .flatten()
            .flat_map(|s| {
                s.split(|c: char| !c.is_alphanumeric())
                    .map(str::to_lowercase)
                    .collect::<Vec<_>>()
            })
            .filter(|w| w.len() > 3)
            .collect()
    }
}

/// A problem in a library file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    pub file: PathBuf,
    /// 1-based; 0 when the file as a whole could not be read.
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
        } else {
            write!(f, "{}: {}", self.file.display(), self.message)
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Library {
    pub sources: Vec<Source>,
    pub errors: Vec<LoadError>,
}

impl Library {
    pub fn get(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// Adds what a file holds, by its extension.
    pub fn load(&mut self, path: &Path) {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                self.errors.push(LoadError {
                    file: path.into(),
                    line: 0,
                    message: format!("cannot read: {e}"),
                });
                return;
            }
        };
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let (sources, errors) = match ext.as_str() {
            "toml" => parse_toml(&text, path),
            "json" => parse_csl(&text, path),
            "bib" | "bibtex" => parse_bib(&text, path),
            _ => (
                Vec::new(),
                vec![LoadError {
                    file: path.into(),
                    line: 0,
                    message: "not a sources file (.toml, .json or .bib)".into(),
                }],
            ),
        };
        for s in sources {
            if self.get(&s.id).is_some() {
                self.errors.push(LoadError {
                    file: s.file.clone(),
                    line: s.line,
                    message: format!("duplicate source id `{}`: the first one is used", s.id),
                });
            } else {
                self.sources.push(s);
            }
        }
        self.errors.extend(errors);
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..text.floor_char_boundary(offset.min(text.len()))]
        .matches('\n')
        .count()
        + 1
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlSource {
    id: String,
    kind: Option<String>,
    title: Option<String>,
    who: Option<String>,
    role: Option<String>,
    url: Option<String>,
    date: Option<toml::Value>,
    accessed: Option<toml::Value>,
    note: Option<String>,
    on_record: Option<bool>,
}

const KINDS: &[&str] = &[
    "web",
    "document",
    "interview",
    "press-release",
    "data",
    "broadcast",
    "social",
];

fn toml_date(v: Option<toml::Value>) -> Option<String> {
    v.map(|v| match v {
        toml::Value::String(s) => s,
        other => other.to_string(),
    })
}

/// `sources.toml`: an array of `[[source]]` tables.
pub fn parse_toml(text: &str, path: &Path) -> (Vec<Source>, Vec<LoadError>) {
    let err = |offset: usize, message: String| LoadError {
        file: path.into(),
        line: line_of(text, offset),
        message,
    };
    let doc: toml::Table = match toml::from_str(text) {
        Ok(d) => d,
        Err(e) => {
            return (
                Vec::new(),
                vec![err(
                    e.span().map_or(0, |s| s.start),
                    e.message().trim().to_string(),
                )],
            );
        }
    };
    let mut errors = Vec::new();
    for key in doc.keys().filter(|k| *k != "source") {
        let at = text.find(key.as_str()).unwrap_or(0);
        errors.push(err(
            at,
            format!("unknown key `{key}`: a sources file holds `[[source]]` tables"),
        ));
    }
    // Each table's line: the n-th `[[source]]` header.
    let headers: Vec<usize> = text.match_indices("[[source]]").map(|(i, _)| i).collect();
    let mut out = Vec::new();
    let tables = match doc.get("source") {
        Some(toml::Value::Array(a)) => a.clone(),
        Some(_) => {
            errors.push(err(
                text.find("source").unwrap_or(0),
                "`source` must be an array of tables: write `[[source]]`".into(),
            ));
            Vec::new()
        }
        None => Vec::new(),
    };
    for (i, t) in tables.into_iter().enumerate() {
        let at = headers.get(i).copied().unwrap_or(0);
        match t.try_into::<TomlSource>() {
            Ok(s) => {
                if let Some(k) = &s.kind
                    && !KINDS.contains(&k.as_str())
                {
                    errors.push(err(
                        at,
                        format!(
                            "source `{}`: kind `{k}` is not one of {}",
                            s.id,
                            KINDS.join(", ")
                        ),
                    ));
                }
                out.push(Source {
                    id: s.id,
                    kind: s.kind,
                    title: s.title,
                    who: s.who,
                    role: s.role,
                    url: s.url,
                    date: toml_date(s.date),
                    accessed: toml_date(s.accessed),
                    note: s.note,
                    on_record: s.on_record,
                    file: path.into(),
                    line: line_of(text, at),
                });
            }
            Err(e) => errors.push(err(
                at,
                format!("source #{}: {}", i + 1, e.message().trim()),
            )),
        }
    }
    (out, errors)
}

fn csl_names(v: &Value) -> Option<String> {
    let names: Vec<String> = v
        .as_array()?
        .iter()
        .filter_map(|n| {
            n.get("literal")
                .and_then(Value::as_str)
                .map(str::to_string)
                .or_else(|| {
                    let family = n.get("family").and_then(Value::as_str)?;
                    Some(match n.get("given").and_then(Value::as_str) {
                        Some(g) => format!("{g} {family}"),
                        None => family.to_string(),
                    })
                })
        })
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
}

fn csl_date(v: Option<&Value>) -> Option<String> {
    let v = v?;
    if let Some(raw) = v.get("raw").and_then(Value::as_str) {
        return Some(raw.to_string());
    }
    let parts = v.get("date-parts")?.as_array()?.first()?.as_array()?;
    let nums: Vec<String> = parts
        .iter()
        .map(|p| {
            p.as_i64()
                .map_or_else(|| p.to_string(), |n| format!("{n:02}"))
        })
        .collect();
    (!nums.is_empty()).then(|| nums.join("-"))
}

fn csl_kind(t: &str) -> &'static str {
    match t {
        "webpage" | "post-weblog" | "article-newspaper" | "article-magazine" => "web",
        "interview" => "interview",
        "dataset" => "data",
        "broadcast" | "motion_picture" | "song" => "broadcast",
        "post" => "social",
        _ => "document",
    }
}

/// CSL-JSON: an array of items (Zotero, Better BibTeX).
pub fn parse_csl(text: &str, path: &Path) -> (Vec<Source>, Vec<LoadError>) {
    let items: Vec<Value> = match serde_json::from_str::<Value>(text) {
        Ok(Value::Array(a)) => a,
        Ok(Value::Object(o)) if o.get("items").is_some_and(Value::is_array) => {
            o["items"].as_array().cloned().unwrap_or_default()
        }
        Ok(_) => {
            return (
                Vec::new(),
                vec![LoadError {
                    file: path.into(),
                    line: 1,
                    message: "CSL-JSON must be an array of items".into(),
                }],
            );
        }
        Err(e) => {
            return (
                Vec::new(),
                vec![LoadError {
                    file: path.into(),
                    line: e.line(),
                    message: format!("not valid JSON: {e}"),
                }],
            );
        }
    };
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let id = item.get("id").and_then(|v| {
            v.as_str()
                .map(str::to_string)
                .or_else(|| v.as_i64().map(|n| n.to_string()))
        });
        let line = id
            .as_ref()
            .and_then(|id| text.find(&format!("\"{id}\"")))
            .map_or(1, |o| line_of(text, o));
        let Some(id) = id else {
            errors.push(LoadError {
                file: path.into(),
                line,
                message: format!("item #{} has no `id`", i + 1),
            });
            continue;
        };
        let s = |k: &str| item.get(k).and_then(Value::as_str).map(str::to_string);
        out.push(Source {
            id,
            kind: item
                .get("type")
                .and_then(Value::as_str)
                .map(|t| csl_kind(t).to_string()),
            title: s("title"),
            who: item
                .get("author")
                .and_then(csl_names)
                .or_else(|| s("publisher"))
                .or_else(|| s("container-title")),
            role: s("genre"),
            url: s("URL"),
            date: csl_date(item.get("issued")),
            accessed: csl_date(item.get("accessed")),
            note: s("note").or_else(|| s("abstract")),
            on_record: None,
            file: path.into(),
            line,
        });
    }
    (out, errors)
}

/// One BibTeX entry, without following its `crossref` and `xdata` links. Entries are read one
/// by one (so that a broken one does not hide the rest), so a link could only lead to the entry
/// itself; and biblatex follows such a self-link until the stack overflows, which no
/// `catch_unwind` can stop (found by the `sources` fuzz target). The fields we read never come
/// through those links anyway.
fn parse_entry(chunk: &str) -> Result<Bibliography, biblatex::ParseError> {
    let mut raw = biblatex::RawBibliography::parse(chunk)?;
    for entry in &mut raw.entries {
        entry.v.fields.retain(|f| {
            !(f.key.v.eq_ignore_ascii_case("crossref") || f.key.v.eq_ignore_ascii_case("xdata"))
        });
    }
    Bibliography::from_raw(raw)
}

/// BibTeX/BibLaTeX, entry by entry, so that one broken entry does not hide the others.
pub fn parse_bib(text: &str, path: &Path) -> (Vec<Source>, Vec<LoadError>) {
    // Entry starts: an '@' at the start of a line (after spaces).
    let mut starts: Vec<usize> = Vec::new();
    let mut line_start = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            line_start = i + 1;
        } else if c == '@' && text[line_start..i].trim().is_empty() {
            starts.push(i);
        }
    }
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (k, &s) in starts.iter().enumerate() {
        let e = starts.get(k + 1).copied().unwrap_or(text.len());
        let chunk = &text[s..e];
        // @string/@preamble/@comment define no source.
        let head = chunk[1..].trim_start().to_ascii_lowercase();
        if head.starts_with("string") || head.starts_with("preamble") || head.starts_with("comment")
        {
            continue;
        }
        match parse_entry(chunk) {
            Ok(bib) => {
                for entry in bib.iter() {
                    let f = |key: &str| {
                        entry
                            .get(key)
                            .map(|c| c.format_verbatim())
                            .filter(|v| !v.trim().is_empty())
                    };
                    out.push(Source {
                        id: entry.key.clone(),
                        kind: Some(
                            match entry.entry_type.to_string().to_ascii_lowercase().as_str() {
                                "online" | "misc" if f("url").is_some() => "web".to_string(),
                                "dataset" => "data".to_string(),
                                _ => "document".to_string(),
                            },
                        ),
                        title: f("title"),
                        who: f("author")
                            .or_else(|| f("editor"))
                            .or_else(|| f("organization"))
                            .or_else(|| f("publisher"))
                            .or_else(|| f("institution")),
                        role: None,
                        url: f("url"),
                        date: f("date").or_else(|| f("year")),
                        accessed: f("urldate"),
                        note: f("note").or_else(|| f("abstract")),
                        on_record: None,
                        file: path.into(),
                        line: line_of(text, s),
                    });
                }
            }
            Err(err) => {
                // Name the entry and report its first line: an unclosed brace is only noticed
                // where the next entry begins.
                let key: String = chunk
                    .split(['{', '('])
                    .nth(1)
                    .unwrap_or("")
                    .chars()
                    .take_while(|c| *c != ',' && !c.is_whitespace())
                    .collect();
                let at = line_of(text, s + err.span.start);
                errors.push(LoadError {
                    file: path.into(),
                    line: line_of(text, s),
                    message: format!(
                        "BibTeX entry `{key}`: {} (noticed at line {at}); this entry is skipped",
                        err.kind
                    ),
                })
            }
        }
    }
    (out, errors)
}

/// Hides private contact details (e-mail addresses, phone numbers) from a note.
pub fn public(note: &str) -> String {
    let phoneish = |w: &str| {
        w.chars().any(|c| c.is_ascii_digit())
            && w.chars().all(|c| c.is_ascii_digit() || "+-().".contains(c))
    };
    let words: Vec<&str> = note.split_whitespace().collect();
    let mut out: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        if w.contains('@') && w.contains('.') {
            out.push("[contact details hidden]");
            i += 1;
            continue;
        }
        // A run of digit groups ("+1 555 0100 2000") with seven digits or more.
        let mut j = i;
        let mut digits = 0;
        while j < words.len() && phoneish(words[j]) {
            digits += words[j].chars().filter(char::is_ascii_digit).count();
            j += 1;
        }
        if digits >= 7 {
            out.push("[contact details hidden]");
            i = j;
        } else {
            out.push(w);
            i += 1;
        }
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_sources_with_a_bad_entry() {
        let text = r#"
[[source]]
id = "peskov-call"
kind = "interview"
title = "Phone interview with Dmitry Peskov"
who = "Dmitry Peskov"
date = 2025-02-12
on_record = true

[[source]]
id = "bad"
colour = "red"

[[source]]
id = "un-casualties"
kind = "data"
title = "Civilian casualties in Ukraine"
who = "U.N. human rights office"
url = "https://example.org/un"
"#;
        let (s, e) = parse_toml(text, Path::new("sources.toml"));
        assert_eq!(
            s.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(),
            ["peskov-call", "un-casualties"]
        );
        assert_eq!(s[0].date.as_deref(), Some("2025-02-12"));
        assert_eq!(s[0].line, 2);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].line, 10);
        assert!(e[0].message.contains("colour"), "{}", e[0].message);
        let (_, e) = parse_toml("[[source]\nid = 1", Path::new("s.toml"));
        assert_eq!(e[0].line, 1);
    }

    #[test]
    fn csl_json_from_zotero() {
        let text = r#"[
  {"id": "unhcr2024", "type": "report", "title": "Global Trends", "author": [{"literal": "UNHCR"}],
   "issued": {"date-parts": [[2024, 6, 13]]}, "URL": "https://example.org/gt"},
  {"id": "smith", "type": "article-newspaper", "title": "Talks", "author": [{"family": "Smith", "given": "Ann"}]},
  {"type": "book", "title": "No id"}
]"#;
        let (s, e) = parse_csl(text, Path::new("sources.json"));
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].who.as_deref(), Some("UNHCR"));
        assert_eq!(s[0].date.as_deref(), Some("2024-06-13"));
        assert_eq!(s[1].who.as_deref(), Some("Ann Smith"));
        assert_eq!(s[1].kind.as_deref(), Some("web"));
        assert_eq!(e.len(), 1);
        let (_, e) = parse_csl("[{\"id\": 1,,]", Path::new("x.json"));
        assert_eq!(e[0].line, 1);
    }

    #[test]
    fn bibtex_loads_the_entries_that_parse() {
        let text = "@report{imf2025,\n  title = {World Economic Outlook},\n  author = {{International Monetary Fund}},\n  year = {2025},\n  url = {https://example.org/weo}\n}\n\n@article{broken,\n  title = {Missing brace\n\n@online{kremlin,\n  title = {Statement on the call},\n  organization = {Kremlin},\n  url = {https://example.org/k},\n  urldate = {2025-02-13}\n}\n";
        let (s, e) = parse_bib(text, Path::new("refs.bib"));
        assert_eq!(
            s.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(),
            ["imf2025", "kremlin"]
        );
        assert_eq!(s[0].who.as_deref(), Some("International Monetary Fund"));
        assert_eq!(s[1].line, 11);
        assert_eq!(e.len(), 1);
        assert!(e[0].line >= 8, "{e:?}");
    }

    #[test]
    fn contact_details_are_hidden() {
        assert_eq!(
            public("Call +1 555 0100 2000 or ann@example.org after 5 p.m., room 12"),
            "Call [contact details hidden] or [contact details hidden] after 5 p.m., room 12"
        );
        assert_eq!(public("phone 5550100200"), "phone [contact details hidden]");
    }
}
