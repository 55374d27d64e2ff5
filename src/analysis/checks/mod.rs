//! Findings: one module per finding code, each named after its code, each with its tests.
//!
//! A check reads the finished [`Analysis`] (and the document's tokens) and adds findings with the
//! code's default severity; [`run`] drops the codes the settings switch off, applies the user's
//! severities and sorts the findings into document order.

mod anonymous_source;
mod editorializing;
mod first_reference;
mod loaded_attribution_verb;
mod name_variant;
mod scare_quote;
mod unattributed_claim;
mod unattributed_quote;
mod unknown_source;
mod unused_source;
mod vague_attribution;

use crate::analysis::index::SpanIndex;
use crate::analysis::{Analysis, Code, Doc, Finding, Quote, Related, Span};

/// The quotes of a document, indexed by span (see [`SpanIndex`]).
pub(crate) struct QuoteIndex<'a> {
    quotes: &'a [Quote],
    spans: SpanIndex,
}

impl<'a> QuoteIndex<'a> {
    pub(crate) fn new(quotes: &'a [Quote]) -> QuoteIndex<'a> {
        QuoteIndex {
            quotes,
            spans: SpanIndex::new(quotes.iter().map(|q| q.span).enumerate()),
        }
    }

    /// The quotes whose span contains `span`.
    pub(crate) fn holding(&self, span: Span) -> impl Iterator<Item = &'a Quote> + '_ {
        self.spans.holding(span).map(|k| &self.quotes[k])
    }
}

/// Shortens `s` to about `max` characters on a word boundary, for messages.
pub(crate) fn short(s: &str, max: usize) -> String {
    // Most phrases are short ASCII with single spaces between words: those are their own
    // shortening (a byte is a character, and no whitespace needs folding).
    let b = s.as_bytes();
    if b.len() <= max
        && b.first().is_none_or(|&c| c != b' ')
        && b.last().is_none_or(|&c| c != b' ')
        && b.iter()
            .all(|&c| c.is_ascii() && !matches!(c, b'\t'..=b'\r'))
        && !b.windows(2).any(|w| w == b"  ")
    {
        return s.to_string();
    }
    // Built in place: this runs for every claim message of a long story.
    let mut out = String::with_capacity(s.len() + 3);
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    let Some((at, next)) = out.char_indices().nth(max) else {
        return out;
    };
    let mut cut = &out[..at];
    if next != ' ' {
        cut = cut.rsplit_once(' ').map_or(cut, |(a, _)| a);
    }
    let keep = cut.trim_end_matches([',', ';', ':']).len();
    out.truncate(keep);
    out.push('…');
    out
}

pub(crate) fn finding(code: Code, span: Span, message: String, related: Vec<Related>) -> Finding {
    Finding {
        code,
        severity: code.default_severity(),
        message,
        span,
        related,
    }
}

type Check = fn(&Doc, &Analysis, &mut Vec<Finding>);

const CHECKS: [(Code, Check); 11] = [
    (Code::UnattributedClaim, unattributed_claim::check),
    (Code::UnattributedQuote, unattributed_quote::check),
    (Code::VagueAttribution, vague_attribution::check),
    (Code::AnonymousSource, anonymous_source::check),
    (Code::LoadedAttributionVerb, loaded_attribution_verb::check),
    (Code::ScareQuote, scare_quote::check),
    (Code::Editorializing, editorializing::check),
    (Code::FirstReference, first_reference::check),
    (Code::NameVariant, name_variant::check),
    (Code::UnknownSource, unknown_source::check),
    (Code::UnusedSource, unused_source::check),
];

/// Runs every enabled check.
pub fn run(doc: &Doc, a: &Analysis) -> Vec<Finding> {
    let settings = doc.lex.settings;
    let mut out = Vec::with_capacity(a.claims.len() + a.attributions.len() / 2 + 8);
    for (code, check) in CHECKS {
        if !settings.enabled(code) {
            continue;
        }
        let from = out.len();
        check(doc, a, &mut out);
        for f in &mut out[from..] {
            debug_assert_eq!(f.code, code, "a check emits only its own code");
            f.severity = settings.severity(code);
        }
    }
    // Ignore markers silence their codes in the sentence before them.
    for m in &a.ignores {
        let Some(si) = a
            .sentences
            .partition_point(|s| s.span.start <= m.span.start)
            .checked_sub(1)
        else {
            continue;
        };
        let sentence = a.sentences[si].span;
        out.retain(|f| !(m.codes.contains(&f.code) && f.span.overlaps(&sentence)));
    }
    out.sort_by_key(|x| (x.span.start, x.span.end, x.code));
    out
}

#[cfg(test)]
pub(crate) mod test_util {
    use crate::analysis::{Code, DocKind, Settings, analyze};

    /// The findings of `code` in `text`, as (covered text, message).
    pub fn findings(text: &str, code: Code) -> Vec<(String, String)> {
        let a = analyze(text, DocKind::Text, &Settings::default());
        a.findings
            .iter()
            .filter(|f| f.code == code)
            .map(|f| {
                (
                    text[f.span.start..f.span.end].to_string(),
                    f.message.clone(),
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{DocKind, Settings, Severity, analyze};

    #[test]
    fn ignore_markers_silence_their_codes_in_the_sentence_before() {
        let md = "Prices will likely rise. <!-- copydesk-ignore unattributed-claim -->\n\nSales could fall sharply next year.\n";
        let a = analyze(md, DocKind::Markdown, &Settings::default());
        let f: Vec<&str> = a
            .findings
            .iter()
            .filter(|f| f.code == Code::UnattributedClaim)
            .map(|f| &md[f.span.start..f.span.end])
            .collect();
        assert_eq!(f, ["Sales could fall sharply next year."]);
        let txt = "Prices will likely rise. [copydesk-ignore unattributed-claim]\n\nSales could fall sharply next year.\n";
        let a = analyze(txt, DocKind::Text, &Settings::default());
        assert_eq!(
            a.findings
                .iter()
                .filter(|f| f.code == Code::UnattributedClaim)
                .count(),
            1
        );
    }

    #[test]
    fn citations_source_their_sentence() {
        for (text, kind) in [
            ("Prices will likely rise [@imf2025].\n", DocKind::Markdown),
            (
                "Prices will likely rise.[^1]\n\n[^1]: IMF.\n",
                DocKind::Markdown,
            ),
            (
                "Prices will likely rise, [the IMF says](https://example.org).\n",
                DocKind::Markdown,
            ),
            (
                "Prices will likely rise (Source: IMF, 2025).\n",
                DocKind::Text,
            ),
        ] {
            let a = analyze(text, kind, &Settings::default());
            assert!(
                !a.findings.iter().any(|f| f.code == Code::UnattributedClaim),
                "{text}: {:?}",
                a.findings
            );
        }
    }

    #[test]
    fn short_cuts_on_words() {
        assert_eq!(short("tens of thousands", 40), "tens of thousands");
        assert_eq!(
            short("a lengthy and highly productive phone call", 20),
            "a lengthy and highly…"
        );
    }

    /// The first version of `short` (collect, join, cut), which the in-place one must match.
    fn short_reference(s: &str, max: usize) -> String {
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.chars().count() <= max {
            return s;
        }
        let cut: String = s.chars().take(max).collect();
        let at_word_end = s.chars().nth(max) == Some(' ');
        let cut = if at_word_end {
            cut.as_str()
        } else {
            cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a)
        };
        format!("{}…", cut.trim_end_matches([',', ';', ':']))
    }

    proptest::proptest! {
        #[test]
        fn short_matches_its_reference(s in "[a-c ,;:\t\n\u{b}\u{c}\r\u{e9}\u{2003}]{0,60}", max in 0usize..70) {
            proptest::prop_assert_eq!(short(&s, max), short_reference(&s, max));
        }
    }

    #[test]
    fn settings_switch_codes_off_and_change_severity() {
        let text = "The talks offer a glimmer of hope, experts say.";
        let all = analyze(text, DocKind::Text, &Settings::default());
        assert!(all.findings.iter().any(|f| f.code == Code::Editorializing));
        let s = Settings {
            disabled: vec![Code::Editorializing],
            severities: vec![(Code::VagueAttribution, Severity::Error)],
            ..Settings::default()
        };
        let some = analyze(text, DocKind::Text, &s);
        assert!(!some.findings.iter().any(|f| f.code == Code::Editorializing));
        let v = some
            .findings
            .iter()
            .find(|f| f.code == Code::VagueAttribution)
            .unwrap();
        assert_eq!(v.severity, Severity::Error);
    }
}
