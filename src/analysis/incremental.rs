//! Incremental analysis: a keystroke costs work in proportion to the paragraphs it touched.
//!
//! [`Incremental`] keeps, for one document, what the paragraph-local stages produced for each
//! piece of text it has seen (keyed by the piece's text), and analyses a new version by reusing
//! every piece whose text is unchanged and computing only the rest; the document-level stages
//! (quotes across paragraphs, people and first references, carried-over attributions, claims'
//! sources, checks) then run over the joined result. The answer is the same as
//! [`super::analyze`] gives for the same text, by construction and by test (`props` below and
//! `tests/lsp.rs`).
//!
//! Memory: only the pieces of the last version analysed are kept; a piece that disappears from
//! the document is dropped at the next analysis.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::claims::Local;
use super::text::{self, Tokens};
use super::{Analysis, Doc, DocKind, Settings};

/// The per-paragraph memo of one document.
#[derive(Default)]
pub struct Incremental {
    /// The settings the memo was filled under; other settings start it afresh.
    settings: Option<Settings>,
    memo: Memo,
}

/// What the paragraph-local stages produced, by the text they were given.
#[derive(Default)]
pub struct Memo {
    /// Tokens of each line (see [`text::fresh_starts`]).
    pieces: FxHashMap<Box<str>, Arc<Tokens>>,
    /// The claim-local facts of each sentence ([`Local`]).
    sentences: FxHashMap<SentenceKey, Arc<Local>>,
    /// Lines the last analysis took from the memo (or from an identical line earlier in the
    /// text) and lines it tokenized (for benchmarks and tests).
    pub reused: usize,
    pub computed: usize,
    /// The same for sentences.
    pub sentences_reused: usize,
    pub sentences_computed: usize,
}

/// Everything [`Local::of`] reads: the sentence's text, the flags its text alone does not fix
/// (space before the first token, space after the last), and which of its tokens are quoted.
#[derive(PartialEq, Eq, Hash)]
struct SentenceKey {
    text: Box<str>,
    edges: (u8, u8),
    quoted: Box<[bool]>,
}

impl Incremental {
    pub fn new() -> Incremental {
        Incremental::default()
    }

    /// Analyses `text`, reusing what is unchanged since the last call.
    pub fn analyze(&mut self, text: &str, kind: DocKind, settings: &Settings) -> Analysis {
        if self.settings.as_ref() != Some(settings) {
            self.memo = Memo::default();
            self.settings = Some(settings.clone());
        }
        super::analyze_with(text, kind, settings, Some(&mut self.memo))
    }

    pub fn memo(&self) -> &Memo {
        &self.memo
    }
}

/// Looks `key` up in `old`, then in `new` (a repeat within this text), else computes it; keeps
/// it in `new`. Returns the value and whether it was computed.
fn reuse<K: std::hash::Hash + Eq, V>(
    old: &mut FxHashMap<K, Arc<V>>,
    new: &mut FxHashMap<K, Arc<V>>,
    key: K,
    compute: impl FnOnce() -> V,
) -> (Arc<V>, bool) {
    if let Some(v) = new.get(&key) {
        return (v.clone(), false);
    }
    if let Some(v) = old.remove(&key) {
        new.insert(key, v.clone());
        return (v, false);
    }
    let v = Arc::new(compute());
    new.insert(key, v.clone());
    (v, true)
}

impl Memo {
    /// Tokenizes prose line by line (see [`text::fresh_starts`]), from the memo where it can.
    pub(super) fn tokenize(&mut self, prose: &str) -> Tokens {
        let cuts = text::fresh_starts(prose);
        let mut next = FxHashMap::default();
        next.reserve(cuts.len());
        let mut parts: Vec<(usize, Arc<Tokens>)> = Vec::with_capacity(cuts.len());
        self.computed = 0;
        for (k, &at) in cuts.iter().enumerate() {
            let end = cuts.get(k + 1).copied().unwrap_or(prose.len());
            let piece = &prose[at..end];
            let (toks, computed) = reuse(&mut self.pieces, &mut next, piece.into(), || {
                text::tokenize(piece)
            });
            self.computed += usize::from(computed);
            parts.push((at, toks));
        }
        self.reused = cuts.len() - self.computed;
        self.pieces = next;
        Tokens::concat(parts.iter().map(|(at, t)| (*at, &**t)), prose.len())
    }

    /// The claim-local facts of every sentence, from the memo where it can.
    pub(super) fn locals(&mut self, doc: &Doc) -> Vec<Local> {
        let mut next = FxHashMap::default();
        next.reserve(doc.sentences.len());
        let mut out = Vec::with_capacity(doc.sentences.len());
        self.sentences_computed = 0;
        for s in &doc.sentences {
            let r = s.tokens.clone();
            let key = SentenceKey {
                text: doc.text[s.span.start..s.span.end].into(),
                edges: (doc.t.toks[r.start].flags, doc.t.toks[r.end - 1].flags),
                quoted: doc.quoted[r.clone()].into(),
            };
            let (local, computed) = reuse(&mut self.sentences, &mut next, key, || {
                Local::of(&doc.t, &doc.lex.base.opinion, &r, &doc.quoted)
            });
            self.sentences_computed += usize::from(computed);
            out.push((*local).clone());
        }
        self.sentences_reused = doc.sentences.len() - self.sentences_computed;
        self.sentences = next;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &Analysis, b: &Analysis) -> bool {
        format!("{a:?}") == format!("{b:?}")
    }

    #[test]
    fn pieces_tokenize_as_the_whole() {
        for text in [
            include_str!("../../seeds/peace-talks.txt"),
            include_str!("../../seeds/council-budget.md"),
            "a.\n\n\nb\r\n\r\nc \n \n\"d\"\r\re U.S.\n\n",
            "",
            "\n\nx",
        ] {
            let whole = text::tokenize(text);
            let pieces = Memo::default().tokenize(text);
            assert!(pieces.same_as(&whole), "{text:?}");
        }
    }

    #[test]
    fn an_edit_recomputes_only_its_paragraph() {
        let story = include_str!("../../seeds/peace-talks.txt");
        let settings = Settings::default();
        let mut inc = Incremental::new();
        inc.analyze(story, DocKind::Text, &settings);
        let pieces = inc.memo().computed + inc.memo().reused;
        assert_eq!(pieces, story.split('\n').count(), "one piece a line");
        let at = story.find("Peskov").unwrap();
        let edited = format!("{}Dmitry {}", &story[..at], &story[at..]);
        let a = inc.analyze(&edited, DocKind::Text, &settings);
        assert_eq!(inc.memo().computed, 1, "one paragraph changed");
        assert_eq!(inc.memo().reused, pieces - 1);
        assert!(same(
            &a,
            &super::super::analyze(&edited, DocKind::Text, &settings)
        ));
    }

    #[test]
    fn other_settings_start_afresh() {
        let story = include_str!("../../seeds/harbor-strike.txt");
        let mut inc = Incremental::new();
        inc.analyze(story, DocKind::Text, &Settings::default());
        let distinct = inc.memo().computed;
        let s = Settings {
            names: vec!["duarte".into()],
            ..Settings::default()
        };
        let a = inc.analyze(story, DocKind::Text, &s);
        assert_eq!(inc.memo().computed, distinct, "nothing reused");
        assert!(same(&a, &super::super::analyze(story, DocKind::Text, &s)));
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    fn piece() -> impl Strategy<Value = &'static str> {
        prop_oneof![
            Just("Peskov"),
            Just("Dmitry Peskov"),
            Just(" said "),
            Just("\""),
            Just("“"),
            Just("”"),
            Just("Mr."),
            Just("U.S."),
            Just(" "),
            Just("\n"),
            Just("\n\n"),
            Just("\r\n\r\n"),
            Just("\r"),
            Just("."),
            Just("According to"),
            Just("experts say"),
            Just("10,000"),
            Just("🙂"),
            Just("[@x]"),
            Just("# "),
            Just("```"),
            Just("could"),
            Just("- "),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Any sequence of edits, analysed incrementally, gives what a fresh analysis of the
        /// final text gives.
        #[test]
        fn incremental_equals_fresh(
            start in proptest::collection::vec(piece(), 0..60),
            edits in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..12, proptest::collection::vec(piece(), 0..4)), 1..8),
            md in any::<bool>(),
        ) {
            let kind = if md { DocKind::Markdown } else { DocKind::Text };
            let settings = Settings::default();
            let mut text = start.concat();
            let mut inc = Incremental::new();
            inc.analyze(&text, kind, &settings);
            for (at, del, ins) in edits {
                let a = text.floor_char_boundary(at.index(text.len() + 1));
                let b = text.floor_char_boundary((a + del).min(text.len()));
                text.replace_range(a..b, &ins.concat());
                let got = inc.analyze(&text, kind, &settings);
                let fresh = super::super::analyze(&text, kind, &settings);
                prop_assert_eq!(format!("{got:?}"), format!("{fresh:?}"), "{:?}", text);
            }
        }
    }
}
