//! `copydesk.toml`: found by searching upward from the checked file; parsed with `toml` and
//! checked strictly, so that a typo is an error naming the file, line and key, never a silently
//! ignored setting.

use std::collections::BTreeMap;
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

/// `[citations]` in `copydesk.toml` and `citations` in the editor's settings: one type for
/// both, so that both accept and check the same keys and values. `S` is a string that may know
/// where it stands in the file (`Spanned<String>` from TOML, `String` from the editor).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCitations<S = Spanned<String>> {
    style: Option<S>,
    plain: Option<String>,
    tk: Option<String>,
    #[serde(alias = "ignoreMarker")]
    ignore_marker: Option<String>,
}

impl<S> Default for RawCitations<S> {
    fn default() -> Self {
        RawCitations {
            style: None,
            plain: None,
            tk: None,
            ignore_marker: None,
        }
    }
}

pub use crate::analysis::{CitationStyle, Citations};

/// `[checks]` in `copydesk.toml` and `checks` in the editor's settings (see [`RawCitations`]).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChecks<S = Spanned<String>> {
    #[serde(default = "Vec::new")]
    disable: Vec<S>,
    #[serde(default = "Vec::new")]
    enable: Vec<S>,
    #[serde(default = "BTreeMap::new")]
    severity: BTreeMap<String, S>,
    #[serde(alias = "failOn")]
    fail_on: Option<S>,
}

impl<S> Default for RawChecks<S> {
    fn default() -> Self {
        RawChecks {
            disable: Vec::new(),
            enable: Vec::new(),
            severity: BTreeMap::new(),
            fail_on: None,
        }
    }
}

/// A setting's string value, and where it stands in `copydesk.toml` (nothing for the editor's).
trait Located {
    fn text(&self) -> &str;
    fn at(&self) -> Option<usize>;
}

impl Located for Spanned<String> {
    fn text(&self) -> &str {
        self.get_ref()
    }
    fn at(&self) -> Option<usize> {
        Some(self.span().start)
    }
}

impl Located for String {
    fn text(&self) -> &str {
        self
    }
    fn at(&self) -> Option<usize> {
        None
    }
}

/// A problem in a setting: its message, and where it stands when the file says.
type Problem = (Option<usize>, String);

const SEVERITIES: &str = "\"error\", \"warning\", \"info\", \"hint\"";

/// Lays `[checks]` over `settings` and `fail_on`, checking every code and severity.
fn apply_checks<S: Located>(
    checks: &RawChecks<S>,
    settings: &mut Settings,
    fail_on: &mut Severity,
    problems: &mut Vec<Problem>,
) {
    let mut code = |s: &S, what: &str| {
        let c = Code::parse(s.text());
        if c.is_none() {
            problems.push((
                s.at(),
                format!(
                    "unknown finding code `{}`{what} (known: {})",
                    s.text(),
                    known_codes()
                ),
            ));
        }
        c
    };
    for d in &checks.disable {
        if let Some(c) = code(d, "")
            && !settings.disabled.contains(&c)
        {
            settings.disabled.push(c);
        }
    }
    for e in &checks.enable {
        if let Some(c) = code(e, "") {
            settings.disabled.retain(|d| *d != c);
        }
    }
    let mut severities = Vec::new();
    for (k, v) in &checks.severity {
        let Some(c) = Code::parse(k) else {
            problems.push((
                v.at(),
                format!(
                    "unknown finding code `{k}` in [checks.severity] (known: {})",
                    known_codes()
                ),
            ));
            continue;
        };
        match Severity::parse(v.text()) {
            Some(sev) => severities.push((c, sev)),
            None => problems.push((
                v.at(),
                format!("severity for `{k}` must be one of {SEVERITIES}"),
            )),
        }
    }
    settings.severities.extend(severities);
    if let Some(s) = &checks.fail_on {
        match Severity::parse(s.text()) {
            Some(sev) => *fail_on = sev,
            None => problems.push((
                s.at(),
                format!(
                    "`fail_on` must be one of {SEVERITIES}, not \"{}\"",
                    s.text()
                ),
            )),
        }
    }
}

/// Lays `[citations]` over `citations` and the ignore word.
fn apply_citations<S: Located>(
    raw: RawCitations<S>,
    citations: &mut Citations,
    settings: &mut Settings,
    problems: &mut Vec<Problem>,
) {
    if let Some(st) = &raw.style {
        match st.text() {
            "pandoc" => citations.style = CitationStyle::Pandoc,
            "footnote" => citations.style = CitationStyle::Footnote,
            "link" => citations.style = CitationStyle::Link,
            other => problems.push((
                st.at(),
                format!("`style` must be \"pandoc\", \"footnote\" or \"link\", not \"{other}\""),
            )),
        }
    }
    if let Some(p) = raw.plain {
        citations.plain = p;
    }
    if let Some(t) = raw.tk {
        settings.tk = t.clone();
        citations.tk = t;
    }
    if let Some(w) = raw.ignore_marker {
        settings.ignore_word = w;
    }
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
    let mut settings = Settings::default();
    let mut fail_on = Severity::Warning;
    let mut problems = Vec::new();
    apply_checks(&raw.checks, &mut settings, &mut fail_on, &mut problems);
    let mut citations = Citations::default();
    apply_citations(raw.citations, &mut citations, &mut settings, &mut problems);
    if let Some((at, message)) = problems.into_iter().next() {
        return Err(err(at.unwrap_or(0), message));
    }
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

/// Lays an editor's settings over a configuration (editor settings win). Its `checks` and
/// `citations` are parsed by the same types as the file's `[checks]` and `[citations]`
/// (`disable`, `enable`, `severity`, `fail_on` or `failOn`; `style`, `tk`, `plain`,
/// `ignore_marker` or `ignoreMarker`) and checked by the same code. Unknown codes or values are
/// reported and the rest still applies; a section with an unknown key is reported whole.
pub fn overlay_client(c: &mut Config, v: &serde_json::Value) -> Result<(), String> {
    let mut problems: Vec<Problem> = Vec::new();
    // The same section types as the file's; a section that does not parse is reported whole.
    let section = |key: &str| v.get(key).filter(|x| !x.is_null()).cloned();
    if let Some(x) = section("checks") {
        match serde_json::from_value::<RawChecks<String>>(x) {
            Ok(checks) => apply_checks(&checks, &mut c.settings, &mut c.fail_on, &mut problems),
            Err(e) => problems.push((None, format!("checks: {e}"))),
        }
    }
    if let Some(x) = section("citations") {
        match serde_json::from_value::<RawCitations<String>>(x) {
            Ok(mut cit) => {
                // An editor's empty text field means "not set".
                cit.plain = cit.plain.filter(|t| !t.is_empty());
                cit.tk = cit.tk.filter(|t| !t.is_empty());
                cit.ignore_marker = cit.ignore_marker.filter(|t| !t.is_empty());
                apply_citations(cit, &mut c.citations, &mut c.settings, &mut problems);
            }
            Err(e) => problems.push((None, format!("citations: {e}"))),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems
            .into_iter()
            .map(|(_, m)| m)
            .collect::<Vec<_>>()
            .join("; "))
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

    /// The editor's sections are the file's types: the same keys (`failOn` for `fail_on`),
    /// the same checks on values, and an unknown key is reported, not ignored.
    #[test]
    fn editor_settings_take_the_files_keys_and_checks() {
        let mut c = p("[checks]\ndisable = [\"scare-quote\"]\n").unwrap();
        let v = serde_json::json!({"checks": {"enable": ["scare-quote"], "failOn": "error"}});
        overlay_client(&mut c, &v).unwrap();
        assert!(c.settings.disabled.is_empty());
        assert_eq!(c.fail_on, Severity::Error);
        let v = serde_json::json!({"checks": {"colour": "red"}, "citations": {"style": "loud"}});
        let e = overlay_client(&mut c, &v).unwrap_err();
        assert!(e.contains("colour") && e.contains("loud"), "{e}");
        let e = p("[citations]\nstyle = \"loud\"\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("loud"));
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
