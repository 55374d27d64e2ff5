//! `scare-quote`: a short phrase in quote marks that nobody is said to have said.

use super::Check;
use super::finding;
use crate::analysis::{Analysis, Code, Doc, Finding, QuoteKind, Severity};

/// The `scare-quote` check.
pub(crate) const CHECK: Check = Check {
    code: Code::ScareQuote,
    severity: Severity::Info,
    summary: "a phrase in quote marks that nobody is said to have said",
    run,
    fixes: super::no_fixes,
    file: file!(),
};

fn run(doc: &Doc, a: &Analysis, out: &mut Vec<Finding>) {
    for q in a.quotes.iter().filter(|q| q.kind == QuoteKind::Scare) {
        let words = doc.text[q.inner.start..q.inner.end].trim_end_matches([',', '.']);
        out.push(finding(
            Code::ScareQuote,
            q.span,
            [
                "Scare quotes around '",
                words,
                "': whose word is it? Attribute it, or drop the quote marks and say it plainly.",
            ]
            .concat(),
            Vec::new(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::Code;
    use crate::analysis::checks::test_util::findings;

    #[test]
    fn unattributed_short_phrase_is_a_scare_quote() {
        let f = findings(
            "The deal gives Putin a diplomatic 'off-ramp' from the war.",
            Code::ScareQuote,
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].0, "'off-ramp'");
    }

    #[test]
    fn names_and_attributed_phrases_are_not() {
        assert!(
            findings(
                "They named their robot \"Robogee\" for the contest.",
                Code::ScareQuote
            )
            .is_empty()
        );
        assert!(
            findings(
                "Hegseth told them it was an 'unrealistic objective.'",
                Code::ScareQuote
            )
            .is_empty()
        );
        // Terms named together: both are named, not scare-quoted.
        assert!(
            findings(
                "Grades such as \"outstanding\" and \"inadequate\" will go in September.",
                Code::ScareQuote
            )
            .is_empty()
        );
        // The speaker's own words, with a speech verb before them.
        for own in [
            "The senator called the rebate 'unjustified' in a tweet on Sunday.",
            "Slamming the story as \"faulty\", the ministry moved on.",
            "Mr Stride blamed the government's \"reckless\" budget for the rise.",
        ] {
            assert!(findings(own, Code::ScareQuote).is_empty(), "{own}");
            assert!(findings(own, Code::UnattributedClaim).is_empty(), "{own}");
        }
        // "State" the department is not "state" the verb.
        assert_eq!(
            findings(
                "After talks with the State Department, the girls were granted \"parole\" status.",
                Code::ScareQuote
            )
            .len(),
            1
        );
    }
}
