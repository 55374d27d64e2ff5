//! `loaded-attribution-verb`: "claimed", "admitted", "insisted", "conceded"... judge the speaker;
//! "said" is neutral.

use super::{Check, Fix, FixContext};
use super::{QuoteIndex, finding};
use crate::analysis::lexicon::CueClass;
use crate::analysis::{Analysis, Code, Doc, Finding, Severity};

fn implies(lemma: &str) -> &'static str {
    match lemma {
        "claim" => "casts doubt on what was said",
        "admit" | "confess" | "concede" => "implies the speaker owned up to a fault",
        "insist" => "suggests the speaker is defensive",
        "boast" | "brag" => "mocks the speaker",
        _ => "colours the speaker's words",
    }
}

/// The `loaded-attribution-verb` check.
pub(crate) const CHECK: Check = Check {
    code: Code::LoadedAttributionVerb,
    severity: Severity::Warning,
    summary: "an attribution verb that judges the speaker",
    run,
    fixes,
    file: file!(),
};

/// Whether "admitted" or "confessed" at `cue` takes a fault or a charge as its object, where
/// owning up is what happened and "said" would be wrong: "admitted breaching health and safety
/// law", "admitted two counts of fraud", "confessed to the killing", "admitted liability".
fn owns_a_fault(text: &str, lemma: &str, cue: crate::analysis::Span) -> bool {
    const FAULTS: &[&str] = &[
        "assault",
        "charge",
        "charges",
        "count",
        "counts",
        "crime",
        "crimes",
        "fault",
        "guilt",
        "killing",
        "liability",
        "manslaughter",
        "murder",
        "negligence",
        "offence",
        "offences",
        "offense",
        "offenses",
        "responsibility",
        "theft",
        "wrongdoing",
    ];
    if !matches!(lemma, "admit" | "confess") {
        return false;
    }
    let clause = text[cue.end..]
        .split(['.', ',', ';', ':', '!', '?', '"', '\u{201c}', '\n'])
        .next()
        .unwrap_or("");
    let words: Vec<&str> = clause
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .take(4)
        .collect();
    let mut rest = words.as_slice();
    while let [w, tail @ ..] = rest
        && (matches!(
            *w,
            "to" | "the" | "a" | "an" | "his" | "her" | "their" | "its"
        ) || w.bytes().all(|b| b.is_ascii_digit())
            || matches!(
                *w,
                "one" | "two" | "three" | "four" | "five" | "six" | "several"
            ))
    {
        rest = tail;
    }
    rest.first().is_some_and(|w| {
        let w = w.to_ascii_lowercase();
        FAULTS.contains(&w.as_str())
            || w.len() > 5
                && w.ends_with("ing")
                && !matches!(
                    w.as_str(),
                    "saying" | "during" | "following" | "including" | "regarding" | "concerning"
                )
    })
}

fn run(doc: &Doc, a: &Analysis, out: &mut Vec<Finding>) {
    let quotes = QuoteIndex::new(&a.quotes);
    for at in a
        .attributions
        .iter()
        .filter(|x| x.class == CueClass::Loaded)
    {
        if quotes.holding(at.cue).next().is_some() || owns_a_fault(doc.text, at.lemma, at.cue) {
            continue;
        }
        let verb = &doc.text[at.cue.start..at.cue.end];
        out.push(finding(
            Code::LoadedAttributionVerb,
            at.cue,
            ["'", verb, "' ", implies(at.lemma), "; 'said' is neutral."].concat(),
            Vec::new(),
        ));
    }
}

/// Replace the loaded verb with "said" in the same tense and case.
fn fixes(cx: &FixContext, f: &Finding, out: &mut Vec<Fix>) {
    let word = &cx.text[f.span.start..f.span.end];
    let said = neutral_verb(word);
    out.push(
        Fix::new(
            format!("Replace '{word}' with '{said}'"),
            vec![(f.span, said)],
        )
        .preferred(),
    );
}

/// "said" in the tense and case of `word` ("Claims" → "Says", "insisting" → "saying").
fn neutral_verb(word: &str) -> String {
    let l = word.to_lowercase();
    let said = if l.ends_with("ing") {
        "saying"
    } else if l.ends_with("ed") || matches!(l.as_str(), "brought" | "thought") {
        "said"
    } else if l.ends_with('s') {
        "says"
    } else {
        "say"
    };
    if word.chars().next().is_some_and(char::is_uppercase) {
        let mut c = said.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    } else {
        said.to_string()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn neutral_verbs_keep_tense_and_case() {
        use super::neutral_verb;
        assert_eq!(neutral_verb("conceded"), "said");
        assert_eq!(neutral_verb("Claims"), "Says");
        assert_eq!(neutral_verb("insisting"), "saying");
        assert_eq!(neutral_verb("admit"), "say");
    }

    use crate::analysis::Code;
    use crate::analysis::checks::test_util::findings;

    #[test]
    fn conceded_and_claimed_are_flagged() {
        let f = findings(
            "Trump conceded that the goal was improbable. Peskov claimed that talks began.",
            Code::LoadedAttributionVerb,
        );
        let words: Vec<&str> = f.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(words, ["conceded", "claimed"]);
        assert!(f[0].1.contains("'said' is neutral"));
    }

    #[test]
    fn non_speech_uses_are_not() {
        let f = findings(
            "The group claimed responsibility. She was admitted to hospital. She claimed \
             more than £11,000 in expenses. He claimed for rent on a flat.",
            Code::LoadedAttributionVerb,
        );
        assert!(f.is_empty(), "{f:?}");
        let f = findings(
            "He has claimed for years that the vote was rigged. Organisers claimed nearly 400 \
             delegates took part.",
            Code::LoadedAttributionVerb,
        );
        assert_eq!(f.len(), 2, "{f:?}");
    }

    #[test]
    fn owning_up_to_a_fault_or_a_charge_is_admitting() {
        for text in [
            "P&O Ferries admitted breaching health and safety law.",
            "He admitted two counts of fraud at Leeds Crown Court.",
            "She confessed to the killing in 2019.",
            "The firm admitted liability last year.",
        ] {
            let f = findings(text, Code::LoadedAttributionVerb);
            assert!(f.is_empty(), "{text}: {f:?}");
        }
        let f = findings(
            "The minister admitted that the target would be missed. \"It is hard,\" Murphy \
             admitted during an interview.",
            Code::LoadedAttributionVerb,
        );
        assert_eq!(f.len(), 2, "{f:?}");
    }
}
