//! `unattributed-claim`: a claim that needs a source and has none.

use super::Check;
use super::{finding, short};
use crate::analysis::claims::figure_sort;
use crate::analysis::{Analysis, ClaimKind, ClaimStatus, Code, Doc, Finding, Severity};

/// The `unattributed-claim` check.
pub(crate) const CHECK: Check = Check {
    code: Code::UnattributedClaim,
    severity: Severity::Warning,
    summary: "a claim that needs a source has none",
    run,
    fixes: super::fixes::source_it,
    file: file!(),
};

fn run(doc: &Doc, a: &Analysis, out: &mut Vec<Finding>) {
    for c in a
        .claims
        .iter()
        .filter(|c| c.status == ClaimStatus::Unattributed)
    {
        let trig = short(&doc.text[c.trigger.start..c.trigger.end], 40);
        // Joined, not `format!`ted: thousands of these in a long story, at every keystroke.
        let message = match c.kind {
            ClaimKind::Figure => [
                figure_sort(doc, c),
                " with no source: who counted '",
                &trig,
                "'? Attribute it (\", according to ...\") or cite the data.",
            ]
            .concat(),
            ClaimKind::Causal => [
                "Cause-and-effect claim with no source ('",
                &trig,
                "'): who says so? Attribute the link or show the evidence.",
            ]
            .concat(),
            ClaimKind::Prediction => [
                "Speculation with no source ('",
                &trig,
                "'): whose forecast is this? Attribute it to an analyst or official, or cut it.",
            ]
            .concat(),
            ClaimKind::Allegation => [
                "Allegation with no source ('",
                &trig,
                "'): who makes it? An allegation needs a named source or a court record.",
            ]
            .concat(),
            ClaimKind::Characterization => [
                "Judgement stated as fact ('",
                &trig,
                "'): attribute it to someone, or report the facts that support it.",
            ]
            .concat(),
            ClaimKind::Motive => [
                "Claim about what someone thinks or wants ('",
                &trig,
                "') with no source: who says so?",
            ]
            .concat(),
        };
        out.push(finding(
            Code::UnattributedClaim,
            c.span,
            message,
            Vec::new(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::Code;
    use crate::analysis::checks::test_util::findings;

    #[test]
    fn casualty_figure_message_names_the_figure() {
        let f = findings(
            "The invasion has caused the loss of tens of thousands of lives.",
            Code::UnattributedClaim,
        );
        assert_eq!(f.len(), 1);
        assert_eq!(
            f[0].0,
            "The invasion has caused the loss of tens of thousands of lives."
        );
        assert!(
            f[0].1
                .starts_with("Casualty figure with no source: who counted 'tens of thousands'?"),
            "{}",
            f[0].1
        );
    }

    #[test]
    fn sourced_claims_are_not_flagged() {
        assert!(
            findings(
                "The war has killed 10,000 people, the ministry said.",
                Code::UnattributedClaim
            )
            .is_empty()
        );
        assert!(
            findings(
                "According to the UN, 10,000 people have died.",
                Code::UnattributedClaim
            )
            .is_empty()
        );
    }

    #[test]
    fn speculation_is_flagged() {
        let f = findings(
            "The lifting of sanctions could motivate both sides.",
            Code::UnattributedClaim,
        );
        assert!(
            f[0].1.starts_with("Speculation with no source ('could')"),
            "{}",
            f[0].1
        );
    }
}
