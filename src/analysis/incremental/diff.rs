//! How a new text differs from the last: the common prefix and suffix, and where a piece of
//! the last text lies in the new one.

use super::*;

/// The new text is the old one with `old[prefix..old_len - suffix]` replaced.
#[derive(Default, Clone, Copy)]
pub(super) struct Diff {
    pub(super) prefix: usize,
    pub(super) suffix: usize,
    pub(super) old_len: usize,
    pub(super) new_len: usize,
}

impl Diff {
    pub(super) fn of(old: &str, new: &str) -> Diff {
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
    pub(super) fn old_start(&self, r: &Range<usize>) -> Option<usize> {
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

/// How many leading bytes `a` and `b` share.
pub(super) fn common_prefix(a: &[u8], b: &[u8]) -> usize {
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
pub(super) fn common_suffix(a: &[u8], b: &[u8]) -> usize {
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
pub(super) fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && (a.is_empty() || a == b)
}
