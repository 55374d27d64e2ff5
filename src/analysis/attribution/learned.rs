//! The learned part of finding cues: a logistic model that weighs each candidate cue word in its
//! sentence and decides whether it attributes.
//!
//! The rules in `cues.rs` know the grammar of attribution but were tuned on a dozen stories; on
//! news they had not seen they missed four cues in ten. The model takes the rules' verdict and
//! what they worked out (passive, a "that" clause, a subject before, a quote beside) as features,
//! with the words around the candidate, and was trained on PolNeAR's annotated attributions
//! (`src/analysis/models/README.md` says how, on what, and with what result). Inference is a sum
//! of hashed feature weights: no allocation beyond a small buffer, no floating-point
//! reductions whose order could vary, the same text always gives the same cues.
//!
//! A hand-written logistic model rather than a crate: inference is thirty table lookups, and the
//! training loop (`tools/train.rs`) is fifty lines; the crates that do this (linfa, smartcore)
//! bring ndarray and a dense design matrix for what is a sparse sum.

use super::*;
use crate::analysis::lexicon::WordMap;
use crate::analysis::lexicon::lists::LEARNED_CUE_WORDS as LEARNED_CUE_WORDS_LIST;
use crate::analysis::lexicon::lists::{CURRENCY, TIME_NOUNS};
use std::sync::LazyLock;

/// Words that are not in the cue lexicon but that the training data often has as cues
/// ("seemed", "criticism", "referring"), each its own lemma.
static LEARNED_CUE_WORDS: LazyLock<WordMap<&'static str>> = LazyLock::new(|| {
    let mut m = WordMap::default();
    for &w in LEARNED_CUE_WORDS_LIST {
        m.entry_or(w, || w);
    }
    m
});

/// A 4,096-bit sketch of the learned words (by first, middle and last byte and length): most
/// words of a story are ruled out by one bit test, before a lookup in the word map.
static LEARNED_SKETCH: LazyLock<Box<[u64; 64]>> = LazyLock::new(|| {
    let mut bits = Box::new([0u64; 64]);
    for w in LEARNED_CUE_WORDS_LIST {
        let k = sketch(w);
        bits[k / 64] |= 1 << (k % 64);
    }
    bits
});

fn sketch(w: &str) -> usize {
    let b = w.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return 0;
    };
    (usize::from(first) * 131
        + usize::from(b[b.len() / 2]) * 31
        + usize::from(last) * 17
        + b.len() * 7)
        & 4095
}

/// The learned word `l` (its lemma), if it is one.
fn learned_word(l: &str) -> Option<&'static str> {
    let k = sketch(l);
    if LEARNED_SKETCH[k / 64] & (1 << (k % 64)) == 0 {
        return None;
    }
    LEARNED_CUE_WORDS.get(l).copied()
}

/// Whether a word may join the learned candidates: a content word, not a name part, a number,
/// a function word or an adverb (those go with a cue, they are not one).
pub fn may_learn(w: &str) -> bool {
    w.len() > 2
        && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
        && !w.ends_with("ly")
        && ![
            &AUXILIARIES,
            &DETERMINERS,
            &PRONOUNS,
            &ADVERBS,
            &NP_LEFT_STOPS,
            &NP_RIGHT_STOPS,
        ]
        .iter()
        .any(|s| s.contains(w))
        && !crate::analysis::lexicon::lists::WEEKDAYS.contains(&w)
        && !crate::analysis::lexicon::lists::MONTHS.contains(&w)
        && !crate::analysis::lexicon::lists::PARTICLES.contains(&w)
}

/// The model's weights: a header, then `1 << bits` little-endian `i16`s.
static MODEL_BYTES: &[u8] = include_bytes!("../models/cues.model");

/// The compiled-in model, read once.
pub(crate) static MODEL: LazyLock<CueModel> =
    LazyLock::new(|| CueModel::from_bytes(MODEL_BYTES).unwrap_or_else(CueModel::empty));

/// A trained cue model: hashed feature weights, their scale, and the decision threshold.
pub struct CueModel {
    mask: u32,
    scale: f32,
    /// A candidate is a cue when its score exceeds this.
    pub threshold: f32,
    weights: Vec<i16>,
}

/// How far below the threshold a candidate the rules accept must score for the model to
/// refuse it. The model learned PolNeAR's idea of a cue; where it doubts a cue the rules vouch
/// for, keeping the cue keeps its sentence sourced: refusing at the threshold itself cost
/// unattributed precision on the Wikinews set (.841 to .822) for no cue F1 on PolNeAR's dev
/// split (.772 either way).
const VETO_MARGIN: f32 = 1.0;

/// The file's first bytes.
const MAGIC: &[u8; 8] = b"CDCUE01\n";

impl CueModel {
    /// A model with no weights: every candidate scores 0 and the threshold (below it) makes
    /// the rules' verdict decide (see [`CueModel::accepts`]).
    pub fn empty() -> CueModel {
        CueModel {
            mask: 0,
            scale: 0.0,
            threshold: 0.0,
            weights: Vec::new(),
        }
    }

    /// Reads a model written by [`CueModel::to_bytes`].
    pub fn from_bytes(b: &[u8]) -> Option<CueModel> {
        let rest = b.strip_prefix(MAGIC.as_slice())?;
        let bits = *rest.first()?;
        if !(8..=24).contains(&bits) {
            return None;
        }
        let f = |at: usize| -> Option<f32> {
            Some(f32::from_le_bytes(rest.get(at..at + 4)?.try_into().ok()?))
        };
        let (scale, threshold) = (f(1)?, f(5)?);
        let body = rest.get(9..)?;
        let n = 1usize << bits;
        if body.len() != 2 * n {
            return None;
        }
        let weights = body
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        Some(CueModel {
            mask: (n - 1) as u32,
            scale,
            threshold,
            weights,
        })
    }

    /// The model as bytes, quantizing `weights` (one per hash bucket) to `i16`.
    pub fn to_bytes(weights: &[f32], threshold: f32) -> Vec<u8> {
        let bits = weights.len().trailing_zeros() as u8;
        assert!(weights.len().is_power_of_two());
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs())).max(1e-6);
        let scale = max / f32::from(i16::MAX);
        let mut out = MAGIC.to_vec();
        out.push(bits);
        out.extend(scale.to_le_bytes());
        out.extend(threshold.to_le_bytes());
        for w in weights {
            out.extend(((w / scale).round() as i16).to_le_bytes());
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// The score of a candidate with features `f` (hashes).
    pub fn score(&self, f: &[u32]) -> f32 {
        if self.weights.is_empty() {
            return 0.0;
        }
        // Summed as integers: exact, so the order of features cannot change a decision.
        let sum: i64 = f
            .iter()
            .map(|&h| i64::from(self.weights[(h & self.mask) as usize]))
            .sum();
        sum as f32 * self.scale
    }

    /// Whether a candidate with features `f`, which the rules accept or not (`rule`), is a cue;
    /// with no model, the rules decide.
    pub fn accepts(&self, f: &[u32], rule: bool) -> bool {
        if self.weights.is_empty() {
            return rule;
        }
        let veto = if rule { VETO_MARGIN } else { 0.0 };
        self.score(f) > self.threshold - veto
    }
}

/// The end (exclusive) of "made clear" / "made it clear" (any form of "make") starting at
/// token `i` of sentence `r`: one cue, a statement.
pub(super) fn make_clear_end(
    t: &crate::analysis::text::Tokens,
    i: usize,
    r: &Range<usize>,
) -> Option<usize> {
    let w = |k: usize| if k < r.end { t.lower(k) } else { "" };
    if !matches!(w(i), "make" | "makes" | "made" | "making") {
        return None;
    }
    match (w(i + 1), w(i + 2)) {
        ("clear", _) => Some(i + 2),
        ("it", "clear") => Some(i + 3),
        _ => None,
    }
}

/// The hash behind the features: the same on every machine and in every build (the model's
/// buckets depend on it). Strings are read eight bytes at a time, little-endian; each word is
/// hashed once per candidate and features combine the words' hashes.
const K: u64 = 0x517c_c1b7_2722_0a95;

fn mix(a: u64, b: u64) -> u64 {
    (a.rotate_left(5) ^ b).wrapping_mul(K)
}

fn hash_str(s: &str) -> u64 {
    let mut h = s.len() as u64;
    for chunk in s.as_bytes().chunks(8) {
        let mut b = [0u8; 8];
        b[..chunk.len()].copy_from_slice(chunk);
        h = mix(h, u64::from_le_bytes(b));
    }
    mix(h, 0xff)
}

/// A feature from its template number and parts: the bucket index comes from its low bits, so
/// the high half is folded in.
fn feature(parts: &[u64]) -> u32 {
    let h = parts.iter().fold(0u64, |h, &p| mix(h, p));
    (h ^ (h >> 32)) as u32
}

/// A candidate cue word: its form (from the cue lexicon, or a learned word), what the rules
/// worked out about its neighbourhood, and whether they accept it.
#[derive(Clone, Copy)]
pub struct Candidate {
    pub form: CueForm,
    pub rule: bool,
    /// Not in the lexicon: a word the training data has as a cue.
    pub learned: bool,
    facts: Option<CueFacts>,
}

/// What the features read of the sentence around a candidate, worked out once per sentence or
/// kept as the sentence is walked.
#[derive(Clone, Copy, Default)]
pub(super) struct Around {
    /// The sentence has a quote mark.
    pub has_quote: bool,
    /// Unquoted cue-lexicon words before the candidate (at most 2).
    pub earlier: u8,
}

impl Around {
    pub(super) fn of(t: &crate::analysis::text::Tokens, r: &Range<usize>) -> Around {
        Around {
            has_quote: r.clone().any(|k| t.kind(k) == TokKind::Quote),
            earlier: 0,
        }
    }
}

/// How a token looks, for the features around a candidate.
fn shape(t: &crate::analysis::text::Tokens, k: isize, r: &Range<usize>) -> u64 {
    if k < r.start as isize || k >= r.end as isize {
        return 1;
    }
    let k = k as usize;
    match t.kind(k) {
        TokKind::Word if t.toks[k].has(CAP) => 2,
        TokKind::Word => 3,
        TokKind::Number => 4,
        TokKind::Quote => 5,
        TokKind::Possessive => 6,
        TokKind::Punct => match t.lower(k) {
            "," => 7,
            "." | "!" | "?" => 8,
            ":" | ";" => 9,
            "(" | ")" => 10,
            _ => 11,
        },
    }
}

impl Ctx<'_, '_> {
    /// The candidate at word `i` of sentence `r`, if it is one: a cue form in the lexicon (or
    /// the configuration's speech verbs), or a word the training data often has as a cue.
    pub(super) fn candidate(&self, i: usize, r: &Range<usize>) -> Option<Candidate> {
        self.candidate_in(i, r, &learned_word)
    }

    /// [`Ctx::candidate`] with the learned words given by `learned` (training builds them).
    pub(super) fn candidate_in(
        &self,
        i: usize,
        r: &Range<usize>,
        learned: &dyn Fn(&str) -> Option<&'static str>,
    ) -> Option<Candidate> {
        let t = self.t();
        let (form, is_learned) = match self.doc.lex.cue_at(t, i) {
            Some(form) => (form, false),
            None => {
                let lemma = learned(t.lower(i))?;
                // "made clear", "has made it clear": a statement, as "said" is ("clear" is
                // the same cue's last word).
                let in_make_clear =
                    |k: usize| k >= r.start && make_clear_end(t, k, r).is_some_and(|e| e == i + 1);
                if i > r.start && (in_make_clear(i - 1) || i > r.start + 1 && in_make_clear(i - 2))
                {
                    return None;
                }
                let class = if make_clear_end(t, i, r).is_some() {
                    CueClass::Speech
                } else {
                    CueClass::Thought
                };
                (CueForm { class, lemma }, true)
            }
        };
        // "who asked not to be named" describes a source, "you know" is anyone, and "claimed
        // £11,000 in expenses" takes money: never cues, whatever the words around them. ("I
        // think", "we asked the mayor" outside quotes are the writer's own, and cues like any
        // other.)
        let generic_you = self
            .skip_adverbs_left(i, r.start)
            .is_some_and(|p| t.lower(p) == "you");
        if self.in_anonymity_phrase(i, r)
            || generic_you
            || self.noun_before_verb(i, r)
            || self.shows_as_noun(i, r, form)
            || form.lemma == "claim" && self.claim_takes(i, r)
        {
            return None;
        }
        let facts = self.cue_facts(i, r);
        let rule = !is_learned && facts.is_some_and(|f| self.accept(i, form, r, f));
        // A court's "ruled" the model learned as a thought verb, in every sense ("ruled the
        // country", "ruled that out"): the rules alone decide it.
        if form.lemma == "ruled" && !rule {
            return None;
        }
        Some(Candidate {
            form,
            rule,
            learned: is_learned,
            facts,
        })
    }

    /// Whether the plural-looking form at word `i` is a noun a verb of movement follows:
    /// "Jobless claims rose", "Calls have increased" (never a cue, whatever the model reads;
    /// "Fears are growing that ..." still is one).
    fn noun_before_verb(&self, i: usize, r: &Range<usize>) -> bool {
        let t = self.t();
        let moves = |k: usize| {
            k < r.end
                && matches!(
                    t.lower(k),
                    "rose"
                        | "risen"
                        | "fell"
                        | "fallen"
                        | "grew"
                        | "jumped"
                        | "climbed"
                        | "dropped"
                        | "surged"
                        | "soared"
                        | "eased"
                        | "increased"
                        | "declined"
                        | "totalled"
                        | "totaled"
                        | "up"
                        | "down"
                )
        };
        let aux = |k: usize| {
            k < r.end
                && (AUXILIARIES.contains(t.lower(k))
                    || matches!(t.lower(k), "has" | "have" | "had"))
        };
        NOUN_LIKE_CUE_FORMS.contains(t.lower(i)) && (moves(i + 1) || aux(i + 1) && moves(i + 2))
    }

    /// Whether "claim" at word `i` means taking, not saying: "claimed responsibility", "claimed
    /// the lives of", "claimed victory", money ("claimed more than £11,000 in expenses",
    /// "claimed for rent"; not "claimed for years that ...", nor "claimed nearly 400 delegates
    /// took part").
    pub(super) fn claim_takes(&self, i: usize, r: &Range<usize>) -> bool {
        let t = self.t();
        let next = |k: usize| if i + k < r.end { t.lower(i + k) } else { "" };
        let taking = CLAIM_TAKING_OBJECTS.contains(next(1))
            || (matches!(next(1), "the" | "a" | "his" | "her" | "their" | "its")
                && CLAIM_TAKING_NOUNS.contains(next(2)));
        let money = CURRENCY.contains(&next(1))
            || matches!(
                next(1),
                "more" | "over" | "about" | "almost" | "nearly" | "around"
            ) && (CURRENCY.contains(&next(2)) || CURRENCY.contains(&next(3)));
        let claimed_for = next(1) == "for"
            && !TIME_NOUNS.contains(&next(2))
            && !matches!(
                next(2),
                "decades" | "a" | "some" | "the" | "many" | "long" | "several"
            );
        taking || money || claimed_for
    }

    /// Whether "ruled" at word `i` gives a court's or coroner's finding on a clause: "the judge
    /// ruled (that) the search was unlawful", "ruled the law unconstitutional" (not "ruled the
    /// country", "ruled that out", "the case on which the court has ruled was ..."). The
    /// model learned "ruled" in every sense; these rules alone decide it.
    pub(super) fn court_rules(
        &self,
        i: usize,
        r: &Range<usize>,
        subject_before: bool,
        that_follows: bool,
    ) -> bool {
        let t = self.t();
        let next = |k: usize| if i + k < r.end { t.lower(i + k) } else { "" };
        let subject_opens = i + 1 < r.end
            && (t.toks[i + 1].has(CAP)
                || DETERMINERS.contains(next(1))
                || PRONOUNS.contains(next(1)));
        // "ruled Cruz eligible", "ruled the law unconstitutional": a verdict on it.
        let verdict = (2..5).any(|k| {
            let w = next(k);
            let base = w.strip_prefix("un").or(w.strip_prefix("in")).unwrap_or(w);
            matches!(
                base,
                "eligible" | "lawful" | "constitutional" | "valid" | "admissible" | "legal"
            ) || matches!(w, "illegal" | "void")
        });
        // A clause's verb within a few words: "ruled the inspection contributed to".
        let verb = (2..8).any(|k| {
            let w = next(k);
            AUXILIARIES.contains(w)
                || matches!(w, "has" | "had" | "have")
                || w.len() > 4 && w.ends_with("ed") && !t.toks[i + k].has(CAP)
        });
        // "ruled (Friday) against Ohio's procedure", "ruled in favour of the council".
        let k = if crate::analysis::text::is_weekday(next(1)) || TIME_NOUNS.contains(&next(1)) {
            2
        } else {
            1
        };
        let for_or_against =
            next(k) == "against" || next(k) == "in" && matches!(next(k + 1), "favor" | "favour");
        (that_follows && next(1) == "that"
            || subject_before && (subject_opens && (verdict || verb) || for_or_against))
            && next(2) != "out"
    }

    /// Whether "shows" at word `i` ends a clause with no evidence noun just before it: a
    /// noun ("the Fox and CNN morning shows, about one in three ...").
    fn shows_as_noun(&self, i: usize, r: &Range<usize>, form: CueForm) -> bool {
        let t = self.t();
        form.lemma == "show"
            && t.lower(i) == "shows"
            && (i + 1 >= r.end || matches!(t.lower(i + 1), "," | "." | ";" | ")"))
            && !(i > r.start && EVIDENCE_NOUNS.contains(t.lower(i - 1)))
    }

    /// The cue form of candidate `c` at word `i` of sentence `r` if the model takes it for a
    /// cue (with no model, if the rules do). `buf` is a reused feature buffer.
    ///
    /// A loaded verb the rules refused but the model takes ("his claim that ...") is a noun
    /// or a use the rules cannot vouch for as the verb: it attributes, but is not flagged as
    /// loaded.
    pub(super) fn decide(
        &self,
        i: usize,
        r: &Range<usize>,
        c: Candidate,
        around: Around,
        buf: &mut Vec<u32>,
    ) -> Option<CueForm> {
        let m = &*MODEL;
        let yes = if m.is_empty() {
            c.rule
        } else {
            buf.clear();
            self.features(i, r, c, around, buf);
            m.accepts(buf, c.rule) || self.body_forecasts(i, r, c)
        };
        let mut form = c.form;
        if !c.rule && form.class == CueClass::Loaded {
            form.class = CueClass::Speech;
        }
        yes.then_some(form)
    }

    /// Whether candidate `c` at word `i` is a named body's forecast:
    /// "The Bank of England expects inflation to fall", "the Office for Budget Responsibility
    /// forecasts growth to slow" (the model, reading "England expects", turned such down).
    fn body_forecasts(&self, i: usize, r: &Range<usize>, c: Candidate) -> bool {
        let t = self.t();
        matches!(c.form.lemma, "expect" | "forecast" | "predict" | "project")
            && c.facts.is_some_and(|f| !f.is_passive && !f.infinitive)
            // "expects inflation to fall": an object and an infinitive, no clause.
            && (i + 2..(i + 6).min(r.end))
                .take_while(|&k| t.kind(k) == TokKind::Word)
                .any(|k| t.lower(k) == "to")
            && i > r.start
            && t.toks[i - 1].has(CAP)
            && (r.start.max(i.saturating_sub(5))..i)
                .any(|k| t.toks[k].has(CAP) && BODY_NOUNS.contains(t.lower(k)))
    }

    /// The features of candidate `c` at word `i` of sentence `r`, as hashes, appended to `out`.
    /// They read only the sentence's own tokens (and which of them are quoted or name people),
    /// as the incremental memo requires of a sentence's attributions.
    pub(super) fn features(
        &self,
        i: usize,
        r: &Range<usize>,
        c: Candidate,
        around: Around,
        out: &mut Vec<u32>,
    ) {
        let t = self.t();
        let word = |k: isize| -> u64 {
            let k = i as isize + k;
            if k < r.start as isize {
                1
            } else if k >= r.end as isize {
                2
            } else {
                hash_str(t.lower(k as usize))
            }
        };
        let sh = |k: isize| shape(t, i as isize + k, r);
        let w = hash_str(t.lower(i));
        let lemma = hash_str(c.form.lemma);
        let (p2, p1, n1, n2) = (word(-2), word(-1), word(1), word(2));
        let class = c.form.class as u64 + 1;
        let rule: u64 = if c.learned {
            3
        } else if c.rule {
            2
        } else {
            1
        };
        for parts in [
            &[0][..],
            &[1, w],
            &[2, lemma],
            &[3, class, rule],
            &[4, rule, lemma],
            &[5, p1],
            &[6, p2],
            &[7, n1],
            &[8, n2],
            &[9, p1, lemma],
            &[10, lemma, n1],
            &[11, sh(-2), sh(-1), class],
            &[12, sh(1), sh(2), class],
            &[13, sh(-1), sh(1), rule],
            &[28, p1, n1],
            &[30, u64::from(around.earlier), class],
        ] {
            out.push(feature(parts));
        }
        let lw = t.lower(i);
        let suffix = lw.len().saturating_sub(3);
        if lw.is_char_boundary(suffix) {
            out.push(feature(&[14, hash_str(&lw[suffix..]), class]));
        }
        if t.toks[i].has(CAP) {
            out.push(feature(&[15, class, u64::from(i == r.start)]));
        }
        // Where the candidate stands in its sentence.
        out.push(feature(&[16, (i - r.start).min(6) as u64, class]));
        out.push(feature(&[17, (r.end - i).min(6) as u64, class]));
        // What the rules worked out about the word's neighbourhood.
        match c.facts {
            None => out.push(feature(&[18, class])),
            Some(f) => {
                let flags = [
                    f.infinitive,
                    f.is_passive,
                    f.that_follows,
                    f.quote_follows,
                    f.quote_before,
                    f.subject_before,
                    f.to_follows,
                    f.ambiguous_form,
                    f.headline,
                    f.ing_clause,
                ];
                for (n, _) in flags.iter().enumerate().filter(|(_, on)| **on) {
                    out.push(feature(&[19, n as u64, class]));
                    out.push(feature(&[20, n as u64, lemma]));
                }
            }
        }
        // Who stands around it: a person named, a pronoun, a quote.
        let left = i.saturating_sub(4).max(r.start)..i;
        if left.clone().any(|k| self.people.at(k).is_some()) {
            out.push(feature(&[21, class]));
        }
        if left.clone().any(|k| PRONOUNS.contains(t.lower(k))) {
            out.push(feature(&[22, class]));
        }
        if (i + 1..(i + 5).min(r.end)).any(|k| self.people.at(k).is_some()) {
            out.push(feature(&[23, class]));
        }
        if self.quoted(i) {
            out.push(feature(&[24, class]));
        }
        if around.has_quote {
            out.push(feature(&[25, class]));
        }
        // The word right before: a person named, a pronoun, or its shape.
        if i > r.start {
            let p = i - 1;
            let who = if self.people.at(p).is_some() {
                20
            } else if PRONOUNS.contains(t.lower(p)) {
                21
            } else {
                sh(-1)
            };
            out.push(feature(&[29, who, lemma]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_model_round_trips_through_its_bytes() {
        let w: Vec<f32> = (0..256).map(|k| (k as f32 - 128.0) / 16.0).collect();
        let m = CueModel::from_bytes(&CueModel::to_bytes(&w, 0.25)).unwrap();
        assert_eq!(m.threshold, 0.25);
        assert!((m.score(&[0, 255]) - (w[0] + w[255])).abs() < 0.01);
        // A hash past the table wraps to its bucket.
        assert!((m.score(&[256 + 3]) - w[3]).abs() < 0.01);
    }

    #[test]
    fn broken_model_bytes_are_refused() {
        assert!(CueModel::from_bytes(b"").is_none());
        assert!(CueModel::from_bytes(b"CDCUE01\n\x08").is_none());
        let mut b = CueModel::to_bytes(&[0.5; 256], 0.0);
        b.pop();
        assert!(CueModel::from_bytes(&b).is_none());
    }

    #[test]
    fn an_empty_model_leaves_the_decision_to_the_rules() {
        let m = CueModel::empty();
        assert!(m.accepts(&[1, 2, 3], true));
        assert!(!m.accepts(&[1, 2, 3], false));
    }

    #[test]
    fn the_model_refuses_a_rule_cue_only_well_below_its_threshold() {
        // Every bucket weighs 0.5: one feature scores 0.5, against a threshold of 1.0.
        let m = CueModel::from_bytes(&CueModel::to_bytes(&[0.5; 256], 1.0)).unwrap();
        assert!(!m.accepts(&[7], false));
        assert!(m.accepts(&[7], true));
        assert!(m.accepts(&[7, 8, 9], false));
        let low = CueModel::from_bytes(&CueModel::to_bytes(&[-0.5; 256], 1.0)).unwrap();
        assert!(!low.accepts(&[7], true));
    }

    #[test]
    fn the_sketch_lets_every_learned_word_through() {
        for w in LEARNED_CUE_WORDS_LIST {
            assert_eq!(learned_word(w), Some(*w));
        }
        assert_eq!(learned_word("the"), None);
        assert_eq!(learned_word(""), None);
    }

    #[test]
    fn learned_words_are_content_words() {
        assert!(may_learn("criticism"));
        assert!(!may_learn("the"));
        assert!(!may_learn("repeatedly"));
        assert!(!may_learn("friday"));
        assert!(!may_learn("Trump"));
    }

    #[test]
    fn the_compiled_model_loads() {
        assert!(
            !MODEL.is_empty(),
            "src/analysis/models/cues.model did not load"
        );
    }
}
