//! Lines and blocks: line starts (the incremental tokenizer's cuts) and a plain-text story's
//! paragraphs.

use super::*;

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
