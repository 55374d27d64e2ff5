//! Word lists compiled into the binary, and the lookups over them.
//!
//! Every list is a plain text file beside this module; `README.md` says where each comes from.
//! They are parsed once, on first use, into hash sets (about 90,000 entries, a few milliseconds).
//! User additions from `copydesk.toml` live in [`crate::analysis::Settings`] and are consulted
//! alongside these by [`Lex`].

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

use super::Settings;

/// What kind of attribution a cue verb expresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CueClass {
    /// Said, told, wrote, announced...
    Speech,
    /// A speech verb that judges the speaker ("claimed", "admitted"); AP prefers "said".
    Loaded,
    /// Believes, thinks, expects...
    Thought,
    /// Wants, plans, refuses...
    Intention,
    /// Shows, found: a document or study as the source.
    Evidence,
}

impl CueClass {
    fn parse(s: &str) -> Option<CueClass> {
        Some(match s {
            "speech" => CueClass::Speech,
            "loaded" => CueClass::Loaded,
            "thought" => CueClass::Thought,
            "intention" => CueClass::Intention,
            "evidence" => CueClass::Evidence,
            _ => return None,
        })
    }

    /// Does a source behind this cue make a claim sourced? Speech and evidence do; a claim
    /// about what someone thinks or wants is itself a claim that needs a source.
    pub fn sources_claims(self) -> bool {
        matches!(
            self,
            CueClass::Speech | CueClass::Loaded | CueClass::Evidence
        )
    }
}

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

/// Phrases of lowercase words, each with a tag, indexed by their first word so that matching at
/// a token costs one hash lookup (the analysis looks for a few hundred phrases at every token).
#[derive(Default)]
pub struct PhraseSet<T: Copy = ()> {
    by_first: FxHashMap<&'static str, Vec<(Vec<&'static str>, T)>>,
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
        self.by_first.keys().copied()
    }

    pub fn tagged(phrases: impl IntoIterator<Item = (Vec<&'static str>, T)>) -> PhraseSet<T> {
        let mut by_first: FxHashMap<&'static str, Vec<(Vec<&'static str>, T)>> =
            FxHashMap::default();
        for (words, tag) in phrases {
            if let Some(&first) = words.first() {
                by_first.entry(first).or_default().push((words, tag));
            }
        }
        // Longest first, so the longest phrase at a position wins.
        for v in by_first.values_mut() {
            v.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        }
        PhraseSet { by_first }
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

pub struct Lexicon {
    pub given: FxHashSet<&'static str>,
    pub surnames: FxHashSet<&'static str>,
    /// Surnames of people who are often in the news: enough on their own to name a person.
    pub news_surnames: FxHashSet<&'static str>,
    pub common: FxHashSet<&'static str>,
    pub places: FxHashSet<&'static str>,
    pub org_words: FxHashSet<&'static str>,
    /// Titles keyed by their words joined with single spaces.
    pub titles: FxHashMap<&'static str, TitleKind>,
    /// The first word of every title: most words are not, and need no longer lookup.
    pub title_first: FxHashSet<&'static str>,
    pub title_max_words: usize,
    pub cues: FxHashMap<&'static str, CueForm>,
    pub vague_heads: FxHashSet<&'static str>,
    pub vague_phrases: PhraseSet,
    pub anonymous_markers: PhraseSet,
    pub opinion: PhraseSet,
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
        let mut titles = FxHashMap::default();
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
        let mut cues = FxHashMap::default();
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
        let news_surnames: FxHashSet<_> = entries(include_str!("surnames_world.txt")).collect();
        let mut surnames: FxHashSet<_> = entries(include_str!("census_surnames.txt")).collect();
        surnames.extend(news_surnames.iter().copied());
        let title_first = titles
            .keys()
            .filter_map(|t: &&'static str| t.split(' ').next())
            .collect();
        Lexicon {
            title_first,
            given: entries(include_str!("census_given.txt"))
                .chain(entries(include_str!("given_world.txt")))
                .collect(),
            surnames,
            news_surnames,
            common: entries(include_str!("common_words.txt")).collect(),
            places: entries(include_str!("places.txt")).collect(),
            org_words: entries(include_str!("org_words.txt")).collect(),
            titles,
            title_max_words,
            cues,
            vague_heads: lines(include_str!("vague.txt")).collect(),
            vague_phrases: phrases(include_str!("vague_phrases.txt")),
            anonymous_markers: phrases(include_str!("anonymous.txt")),
            opinion: phrases(include_str!("opinion.txt")),
        }
    }
}

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::load);

/// Which of the lists that the analysis tests at every word a token's lowercase text begins an
/// entry of. The tokenizer looks each token up once ([`word_bits`]) and keeps the bits in the
/// token, so the stages test a bit instead of hashing the word again for every list (those
/// lookups were a fifth of the analysis).
pub mod bits {
    /// A cue form ([`super::Lexicon::cues`]).
    pub const CUE: u16 = 1;
    /// The first word of a claim phrase (causal, prediction, allegation...).
    pub const CLAIM: u16 = 2;
    /// The first word of an opinion phrase.
    pub const OPINION: u16 = 4;
    /// The first word of a vague-source phrase.
    pub const VAGUE: u16 = 8;
    /// The first word of an anonymity phrase.
    pub const ANONYMOUS: u16 = 16;
}

static WORD_BITS: LazyLock<FxHashMap<&'static str, u16>> = LazyLock::new(|| {
    let l = &*LEXICON;
    let mut m: FxHashMap<&'static str, u16> = FxHashMap::default();
    let mut add = |words: &mut dyn Iterator<Item = &'static str>, bit: u16| {
        for w in words {
            *m.entry(w).or_default() |= bit;
        }
    };
    add(&mut l.cues.keys().copied(), bits::CUE);
    add(&mut super::claims::claim_first_words(), bits::CLAIM);
    add(&mut l.opinion.first_words(), bits::OPINION);
    add(&mut l.vague_phrases.first_words(), bits::VAGUE);
    add(&mut l.anonymous_markers.first_words(), bits::ANONYMOUS);
    m
});

/// The [`bits`] of a lowercase word.
pub fn word_bits(lower: &str) -> u16 {
    WORD_BITS.get(lower).copied().unwrap_or(0)
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
    pub fn cue_at(&self, t: &super::text::Tokens, i: usize) -> Option<CueForm> {
        if !t.has_bits(i, bits::CUE) && self.settings.speech_verbs.is_empty() {
            return None;
        }
        self.cue(t.lower(i))
    }

    pub fn is_given(&self, lower: &str) -> bool {
        self.base.given.contains(lower) || self.is_user_name(lower)
    }

    pub fn is_surname(&self, lower: &str) -> bool {
        self.base.surnames.contains(lower) || self.is_user_name(lower)
    }

    pub fn is_news_surname(&self, lower: &str) -> bool {
        self.base.news_surnames.contains(lower) || self.is_user_name(lower)
    }

    fn is_user_name(&self, lower: &str) -> bool {
        self.settings.names.iter().any(|n| n == lower)
    }

    /// A word the user said is never part of a name.
    pub fn is_not_name(&self, lower: &str) -> bool {
        self.settings.not_names.iter().any(|n| n == lower)
    }

    pub fn is_common(&self, lower: &str) -> bool {
        self.base.common.contains(lower)
    }

    pub fn is_place(&self, lower: &str) -> bool {
        self.base.places.contains(lower)
    }

    pub fn is_org_word(&self, lower: &str) -> bool {
        self.base.org_words.contains(lower)
    }

    pub fn title(&self, words: &str) -> Option<TitleKind> {
        self.base.titles.get(words).copied()
    }

    pub fn is_vague_head(&self, lower: &str) -> bool {
        self.base.vague_heads.contains(lower)
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
            $vis static $name: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
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

    #[test]
    fn lists_load_with_their_classes() {
        let l = &*LEXICON;
        assert!(l.given.contains("donald"));
        assert!(l.given.contains("volodymyr"));
        assert!(l.surnames.contains("smith"));
        assert!(l.news_surnames.contains("putin"));
        assert!(l.common.contains("leaders"));
        assert!(!l.common.contains("Leaders"));
        assert_eq!(l.titles.get("press secretary"), Some(&TitleKind::Title));
        assert_eq!(l.titles.get("official"), Some(&TitleKind::Role));
        assert!(l.title_max_words >= 3);
        assert_eq!(l.cues["said"].class, CueClass::Speech);
        assert_eq!(l.cues["conceded"].class, CueClass::Loaded);
        assert_eq!(l.cues["wants"].class, CueClass::Intention);
        assert_eq!(l.cues["told"].lemma, "tell");
        assert!(l.places.contains("ukraine"));
        assert!(l.org_words.contains("kremlin"));
        let words = ["it", "is", "widely", "believed", "that"];
        assert_eq!(l.vague_phrases.match_at(0, words.len(), |i| words[i]), 4);
        assert_eq!(l.vague_phrases.match_at(1, words.len(), |i| words[i]), 3);
        assert_eq!(l.vague_phrases.match_at(4, words.len(), |i| words[i]), 0);
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
