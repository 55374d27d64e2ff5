//! `unknown-source`: a citation whose id is not in the story's source library.

use super::Check;
use super::finding;
use crate::analysis::citations::CitationKind;
use crate::analysis::{Analysis, Code, Doc, Finding, Severity};

/// The `unknown-source` check.
pub(crate) const CHECK: Check = Check {
    code: Code::UnknownSource,
    severity: Severity::Warning,
    summary: "a citation whose id is not in the story's sources",
    run,
    fixes: super::no_fixes,
    file: file!(),
};

fn run(doc: &Doc, a: &Analysis, out: &mut Vec<Finding>) {
    let Some(ids) = &doc.lex.settings.source_ids else {
        return;
    };
    for c in &a.citations {
        let Some(id) = &c.id else { continue };
        // A footnote defined in the document itself is its own source.
        if c.kind == CitationKind::Footnote && a.footnote_defs.contains(id) {
            continue;
        }
        if !ids.contains(id) {
            out.push(finding(
                Code::UnknownSource,
                c.span,
                format!("No source with id '{id}' in this story's sources: check the spelling, or add it to the sources file."),
                Vec::new(),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::{Code, DocKind, Settings, analyze};

    #[test]
    fn unknown_ids_are_flagged_only_with_a_library() {
        let text = "Prices rose [@imf2025]. Sales fell [@nope].\n";
        let s = Settings {
            source_ids: Some(vec!["imf2025".into()]),
            ..Settings::default()
        };
        let a = analyze(text, DocKind::Markdown, &s);
        let f: Vec<&str> = a
            .findings
            .iter()
            .filter(|f| f.code == Code::UnknownSource)
            .map(|f| &text[f.span.start..f.span.end])
            .collect();
        assert_eq!(f, ["[@nope]"]);
        let a = analyze(text, DocKind::Markdown, &Settings::default());
        assert!(!a.findings.iter().any(|f| f.code == Code::UnknownSource));
    }
}
