//! `unattributed-quote`: someone's words in quote marks, and no one said to have said them.

use super::Check;
use super::{finding, short};
use crate::analysis::{Analysis, Code, Doc, Finding, QuoteKind, SentenceKind, Severity};

/// The `unattributed-quote` check.
pub(crate) const CHECK: Check = Check {
    code: Code::UnattributedQuote,
    severity: Severity::Warning,
    summary: "a quotation with no speaker",
    run,
    fixes: super::fixes::source_it,
    file: file!(),
};

fn run(doc: &Doc, a: &Analysis, out: &mut Vec<Finding>) {
    for q in &a.quotes {
        if q.nested
            || q.attribution.is_some()
            || !matches!(q.kind, QuoteKind::Full | QuoteKind::Partial)
        {
            continue;
        }
        let Some(si) = a.sentence_at(q.span.start) else {
            continue;
        };
        if a.sentences[si].kind != SentenceKind::Body {
            continue;
        }
        let words = short(&doc.text[q.inner.start..q.inner.end], 50);
        out.push(finding(
            Code::UnattributedQuote,
            q.span,
            format!("Quote with no speaker: who said \"{words}\"? Name the speaker (\"..., she said.\") next to the quote."),
            Vec::new(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::Code;
    use crate::analysis::checks::test_util::findings;

    #[test]
    fn a_quote_without_speaker_is_flagged() {
        let f = findings(
            "The crowd gathered. \"We will never give up on this city.\"",
            Code::UnattributedQuote,
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].0, "\"We will never give up on this city.\"");
    }

    #[test]
    fn attributed_and_carried_quotes_are_not() {
        let text = "\"We will never give up,\" Mayor Jane Smith said. \"Not one street.\"";
        assert!(findings(text, Code::UnattributedQuote).is_empty());
    }
}
