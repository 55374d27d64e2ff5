//! Heads: what a piece's result depends on besides its bytes (its sentence's structure, the
//! stage's mask around it), copied from whole-document arrays, and where they need not be built.

use super::*;

/// What the sentence stages' heads are copied from (see [`context_head`]), this analysis's and
/// the last's, and where they need not be built (see [`Clean`]).
#[derive(Default)]
pub(super) struct Heads {
    /// For each token of the text being analysed, the kind of its sentence and paragraph and
    /// whether it begins its sentence or paragraph (see [`structure_byte`]); filled by
    /// [`Heads::structure`]. The last analysis's, for comparison.
    pub(super) structure: Vec<u8>,
    pub(super) old_structure: Vec<u8>,
    /// Each sentence stage's per-token mask (see [`context_head`]), this analysis's and the
    /// last's, by [`Stage`].
    pub(super) masks: [Vec<u8>; 3],
    pub(super) old_masks: [Vec<u8>; 3],
    /// For each sentence stage, the tokens at the start and end of the text that are what they
    /// were in the last analysis, structure and mask included (see [`Clean`]).
    pub(super) clean: [Clean; 3],
    /// How many tokens at the start of the text are the last analysis's, and how many at its end
    /// (shifted); and how many tokens the last analysis had.
    pub(super) same_head: usize,
    pub(super) same_tail: usize,
    pub(super) old_tokens: usize,
    /// Counts analyses; which analysis last set the structure and each mask.
    pub(super) generation: u64,
    pub(super) structure_gen: u64,
    pub(super) mask_gen: [u64; 3],
    /// A buffer for building heads.
    pub(super) head: Vec<u8>,
}

/// The sentence stages whose heads read a per-token mask.
#[derive(Clone, Copy)]
pub(super) enum Stage {
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
pub(super) struct Clean {
    pub(super) head: usize,
    pub(super) tail: usize,
}

/// How many tokens on each side of a sentence the sentence-local stages may read (they look a
/// token or two past the sentence's ends: the quote that opens the next paragraph, the comma
/// after a name).
pub(super) const CONTEXT: usize = 4;

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
pub(super) fn context_head(
    doc: &Doc,
    structure: &[u8],
    si: usize,
    mask: &[u8],
    head: &mut Vec<u8>,
) {
    let s = &doc.sentences[si];
    let r = s.tokens.clone();
    head.clear();
    // The story's first sentence may be its title (see `claims::title_line`), which hangs on
    // whether paragraphs follow it.
    let title = si == 0 && crate::analysis::claims::title_line(doc);
    head.extend_from_slice(&[
        s.kind as u8,
        doc.paragraphs[s.paragraph].kind as u8,
        u8::from(title),
    ]);
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
pub(super) fn structure_byte(
    kind: SentenceKind,
    para_kind: ParagraphKind,
    first: bool,
    para: bool,
) -> u8 {
    // 3 bits each for the kinds (0xff stays free: no paragraph kind is 7).
    (para_kind as u8) << 5 | (kind as u8) << 2 | u8::from(first) << 1 | u8::from(para)
}

/// The tokens a local stage may read around tokens `r`: `r` and [`CONTEXT`] tokens on either
/// side, as tokens and as bytes of the text. Adds to `head` what the window's text does not fix:
/// where `r` sits in it, the flags its first and last tokens take from outside it, and `r`'s
/// length.
pub(super) fn window(
    t: &Tokens,
    r: &Range<usize>,
    head: &mut Vec<u8>,
) -> (Range<usize>, Range<usize>) {
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
pub(super) fn window_of(t: &Tokens, r: &Range<usize>) -> (Range<usize>, Range<usize>) {
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
    pub(super) fn structure(&mut self, doc: &Doc) {
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
    pub(super) fn mask(&mut self, stage: Stage, fill: impl FnOnce(&mut Vec<u8>)) {
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
    pub(super) fn piece<'p, V>(
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
    pub(super) fn sentence<'p, V>(
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
