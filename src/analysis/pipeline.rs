//! The pipeline: runs the stages in order over one document, asking a [`Provider`] for the
//! per-piece results it may already hold (the incremental memo is one; a whole analysis has
//! none), then the document-level passes.

use std::ops::Range;

use crate::analysis::attribution::CueMemo;
use crate::analysis::citations;
use crate::analysis::doc::{BlockStructure, Doc, Locals, block_structure};
use crate::analysis::lexicon::{CueClass, Lex};
use crate::analysis::model::*;
use crate::analysis::people::CandidateMemo;
use crate::analysis::quotes::QuoteMemo;
use crate::analysis::text::Tokens;
use crate::analysis::{attribution, checks, claims, facts, markdown, people, quotes, text};

/// What the pipeline asks of a provider of per-piece results: the tokens of each line, the
/// structure of each paragraph, the claim-local facts of each sentence, and (through the
/// stages' own traits) each paragraph's quotes and each sentence's candidates and cues. The
/// incremental memo ([`crate::analysis::incremental`]) is the one provider; a whole analysis
/// has none and computes every piece. No stage knows the memo: each asks its own trait.
pub(crate) trait Provider: QuoteMemo + CandidateMemo + CueMemo {
    /// The tokens of `prose` (the first question of an analysis: the provider also compares
    /// the text with the last one here).
    fn tokenize(&mut self, prose: &str) -> Tokens;
    /// The line starts of `prose`, as the tokenizer will cut it.
    fn line_starts(&mut self, prose: &str) -> &[usize];
    /// The structure of the paragraph whose tokens are `r` (block `pi`): kept, or `fresh()`'s.
    fn block(
        &mut self,
        t: &Tokens,
        r: Range<usize>,
        pi: usize,
        heading: bool,
        fresh: &mut dyn FnMut() -> BlockStructure,
    ) -> &BlockStructure;
    /// The document's paragraphs and sentences, once they are known.
    fn structure(&mut self, doc: &Doc);
    /// The claim-local facts of every sentence (`doc.quoted` is filled).
    fn locals(&mut self, doc: &Doc) -> Vec<std::sync::Arc<facts::Local>>;
    /// The tokens of the analysis just made, handed back at its end.
    fn keep_tokens(&mut self, t: Tokens);
}

/// The provider, borrowed for one stage (the trait object's lifetime shortened with it).
fn re<'s>(memo: &'s mut Option<&mut dyn Provider>) -> Option<&'s mut dyn Provider> {
    match memo {
        Some(m) => Some(&mut **m),
        None => None,
    }
}

pub(crate) fn build_doc<'a>(
    text: &'a str,
    blocks: Vec<text::RawBlock>,
    lex: Lex<'a>,
    memo: &mut Option<&mut dyn Provider>,
) -> Doc<'a> {
    let t = match memo {
        Some(m) => m.tokenize(text),
        None => text::tokenize(text),
    };
    let mut paragraphs = Vec::with_capacity(blocks.len());
    // Capacities from typical news prose (about 22 tokens a sentence), so that the long lists
    // of a long story are not copied as they grow; `Analysis::shrink` trims what is kept.
    let mut sentences = Vec::with_capacity(t.len() / 16 + 1);
    let mut sentence_of = vec![u32::MAX; t.len()];
    // Blocks come in text order and no token spans the blank between two: a block's tokens are
    // searched for from the last block's end (from the start, should a block ever overlap the
    // last).
    let (mut e, mut last_end) = (0, 0);
    for (pi, b) in blocks.iter().enumerate() {
        let from = if b.span.start >= last_end { e } else { 0 };
        let s = t.starting_at(from, b.span.start);
        e = t.ending_after(s, b.span.end);
        last_end = b.span.end;
        if s >= e {
            continue;
        }
        let index = paragraphs.len();
        let first = sentences.len();
        let owned;
        let structure: &BlockStructure = match memo {
            Some(m) => m.block(&t, s..e, pi, b.heading, &mut || {
                block_structure(text, &t, s..e, pi, b.heading).moved(s, 0)
            }),
            None => {
                owned = block_structure(text, &t, s..e, pi, b.heading).moved(s, 0);
                &owned
            }
        };
        let kind = structure.kind;
        for (r, skind) in &structure.sentences {
            let r = r.start + s..r.end + s;
            let si = sentences.len() as u32;
            for x in r.clone() {
                sentence_of[x] = si;
            }
            sentences.push(Sentence {
                span: Span::new(
                    t.toks[r.start].start as usize,
                    t.toks[r.end - 1].end as usize,
                ),
                kind: *skind,
                paragraph: index,
                tokens: r,
            });
        }
        paragraphs.push(Paragraph {
            span: Span::new(t.toks[s].start as usize, t.toks[e - 1].end as usize),
            kind,
            sentences: first..sentences.len(),
        });
    }
    let doc = Doc {
        text,
        t,
        lex,
        paragraphs,
        sentences,
        sentence_of,
        quoted: Vec::new(),
        locals: Locals::Owned(Vec::new()),
    };
    if let Some(m) = memo {
        m.structure(&doc);
    }
    doc
}

/// What the engine finds besides prose: citations, footnote definitions, ignore markers.
struct Extras {
    citations: Vec<citations::Citation>,
    footnote_defs: Vec<String>,
    ignores: Vec<citations::IgnoreMarker>,
}

/// Analyses one document.
pub fn analyze(text: &str, kind: DocKind, settings: &Settings) -> Analysis {
    analyze_with(text, kind, settings, None)
}

/// [`analyze`], taking what it can from a per-paragraph memo when one is given (the
/// incremental analysis).
pub(crate) fn analyze_with(
    text: &str,
    kind: DocKind,
    settings: &Settings,
    mut memo: Option<&mut dyn Provider>,
) -> Analysis {
    let lex = Lex::new(settings);
    let word = settings.ignore_word();
    match kind {
        DocKind::Text => {
            let ignores = citations::ignore_markers(text, word, false);
            let extras = Extras {
                citations: citations::find(text, None),
                footnote_defs: Vec::new(),
                ignores,
            };
            // Markers are not prose: blank them (offsets stay).
            let masked: std::borrow::Cow<str> = if extras.ignores.is_empty() {
                text.into()
            } else {
                let mut b = text.as_bytes().to_vec();
                for m in &extras.ignores {
                    for x in &mut b[m.span.start..m.span.end] {
                        if *x != b'\n' {
                            *x = b' ';
                        }
                    }
                }
                String::from_utf8(b).map_or(text.into(), Into::into)
            };
            let blocks = match memo.as_deref_mut() {
                // Found from the line starts the incremental tokenizer cuts the text at.
                Some(m) => text::plain_blocks_at(&masked, m.line_starts(&masked)),
                None => text::plain_blocks(&masked),
            };
            let doc = build_doc(&masked, blocks, lex, &mut memo);
            run(doc, extras, memo)
        }
        DocKind::Markdown => {
            let p = markdown::prose(text);
            let extras = Extras {
                citations: citations::find(text, Some(&p)),
                footnote_defs: p.footnote_defs.clone(),
                ignores: citations::ignore_markers(text, word, true),
            };
            let blocks = p
                .blocks
                .iter()
                .map(|b| text::RawBlock {
                    span: b.span,
                    heading: b.heading,
                })
                .collect();
            let doc = build_doc(&p.masked, blocks, lex, &mut memo);
            run(doc, extras, memo)
        }
    }
}

/// The sentence a citation or marker at `pos` belongs to: the one holding it, else the last one
/// that starts before it (`Prices fell.[^1]` cites for "Prices fell.").
fn sentence_before(sentences: &[Sentence], pos: usize) -> Option<usize> {
    sentences
        .partition_point(|s| s.span.start <= pos)
        .checked_sub(1)
}

/// The claim-local facts of sentences `r` (see [`facts::Local`]).
fn sentence_locals(doc: &Doc, r: Range<usize>) -> Vec<facts::Local> {
    doc.sentences[r]
        .iter()
        .map(|s| facts::Local::of(&doc.t, &doc.lex.base.opinion, &s.tokens, &doc.quoted))
        .collect()
}

/// The quote marks of the document's paragraphs.
fn quote_marks(doc: &Doc, memo: Option<&mut dyn Provider>) -> Vec<quotes::QuoteMark> {
    let para_ranges: Vec<Range<usize>> = doc
        .paragraphs
        .iter()
        .map(|p| {
            doc.sentences[p.sentences.start].tokens.start
                ..doc.sentences[p.sentences.end - 1].tokens.end
        })
        .collect();
    quotes::find_with(doc.text, &doc.t, &para_ranges, memo.map(|m| m as _))
}

fn run(mut doc: Doc<'_>, extras: Extras, mut memo: Option<&mut dyn Provider>) -> Analysis {
    let (mut a, sources) = before_claims(&mut doc, extras, re(&mut memo));
    a.claims = claims::find(&doc, &a, &sources);
    a.findings = checks::run(&doc, &a);
    a.shrink();
    if let Some(m) = memo {
        m.keep_tokens(std::mem::take(&mut doc.t));
    }
    a
}

/// Claims' sources by sentence (see [`attribution::Found::sentence_sources`]).
type Sources = Vec<Option<(ClaimStatus, usize)>>;

/// Every stage before the claims: quotes, people, attributions (citations among them), and the
/// sentences' claim-local facts.
fn before_claims(
    doc: &mut Doc<'_>,
    extras: Extras,
    mut memo: Option<&mut dyn Provider>,
) -> (Analysis, Sources) {
    let marks = quote_marks(doc, re(&mut memo));
    let people = people::find(doc, &marks, re(&mut memo).map(|m| m as _));
    let mut attrs = attribution::find(doc, &marks, &people, re(&mut memo).map(|m| m as _));
    // A sentence that cites a source is sourced.
    for c in &extras.citations {
        let Some(si) = sentence_before(&doc.sentences, c.span.start) else {
            continue;
        };
        attrs.attributions.push(Attribution {
            cue: c.span,
            class: CueClass::Evidence,
            lemma: "cite",
            source: None,
            content: smallvec::smallvec![doc.sentences[si].span],
            person: None,
            kind: SourceKind::Organisation,
            described: false,
            sentence: si,
        });
        let ai = attrs.attributions.len() - 1;
        if attrs.sentence_sources[si].is_none_or(|(st, _)| st != ClaimStatus::Attributed) {
            attrs.sentence_sources[si] = Some((ClaimStatus::Attributed, ai));
        }
    }
    // Keep attributions in document order (later stages rely on it), and every index into them
    // pointing at the same attribution.
    let mut order: Vec<usize> = (0..attrs.attributions.len()).collect();
    order.sort_by_key(|&i| {
        (
            attrs.attributions[i].sentence,
            attrs.attributions[i].cue.start,
        )
    });
    let mut new_index = vec![0; order.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    if order.iter().enumerate().any(|(new, &old)| new != old) {
        // Moved, not cloned: each attribution owns its content spans.
        let mut old: Vec<Option<Attribution>> = std::mem::take(&mut attrs.attributions)
            .into_iter()
            .map(Some)
            .collect();
        attrs.attributions = order
            .iter()
            .map(|&i| old[i].take().expect("a permutation takes each once"))
            .collect();
    }
    for (_, a) in attrs.sentence_sources.iter_mut().flatten() {
        *a = new_index[*a];
    }
    for q in &mut attrs.quotes {
        if let Some(a) = &mut q.attribution {
            *a = new_index[*a];
        }
    }
    let a = Analysis {
        paragraphs: doc.paragraphs.clone(),
        sentences: doc.sentences.clone(),
        quotes: attrs.quotes,
        people: people.people,
        attributions: attrs.attributions,
        claims: Vec::new(),
        findings: Vec::new(),
        citations: extras.citations,
        footnote_defs: extras.footnote_defs,
        ignores: extras.ignores,
    };
    doc.quoted = claims::quoted_tokens(doc, &a);
    doc.locals = match memo {
        Some(m) => Locals::Shared(m.locals(doc)),
        None => Locals::Owned(sentence_locals(doc, 0..doc.sentences.len())),
    };
    (a, attrs.sentence_sources)
}

/// The stages one by one, for the benchmarks (`benches/analysis.rs`); not an API.
#[doc(hidden)]
pub mod stages {
    use super::*;

    /// Tokens and structure of a plain-text document.
    pub fn doc<'a>(text: &'a str, settings: &'a Settings) -> Doc<'a> {
        build_doc(
            text,
            text::plain_blocks(text),
            Lex::new(settings),
            &mut None,
        )
    }
    pub fn quotes(doc: &Doc) -> Vec<quotes::QuoteMark> {
        quote_marks(doc, None)
    }
    pub fn people(doc: &Doc, marks: &[quotes::QuoteMark]) -> people::People {
        people::find(doc, marks, None)
    }
    pub fn attribution(
        doc: &Doc,
        marks: &[quotes::QuoteMark],
        people: &people::People,
    ) -> attribution::Found {
        attribution::find(doc, marks, people, None)
    }
    /// Everything before the claims (and fills `doc`'s claim-local facts).
    pub fn before_claims(doc: &mut Doc) -> (Analysis, Vec<Option<(ClaimStatus, usize)>>) {
        let extras = Extras {
            citations: Vec::new(),
            footnote_defs: Vec::new(),
            ignores: Vec::new(),
        };
        super::before_claims(doc, extras, None)
    }
    pub fn claims(doc: &Doc, a: &Analysis, sources: &[Option<(ClaimStatus, usize)>]) -> Vec<Claim> {
        claims::find(doc, a, sources)
    }
    pub fn checks(doc: &Doc, a: &Analysis) -> Vec<Finding> {
        checks::run(doc, a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_blank_documents() {
        for text in ["", " ", "\n\n\n", "\r\n", "```\ncode\n```"] {
            for kind in [DocKind::Text, DocKind::Markdown] {
                let a = analyze(text, kind, &Settings::default());
                assert!(a.findings.is_empty(), "{text:?}");
                assert!(a.people.is_empty());
            }
        }
    }

    #[test]
    fn every_prefix_and_suffix_of_the_seed_analyses_without_panic() {
        let seed = include_str!("../../seeds/peace-talks.txt");
        let cuts: Vec<usize> = (0..=seed.len())
            .filter(|&i| seed.is_char_boundary(i))
            .step_by(19)
            .collect();
        for &i in &cuts {
            for kind in [DocKind::Text, DocKind::Markdown] {
                let a = analyze(&seed[..i], kind, &Settings::default());
                for f in &a.findings {
                    assert!(
                        f.span.end <= i
                            && seed.is_char_boundary(f.span.start)
                            && seed.is_char_boundary(f.span.end)
                    );
                }
                analyze(&seed[i..], kind, &Settings::default());
            }
        }
        for tail in [
            "Peskov's",
            "\"Mohib",
            "' Matthew Ingram",
            "Mr.",
            "U.S",
            "said",
            "according to",
            "\"x\" -",
        ] {
            analyze(tail, DocKind::Text, &Settings::default());
        }
    }

    #[test]
    fn doc_kind_from_path() {
        assert_eq!(DocKind::from_path("a/story.MD"), DocKind::Markdown);
        assert_eq!(DocKind::from_path("story.markdown"), DocKind::Markdown);
        assert_eq!(DocKind::from_path("story.txt"), DocKind::Text);
    }

    #[test]
    fn settings_override_severity_and_disable() {
        let s = Settings {
            disabled: vec![Code::ScareQuote],
            severities: vec![(Code::Editorializing, Severity::Warning)],
            ..Settings::default()
        };
        assert!(!s.enabled(Code::ScareQuote));
        assert_eq!(s.severity(Code::Editorializing), Severity::Warning);
        assert_eq!(s.severity(Code::NameVariant), Severity::Info);
        assert_eq!(Code::parse("name-variant"), Some(Code::NameVariant));
    }

    #[test]
    fn structure_of_a_story() {
        let text = "Talks set to begin\n\nFriday, July 21, 2017\n\nMOSCOW — Peskov said talks began. They end.\n";
        let a = analyze(text, DocKind::Text, &Settings::default());
        let kinds: Vec<SentenceKind> = a.sentences.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                SentenceKind::Headline,
                SentenceKind::Dateline,
                SentenceKind::Dateline,
                SentenceKind::Body,
                SentenceKind::Body
            ]
        );
        assert_eq!(
            &text[a.sentences[3].span.start..a.sentences[3].span.end],
            "Peskov said talks began."
        );
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use crate::analysis::index::partition_from;
    use proptest::prelude::*;

    proptest! {
        /// The galloping search finds what a binary search of the whole slice finds, from any
        /// start at or before the answer.
        #[test]
        fn partition_from_is_partition_point(
            mut v in proptest::collection::vec(0u32..1000, 0..300),
            x in 0u32..1100,
            back in 0usize..400,
        ) {
            v.sort_unstable();
            let want = v.partition_point(|&y| y < x);
            let from = want.saturating_sub(back);
            prop_assert_eq!(partition_from(&v, from, |&y| y < x), want);
        }
    }

    fn newsy() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("Peskov"),
                Just(" said "),
                Just("\""),
                Just("“"),
                Just("”"),
                Just("'"),
                Just("’"),
                Just("Mr."),
                Just("U.S."),
                Just(" "),
                Just("\n\n"),
                Just("\r\n"),
                Just("."),
                Just(","),
                Just("According to"),
                Just("experts say"),
                Just("10,000"),
                Just("🙂"),
                Just("[@x]"),
                Just("[^1]"),
                Just("```"),
                Just("# "),
                Just("<!-- copydesk-ignore scare-quote -->"),
                Just("---\n"),
                Just("could"),
                Just("Zelensky"),
                Just("Zelenskyy"),
                Just("-"),
                Just("\u{0}"),
            ],
            0..80,
        )
        .prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn analysis_never_panics_and_spans_are_in_bounds(text in newsy(), md in any::<bool>()) {
            let kind = if md { DocKind::Markdown } else { DocKind::Text };
            let a = analyze(&text, kind, &Settings::default());
            for f in &a.findings {
                prop_assert!(f.span.start <= f.span.end && f.span.end <= text.len());
                prop_assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
            }
            for p in &a.people {
                for m in &p.mentions {
                    prop_assert!(m.span.end <= text.len() && text.is_char_boundary(m.span.start));
                }
            }
        }

        #[test]
        fn arbitrary_unicode_never_panics(text in "\\PC{0,200}", md in any::<bool>()) {
            let kind = if md { DocKind::Markdown } else { DocKind::Text };
            analyze(&text, kind, &Settings::default());
        }
    }
}
