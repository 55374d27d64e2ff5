//! `unused-source`: a source in the story's library that the story never cites (a hint: a
//! library is often shared between stories).

use super::Check;
use super::finding;
use crate::analysis::{Analysis, Code, Doc, Finding, Severity, Span};

/// The `unused-source` check.
pub(crate) const CHECK: Check = Check {
    code: Code::UnusedSource,
    severity: Severity::Hint,
    summary: "a source in the library that the story never cites",
    run,
    fixes: super::no_fixes,
    file: file!(),
};

fn run(doc: &Doc, a: &Analysis, out: &mut Vec<Finding>) {
    let Some(ids) = &doc.lex.settings.source_ids else {
        return;
    };
    // On the first line: the story as a whole.
    let end = doc.text.find('\n').unwrap_or(doc.text.len());
    for id in ids {
        if !a
            .citations
            .iter()
            .any(|c| c.id.as_deref() == Some(id.as_str()))
        {
            out.push(finding(
                Code::UnusedSource,
                Span::new(0, end),
                format!("Source '{id}' is in this story's sources but never cited."),
                Vec::new(),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::{Code, DocKind, Settings, analyze};

    #[test]
    fn uncited_sources_are_hinted() {
        let s = Settings {
            source_ids: Some(vec!["imf2025".into(), "un".into()]),
            ..Settings::default()
        };
        let a = analyze(
            "# Title\n\nPrices rose [@imf2025].\n",
            DocKind::Markdown,
            &s,
        );
        let msgs: Vec<&str> = a
            .findings
            .iter()
            .filter(|f| f.code == Code::UnusedSource)
            .map(|f| f.message.as_str())
            .collect();
        assert_eq!(
            msgs,
            ["Source 'un' is in this story's sources but never cited."]
        );
    }
}
