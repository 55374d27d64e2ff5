//! Tokens, paragraphs and sentences.
//!
//! Hand-written rather than taken from a segmentation crate: news needs rules those crates do not
//! have (AP abbreviations such as "Sen." and "Jan.", "U.S." at a sentence end, straight and curly
//! quote marks told apart from apostrophes, datelines), and the tokenizer runs over every byte of
//! every keystroke, so it is a single pass without regexes or per-token allocation.

use crate::analysis::lexicon::lists::{
    ABBREVIATIONS as ABBREVIATIONS_LIST, MONTHS, PREFIX_ABBREVIATIONS,
    SENTENCE_STARTERS as SENTENCE_STARTERS_LIST, SPEAKER_VERBS, WEEKDAYS,
};
use crate::analysis::lexicon::lists::{
    CAPTION_LINE_WORDS as CAPTION_LINE_WORDS_LIST, TIMESTAMP_WORDS as TIMESTAMP_WORDS_LIST,
};
use std::ops::Range;

use super::lexicon::{BitsCache, with_lower};
use super::{ParagraphKind, SentenceKind, Span};

mod blocks;
mod sentences;
mod tokenize;

pub use blocks::*;
pub use sentences::*;
pub use tokenize::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    /// Letters (and digits, hyphens, inner apostrophes); abbreviations keep their dots.
    Word,
    /// Starts with a digit: "20,000", "3.5", "1990s".
    Number,
    /// A quote mark or an apostrophe standing alone; `quotes` decides which.
    Quote,
    /// The "'s" split off a possessive ("Trump's" is `Trump` + `'s`).
    Possessive,
    /// Any other character; "..." is one token.
    Punct,
}

pub const CAP: u8 = 1;
pub const ALLCAPS: u8 = 2;
/// A word that ends in its own dot: "Mr.", "U.S.", "W.".
pub const ABBREV: u8 = 4;
pub const SPACE_BEFORE: u8 = 8;
pub const NEWLINE_BEFORE: u8 = 16;
/// Whitespace (or the end of the text) follows.
pub const SPACE_AFTER: u8 = 32;

#[derive(Clone, Copy, Debug)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    pub kind: TokKind,
    pub flags: u8,
    /// The lexicon lists the lowercase text begins an entry of ([`super::lexicon::bits`]).
    pub bits: u16,
    pub(super) lo: u32,
    pub(super) lo_end: u32,
}

impl Token {
    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
    pub fn has(&self, f: u8) -> bool {
        self.flags & f != 0
    }
    pub fn is_cap(&self) -> bool {
        self.kind == TokKind::Word && self.has(CAP)
    }
}

#[derive(Default)]
pub struct Tokens {
    pub toks: Vec<Token>,
    pub(super) lower: String,
}

impl crate::analysis::lexicon::TokenWords for Tokens {
    fn lower(&self, i: usize) -> &str {
        Tokens::lower(self, i)
    }
    fn bare(&self, i: usize) -> &str {
        Tokens::bare(self, i)
    }
    fn has_bits(&self, i: usize, bits: u16) -> bool {
        Tokens::has_bits(self, i, bits)
    }
}

impl Tokens {
    pub fn len(&self) -> usize {
        self.toks.len()
    }
    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }
    /// The token's text in lowercase; "" past the end.
    ///
    /// The accessors here are total (past the end reads as an empty punctuation token), so a
    /// rule that looks one token too far sees "nothing" instead of panicking.
    pub fn lower(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => &self.lower[t.lo as usize..t.lo_end as usize],
            None => "",
        }
    }
    /// The token's lowercase text without a final abbreviation dot.
    pub fn bare(&self, i: usize) -> &str {
        self.lower(i).trim_end_matches('.')
    }
    /// Whether token `i` begins an entry of any of the lexicon lists `bits`; false past the end.
    pub fn has_bits(&self, i: usize, bits: u16) -> bool {
        self.toks.get(i).is_some_and(|t| t.bits & bits != 0)
    }
    pub fn kind(&self, i: usize) -> TokKind {
        self.toks.get(i).map_or(TokKind::Punct, |t| t.kind)
    }
    pub fn is(&self, i: usize, s: &str) -> bool {
        i < self.toks.len() && self.lower(i) == s
    }
    pub fn is_punct(&self, i: usize, s: &str) -> bool {
        i < self.toks.len() && self.toks[i].kind == TokKind::Punct && self.lower(i) == s
    }
    pub fn is_word(&self, i: usize) -> bool {
        i < self.toks.len() && self.toks[i].kind == TokKind::Word
    }
    pub fn is_cap(&self, i: usize) -> bool {
        i < self.toks.len() && self.toks[i].is_cap()
    }
}

impl Tokens {
    /// Appends the tokens of the pieces of the text that follow: `parts` gives each piece's byte
    /// offset in the whole text and its tokens (offsets relative to the piece).
    pub fn extend<'p>(&mut self, parts: impl IntoIterator<Item = (usize, &'p Tokens)>) {
        for (at, part) in parts {
            let at = at as u32;
            let lo = self.lower.len() as u32;
            self.lower.push_str(&part.lower);
            self.toks.extend(part.toks.iter().map(|t| Token {
                start: t.start + at,
                end: t.end + at,
                lo: t.lo + lo,
                lo_end: t.lo_end + lo,
                ..*t
            }));
        }
    }

    /// Replaces tokens `a..b` with `between` (made by [`Tokens::extend`], at the same places of
    /// the text) and moves the tokens after them `shift` bytes along the text: the tokens of an
    /// edited text whose end is unchanged, from the last text's, without joining that end's
    /// lines again.
    pub fn splice(&mut self, a: usize, b: usize, between: Tokens, shift: isize) {
        let lo_a = a.checked_sub(1).map_or(0, |p| self.toks[p].lo_end);
        let lo_b = self.toks.get(b).map_or(self.lower.len() as u32, |t| t.lo);
        self.lower
            .replace_range(lo_a as usize..lo_b as usize, &between.lower);
        let lower_shift = between.lower.len() as i64 - i64::from(lo_b - lo_a);
        let n = between.toks.len();
        self.toks.splice(
            a..b,
            between.toks.into_iter().map(|t| Token {
                lo: t.lo + lo_a,
                lo_end: t.lo_end + lo_a,
                ..t
            }),
        );
        let shift = shift as i64;
        let moved = |x: u32, by: i64| (i64::from(x) + by) as u32;
        for t in &mut self.toks[a + n..] {
            t.start = moved(t.start, shift);
            t.end = moved(t.end, shift);
            t.lo = moved(t.lo, lower_shift);
            t.lo_end = moved(t.lo_end, lower_shift);
        }
    }

    /// Keeps the first `n` tokens (and their lowercase forms).
    pub fn truncate(&mut self, n: usize) {
        self.toks.truncate(n);
        let lower = self.toks.last().map_or(0, |t| t.lo_end as usize);
        self.lower.truncate(lower);
    }

    /// The first token, from token `from` on, that starts at or after byte `at`; every token
    /// before `from` must start before it (a search forward from a known place: see
    /// [`crate::analysis::index::partition_from`]).
    pub fn starting_at(&self, from: usize, at: usize) -> usize {
        crate::analysis::index::partition_from(&self.toks, from, |k| (k.start as usize) < at)
    }

    /// The first token, from token `from` on, that ends after byte `at`; every token before
    /// `from` must end at or before it.
    pub fn ending_after(&self, from: usize, at: usize) -> usize {
        crate::analysis::index::partition_from(&self.toks, from, |k| (k.end as usize) <= at)
    }

    /// The same tokens, field for field (a test helper for the incremental analysis).
    pub fn same_as(&self, o: &Tokens) -> bool {
        self.toks.len() == o.toks.len()
            && self
                .toks
                .iter()
                .zip(&o.toks)
                .enumerate()
                .all(|(i, (a, b))| {
                    (a.start, a.end, a.kind, a.flags, a.bits)
                        == (b.start, b.end, b.kind, b.flags, b.bits)
                        && self.lower(i) == o.lower(i)
                })
    }
}

crate::word_sets! {
    TIMESTAMP_WORDS = TIMESTAMP_WORDS_LIST;
    CAPTION_LINE_WORDS = CAPTION_LINE_WORDS_LIST;
    ABBREVIATIONS = ABBREVIATIONS_LIST;
    SENTENCE_STARTERS = SENTENCE_STARTERS_LIST;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_forms_are_the_strings() {
        // Every token's lowercase form is what `str::to_lowercase` gives its text, final sigma,
        // dotted capital I and expanding characters included.
        let text = "ΟΔΥΣΣΕΥΣ Σ ΣΑΣ İstanbul ǅemal ÀÉÎ Straße ẞ Ωmega “Quoted” ＦＵＬＬ Łódź 🙂 ΆΣ.";
        let t = tokenize(text);
        assert!(t.len() > 10);
        for (i, k) in t.toks.iter().enumerate() {
            let piece = &text[k.start as usize..k.end as usize];
            assert_eq!(t.lower(i), piece.to_lowercase(), "{piece:?}");
        }
    }

    fn words(text: &str) -> Vec<String> {
        let t = tokenize(text);
        t.toks
            .iter()
            .map(|k| text[k.start as usize..k.end as usize].to_string())
            .collect()
    }

    fn sentences(text: &str) -> Vec<String> {
        let t = tokenize(text);
        split_sentences(text, &t, 0..t.len())
            .into_iter()
            .map(|r| {
                text[t.toks[r.start].start as usize..t.toks[r.end - 1].end as usize].to_string()
            })
            .collect()
    }

    #[test]
    fn possessives_contractions_and_initialisms() {
        assert_eq!(
            words("Russia's U.S. don't Trump’s"),
            ["Russia", "'s", "U.S.", "don't", "Trump", "’s"]
        );
        assert_eq!(words("at 3 a.m. on"), ["at", "3", "a.m.", "on"]);
        assert_eq!(words("pre-2014 borders"), ["pre-2014", "borders"]);
        assert_eq!(
            words("$20,000 and 3.5%"),
            ["$", "20,000", "and", "3.5", "%"]
        );
        assert_eq!(words("Mr. Peskov"), ["Mr.", "Peskov"]);
        assert_eq!(words("'lengthy call,'"), ["'", "lengthy", "call", ",", "'"]);
    }

    #[test]
    fn flags_mark_capitals_and_spacing() {
        let t = tokenize("NATO said\nYes");
        assert!(t.toks[0].has(CAP) && t.toks[0].has(ALLCAPS));
        assert!(!t.toks[1].has(CAP) && t.toks[1].has(SPACE_BEFORE));
        assert!(t.toks[2].has(NEWLINE_BEFORE));
        assert_eq!(t.lower(0), "nato");
    }

    #[test]
    fn multibyte_text_keeps_byte_offsets() {
        let text = "Zelenskyy’s “plan” 🙂 Dvořák said.";
        let t = tokenize(text);
        let dv = t
            .toks
            .iter()
            .find(|k| &text[k.start as usize..k.end as usize] == "Dvořák")
            .unwrap();
        assert_eq!(dv.start as usize, text.find("Dvořák").unwrap());
        assert_eq!(
            t.lower(t.toks.iter().position(|k| k.start == dv.start).unwrap()),
            "dvořák"
        );
    }

    #[test]
    fn sentences_respect_abbreviations() {
        assert_eq!(
            sentences("Sen. Smith met Mr. Jones at 3 p.m. on Jan. 5. They talked."),
            [
                "Sen. Smith met Mr. Jones at 3 p.m. on Jan. 5.",
                "They talked."
            ]
        );
        assert_eq!(
            sentences("He flew to the U.S. The talks began. George W. Bush spoke."),
            [
                "He flew to the U.S.",
                "The talks began.",
                "George W. Bush spoke."
            ]
        );
        assert_eq!(
            sentences("U.S. officials met in Washington D.C. on Friday."),
            ["U.S. officials met in Washington D.C. on Friday."]
        );
    }

    #[test]
    fn sentences_end_inside_quotes_and_after_missing_spaces() {
        assert_eq!(
            sentences("\"We won,\" he said. \"It was hard.\" She left.delay.While it rained."),
            [
                "\"We won,\" he said.",
                "\"It was hard.\"",
                "She left.delay.",
                "While it rained."
            ]
        );
        assert_eq!(sentences("\"Why?\" she asked."), ["\"Why?\" she asked."]);
    }

    #[test]
    fn plain_paragraphs_split_on_blank_lines_and_crlf() {
        let text = "Headline here\r\n\r\nFirst para\r\nstill first.\r\n\r\n\r\nSecond.\r\n";
        let b = plain_blocks(text);
        let got: Vec<&str> = b.iter().map(|p| &text[p.span.start..p.span.end]).collect();
        assert_eq!(
            got,
            ["Headline here", "First para\r\nstill first.", "Second."]
        );
        let lines = plain_blocks("One line.\nAnother line.\n");
        assert_eq!(lines.len(), 2);
    }

    #[test]
    fn paragraph_kinds() {
        let kind = |s: &str, idx| {
            let t = tokenize(s);
            paragraph_kind(s, &t, 0..t.len(), idx, false)
        };
        assert_eq!(
            kind("Trump announces peace talks", 0),
            ParagraphKind::Headline
        );
        assert_eq!(kind("Friday, July 21, 2017", 1), ParagraphKind::Dateline);
        assert_eq!(kind("By Jane Doe", 1), ParagraphKind::Byline);
        assert_eq!(kind("Talks begin. They end.", 0), ParagraphKind::Body);
        // A short line that introduces the next paragraph's quote is body text.
        assert_eq!(
            kind("Peskov spoke to reporters. He said:", 2),
            ParagraphKind::Body
        );
        let s = "MOSCOW, Russia (AP) — Talks began.";
        let t = tokenize(s);
        assert_eq!(dateline_len(&t, 0..t.len()), 7);
    }

    #[test]
    fn sentence_kinds() {
        let kind = |s: &str| {
            let t = tokenize(s);
            sentence_kind(&t, 0..t.len())
        };
        assert_eq!(kind("Image: United States Navy."), SentenceKind::Caption);
        assert_eq!(kind("Will the talks work?"), SentenceKind::Question);
        assert_eq!(kind("The talks work."), SentenceKind::Body);
    }
}
