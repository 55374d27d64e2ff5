//! Spellings: word shapes, and whether two spellings are close enough to be one name.

/// The lengths and first bytes of a few words: a word none of them shares both with is none
/// of them. Asked before a hash lookup at every capital of a story, which nearly always fails
/// (a story names a handful of people; it has thousands of capitals).
pub(super) struct Shapes {
    /// By first byte, a bit for each length (lengths of 63 and more share the last bit).
    by_first: [u64; 256],
    empty: bool,
}

impl Shapes {
    pub(super) fn of<'w>(words: impl Iterator<Item = &'w String>) -> Shapes {
        let mut s = Shapes {
            by_first: [0; 256],
            empty: false,
        };
        for w in words {
            match shape(w) {
                u16::MAX => s.empty = true,
                sh => s.by_first[(sh >> 8) as usize] |= 1 << (sh & 63),
            }
        }
        s
    }

    /// Whether a word of shape `s` (see [`shape`]) can be one of the words.
    pub(super) fn may_be_shape(&self, s: u16) -> bool {
        match s {
            u16::MAX => self.empty,
            _ => self.by_first[(s >> 8) as usize] >> (s & 63) & 1 != 0,
        }
    }
}

/// A word's first byte and length (63 for longer), as [`Shapes`] tells words apart; `u16::MAX`
/// for no word.
pub(super) fn shape(w: &str) -> u16 {
    match w.as_bytes().first() {
        Some(&b) => u16::from(b) << 8 | w.len().min(63) as u16,
        None => u16::MAX,
    }
}

/// Edit distance, capped: enough to tell "Zelensky" from "Zelenskyy".
pub(super) fn close_spelling(a: &str, b: &str) -> bool {
    // Cheap rejections first: this runs for every unlinked capital against every person.
    if a == b
        || a.len().abs_diff(b.len()) > 8
        || a.len() < 5
        || b.len() < 5
        || a.as_bytes()[..2] != b.as_bytes()[..2]
    {
        return false;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len() < 5 || b.len() < 5 || a.len().abs_diff(b.len()) > 2 || a[..3] != b[..3] {
        return false;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()] <= 2
}
