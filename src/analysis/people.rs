//! Named people: who is in the story, every mention of each, and the titles, roles and
//! affiliations the story gives them.
//!
//! Two passes. The first reads runs of capitalised words and keeps those that name a person on
//! good evidence: a title or role before the name ("Press Secretary Dmitry Peskov", "team member
//! Rodaba Noori"), a given name from the lexicons followed by a surname-like word ("Pete
//! Hegseth"), an appositive role ("Kirill Dmitriev, CEO of ..."), or a capitalised word that is
//! the subject of a speech verb ("Mehraban said"). The second pass links the short mentions
//! (surname alone, title + surname, possessive, another spelling) to the people found.

use crate::analysis::lexicon::lists::{
    PARTICLES as PARTICLES_LIST, SUFFIXES, TITLE_MODIFIERS as TITLE_MODIFIERS_LIST,
};
use std::ops::Range;

use rustc_hash::FxHashMap;

use super::lexicon::{Lex, TitleKind, bits};
use super::quotes::QuoteMark;
use super::text::{ABBREV, ALLCAPS, CAP, TokKind, is_month, is_weekday};
use super::{Doc, Mention, MentionKind, ParagraphKind, Person, SentenceKind};

pub struct People {
    pub people: Vec<Person>,
    /// For each token: the person whose mention (name or title) covers it, or `u32::MAX`.
    pub tok_person: Vec<u32>,
}

impl People {
    pub fn at(&self, tok: usize) -> Option<usize> {
        self.tok_person
            .get(tok)
            .and_then(|&p| (p != u32::MAX).then_some(p as usize))
    }
}

crate::word_sets! {
    TITLE_MODIFIERS = TITLE_MODIFIERS_LIST;
    PARTICLES = PARTICLES_LIST;
}

/// Evidence that a run of capitalised words names a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Evidence {
    /// Enough only to link to someone already known.
    None,
    /// A single word that is the subject of a speech verb, or a well-known surname.
    Weak,
    /// Title, given name + surname, or appositive role.
    Strong,
}

#[derive(Clone, Debug)]
pub(super) struct Candidate {
    name: Range<usize>,
    title: Option<Range<usize>>,
    /// Role text gathered around the mention (shared: the incremental memo hands the same
    /// candidates to every later analysis).
    roles: Option<std::sync::Arc<[String]>>,
    evidence: Evidence,
    possessive: bool,
    sentence: usize,
}

/// What a sentence gives linking: its person candidates and its capitalised words (not all
/// capitals), relative to its first token when kept in the incremental memo.
#[derive(Default)]
pub(crate) struct SentenceNames {
    cands: Vec<Candidate>,
    /// Each with its bare word's [`shape`].
    capitals: Vec<(u32, u16)>,
}

impl Candidate {
    /// The same candidate with its token ranges moved from `from` to `to` (a sentence's first
    /// token) and in sentence `sentence`: the incremental analysis keeps candidates relative to
    /// their sentence.
    fn moved(&self, from: usize, to: usize, sentence: usize) -> Candidate {
        let mv = |r: &Range<usize>| r.start - from + to..r.end - from + to;
        Candidate {
            name: mv(&self.name),
            title: self.title.as_ref().map(mv),
            roles: self.roles.clone(),
            evidence: self.evidence,
            possessive: self.possessive,
            sentence,
        }
    }
}

/// The token positions where each person is mentioned, per person.
///
/// Linking makes passes over the story, each in text order: a person's positions are kept as
/// one sorted run per pass, each appended to at its end, and the last mention before a place is
/// the latest over the runs. (One sorted list took an insertion in the middle for every mention
/// a later pass found: quadratic in a long story's mentions of its main character.)
#[derive(Default)]
struct Seen {
    /// Per person, per pass: sorted positions.
    runs: Vec<Vec<Vec<usize>>>,
    pass: usize,
}

impl Seen {
    /// Starts the next pass.
    fn next_pass(&mut self) {
        self.pass += 1;
    }

    fn push(&mut self, person: usize, at: usize) {
        if self.runs.len() <= person {
            self.runs.resize_with(person + 1, Vec::new);
        }
        let runs = &mut self.runs[person];
        if runs.len() <= self.pass {
            runs.resize_with(self.pass + 1, Vec::new);
        }
        let v = &mut runs[self.pass];
        if v.last().is_none_or(|&x| x <= at) {
            v.push(at);
        } else {
            // Out of text order (no pass does this): still sorted.
            let k = v.partition_point(|&x| x <= at);
            v.insert(k, at);
        }
    }

    /// The last mention of `person` at or before `at`; 0 if none.
    fn last_before(&self, person: usize, at: usize) -> usize {
        let Some(runs) = self.runs.get(person) else {
            return 0;
        };
        runs.iter()
            .map(|v| {
                let k = v.partition_point(|&x| x <= at);
                if k == 0 { 0 } else { v[k - 1] }
            })
            .max()
            .unwrap_or(0)
    }
}

struct Finder<'d, 'a> {
    doc: &'d Doc<'a>,
    lex: Lex<'a>,
    in_quote_title: Vec<bool>,
}

impl<'d, 'a> Finder<'d, 'a> {
    fn lower(&self, i: usize) -> &str {
        self.doc.t.lower(i)
    }

    fn is_cap_word(&self, i: usize) -> bool {
        let t = &self.doc.t;
        i < t.len() && t.toks[i].kind == TokKind::Word && t.toks[i].has(CAP)
    }

    /// A capitalised word that can be part of a person's name.
    fn nameish(&self, i: usize) -> bool {
        if !self.is_cap_word(i) {
            return false;
        }
        let tok = self.doc.t.toks[i];
        let l = self.doc.t.bare(i);
        if tok.has(ALLCAPS) && !tok.has(ABBREV) {
            return false;
        }
        if l.chars().count() < 2 && !tok.has(ABBREV) {
            // "I", "A": never a name on their own.
            return false;
        }
        if tok.has(ABBREV) && l.len() > 1 && !SUFFIXES.contains(&self.lower(i)) {
            // "U.S.", "Mr." are prefixes, not names; single initials ("W.") are names.
            return false;
        }
        let t = &self.doc.t;
        !(t.has_bits(i, bits::NEVER_NAME | bits::PLACE | bits::ORG) || self.lex.not_name_at(t, i))
    }

    /// The longest title starting at token `i`, as a token count.
    fn title_at(&self, i: usize, end: usize) -> Option<(usize, TitleKind)> {
        let t = &self.doc.t;
        if t.kind(i) != TokKind::Word || !t.has_bits(i, bits::TITLE_FIRST) {
            return None;
        }
        let max = self.lex.base.title_max_words.min(end.saturating_sub(i));
        // The words so far, joined by spaces; on the stack (this runs at every capital that
        // can start a title).
        let mut key: smallvec::SmallVec<[u8; 64]> = smallvec::SmallVec::new();
        let mut best = None;
        for n in 1..=max {
            let k = i + n - 1;
            if t.kind(k) != TokKind::Word {
                break;
            }
            if n > 1 {
                key.push(b' ');
            }
            key.extend_from_slice(t.lower(k).as_bytes());
            // Whole words and spaces: always UTF-8.
            if let Ok(words) = std::str::from_utf8(&key)
                && let Some(kind) = self.lex.title(words)
            {
                best = Some((n, kind));
            }
        }
        best
    }

    /// A title ending at token `end - 1` (lowercase or capitalised), as (start, kind).
    fn title_ending_at(&self, end: usize, floor: usize) -> Option<(usize, TitleKind)> {
        let max = self.lex.base.title_max_words;
        (1..=max).rev().find_map(|n| {
            let s = end.checked_sub(n)?;
            if s < floor {
                return None;
            }
            match self.title_at(s, end) {
                Some((len, kind)) if len == n => Some((s, kind)),
                _ => None,
            }
        })
    }

    /// The words before a title that say whose title it is: "U.S.", "Russian", "Ukraine's",
    /// "Kremlin", "former". Returns the first token of the qualified title.
    fn title_qualifiers(&self, title_start: usize, floor: usize) -> usize {
        let t = &self.doc.t;
        let mut s = title_start;
        while s > floor {
            let p = s - 1;
            match t.kind(p) {
                TokKind::Possessive
                    if p > floor && (self.is_cap_word(p - 1) || t.toks[p - 1].has(ALLCAPS)) =>
                {
                    // "Ukraine's President", "Russia's sovereign wealth fund CEO".
                    s = p - 1;
                    while s > floor && self.is_cap_word(s - 1) && !self.is_sentence_start(s) {
                        s -= 1;
                    }
                    break;
                }
                TokKind::Word => {
                    let l = t.lower(p);
                    let cap = t.toks[p].has(CAP);
                    if TITLE_MODIFIERS.contains(l)
                        || (cap
                            && (t.has_bits(p, bits::PLACE | bits::ORG) || t.toks[p].has(ALLCAPS)))
                    {
                        s = p;
                    } else {
                        break;
                    }
                }
                _ => break,
            }
        }
        s
    }

    fn is_sentence_start(&self, i: usize) -> bool {
        let si = self.doc.sentence_of[i];
        if si == u32::MAX {
            return false;
        }
        let s = &self.doc.sentences[si as usize];
        let mut k = s.tokens.start;
        // Skip opening quotes, dashes, bullets and emoji.
        while k < i && matches!(self.doc.t.kind(k), TokKind::Quote | TokKind::Punct) {
            k += 1;
        }
        k == i
    }

    /// An appositive role after the name: ", CEO of Russia's sovereign wealth fund," or ", a
    /// spokesman for the group". Returns the role text.
    fn appositive_after(&self, end: usize, sent_end: usize) -> Option<String> {
        let t = &self.doc.t;
        if !t.is_punct(end, ",") {
            return None;
        }
        let mut k = end + 1;
        // Age: "Dmitriev, 49, ..."
        if k < sent_end && t.kind(k) == TokKind::Number && t.is_punct(k + 1, ",") {
            k += 2;
        }
        let start = k;
        let mut stop = k;
        while stop < sent_end && stop - start < 14 {
            if t.kind(stop) == TokKind::Punct
                && matches!(
                    t.lower(stop),
                    "," | "." | ";" | ":" | "(" | ")" | "\u{2014}"
                )
            {
                break;
            }
            if t.kind(stop) == TokKind::Quote {
                break;
            }
            stop += 1;
        }
        if stop == start {
            return None;
        }
        // The role word must come early: "a senior adviser to", "the group's founder".
        let mut k = start;
        if matches!(
            t.lower(k),
            "a" | "an" | "the" | "his" | "her" | "its" | "their"
        ) {
            k += 1;
        }
        let head_limit = (k + 6).min(stop);
        let mut found = false;
        while k < head_limit {
            if t.kind(k) == TokKind::Word && self.title_at(k, stop).is_some() {
                found = true;
                break;
            }
            if t.kind(k) == TokKind::Word && self.lex.cue_at(t, k).is_some() {
                // "Peskov, said ..." is not an appositive.
                return None;
            }
            k += 1;
        }
        found.then(|| self.doc.range_text(start..stop).to_string())
    }

    /// An appositive role before the name: "The Afghan team's coach, Alireza Mehraban".
    fn appositive_before(&self, name_start: usize, sent_start: usize) -> Option<String> {
        let t = &self.doc.t;
        if name_start < 2 || !t.is_punct(name_start - 1, ",") {
            return None;
        }
        let end = name_start - 1;
        if end <= sent_start
            || t.kind(end - 1) != TokKind::Word
            || self.title_ending_at(end, sent_start).is_none()
        {
            return None;
        }
        let mut s = end - 1;
        while s > sent_start {
            let p = s - 1;
            let stop = match t.kind(p) {
                TokKind::Punct => true,
                TokKind::Quote => true,
                TokKind::Word => matches!(
                    t.lower(p),
                    "to" | "said" | "says" | "and" | "by" | "with" | "that"
                ),
                _ => false,
            };
            if stop || end - s > 8 {
                break;
            }
            s = p;
        }
        Some(self.doc.range_text(s..end).to_string())
    }

    /// Reads the capitalised run `run` (token range) and returns the person it names, if any.
    fn candidate(&self, run: Range<usize>, sentence: usize, title_case: bool) -> Option<Candidate> {
        let t = &self.doc.t;
        let sent = &self.doc.sentences[sentence];
        let (mut s, e) = (run.start, run.end);
        let mut roles = Vec::new();
        let mut title: Option<Range<usize>> = None;
        // A title in the run, with a name after it: "Press Secretary Dmitry Peskov", "Education
        // Mr. Toccafondi", "Refugee Council CEO Enver Solomon". Titles can stack ("Shadow Home
        // Secretary"); words before the title say whose title it is.
        for p in s..e {
            let Some((n, TitleKind::Title)) = self.title_at(p, e) else {
                continue;
            };
            let mut k = p + n;
            while let Some((n2, TitleKind::Title)) = self.title_at(k, e) {
                if k + n2 >= e {
                    break;
                }
                k += n2;
            }
            if k < e && self.nameish(k) {
                title = Some(p..k);
                break;
            }
        }
        if let Some(tr) = &title {
            let qs = self.title_qualifiers(tr.start, sent.tokens.start);
            roles.push(self.doc.range_text(qs..tr.end).to_string());
            s = tr.end;
        } else if s > sent.tokens.start {
            // A lowercase title right before the run: "team member Rodaba Noori", "Kremlin
            // spokesman Dmitry Peskov".
            if let Some((ts, TitleKind::Title)) = self.title_ending_at(s, sent.tokens.start)
                && !t.toks[s - 1].has(CAP)
            {
                let qs = self.title_qualifiers(ts, sent.tokens.start);
                title = Some(ts..s);
                roles.push(self.doc.range_text(qs..s).to_string());
            }
        }
        // A sentence-initial common word is not part of a name: "Both", "Talks", "Officials".
        while s < e && title.is_none() && self.is_sentence_start(s) {
            let l = t.bare(s);
            if (self.lex.common_at(t, s) && !self.lex.given_at(t, s))
                || is_weekday(l)
                || is_month(l)
                || self.lex.place_at(t, s)
            {
                s += 1;
            } else {
                break;
            }
        }
        // Drop leading words that cannot start a name (places, months, organisations).
        while s < e && !self.nameish(s) {
            s += 1;
        }
        if s >= e {
            return None;
        }
        // The name ends at the first word that cannot be in a name.
        let mut ne = s;
        while ne < e && (self.nameish(ne) || (ne > s && PARTICLES.contains(self.lower(ne)))) {
            ne += 1;
        }
        if ne < e {
            // Something like "Donald Trump Administration": an organisation, not a person.
            if self.lex.org_at(t, ne) {
                return None;
            }
        }
        while ne > s && PARTICLES.contains(self.lower(ne - 1)) {
            ne -= 1;
        }
        // A long run whose name starts later: "Islamic Relations Alia Salem".
        if title.is_none()
            && ne - s >= 3
            && let Some(k) =
                (s + 1..ne - 1).find(|&k| self.lex.given_at(t, k) && !self.lex.common_at(t, k))
            && (s..k).all(|j| !self.lex.given_at(t, j))
        {
            s = k;
        }
        let name = s..ne;
        let n = name.len();
        if n == 0 || n > 5 {
            return None;
        }
        let first = t.bare(name.start);
        let last_i = if n > 1 && SUFFIXES.contains(&self.lower(name.end - 1)) {
            name.end - 2
        } else {
            name.end - 1
        };
        if is_month(first) || is_weekday(first) {
            return None;
        }
        let possessive = t.kind(name.end) == TokKind::Possessive && name.end == e;
        let all_common = name.clone().all(|i| {
            self.lex.common_at(t, i) && !self.lex.given_at(t, i) && !self.lex.surname_at(t, i)
        });
        let surnameish = |i: usize| self.lex.surname_at(t, i) || !self.lex.common_at(t, i);
        let fi = name.start;
        let mut evidence = Evidence::None;
        if title.is_some() && !all_common {
            evidence = Evidence::Strong;
        } else if n >= 2 && !title_case {
            let given = self.lex.given_at(t, fi) && !self.lex.common_at(t, fi)
                || (self.lex.given_at(t, fi) && !self.is_sentence_start(name.start));
            let middle_ok = name.clone().skip(1).take(n.saturating_sub(2)).all(|i| {
                t.toks[i].has(ABBREV)
                    || self.lex.given_at(t, i)
                    || surnameish(i)
                    || PARTICLES.contains(t.bare(i))
            });
            let unknown = |i: usize| {
                let l = t.bare(i);
                !self.lex.common_at(t, i)
                    && l.chars()
                        .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '\u{2019}')
            };
            let after_determiner = name.start > sent.tokens.start
                && matches!(t.lower(name.start - 1), "the" | "a" | "an");
            let mid_sentence = !self.is_sentence_start(name.start) && !after_determiner;
            // A given name and a surname-like word: "Pete Hegseth".
            let given_surname = given && surnameish(last_i) && middle_ok;
            // A known surname after a word that is not English: "Hamdullah Mohib".
            let known_surname = (self.lex.news_surname_at(t, last_i)
                || (self.lex.surname_at(t, last_i) && !self.lex.common_at(t, last_i)))
                && !self.lex.common_at(t, fi)
                && middle_ok;
            // A common given name mid-sentence: "John Stones", "Harry Kane".
            let given_mid = self.lex.given_at(t, fi) && !self.lex.common_at(t, fi) && mid_sentence;
            // Two or three words no English word list knows, mid-sentence: in news, almost
            // always a person ("Dries Mertens", "Hwang Hee-Chan", "Nunzio Galantino").
            let unknown_words = n <= 3 && name.clone().all(unknown) && mid_sentence;
            if given_surname || known_surname || given_mid || unknown_words {
                evidence = Evidence::Strong;
            }
        }
        let sent_end = sent.tokens.end;
        let after = if possessive { name.end + 1 } else { name.end };
        if let Some(role) = self.appositive_after(after, sent_end)
            && !all_common
            && !possessive
        {
            roles.push(role);
            evidence = evidence.max(if n >= 2 || !self.lex.common_at(t, fi) {
                Evidence::Strong
            } else {
                Evidence::Weak
            });
        }
        if title.is_none()
            && let Some(role) = self.appositive_before(name.start, sent.tokens.start)
            && !all_common
        {
            roles.push(role);
            evidence = evidence.max(Evidence::Strong);
        }
        if evidence == Evidence::None && n <= 3 && !all_common && !title_case {
            // The subject of a speech verb ("Mehraban said"), or its inverted form ("said Mohib").
            let next = name.end;
            let speaks_after = !possessive
                && (next < sent_end && self.is_speech(next)
                    || (next + 1 < sent_end
                        && matches!(self.lower(next), "also" | "later" | "then" | "has" | "had")
                        && self.is_speech(next + 1)));
            let speaks_before = name.start > sent.tokens.start
                && self.is_speech(name.start - 1)
                && !t.toks[name.start - 1].has(CAP);
            // A common word alone ("Officials said") is not a name; a surname that is also a
            // common word ("White said", "Trump said") is, when it speaks.
            let single_ok = n > 1
                || !self.lex.common_at(t, fi)
                || (self.lex.surname_at(t, fi)
                    && (speaks_after || speaks_before || !self.is_sentence_start(name.start)));
            // A speaker, or a surname famous enough on its own ("Putin").
            if ((speaks_after || speaks_before) && single_ok)
                || (n == 1 && self.lex.news_surname_at(t, fi))
            {
                evidence = Evidence::Weak;
            }
        }
        Some(Candidate {
            name,
            title,
            roles: (!roles.is_empty()).then(|| roles.into()),
            evidence,
            possessive,
            sentence,
        })
    }

    fn is_speech(&self, i: usize) -> bool {
        let t = &self.doc.t;
        t.kind(i) == TokKind::Word
            && self.lex.cue_at(t, i).is_some_and(|c| {
                matches!(
                    c.lemma,
                    "say"
                        | "tell"
                        | "add"
                        | "note"
                        | "write"
                        | "explain"
                        | "state"
                        | "announce"
                        | "warn"
                        | "argue"
                        | "claim"
                        | "insist"
                        | "admit"
                        | "reply"
                        | "respond"
                        | "ask"
                        | "recall"
                        | "tweet"
                        | "continue"
                        | "comment"
                        | "declare"
                        | "confirm"
                        | "deny"
                )
            })
    }
}

/// The runs of capitalised words (with name particles inside) in a sentence's tokens `r`, into
/// `out` (cleared first).
fn runs(f: &Finder, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    out.clear();
    let mut i = r.start;
    while i < r.end {
        if !f.is_cap_word(i) || f.in_quote_title[i] {
            i += 1;
            continue;
        }
        let s = i;
        let mut e = i + 1;
        while e < r.end {
            if f.is_cap_word(e) && !f.in_quote_title[e] {
                e += 1;
            } else if PARTICLES.contains(f.lower(e)) && f.is_cap_word(e + 1) && e + 1 < r.end {
                e += 2;
            } else {
                break;
            }
        }
        // An organisation inside the run ends a run of its own: "Refugee Council | Enver Solomon".
        let mut from = s;
        for k in s..e {
            if k + 1 < e && f.lex.org_at(&f.doc.t, k) && f.nameish(k + 1) {
                out.push(from..k + 1);
                from = k + 1;
            }
        }
        out.push(from..e);
        i = e;
    }
}

fn name_text(doc: &Doc, r: Range<usize>) -> String {
    let mut s = String::new();
    for i in r {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(doc.tok_text(i));
    }
    s
}

/// The lengths and first bytes of a few words: a word none of them shares both with is none
/// of them. Asked before a hash lookup at every capital of a story, which nearly always fails
/// (a story names a handful of people; it has thousands of capitals).
struct Shapes {
    /// By first byte, a bit for each length (lengths of 63 and more share the last bit).
    by_first: [u64; 256],
    empty: bool,
}

impl Shapes {
    fn of<'w>(words: impl Iterator<Item = &'w String>) -> Shapes {
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
    fn may_be_shape(&self, s: u16) -> bool {
        match s {
            u16::MAX => self.empty,
            _ => self.by_first[(s >> 8) as usize] >> (s & 63) & 1 != 0,
        }
    }
}

/// A word's first byte and length (63 for longer), as [`Shapes`] tells words apart; `u16::MAX`
/// for no word.
fn shape(w: &str) -> u16 {
    match w.as_bytes().first() {
        Some(&b) => u16::from(b) << 8 | w.len().min(63) as u16,
        None => u16::MAX,
    }
}

/// Edit distance, capped: enough to tell "Zelensky" from "Zelenskyy".
fn close_spelling(a: &str, b: &str) -> bool {
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

/// Where a sentence's person candidates may already be known (the incremental memo is one
/// such place). The stage asks; it does not know who answers.
pub(crate) trait CandidateMemo {
    /// Which tokens lie in a quoted title: what a sentence's candidates read of the story
    /// around its words. Told once an analysis, before any [`CandidateMemo::candidates`].
    fn quoted_titles(&mut self, in_quote_title: &[bool]);
    /// Sentence `si`'s candidates and capitals, relative to its first token: kept ones, or
    /// `fresh()`'s.
    fn candidates(
        &mut self,
        doc: &Doc,
        si: usize,
        fresh: &mut dyn FnMut() -> SentenceNames,
    ) -> &SentenceNames;
}

/// Finds the people in the document, asking `memo` for each sentence's candidates.
pub(crate) fn find(
    doc: &Doc,
    quotes: &[QuoteMark],
    mut memo: Option<&mut dyn CandidateMemo>,
) -> People {
    let lex = doc.lex;
    let t = &doc.t;
    // Words inside a quoted title ("named \"Better Idea of Afghan Girls\"") are not names.
    let mut in_quote_title = vec![false; t.len()];
    for q in quotes {
        let caps = q
            .tokens
            .clone()
            .filter(|&i| t.kind(i) == TokKind::Word)
            .all(|i| t.toks[i].has(CAP));
        if caps && q.words >= 2 && q.words <= 8 {
            for i in q.tokens.clone() {
                in_quote_title[i] = true;
            }
        }
    }
    let f = Finder {
        doc,
        lex,
        in_quote_title,
    };
    // What the sentences' candidates read of the story around them.
    if let Some(m) = memo.as_deref_mut() {
        m.quoted_titles(&f.in_quote_title);
    }
    let mut cands: Vec<Candidate> = Vec::with_capacity(doc.sentences.len());
    // The capitalised words (not all capitals) of the sentences that can name people, with their
    // sentence: the passes after linking look at nothing else.
    // Each with its bare word's shape, worked out once (and kept in the memo).
    let mut capitals: Vec<(usize, usize, u16)> = Vec::with_capacity(t.len() / 8);
    // Runs of capitals, and a sentence's capitals, buffers reused from sentence to sentence.
    let mut run_buf: Vec<Range<usize>> = Vec::new();
    let mut caps_buf: Vec<(u32, u16)> = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        if matches!(s.kind, SentenceKind::Dateline | SentenceKind::Byline) {
            continue;
        }
        // The sentence's candidates and capitals (relative to `base`), added to `out`.
        let mut candidates = |out: &mut Vec<Candidate>,
                              caps_out: &mut Vec<(u32, u16)>,
                              base: usize| {
            let r = s.tokens.start.min(t.len())..s.tokens.end.min(t.len());
            // (A loop over a slice: this reads every token of the story.)
            for (i, tok) in t.toks[r.clone()].iter().enumerate() {
                if tok.kind == TokKind::Word && tok.flags & (CAP | ALLCAPS) == CAP {
                    caps_out.push(((r.start + i - base) as u32, shape(t.bare(r.start + i))));
                }
            }
            let para_kind = doc.paragraphs[s.paragraph].kind;
            let title_case = matches!(para_kind, ParagraphKind::Headline | ParagraphKind::Heading)
                && {
                    let words = s
                        .tokens
                        .clone()
                        .filter(|&i| t.kind(i) == TokKind::Word && t.lower(i).len() > 3)
                        .count();
                    let caps = s
                        .tokens
                        .clone()
                        .filter(|&i| {
                            t.kind(i) == TokKind::Word && t.lower(i).len() > 3 && t.toks[i].has(CAP)
                        })
                        .count();
                    words >= 2 && caps * 10 >= words * 7
                };
            runs(&f, s.tokens.clone(), &mut run_buf);
            out.extend(
                run_buf
                    .iter()
                    .filter_map(|run| f.candidate(run.clone(), si, title_case)),
            );
        };
        let at = s.tokens.start;
        match memo.as_deref_mut() {
            None => {
                caps_buf.clear();
                candidates(&mut cands, &mut caps_buf, 0);
                capitals.extend(caps_buf.iter().map(|&(i, sh)| (si, i as usize, sh)));
            }
            Some(m) => {
                let kept = m.candidates(doc, si, &mut || {
                    let mut v = SentenceNames::default();
                    candidates(&mut v.cands, &mut v.capitals, at);
                    v.cands = v.cands.iter().map(|c| c.moved(at, 0, 0)).collect();
                    v
                });
                cands.extend(kept.cands.iter().map(|c| c.moved(0, at, si)));
                capitals.extend(
                    kept.capitals
                        .iter()
                        .map(|&(i, sh)| (si, i as usize + at, sh)),
                );
            }
        }
    }

    // People from strong evidence first, keyed by full name.
    let mut people: Vec<Person> = Vec::new();
    let mut tok_person = vec![u32::MAX; t.len()];
    let mut key_of: FxHashMap<String, usize> = FxHashMap::default();
    // The key of each person in `people`, by index.
    let mut person_keys: Vec<String> = Vec::new();
    // A name's words without suffixes ("Jr."), lowercase and without abbreviation dots, joined
    // by spaces.
    let key = |r: Range<usize>, k: &mut String| {
        k.clear();
        for (n, i) in r.filter(|&i| !SUFFIXES.contains(&t.lower(i))).enumerate() {
            if n > 0 {
                k.push(' ');
            }
            k.push_str(t.bare(i));
        }
    };
    let mut k = String::new(); // the key being looked up (a buffer: this runs per candidate)
    let mut assigned: Vec<Option<usize>> = vec![None; cands.len()];
    for (ci, c) in cands.iter().enumerate() {
        if c.evidence != Evidence::Strong || c.name.len() < 2 {
            continue;
        }
        key(c.name.clone(), &mut k);
        let p = match key_of.get(&k) {
            Some(&p) => p,
            None => {
                // Another spelling of a known full name: same given name, close surname.
                let given = t.bare(c.name.start);
                let sur = t.bare(c.name.end - 1);
                let same = person_keys.iter().position(|pk| {
                    let pg = pk.split(' ').next().unwrap_or("");
                    let ps = pk.rsplit(' ').next().unwrap_or("");
                    pk.contains(' ') && pg == given && close_spelling(ps, sur)
                });
                match same {
                    Some(p) => p,
                    None => {
                        people.push(Person {
                            name: name_text(doc, c.name.clone()),
                            roles: Vec::new(),
                            mentions: Vec::new(),
                            variants: Vec::new(),
                        });
                        key_of.insert(k.clone(), people.len() - 1);
                        person_keys.push(k.clone());
                        people.len() - 1
                    }
                }
            }
        };
        assigned[ci] = Some(p);
    }
    // Single-word strong mentions ("President Obama", "Mohib, the ambassador") become people when
    // no full name matches them.
    // Lowercase surnames of `people`, kept in step with it (lookups happen at every capital).
    let mut surnames: Vec<String> = people.iter().map(|p| p.surname().to_lowercase()).collect();
    // The same by surname, each with its people in index order (looked up at every capital).
    let mut by_surname: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (p, sur) in surnames.iter().enumerate() {
        by_surname.entry(sur.clone()).or_default().push(p);
    }
    // The people with surname `l`, into `out` (a buffer: this runs at every capital).
    let surname_of = |by_surname: &FxHashMap<String, Vec<usize>>, l: &str, out: &mut Vec<usize>| {
        out.clear();
        out.extend(by_surname.get(l).into_iter().flatten().copied());
    };
    let mut matches: Vec<usize> = Vec::new();
    // Link short mentions, nearest preceding full mention first.
    // Where each person is mentioned so far, sorted: which of several people with one surname
    // was seen last is a binary search, not a scan of every mention (quadratic in a long story).
    let last_seen = |seen: &Seen, candidates: &[usize], at: usize| -> Option<usize> {
        if candidates.len() <= 1 {
            return candidates.first().copied();
        }
        candidates
            .iter()
            .copied()
            .max_by_key(|&p| seen.last_before(p, at))
    };
    let mut positions = Seen::default();
    for (c, a) in cands.iter().zip(&assigned) {
        if let Some(p) = a {
            positions.push(*p, c.name.start);
        }
    }
    positions.next_pass();
    for ci in 0..cands.len() {
        if assigned[ci].is_some() {
            continue;
        }
        let c = &cands[ci];
        key(c.name.clone(), &mut k);
        // Match the surname, or the whole short name, of someone known.
        let last = t.bare(c.name.end - 1);
        surname_of(&by_surname, last, &mut matches);
        if c.name.len() >= 2 {
            // "Mary Smith" is not "John Smith": a full name links by surname only to someone
            // with the same given name (or its initial).
            let given = k.split(' ').next().unwrap_or("");
            matches.retain(|&p| {
                person_keys
                    .get(p)
                    .is_none_or(|pk| match pk.split_once(' ') {
                        Some((pg, _)) => pg.starts_with(given) || given.starts_with(pg),
                        None => true,
                    })
            });
        }
        if matches.is_empty() && c.name.len() >= 2 {
            matches.extend(key_of.get(&k).copied());
        }
        if let Some(p) = last_seen(&positions, &matches, c.name.start) {
            assigned[ci] = Some(p);
            positions.push(p, c.name.start);
            continue;
        }
        // Another spelling of a known surname ("Zelensky" for "Zelenskyy").
        let close: Vec<usize> = surnames
            .iter()
            .enumerate()
            .filter(|(_, s)| close_spelling(s, last))
            .map(|(i, _)| i)
            .collect();
        if c.name.len() == 1 && close.len() == 1 && c.evidence >= Evidence::None {
            assigned[ci] = Some(close[0]);
            positions.push(close[0], c.name.start);
            continue;
        }
        if c.evidence >= Evidence::Weak || (c.evidence == Evidence::Strong) {
            people.push(Person {
                name: name_text(doc, c.name.clone()),
                roles: Vec::new(),
                mentions: Vec::new(),
                variants: Vec::new(),
            });
            key_of.insert(k.clone(), people.len() - 1);
            person_keys.push(k.clone());
            let sur = people[people.len() - 1].surname().to_lowercase();
            by_surname
                .entry(sur.clone())
                .or_default()
                .push(people.len() - 1);
            surnames.push(sur);
            assigned[ci] = Some(people.len() - 1);
            positions.push(people.len() - 1, c.name.start);
        }
    }
    // Capitalised words that were not candidates at all (sentence-initial "Trump", a surname in
    // a title-case headline) still name someone known.
    let mut covered = vec![false; t.len()];
    for (c, a) in cands.iter().zip(&assigned) {
        if a.is_some() {
            for i in c.name.clone() {
                covered[i] = true;
            }
        }
    }
    positions.next_pass();
    let mut extra: Vec<Candidate> = Vec::new();
    let surname_shapes = Shapes::of(by_surname.keys());
    for &(si, i, sh) in &capitals {
        if covered[i] || !surname_shapes.may_be_shape(sh) {
            continue;
        }
        let l = t.bare(i);
        surname_of(&by_surname, l, &mut matches);
        if let Some(p) = last_seen(&positions, &matches, i) {
            let possessive = t.kind(i + 1) == TokKind::Possessive;
            extra.push(Candidate {
                name: i..i + 1,
                title: None,
                roles: None,
                evidence: Evidence::None,
                possessive,
                sentence: si,
            });
            assigned.push(Some(p));
            positions.push(p, i);
            covered[i] = true;
        }
    }
    cands.extend(extra);

    // A given name alone ("Daniel") names the one person in the story with that given name.
    let mut extra: Vec<Candidate> = Vec::new();
    // Each given name of a full name, with the first person who has it and whether another does.
    let mut givens: FxHashMap<String, (usize, bool)> = FxHashMap::default();
    for (k, p) in people.iter().enumerate() {
        if p.name.contains(' ') {
            let g = p.name.split(' ').next().unwrap_or("").to_lowercase();
            givens
                .entry(g)
                .and_modify(|(_, shared)| *shared = true)
                .or_insert((k, false));
        }
    }
    let given_shapes = Shapes::of(givens.keys());
    for &(si, i, sh) in &capitals {
        // The map first: most capitals are no one's given name, and `nameish` costs more.
        if covered[i] || !given_shapes.may_be_shape(sh) {
            continue;
        }
        let l = t.bare(i);
        let Some(&(owner, false)) = givens.get(l) else {
            continue;
        };
        if !f.nameish(i) {
            continue;
        }
        let also_surname = by_surname.contains_key(l);
        if !also_surname && lex.is_given(l) {
            extra.push(Candidate {
                name: i..i + 1,
                title: None,
                roles: None,
                evidence: Evidence::None,
                possessive: t.kind(i + 1) == TokKind::Possessive,
                sentence: si,
            });
            assigned.push(Some(owner));
            covered[i] = true;
        }
    }
    cands.extend(extra);
    // Someone only ever named by one word that the text puts after "the" ("the Scientology
    // organization") is not a person.
    let mut short_only = vec![true; people.len()];
    let mut after_det = vec![false; people.len()];
    for (c, a) in cands.iter().zip(&assigned) {
        let Some(p) = *a else { continue };
        short_only[p] &= c.name.len() == 1 && c.title.is_none();
        after_det[p] |= c.title.is_none()
            && c.name.start > 0
            && matches!(t.lower(c.name.start - 1), "the" | "a" | "an");
    }
    for p in 0..people.len() {
        if short_only[p] && after_det[p] {
            for a in assigned.iter_mut() {
                if *a == Some(p) {
                    *a = None;
                }
            }
        }
    }

    // Build mentions and roles in document order.
    let mut order: Vec<usize> = (0..cands.len())
        .filter(|&i| assigned[i].is_some())
        .collect();
    order.sort_by_key(|&i| cands[i].name.start);
    let mut counts = vec![0usize; people.len()];
    for &ci in &order {
        counts[assigned[ci].expect("filtered above")] += 1;
    }
    for (person, n) in people.iter_mut().zip(counts) {
        person.mentions.reserve_exact(n);
    }
    for ci in order {
        let c = &cands[ci];
        let p = assigned[ci].expect("filtered above");
        let person = &mut people[p];
        let kind = if c.name.len() >= 2 {
            MentionKind::Full
        } else {
            MentionKind::Short
        };
        let canonical_sur = &surnames[p];
        let this_sur = t.bare(c.name.end - 1);
        let mi = person.mentions.len();
        person.mentions.push(Mention {
            span: doc.range_span(c.name.clone()),
            kind,
            title: c.title.clone().map(|r| doc.range_span(r)),
            possessive: c.possessive,
            sentence: c.sentence,
        });
        if this_sur != canonical_sur && close_spelling(canonical_sur, this_sur) {
            let variant = t.toks[c.name.end - 1];
            let vtext = doc.text[variant.start as usize..variant.end as usize].to_string();
            match person.variants.iter_mut().find(|(v, _)| *v == vtext) {
                Some((_, ms)) => ms.push(mi),
                None => person.variants.push((vtext, vec![mi])),
            }
        }
        for r in c.roles.iter().flat_map(|r| r.iter()) {
            let r = r.trim().trim_end_matches(',');
            if !r.is_empty() && !person.roles.iter().any(|x| x.eq_ignore_ascii_case(r)) {
                person.roles.push(r.to_string());
            }
        }
        let from = c.title.as_ref().map_or(c.name.start, |r| r.start);
        for tp in &mut tok_person[from..c.name.end] {
            *tp = p as u32;
        }
        if c.possessive {
            tok_person[c.name.end] = p as u32;
        }
    }
    // The fullest name wins; a person only ever seen by surname keeps it.
    for person in &mut people {
        if let Some(m) = person
            .mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Full)
            .max_by_key(|m| m.span.len())
        {
            let full = doc.text[m.span.start..m.span.end]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if full.split(' ').count() >= person.name.split(' ').count() {
                person.name = full;
            }
        }
    }
    // A person must have a mention; drop any that lost theirs.
    let keep: Vec<bool> = people.iter().map(|p| !p.mentions.is_empty()).collect();
    if keep.iter().any(|k| !k) {
        let mut remap = vec![u32::MAX; people.len()];
        let mut n = 0u32;
        for (i, k) in keep.iter().enumerate() {
            if *k {
                remap[i] = n;
                n += 1;
            }
        }
        people.retain(|p| !p.mentions.is_empty());
        for tp in &mut tok_person {
            if *tp != u32::MAX {
                *tp = remap[*tp as usize];
            }
        }
    }
    People { people, tok_person }
}

#[cfg(test)]
mod tests {
    use crate::analysis::{DocKind, Settings, analyze};

    #[test]
    fn shapes_never_turn_away_one_of_their_words() {
        let words: Vec<String> = ["peskov", "putin", "", "a", &"x".repeat(70), "dmitriev"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        let shapes = super::Shapes::of(words.iter());
        for w in &words {
            assert!(shapes.may_be_shape(super::shape(w)), "{w:?}");
        }
        assert!(
            shapes.may_be_shape(super::shape(&"x".repeat(90))),
            "long words share a bit"
        );
        for w in ["pe", "trump", "b", "dmitrievs", "ζ"] {
            assert!(!shapes.may_be_shape(super::shape(w)), "{w:?}");
        }
        assert!(!super::Shapes::of([].iter()).may_be_shape(super::shape("")));
    }

    #[test]
    fn seen_answers_as_one_sorted_list() {
        // Passes in text order, and a push out of order: the last mention at or before a
        // place is the one a single sorted list of every mention gives.
        let pushes = [
            (0, 5),
            (1, 7),
            (0, 30),
            (1, 40),
            (usize::MAX, 0),
            (0, 2),
            (0, 12),
            (1, 41),
            (usize::MAX, 0),
            (1, 3),
            (0, 31),
            (0, 20),
        ];
        let mut seen = super::Seen::default();
        let mut all: Vec<(usize, usize)> = Vec::new();
        for (p, at) in pushes {
            if p == usize::MAX {
                seen.next_pass();
                continue;
            }
            seen.push(p, at);
            all.push((p, at));
            for q in 0..3 {
                for x in 0..45 {
                    let want = all
                        .iter()
                        .filter(|&&(pp, y)| pp == q && y <= x)
                        .map(|&(_, y)| y)
                        .max()
                        .unwrap_or(0);
                    assert_eq!(seen.last_before(q, x), want, "person {q} at {x}");
                }
            }
        }
    }

    fn people(text: &str) -> Vec<(String, Vec<String>, Vec<String>)> {
        let a = analyze(text, DocKind::Text, &Settings::default());
        a.people
            .iter()
            .map(|p| {
                (
                    p.name.clone(),
                    p.roles.clone(),
                    p.mentions
                        .iter()
                        .map(|m| text[m.span.start..m.span.end].to_string())
                        .collect(),
                )
            })
            .collect()
    }

    #[test]
    fn titles_and_given_names() {
        let p = people(
            "U.S. Defense Secretary Pete Hegseth met Press Secretary Dmitry Peskov. Hegseth said Peskov was late.",
        );
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(p[0].0, "Pete Hegseth");
        assert_eq!(p[0].1, ["U.S. Defense Secretary"]);
        assert_eq!(p[0].2, ["Pete Hegseth", "Hegseth"]);
        assert_eq!(p[1].0, "Dmitry Peskov");
        assert_eq!(p[1].1, ["Press Secretary"]);
    }

    #[test]
    fn appositives_and_possessives() {
        let p = people(
            "Kirill Dmitriev, CEO of Russia's sovereign wealth fund, hailed it. Dmitriev's fund grew.",
        );
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].1, ["CEO of Russia's sovereign wealth fund"]);
        assert_eq!(p[0].2, ["Kirill Dmitriev", "Dmitriev"]);
        let p = people("According to the Afghan team's coach, Alireza Mehraban, they won.");
        assert_eq!(p[0].0, "Alireza Mehraban");
        assert_eq!(p[0].1, ["the Afghan team's coach"]);
    }

    #[test]
    fn organisations_places_and_nationalities_are_not_people() {
        let p = people(
            "The Kremlin said Russia and Ukraine would talk. Russian officials met NATO in Washington. The Washington Post reported it.",
        );
        assert!(p.is_empty(), "{p:?}");
    }

    #[test]
    fn sentence_initial_surname_links_back() {
        let p = people(
            "President Donald Trump spoke. Trump said talks would begin. Trump's envoy left.",
        );
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].2, ["Donald Trump", "Trump", "Trump"]);
        assert_eq!(p[0].1, ["President"]);
    }

    #[test]
    fn a_shared_surname_goes_to_whoever_was_named_last() {
        let p = people(
            "River floods farms\n\nThe farmer Peter Smith spoke first. His neighbour Mary Smith spoke next. Smith said the river rose. Then Peter Smith left. Smith said goodbye.",
        );
        assert_eq!(p.len(), 2, "{p:?}");
        let peter = p.iter().find(|x| x.0 == "Peter Smith").expect("Peter");
        let mary = p.iter().find(|x| x.0 == "Mary Smith").expect("Mary");
        assert_eq!(mary.2, ["Mary Smith", "Smith"]);
        assert_eq!(peter.2, ["Peter Smith", "Peter Smith", "Smith"]);
    }

    #[test]
    fn lowercase_role_before_a_name() {
        let p = people("\"We won,\" team member Rodaba Noori told the press.");
        assert_eq!(p[0].0, "Rodaba Noori");
        assert_eq!(p[0].1, ["team member"]);
    }

    #[test]
    fn spelling_variants_link_to_one_person() {
        let p = people("Ukraine's President Volodymyr Zelenskyy spoke. Later Zelensky left.");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].2, ["Volodymyr Zelenskyy", "Zelensky"]);
        assert_eq!(p[0].1, ["Ukraine's President"]);
    }

    #[test]
    fn pronouns_are_never_people() {
        assert!(people("He noted that. She said so. They told us. It was fine.").is_empty());
    }

    #[test]
    fn speech_subjects_and_diacritics() {
        let p = people("Antonín Dvořák said it was fine. Mehraban said nothing.");
        let names: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(names, ["Antonín Dvořák", "Mehraban"]);
    }

    #[test]
    fn title_case_headline_only_links_known_people() {
        let p = people(
            "Trump Announces Peace Talks With Russia\n\nPresident Donald Trump spoke on Wednesday.",
        );
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].2, ["Trump", "Donald Trump"]);
    }
}
