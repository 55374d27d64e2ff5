//! The tokenizer: one pass over the text, abbreviations keeping their dots, possessives split
//! off, quote marks told apart from apostrophes, each token's lexicon bits looked up once.

use super::*;

pub(super) fn is_quote_char(c: char) -> bool {
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

pub(super) fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

pub(super) fn is_hyphen(c: char) -> bool {
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

/// A word's end and flags, given the bytes `word` that [`scan_word`] found and the first
/// character `c`: an abbreviation dot taken in (initialisms "U.S.", single initials "W.",
/// listed abbreviations), capitals and all capitals.
#[inline]
fn word_flags(text: &str, word: Range<usize>, c: char, pending: u8) -> (usize, u8) {
    let (start, mut word_end) = (word.start, word.end);
    let numeric = c.is_ascii_digit();
    let n = text.len();
    let mut flags = pending;
    let word = &text[start..word_end];
    // Abbreviation dot: initialisms ("U.S."), single initials ("W."), listed abbreviations.
    if word_end < n && text.as_bytes()[word_end] == b'.' && !numeric {
        let is_initialism = word.contains('.');
        let single_initial = word.chars().count() == 1 && c.is_uppercase();
        let listed = with_lower(word, |l| ABBREVIATIONS.contains(l));
        if is_initialism || single_initial || listed {
            word_end += 1;
            flags |= ABBREV;
        }
    }
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
    (word_end, flags)
}

/// The end of the word that starts at byte `i` with character `c`, and whether it has a
/// character outside ASCII: letters and digits, apostrophes and hyphens inside it, a number's
/// separators ("4,000", "2.5"), an initialism's inner dots ("U.S").
#[inline]
fn scan_word(text: &str, i: usize, c: char) -> (usize, bool) {
    let b = text.as_bytes();
    let n = text.len();
    let ch_at = |i: usize| text[i..].chars().next().unwrap_or(' ');
    let numeric = c.is_ascii_digit();
    let mut j = i + c.len_utf8();
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
    (j, wide)
}

pub(super) fn tokenize_with(text: &str, cache: &mut BitsCache) -> Tokens {
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
            let (j, wide) = scan_word(text, i, c);
            let (word_end, flags) = word_flags(text, start..j, c, flags_pending);
            let kind = if numeric {
                TokKind::Number
            } else {
                TokKind::Word
            };
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
        // Two apostrophes or two backticks are one double quote mark (the New York Times'
        // and LaTeX's ''...'' and ``...'').
        let doubled = (c == '\'' || c == '`') && i + 1 < n && b[i + 1] == c as u8;
        if is_quote_char(c) || doubled {
            let end = if doubled { i + 2 } else { i + cl };
            push(
                &mut toks,
                &mut lower,
                start,
                end,
                TokKind::Quote,
                flags_pending,
                false,
            );
            flags_pending = 0;
            i = end;
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
