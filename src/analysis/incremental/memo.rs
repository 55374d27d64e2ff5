//! `PieceMemo`: one stage's pieces of the last analysis, by position in the last text, taken
//! again where a piece lies unchanged and its head is equal.

use super::*;

/// A local stage's results by piece of text (a line, or a sentence's window): where the piece
/// lay in the last text, what else the stage read (`head`), and the result.
///
/// A result taken from the memo is moved from the last analysis's list to this one's, not
/// cloned, and lent to the caller: an `Arc`'s count is changed with an atomic instruction, and
/// two or three of those per piece, for every sentence of a long story and every stage, were a
/// measurable part of a keystroke.
pub struct PieceMemo<V> {
    pub(super) old: Vec<Entry>,
    pub(super) old_heads: Vec<u8>,
    /// `None` once taken by this analysis.
    pub(super) old_values: Vec<Option<Arc<V>>>,
    pub(super) new: Vec<Entry>,
    pub(super) new_heads: Vec<u8>,
    /// Always `Some` (the same type as `old_values`, which it becomes).
    pub(super) new_values: Vec<Option<Arc<V>>>,
    /// Pieces the last analysis computed, and pieces it took from the memo (`positional` of
    /// those without building their heads: see [`Clean`]).
    pub computed: usize,
    pub reused: usize,
    pub positional: usize,
    /// Where in `old` the last piece was looked for.
    pub(super) cursor: usize,
}

/// One piece: its bytes in the text, and its head in the heads arena.
#[derive(Clone, Copy)]
pub(super) struct Entry {
    pub(super) at: usize,
    pub(super) len: usize,
    pub(super) head: (u32, u32),
}

impl<V> Default for PieceMemo<V> {
    fn default() -> Self {
        PieceMemo {
            old: Vec::new(),
            old_heads: Vec::new(),
            old_values: Vec::new(),
            new: Vec::new(),
            new_heads: Vec::new(),
            new_values: Vec::new(),
            computed: 0,
            reused: 0,
            positional: 0,
            cursor: 0,
        }
    }
}

impl<V> PieceMemo<V> {
    /// Starts an analysis.
    pub(super) fn start(&mut self) {
        self.computed = 0;
        self.reused = 0;
        self.positional = 0;
        self.cursor = 0;
        self.new.clear();
        self.new_heads.clear();
        self.new_values.clear();
        // About what the last analysis needed.
        self.new.reserve(self.old.len());
        self.new_heads.reserve(self.old_heads.len());
        self.new_values.reserve(self.old_values.len());
    }

    /// Ends an analysis: what it used is the memo of the next.
    pub(super) fn finish(&mut self) {
        std::mem::swap(&mut self.old, &mut self.new);
        std::mem::swap(&mut self.old_heads, &mut self.new_heads);
        std::mem::swap(&mut self.old_values, &mut self.new_values);
    }

    /// The first old piece that starts at or after byte `at` of the last text. Pieces come in
    /// text order, so their old places do too: searched forward from the last one found (a
    /// binary search of every old piece, at every piece, missed the cache at each step).
    /// Windows of neighbouring pieces can start at the same byte (near the text's start).
    pub(super) fn first_at(&mut self, at: usize) -> usize {
        let from = match self.cursor {
            c if c > 0 && c <= self.old.len() && self.old[c - 1].at < at => c,
            _ => 0,
        };
        self.cursor = crate::analysis::index::partition_from(&self.old, from, |e| e.at < at);
        self.cursor
    }

    /// Takes the last analysis's pieces `from..from + n` as this one's next, moved by `shift`
    /// bytes, their heads copied and their results moved without being read (a run of lines
    /// at either end of the text, or one sentence: see [`PieceMemo::reuse`]). Pieces must be
    /// taken in text order.
    pub(super) fn keep(&mut self, from: usize, n: usize, shift: isize) {
        let old = &self.old[from..from + n];
        let (Some(first), Some(last)) = (old.first(), old.last()) else {
            return;
        };
        // A run's heads lie one after another in the arena.
        let (h0, h1) = (first.head.0, last.head.1);
        let base = self.new_heads.len() as u32;
        self.new_heads
            .extend_from_slice(&self.old_heads[h0 as usize..h1 as usize]);
        self.new.extend(old.iter().map(|e| Entry {
            at: e.at.wrapping_add_signed(shift),
            len: e.len,
            head: (e.head.0 - h0 + base, e.head.1 - h0 + base),
        }));
        let values = &mut self.old_values[from..from + n];
        debug_assert!(values.iter().all(Option::is_some), "untaken");
        self.new_values.extend(values.iter_mut().map(Option::take));
        self.reused += n;
        self.positional += n;
    }

    /// The result of the piece asked for last (by [`PieceMemo::get`] or a successful
    /// [`PieceMemo::reuse`]).
    pub(super) fn last(&self) -> &Arc<V> {
        self.new_values
            .last()
            .and_then(Option::as_ref)
            .expect("a piece was just added")
    }

    /// The result for the piece at bytes `r` of the text, which read `head` besides those
    /// bytes: from the memo if the same bytes, unchanged, held a piece with the same head last
    /// time; else from `compute`. Pieces must be asked for in text order.
    pub(super) fn get(
        &mut self,
        diff: &Diff,
        r: Range<usize>,
        head: &[u8],
        compute: impl FnOnce() -> V,
    ) -> &Arc<V> {
        let found = diff.old_start(&r).and_then(|at| {
            let k0 = self.first_at(at);
            (k0..self.old.len())
                .take_while(|&k| self.old[k].at == at)
                .find(|&k| {
                    let e = &self.old[k];
                    e.len == r.len()
                        && same(&self.old_heads[e.head.0 as usize..e.head.1 as usize], head)
                })
                // (Taken already by another piece at the same bytes: computed afresh.)
                .and_then(|k| self.old_values[k].take())
        });
        let value = match found {
            Some(v) => {
                self.reused += 1;
                v
            }
            None => {
                self.computed += 1;
                Arc::new(compute())
            }
        };
        let h0 = self.new_heads.len() as u32;
        self.new_heads.extend_from_slice(head);
        self.new.push(Entry {
            at: r.start,
            len: r.len(),
            head: (h0, self.new_heads.len() as u32),
        });
        self.new_values.push(Some(value));
        self.last()
    }

    /// The result for the piece at bytes `r`, known to have the head it had in the last text
    /// (see [`Clean`]): the one piece that lay at the same bytes then, with its head copied; or
    /// `false` (no such piece, or more than one: windows clipped at both ends of a tiny text).
    /// The result is then [`PieceMemo::last`]. Pieces must be asked for in text order, with
    /// [`PieceMemo::get`].
    pub(super) fn reuse(&mut self, diff: &Diff, r: Range<usize>) -> bool {
        let Some(at) = diff.old_start(&r) else {
            return false;
        };
        let k = self.first_at(at);
        let mut found = (k..self.old.len())
            .take_while(|&j| self.old[j].at == at)
            .filter(|&j| self.old[j].len == r.len());
        let Some(k) = found.next() else {
            return false;
        };
        if found.next().is_some() {
            return false;
        }
        if self.old_values[k].is_none() {
            return false;
        }
        self.keep(k, 1, r.start as isize - self.old[k].at as isize);
        true
    }
}
