//! `editorializing`: opinion words in the story's own voice ("devastating", "glimmer of hope").

use super::Check;
use super::finding;
use crate::analysis::{Analysis, Code, Doc, Finding, SentenceKind, Severity};

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

fn run(doc: &Doc, _: &Analysis, out: &mut Vec<Finding>) {
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
        assert_eq!(words, ["glimmer of hope", "devastating"]);
        // A verb of the story's own judgement (issue 18, class 6).
        let f = findings(
            "The row has dogged her campaign, which was plagued by leaks.",
            Code::Editorializing,
        );
        let words: Vec<&str> = f.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(words, ["has dogged", "plagued by"]);
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
            words("Labour faced a damaging few weeks after a humiliating defeat."),
            ["damaging", "humiliating"]
        );
        assert!(words("Sanders won, embarrassing Clinton in a state she won.").is_empty());
        assert!(words("He asked not to be named to avoid damaging his business.").is_empty());
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
