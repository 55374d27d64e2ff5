//! `copydesk.toml`: found by searching upward from the checked file; parsed with `toml` and
//! checked strictly, so that a typo is an error naming the file, line and key, never a silently
//! ignored setting.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::analysis::{Code, Settings, Severity};

pub const FILE_NAME: &str = "copydesk.toml";
/// The default largest document the language server analyses, in MiB.
pub const DEFAULT_MAX_DOCUMENT_MB: usize = 16;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Raw {
    /// Language server: milliseconds to wait after a keystroke before publishing findings.
    debounce_ms: Option<Spanned<i64>>,
    /// Language server: larger documents are declined with a message.
    max_document_mb: Option<Spanned<i64>>,
    #[serde(default)]
    checks: RawChecks,
    #[serde(default)]
    lexicon: RawLexicon,
    /// Source library files, relative to this file.
    sources: Option<Vec<String>>,
    /// The newsroom people file, relative to this file.
    people: Option<String>,
    #[serde(default)]
    citations: RawCitations,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawCitations {
    style: Option<Spanned<String>>,
    plain: Option<String>,
    tk: Option<String>,
    ignore_marker: Option<String>,
}

pub use crate::analysis::{CitationStyle, Citations};

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawChecks {
    #[serde(default)]
    disable: Vec<Spanned<String>>,
    #[serde(default)]
    enable: Vec<Spanned<String>>,
    #[serde(default)]
    severity: toml::Table,
    fail_on: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawLexicon {
    #[serde(default)]
    speech_verbs: Vec<String>,
    #[serde(default)]
    vague_sources: Vec<String>,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    not_names: Vec<String>,
}

/// The configuration that applies to a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub settings: Settings,
    /// `copydesk check` exits 1 when a finding is at least this severe.
    pub fail_on: Severity,
    /// The language server's debounce, if the file sets one.
    pub debounce_ms: Option<u64>,
    /// The largest document the language server analyses, in bytes.
    pub max_document_bytes: usize,
    /// Source library files (absolute), when the file names them.
    pub sources: Option<Vec<PathBuf>>,
    /// The people file (absolute), when the file names one.
    pub people: Option<PathBuf>,
    pub citations: Citations,
    /// The file it came from, if any.
    pub path: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            settings: Settings::default(),
            fail_on: Severity::Warning,
            debounce_ms: None,
            max_document_bytes: DEFAULT_MAX_DOCUMENT_MB << 20,
            sources: None,
            people: None,
            citations: Citations::default(),
            path: None,
        }
    }
}

/// A configuration file that could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based; 0 when the error has no place (the file could not be read).
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(
                f,
                "{}:{}:{}: {}",
                self.path.display(),
                self.line,
                self.column,
                self.message
            )
        } else {
            write!(f, "{}: {}", self.path.display(), self.message)
        }
    }
}

impl std::error::Error for ConfigError {}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Parses the text of a configuration file.
pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
    let err = |offset: usize, message: String| {
        let (line, column) = line_col(text, offset);
        ConfigError {
            path: path.to_path_buf(),
            line,
            column,
            message,
        }
    };
    let raw: Raw = toml::from_str(text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        err(at, e.message().trim().to_string())
    })?;
    let code = |s: &Spanned<String>| {
        Code::parse(s.get_ref()).ok_or_else(|| {
            err(
                s.span().start,
                format!(
                    "unknown finding code `{}` (known: {})",
                    s.get_ref(),
                    known_codes()
                ),
            )
        })
    };
    let mut settings = Settings::default();
    for d in &raw.checks.disable {
        settings.disabled.push(code(d)?);
    }
    for e in &raw.checks.enable {
        let c = code(e)?;
        settings.disabled.retain(|d| *d != c);
    }
    for (k, v) in &raw.checks.severity {
        // `toml::Table` keeps no spans; find the key's line in the text for the message.
        let at = text.find(k.as_str()).unwrap_or(0);
        let c = Code::parse(k).ok_or_else(|| {
            err(
                at,
                format!(
                    "unknown finding code `{k}` in [checks.severity] (known: {})",
                    known_codes()
                ),
            )
        })?;
        let sev = v.as_str().and_then(Severity::parse).ok_or_else(|| {
            err(
                at,
                format!(
                    "severity for `{k}` must be one of \"error\", \"warning\", \"info\", \"hint\""
                ),
            )
        })?;
        settings.severities.push((c, sev));
    }
    let fail_on = match &raw.checks.fail_on {
        None => Severity::Warning,
        Some(s) => Severity::parse(s.get_ref()).ok_or_else(|| {
            err(s.span().start, format!("`fail_on` must be one of \"error\", \"warning\", \"info\", \"hint\", not \"{}\"", s.get_ref()))
        })?,
    };
    let lower = |v: Vec<String>| {
        v.into_iter()
            .map(|s| s.trim().to_lowercase())
            .filter(|s| !s.is_empty())
            .collect()
    };
    settings.speech_verbs = lower(raw.lexicon.speech_verbs);
    settings.vague_sources = lower(raw.lexicon.vague_sources);
    settings.names = lower(raw.lexicon.names);
    settings.not_names = lower(raw.lexicon.not_names);
    let debounce_ms = match &raw.debounce_ms {
        None => None,
        Some(v) => Some(
            u64::try_from(*v.get_ref())
                .ok()
                .filter(|ms| *ms <= 10_000)
                .ok_or_else(|| {
                    err(
                        v.span().start,
                        format!(
                            "`debounce_ms` must be between 0 and 10000, not {}",
                            v.get_ref()
                        ),
                    )
                })?,
        ),
    };
    let max_document_bytes = match &raw.max_document_mb {
        None => DEFAULT_MAX_DOCUMENT_MB << 20,
        Some(v) => match usize::try_from(*v.get_ref()) {
            Ok(mb) if (1..=1024).contains(&mb) => mb << 20,
            _ => {
                return Err(err(
                    v.span().start,
                    format!(
                        "`max_document_mb` must be between 1 and 1024, not {}",
                        v.get_ref()
                    ),
                ));
            }
        },
    };
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut citations = Citations::default();
    if let Some(st) = &raw.citations.style {
        citations.style = match st.get_ref().as_str() {
            "pandoc" => CitationStyle::Pandoc,
            "footnote" => CitationStyle::Footnote,
            "link" => CitationStyle::Link,
            other => {
                return Err(err(
                    st.span().start,
                    format!(
                        "`style` must be \"pandoc\", \"footnote\" or \"link\", not \"{other}\""
                    ),
                ));
            }
        };
    }
    if let Some(p) = raw.citations.plain {
        citations.plain = p;
    }
    if let Some(t) = raw.citations.tk {
        citations.tk = t;
    }
    if let Some(w) = raw.citations.ignore_marker {
        settings.ignore_word = w;
    }
    Ok(Config {
        settings,
        fail_on,
        debounce_ms,
        max_document_bytes,
        sources: raw.sources.map(|v| v.iter().map(|p| dir.join(p)).collect()),
        people: raw.people.map(|p| dir.join(p)),
        citations,
        path: Some(path.to_path_buf()),
    })
}

fn known_codes() -> String {
    Code::ALL
        .iter()
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Lays an editor's settings over a configuration (editor settings win). Accepted, in the
/// editor's camelCase: `checks.disable` (list of codes), `checks.severity` (code → severity),
/// `checks.failOn`, `citations.style`, `citations.tk`, `citations.plain`. Unknown codes or values
/// are reported; the rest still applies.
pub fn overlay_client(c: &mut Config, v: &serde_json::Value) -> Result<(), String> {
    let mut problems = Vec::new();
    let checks = v.get("checks");
    if let Some(list) = checks
        .and_then(|x| x.get("disable"))
        .and_then(|x| x.as_array())
    {
        for code in list.iter().filter_map(|x| x.as_str()) {
            match Code::parse(code) {
                Some(k) if !c.settings.disabled.contains(&k) => c.settings.disabled.push(k),
                Some(_) => {}
                None => problems.push(format!("unknown finding code `{code}` in checks.disable")),
            }
        }
    }
    if let Some(map) = checks
        .and_then(|x| x.get("severity"))
        .and_then(|x| x.as_object())
    {
        for (code, sev) in map {
            match (Code::parse(code), sev.as_str().and_then(Severity::parse)) {
                (Some(k), Some(s)) => c.settings.severities.push((k, s)),
                _ => problems.push(format!(
                    "checks.severity: `{code}` = {sev} is not a finding code and a severity"
                )),
            }
        }
    }
    if let Some(cit) = v.get("citations") {
        match cit.get("style").and_then(|x| x.as_str()) {
            Some("pandoc") => c.citations.style = CitationStyle::Pandoc,
            Some("footnote") => c.citations.style = CitationStyle::Footnote,
            Some("link") => c.citations.style = CitationStyle::Link,
            Some(other) => problems.push(format!(
                "citations.style `{other}` is not pandoc, footnote or link"
            )),
            None => {}
        }
        if let Some(tk) = cit
            .get("tk")
            .and_then(|x| x.as_str())
            .filter(|t| !t.is_empty())
        {
            c.citations.tk = tk.to_string();
        }
        if let Some(p) = cit
            .get("plain")
            .and_then(|x| x.as_str())
            .filter(|t| !t.is_empty())
        {
            c.citations.plain = p.to_string();
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

/// The nearest `copydesk.toml` at or above `start` (a file or a folder).
pub fn find_upward(start: &Path) -> Option<PathBuf> {
    let start = if start.is_dir() {
        start.to_path_buf()
    } else {
        start.parent()?.to_path_buf()
    };
    let abs = if start.as_os_str().is_empty() {
        std::env::current_dir().ok()?
    } else {
        std::path::absolute(&start).ok()?
    };
    abs.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

/// Reads and parses the configuration that applies to `file`; the default when there is none.
pub fn load_for(file: &Path) -> Result<Config, ConfigError> {
    match find_upward(file) {
        None => Ok(Config::default()),
        Some(p) => {
            let text = std::fs::read_to_string(&p).map_err(|e| ConfigError {
                path: p.clone(),
                line: 0,
                column: 0,
                message: format!("cannot read: {e}"),
            })?;
            parse(&text, &p)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Result<Config, ConfigError> {
        parse(text, Path::new("copydesk.toml"))
    }

    #[test]
    fn full_configuration() {
        let c = p(r#"
debounce_ms = 40
sources = ["refs/sources.bib"]
people = "people.toml"

[citations]
style = "footnote"
tk = "[TK]"

[checks]
disable = ["editorializing", "scare-quote"]
enable = ["scare-quote"]
fail_on = "error"

[checks.severity]
vague-attribution = "error"

[lexicon]
speech_verbs = ["Opined"]
vague_sources = ["pundits"]
names = ["Zorblax"]
not_names = ["Apple"]
"#)
        .unwrap();
        assert_eq!(c.settings.disabled, [Code::Editorializing]);
        assert_eq!(c.settings.severity(Code::VagueAttribution), Severity::Error);
        assert_eq!(c.fail_on, Severity::Error);
        assert_eq!(c.settings.speech_verbs, ["opined"]);
        assert_eq!(c.settings.names, ["zorblax"]);
        assert_eq!(c.debounce_ms, Some(40));
        assert_eq!(c.max_document_bytes, DEFAULT_MAX_DOCUMENT_MB << 20);
        assert_eq!(
            p("max_document_mb = 2\n").unwrap().max_document_bytes,
            2 << 20
        );
        assert_eq!(p("max_document_mb = 0\n").unwrap_err().line, 1);
        assert_eq!(c.sources, Some(vec![PathBuf::from("refs/sources.bib")]));
        assert_eq!(c.citations.style, CitationStyle::Footnote);
        assert_eq!(c.citations.tk, "[TK]");
        assert_eq!(p("debounce_ms = -1\n").unwrap_err().line, 1);
    }

    #[test]
    fn editor_settings_lay_over_the_file() {
        let mut c = p("[checks]\ndisable = [\"scare-quote\"]\n").unwrap();
        let v = serde_json::json!({"checks": {"disable": ["editorializing", "nope"], "severity": {"name-variant": "error"}},
                                   "citations": {"style": "link", "tk": "[TK]"}});
        let e = overlay_client(&mut c, &v).unwrap_err();
        assert!(e.contains("nope"));
        assert_eq!(
            c.settings.disabled,
            [Code::ScareQuote, Code::Editorializing]
        );
        assert_eq!(c.settings.severity(Code::NameVariant), Severity::Error);
        assert_eq!(
            (c.citations.style, c.citations.tk.as_str()),
            (CitationStyle::Link, "[TK]")
        );
    }

    #[test]
    fn empty_file_is_the_default() {
        assert_eq!(p("").unwrap().settings, Settings::default());
    }

    #[test]
    fn unknown_key_names_line_and_key() {
        let e = p("[checks]\ndisable = []\ncolour = \"red\"\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("colour"), "{}", e.message);
        assert!(e.to_string().starts_with("copydesk.toml:3:"), "{e}");
    }

    #[test]
    fn bad_values_name_line_and_value() {
        let e = p("[checks]\n\ndisable = [\"no-such-check\"]\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("no-such-check"));
        let e = p("[checks.severity]\nscare-quote = \"loud\"\n").unwrap_err();
        assert_eq!(e.line, 2);
        let e = p("[checks]\nfail_on = \"sometimes\"\n").unwrap_err();
        assert_eq!(e.line, 2);
        let e = p("[checks\n").unwrap_err();
        assert_eq!(e.line, 1);
    }

    #[test]
    fn found_upward() {
        let dir = std::env::temp_dir().join(format!("copydesk-cfg-{}", std::process::id()));
        let deep = dir.join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(
            dir.join(FILE_NAME),
            "[checks]\ndisable = [\"scare-quote\"]\n",
        )
        .unwrap();
        let c = load_for(&deep.join("story.md")).unwrap();
        assert_eq!(c.settings.disabled, [Code::ScareQuote]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
