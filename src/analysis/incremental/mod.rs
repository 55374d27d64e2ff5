//! Incremental analysis: a keystroke costs work in proportion to the text it touched.
//!
//! [`Incremental`] keeps, for one document, the text of the last version analysed and what the
//! local stages produced for each of its pieces: the tokens of each line, the quotes of each
//! paragraph that no quote runs into (its text alone decides them), and for each sentence the
//! person candidates and capitalised words, the attributions its cues make (persons, shared
//! subjects, pronouns and quotes kept as references, made whole at each analysis) and the
//! claim-local facts. A new version is compared with the last (common prefix and suffix, a
//! `memcmp` each); a piece that lies wholly in the unchanged prefix or suffix, and whose
//! non-textual inputs (its sentence's structure, the masks a stage reads) are the same, is taken
//! from the memo by its old position; everything else is computed. The document-level stages
//! (quotes that run on across paragraphs, linking people and first references, pronouns and
//! carried-over attributions, claims' sources, checks) then run over the joined result. The
//! answer is what [`super::analyze`] gives for the same text: by construction (a piece is reused
//! only when all it reads is equal) and by test (`props` below, the `reanalyze` fuzz target and
//! `tests/lsp.rs`).
//!
//! Written by hand rather than with an incremental-computation crate (salsa and the like): the
//! stages are plain functions over one document, and the only invalidation needed is "did this
//! piece's input change", which positions in an edited text answer faster than hashing it.
//!
//! Memory: the last text, its joined tokens, and the pieces of the last version; a piece that
//! disappears from the document is dropped at the next analysis.

use std::ops::Range;
use std::sync::Arc;

use crate::analysis::attribution::{CueMemo, SentenceAttrs};
use crate::analysis::doc::{BlockStructure, Doc};
use crate::analysis::facts::Local;
use crate::analysis::model::{Analysis, DocKind, ParagraphKind, SentenceKind, Settings};
use crate::analysis::people::{CandidateMemo, SentenceNames};
use crate::analysis::pipeline::{self, Provider};
use crate::analysis::quotes::{ParaQuotes, QuoteMemo};
use crate::analysis::text::{self, Tokens};

mod diff;
mod heads;
mod memo;

use diff::*;
use heads::*;
pub use memo::PieceMemo;

/// The per-paragraph memo of one document.
#[derive(Default)]
pub struct Incremental {
    /// The settings the memo was filled under; other settings start it afresh.
    settings: Option<Settings>,
    memo: Memo,
}

/// What the local stages produced, by where it lay in the last text.
#[derive(Default)]
pub struct Memo {
    /// The text the memo's positions refer to (the last analysed), and how the text being
    /// analysed differs from it.
    last: String,
    diff: Diff,
    /// Tokens of each line (see [`text::fresh_starts`]).
    pub lines: PieceMemo<Tokens>,
    /// The person candidates and capitalised words of each sentence (`people`).
    pub(super) candidates: PieceMemo<SentenceNames>,
    /// The attributions each sentence's words make (`attribution`).
    pub(super) cues: PieceMemo<SentenceAttrs>,
    /// The claim-local facts of each sentence ([`Local`]).
    pub locals: PieceMemo<Local>,
    /// Each paragraph's kind and sentences.
    pub(super) blocks: PieceMemo<BlockStructure>,
    /// The quotes of each paragraph that no quote runs into, by its text (`quotes`).
    pub(super) quotes: PieceMemo<ParaQuotes>,
    /// What sentence heads are made of, and where they need not be made (and the buffer the
    /// paragraphs' heads are built in too).
    sentences: Heads,
    /// The last analysis's tokens, joined (its start is kept for the next, while unchanged).
    whole: Tokens,
    /// The line starts of the text being analysed, when its paragraphs were found from them
    /// (plain text): tokenizing cuts the text at the same places.
    starts: Option<Vec<usize>>,
    /// How many tokens `whole` had when made, and where each line's tokens began in it (by the
    /// entries of `lines`).
    whole_len: usize,
    line_toks: Vec<u32>,
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
        let m = &mut self.memo;
        m.lines.start();
        m.blocks.start();
        m.candidates.start();
        m.cues.start();
        m.locals.start();
        m.quotes.start();
        let a = pipeline::analyze_with(text, kind, settings, Some(m));
        m.lines.finish();
        m.blocks.finish();
        m.candidates.finish();
        m.cues.finish();
        m.locals.finish();
        m.quotes.finish();
        a
    }

    pub fn memo(&self) -> &Memo {
        &self.memo
    }
}

impl Memo {
    /// For each local stage: its name, and how many pieces the last analysis computed and took
    /// from the memo (for benchmarks and tests).
    pub fn counts(&self) -> [(&'static str, usize, usize); 6] {
        [
            ("lines", self.lines.computed, self.lines.reused),
            ("paragraphs", self.blocks.computed, self.blocks.reused),
            (
                "candidates",
                self.candidates.computed,
                self.candidates.reused,
            ),
            ("cues", self.cues.computed, self.cues.reused),
            ("locals", self.locals.computed, self.locals.reused),
            ("quotes", self.quotes.computed, self.quotes.reused),
        ]
    }

    /// Tokenizes prose line by line (see [`text::fresh_starts`]), from the memo where it can.
    /// The first stage of an analysis: it also compares the text with the last one.
    pub(super) fn tokenize(&mut self, prose: &str) -> Tokens {
        self.sentences.generation += 1;
        self.diff = Diff::of(&self.last, prose);
        self.last.clear();
        self.last.push_str(prose);
        let starts = match self.starts.take() {
            Some(s) => {
                debug_assert_eq!(s, text::line_starts(prose), "the same text's");
                s
            }
            None => text::line_starts(prose),
        };
        let cuts = text::fresh_starts(prose, starts);
        let mut parts: Vec<(usize, Arc<Tokens>)> = Vec::with_capacity(cuts.len());
        // The lines that lie wholly in the unchanged start of the text, line break after them
        // included, that the last analysis had as its first lines: the last joined tokens
        // begin with exactly theirs (the same lines, cut at the same line breaks), so they are
        // kept instead of joined again, and the lines are taken whole, their entries copied and
        // their tokens left unread: for a long story that skipped a cache miss per line (the
        // first read of each line's tokens). (A line that ends where the change starts may
        // have been part of a longer line before.)
        let end_of = |k: usize| cuts.get(k + 1).copied().unwrap_or(prose.len());
        let (mut kept, mut kept_toks) = (0, 0);
        // The last analysis's tokens, entries and line counts, all from one analysis (one that
        // stopped early leaves `whole` taken).
        let whole_is_last =
            self.whole.len() == self.whole_len && self.line_toks.len() == self.lines.old.len();
        if whole_is_last {
            let old = &self.lines.old;
            kept = cuts
                .iter()
                .enumerate()
                .zip(old)
                .take_while(|&((k, &at), e)| {
                    let end = end_of(k);
                    end < self.diff.prefix && e.at == at && e.len == end - at
                })
                .count();
            kept_toks = self
                .line_toks
                .get(kept)
                .map_or(self.whole.len(), |&n| n as usize);
            self.lines.keep(0, kept, 0);
            self.lines.cursor = kept;
        }
        // Likewise the lines of the unchanged end of the text that the last analysis had as its
        // last lines, shifted by the change in length: their entries and tokens are taken whole
        // too (after the lines between, which must come first), their tokens moved along in the
        // joined tokens instead of joined again from each line's.
        let shift = self.diff.new_len as isize - self.diff.old_len as isize;
        let mut tail = 0;
        if whole_is_last {
            let old = &self.lines.old;
            let in_suffix = self.diff.new_len - self.diff.suffix;
            tail = cuts
                .iter()
                .enumerate()
                .rev()
                .zip(old.iter().rev())
                .take_while(|&((k, &at), e)| {
                    let end = end_of(k);
                    at >= in_suffix && e.at as isize + shift == at as isize && e.len == end - at
                })
                .count()
                .min(cuts.len() - kept)
                .min(old.len() - kept);
        }
        // Where the tail's tokens began in the last tokens, and its lines' first tokens there.
        let old_tail: Vec<u32> = self.line_toks[self.line_toks.len() - tail..].to_vec();
        self.line_toks.truncate(kept);
        // The lines at the end taken from the memo, one after another up to the end: the last
        // tokens had those lines' tokens at their end too (the same pieces at the same places).
        let (mut tail_toks, mut tail_run) = (0, true);
        let mut count = kept_toks;
        for (k, &at) in cuts
            .iter()
            .enumerate()
            .skip(kept)
            .take(cuts.len() - kept - tail)
        {
            let end = end_of(k);
            let reused = self.lines.reused;
            let toks = self
                .lines
                .get(&self.diff, at..end, &[], || text::tokenize(&prose[at..end]))
                .clone();
            self.line_toks.push(count as u32);
            count += toks.len();
            if self.lines.reused > reused && at >= self.diff.new_len - self.diff.suffix {
                tail_toks = if tail_run { tail_toks } else { 0 } + toks.len();
                tail_run = true;
            } else {
                tail_run = false;
            }
            parts.push((at, toks));
        }
        // The last tokens: those of the kept lines, then the lines the change touched (a whole
        // text's, when nothing was kept), then the tail's.
        let mut whole = std::mem::take(&mut self.whole);
        self.sentences.old_tokens = whole.len();
        self.sentences.same_head = kept_toks;
        self.sentences.same_tail = if tail_run { tail_toks } else { 0 };
        if tail > 0 {
            let old_from = old_tail[0] as usize;
            self.sentences.same_tail += whole.len() - old_from;
            self.lines.keep(self.lines.old.len() - tail, tail, shift);
            let mut between = Tokens::default();
            between.extend(parts.iter().map(|(at, t)| (*at, &**t)));
            whole.splice(kept_toks, old_from, between, shift);
            // The tail's lines begin where they did, moved by the change in tokens between.
            let moved = count as isize - old_from as isize;
            self.line_toks
                .extend(old_tail.iter().map(|&n| (n as isize + moved) as u32));
        } else {
            whole.truncate(kept_toks);
            if kept == 0 {
                whole.toks.reserve(prose.len() / 5 + 4);
            }
            whole.extend(parts.iter().map(|(at, t)| (*at, &**t)));
        }
        self.whole_len = whole.len();
        whole
    }
}

/// The memo answers the pipeline's questions: the tokens, structure and claim-local facts of
/// each piece, taken from the last analysis where the piece and what it reads are unchanged.
impl Provider for Memo {
    fn tokenize(&mut self, prose: &str) -> Tokens {
        Memo::tokenize(self, prose)
    }

    /// The line starts of `prose` (see [`text::line_starts`]), kept for the [`Memo::tokenize`]
    /// of the same text that follows.
    fn line_starts(&mut self, prose: &str) -> &[usize] {
        self.starts.insert(text::line_starts(prose))
    }

    /// Keeps the tokens of the analysis just made, for the next.
    fn keep_tokens(&mut self, t: Tokens) {
        self.whole = t;
    }

    /// The structure of the paragraph whose tokens are `r` (block `pi`), relative to its first
    /// token. It reads the paragraph's tokens and, to be safe, [`CONTEXT`] tokens on either side;
    /// whether it is the first block; whether it is a Markdown heading.
    fn block(
        &mut self,
        t: &Tokens,
        r: Range<usize>,
        pi: usize,
        heading: bool,
        fresh: &mut dyn FnMut() -> BlockStructure,
    ) -> &BlockStructure {
        let head = &mut self.sentences.head;
        head.clear();
        head.extend_from_slice(&[u8::from(pi == 0), u8::from(heading)]);
        let (_, bytes) = window(t, &r, head);
        self.blocks.get(&self.diff, bytes, head, fresh)
    }

    /// See [`Heads::structure`].
    fn structure(&mut self, doc: &Doc) {
        self.sentences.structure(doc);
    }

    /// The claim-local facts of every sentence, from the memo where it can.
    fn locals(&mut self, doc: &Doc) -> Vec<Arc<Local>> {
        let mut out = Vec::with_capacity(doc.sentences.len());
        self.sentences.mask(Stage::Locals, |mask| {
            mask.extend(doc.quoted.iter().map(|&q| u8::from(q)))
        });
        for s in &doc.sentences {
            // Everything `Local::of` reads: the sentence's text, the flags its text alone does
            // not fix (space before the first token, space after the last), and which of its
            // tokens are quoted.
            let r = s.tokens.clone();
            let local = self.sentences.piece(
                &mut self.locals,
                &self.diff,
                Stage::Locals,
                r.clone(),
                0,
                s.span.start..s.span.end,
                |_, quoted, head| {
                    head.clear();
                    head.push(doc.t.toks[r.start].flags);
                    head.push(doc.t.toks[r.end - 1].flags);
                    head.extend_from_slice(&quoted[r.clone()]);
                },
                || Local::of(&doc.t, &doc.lex.base.opinion, &r, &doc.quoted),
            );
            out.push(local.clone());
        }
        out
    }
}

impl QuoteMemo for Memo {
    /// The quotes of the paragraph at bytes `r` of the text, when no quote runs into it: its
    /// text alone decides them (see [`ParaQuotes`]). Debug builds check what is kept against
    /// a fresh scan.
    fn paragraph_quotes(
        &mut self,
        r: Range<usize>,
        fresh: &mut dyn FnMut() -> ParaQuotes,
    ) -> &ParaQuotes {
        let kept = self.quotes.get(&self.diff, r.clone(), &[], &mut *fresh);
        if cfg!(debug_assertions) {
            debug_assert_eq!(
                format!("{:?}", fresh()),
                format!("{kept:?}"),
                "paragraph at {r:?}"
            );
        }
        kept
    }
}

impl CandidateMemo for Memo {
    /// The heads of the candidates' sentences read which tokens lie in a quoted title, a byte
    /// each.
    fn quoted_titles(&mut self, in_quote_title: &[bool]) {
        self.sentences.mask(Stage::Candidates, |mask| {
            mask.extend(in_quote_title.iter().map(|&b| u8::from(b)))
        });
    }

    /// The person candidates and capitals of sentence `si`, relative to its first token.
    fn candidates(
        &mut self,
        doc: &Doc,
        si: usize,
        fresh: &mut dyn FnMut() -> SentenceNames,
    ) -> &SentenceNames {
        let pm = &mut self.candidates;
        self.sentences
            .sentence(pm, &self.diff, Stage::Candidates, doc, si, fresh)
    }
}

impl CueMemo for Memo {
    /// What a sentence's attributions read of the story around its words, for its head:
    /// which tokens are quoted (bit 0) or name someone (bit 1), where a quote opens (bit 2) or
    /// closes (bit 3), and which quoted tokens are in the same quote as the token before (bit 4),
    /// so that the window's quotes, and which of its tokens share one, are the same.
    fn cue_context(
        &mut self,
        in_quote: &[u32],
        tok_person: &[u32],
        opens: &mut dyn Iterator<Item = usize>,
        closes: &mut dyn Iterator<Item = usize>,
    ) {
        self.sentences.mask(Stage::Cues, |mask| {
            let mut before = u32::MAX;
            mask.extend(in_quote.iter().zip(tok_person).map(|(&q, &p)| {
                let same = q != u32::MAX && q == before;
                before = q;
                u8::from(q != u32::MAX) | u8::from(p != u32::MAX) << 1 | u8::from(same) << 4
            }));
            for k in opens {
                mask[k] |= 1 << 2;
            }
            for k in closes {
                mask[k] |= 1 << 3;
            }
        });
    }

    /// The attributions sentence `si`'s words make, relative to its first token. Debug builds
    /// check what is kept against the sentence's fresh attributions.
    fn cues(
        &mut self,
        doc: &Doc,
        si: usize,
        fresh: &mut dyn FnMut() -> SentenceAttrs,
    ) -> &SentenceAttrs {
        let pm = &mut self.cues;
        let kept = self
            .sentences
            .sentence(pm, &self.diff, Stage::Cues, doc, si, &mut *fresh);
        if cfg!(debug_assertions) {
            let f = fresh();
            debug_assert!(f.same_as(kept), "sentence {si}: {f:?} kept as {kept:?}");
        }
        kept
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
            include_str!("../../../seeds/peace-talks.txt"),
            include_str!("../../../seeds/council-budget.md"),
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
    fn unchanged_lines_at_both_ends_are_taken_whole() {
        // Edits that change the number of tokens, shorten and lengthen the text, and add and
        // remove lines: the joined tokens are those of the edited text tokenized afresh, and
        // the lines before and after the edit are taken by position, not looked up one by one.
        let story = include_str!("../../../seeds/peace-talks.txt").repeat(3);
        assert!(
            story.split('\n').count() > 30,
            "enough lines to tell runs from lookups"
        );
        let mid = story.len() / 2;
        let mid = story[..mid].rfind(' ').unwrap();
        for (edit, insert) in [
            (mid..mid, " and, \"later\", U.S. officials"),
            (mid..mid + 8, ""),
            (mid..mid, "\n\nA new paragraph.\n"),
            (mid..mid + 1, "\r\n"),
            (0..0, "Headline\n\n"),
            (story.len()..story.len(), " More."),
        ] {
            let edited = format!("{}{insert}{}", &story[..edit.start], &story[edit.end..]);
            let mut m = Memo::default();
            m.tokenize(&story);
            m.keep_tokens(text::tokenize(&story));
            m.lines.finish();
            m.lines.start();
            let t = m.tokenize(&edited);
            assert!(t.same_as(&text::tokenize(&edited)), "{insert:?}");
            let n = m.lines.computed + m.lines.reused;
            assert!(m.lines.computed <= 4, "{insert:?}: {}", m.lines.computed);
            assert!(
                m.lines.positional + 4 >= n,
                "{insert:?}: {}",
                m.lines.positional
            );
            // Its memo serves the next edit just as well.
            m.keep_tokens(t);
            m.lines.finish();
            m.lines.start();
            let again = format!("{edited}x");
            assert!(m.tokenize(&again).same_as(&text::tokenize(&again)));
        }
    }

    #[test]
    fn an_edit_recomputes_only_its_paragraph() {
        let story = include_str!("../../../seeds/peace-talks.txt");
        let settings = Settings::default();
        let mut inc = Incremental::new();
        inc.analyze(story, DocKind::Text, &settings);
        let pieces = inc.memo().lines.computed + inc.memo().lines.reused;
        assert_eq!(pieces, story.split('\n').count(), "one piece a line");
        let at = story.find("Peskov").unwrap();
        let edited = format!("{}Dmitry {}", &story[..at], &story[at..]);
        let a = inc.analyze(&edited, DocKind::Text, &settings);
        assert_eq!(inc.memo().lines.computed, 1, "one line changed");
        assert_eq!(inc.memo().lines.reused, pieces - 1);
        let sentences = inc.memo().locals.computed + inc.memo().locals.reused;
        assert!(inc.memo().locals.computed <= 2, "the edited sentence");
        assert!(
            inc.memo().cues.computed <= 4,
            "the edited sentence and its neighbours"
        );
        assert!(inc.memo().cues.reused + 4 >= sentences);
        // Quotes: only the edited paragraph's marks are read again (the story has no quote
        // that runs on across paragraphs).
        let paragraphs = inc.memo().blocks.computed + inc.memo().blocks.reused;
        assert_eq!(inc.memo().quotes.computed, 1, "the edited paragraph");
        assert_eq!(inc.memo().quotes.reused, paragraphs - 1);
        assert!(same(
            &a,
            &super::super::analyze(&edited, DocKind::Text, &settings)
        ));
    }

    #[test]
    fn unchanged_sentences_away_from_an_edit_are_taken_by_position() {
        // A story of a few hundred sentences, edited near its end, in its middle, and with a
        // quote mark that changes which words are quoted for the rest of its paragraph.
        let seed = include_str!("../../../seeds/peace-talks.txt");
        let story = seed.repeat(8);
        let settings = Settings::default();
        let mut inc = Incremental::new();
        inc.analyze(&story, DocKind::Text, &settings);
        let sentences = inc.memo().cues.computed;
        let mut text = story.clone();
        let last = text.rfind("told").unwrap();
        let middle = text[..text.len() / 2].rfind("told").unwrap();
        for (at, insert) in [(last, "x"), (middle, "y"), (middle, "\u{201c}")] {
            text.insert_str(at, insert);
            let got = inc.analyze(&text, DocKind::Text, &settings);
            assert!(same(
                &got,
                &super::super::analyze(&text, DocKind::Text, &settings)
            ));
            let m = inc.memo();
            for (name, positional, reused) in [
                ("cues", m.cues.positional, m.cues.reused),
                ("candidates", m.candidates.positional, m.candidates.reused),
                ("locals", m.locals.positional, m.locals.reused),
            ] {
                // (An edit can change who is a person, and so a mask, far from itself: the
                // sentences between the first and last such change are taken by their heads.)
                assert!(
                    positional * 10 >= reused * 8 && reused + 12 >= sentences,
                    "{name}: {positional} of {reused} reused by position, {sentences} sentences, {insert:?}"
                );
            }
        }
    }

    #[test]
    fn a_line_shortened_up_to_its_break_is_tokenized_afresh() {
        // The kept start of the last tokens must stop before a line that ends where the change
        // begins: "saidX" and "said" end at the same line break position only in the new text.
        let settings = Settings::default();
        for (before, after) in [
            (
                "Peskov saidX\n\nPutin agreed.",
                "Peskov said\n\nPutin agreed.",
            ),
            (
                "Peskov said\n\nPutin agreed.",
                "Peskov sai\n\nPutin agreed.",
            ),
            ("Peskov said\r\n\r\nPutin.", "Peskov said\r\rPutin."),
            ("A.\nPeskov said it\nB.", "A.\nPeskov said\nB."),
        ] {
            let mut inc = Incremental::new();
            inc.analyze(before, DocKind::Text, &settings);
            let got = inc.analyze(after, DocKind::Text, &settings);
            assert!(
                same(
                    &got,
                    &super::super::analyze(after, DocKind::Text, &settings)
                ),
                "{before:?} -> {after:?}"
            );
        }
    }

    #[test]
    fn structure_bytes_are_each_tokens_sentence() {
        // What `Memo::structure` fills sentence by sentence is, token by token, the kind of the
        // token's sentence (by `sentence_of`) and whether it begins it and its paragraph.
        let settings = Settings::default();
        for (text, kind) in [
            (
                include_str!("../../../seeds/peace-talks.txt"),
                DocKind::Text,
            ),
            (
                include_str!("../../../seeds/council-budget.md"),
                DocKind::Markdown,
            ),
            (
                "MOSCOW —\n\nA. B? \"C.\"\n\n\n# H\n\nBy Jo Li\n",
                DocKind::Markdown,
            ),
        ] {
            let mut m = Memo::default();
            let lex = crate::analysis::lexicon::Lex::new(&settings);
            let p = super::super::markdown::prose(text);
            let (prose, blocks) = match kind {
                DocKind::Text => (text, text::plain_blocks(text)),
                DocKind::Markdown => (
                    p.masked.as_str(),
                    p.blocks
                        .iter()
                        .map(|b| text::RawBlock {
                            span: b.span,
                            heading: b.heading,
                        })
                        .collect(),
                ),
            };
            let doc = crate::analysis::pipeline::build_doc(
                prose,
                blocks,
                lex,
                &mut Some(&mut m as &mut dyn Provider),
            );
            assert_eq!(m.sentences.structure.len(), doc.t.len());
            for (i, &b) in m.sentences.structure.iter().enumerate() {
                let so = doc.sentence_of[i] as usize;
                let want = match doc.sentences.get(so) {
                    Some(o) => {
                        let first = o.tokens.start == i;
                        let para = first && doc.paragraphs[o.paragraph].sentences.start == so;
                        structure_byte(o.kind, doc.paragraphs[o.paragraph].kind, first, para)
                    }
                    None => 0xff,
                };
                assert_eq!(b, want, "token {i} of {text:?}");
            }
        }
    }

    #[test]
    fn other_settings_start_afresh() {
        let story = include_str!("../../../seeds/harbor-strike.txt");
        let mut inc = Incremental::new();
        inc.analyze(story, DocKind::Text, &Settings::default());
        let lines = inc.memo().lines.computed;
        let s = Settings {
            names: vec!["duarte".into()],
            ..Settings::default()
        };
        let a = inc.analyze(story, DocKind::Text, &s);
        assert_eq!(inc.memo().lines.computed, lines, "nothing reused");
        assert_eq!(inc.memo().lines.reused, 0);
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
            Just("Press Secretary "),
            Just("Kirill Dmitriev, CEO of Russia's fund,"),
            Just(" told reporters:"),
            Just("PUTIN: "),
            Just(" — "),
            Just(" claimed "),
            Just("he said"),
            Just("Trump's"),
            Just("Smith"),
            Just(","),
            Just("\"Better Idea Of Girls\""),
            Just("who asked not to be named"),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
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
