//! Sentences and their kinds: sentence ends (abbreviations, quotes, a speaker after a quote),
//! datelines, headlines and bylines.

use super::*;

pub(super) fn is_terminal(s: &str) -> bool {
    matches!(s, "." | "!" | "?" | "..." | "\u{2026}")
}

pub(super) fn is_closing_punct(t: &Tokens, i: usize) -> bool {
    match t.kind(i) {
        TokKind::Quote => !t.toks[i].has(SPACE_BEFORE),
        TokKind::Punct => matches!(t.lower(i), ")" | "]"),
        _ => false,
    }
}

/// A speaker and a speech verb at `j`: up to four capitalised words (or a pronoun) then the verb,
/// or the verb then the speaker.
pub(super) fn speaker_follows(t: &Tokens, j: usize, end: usize) -> bool {
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
pub(super) fn is_date_line(t: &Tokens, r: Range<usize>) -> bool {
    // Every word must be a date word: the first that is not ends the search (this runs on every
    // paragraph).
    let mut datey = 0;
    for i in r {
        match t.kind(i) {
            TokKind::Word => {
                let l = t.lower(i);
                if is_month(l) || is_weekday(l) || TIMESTAMP_WORDS.contains(l) {
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
    // A short line ending in a colon after the first is an introduction ("He said:" before
    // the quote's paragraph), not a headline; nor is a line with a sentence ending inside it.
    let intro = (index > 0 && t.lower(r.end - 1) == ":") || !one_sentence(t, r.clone());
    if !ends_terminal
        && words <= 25
        && (index == 0 || words <= 12)
        && t.lower(r.end - 1) != ","
        && !intro
    {
        return ParagraphKind::Headline;
    }
    ParagraphKind::Body
}

/// No sentence ends inside `r` before its last token (closing quotes and brackets aside).
fn one_sentence(t: &Tokens, r: Range<usize>) -> bool {
    let mut k = r.end - 1;
    while k > r.start && is_closing_punct(t, k) {
        k -= 1;
    }
    !(r.start..k).any(|i| t.kind(i) == TokKind::Punct && matches!(t.lower(i), "." | "!" | "?"))
}

/// The kind of a sentence in a body paragraph.
pub fn sentence_kind(t: &Tokens, r: Range<usize>) -> SentenceKind {
    if r.is_empty() {
        return SentenceKind::Body;
    }
    let first = t.lower(r.start);
    if CAPTION_LINE_WORDS.contains(first)
        && (t.is_punct(r.start + 1, ":") || t.is_punct(r.start + 1, "-"))
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
