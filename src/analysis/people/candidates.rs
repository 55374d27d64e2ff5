//! The first pass: runs of capitalised words, and those that name a person on good evidence
//! (a title or role before, a known given name, an appositive role, a speech verb after).

use super::*;
use crate::analysis::lexicon::lists::{EPONYMOUS_FIRMS, NP_LEFT_STOPS as NP_LEFT_STOPS_LIST};

/// Kinds of body whose name may follow them ("the firm Secunia", "the website Gawker"): what
/// follows is the body's name, not a person's.
pub(super) const ORG_KIND_NOUNS: &[&str] = &[
    "agency",
    "airline",
    "band",
    "bank",
    "brand",
    "broadcaster",
    "carrier",
    "charity",
    "company",
    "firm",
    "group",
    "insurer",
    "label",
    "magazine",
    "network",
    "newspaper",
    "publisher",
    "retailer",
    "startup",
    "studio",
    "website",
];

/// First words of place names that no one's name starts with ("San Diego", "Los Angeles",
/// "Fort Worth").
const PLACE_PREFIXES: &[&str] = &["fort", "las", "los", "san", "santa", "são", "st", "ste"];

/// Epithets that follow a ruler's given name after "the": "Peter the Great".
const EPITHETS: &[&str] = &[
    "great",
    "elder",
    "younger",
    "conqueror",
    "confessor",
    "terrible",
    "magnificent",
];

/// Last words of place names that are also surnames ("Jackson Park", "Guantanamo Bay",
/// "Mother Emanuel Church").
pub(super) const PLACE_SUFFIXES: &[&str] = &[
    "avenue", "bay", "beach", "bridge", "centre", "center", "church", "court", "garden", "gardens",
    "gate", "lane", "park", "place", "road", "square", "street",
];

/// Titles of peers, whose name may be followed by a place: "Lord Knight of Weymouth".
const PEERAGES: &[&str] = &[
    "baron", "baroness", "countess", "earl", "lady", "lord", "viscount",
];

/// Initialisms of two or three letters that name places, bodies or times, not a person's
/// initials ("U.S. Steel", "D.C. Council", "F.B.I. Director").
const INITIALISMS: &[&str] = &[
    "a.d.", "a.m.", "a.p.", "b.c.", "c.e.o.", "c.i.a.", "d.c.", "d.o.j.", "e.p.a.", "e.u.",
    "f.b.i.", "g.o.p.", "i.d.", "i.r.s.", "l.a.", "n.b.a.", "n.c.", "n.f.l.", "n.h.", "n.j.",
    "n.s.a.", "n.y.", "p.m.", "p.r.", "r.i.", "s.c.", "t.v.", "u.a.e.", "u.k.", "u.n.", "u.s.",
    "u.s.a.", "u.s.s.",
];

/// Whether `lower` (a token's lowercase text) is two or three initials joined by full stops
/// ("o.j.", "h.w.", "j.r.r.") and no listed initialism.
pub(super) fn joined_initials(lower: &str) -> bool {
    let b = lower.as_bytes();
    matches!(b.len(), 4 | 6)
        && b.chunks(2)
            .all(|c| c[0].is_ascii_lowercase() && c[1] == b'.')
        && !INITIALISMS.contains(&lower)
}

/// A run's name tokens, the title that introduces it, and the roles found so far.
type TitledName = (Range<usize>, Option<Range<usize>>, Vec<String>);

/// The runs of capitalised words (with name particles inside) in a sentence's tokens `r`, into
/// `out` (cleared first).
pub(super) fn runs(f: &Finder, r: Range<usize>, out: &mut Vec<Range<usize>>) {
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
            } else if f.lower(e) == "of"
                && e + 1 < r.end
                && f.is_cap_word(e + 1)
                && PEERAGES.contains(&f.lower(s))
            {
                // A peer's territorial designation is part of the title: "Lord Campbell of
                // Alloway" is one person (named "Campbell"), not two.
                e += 2;
            } else {
                break;
            }
        }
        // An organisation inside the run ends a run of its own: "Refugee Council | Enver Solomon".
        let mut from = s;
        for k in s..e {
            if k + 1 < e && f.lex.org_at(&f.doc.t, k) && !f.nameish(k) && f.nameish(k + 1) {
                out.push(from..k + 1);
                from = k + 1;
            }
        }
        out.push(from..e);
        i = e;
    }
}

pub(super) fn name_text(doc: &Doc, r: Range<usize>) -> String {
    let mut s = String::new();
    for i in r {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(doc.tok_text(i));
    }
    s
}

impl Finder<'_, '_> {
    pub(super) fn lower(&self, i: usize) -> &str {
        self.doc.t.lower(i)
    }

    pub(super) fn is_cap_word(&self, i: usize) -> bool {
        let t = &self.doc.t;
        i < t.len() && t.toks[i].kind == TokKind::Word && t.toks[i].has(CAP)
    }

    /// An all-capitals word that names someone in mixed-case text, as official transcripts
    /// and releases write names: "Senator PADILLA", "KAMALA HARRIS is now". At most two
    /// such words in a row (a run of capitals is a heading: "HILLARY CLINTON IS FEELING THE
    /// BERN"), each a given name or surname the name lists know and no word, or any name
    /// right after a title.
    fn capitals_name(&self, i: usize) -> bool {
        let t = &self.doc.t;
        let caps = |k: usize| k < t.len() && t.kind(k) == TokKind::Word && t.toks[k].has(ALLCAPS);
        let mut s = i;
        while s > 0 && caps(s - 1) {
            s -= 1;
        }
        let mut e = i + 1;
        while caps(e) {
            e += 1;
        }
        if e - s > 2 || t.bare(i).chars().count() < 3 {
            return false;
        }
        if t.has_bits(i, bits::NEVER_NAME | bits::PLACE | bits::ORG) || self.lex.not_name_at(t, i) {
            return false;
        }
        // A capitalised title ("Senator", "Vice President"; "private DVD collections" has none).
        let titled = s > 0
            && t.toks[s - 1].has(CAP)
            && self.title_ending_at(s, s.saturating_sub(3)).is_some();
        // Untitled, a full name ("KAMALA HARRIS") or a transcript's speaker ("TAPPER:"); one
        // word alone is as likely an acronym ("ISIS has", "DVD", "JACKSON, Miss.").
        let full_name = e - s == 2 && self.lex.given_at(t, s);
        let speaker = e - s == 1 && t.is_punct(e, ":");
        titled
            || ((full_name || speaker)
                && (self.lex.given_at(t, i) || self.lex.surname_at(t, i))
                && !self.lex.common_at(t, i))
    }

    /// A capitalised word that can be part of a person's name.
    pub(super) fn nameish(&self, i: usize) -> bool {
        if !self.is_cap_word(i) {
            return false;
        }
        let tok = self.doc.t.toks[i];
        let l = self.doc.t.bare(i);
        // A middle initial between two capitalised words: "Eugene A. Nida", "George W Bush"
        // (British style drops the full stop; "A" and "I" are initials here, not words).
        if l.chars().count() == 1 && self.is_cap_word(i + 1) && i > 0 && self.is_cap_word(i - 1) {
            return !self.doc.t.has_bits(i - 1, bits::NEVER_NAME);
        }
        // A regnal number after a name: "Elizabeth II", "Pope John Paul II".
        if tok.has(ALLCAPS) && SUFFIXES.contains(&self.lower(i)) && i > 0 && self.is_cap_word(i - 1)
        {
            return true;
        }
        if tok.has(ALLCAPS) && !tok.has(ABBREV) {
            return self.capitals_name(i);
        }
        if l.chars().count() < 2 && !tok.has(ABBREV) {
            // "I", "A": never a name on their own.
            return false;
        }
        // Joined initials before a name: "O.J. Simpson", "J.K. Rowling", "George H.W. Bush".
        if tok.has(ABBREV)
            && joined_initials(self.doc.t.lower(i))
            && self.is_cap_word(i + 1)
            && !self.doc.t.toks[i + 1].has(ABBREV)
        {
            return true;
        }
        if tok.has(ABBREV) && l.len() > 1 && !SUFFIXES.contains(&self.lower(i)) {
            // "U.S.", "Mr." are prefixes, not names; single initials ("W.") are names.
            return false;
        }
        let t = &self.doc.t;
        // A given name that also marks a body ("the Policing Bill"), before a surname, is a
        // given name: "Bill Clinton", "Bill Richardson".
        let given_before_surname = t.has_bits(i, bits::ORG)
            && self.lex.given_at(t, i)
            && self.is_cap_word(i + 1)
            && self.lex.surname_at(t, i + 1)
            && !t.has_bits(i + 1, bits::NEVER_NAME | bits::PLACE | bits::ORG);
        // A surname that also marks a body or names a place ("City Hall", "the Church",
        // "Washington"), after a given name that starts the name, is a surname: "Sarah Hall",
        // "Frank Church", "George Washington" (not "the Albert Hall", "Royal Albert Hall",
        // "Washington Post").
        let surname_after_given = t.has_bits(i, bits::ORG | bits::PLACE)
            && i > 0
            // Places and firms go on: "Jackson Park", "Madison Square Garden", "Neal Street
            // Productions".
            && !PLACE_SUFFIXES.contains(&t.lower(i))
            && !self.is_cap_word(i + 1)
            && self.lex.surname_at(t, i)
            && self.is_cap_word(i - 1)
            && self.lex.given_at(t, i - 1)
            && !self.lex.common_at(t, i - 1)
            && !t.has_bits(i - 1, bits::NEVER_NAME | bits::PLACE | bits::ORG)
            && (i < 2
                || !(self.is_cap_word(i - 2)
                    && !self.is_sentence_start(i - 1)
                    && self.title_ending_at(i - 1, i.saturating_sub(5)).is_none()
                    || matches!(t.lower(i - 2), "the" | "of")));
        if given_before_surname && !t.has_bits(i, bits::NEVER_NAME | bits::PLACE)
            || surname_after_given && !t.has_bits(i, bits::NEVER_NAME)
        {
            return !self.lex.not_name_at(t, i);
        }
        // A given name that is also a function word ("Will"), after a lowercase word and
        // before a surname that is no word: "an injury to Will Middlebrooks" ("Will Biden
        // win?" starts a sentence).
        if t.has_bits(i, bits::NEVER_NAME)
            && self.lex.given_at(t, i)
            && self.is_cap_word(i + 1)
            && self.lex.surname_at(t, i + 1)
            && !self.lex.common_at(t, i + 1)
            && !t.has_bits(i + 1, bits::NEVER_NAME | bits::PLACE | bits::ORG)
            && i > 0
            && t.kind(i - 1) == TokKind::Word
            && !t.toks[i - 1].has(CAP)
        {
            return true;
        }
        !(t.has_bits(i, bits::NEVER_NAME | bits::PLACE | bits::ORG) || self.lex.not_name_at(t, i))
    }

    /// The longest title starting at token `i`, as a token count.
    pub(super) fn title_at(&self, i: usize, end: usize) -> Option<(usize, TitleKind)> {
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
    pub(super) fn title_ending_at(&self, end: usize, floor: usize) -> Option<(usize, TitleKind)> {
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
    pub(super) fn title_qualifiers(&self, title_start: usize, floor: usize) -> usize {
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

    pub(super) fn is_sentence_start(&self, i: usize) -> bool {
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
    pub(super) fn appositive_after(&self, end: usize, sent_end: usize) -> Option<String> {
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
        // A clause, not an appositive: "the United States, was a ...", "Red Sox, except for".
        if k < sent_end
            && (NP_LEFT_STOPS_LIST.contains(&t.lower(k))
                || matches!(
                    t.lower(k),
                    "is" | "was"
                        | "are"
                        | "were"
                        | "has"
                        | "had"
                        | "have"
                        | "will"
                        | "would"
                        | "except"
                        | "including"
                        | "who"
                        | "whose"
                ))
        {
            return None;
        }
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

    /// A role given by "is"/"was" after the name: "Aner Shalev is an Israeli mathematician",
    /// the way a biography or a profile introduces someone. Returns the role text.
    pub(super) fn copular_role(&self, end: usize, sent_end: usize) -> Option<String> {
        let t = &self.doc.t;
        if end + 2 >= sent_end
            || !matches!(t.lower(end), "is" | "was")
            || !matches!(t.lower(end + 1), "a" | "an")
        {
            return None;
        }
        // The role word within four words of the article: "an Israeli mathematician".
        for k in end + 2..(end + 6).min(sent_end) {
            if t.kind(k) != TokKind::Word {
                return None;
            }
            if let Some((len, _)) = self.title_at(k, sent_end) {
                return Some(self.doc.range_text(end + 1..k + len).to_string());
            }
        }
        None
    }

    /// An appositive role before the name: "The Afghan team's coach, Alireza Mehraban".
    pub(super) fn appositive_before(&self, name_start: usize, sent_start: usize) -> Option<String> {
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

    /// The title in or right before run `run` of sentence `sentence` (with the role it gives),
    /// and the tokens of the name it may hold: leading words that cannot start a name dropped,
    /// ended at the first word that cannot be in one. None when no name is left, or the run
    /// names an organisation ("Donald Trump Administration").
    fn title_and_name(&self, run: Range<usize>, sentence: usize) -> Option<TitledName> {
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
            // After a given name, a title word that is also a surname is the surname, unless a
            // given name follows it: "Martin Luther King Jr.", "Carole King", but "Charlotte
            // Mayor Jennifer Roberts".
            if p > s
                && self.lex.given_at(t, p - 1)
                && self.lex.surname_at(t, p)
                && !(p + n < e && self.lex.given_at(t, p + n))
                && !t.has_bits(p - 1, bits::TITLE_FIRST | bits::PLACE)
            {
                continue;
            }
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
        // A day named after someone: "Martin Luther King Day" names King.
        if ne - s >= 3 && self.lower(ne - 1) == "day" {
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
        Some((s..ne, title, roles))
    }

    /// Where a name is a place or the end of a body's name: a hometown after a name ("Darren
    /// Pike, 41, of Swindon,": one word after ", of"), or the words after "<Capital> of the"
    /// ("Friends of the Earth Cymru", "Bank of the West"; in a title-case line, any word may
    /// be capitalised).
    fn place_or_body_name(
        &self,
        name: &Range<usize>,
        titled: bool,
        sent: &Range<usize>,
        title_case: bool,
    ) -> bool {
        let t = &self.doc.t;
        let hometown = name.len() == 1
            && !titled
            && name.start >= sent.start + 2
            && t.lower(name.start - 1) == "of"
            && t.is_punct(name.start - 2, ",");
        let body_end = !title_case
            && name.start >= sent.start + 3
            && t.lower(name.start - 1) == "the"
            && t.lower(name.start - 2) == "of"
            && self.is_cap_word(name.start - 3);
        hometown || body_end
    }

    /// Whether the name `name` (in the sentence of tokens `sent`) is the subject of a speech
    /// verb ("Mehraban said"), and whether it follows one inverted ("said Mohib"), not as the
    /// subject of what was said ("said Quillon had bet too much": a verb follows).
    fn speaks(&self, name: &Range<usize>, possessive: bool, sent: &Range<usize>) -> (bool, bool) {
        let t = &self.doc.t;
        let (sent_start, sent_end) = (sent.start, sent.end);
        let next = name.end;
        // The object of a preposition is not the verb's subject: in "A spokesman for Vodafone
        // said", the spokesman speaks, and the firm need be no one (a known surname still
        // names someone: "a spokesman for Smith said").
        let object = name.start > sent_start
            && matches!(self.lower(name.start - 1), "for" | "of" | "at")
            && !(self.lex.surname_at(t, name.start) || self.lex.given_at(t, name.start));
        let speaks_after = !possessive
            && !object
            && (next < sent_end && self.is_speech(next)
                || (next + 1 < sent_end
                    && matches!(self.lower(next), "also" | "later" | "then" | "has" | "had")
                    && self.is_speech(next + 1)));
        let verb_after = next < sent_end
            && t.kind(next) == TokKind::Word
            && (matches!(
                self.lower(next),
                "had"
                    | "has"
                    | "have"
                    | "was"
                    | "were"
                    | "is"
                    | "are"
                    | "would"
                    | "will"
                    | "could"
                    | "should"
                    | "did"
                    | "does"
                    | "might"
                    | "may"
                    | "can"
            ) || (self.lower(next).ends_with("ed") && !t.toks[next].has(CAP)));
        let speaks_before = name.start > sent_start
            && self.is_speech(name.start - 1)
            && !t.toks[name.start - 1].has(CAP)
            && !verb_after;
        (speaks_after, speaks_before)
    }

    /// Names that look like a person's but are not: a firm named after people ("Goldman
    /// Sachs"), initials alone ("H. R. 1280", "these U. S."), a place's first word at either end
    /// ("San Antonio", "Madame Tussauds New York"), a name after the kind of body it is ("the
    /// firm Secunia", "the band Queen"). `sent` is the name's sentence.
    fn never_a_person(&self, name: &Range<usize>, sent: &Range<usize>) -> bool {
        let t = &self.doc.t;
        if name.start > sent.start
            && t.kind(name.start - 1) == TokKind::Word
            && !t.toks[name.start - 1].has(CAP)
            && ORG_KIND_NOUNS.contains(&t.lower(name.start - 1))
        {
            return true;
        }
        // The name, and with the capitalised word before it: "Dr Pepper", "Dr Martens" are
        // brands whose first word reads as a title.
        let title_before = name.start > sent.start && t.toks[name.start - 1].has(CAP);
        let starts = [Some(name.start), title_before.then(|| name.start - 1)];
        for from in starts.into_iter().flatten() {
            let n = name.end - from;
            // Two or three words, or one hyphenated ("Rolls-Royce").
            if !((2..=3).contains(&n) || n == 1 && t.bare(from).contains('-')) {
                continue;
            }
            let mut key = String::new();
            for i in from..name.end {
                if !key.is_empty() {
                    key.push(' ');
                }
                key.push_str(t.bare(i));
            }
            if EPONYMOUS_FIRMS.binary_search(&key.as_str()).is_ok() {
                return true;
            }
        }
        // Surnames joined by "&" are a firm's: "Marks & Spencer", "Johnson & Johnson", "Moore &
        // Van Allen" (not people's names: "Rudy Giuliani & Sen. Jeff Sessions", "Jim & Sarah").
        let amp = |k: usize| t.is_punct(k, "&");
        let surname_like = |k: usize| {
            self.is_cap_word(k)
                && !t.has_bits(k, bits::TITLE_FIRST)
                && (self.lex.surname_at(t, k) || !self.lex.given_at(t, k))
        };
        let firm_by_amp = (name.len() == 1 || name.clone().all(|i| !self.lex.given_at(t, i)))
            && (name.start > sent.start + 1
                && amp(name.start - 1)
                && surname_like(name.start - 2)
                && surname_like(name.start)
                || name.end + 1 < sent.end
                    && amp(name.end)
                    && surname_like(name.end - 1)
                    && surname_like(name.end + 1));
        name.clone().all(|i| t.bare(i).chars().count() == 1)
            || firm_by_amp
            || PLACE_PREFIXES.contains(&t.bare(name.start))
            // A place's abbreviated first word, which no name starts with: "the St. Louis
            // Cardinals".
            || (name.start > sent.start
                && t.toks[name.start - 1].has(ABBREV)
                && t.toks[name.start - 1].has(CAP)
                && PLACE_PREFIXES.contains(&t.bare(name.start - 1)))
            || (self.lower(name.end - 1) == "new"
                && name.end < sent.end
                && self.is_cap_word(name.end))
    }

    /// Whether "the" at `k` opens a ruler's epithet after a given name: "Peter the Great".
    fn epithet_at(&self, k: usize) -> bool {
        let t = &self.doc.t;
        k > 0
            && t.lower(k) == "the"
            && self.is_cap_word(k + 1)
            && EPITHETS.contains(&self.lower(k + 1))
            && self.lex.given_at(t, k - 1)
    }

    /// Reads the capitalised run `run` (token range) and returns the person it names, if any.
    pub(super) fn candidate(
        &self,
        run: Range<usize>,
        sentence: usize,
        title_case: bool,
    ) -> Option<Candidate> {
        let t = &self.doc.t;
        let sent = &self.doc.sentences[sentence];
        let e = run.end;
        // The epithet of the name before: the "Great" of "Peter the Great".
        if run.start >= 2 && self.epithet_at(run.start - 1) {
            return None;
        }
        let (name, title, mut roles) = self.title_and_name(run, sentence)?;
        // A ruler's epithet: "Peter the Great", "Pliny the Elder".
        let epithet =
            !name.is_empty() && name.end == e && e + 1 < sent.tokens.end && self.epithet_at(e);
        let name = if epithet { name.start..e + 2 } else { name };
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
        if self.never_a_person(&name, &sent.tokens) {
            return None;
        }
        if self.place_or_body_name(&name, title.is_some(), &sent.tokens, title_case) {
            return None;
        }
        // The last word of a body's name whose first word marks bodies: "the United Nations
        // said" ("United" is no name, so the run starts at "Nations").
        if n == 1
            && title.is_none()
            && name.start > sent.tokens.start
            && self.is_cap_word(name.start - 1)
            && t.has_bits(name.start - 1, bits::ORG)
            && !self.lex.given_at(t, name.start - 1)
            && self
                .title_ending_at(name.start, sent.tokens.start)
                .is_none()
        {
            return None;
        }
        let possessive = t.kind(name.end) == TokKind::Possessive && name.end == e;
        let all_common = name.clone().all(|i| {
            self.lex.common_at(t, i) && !self.lex.given_at(t, i) && !self.lex.surname_at(t, i)
        });
        let fi = name.start;
        let mut evidence = Evidence::None;
        if (title.is_some() && !all_common)
            || (n >= 2 && !title_case && self.reads_as_full_name(&name, last_i, &sent.tokens))
        {
            evidence = Evidence::Strong;
        }
        if epithet {
            evidence = Evidence::Strong;
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
            if n == 1 && super::evidence::held_by_a_body(self, name.start, sent.tokens.end) {
                return None;
            }
            roles.push(role);
            evidence = evidence.max(Evidence::Strong);
        }
        if title.is_none()
            && roles.is_empty()
            && !all_common
            && !possessive
            && let Some(role) = self.copular_role(name.end, sent_end)
        {
            roles.push(role);
            evidence = evidence.max(if n >= 2 {
                Evidence::Strong
            } else {
                Evidence::Weak
            });
        }
        // A one-word name that takes a plural verb, or says what "they" did, is a team or a
        // body in British style: "Arsenal have sacked their manager", "Chelsea said they were
        // delighted".
        let at = |k: usize| {
            if k < sent.tokens.end {
                self.lower(k)
            } else {
                ""
            }
        };
        if n == 1
            && title.is_none()
            && !possessive
            && (matches!(at(name.end), "have" | "are" | "were")
                || self.is_speech(name.end) && matches!(at(name.end + 1), "they" | "we"))
        {
            return None;
        }
        if evidence == Evidence::None && n <= 3 && !all_common && !title_case {
            let (speaks_after, speaks_before) = self.speaks(&name, possessive, &sent.tokens);
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

    pub(super) fn is_speech(&self, i: usize) -> bool {
        let t = &self.doc.t;
        t.kind(i) == TokKind::Word
            && self
                .lex
                .cue_at(t, i)
                .is_some_and(|c| SPEAKER_LEMMAS.contains(c.lemma))
    }
}
