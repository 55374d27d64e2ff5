//! Quotations: which quote tokens open and close quotes, nesting, and quotes that run on across
//! paragraphs (AP style: no closing mark at the end of a paragraph when the next one continues
//! the quote with an opening mark).

use std::ops::Range;

use crate::analysis::model::{QuoteKind, Span};
use crate::analysis::text::{SPACE_AFTER, SPACE_BEFORE, TokKind, Tokens};

/// A quotation found in the text.
#[derive(Clone, Debug)]
pub struct QuoteMark {
    /// From the opening mark to the closing mark, both included.
    pub span: Span,
    /// Between the marks.
    pub inner: Span,
    /// Tokens between the marks.
    pub tokens: Range<usize>,
    pub open_tok: usize,
    pub close_tok: Option<usize>,
    /// Inside another quote.
    pub nested: bool,
    pub double: bool,
    /// Runs on across a paragraph break.
    pub continued: bool,
    /// Words inside.
    pub words: usize,
    pub kind: QuoteKind,
}

/// The quote mark token `i` is, as one character: `''` reads as a straight double mark and
/// ``` `` ``` as an opening one.
fn glyph(text: &str, t: &Tokens, i: usize) -> char {
    let tok = &t.toks[i];
    match &text[tok.start as usize..tok.end as usize] {
        "''" => '"',
        "``" => '\u{201C}',
        s => s.chars().next().unwrap_or('"'),
    }
}

fn is_double(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}'
    )
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Open,
    Close,
    Neither,
}

fn role(
    text: &str,
    t: &Tokens,
    i: usize,
    para: &Range<usize>,
    single_open: bool,
    double_open: bool,
) -> Role {
    let tok = t.toks[i];
    let c = glyph(text, t, i);
    let prev_opener = i > para.start
        && t.kind(i - 1) == TokKind::Punct
        && matches!(
            t.lower(i - 1),
            "(" | "[" | "\u{2014}" | "\u{2013}" | "-" | "--" | "/"
        );
    let prev_quote = i > para.start && t.kind(i - 1) == TokKind::Quote && !tok.has(SPACE_BEFORE);
    let left_space = i == para.start || tok.has(SPACE_BEFORE) || prev_opener;
    let next_closer = i + 1 < para.end
        && !tok.has(SPACE_AFTER)
        && ((t.kind(i + 1) == TokKind::Punct
            && matches!(
                t.lower(i + 1),
                "," | "."
                    | ";"
                    | ":"
                    | "!"
                    | "?"
                    | ")"
                    | "]"
                    | "\u{2014}"
                    | "\u{2013}"
                    | "..."
                    | "\u{2026}"
            ))
            || t.kind(i + 1) == TokKind::Quote);
    let right_space = i + 1 >= para.end || tok.has(SPACE_AFTER) || next_closer;
    let can_open = (left_space || prev_quote) && !right_space;
    let can_close = !left_space && right_space;
    if is_double(c) {
        return match (can_open, can_close) {
            (true, false) => Role::Open,
            (false, true) => Role::Close,
            _ => match c {
                '\u{201C}' | '\u{201E}' | '\u{00AB}' => Role::Open,
                '\u{201D}' | '\u{00BB}' => Role::Close,
                _ if double_open => Role::Close,
                _ => Role::Open,
            },
        };
    }
    // Single marks double as apostrophes: "the teams' robots", "'90s", "rock 'n' roll".
    let next_digit = i + 1 < para.end && t.kind(i + 1) == TokKind::Number && !tok.has(SPACE_AFTER);
    match (can_open, can_close) {
        (true, false) if !next_digit => Role::Open,
        (false, true) if single_open => Role::Close,
        (true, true) | (false, false) if single_open && !left_space => Role::Close,
        (true, true) | (false, false) if c == '\u{2018}' && !single_open => Role::Open,
        _ => Role::Neither,
    }
}

#[derive(Clone, Debug)]
struct Open {
    tok: usize,
    double: bool,
    continued: bool,
}

/// What a paragraph's marks give when no quote runs into it (its text alone decides that): the
/// quotes that close in it, in the order they close, and the marks still open at its end, with
/// tokens relative to its first token and bytes to its first byte (as the incremental memo
/// keeps them).
#[derive(Debug, Default)]
pub(crate) struct ParaQuotes {
    marks: Vec<QuoteMark>,
    open: Vec<Open>,
}

impl QuoteMark {
    /// The same quote with its tokens moved by `tokens` and its bytes by `bytes`.
    fn moved(&self, tokens: isize, bytes: isize) -> QuoteMark {
        let tk = |k: usize| (k as isize + tokens) as usize;
        let by = |s: Span| {
            Span::new(
                (s.start as isize + bytes) as usize,
                (s.end as isize + bytes) as usize,
            )
        };
        QuoteMark {
            span: by(self.span),
            inner: by(self.inner),
            tokens: tk(self.tokens.start)..tk(self.tokens.end),
            open_tok: tk(self.open_tok),
            close_tok: self.close_tok.map(tk),
            ..self.clone()
        }
    }
}

/// The marks of paragraph `para` (token range), with `stack` the marks still open as it starts
/// (and as it ends); each quote closed in it goes to `emit` as it closes. `skip_first`: the
/// paragraph's first mark continues a quote from the one before.
fn scan(
    text: &str,
    t: &Tokens,
    para: &Range<usize>,
    skip_first: bool,
    stack: &mut Vec<Open>,
    emit: &mut impl FnMut(QuoteMark),
) {
    for i in para.clone() {
        if t.kind(i) != TokKind::Quote {
            continue;
        }
        if skip_first && i == para.start {
            continue;
        }
        let single_open = stack.iter().any(|o| !o.double);
        let double_open = stack.iter().any(|o| o.double);
        let c = glyph(text, t, i);
        let double = is_double(c);
        match role(text, t, i, para, single_open, double_open) {
            Role::Open => stack.push(Open {
                tok: i,
                double,
                continued: false,
            }),
            Role::Close => {
                let Some(pos) = stack.iter().rposition(|o| o.double == double) else {
                    continue;
                };
                // Anything opened after the match and still open was not a quote.
                stack.truncate(pos + 1);
                let o = stack.pop().expect("position found above");
                // "rock 'n' roll": an elision, not a quote.
                let elision =
                    !o.double && i == o.tok + 2 && t.lower(o.tok + 1).chars().count() <= 2;
                if !elision {
                    emit(make(t, o, Some(i), stack.len()));
                }
            }
            Role::Neither => {}
        }
    }
}

/// Finds the quotes in `paragraphs` (token ranges, in document order).
pub fn find(text: &str, t: &Tokens, paragraphs: &[Range<usize>]) -> Vec<QuoteMark> {
    find_with(text, t, paragraphs, None)
}

/// Where the quotes of a paragraph that no quote runs into may already be known (the
/// incremental memo is one such place). The stage asks; it does not know who answers.
pub(crate) trait QuoteMemo {
    /// The quotes of the paragraph at bytes `bytes`: kept ones, or `fresh()`'s.
    fn paragraph_quotes(
        &mut self,
        bytes: Range<usize>,
        fresh: &mut dyn FnMut() -> ParaQuotes,
    ) -> &ParaQuotes;
}

/// [`find`], asking `memo` for each paragraph that no quote runs into.
pub(crate) fn find_with(
    text: &str,
    t: &Tokens,
    paragraphs: &[Range<usize>],
    mut memo: Option<&mut dyn QuoteMemo>,
) -> Vec<QuoteMark> {
    let mut out = Vec::with_capacity(t.len() / 64);
    let mut sorted = true;
    let mut stack: Vec<Open> = Vec::new();
    for (pi, para) in paragraphs.iter().enumerate() {
        match memo.as_deref_mut() {
            Some(m) if stack.is_empty() && !para.is_empty() => {
                let (tok0, byte0) = (para.start, t.toks[para.start].start as usize);
                let bytes = byte0..t.toks[para.end - 1].end as usize;
                let mut fresh = || {
                    let mut pq = ParaQuotes::default();
                    scan(text, t, para, false, &mut pq.open, &mut |q| {
                        pq.marks.push(q)
                    });
                    let back = |k: usize| -(k as isize);
                    pq.marks = pq
                        .marks
                        .iter()
                        .map(|q| q.moved(back(tok0), back(byte0)))
                        .collect();
                    for o in &mut pq.open {
                        o.tok -= tok0;
                    }
                    pq
                };
                let pq = m.paragraph_quotes(bytes, &mut fresh);
                for q in &pq.marks {
                    push_in_order(
                        &mut out,
                        q.moved(tok0 as isize, byte0 as isize),
                        &mut sorted,
                    );
                }
                stack.extend(pq.open.iter().map(|o| Open {
                    tok: o.tok + tok0,
                    ..o.clone()
                }));
            }
            _ => {
                // Carried over from the previous paragraph: an opening mark here continues it.
                let skip_first = !stack.is_empty() && t.kind(para.start) == TokKind::Quote;
                scan(text, t, para, skip_first, &mut stack, &mut |q| {
                    push_in_order(&mut out, q, &mut sorted)
                });
            }
        }
        // Only one double quote still open can run on (tested first: the look at the next
        // paragraph reads all of it).
        let may_run_on = stack.len() == 1 && stack[0].double;
        let next_opens = may_run_on
            && paragraphs.get(pi + 1).is_some_and(|n| {
                !n.is_empty()
                    && t.kind(n.start) == TokKind::Quote
                    && is_double(glyph(text, t, n.start))
            });
        // AP: a quote that runs on keeps its opening mark in the next paragraph and has no
        // closing mark here. Only a double quote that opened at the start of a sentence-length
        // stretch runs on; anything else still open at a paragraph end was not a quote.
        // Some papers drop the opening mark on the continuing paragraph: the quote still runs
        // on when the next paragraph closes a double quote before opening one.
        let next_closes = may_run_on
            && !next_opens
            && paragraphs.get(pi + 1).is_some_and(|n| {
                n.clone()
                    .find(|&k| t.kind(k) == TokKind::Quote && is_double(glyph(text, t, k)))
                    .is_some_and(|k| role(text, t, k, n, false, true) == Role::Close)
            });
        let runs_on = next_opens || next_closes;
        if runs_on {
            stack[0].continued = true;
        } else {
            while let Some(o) = stack.pop() {
                // An unclosed double quote that reaches the end of its paragraph is still a quote
                // (a missing closing mark); an unclosed single mark was an apostrophe.
                if o.double && o.tok + 1 < para.end {
                    let mut q = make(t, o, None, stack.len());
                    q.tokens.end = para.end;
                    q.span.end = t.toks[para.end - 1].end as usize;
                    q.inner.end = q.span.end;
                    q.words = count_words(t, q.tokens.clone());
                    push_in_order(&mut out, q, &mut sorted);
                }
            }
        }
    }
    if !sorted {
        out.sort_by_key(|q| q.span.start);
    }
    out
}

/// Adds `q` to `out` (in order by start) where it belongs: a quote is found when it closes,
/// after the quotes nested in it, so it goes back past those few. Past more than a few (nesting
/// no prose has), it is added at the end and `sorted` cleared, for one sort at the end. (Sorting
/// every time cost more than finding the quotes, in a long story.)
fn push_in_order(out: &mut Vec<QuoteMark>, q: QuoteMark, sorted: &mut bool) {
    const MAX_BACK: usize = 32;
    let mut at = out.len();
    while at > 0 && out[at - 1].span.start > q.span.start && out.len() - at < MAX_BACK {
        at -= 1;
    }
    if at > 0 && out[at - 1].span.start > q.span.start {
        *sorted = false;
        out.push(q);
    } else {
        out.insert(at, q);
    }
}

fn count_words(t: &Tokens, r: Range<usize>) -> usize {
    r.filter(|&i| matches!(t.kind(i), TokKind::Word | TokKind::Number))
        .count()
}

fn make(t: &Tokens, o: Open, close: Option<usize>, depth: usize) -> QuoteMark {
    let end_tok = close.unwrap_or(o.tok + 1);
    let span_end = close.map_or(t.toks[o.tok].end, |c| t.toks[c].end) as usize;
    let inner_end = close.map_or(t.toks[o.tok].end, |c| t.toks[c].start) as usize;
    QuoteMark {
        span: Span::new(t.toks[o.tok].start as usize, span_end),
        inner: Span::new(t.toks[o.tok].end as usize, inner_end),
        tokens: o.tok + 1..end_tok,
        open_tok: o.tok,
        close_tok: close,
        nested: depth > 0,
        double: o.double,
        continued: o.continued,
        words: count_words(t, o.tok + 1..end_tok),
        kind: QuoteKind::Partial,
    }
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)] // one paragraph: all the tokens
mod tests {
    use super::super::text::tokenize;
    use super::*;

    fn quotes(text: &str) -> Vec<String> {
        let t = tokenize(text);
        let paras: Vec<Range<usize>> = super::super::text::plain_blocks(text)
            .iter()
            .map(|b| {
                let s = t
                    .toks
                    .partition_point(|k| (k.start as usize) < b.span.start);
                let e = t.toks.partition_point(|k| (k.end as usize) <= b.span.end);
                s..e
            })
            .collect();
        find(text, &t, &paras)
            .into_iter()
            .map(|q| text[q.span.start..q.span.end].to_string())
            .collect()
    }

    #[test]
    fn nested_quotes_come_in_order_by_start_however_deep() {
        // Each quote is found when it closes, inside out; the list is in order by start, also
        // past the depth where they are no longer put in place one by one.
        for depth in [1, 3, 31, 32, 33, 80] {
            let mut text = String::from("He said ");
            for k in 0..depth {
                text.push_str(if k % 2 == 0 { "\u{201c}w" } else { "\u{2018}w" });
                text.push_str(&format!("{k} "));
            }
            text.push_str("end");
            for k in (0..depth).rev() {
                text.push_str(if k % 2 == 0 { "\u{201d}" } else { "\u{2019}" });
            }
            text.push_str(" then.");
            let t = tokenize(&text);
            let found = find(&text, &t, &[0..t.len()]);
            assert_eq!(found.len(), depth, "depth {depth}");
            assert!(
                found.windows(2).all(|w| w[0].span.start < w[1].span.start),
                "depth {depth}"
            );
        }
    }

    #[test]
    fn apostrophes_are_not_quote_marks() {
        assert_eq!(
            quotes(
                "Russia's leader said it was 'common sense,' and the teams' robots don't ’90s rock 'n' roll."
            ),
            ["'common sense,'"]
        );
    }

    #[test]
    fn straight_and_curly_double_quotes() {
        assert_eq!(
            quotes("\"We won,\" he said, “and we’ll win again.”"),
            ["\"We won,\"", "“and we’ll win again.”"]
        );
    }

    #[test]
    fn nested_quotes() {
        let text = "She said, \"He called it 'a hoax' twice.\"";
        let t = tokenize(text);
        let q = find(text, &t, &[0..t.len()]);
        assert_eq!(q.len(), 2);
        assert_eq!(
            &text[q[0].span.start..q[0].span.end],
            "\"He called it 'a hoax' twice.\""
        );
        assert!(!q[0].nested && q[1].nested);
        assert_eq!(&text[q[1].inner.start..q[1].inner.end], "a hoax");
    }

    #[test]
    fn quote_runs_on_across_paragraphs() {
        let text =
            "\"We will rebuild,\" she said. \"Every street.\n\n\"Every house.\"\n\nThen she left.";
        let q = quotes(text);
        assert_eq!(
            q,
            [
                "\"We will rebuild,\"",
                "\"Every street.\n\n\"Every house.\""
            ]
        );
    }

    #[test]
    fn quote_runs_on_without_an_opening_mark() {
        let text = "He said, \"We learned a lot.\n\nIt was emotional.\"\n\nThen he left.";
        assert_eq!(quotes(text), ["\"We learned a lot.\n\nIt was emotional.\""]);
    }

    #[test]
    fn unclosed_quote_ends_at_its_paragraph() {
        let text = "He said \"we are done.\n\nNext paragraph.";
        assert_eq!(quotes(text), ["\"we are done."]);
    }

    #[test]
    fn multibyte_offsets() {
        let text = "🙂 «Oui» — “Zelenskyy’s plan”";
        let t = tokenize(text);
        let q = find(text, &t, &[0..t.len()]);
        assert_eq!(q.len(), 2);
        assert_eq!(&text[q[1].inner.start..q[1].inner.end], "Zelenskyy’s plan");
    }
}
