//! Word lists compiled into the binary, and the lookups over them.
//!
//! Every list is a plain text file beside this module; `README.md` says where each comes from.
//! They are parsed once, on first use, into hash sets (about 90,000 entries, a few milliseconds).
//! User additions from `copydesk.toml` live in [`crate::analysis::Settings`] and are consulted
//! alongside these by [`Lex`].

/// The word lists kept as data files (`lists/*.txt`), compiled in by `build.rs`.
pub(crate) mod lists {
    include!(concat!(env!("OUT_DIR"), "/lists.rs"));
}

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

pub use crate::analysis::model::CueClass;
use crate::analysis::model::Settings;

/// A cue form: its class and its lemma.
#[derive(Clone, Copy, Debug)]
pub struct CueForm {
    pub class: CueClass,
    pub lemma: &'static str,
}

/// A title or role from `titles.txt`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TitleKind {
    /// Stands before a name ("President", "Mr.").
    Title,
    /// Names a position but is not a title before a name ("official").
    Role,
}

/// A map from words to values, for the lookups the analysis makes at every word.
///
/// Written here rather than taken from a crate: words of up to 15 bytes (nearly all of them) are
/// packed with their length into 16 bytes, so a lookup hashes and compares two integers instead
/// of hashing bytes and calling `memcmp` (string-keyed lookups were a tenth of the analysis).
/// Longer words go to an ordinary string map.
pub struct WordMap<V> {
    short: FxHashMap<Packed, V>,
    long: FxHashMap<&'static str, V>,
}

/// A word of up to 15 bytes and its length (in the top byte of `hi`), as two integers: 16 bytes
/// aligned to 1 (`packed`: aligned `u64`s would pad each entry of the 100,000-word map to 24
/// bytes).
#[derive(Clone, Copy)]
#[repr(C, packed)]
struct Packed {
    lo: u64,
    hi: u64,
}

impl PartialEq for Packed {
    fn eq(&self, o: &Packed) -> bool {
        // Copies: a packed struct's fields are read by value, never by reference.
        let (a, b, c, d) = (self.lo, self.hi, o.lo, o.hi);
        a == c && b == d
    }
}

impl Eq for Packed {}

impl std::hash::Hash for Packed {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        let (lo, hi) = (self.lo, self.hi);
        h.write_u64(lo);
        h.write_u64(hi);
    }
}

/// The set form of [`WordMap`].
pub type WordSet = WordMap<()>;

/// `w` as a [`Packed`], if it has at most 15 bytes.
///
/// The bytes are read into registers with (overlapping) whole-integer loads. Copying them into a
/// 16-byte buffer and reading it back as integers, the obvious way, stalls the CPU on every
/// lookup: a load that spans several smaller stores cannot be forwarded from them, and it was
/// most of a lookup's time (perf showed it as the hottest instruction of the whole analysis).
#[inline]
fn pack(w: &str) -> Option<Packed> {
    let b = w.as_bytes();
    let n = b.len();
    let u64_at = |i: usize| u64::from_le_bytes(b[i..i + 8].try_into().expect("8 bytes"));
    let u32_at = |i: usize| u64::from(u32::from_le_bytes(b[i..i + 4].try_into().expect("4 bytes")));
    let (lo, hi) = match n {
        0 => (0, 0),
        1..=3 => {
            // The first, middle and last bytes cover every byte of a word this short.
            let m = n / 2;
            let lo =
                u64::from(b[0]) | u64::from(b[m]) << (m * 8) | u64::from(b[n - 1]) << ((n - 1) * 8);
            (lo, 0)
        }
        4..=7 => (u32_at(0) | u32_at(n - 4) << ((n - 4) * 8), 0),
        8 => (u64_at(0), 0),
        9..=15 => (u64_at(0), u64_at(n - 8) >> ((16 - n) * 8)),
        _ => return None,
    };
    Some(Packed {
        lo,
        hi: hi | (n as u64) << 56,
    })
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap {
            short: FxHashMap::default(),
            long: FxHashMap::default(),
        }
    }
}

impl<V> WordMap<V> {
    pub fn get(&self, w: &str) -> Option<&V> {
        match pack(w) {
            Some(k) => self.short.get(&k),
            None => self.long.get(w),
        }
    }

    pub fn contains(&self, w: &str) -> bool {
        self.get(w).is_some()
    }

    /// The value of `w`, inserted by `f` when absent.
    pub fn entry_or(&mut self, w: &'static str, f: impl FnOnce() -> V) -> &mut V {
        match pack(w) {
            Some(k) => self.short.entry(k).or_insert_with(f),
            None => self.long.entry(w).or_insert_with(f),
        }
    }

    pub fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// The short keys, unpacked (for tests).
    #[cfg(test)]
    fn short_keys(&self) -> impl Iterator<Item = String> + '_ {
        self.short.keys().map(|p| {
            let (lo, hi) = (p.lo, p.hi);
            let bytes = [lo.to_le_bytes(), hi.to_le_bytes()].concat();
            let n = bytes[15] as usize;
            String::from_utf8_lossy(&bytes[..n]).into_owned()
        })
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl FromIterator<&'static str> for WordSet {
    fn from_iter<I: IntoIterator<Item = &'static str>>(it: I) -> Self {
        let mut m = WordSet::default();
        for w in it {
            m.entry_or(w, || ());
        }
        m
    }
}

impl<'w> Extend<&'w &'static str> for WordSet {
    fn extend<I: IntoIterator<Item = &'w &'static str>>(&mut self, it: I) {
        for w in it {
            self.entry_or(w, || ());
        }
    }
}

/// Phrases of lowercase words, each with a tag, indexed by their first word so that matching at
/// a token costs one hash lookup (the analysis looks for a few hundred phrases at every token).
#[derive(Default)]
pub struct PhraseSet<T: Copy = ()> {
    by_first: WordMap<Vec<(Vec<&'static str>, T)>>,
    firsts: Vec<&'static str>,
}

impl PhraseSet<()> {
    pub fn new<'p>(phrases: impl IntoIterator<Item = &'p &'static str>) -> PhraseSet {
        Self::from_words(phrases.into_iter().map(|p| p.split_whitespace().collect()))
    }

    pub fn from_words(phrases: impl IntoIterator<Item = Vec<&'static str>>) -> PhraseSet {
        PhraseSet::tagged(phrases.into_iter().map(|w| (w, ())))
    }

    /// The length in words of the longest phrase starting at word `i` of `word(i)` (lowercase),
    /// where `len` words are available; 0 when none does.
    pub fn match_at<'w>(&self, i: usize, len: usize, word: impl Fn(usize) -> &'w str) -> usize {
        self.tagged_at(i, len, word).next().map_or(0, |(n, _)| n)
    }
}

impl<T: Copy> PhraseSet<T> {
    /// The first words of the phrases.
    pub fn first_words(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.firsts.iter().copied()
    }

    pub fn tagged(phrases: impl IntoIterator<Item = (Vec<&'static str>, T)>) -> PhraseSet<T> {
        let mut by_first: FxHashMap<&'static str, Vec<(Vec<&'static str>, T)>> =
            FxHashMap::default();
        for (words, tag) in phrases {
            if let Some(&first) = words.first() {
                by_first.entry(first).or_default().push((words, tag));
            }
        }
        let mut set = PhraseSet {
            by_first: WordMap::default(),
            firsts: Vec::with_capacity(by_first.len()),
        };
        for (first, mut v) in by_first {
            // Longest first, so the longest phrase at a position wins.
            v.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
            *set.by_first.entry_or(first, Vec::new) = v;
            set.firsts.push(first);
        }
        set
    }

    /// Every phrase that starts at word `i`, longest first, as (length, tag).
    pub fn tagged_at<'s, 'w>(
        &'s self,
        i: usize,
        len: usize,
        word: impl Fn(usize) -> &'w str + 's,
    ) -> impl Iterator<Item = (usize, T)> + 's {
        let avail = len.saturating_sub(i);
        let cands = match self.by_first.get(word(i)) {
            Some(c) => c.as_slice(),
            None => &[],
        };
        cands
            .iter()
            .filter(move |(p, _)| {
                p.len() <= avail && p.iter().enumerate().skip(1).all(|(k, w)| word(i + k) == *w)
            })
            .map(|(p, t)| (p.len(), *t))
    }
}

/// What the lexicon reads of a document's token: its lowercase text, that text without a final
/// abbreviation dot, and which lists it begins an entry of ([`bits`]). The tokenizer's
/// `Tokens` implements it; so the lexicon imports no stage.
pub(crate) trait TokenWords {
    fn lower(&self, i: usize) -> &str;
    fn bare(&self, i: usize) -> &str;
    fn has_bits(&self, i: usize, bits: u16) -> bool;
}

pub struct Lexicon {
    /// Every listed word, with the [`bits`] of the lists it is in (one map for all of them:
    /// a token is looked up once, and the word lists share their memory).
    pub words: WordMap<u16>,
    /// Titles keyed by their words joined with single spaces.
    pub titles: WordMap<TitleKind>,
    pub title_max_words: usize,
    pub cues: WordMap<CueForm>,
    pub vague_phrases: PhraseSet,
    pub anonymous_markers: PhraseSet,
    pub opinion: PhraseSet,
}

impl Lexicon {
    /// Whether `w` is in any of the lists `bits`.
    pub fn has(&self, w: &str, bits: u16) -> bool {
        self.words.get(w).is_some_and(|b| b & bits != 0)
    }
}

fn entries(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .flat_map(|l| l.split_whitespace())
}

fn lines(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn phrases(src: &'static str) -> PhraseSet {
    PhraseSet::from_words(lines(src).map(|l| l.split_whitespace().collect()))
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut titles: FxHashMap<&'static str, TitleKind> = FxHashMap::default();
        let mut title_max_words = 1;
        for line in lines(include_str!("titles.txt")) {
            let (kind, t) = match line.as_bytes()[0] {
                b'=' => (TitleKind::Title, &line[1..]),
                b'~' => (TitleKind::Role, &line[1..]),
                _ => (TitleKind::Title, line),
            };
            title_max_words = title_max_words.max(t.split(' ').count());
            // A title that is also a role keeps the stronger meaning.
            titles
                .entry(t)
                .and_modify(|k| {
                    if kind == TitleKind::Title {
                        *k = kind
                    }
                })
                .or_insert(kind);
        }
        let mut cues: FxHashMap<&'static str, CueForm> = FxHashMap::default();
        for line in lines(include_str!("cues.txt")) {
            let mut it = line.split_whitespace();
            let Some(class) = it.next().and_then(CueClass::parse) else {
                continue;
            };
            let forms: Vec<&'static str> = it.collect();
            let Some(&lemma) = forms.first() else {
                continue;
            };
            for f in forms {
                cues.entry(f).or_insert(CueForm { class, lemma });
            }
        }
        let mut words: WordMap<u16> = WordMap::default();
        let mut add = |list: &mut dyn Iterator<Item = &'static str>, bit: u16| {
            for w in list {
                *words.entry_or(w, || 0) |= bit;
            }
        };
        add(&mut entries(include_str!("census_given.txt")), bits::GIVEN);
        add(&mut entries(include_str!("given_world.txt")), bits::GIVEN);
        add(
            &mut entries(include_str!("census_surnames.txt")),
            bits::SURNAME,
        );
        add(
            &mut entries(include_str!("surnames_world.txt")),
            bits::SURNAME | bits::NEWS_SURNAME,
        );
        add(&mut entries(include_str!("common_words.txt")), bits::COMMON);
        add(&mut entries(include_str!("places.txt")), bits::PLACE);
        add(&mut entries(include_str!("org_words.txt")), bits::ORG);
        add(&mut lines(include_str!("vague.txt")), bits::VAGUE_HEAD);
        add(
            &mut titles
                .keys()
                .filter_map(|t: &&'static str| t.split(' ').next()),
            bits::TITLE_FIRST,
        );
        add(&mut cues.keys().copied(), bits::CUE);
        // The first words of the claim phrases (`facts`).
        add(
            &mut [
                lists::CAUSAL,
                lists::PREDICTION,
                lists::ALLEGATION,
                lists::SUPERLATIVES,
                lists::MOTIVE,
                lists::TRENDS,
                lists::EVALUATIVE,
            ]
            .into_iter()
            .flatten()
            .filter_map(|p| p.split_whitespace().next()),
            bits::CLAIM,
        );
        add(&mut lists::NEVER_NAMES.iter().copied(), bits::NEVER_NAME);
        add(&mut lists::FIGURE_WORDS.iter().copied(), bits::FIGURE);
        add(&mut lists::MAGNITUDE_WORDS.iter().copied(), bits::MAGNITUDE);
        let vague_phrases = phrases(include_str!("vague_phrases.txt"));
        let anonymous_markers = phrases(include_str!("anonymous.txt"));
        let opinion = phrases(include_str!("opinion.txt"));
        add(&mut vague_phrases.first_words(), bits::VAGUE);
        add(&mut anonymous_markers.first_words(), bits::ANONYMOUS);
        add(&mut opinion.first_words(), bits::OPINION);
        let mut title_map = WordMap::default();
        for (t, k) in titles {
            *title_map.entry_or(t, || k) = k;
        }
        let mut cue_map = WordMap::default();
        for (w, c) in cues {
            cue_map.entry_or(w, || c);
        }
        Lexicon {
            words,
            titles: title_map,
            title_max_words,
            cues: cue_map,
            vague_phrases,
            anonymous_markers,
            opinion,
        }
    }
}

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::load);

/// The word lists a word is in, as bits of [`Lexicon::words`]. The tokenizer looks each token
/// up once ([`token_bits`]) and keeps the bits in the token, so the stages test a bit instead of
/// hashing the word again for every list (those lookups were a fifth of the analysis).
pub mod bits {
    /// A cue form ([`super::Lexicon::cues`]).
    pub const CUE: u16 = 1;
    /// The first word of a claim phrase (causal, prediction, allegation...).
    pub const CLAIM: u16 = 1 << 1;
    /// The first word of an opinion phrase.
    pub const OPINION: u16 = 1 << 2;
    /// The first word of a vague-source phrase.
    pub const VAGUE: u16 = 1 << 3;
    /// The first word of an anonymity phrase.
    pub const ANONYMOUS: u16 = 1 << 4;
    /// The first word of a title.
    pub const TITLE_FIRST: u16 = 1 << 5;
    /// A vague source's head noun ("experts").
    pub const VAGUE_HEAD: u16 = 1 << 6;
    pub const GIVEN: u16 = 1 << 7;
    pub const SURNAME: u16 = 1 << 8;
    /// Surnames of people who are often in the news: enough on their own to name a person.
    pub const NEWS_SURNAME: u16 = 1 << 9;
    pub const COMMON: u16 = 1 << 10;
    pub const PLACE: u16 = 1 << 11;
    pub const ORG: u16 = 1 << 12;
    /// Function words that surname lists contain but that never name anyone.
    pub const NEVER_NAME: u16 = 1 << 13;
    /// A word that can start a figure on its own ("hundreds of", "half of").
    pub const FIGURE: u16 = 1 << 14;
    /// "million", "billion", "trillion", "thousand": a figure with the word before.
    pub const MAGNITUDE: u16 = 1 << 15;
    /// The lists that are looked up by a token's lowercase text as it stands; the others by its
    /// text without a final abbreviation dot (`Tokens::bare`).
    pub const BY_LOWER: u16 =
        CUE | CLAIM | OPINION | VAGUE | ANONYMOUS | TITLE_FIRST | VAGUE_HEAD | FIGURE | MAGNITUDE;
}

/// The [`bits`] a token with lowercase text `lower` carries: the lists in [`bits::BY_LOWER`] by
/// `lower` itself, the others by `lower` without its final dots. Only words carry bits: every
/// listed entry starts with a letter (`every_listed_word_starts_with_a_letter` checks it), so
/// numbers and punctuation need no lookup.
pub fn token_bits(lower: &str) -> u16 {
    if !lower.chars().next().is_some_and(char::is_alphabetic) {
        return 0;
    }
    let words = &LEXICON.words;
    let by_lower = words.get(lower).copied().unwrap_or(0);
    let bare = lower.trim_end_matches('.');
    let by_bare = if bare.len() == lower.len() {
        by_lower
    } else {
        words.get(bare).copied().unwrap_or(0)
    };
    (by_lower & bits::BY_LOWER) | (by_bare & !bits::BY_LOWER)
}

/// [`token_bits`] through a small direct-mapped cache of recent words.
///
/// The lexicon holds 100,000 words; a lookup in it mostly waits for memory (perf: a sixth of
/// the whole analysis, on the load that reads the table). News text repeats its words ("the",
/// "said", the names of the story), so a table of 1,024 recent words, small enough to stay in
/// the CPU's nearest cache, answers most lookups.
pub struct BitsCache {
    slots: Box<[(Packed, u16)]>,
}

impl Default for BitsCache {
    fn default() -> Self {
        // An all-zero slot is the empty word, whose bits are 0: a correct entry, so no slot needs
        // an "empty" marker.
        BitsCache {
            slots: vec![(Packed { lo: 0, hi: 0 }, 0); 1024].into_boxed_slice(),
        }
    }
}

impl BitsCache {
    /// [`token_bits`]`(lower)`.
    #[inline]
    pub fn bits(&mut self, lower: &str) -> u16 {
        // Only words carry bits (see `token_bits`): punctuation and numbers need no lookup.
        match lower.as_bytes().first() {
            Some(b) if b.is_ascii_alphabetic() || *b >= 0x80 => {}
            _ => return 0,
        }
        let Some(k) = pack(lower) else {
            return token_bits(lower);
        };
        let (lo, hi) = (k.lo, k.hi);
        let h = (lo ^ hi.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let slot = &mut self.slots[(h >> 54) as usize];
        if slot.0 != k {
            *slot = (k, token_bits(lower));
        }
        slot.1
    }
}

/// The built-in lexicon together with the user's additions.
#[derive(Clone, Copy)]
pub struct Lex<'a> {
    pub base: &'static Lexicon,
    pub settings: &'a Settings,
}

impl<'a> Lex<'a> {
    pub fn new(settings: &'a Settings) -> Lex<'a> {
        Lex {
            base: &LEXICON,
            settings,
        }
    }

    /// A cue form, by its lowercase text.
    pub fn cue(&self, lower: &str) -> Option<CueForm> {
        if let Some(c) = self.base.cues.get(lower) {
            return Some(*c);
        }
        self.settings
            .speech_verbs
            .iter()
            .any(|v| v == lower)
            .then_some(CueForm {
                class: CueClass::Speech,
                lemma: "say",
            })
    }

    /// The cue form of token `i` of `t` (as [`Lex::cue`] of its lowercase text).
    pub(crate) fn cue_at(&self, t: &(impl TokenWords + ?Sized), i: usize) -> Option<CueForm> {
        if !t.has_bits(i, bits::CUE) && self.settings.speech_verbs.is_empty() {
            return None;
        }
        self.cue(t.lower(i))
    }

    pub fn is_given(&self, lower: &str) -> bool {
        self.base.has(lower, bits::GIVEN) || self.is_user_name(lower)
    }

    pub fn is_surname(&self, lower: &str) -> bool {
        self.base.has(lower, bits::SURNAME) || self.is_user_name(lower)
    }

    pub fn is_news_surname(&self, lower: &str) -> bool {
        self.base.has(lower, bits::NEWS_SURNAME) || self.is_user_name(lower)
    }

    fn is_user_name(&self, lower: &str) -> bool {
        self.settings.names.iter().any(|n| n == lower)
    }

    /// A word the user said is never part of a name.
    pub fn is_not_name(&self, lower: &str) -> bool {
        self.settings.not_names.iter().any(|n| n == lower)
    }

    pub fn is_common(&self, lower: &str) -> bool {
        self.base.has(lower, bits::COMMON)
    }

    pub fn is_place(&self, lower: &str) -> bool {
        self.base.has(lower, bits::PLACE)
    }

    pub fn is_org_word(&self, lower: &str) -> bool {
        self.base.has(lower, bits::ORG)
    }

    /// [`Lex::is_given`] of token `i`'s `Tokens::bare` text, from the token's bits.
    pub(crate) fn given_at(&self, t: &(impl TokenWords + ?Sized), i: usize) -> bool {
        t.has_bits(i, bits::GIVEN) || self.user_name_at(t, i)
    }

    /// [`Lex::is_surname`] of token `i`'s bare text.
    pub(crate) fn surname_at(&self, t: &(impl TokenWords + ?Sized), i: usize) -> bool {
        t.has_bits(i, bits::SURNAME) || self.user_name_at(t, i)
    }

    /// [`Lex::is_news_surname`] of token `i`'s bare text.
    pub(crate) fn news_surname_at(&self, t: &(impl TokenWords + ?Sized), i: usize) -> bool {
        t.has_bits(i, bits::NEWS_SURNAME) || self.user_name_at(t, i)
    }

    fn user_name_at(&self, t: &(impl TokenWords + ?Sized), i: usize) -> bool {
        !self.settings.names.is_empty() && self.is_user_name(t.bare(i))
    }

    /// [`Lex::is_not_name`] of token `i`'s bare text.
    pub(crate) fn not_name_at(&self, t: &(impl TokenWords + ?Sized), i: usize) -> bool {
        !self.settings.not_names.is_empty() && self.is_not_name(t.bare(i))
    }

    /// [`Lex::is_common`] of token `i`'s bare text.
    pub(crate) fn common_at(&self, t: &(impl TokenWords + ?Sized), i: usize) -> bool {
        t.has_bits(i, bits::COMMON)
    }

    /// [`Lex::is_place`] of token `i`'s bare text.
    pub(crate) fn place_at(&self, t: &(impl TokenWords + ?Sized), i: usize) -> bool {
        t.has_bits(i, bits::PLACE)
    }

    /// [`Lex::is_org_word`] of token `i`'s bare text.
    pub(crate) fn org_at(&self, t: &(impl TokenWords + ?Sized), i: usize) -> bool {
        t.has_bits(i, bits::ORG)
    }

    pub fn title(&self, words: &str) -> Option<TitleKind> {
        self.base.titles.get(words).copied()
    }

    pub fn is_vague_head(&self, lower: &str) -> bool {
        self.base.has(lower, bits::VAGUE_HEAD)
            || self.settings.vague_sources.iter().any(|v| v == lower)
    }
}

/// Declares word lists as hash sets, for lists the analysis consults at every word (a linear
/// scan of a hundred strings costs more than the rest of the word's analysis).
#[macro_export]
macro_rules! word_sets {
    ($($(#[$m:meta])* $vis:vis $name:ident = $list:expr;)*) => {
        $(
            $(#[$m])*
            $vis static $name: std::sync::LazyLock<$crate::analysis::lexicon::WordSet> =
                std::sync::LazyLock::new(|| $list.iter().copied().collect());
        )*
    };
}

/// Calls `f` with `s` in lowercase, without allocating for short ASCII words.
pub fn with_lower<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    let b = s.as_bytes();
    if b.len() <= 48 && b.is_ascii() {
        let mut buf = [0u8; 48];
        for (d, c) in buf.iter_mut().zip(b) {
            *d = c.to_ascii_lowercase();
        }
        // ASCII in, ASCII out.
        f(std::str::from_utf8(&buf[..b.len()]).unwrap_or(""))
    } else {
        f(&s.to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every word list is a data file with a header (`#` lines saying what it is and where it
    /// comes from), lowercase, one entry a line, sorted and without duplicates. The two tables
    /// (`cues.txt`, `titles.txt`: a line is a class and forms, or a marked title) keep their
    /// order, since the first line naming a form wins, but hold no line twice.
    #[test]
    fn word_lists_are_sorted_lowercase_data_with_a_header() {
        let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/analysis/lexicon");
        let mut files: Vec<std::path::PathBuf> = Vec::new();
        for dir in [here.clone(), here.join("lists")] {
            for e in std::fs::read_dir(&dir).unwrap() {
                let p = e.unwrap().path();
                if p.extension().is_some_and(|x| x == "txt") {
                    files.push(p);
                }
            }
        }
        assert!(files.len() >= 40, "{} lists", files.len());
        for p in files {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            let text = std::fs::read_to_string(&p).unwrap();
            let lines: Vec<&str> = text.lines().collect();
            let header = lines.iter().take_while(|l| l.starts_with('#')).count();
            assert!(header >= 1, "{name}: no header");
            let body: Vec<&str> = lines[header..].iter().map(|l| l.trim()).collect();
            for l in &body {
                assert!(!l.is_empty(), "{name}: blank line in the body");
                assert!(!l.starts_with('#'), "{name}: comment inside the list: {l}");
                assert_eq!(*l, l.to_lowercase(), "{name}: not lowercase");
            }
            let mut seen = std::collections::HashSet::new();
            for l in &body {
                assert!(seen.insert(*l), "{name}: {l:?} twice");
            }
            if name != "cues.txt" && name != "titles.txt" {
                for w in body.windows(2) {
                    assert!(w[0] < w[1], "{name}: {:?} before {:?}", w[0], w[1]);
                }
            }
        }
    }

    /// The lexicon is a leaf: it reads its data files and nothing of the stages.
    #[test]
    fn the_lexicon_imports_no_stage() {
        let src = include_str!("mod.rs");
        let code = &src[..src.find("#[cfg(test)]").unwrap()];
        for stage in [
            "text",
            "quotes",
            "people",
            "attribution",
            "claims",
            "facts",
            "checks",
            "pipeline",
            "incremental",
            "doc",
            "citations",
            "markdown",
        ] {
            for path in [format!("super::{stage}::"), format!("analysis::{stage}::")] {
                assert!(!code.contains(&path), "the lexicon uses {path}");
            }
        }
    }

    #[test]
    fn packing_keeps_every_byte_and_the_length() {
        // Against the plain way: the bytes, zero padding, the length in the last byte.
        let text = "abcdefghijklmnopé\u{2019}s";
        for a in 0..text.len() {
            for b in a..text.len() {
                let Some(w) = text.get(a..b) else {
                    continue;
                };
                let Some(p) = pack(w) else {
                    assert!(w.len() > 15);
                    continue;
                };
                let mut want = [0u8; 16];
                want[..w.len()].copy_from_slice(w.as_bytes());
                want[15] = w.len() as u8;
                let (lo, hi) = (p.lo, p.hi);
                assert_eq!([lo.to_le_bytes(), hi.to_le_bytes()].concat(), want, "{w:?}");
            }
        }
        assert!(pack("sixteen-letters!").is_none());
    }

    #[test]
    fn lists_load_with_their_classes() {
        let l = &*LEXICON;
        assert!(l.has("donald", bits::GIVEN));
        assert!(l.has("volodymyr", bits::GIVEN));
        assert!(l.has("smith", bits::SURNAME));
        assert!(l.has("putin", bits::NEWS_SURNAME | bits::SURNAME));
        assert!(l.has("leaders", bits::COMMON));
        assert!(!l.has("Leaders", bits::COMMON));
        assert_eq!(l.titles.get("press secretary"), Some(&TitleKind::Title));
        assert_eq!(l.titles.get("official"), Some(&TitleKind::Role));
        assert!(l.title_max_words >= 3);
        assert_eq!(l.cues.get("said").unwrap().class, CueClass::Speech);
        assert_eq!(l.cues.get("conceded").unwrap().class, CueClass::Loaded);
        assert_eq!(l.cues.get("wants").unwrap().class, CueClass::Intention);
        assert_eq!(l.cues.get("told").unwrap().lemma, "tell");
        assert!(l.has("ukraine", bits::PLACE));
        assert!(l.has("kremlin", bits::ORG));
        assert_eq!(token_bits("sen.") & bits::TITLE_FIRST, bits::TITLE_FIRST);
        assert_eq!(
            token_bits("jan.") & bits::GIVEN,
            token_bits("jan") & bits::GIVEN
        );
        let words = ["it", "is", "widely", "believed", "that"];
        assert_eq!(l.vague_phrases.match_at(0, words.len(), |i| words[i]), 4);
        assert_eq!(l.vague_phrases.match_at(1, words.len(), |i| words[i]), 3);
        assert_eq!(l.vague_phrases.match_at(4, words.len(), |i| words[i]), 0);
    }

    #[test]
    fn the_models_name_suffixes_are_the_lists() {
        assert_eq!(
            super::lists::SUFFIXES,
            crate::analysis::model::NAME_SUFFIXES
        );
    }

    #[test]
    fn every_listed_word_starts_with_a_letter() {
        // What lets `token_bits` skip numbers and punctuation.
        let l = &*LEXICON;
        for w in l
            .words
            .short_keys()
            .chain(l.words.long.keys().copied().map(String::from))
        {
            assert!(w.chars().next().is_some_and(char::is_alphabetic), "{w:?}");
        }
    }

    #[test]
    fn word_maps_tell_words_apart_by_every_byte_and_length() {
        const WORDS: [&str; 6] = [
            "a",
            "ab",
            "abc\0",
            "fifteen-bytes-x",
            "sixteen-bytes-xx",
            "é",
        ];
        let m: WordSet = WORDS.into_iter().collect();
        for w in WORDS {
            assert!(m.contains(w), "{w}");
        }
        for w in [
            "",
            "b",
            "ab\0",
            "abc",
            "fifteen-bytes-y",
            "sixteen-bytes-xy",
            "e",
            "a\0",
        ] {
            assert!(!m.contains(w), "{w:?}");
        }
        assert_eq!(m.len(), 6);
    }

    #[test]
    fn user_settings_extend_the_lists() {
        let s = Settings {
            speech_verbs: vec!["opined".into()],
            names: vec!["zorblax".into()],
            not_names: vec!["apple".into()],
            vague_sources: vec!["pundits".into()],
            ..Settings::default()
        };
        let lex = Lex::new(&s);
        assert_eq!(lex.cue("opined").map(|c| c.class), Some(CueClass::Speech));
        assert!(lex.is_given("zorblax") && lex.is_surname("zorblax"));
        assert!(lex.is_not_name("apple"));
        assert!(lex.is_vague_head("pundits"));
    }

    #[test]
    fn lowercasing_is_exact_for_ascii_and_unicode() {
        assert_eq!(with_lower("Peskov", |l| l.to_string()), "peskov");
        assert_eq!(with_lower("ÉLYSÉE", |l| l.to_string()), "élysée");
    }
}
