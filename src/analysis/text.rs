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
use std::ops::Range;

use super::lexicon::{BitsCache, with_lower};
use super::{ParagraphKind, SentenceKind, Span};

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
    lo: u32,
    lo_end: u32,
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
    lower: String,
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
    ABBREVIATIONS = ABBREVIATIONS_LIST;
    SENTENCE_STARTERS = SENTENCE_STARTERS_LIST;
}

fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201C}'
            | '\u{201D}'
            | '\u{201E}'
            | '\u{00AB}'
            | '\u{00BB}'
    )
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn is_hyphen(c: char) -> bool {
    c == '-' || c == '\u{2010}' || c == '\u{2011}'
}

thread_local! {
    /// Each thread's cache of lexicon lookups (the lexicon never changes, so it never goes stale).
    static BITS: std::cell::RefCell<BitsCache> = std::cell::RefCell::default();
}

/// Splits `text` into tokens. Never fails; every token's range is on character boundaries.
pub fn tokenize(text: &str) -> Tokens {
    BITS.with_borrow_mut(|cache| tokenize_with(text, cache))
}

fn tokenize_with(text: &str, cache: &mut BitsCache) -> Tokens {
    let b = text.as_bytes();
    let n = text.len();
    let mut toks: Vec<Token> = Vec::with_capacity(n / 5 + 4);
    let mut lower = String::with_capacity(n + n / 8);
    let mut flags_pending = 0u8;
    let mut i = 0usize;
    let ch_at = |i: usize| text[i..].chars().next().unwrap_or(' ');
    // `ascii`: the caller knows the piece is ASCII (the word scanner does), so it is not scanned
    // again.
    let mut push = |toks: &mut Vec<Token>,
                    lower: &mut String,
                    s: usize,
                    e: usize,
                    kind: TokKind,
                    flags: u8,
                    ascii: bool| {
        let lo = lower.len() as u32;
        let piece = &text[s..e];
        debug_assert!(!ascii || piece.is_ascii(), "{piece:?}");
        if ascii || piece.is_ascii() {
            let from = lower.len();
            lower.push_str(piece);
            lower[from..].make_ascii_lowercase();
        } else if piece.contains('\u{3a3}') {
            // A capital sigma lowercases by its place in the word: the whole-string mapping.
            lower.push_str(&piece.to_lowercase());
        } else {
            // Character by character, without a string per token: the same as
            // `str::to_lowercase`, whose only context-dependent mapping is the sigma above.
            lower.extend(piece.chars().flat_map(char::to_lowercase));
        }
        toks.push(Token {
            start: s as u32,
            end: e as u32,
            kind,
            flags,
            bits: cache.bits(&lower[lo as usize..]),
            lo,
            lo_end: lower.len() as u32,
        });
    };
    while i < n {
        // ASCII fast path for the commonest byte classes; everything else decodes a char.
        let c = if b[i] < 0x80 { b[i] as char } else { ch_at(i) };
        let cl = c.len_utf8();
        let space = if c.is_ascii() {
            c.is_ascii_whitespace() || c == '\u{b}'
        } else {
            c.is_whitespace()
        };
        if space {
            flags_pending |= SPACE_BEFORE;
            if c == '\n' || c == '\r' {
                flags_pending |= NEWLINE_BEFORE;
            }
            if let Some(last) = toks.last_mut() {
                last.flags |= SPACE_AFTER;
            }
            i += cl;
            continue;
        }
        let start = i;
        let alnum = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric()
        };
        if alnum {
            let numeric = c.is_ascii_digit();
            let mut j = i + cl;
            // Letters of an initialism so far ("U.S" while reading "U.S.").
            let mut initialism = c.is_alphabetic();
            let mut seg_len = 1usize;
            // Whether the word has a non-ASCII character (set wherever one is taken in).
            let mut wide = !c.is_ascii();
            while j < n {
                if b[j].is_ascii_alphanumeric() {
                    j += 1;
                    seg_len += 1;
                    continue;
                }
                let d = if b[j] < 0x80 {
                    b[j] as char
                } else {
                    wide = true;
                    ch_at(j)
                };
                let dl = d.len_utf8();
                if d.is_alphanumeric() {
                    j += dl;
                    seg_len += 1;
                    continue;
                }
                let next = if j + dl < n {
                    if b[j + dl] < 0x80 {
                        b[j + dl] as char
                    } else {
                        ch_at(j + dl)
                    }
                } else {
                    ' '
                };
                if is_apostrophe(d) && next.is_alphabetic() && !numeric {
                    j += dl;
                    continue;
                }
                if is_hyphen(d) && next.is_alphanumeric() {
                    j += dl;
                    initialism = false;
                    continue;
                }
                if (d == ',' || d == '.') && numeric && next.is_ascii_digit() {
                    j += dl;
                    continue;
                }
                if d == '.' && initialism && seg_len == 1 && next.is_alphabetic() {
                    // "U.S", "a.m": one letter, a dot, then a letter that is itself followed by a dot.
                    let after = j + dl + next.len_utf8();
                    if after < n && b[after] == b'.' {
                        wide |= !next.is_ascii();
                        j = after;
                        seg_len = 1;
                        continue;
                    }
                }
                break;
            }
            let mut word_end = j;
            let mut flags = flags_pending;
            let word = &text[start..word_end];
            // Abbreviation dot: initialisms ("U.S."), single initials ("W."), listed abbreviations.
            if word_end < n && b[word_end] == b'.' && !numeric {
                let is_initialism = word.contains('.');
                let single_initial = word.chars().count() == 1 && c.is_uppercase();
                let listed = with_lower(word, |l| ABBREVIATIONS.contains(l));
                if is_initialism || single_initial || listed {
                    word_end += 1;
                    flags |= ABBREV;
                }
            }
            let kind = if numeric {
                TokKind::Number
            } else {
                TokKind::Word
            };
            if c.is_uppercase() {
                flags |= CAP;
                if word
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase)
                    && word.chars().filter(|c| c.is_alphabetic()).count() > 1
                {
                    flags |= ALLCAPS;
                }
            }
            // Possessive: split the "'s" off ("Trump's" -> "Trump" "'s").
            let w = &text[start..word_end];
            let poss = (w.ends_with("'s") || w.ends_with("\u{2019}s") || w.ends_with("'S"))
                && flags & ABBREV == 0;
            if poss {
                let cut = if w.ends_with("\u{2019}s") { 4 } else { 2 };
                let mid = word_end - cut;
                if mid > start {
                    push(&mut toks, &mut lower, start, mid, kind, flags, !wide);
                    push(
                        &mut toks,
                        &mut lower,
                        mid,
                        word_end,
                        TokKind::Possessive,
                        0,
                        !wide,
                    );
                } else {
                    push(&mut toks, &mut lower, start, word_end, kind, flags, !wide);
                }
            } else {
                push(&mut toks, &mut lower, start, word_end, kind, flags, !wide);
            }
            flags_pending = 0;
            i = word_end;
            continue;
        }
        if is_quote_char(c) {
            push(
                &mut toks,
                &mut lower,
                start,
                i + cl,
                TokKind::Quote,
                flags_pending,
                false,
            );
            flags_pending = 0;
            i += cl;
            continue;
        }
        // Runs of dots are one ellipsis; "--" is one dash.
        let mut j = i + cl;
        if c == '.' || c == '-' {
            while j < n && b[j] == c as u8 {
                j += 1;
            }
        }
        push(
            &mut toks,
            &mut lower,
            start,
            j,
            TokKind::Punct,
            flags_pending,
            false,
        );
        flags_pending = 0;
        i = j;
    }
    if let Some(last) = toks.last_mut() {
        last.flags |= SPACE_AFTER;
    }
    Tokens { toks, lower }
}

/// The byte offset where each line starts: 0, then after every `\n`, `\r\n` and lone `\r` (the
/// line breaks LSP counts; U+2028 is not one).
pub fn line_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut starts = Vec::with_capacity(b.len() / 64 + 1);
    starts.push(0);
    for i in memchr::memchr2_iter(b'\n', b'\r', b) {
        if b[i] == b'\n' || b.get(i + 1) != Some(&b'\n') {
            starts.push(i + 1);
        }
    }
    starts
}

/// Where the tokenizer can start afresh: at every line break (the piece that follows begins with
/// it). The tokenizer carries nothing across whitespace but "a space/newline came before", which
/// the line break at the start of the next piece gives again, and "a space follows", which the
/// end of a piece gives; so tokenizing the pieces one by one gives the tokens of the whole
/// (`incremental::tests` and its property test hold this).
///
/// `cuts` are the text's [`line_starts`], which the caller has already (plain text's paragraphs
/// are found from them too).
pub fn fresh_starts(text: &str, mut cuts: Vec<usize>) -> Vec<usize> {
    let b = text.as_bytes();
    for s in cuts.iter_mut().skip(1) {
        // Back over the line break that ends the line before.
        *s -= if *s >= 2 && b[*s - 1] == b'\n' && b[*s - 2] == b'\r' {
            2
        } else {
            1
        };
    }
    cuts
}

/// A paragraph as found in the text, before its kind is known.
pub struct RawBlock {
    pub span: Span,
    pub heading: bool,
}

/// Paragraphs of plain text: separated by blank lines; if the text has none, every line.
pub fn plain_blocks(text: &str) -> Vec<RawBlock> {
    plain_blocks_at(text, &line_starts(text))
}

/// [`plain_blocks`] of a text whose [`line_starts`] are known.
pub fn plain_blocks_at(text: &str, line_starts: &[usize]) -> Vec<RawBlock> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let line = |k: usize| -> (usize, usize) {
        let s = line_starts[k];
        let e = line_starts.get(k + 1).copied().unwrap_or(b.len());
        (s, e)
    };
    let blank = |k: usize| {
        let (s, e) = line(k);
        text[s..e].trim().is_empty()
    };
    let nlines = line_starts.len();
    let has_blank = (0..nlines).any(|k| blank(k) && k + 1 < nlines && k > 0);
    let mut cur: Option<(usize, usize)> = None;
    for k in 0..nlines {
        let (s, e) = line(k);
        if blank(k) {
            if let Some(p) = cur.take() {
                out.push(p);
            }
            continue;
        }
        match &mut cur {
            Some(p) if has_blank => p.1 = e,
            Some(_) => {
                out.push(cur.take().unwrap());
                cur = Some((s, e));
            }
            None => cur = Some((s, e)),
        }
    }
    if let Some(p) = cur {
        out.push(p);
    }
    out.into_iter()
        .filter_map(|(s, e)| {
            let t = &text[s..e];
            let lead = t.len() - t.trim_start().len();
            let trail = t.len() - t.trim_end().len();
            (e - trail > s + lead).then(|| RawBlock {
                span: Span::new(s + lead, e - trail),
                heading: false,
            })
        })
        .collect()
}

fn is_terminal(s: &str) -> bool {
    matches!(s, "." | "!" | "?" | "..." | "\u{2026}")
}

fn is_closing_punct(t: &Tokens, i: usize) -> bool {
    match t.kind(i) {
        TokKind::Quote => !t.toks[i].has(SPACE_BEFORE),
        TokKind::Punct => matches!(t.lower(i), ")" | "]"),
        _ => false,
    }
}

/// A speaker and a speech verb at `j`: up to four capitalised words (or a pronoun) then the verb,
/// or the verb then the speaker.
fn speaker_follows(t: &Tokens, j: usize, end: usize) -> bool {
    if j < end && SPEAKER_VERBS.contains(&t.lower(j)) {
        return true;
    }
    let mut k = j;
    while k < end
        && k < j + 4
        && t.toks[k].kind == TokKind::Word
        && (t.toks[k].has(CAP) || matches!(t.lower(k), "he" | "she" | "they"))
    {
        k += 1;
    }
    k > j && k < end && SPEAKER_VERBS.contains(&t.lower(k)) && !t.toks[k].has(CAP)
}

/// Splits the tokens `range` of one paragraph into sentence token ranges.
pub fn split_sentences(text: &str, t: &Tokens, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    let mut i = range.start;
    while i < range.end {
        let tok = t.toks[i];
        let mut boundary = false;
        let mut j = i + 1;
        if tok.kind == TokKind::Punct && is_terminal(t.lower(i)) {
            while j < range.end && is_closing_punct(t, j) {
                j += 1;
            }
            boundary = if j >= range.end {
                true
            } else {
                let next = t.toks[j];
                let spaced = next.has(SPACE_BEFORE) || j > i + 1;
                let next_text = &text[next.start as usize..next.end as usize];
                let upper = next_text
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
                let opener = next.kind == TokKind::Quote
                    || (next.kind == TokKind::Punct
                        && matches!(t.lower(j), "(" | "[" | "\u{2014}" | "-"));
                if spaced
                    && j > i + 1
                    && !next.has(NEWLINE_BEFORE)
                    && speaker_follows(t, j, range.end)
                {
                    // '"Why?" Graham asked.': the quote's sentence goes on to its speaker.
                    false
                } else if spaced {
                    upper || opener || next.has(NEWLINE_BEFORE)
                } else {
                    // "delay.While": a missing space after a full stop between two real words.
                    t.lower(i) == "."
                        && upper
                        && next.kind == TokKind::Word
                        && i > range.start
                        && t.kind(i - 1) == TokKind::Word
                        && t.lower(i - 1).chars().count() > 1
                        && next_text.chars().nth(1).is_some_and(char::is_lowercase)
                }
            };
        } else if tok.kind == TokKind::Word && tok.has(ABBREV) {
            while j < range.end && is_closing_punct(t, j) {
                j += 1;
            }
            let bare = t.bare(i);
            boundary = if PREFIX_ABBREVIATIONS.contains(&bare)
                || (bare.len() == 1 && tok.has(CAP) && !t.lower(i).contains('.'))
            {
                // Titles and single initials ("W.") sit before a name.
                j >= range.end && bare.len() > 1
            } else if j >= range.end {
                true
            } else {
                let next = t.toks[j];
                next.has(NEWLINE_BEFORE)
                    || (next.kind == TokKind::Word
                        && next.has(CAP)
                        && SENTENCE_STARTERS.contains(t.lower(j)))
                    || (next.kind == TokKind::Quote && next.has(SPACE_BEFORE))
            };
            // A single capital initial can still close a sentence before a clear starter.
            if !boundary
                && bare.len() == 1
                && j < range.end
                && t.is_cap(j)
                && matches!(t.lower(j), "the" | "he" | "she" | "it" | "they" | "but")
            {
                boundary = true;
            }
        } else if tok.has(NEWLINE_BEFORE) && i > start {
            // A line break after a line with no closing punctuation, before a capital: a list or
            // a headline-like line inside the paragraph. Hard-wrapped prose continues in lowercase
            // or after a comma, so it stays one sentence.
            let prev = i - 1;
            let prev_ends_open = matches!(t.kind(prev), TokKind::Word | TokKind::Number)
                && !t.toks[prev].has(ABBREV);
            let short_line = text[t.toks[start].start as usize..t.toks[prev].end as usize]
                .rsplit('\n')
                .next()
                .is_some_and(|l| l.split_whitespace().count() <= 12);
            if prev_ends_open && short_line && tok.is_cap() && t.lower(prev) != "and" {
                out.push(start..i);
                start = i;
            }
        }
        if boundary {
            out.push(start..j);
            start = j;
            i = j;
            continue;
        }
        i += 1;
    }
    if start < range.end {
        out.push(start..range.end);
    }
    out
}

pub fn is_month(s: &str) -> bool {
    MONTHS.contains(&s)
}
pub fn is_weekday(s: &str) -> bool {
    WEEKDAYS.contains(&s)
}

/// A line that is only a date: "Friday, July 21, 2017", "21 July 2017", "2017-07-21".
fn is_date_line(t: &Tokens, r: Range<usize>) -> bool {
    // Every word must be a date word: the first that is not ends the search (this runs on every
    // paragraph).
    let mut datey = 0;
    for i in r {
        match t.kind(i) {
            TokKind::Word => {
                let l = t.lower(i);
                if is_month(l)
                    || is_weekday(l)
                    || matches!(
                        l,
                        "updated"
                            | "published"
                            | "posted"
                            | "am"
                            | "pm"
                            | "a.m."
                            | "p.m."
                            | "utc"
                            | "gmt"
                            | "et"
                            | "est"
                            | "edt"
                    )
                {
                    datey += 1;
                } else {
                    return false;
                }
            }
            TokKind::Number => {}
            TokKind::Punct => {
                if !matches!(t.lower(i), "," | "-" | "/" | ":" | ".") {
                    return false;
                }
            }
            _ => return false,
        }
    }
    datey > 0
}

/// Length in tokens of a dateline at the start of a paragraph: "MOSCOW —", "KYIV, Ukraine (AP) —".
pub fn dateline_len(t: &Tokens, r: Range<usize>) -> usize {
    let limit = r.end.min(r.start + 12);
    let mut i = r.start;
    let mut saw_caps = false;
    while i < limit {
        let tok = t.toks[i];
        match tok.kind {
            TokKind::Word if tok.has(ALLCAPS) || (saw_caps && tok.has(CAP)) => saw_caps = true,
            TokKind::Punct if matches!(t.lower(i), "," | "(" | ")" | ".") => {}
            TokKind::Punct
                if saw_caps && matches!(t.lower(i), "\u{2014}" | "\u{2013}" | "-" | "--") =>
            {
                return i + 1 - r.start;
            }
            _ => return 0,
        }
        i += 1;
    }
    0
}

/// The kind of a paragraph of `tokens`, the `index`th of the document.
pub fn paragraph_kind(
    text: &str,
    t: &Tokens,
    r: Range<usize>,
    index: usize,
    heading: bool,
) -> ParagraphKind {
    if heading {
        return ParagraphKind::Heading;
    }
    if r.is_empty() {
        return ParagraphKind::Body;
    }
    let first = t.toks[r.start];
    let last = t.toks[r.end - 1];
    let body = &text[first.start as usize..last.end as usize];
    if is_date_line(t, r.clone()) {
        return ParagraphKind::Dateline;
    }
    // Bylines and headlines are one line.
    if memchr::memchr(b'\n', body.as_bytes()).is_some() {
        return ParagraphKind::Body;
    }
    let words = r.clone().filter(|&i| t.kind(i) == TokKind::Word).count();
    if words <= 8 && t.is(r.start, "by") && r.len() > 1 && t.is_cap(r.start + 1) {
        return ParagraphKind::Byline;
    }
    let ends_terminal = {
        let mut k = r.end - 1;
        while k > r.start && is_closing_punct(t, k) {
            k -= 1;
        }
        matches!(t.lower(k), "." | "!" | "..." | "\u{2026}")
            || t.toks[k].has(ABBREV) && t.bare(k).len() > 1
    };
    if !ends_terminal && words <= 25 && (index == 0 || words <= 12) && t.lower(r.end - 1) != "," {
        return ParagraphKind::Headline;
    }
    ParagraphKind::Body
}

/// The kind of a sentence in a body paragraph.
pub fn sentence_kind(t: &Tokens, r: Range<usize>) -> SentenceKind {
    if r.is_empty() {
        return SentenceKind::Body;
    }
    let first = t.lower(r.start);
    if matches!(
        first,
        "image"
            | "photo"
            | "picture"
            | "caption"
            | "credit"
            | "credits"
            | "video"
            | "file"
            | "pictured"
            | "above"
            | "below"
    ) && (t.is_punct(r.start + 1, ":") || t.is_punct(r.start + 1, "-"))
    {
        return SentenceKind::Caption;
    }
    let mut k = r.end - 1;
    while k > r.start && matches!(t.kind(k), TokKind::Quote) {
        k -= 1;
    }
    if t.is_punct(k, "?") {
        return SentenceKind::Question;
    }
    SentenceKind::Body
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
