//! `anonymous-source`: an unnamed source without the description AP asks for (why anonymity was
//! granted, how the source knows).

use super::Check;
use super::{finding, short};
use crate::analysis::text::TokKind;
use crate::analysis::{Analysis, Attribution, Code, Doc, Finding, Severity, SourceKind, Span};

/// The `anonymous-source` check.
pub(crate) const CHECK: Check = Check {
    code: Code::AnonymousSource,
    // Info: fewer than half of its findings were right on the dev sets (README, "How good").
    severity: Severity::Info,
    summary: "an unnamed source without the description AP asks for",
    run,
    fixes: super::no_fixes,
    file: file!(),
};

/// Whether the source `src` ("The employee") is a definite description whose head noun the story
/// used before it: it points back to someone introduced earlier ("a State Department employee
/// ..."), where the description belongs, and is flagged there if anywhere.
fn refers_back(text: &str, src: crate::analysis::Span) -> bool {
    let phrase = &text[src.start..src.end];
    let Some(rest) = phrase
        .strip_prefix("The ")
        .or_else(|| phrase.strip_prefix("the "))
    else {
        return false;
    };
    let head = rest.rsplit(' ').next().unwrap_or(rest);
    if head.len() < 3 {
        return false;
    }
    let before = &text[..src.start];
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    before.match_indices(head).any(|(k, _)| {
        !is_word(before[..k].chars().next_back())
            && !is_word(before[k + head.len()..].chars().next())
    })
}

/// Whether the bare spokesperson `at` ("A spokeswoman said") speaks for a named body that an
/// attribution earlier in its own sentence, or in the sentence before it in its paragraph,
/// quoted: "The Food and Drink Federation said ... A spokeswoman said: ..." is the
/// federation's word on the record.
fn speaks_for_body_before(doc: &Doc, a: &Analysis, at: &Attribution, src: Span) -> bool {
    let phrase = doc.text[src.start..src.end].to_ascii_lowercase();
    let mut words = phrase.split(' ');
    let bare = matches!(
        (words.next(), words.next(), words.next()),
        (
            Some("a" | "the"),
            Some("spokesman" | "spokeswoman" | "spokesperson"),
            None
        )
    );
    if !bare {
        return false;
    }
    let para = doc.sentences[at.sentence].paragraph;
    let near = |si: usize| {
        si == at.sentence || si + 1 == at.sentence && doc.sentences[si].paragraph == para
    };
    // Attributions are in document order: only the two sentences' own are looked at.
    let first = a
        .attributions
        .partition_point(|b| b.sentence + 1 < at.sentence);
    a.attributions[first..]
        .iter()
        .take_while(|b| b.sentence <= at.sentence)
        .any(|b| {
            b.kind == SourceKind::Organisation
                && b.source.is_some_and(|s| s.end <= src.start)
                && near(b.sentence)
        })
}

/// Whether the source `src` is the object of a preposition that makes it the story's subject,
/// not its source: "a setback for a leader who had predicted a landslide", "the story of a man
/// who claimed ...". ("according to a source", "by a source", "from a source" stay sources.)
fn object_of_preposition(doc: &Doc, src: Span) -> bool {
    const PREPOSITIONS: &[&str] = &[
        "about", "against", "at", "for", "into", "like", "of", "on", "over", "than",
    ];
    let before = doc.text[..src.start].trim_end();
    let word = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    PREPOSITIONS.contains(&word.to_ascii_lowercase().as_str())
}

/// Whether the unnamed source of sentence `si` is named in the next sentence, as a lede's
/// delayed identification does: "A former banker accused of fraud told a jury ... Nicholas
/// Reed, 52, denies 14 counts". The next sentence opens with a person's first mention, then
/// a comma, an age and a comma.
fn named_next(doc: &Doc, a: &Analysis, si: usize) -> bool {
    let Some(next) = doc.sentences.get(si + 1) else {
        return false;
    };
    let Some(opening) = next
        .tokens
        .clone()
        .find(|&k| doc.t.kind(k) == TokKind::Word)
        .map(|k| doc.t.toks[k].span().start)
    else {
        return false;
    };
    a.people.iter().any(|p| {
        p.mentions.first().is_some_and(|m| {
            m.sentence == si + 1 && m.span.start == opening && {
                let rest = doc.text[m.span.end..].trim_start();
                // The age is set off by commas, as the sentence goes on ("Reed, 52, from
                // Surrey, denies"); a caption's "Geert Supré, 56." names someone else.
                rest.strip_prefix(',').is_some_and(|r| {
                    let r = r.trim_start().as_bytes();
                    r.len() > 2 && r[..2].iter().all(u8::is_ascii_digit) && r[2] == b','
                })
            }
        })
    })
}

fn run(doc: &Doc, a: &Analysis, out: &mut Vec<Finding>) {
    // One finding a source phrase, however many verbs it has ("One poster admitted ...,
    // writing ...").
    let mut flagged: Vec<crate::analysis::Span> = Vec::new();
    for at in a
        .attributions
        .iter()
        .filter(|x| x.kind == SourceKind::Anonymous && !x.described)
    {
        let Some(src) = at.source else { continue };
        // "a minister who had hoped to ..." is no one's source.
        if super::is_aim(doc, at)
            || refers_back(doc.text, src)
            || flagged.contains(&src)
            || speaks_for_body_before(doc, a, at, src)
            || object_of_preposition(doc, src)
            || named_next(doc, a, at.sentence)
        {
            continue;
        }
        flagged.push(src);
        let who = short(&doc.text[src.start..src.end], 40);
        out.push(finding(
            Code::AnonymousSource,
            src,
            [
                "Unnamed source ('",
                &who,
                "'): say how they know and why they are not named (\"who was not authorized to speak publicly\").",
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
    fn bare_anonymous_source_is_flagged() {
        let f = findings("A source said the plan failed.", Code::AnonymousSource);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].0, "A source");
    }

    #[test]
    fn office_holders_are_not_anonymous_but_unnamed_staff_are() {
        for named in [
            "The prime minister said the plan failed.",
            "The foreign minister said the plan failed.",
            "A Justice Department spokeswoman said the plan failed.",
            "A woman later identified as Eva Resnick said the plan failed.",
            // A spokesperson whose principal the phrase names speaks for it on the record.
            "The prime minister's official spokesman said the plan failed.",
            "A campaign spokeswoman said the plan failed.",
        ] {
            assert!(findings(named, Code::AnonymousSource).is_empty(), "{named}");
        }
        for unnamed in [
            "One trader said the plan failed.",
            "A UK government official said the plan failed.",
            "The official said the plan failed.",
            "A spokesman said the plan failed.",
        ] {
            assert_eq!(
                findings(unnamed, Code::AnonymousSource).len(),
                1,
                "{unnamed}"
            );
        }
    }

    #[test]
    fn a_reason_for_anonymity_describes_the_source() {
        for described in [
            "One woman, who did not want to be named, said she saw a man running.",
            "A resident who refused to be named said the fire spread fast.",
            "An aide, who was not authorised to comment, said the talks had stalled.",
            "A carer, who cannot be named for legal reasons, said she raised concerns.",
        ] {
            let f = findings(described, Code::AnonymousSource);
            assert!(f.is_empty(), "{described}: {f:?}");
        }
    }

    #[test]
    fn a_spokesperson_after_a_named_body_speaks_for_it() {
        let text = "The Food and Drink Federation said it was wrong. \
                    A spokeswoman said: \"Processed foods play a role.\"";
        assert!(findings(text, Code::AnonymousSource).is_empty());
        // In a new paragraph, or after a person, the spokesperson is anyone's.
        let text = "The Food and Drink Federation said it was wrong.\n\n\
                    A spokeswoman said the plan had failed.";
        assert_eq!(findings(text, Code::AnonymousSource).len(), 1);
        let text = "Tom Hill said it was wrong. A spokeswoman said the plan had failed.";
        assert_eq!(findings(text, Code::AnonymousSource).len(), 1);
    }

    #[test]
    fn a_definite_description_of_someone_introduced_earlier_is_not_flagged_again() {
        let text = "A State Department employee deleted the archive. \
                    The employee said he did not recall the deletions.";
        let f = findings(text, Code::AnonymousSource);
        assert!(f.is_empty(), "{f:?}");
        let text = "An official said the plan failed. The official added that it cost $2 million.";
        let f = findings(text, Code::AnonymousSource);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, "An official");
        // Two verbs, one source: one finding.
        let text = "One poster admitted to the attack, writing that it was easy.";
        assert_eq!(findings(text, Code::AnonymousSource).len(), 1);
    }

    #[test]
    fn someone_with_an_aim_is_no_source() {
        for text in [
            "It was a blow for a minister who had hoped to make schools the centrepiece.",
            "One member wants to vote against the resolution.",
        ] {
            let f = findings(text, Code::AnonymousSource);
            assert!(f.is_empty(), "{text}: {f:?}");
        }
        // One who hopes that something is so holds a view, and is a source.
        let text = "One trader hopes that the bank will cut rates.";
        assert_eq!(findings(text, Code::AnonymousSource).len(), 1, "{text}");
    }

    #[test]
    fn the_object_of_a_preposition_is_the_story_not_its_source() {
        let text = "It was a surprise setback for a leader who had predicted a landslide.";
        let f = findings(text, Code::AnonymousSource);
        assert!(f.is_empty(), "{f:?}");
        for text in [
            "The plan failed, according to a source.",
            "The plan was criticised by a minister who said it would fail.",
        ] {
            assert_eq!(findings(text, Code::AnonymousSource).len(), 1, "{text}");
        }
    }

    #[test]
    fn a_source_named_with_an_age_in_the_next_sentence_is_identified() {
        let text = "A former banker accused of fraud told a jury he was a scapegoat.\n\n\
                    Nicholas Reed, 52, from Surrey, denies 14 counts of fraud.";
        let f = findings(text, Code::AnonymousSource);
        assert!(f.is_empty(), "{f:?}");
        // Someone else named next, with no age, leaves the source unnamed.
        let text = "An official said the plan failed. John Smith, the minister, denied it.";
        assert_eq!(findings(text, Code::AnonymousSource).len(), 1);
        // A caption line's name and age is someone else.
        let text = "He was kind, an airport official told reporters.\n\nGeert Supre, 56.";
        assert_eq!(findings(text, Code::AnonymousSource).len(), 1);
    }

    #[test]
    fn described_source_is_not() {
        let text = "A senior official who asked not to be named said the plan failed.";
        assert!(findings(text, Code::AnonymousSource).is_empty());
    }
}
