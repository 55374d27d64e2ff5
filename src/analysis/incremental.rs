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

/// What the sentence stages' heads are copied from (see [`context_head`]), this analysis's and
/// the last's, and where they need not be built (see [`Clean`]).
#[derive(Default)]
struct Heads {
    /// For each token of the text being analysed, the kind of its sentence and paragraph and
    /// whether it begins its sentence or paragraph (see [`structure_byte`]); filled by
    /// [`Heads::structure`]. The last analysis's, for comparison.
    structure: Vec<u8>,
    old_structure: Vec<u8>,
    /// Each sentence stage's per-token mask (see [`context_head`]), this analysis's and the
    /// last's, by [`Stage`].
    masks: [Vec<u8>; 3],
    old_masks: [Vec<u8>; 3],
    /// For each sentence stage, the tokens at the start and end of the text that are what they
    /// were in the last analysis, structure and mask included (see [`Clean`]).
    clean: [Clean; 3],
    /// How many tokens at the start of the text are the last analysis's, and how many at its end
    /// (shifted); and how many tokens the last analysis had.
    same_head: usize,
    same_tail: usize,
    old_tokens: usize,
    /// Counts analyses; which analysis last set the structure and each mask.
    generation: u64,
    structure_gen: u64,
    mask_gen: [u64; 3],
    /// A buffer for building heads.
    head: Vec<u8>,
}

/// The new text is the old one with `old[prefix..old_len - suffix]` replaced.
#[derive(Default, Clone, Copy)]
struct Diff {
    prefix: usize,
    suffix: usize,
    old_len: usize,
    new_len: usize,
}

impl Diff {
    fn of(old: &str, new: &str) -> Diff {
        let (o, n) = (old.as_bytes(), new.as_bytes());
        let prefix = common_prefix(o, n);
        let room = o.len().min(n.len()) - prefix;
        let suffix = common_suffix(&o[o.len() - room..], &n[n.len() - room..]);
        Diff {
            prefix,
            suffix,
            old_len: o.len(),
            new_len: n.len(),
        }
    }

    /// Where the bytes `r` of the new text were in the old one, if they are unchanged.
    fn old_start(&self, r: &Range<usize>) -> Option<usize> {
        if r.end <= self.prefix {
            Some(r.start)
        } else if r.start >= self.new_len - self.suffix {
            // In the common suffix: `new_len - r.start <= suffix <= old_len`.
            Some(r.start + self.old_len - self.new_len)
        } else {
            None
        }
    }
}

/// The sentence stages whose heads read a per-token mask.
#[derive(Clone, Copy)]
enum Stage {
    /// Person candidates (`people`): which tokens lie in a quoted title.
    Candidates = 0,
    /// Attribution cues and the sentence's attributions: which tokens are quoted, which name
    /// someone, where quotes open and close, which quoted tokens share a quote.
    Cues = 1,
    /// Claim-local facts: which tokens are quoted.
    Locals = 2,
}

/// Where a stage's sentences can be taken from the memo without building their heads: tokens
/// `..head` are the last analysis's tokens `..head`, and tokens `tail..` its last ones, with the
/// same structure bytes and the same mask. A sentence whose window lies in either has the head
/// it had then (everything a head holds is read off those tokens, their structure and mask),
/// and its window's bytes are unchanged, so its entry is found by position alone. (Building
/// every sentence's head at every keystroke cost a tenth of a keystroke in a long story.)
#[derive(Default, Clone, Copy)]
struct Clean {
    head: usize,
    tail: usize,
}

/// How many leading bytes `a` and `b` share.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    // By blocks, so that the slice comparison (a memcmp) does the work.
    const BLOCK: usize = 4096;
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + BLOCK <= n && a[i..i + BLOCK] == b[i..i + BLOCK] {
        i += BLOCK;
    }
    i + a[i..n]
        .iter()
        .zip(&b[i..n])
        .take_while(|(x, y)| x == y)
        .count()
}

/// How many trailing bytes `a` and `b` share.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 4096;
    let n = a.len().min(b.len());
    let (a, b) = (&a[a.len() - n..], &b[b.len() - n..]);
    let mut i = 0;
    while i + BLOCK <= n && a[n - i - BLOCK..n - i] == b[n - i - BLOCK..n - i] {
        i += BLOCK;
    }
    i + a[..n - i]
        .iter()
        .rev()
        .zip(b[..n - i].iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// Whether two heads are equal. Empty ones (every line's and paragraph's) are not handed to
/// `memcmp`: glibc's AVX-512 `memcmp` compares short slices with a masked load, and a masked
/// load from an empty `Vec`'s dangling pointer, on a page that is not mapped, takes a microcode
/// assist, hundreds of cycles: a tenth of a keystroke in a long story, in perf's samples.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && (a.is_empty() || a == b)
}

/// A local stage's results by piece of text (a line, or a sentence's window): where the piece
/// lay in the last text, what else the stage read (`head`), and the result.
///
/// A result taken from the memo is moved from the last analysis's list to this one's, not
/// cloned, and lent to the caller: an `Arc`'s count is changed with an atomic instruction, and
/// two or three of those per piece, for every sentence of a long story and every stage, were a
/// measurable part of a keystroke.
pub struct PieceMemo<V> {
    old: Vec<Entry>,
    old_heads: Vec<u8>,
    /// `None` once taken by this analysis.
    old_values: Vec<Option<Arc<V>>>,
    new: Vec<Entry>,
    new_heads: Vec<u8>,
    /// Always `Some` (the same type as `old_values`, which it becomes).
    new_values: Vec<Option<Arc<V>>>,
    /// Pieces the last analysis computed, and pieces it took from the memo (`positional` of
    /// those without building their heads: see [`Clean`]).
    pub computed: usize,
    pub reused: usize,
    pub positional: usize,
    /// Where in `old` the last piece was looked for.
    cursor: usize,
}

/// One piece: its bytes in the text, and its head in the heads arena.
#[derive(Clone, Copy)]
struct Entry {
    at: usize,
    len: usize,
    head: (u32, u32),
}

impl<V> Default for PieceMemo<V> {
    fn default() -> Self {
        PieceMemo {
            old: Vec::new(),
            old_heads: Vec::new(),
            old_values: Vec::new(),
            new: Vec::new(),
            new_heads: Vec::new(),
            new_values: Vec::new(),
            computed: 0,
            reused: 0,
            positional: 0,
            cursor: 0,
        }
    }
}

impl<V> PieceMemo<V> {
    /// Starts an analysis.
    fn start(&mut self) {
        self.computed = 0;
        self.reused = 0;
        self.positional = 0;
        self.cursor = 0;
        self.new.clear();
        self.new_heads.clear();
        self.new_values.clear();
        // About what the last analysis needed.
        self.new.reserve(self.old.len());
        self.new_heads.reserve(self.old_heads.len());
        self.new_values.reserve(self.old_values.len());
    }

    /// Ends an analysis: what it used is the memo of the next.
    fn finish(&mut self) {
        std::mem::swap(&mut self.old, &mut self.new);
        std::mem::swap(&mut self.old_heads, &mut self.new_heads);
        std::mem::swap(&mut self.old_values, &mut self.new_values);
    }

    /// The first old piece that starts at or after byte `at` of the last text. Pieces come in
    /// text order, so their old places do too: searched forward from the last one found (a
    /// binary search of every old piece, at every piece, missed the cache at each step).
    /// Windows of neighbouring pieces can start at the same byte (near the text's start).
    fn first_at(&mut self, at: usize) -> usize {
        let from = match self.cursor {
            c if c > 0 && c <= self.old.len() && self.old[c - 1].at < at => c,
            _ => 0,
        };
        self.cursor = crate::analysis::index::partition_from(&self.old, from, |e| e.at < at);
        self.cursor
    }

    /// Takes the last analysis's pieces `from..from + n` as this one's next, moved by `shift`
    /// bytes, their heads copied and their results moved without being read (a run of lines
    /// at either end of the text, or one sentence: see [`PieceMemo::reuse`]). Pieces must be
    /// taken in text order.
    fn keep(&mut self, from: usize, n: usize, shift: isize) {
        let old = &self.old[from..from + n];
        let (Some(first), Some(last)) = (old.first(), old.last()) else {
            return;
        };
        // A run's heads lie one after another in the arena.
        let (h0, h1) = (first.head.0, last.head.1);
        let base = self.new_heads.len() as u32;
        self.new_heads
            .extend_from_slice(&self.old_heads[h0 as usize..h1 as usize]);
        self.new.extend(old.iter().map(|e| Entry {
            at: e.at.wrapping_add_signed(shift),
            len: e.len,
            head: (e.head.0 - h0 + base, e.head.1 - h0 + base),
        }));
        let values = &mut self.old_values[from..from + n];
        debug_assert!(values.iter().all(Option::is_some), "untaken");
        self.new_values.extend(values.iter_mut().map(Option::take));
        self.reused += n;
        self.positional += n;
    }

    /// The result of the piece asked for last (by [`PieceMemo::get`] or a successful
    /// [`PieceMemo::reuse`]).
    fn last(&self) -> &Arc<V> {
        self.new_values
            .last()
            .and_then(Option::as_ref)
            .expect("a piece was just added")
    }

    /// The result for the piece at bytes `r` of the text, which read `head` besides those
    /// bytes: from the memo if the same bytes, unchanged, held a piece with the same head last
    /// time; else from `compute`. Pieces must be asked for in text order.
    fn get(
        &mut self,
        diff: &Diff,
        r: Range<usize>,
        head: &[u8],
        compute: impl FnOnce() -> V,
    ) -> &Arc<V> {
        let found = diff.old_start(&r).and_then(|at| {
            let k0 = self.first_at(at);
            (k0..self.old.len())
                .take_while(|&k| self.old[k].at == at)
                .find(|&k| {
                    let e = &self.old[k];
                    e.len == r.len()
                        && same(&self.old_heads[e.head.0 as usize..e.head.1 as usize], head)
                })
                // (Taken already by another piece at the same bytes: computed afresh.)
                .and_then(|k| self.old_values[k].take())
        });
        let value = match found {
            Some(v) => {
                self.reused += 1;
                v
            }
            None => {
                self.computed += 1;
                Arc::new(compute())
            }
        };
        let h0 = self.new_heads.len() as u32;
        self.new_heads.extend_from_slice(head);
        self.new.push(Entry {
            at: r.start,
            len: r.len(),
            head: (h0, self.new_heads.len() as u32),
        });
        self.new_values.push(Some(value));
        self.last()
    }

    /// The result for the piece at bytes `r`, known to have the head it had in the last text
    /// (see [`Clean`]): the one piece that lay at the same bytes then, with its head copied; or
    /// `false` (no such piece, or more than one: windows clipped at both ends of a tiny text).
    /// The result is then [`PieceMemo::last`]. Pieces must be asked for in text order, with
    /// [`PieceMemo::get`].
    fn reuse(&mut self, diff: &Diff, r: Range<usize>) -> bool {
        let Some(at) = diff.old_start(&r) else {
            return false;
        };
        let k = self.first_at(at);
        let mut found = (k..self.old.len())
            .take_while(|&j| self.old[j].at == at)
            .filter(|&j| self.old[j].len == r.len());
        let Some(k) = found.next() else {
            return false;
        };
        if found.next().is_some() {
            return false;
        }
        if self.old_values[k].is_none() {
            return false;
        }
        self.keep(k, 1, r.start as isize - self.old[k].at as isize);
        true
    }
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

/// How many tokens on each side of a sentence the sentence-local stages may read (they look a
/// token or two past the sentence's ends: the quote that opens the next paragraph, the comma
/// after a name).
const CONTEXT: usize = 4;

/// The head of the key of sentence `si`'s window (the sentence and [`CONTEXT`] tokens on either
/// side: [`window_of`]), into `head`: everything a sentence-local stage can read about it
/// besides the window's bytes.
/// The head holds the kinds of the sentence and its paragraph; where the sentence sits in the
/// window and which window tokens begin a sentence or paragraph (and of what kind: `structure`,
/// see [`Memo::structure`]); the stage's own per-token facts (`mask`, one byte a token: whether
/// it is quoted, part of a person's name...); and the flags the window's first and last tokens
/// take from outside it (the whitespace before and after).
///
/// The tokens themselves are not written out: a token's kind, flags and lexicon bits follow from
/// its text and the characters next to it, so the window's text fixes them (the incremental
/// tokenizer rests on the same fact; `props` below checks the whole). Two sentences with equal
/// windows and heads give a sentence-local stage the same input, wherever they stand.
fn context_head(doc: &Doc, structure: &[u8], si: usize, mask: &[u8], head: &mut Vec<u8>) {
    let s = &doc.sentences[si];
    let r = s.tokens.clone();
    head.clear();
    head.extend_from_slice(&[s.kind as u8, doc.paragraphs[s.paragraph].kind as u8]);
    let (tokens, _) = window(&doc.t, &r, head);
    let (lo, hi) = (tokens.start, tokens.end);
    // Slices of whole-document arrays, copied: building them token by token here, for every
    // sentence at every keystroke, cost a sixth of a keystroke in a long story.
    head.extend_from_slice(&mask[lo..hi]);
    // The tokens around the sentence (those inside follow from its kind and range).
    head.extend_from_slice(&structure[lo..r.start]);
    head.extend_from_slice(&structure[r.end..hi]);
}

/// A token's sentence and paragraph kinds, and whether it begins its sentence and its
/// paragraph, in a byte.
fn structure_byte(kind: SentenceKind, para_kind: ParagraphKind, first: bool, para: bool) -> u8 {
    // 3 bits each for the kinds (0xff stays free: no paragraph kind is 7).
    (para_kind as u8) << 5 | (kind as u8) << 2 | u8::from(first) << 1 | u8::from(para)
}

/// The tokens a local stage may read around tokens `r`: `r` and [`CONTEXT`] tokens on either
/// side, as tokens and as bytes of the text. Adds to `head` what the window's text does not fix:
/// where `r` sits in it, the flags its first and last tokens take from outside it, and `r`'s
/// length.
fn window(t: &Tokens, r: &Range<usize>, head: &mut Vec<u8>) -> (Range<usize>, Range<usize>) {
    let (tokens, bytes) = window_of(t, r);
    let (lo, hi) = (tokens.start, tokens.end);
    head.extend_from_slice(&[
        (r.start - lo) as u8,
        (hi - r.end) as u8,
        t.toks[lo].flags,
        t.toks[hi - 1].flags,
    ]);
    head.extend_from_slice(&(r.len() as u32).to_le_bytes());
    (tokens, bytes)
}

/// The window around tokens `r` (`r` and [`CONTEXT`] tokens on either side), as tokens and as
/// bytes of the text.
fn window_of(t: &Tokens, r: &Range<usize>) -> (Range<usize>, Range<usize>) {
    let (lo, hi) = (
        r.start.saturating_sub(CONTEXT),
        (r.end + CONTEXT).min(t.len()),
    );
    (
        lo..hi,
        t.toks[lo].start as usize..t.toks[hi - 1].end as usize,
    )
}

impl Heads {
    /// Records the document's structure for the sentence heads (see [`context_head`]): for each
    /// token, [`structure_byte`] of its sentence; 0xff for a token in no sentence.
    fn structure(&mut self, doc: &Doc) {
        std::mem::swap(&mut self.structure, &mut self.old_structure);
        self.structure_gen = self.generation;
        let st = &mut self.structure;
        st.clear();
        st.resize(doc.t.len(), 0xff);
        for p in &doc.paragraphs {
            for (k, s) in doc.sentences[p.sentences.clone()].iter().enumerate() {
                let r = s.tokens.clone();
                if r.is_empty() {
                    continue;
                }
                st[r.clone()].fill(structure_byte(s.kind, p.kind, false, false));
                st[r.start] = structure_byte(s.kind, p.kind, true, k == 0);
            }
        }
    }

    /// Sets `stage`'s per-token mask for this analysis (`fill` pushes a byte a token), and
    /// finds where its sentences are [`Clean`]: the tokens the text shares with the last one at
    /// its start and end, as far as their structure and this mask are also the same.
    fn mask(&mut self, stage: Stage, fill: impl FnOnce(&mut Vec<u8>)) {
        let k = stage as usize;
        std::mem::swap(&mut self.masks[k], &mut self.old_masks[k]);
        let last = std::mem::replace(&mut self.mask_gen[k], self.generation);
        let m = &mut self.masks[k];
        m.clear();
        fill(m);
        let n = m.len();
        debug_assert_eq!(n, self.structure.len(), "a byte a token");
        // The last analysis's arrays, if it set them (a stage may not have run).
        let (os, om) = (&self.old_structure, &self.old_masks[k]);
        let comparable = self.structure_gen == self.generation
            && last + 1 == self.generation
            && os.len() == self.old_tokens
            && om.len() == self.old_tokens
            && n == self.structure.len();
        self.clean[k] = if comparable {
            let head = self
                .same_head
                .min(common_prefix(os, &self.structure))
                .min(common_prefix(om, m));
            let tail = self
                .same_tail
                .min(common_suffix(os, &self.structure))
                .min(common_suffix(om, m));
            Clean {
                head,
                tail: n - tail,
            }
        } else {
            Clean { head: 0, tail: n }
        };
    }

    /// The result of a sentence stage, in `pm`, for the piece of the text at bytes `key` with
    /// the tokens `tokens` (and `margin` tokens on either side) and the head `head_of` builds
    /// (from the structure bytes and the stage's mask): taken from the memo by position alone
    /// where those tokens lie in the stage's [`Clean`] stretches, else by its head.
    #[allow(clippy::too_many_arguments)] // the piece, its memo and the stage
    fn piece<'p, V>(
        &mut self,
        pm: &'p mut PieceMemo<V>,
        diff: &Diff,
        stage: Stage,
        tokens: Range<usize>,
        margin: usize,
        key: Range<usize>,
        head_of: impl Fn(&[u8], &[u8], &mut Vec<u8>),
        compute: impl FnOnce() -> V,
    ) -> &'p Arc<V> {
        let k = stage as usize;
        let (clean, structure, mask) = (self.clean[k], &self.structure, &self.masks[k]);
        let head = &mut self.head;
        if (tokens.end + margin <= clean.head || tokens.start >= clean.tail + margin)
            && pm.reuse(diff, key.clone())
        {
            if cfg!(debug_assertions) {
                // What the head would have been is the head copied.
                head_of(structure, mask, head);
                let e = pm.new.last().expect("just pushed");
                debug_assert_eq!(
                    &pm.new_heads[e.head.0 as usize..e.head.1 as usize],
                    &head[..],
                    "tokens {tokens:?}"
                );
            }
            return pm.last();
        }
        head_of(structure, mask, head);
        pm.get(diff, key, head, compute)
    }

    /// [`Heads::piece`] for sentence `si`'s window (see [`context_head`]).
    fn sentence<'p, V>(
        &mut self,
        pm: &'p mut PieceMemo<V>,
        diff: &Diff,
        stage: Stage,
        doc: &Doc,
        si: usize,
        compute: impl FnOnce() -> V,
    ) -> &'p Arc<V> {
        let r = doc.sentences[si].tokens.clone();
        let (_, key) = window_of(&doc.t, &r);
        self.piece(
            pm,
            diff,
            stage,
            r,
            CONTEXT,
            key,
            |structure, mask, head| context_head(doc, structure, si, mask, head),
            compute,
        )
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
    fn unchanged_lines_at_both_ends_are_taken_whole() {
        // Edits that change the number of tokens, shorten and lengthen the text, and add and
        // remove lines: the joined tokens are those of the edited text tokenized afresh, and
        // the lines before and after the edit are taken by position, not looked up one by one.
        let story = include_str!("../../seeds/peace-talks.txt").repeat(3);
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
        let story = include_str!("../../seeds/peace-talks.txt");
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
        let seed = include_str!("../../seeds/peace-talks.txt");
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
            (include_str!("../../seeds/peace-talks.txt"), DocKind::Text),
            (
                include_str!("../../seeds/council-budget.md"),
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
        let story = include_str!("../../seeds/harbor-strike.txt");
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
