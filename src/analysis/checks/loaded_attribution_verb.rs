//! `loaded-attribution-verb`: "claimed", "admitted", "insisted", "conceded"... judge the speaker;
//! "said" is neutral.

use super::{QuoteIndex, finding};
use crate::analysis::lexicon::CueClass;
use crate::analysis::{Analysis, Code, Doc, Finding};

fn implies(lemma: &str) -> &'static str {
    match lemma {
        "claim" => "casts doubt on what was said",
        "admit" | "confess" | "concede" => "implies the speaker owned up to a fault",
        "insist" => "suggests the speaker is defensive",
        "boast" | "brag" => "mocks the speaker",
        _ => "colours the speaker's words",
    }
}

pub fn check(doc: &Doc, a: &Analysis, out: &mut Vec<Finding>) {
    let quotes = QuoteIndex::new(&a.quotes);
    for at in a
        .attributions
        .iter()
        .filter(|x| x.class == CueClass::Loaded)
    {
        if quotes.holding(at.cue).next().is_some() {
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

#[cfg(test)]
mod tests {
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
            "The group claimed responsibility. She was admitted to hospital.",
            Code::LoadedAttributionVerb,
        );
        assert!(f.is_empty(), "{f:?}");
    }
}
