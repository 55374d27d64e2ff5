//! `editorializing`: opinion words in the story's own voice ("devastating", "glimmer of hope").

use super::Check;
use super::finding;
use crate::analysis::{
    Analysis, ClaimKind, ClaimStatus, Code, Doc, Finding, SentenceKind, Severity, Span,
};

/// The `editorializing` check.
pub(crate) const CHECK: Check = Check {
    code: Code::Editorializing,
    // Info, not a hint: hints never reach VS Code's Problems panel, and on the dev sets 21 of 32
    // of these fell on sentences labelled as needing a source.
    severity: Severity::Info,
    summary: "an opinion word in news copy",
    run,
    fixes: super::no_fixes,
    file: file!(),
};

/// Whether the opinion word at `span` in sentence `si` is someone else's or already flagged:
/// in what a source is reported as saying or describing ("Smith said it was a devastating
/// blow", "Residents described a chaotic scene"), or the word an `unattributed-claim` finding
/// on the same sentence already names ("Judgement stated as fact ('disastrous')").
fn said_or_flagged(doc: &Doc, a: &Analysis, si: usize, span: Span) -> bool {
    let inside = |r: &Span| r.start <= span.start && span.end <= r.end;
    let first = a.attributions.partition_point(|x| x.sentence < si);
    let reported = a.attributions[first..]
        .iter()
        .take_while(|x| x.sentence == si)
        .any(|x| x.source.is_some() && x.content.iter().any(inside));
    let first = a.claims.partition_point(|c| c.sentence < si);
    let claimed = doc.lex.settings.enabled(Code::UnattributedClaim)
        && a.claims[first..]
            .iter()
            .take_while(|c| c.sentence == si)
            .any(|c| {
                c.kind == ClaimKind::Characterization
                    && c.status == ClaimStatus::Unattributed
                    && c.trigger == span
            });
    reported || claimed
}

fn run(doc: &Doc, a: &Analysis, out: &mut Vec<Finding>) {
    for (si, s) in doc.sentences.iter().enumerate() {
        if matches!(
            s.kind,
            SentenceKind::Dateline | SentenceKind::Byline | SentenceKind::Caption
        ) {
            continue;
        }
        let at = s.tokens.start;
        for hit in &doc.locals[si].opinion {
            let span = doc.range_span(hit.start + at..hit.end + at);
            if said_or_flagged(doc, a, si, span) {
                continue;
            }
            let word = &doc.text[span.start..span.end];
            out.push(finding(
                Code::Editorializing,
                span,
                [
                    "'",
                    word,
                    "' is a judgement: let a source say it, or give the facts that show it.",
                ]
                .concat(),
                Vec::new(),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::Code;
    use crate::analysis::checks::test_util::findings;

    #[test]
    fn opinion_words_in_the_story_voice() {
        let f = findings(
            "Talks offer a glimmer of hope in this devastating war.",
            Code::Editorializing,
        );
        let words: Vec<&str> = f.iter().map(|x| x.0.as_str()).collect();
        // The first is the unattributed-claim warning's ("Judgement stated as fact").
        assert_eq!(words, ["devastating"]);
        // A verb of the story's own judgement (issue 18, class 6).
        let f = findings(
            "The row has dogged her campaign, which was plagued by leaks.",
            Code::Editorializing,
        );
        let words: Vec<&str> = f.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(words, ["plagued by"]);
    }

    #[test]
    fn an_ing_word_used_as_a_verb_judges_nothing() {
        let words = |text: &str| -> Vec<String> {
            findings(text, Code::Editorializing)
                .into_iter()
                .map(|x| x.0)
                .collect()
        };
        assert_eq!(
            words("It was a humiliating defeat, after a damaging few weeks."),
            ["damaging"]
        );
        assert!(words("Sanders won, embarrassing Clinton in a state she won.").is_empty());
        assert!(words("He asked not to be named to avoid damaging his business.").is_empty());
    }

    #[test]
    fn reported_or_already_flagged_opinion_is_not_flagged_again() {
        for text in [
            "Smith said it was a devastating blow for the town.",
            "Residents described a chaotic scene as cars queued.",
            // The unattributed-claim warning names the word.
            "Rates remain higher than before the disastrous mini-budget.",
        ] {
            let f = findings(text, Code::Editorializing);
            assert!(f.is_empty(), "{text}: {f:?}");
        }
        // A second opinion word in the same sentence is still the story's.
        let f = findings(
            "The disastrous budget was a humiliating defeat.",
            Code::Editorializing,
        );
        assert_eq!(f.len(), 1, "{f:?}");
    }

    #[test]
    fn quoted_opinion_is_the_speakers() {
        assert!(
            findings(
                "\"It was a devastating blow,\" Peskov said.",
                Code::Editorializing
            )
            .is_empty()
        );
    }
}
