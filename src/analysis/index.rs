//! Indexes the stages share: lookups near a known place, and which spans hold a span.

use std::ops::Range;

use crate::analysis::model::Span;

/// `v.partition_point(pred)` where `pred` is known to hold for every element before `from`: a
/// galloping search forward from `from`, costing the logarithm of the distance to the answer.
/// For lookups near a known place (a cue's token from its sentence's first token, a block's
/// tokens after the last block's): a binary search of a long story's whole token list misses
/// the cache at nearly every step (perf: a fifth of attribution's time at 100,000 words).
pub(crate) fn partition_from<T>(v: &[T], from: usize, pred: impl Fn(&T) -> bool) -> usize {
    let n = v.len();
    let mut lo = from.min(n);
    let mut step = 1;
    // `pred` holds for every element before `lo`.
    while lo < n {
        let hi = (lo + step).min(n);
        if !pred(&v[hi - 1]) {
            return lo + v[lo..hi - 1].partition_point(pred);
        }
        lo = hi;
        step *= 2;
    }
    lo
}

/// Spans (of quotes) indexed so that "which of them hold this span" costs a binary search and a
/// short walk instead of a scan of them all (a long story has thousands of quotes and thousands
/// of attributions to test against them).
pub(crate) struct SpanIndex {
    /// The spans by start, each with its item.
    by_start: Vec<(Span, usize)>,
    /// `max_end[k]`: the furthest end among `by_start[..=k]`.
    max_end: Vec<usize>,
}

impl SpanIndex {
    pub(crate) fn new(items: impl IntoIterator<Item = (usize, Span)>) -> SpanIndex {
        let mut by_start: Vec<(Span, usize)> = items.into_iter().map(|(i, s)| (s, i)).collect();
        by_start.sort_by_key(|(s, _)| s.start);
        let max_end = by_start
            .iter()
            .scan(0, |m, (s, _)| {
                *m = (*m).max(s.end);
                Some(*m)
            })
            .collect();
        SpanIndex { by_start, max_end }
    }

    /// The items whose span contains `span`.
    pub(crate) fn holding(&self, span: Span) -> impl Iterator<Item = usize> + '_ {
        let k = self
            .by_start
            .partition_point(|(s, _)| s.start <= span.start);
        (0..k)
            .rev()
            .take_while(move |&j| self.max_end[j] >= span.end)
            .map(move |j| self.by_start[j])
            .filter(move |(s, _)| s.contains(&span))
            .map(|(_, i)| i)
    }
}

/// Items grouped by bucket in one flat list (compressed rows): `get(b)` is the items whose range
/// covers bucket `b`, in item order. One allocation each for offsets and items, where a `Vec`
/// per sentence cost a few thousand allocations per analysis of a long story.
pub(crate) struct Buckets {
    starts: Vec<u32>,
    items: Vec<usize>,
}

impl Buckets {
    pub(crate) fn new(
        buckets: usize,
        ranges: impl Iterator<Item = Range<usize>> + Clone,
    ) -> Buckets {
        let mut starts = vec![0u32; buckets + 1];
        for r in ranges.clone() {
            for b in r.start.min(buckets)..r.end.min(buckets) {
                starts[b + 1] += 1;
            }
        }
        for b in 0..buckets {
            starts[b + 1] += starts[b];
        }
        let mut fill: Vec<u32> = starts[..buckets].to_vec();
        let mut items = vec![0; starts[buckets] as usize];
        for (i, r) in ranges.enumerate() {
            for b in r.start.min(buckets)..r.end.min(buckets) {
                items[fill[b] as usize] = i;
                fill[b] += 1;
            }
        }
        Buckets { starts, items }
    }

    pub(crate) fn get(&self, b: usize) -> Option<&[usize]> {
        let (s, e) = (*self.starts.get(b)?, *self.starts.get(b + 1)?);
        Some(&self.items[s as usize..e as usize])
    }
}

impl std::ops::Index<usize> for Buckets {
    type Output = [usize];
    fn index(&self, b: usize) -> &[usize] {
        self.get(b).expect("bucket in range")
    }
}
