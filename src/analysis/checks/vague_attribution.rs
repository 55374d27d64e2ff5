//! `vague-attribution`: "experts say", "critics argue", "reportedly": a source gestured at.

use super::Check;
use super::{QuoteIndex, finding, short};
use crate::analysis::{Analysis, Code, Doc, Finding, SentenceKind, Severity, SourceKind};

/// The `vague-attribution` check.
pub(crate) const CHECK: Check = Check {
    code: Code::VagueAttribution,
    severity: Severity::Warning,
    summary: "a source that is gestured at but not identified",
    run,
    fixes: super::fixes::source_it,
    file: file!(),
};

/// Words that open a clause after "are concerned" when "that" is left out: "are concerned
/// the Government will ...", "is concerned it may ...".
const CLAUSE_STARTS: &[&str] = &[
    "the", "a", "an", "this", "these", "those", "he", "she", "it", "they", "we", "his", "her",
    "their", "its", "some", "many", "there",
];

fn run(doc: &Doc, a: &Analysis, out: &mut Vec<Finding>) {
    let quotes = QuoteIndex::new(&a.quotes);
    // One finding a phrase: "Analysts expect" is both a vague phrase and a vague subject of
    // "expect"; the one that names its source wins (its message says more).
    let mut found: Vec<(crate::analysis::Span, bool, String)> = Vec::new();
    for at in a
        .attributions
        .iter()
        .filter(|x| x.kind == SourceKind::Vague)
    {
        // A vague group that wants, plans or is shocked claims nothing; one that says, finds,
        // believes or expects does.
        let after = doc.text[at.cue.end..].trim_start();
        let claims = at.class.sources_claims()
            || at.class.holds_fixed_view(at.lemma)
            || (at.class.names_view(at.lemma) && after.starts_with("that "))
            || (at.lemma == "hope" && !super::is_aim(doc, at))
            // "concerned that/about" is a fear, and so is "are concerned the Government will"
            // with "that" left out; "the report concerned the e-mails" is a topic. Other
            // feelings about a clause are views too: "Progressives have been upset that ...".
            || (at.class.feels(at.lemma) && {
                let before = doc.text[..at.cue.start].trim_end();
                let adjective = ["is", "are", "was", "were", "be", "been"]
                    .iter()
                    .any(|b| before.ends_with(&[" ", b].concat()));
                after.starts_with("that ")
                    || after.starts_with("about ")
                    || adjective && after.split(' ').next().is_some_and(|w| CLAUSE_STARTS.contains(&w))
            });
        // Headlines are not where sources are named.
        let headline = doc
            .sentences
            .get(at.sentence)
            .is_some_and(|s| matches!(s.kind, SentenceKind::Headline | SentenceKind::Heading))
            || (at.sentence == 0 && crate::analysis::claims::title_line(doc));
        if !claims || headline {
            continue;
        }
        // Inside someone's quoted words, the vagueness is theirs.
        if quotes
            .holding(at.cue)
            .any(|q| !q.nested && q.attribution.is_some())
        {
            continue;
        }
        let span = at.source.map_or(at.cue, |s| {
            if s.start < at.cue.start {
                crate::analysis::Span::new(s.start, at.cue.end)
            } else {
                crate::analysis::Span::new(at.cue.start, s.end)
            }
        });
        let said = short(&doc.text[span.start..span.end], 40);
        let message = match at.source {
            Some(_) => [
                "Vague source ('",
                &said,
                "'): who exactly? Name them, or say who they are and why they are not named.",
            ]
            .concat(),
            None => [
                "'",
                &said,
                "' hides the source: say who reported or believes it, or report it yourself.",
            ]
            .concat(),
        };
        let named = at.source.is_some();
        match found.iter_mut().find(|(s, _, _)| s.overlaps(&span)) {
            Some(f) if named && !f.1 => *f = (span, named, message),
            Some(_) => {}
            None => found.push((span, named, message)),
        }
    }
    for (span, _, message) in found {
        out.push(finding(Code::VagueAttribution, span, message, Vec::new()));
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::Code;
    use crate::analysis::checks::test_util::findings;

    #[test]
    fn vague_sources_and_phrases() {
        let f = findings(
            "Experts say the war could end. The leader reportedly fled.",
            Code::VagueAttribution,
        );
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(f[0].0, "Experts say");
        assert_eq!(f[1].0, "reportedly");
    }

    #[test]
    fn a_vague_group_that_wants_or_plans_claims_nothing() {
        assert!(findings("Big investors will seek to sell.", Code::VagueAttribution).is_empty());
        assert_eq!(
            findings(
                "Some investors believe the bank will cut rates.",
                Code::VagueAttribution
            )
            .len(),
            1
        );
    }

    #[test]
    fn a_vague_group_that_blames_or_fears_claims_something() {
        for text in [
            "Critics blame the mayor for the delays.",
            "Officials have attributed the slow count to postal ballots.",
            "Some Democrats are concerned that the tactics will divide the party.",
        ] {
            assert_eq!(findings(text, Code::VagueAttribution).len(), 1, "{text}");
        }
        // A report that "concerned" something is about it, not afraid of it.
        assert!(
            findings(
                "But that report concerned the e-mails of junior officials.",
                Code::VagueAttribution
            )
            .is_empty()
        );
    }

    #[test]
    fn a_vague_group_that_judges_or_feels_about_a_clause_claims_something() {
        vague_in(
            &[
                "His critics hysterically denounced him on television.",
                "Liberals dismissed him as a Hollywood actor.",
                "Progressives have been especially upset that the chair was undermining the rules.",
                "His supporters are optimistic that he will make a comeback.",
            ],
            true,
            // A feeling with no clause holds no claim.
            &["Voters are angry."],
        );
    }

    /// Each of `flagged` has one vague finding (and, with `sourced`, no unattributed claim:
    /// the vague source sources it); none of `clean` has any.
    fn vague_in(flagged: &[&str], sourced: bool, clean: &[&str]) {
        for text in flagged {
            assert_eq!(findings(text, Code::VagueAttribution).len(), 1, "{text}");
            if sourced {
                assert!(findings(text, Code::UnattributedClaim).is_empty(), "{text}");
            }
        }
        for text in clean {
            assert!(findings(text, Code::VagueAttribution).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_view_no_one_holds_by_name_is_vague() {
        vague_in(
            &[
                "The vote is close. There is growing concern that the deal will collapse.",
                "The vote is close. There's a widespread recognition that the party must rebuild.",
            ],
            true,
            &[
                "The vote is close. There's no doubt about that.",
                "The vote is close. Markets fell amid concerns about his health.",
            ],
        );
    }

    #[test]
    fn an_unnamed_share_of_a_group_is_vague() {
        vague_in(
            &[
                "The vote is close. Some in the administration argue that the plan will fail.",
                "The vote is close. Many in Washington believe the bill will pass.",
                "The vote is close. Trump was criticized by some of his rivals for failing to campaign.",
                "The vote is close. Advocates within the scientific community cite his record.",
            ],
            false,
            &[
                "He got angry email, some of it mentioning Mr. Trump by name.",
                "It is remarkable how many of our arguments continue to focus on the war.",
            ],
        );
    }

    #[test]
    fn agentless_passives_and_quantified_groups_are_vague() {
        for text in [
            "The mayor is expected to resign on Friday.",
            "The deal was seen by some as a defeat for the union.",
            "Several polls show the race tightening.",
            "Many Democratic officials say the party must rebuild.",
            "Some Labour supporters argue the leader should go.",
            "Some MPs believe the Treasury blocked a larger settlement.",
            "Mrs Haigh is understood to have met union leaders last week.",
            "His departure was widely expected after the defeat.",
            "The number has risen to 7.6 million, figures show.",
            "Figures to be published today show that rents rose by 9% last year.",
            "Data released on Monday suggest the scheme has stalled.",
            "But early ratings data suggests the show drew 8 million viewers.",
            "Protest groups say the restrictions are meant to hide them.",
            "There is evidence that the drug slows the disease.",
            "The rate cut was seen as a sign of panic.",
        ] {
            assert_eq!(findings(text, Code::VagueAttribution).len(), 1, "{text}");
        }
        assert!(findings("Several nations announced support.", Code::VagueAttribution).is_empty());
    }

    #[test]
    fn a_group_with_a_place_is_still_a_group() {
        for (text, said) in [
            (
                "Officials in Beijing said the talks would resume.",
                "Officials in Beijing said",
            ),
            (
                "Residents of the town say the water is unsafe.",
                "Residents of the town say",
            ),
            // A people's adjective names no one; nor does a post no one wrote.
            (
                "Welsh farming associations are concerned the rules will cost them.",
                "Welsh farming associations are concerned",
            ),
            (
                "An online posting claimed that the council had sold the land.",
                "An online posting claimed",
            ),
            // Where unnamed sources work says nothing of who they are.
            (
                "Senior Whitehall sources said the plan had been shelved.",
                "Senior Whitehall sources said",
            ),
        ] {
            let f = findings(text, Code::VagueAttribution);
            assert_eq!(f.len(), 1, "{text}: {f:?}");
            assert!(f[0].1.contains(said), "{}", f[0].1);
        }
        // Analysts at a named firm or university speak for it; experts in a place do not.
        for text in [
            "Analysts at Peel Hunt said the shares were cheap.",
            "Researchers at Cardiff University said the plant would add 900 jobs.",
        ] {
            let f = findings(text, Code::VagueAttribution);
            assert!(f.is_empty(), "{text}: {f:?}");
        }
        // Figures someone owns are theirs.
        for text in [
            "ONS figures show the number has risen to 7.6 million.",
            "The total was $5,395, according to figures released Thursday by Crowdpac.",
            "The figures show the number has risen.",
            "The ACLU and the NAACP wrote to her. The groups say they are concerned.",
        ] {
            assert!(findings(text, Code::VagueAttribution).is_empty(), "{text}");
        }
        // A body's own document is the body's.
        let text = "The King's Fund said beds were short. Its report found that one in ten \
                    beds was taken.";
        assert!(findings(text, Code::VagueAttribution).is_empty(), "{text}");
        let text = "Experts in Beijing said the talks would resume.";
        assert_eq!(findings(text, Code::VagueAttribution).len(), 1, "{text}");
        // A person's office is no group: "Secretary of State John Kerry said".
        assert!(
            findings(
                "Secretary of State John Kerry said the talks would resume.",
                Code::VagueAttribution
            )
            .is_empty()
        );
    }

    #[test]
    fn one_finding_a_vague_phrase() {
        let f = findings(
            "Analysts expect growth of 2 percent. Traders expect a cut.",
            Code::VagueAttribution,
        );
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(
            f[0].1.starts_with("Vague source ('Analysts expect')"),
            "{}",
            f[0].1
        );
    }

    #[test]
    fn it_emerged_before_money_claimed_is_vague() {
        let f = findings(
            "The minister resigned after it emerged she claimed £11,000 in expenses.",
            Code::VagueAttribution,
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].1.starts_with("'it emerged' hides"), "{}", f[0].1);
    }

    #[test]
    fn tipped_and_widely_considered_hide_the_source() {
        for (text, phrase) in [
            (
                "Arsenal are widely tipped to mount a title challenge.",
                "widely tipped",
            ),
            ("The club is tipped to sign him.", "is tipped to"),
            (
                "It was what was widely considered a sham election.",
                "widely considered",
            ),
            // An agentless passive inside the phrase is the phrase.
            (
                "It was later revealed that the firm broke the law.",
                "It was later revealed",
            ),
            ("Priebus was said to be furious with Trump.", "was said to"),
        ] {
            let f = findings(text, Code::VagueAttribution);
            assert_eq!(f.len(), 1, "{text}: {f:?}");
            assert!(
                f[0].1.starts_with(&format!("'{phrase}' hides")),
                "{}",
                f[0].1
            );
        }
    }

    #[test]
    fn a_named_persons_hedge_is_theirs() {
        let text =
            "Judge David Bristow said a plot Marquez allegedly hatched was enough to hold him.";
        assert!(findings(text, Code::VagueAttribution).is_empty());
        // The story's own hedge is still flagged.
        let text = "Marquez allegedly hatched a plot, which was enough to hold him.";
        assert_eq!(findings(text, Code::VagueAttribution).len(), 1);
    }

    #[test]
    fn a_bodys_hedge_named_after_it_is_theirs() {
        let text = "The plant is expected to add £300m a year, according to a report by \
                    Cardiff University.";
        assert!(findings(text, Code::VagueAttribution).is_empty());
        // A body named before the hedge does not own it.
        let text = "The Republican Party's nominee, Trump, has won the support of millions, \
                    including views seen by some as hostile to migrants.";
        assert_eq!(findings(text, Code::VagueAttribution).len(), 1, "{text}");
    }

    #[test]
    fn a_relative_words_antecedent_is_no_vague_source() {
        for text in [
            "Democrats met on Monday. Democrats focused on what they said was the need to unite.",
            "The ruling was a setback for Trump, whose attorneys argued that it was wrong.",
        ] {
            let f = findings(text, Code::VagueAttribution);
            assert!(f.is_empty(), "{text}: {f:?}");
        }
    }

    #[test]
    fn a_named_persons_unnamed_camp_is_vague() {
        let f = findings(
            "Hillary Clinton spoke on Monday. Clinton's allies think that young voters do not know her record.",
            Code::VagueAttribution,
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].1.contains("Clinton's allies think"), "{}", f[0].1);
        // The person's own words are not vague.
        assert!(
            findings(
                "Hillary Clinton spoke on Monday. Clinton's aide said the plan would pass.",
                Code::VagueAttribution
            )
            .is_empty()
        );
    }

    #[test]
    fn named_sources_are_not_vague() {
        // "WHO" in capitals is the World Health Organization, not a relative pronoun.
        for named in [
            "Dmitry Peskov said the war could end.",
            "WHO say iodine deficiency is the most common preventable cause of brain damage.",
        ] {
            assert!(
                findings(named, Code::VagueAttribution).is_empty(),
                "{named}"
            );
        }
    }
}
