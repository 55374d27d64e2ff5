//! `unattributed-quote`: someone's words in quote marks, and no one said to have said them.

use super::Check;
use super::{finding, short};
use crate::analysis::{Analysis, Code, Doc, Finding, Quote, QuoteKind, SentenceKind, Severity};

/// The `unattributed-quote` check.
pub(crate) const CHECK: Check = Check {
    code: Code::UnattributedQuote,
    // Info: fewer than half of its findings were right on the dev sets (README, "How good").
    severity: Severity::Info,
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
        let inner = &doc.text[q.inner.start..q.inner.end];
        // A word or two in quote marks ("a 'lifeboat' for conservatives") is a phrase, the
        // scare-quote check's; a quotation is a clause.
        if q.kind == QuoteKind::Partial && inner.split_whitespace().count() < 4 {
            continue;
        }
        if document_before(doc, q) {
            // 'From the report: "..."', 'The letter reads: "..."': a document speaks.
            continue;
        }
        if looks_like_title(inner) || inner.contains(['<', '>']) {
            // A show's or a song's name, or a post's markup pasted into the story.
            continue;
        }
        if speaker_in_reach(doc, a, q, si) {
            // Someone the quote can be read as coming from is named or referred to right
            // there: the reporter's sentence has a subject ("He has directed ''...''"), or the
            // quote continues the speaker of the sentence before. The engine not binding the
            // quote is no reason to tell the reporter the speaker is missing.
            continue;
        }
        let words = short(inner, 50);
        out.push(finding(
            Code::UnattributedQuote,
            q.span,
            format!("Quote with no speaker: who said \"{words}\"? Name the speaker (\"..., she said.\") next to the quote."),
            Vec::new(),
        ));
    }
}

/// Whether a colon right before the quote follows a document ("From the report:", "The
/// transcript:", "the letter reads:") within four words.
fn document_before(doc: &Doc, q: &Quote) -> bool {
    let t = &doc.t;
    let mut open = q.tokens.start;
    while open > 0 && t.kind(open - 1) == crate::analysis::text::TokKind::Quote {
        open -= 1;
    }
    if open == 0 || !t.is_punct(open - 1, ":") {
        return false;
    }
    (open.saturating_sub(6)..open - 1).any(|k| {
        crate::analysis::lexicon::lists::EVIDENCE_NOUNS.contains(&t.lower(k))
            || matches!(
                t.lower(k),
                "statement" | "release" | "post" | "tweet" | "ruling"
            )
    })
}

/// Whether the quote's sentence, or the sentence before or after it, names a person or refers
/// to one (a personal pronoun, outside any quote), or the quote's own sentence has a named
/// subject of its own.
fn speaker_in_reach(doc: &Doc, a: &Analysis, q: &Quote, si: usize) -> bool {
    let lo = si.saturating_sub(1);
    let hi = (si + 1).min(a.sentences.len() - 1);
    let named = a
        .people
        .iter()
        .any(|p| p.mentions.iter().any(|m| (lo..=hi).contains(&m.sentence)));
    if named {
        return true;
    }
    let t = &doc.t;
    let toks = doc.sentences[lo].tokens.start..doc.sentences[hi].tokens.end;
    let quote = q.tokens.start.saturating_sub(1)..q.tokens.end + 1;
    let outside = |i: &usize| !doc.quoted[*i] && !quote.contains(i);
    if toks
        .clone()
        .filter(outside)
        .any(|i| PERSONAL.contains(&t.lower(i)))
    {
        return true;
    }
    // A sentence with a capitalised word of its own past the first: a subject the words can
    // be read as coming from ("The Rove ad hits Clinton for taking \"...\"").
    let own = doc.sentences[si].tokens.clone();
    own.clone().skip(1).filter(outside).any(|i| t.is_cap(i))
}

/// Personal pronouns that stand for a speaker.
const PERSONAL: &[&str] = &[
    "he", "her", "him", "his", "i", "me", "my", "she", "their", "them", "they", "we",
];

/// A short run of capitalised words ("The Nightly Show with Larry Wilmore."): a title, not
/// someone's words.
fn looks_like_title(inner: &str) -> bool {
    let words: Vec<&str> = inner.split_whitespace().collect();
    if words.is_empty() || words.len() > 8 {
        return false;
    }
    words
        .iter()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .all(|w| {
            w.trim_start_matches(|c: char| !c.is_alphanumeric())
                .starts_with(|c: char| c.is_uppercase())
        })
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
    fn a_phrase_or_a_document_quote_is_not() {
        for text in [
            "The group saw the option as a \"lifeboat\" for conservatives.",
            "The panels differ. From the report: \"Samples with more elaborate weighting produced more accurate results.\"",
        ] {
            assert!(findings(text, Code::UnattributedQuote).is_empty(), "{text}");
        }
    }

    #[test]
    fn attributed_and_carried_quotes_are_not() {
        let text = "\"We will never give up,\" Mayor Jane Smith said. \"Not one street.\"";
        assert!(findings(text, Code::UnattributedQuote).is_empty());
    }

    #[test]
    fn a_speaker_in_reach_or_a_title_is_not_flagged() {
        for text in [
            "Mayor Jane Smith spoke for an hour. \"We will never give up on this city.\"",
            "She took the stage again. \"Here is what I regret.\"",
            "The Rove ad hits Jones for taking \"far more money from banks than from voters\" in the state.",
            "He now hosts \"The Late Show with Larry Smith.\"",
        ] {
            assert!(findings(text, Code::UnattributedQuote).is_empty(), "{text}");
        }
    }
}
