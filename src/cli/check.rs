//! `copydesk check`: findings as compiler-style text, JSON, or SARIF 2.1.0.

use serde_json::{Value, json};

use super::{Checked, LineIndex};
use crate::analysis::{Code, Severity};

/// `path:line:col: severity[code]: message`, one finding a line.
pub fn text(c: &Checked, out: &mut String) {
    let li = LineIndex::new(&c.text);
    for f in &c.analysis.findings {
        let (line, col) = li.position(&c.text, f.span.start);
        out.push_str(&format!(
            "{}:{line}:{col}: {}[{}]: {}\n",
            c.path.display(),
            f.severity.as_str(),
            f.code.as_str(),
            f.message
        ));
    }
}

fn located(c: &Checked) -> Vec<Value> {
    let li = LineIndex::new(&c.text);
    c.analysis
        .findings
        .iter()
        .map(|f| {
            let (line, column) = li.position(&c.text, f.span.start);
            let (end_line, end_column) = li.position(&c.text, f.span.end);
            json!({
                "file": c.path.to_string_lossy(),
                "line": line, "column": column, "end_line": end_line, "end_column": end_column,
                "start": f.span.start, "end": f.span.end,
                "code": f.code.as_str(), "severity": f.severity.as_str(), "message": f.message,
            })
        })
        .collect()
}

/// A JSON array of every finding in every file.
pub fn json(all: &[Checked]) -> Value {
    Value::Array(all.iter().flat_map(located).collect())
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// One SARIF 2.1.0 log with one run.
pub fn sarif(all: &[Checked]) -> Value {
    let rules: Vec<Value> = Code::ALL
        .iter()
        .map(|c| {
            json!({
                "id": c.as_str(),
                "shortDescription": {"text": c.summary()},
                "helpUri": c.help_uri(),
                "defaultConfiguration": {"level": sarif_level(c.default_severity())},
            })
        })
        .collect();
    let mut results = Vec::new();
    for c in all {
        let li = LineIndex::new(&c.text);
        let uri = c.path.to_string_lossy().replace('\\', "/");
        for f in &c.analysis.findings {
            let (sl, sc) = li.position(&c.text, f.span.start);
            let (el, ec) = li.position(&c.text, f.span.end);
            results.push(json!({
                "ruleId": f.code.as_str(),
                "ruleIndex": Code::ALL.iter().position(|x| *x == f.code),
                "level": sarif_level(f.severity),
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": {"startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec,
                               "byteOffset": f.span.start, "byteLength": f.span.len()},
                }}],
            }));
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "copydesk",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": env!("CARGO_PKG_REPOSITORY"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}
