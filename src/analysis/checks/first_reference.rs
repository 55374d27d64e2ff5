//! `first-reference`: a person's first mention in the story lacks the full name.

use super::finding;
use super::{Check, Fix, FixContext};
use crate::analysis::{Analysis, Code, Doc, Finding, MentionKind, Related, SentenceKind, Severity};

/// The `first-reference` check.
pub(crate) const CHECK: Check = Check {
    code: Code::FirstReference,
    severity: Severity::Info,
    summary: "a person's first mention lacks the full name",
    run,
    fixes,
    file: file!(),
};

/// Titles of peers and royals, by which British style names them in full ("Lord Falconer",
/// "Prince Charles").
const PEERAGE: &[&str] = &[
    "king",
    "queen",
    "prince",
    "princess",
    "lord",
    "lady",
    "baron",
    "baroness",
    "viscount",
    "viscountess",
    "earl",
    "countess",
    "marquess",
    "duke",
    "duchess",
];

fn run(doc: &Doc, a: &Analysis, out: &mut Vec<Finding>) {
    // Headlines use surnames by style; the first reference is the first in the body (a title
    // line that ends in a full stop is a headline too).
    let title = crate::analysis::claims::title_line(doc);
    for p in &a.people {
        let Some(first) = p.mentions.iter().find(|m| {
            a.sentences[m.sentence].kind == SentenceKind::Body && !(m.sentence == 0 && title)
        }) else {
            continue;
        };
        if first.kind == MentionKind::Full {
            continue;
        }
        // A peer's or a royal's title is the full reference: "Lord Falconer", "Baroness Hale".
        let peer = first.title.is_some_and(|ts| {
            let title = doc.text[ts.start..ts.end].to_ascii_lowercase();
            PEERAGE
                .iter()
                .any(|w| title.split_whitespace().any(|t| t == *w))
        });
        if peer {
            continue;
        }
        let said = &doc.text[first.span.start..first.span.end];
        match p.mentions.iter().find(|m| m.kind == MentionKind::Full) {
            Some(full) => out.push(finding(
                Code::FirstReference,
                first.span,
                format!("First reference to {said} uses the surname only: give the full name ('{}') here, and the surname after.", p.name),
                vec![Related { span: full.span, message: format!("The full name appears only here: {}", p.name) }],
            )),
            None if p.name.contains(' ') => {}
            None => out.push(finding(
                Code::FirstReference,
                first.span,
                format!("{said} is never given a full name: use the full name and title at first reference."),
                Vec::new(),
            )),
        }
    }
}

/// Use the person's full name (with their first role) at the first mention.
fn fixes(cx: &FixContext, f: &Finding, out: &mut Vec<Fix>) {
    if let Some((p, _)) = cx.analysis.person_at(f.span.start) {
        let full = super::fixes::full_reference(&cx.analysis.people[p]);
        out.push(
            Fix::new(format!("Use the full name: '{full}'"), vec![(f.span, full)]).preferred(),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::Code;
    use crate::analysis::checks::test_util::findings;

    #[test]
    fn surname_before_full_name() {
        let f = findings(
            "Hegseth spoke first. Later, Defense Secretary Pete Hegseth said more.",
            Code::FirstReference,
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, "Hegseth");
        assert!(f[0].1.contains("'Pete Hegseth'"));
    }

    #[test]
    fn a_peer_by_title_is_a_full_reference() {
        let f = findings(
            "Lord Falconer said the plan would work. Baroness Hale and Prince Charles \
             listened. Mr Blair agreed.",
            Code::FirstReference,
        );
        let names: Vec<&str> = f.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(names, ["Blair"], "{f:?}");
    }

    #[test]
    fn a_title_line_is_a_headline() {
        // The title line ends in a full stop, but it is still a headline: the body's first
        // reference counts.
        assert!(
            findings(
                "Pence blames media for the flap.\n\nGov. Mike Pence on Thursday blamed the press. Pence left.",
                Code::FirstReference
            )
            .is_empty()
        );
    }

    #[test]
    fn full_first_reference_is_fine() {
        assert!(
            findings(
                "Defense Secretary Pete Hegseth spoke. Hegseth left.",
                Code::FirstReference
            )
            .is_empty()
        );
    }
}
