//! [`Doc`]: the document as the stages see it (prose text, tokens, paragraphs, sentences),
//! and a paragraph's structure as the tokenizer's neighbours find it.

use std::ops::Range;

use crate::analysis::facts::Local;
use crate::analysis::lexicon::Lex;
use crate::analysis::model::{Paragraph, ParagraphKind, Sentence, SentenceKind, Span};
use crate::analysis::text::{self, Tokens};

/// The document as the stages see it: prose text, tokens and structure.
pub struct Doc<'a> {
    /// The text with non-prose bytes blanked (Markdown), or the text itself.
    pub text: &'a str,
    pub t: Tokens,
    pub lex: Lex<'a>,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    /// For each token, the sentence that holds it.
    pub sentence_of: Vec<u32>,
    /// For each token, whether it is inside a quotation (someone else's words); filled once
    /// the quotes are known.
    pub quoted: Vec<bool>,
    /// For each sentence, what its own tokens say about claims; filled with `quoted`.
    pub locals: Locals,
}

/// The claim-local facts of each sentence: computed for this analysis, or shared with the
/// incremental memo (cloning each sentence's facts out of it cost an allocation a sentence).
pub enum Locals {
    Owned(Vec<Local>),
    Shared(Vec<std::sync::Arc<Local>>),
}

impl std::ops::Index<usize> for Locals {
    type Output = Local;

    fn index(&self, si: usize) -> &Local {
        match self {
            Locals::Owned(v) => &v[si],
            Locals::Shared(v) => &v[si],
        }
    }
}

impl Doc<'_> {
    pub fn tok_text(&self, i: usize) -> &str {
        let t = &self.t.toks[i];
        &self.text[t.start as usize..t.end as usize]
    }
    /// The text from the start of token `a` to the end of token `b - 1`.
    pub fn range_text(&self, r: Range<usize>) -> &str {
        if r.is_empty() {
            return "";
        }
        &self.text[self.t.toks[r.start].start as usize..self.t.toks[r.end - 1].end as usize]
    }
    pub fn range_span(&self, r: Range<usize>) -> Span {
        if r.is_empty() {
            let at = self
                .t
                .toks
                .get(r.start)
                .map_or(self.text.len(), |t| t.start as usize);
            return Span::new(at, at);
        }
        Span::new(
            self.t.toks[r.start].start as usize,
            self.t.toks[r.end - 1].end as usize,
        )
    }
}

/// A paragraph's kind and its sentences with their kinds (token ranges relative to the
/// paragraph's first token when kept in the incremental memo).
#[derive(Clone, Debug)]
pub(crate) struct BlockStructure {
    pub(crate) kind: ParagraphKind,
    pub(crate) sentences: Vec<(Range<usize>, SentenceKind)>,
}

impl BlockStructure {
    pub(crate) fn moved(mut self, from: usize, to: usize) -> BlockStructure {
        for (r, _) in &mut self.sentences {
            *r = r.start - from + to..r.end - from + to;
        }
        self
    }
}

/// The structure of the paragraph whose tokens are `r` (block `pi` of the text).
pub(crate) fn block_structure(
    text: &str,
    t: &Tokens,
    r: Range<usize>,
    pi: usize,
    heading: bool,
) -> BlockStructure {
    let (s, e) = (r.start, r.end);
    let kind = text::paragraph_kind(text, t, s..e, pi, heading);
    #[allow(clippy::single_range_in_vec_init)] // one sentence: the whole paragraph
    let mut ranges = if kind == ParagraphKind::Body {
        text::split_sentences(text, t, s..e)
    } else {
        vec![s..e]
    };
    // A dateline ("MOSCOW —") stands apart from the sentence it opens.
    if kind == ParagraphKind::Body && !ranges.is_empty() {
        let d = text::dateline_len(t, ranges[0].clone());
        if d > 0 && d < ranges[0].len() {
            let r0 = ranges[0].clone();
            ranges[0] = r0.start + d..r0.end;
            ranges.insert(0, r0.start..r0.start + d);
        }
    }
    let sentences = ranges
        .into_iter()
        .enumerate()
        .map(|(k, r)| {
            let skind = match kind {
                ParagraphKind::Body if k == 0 && text::dateline_len(t, r.clone()) == r.len() => {
                    SentenceKind::Dateline
                }
                ParagraphKind::Body => text::sentence_kind(t, r.clone()),
                ParagraphKind::Headline => SentenceKind::Headline,
                ParagraphKind::Heading => SentenceKind::Heading,
                ParagraphKind::Dateline => SentenceKind::Dateline,
                ParagraphKind::Byline => SentenceKind::Byline,
            };
            (r, skind)
        })
        .collect();
    BlockStructure { kind, sentences }
}
