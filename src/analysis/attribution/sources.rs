//! Sources: who or what stands behind a cue (the subject to its left, an inverted or
//! appositive subject, a relative pronoun's antecedent, a shared subject), and its kind.

use super::*;

/// Participles of publishing that can stand between a document and its cue: "figures
/// released today show".
const PUBLISHED: &[&str] = &[
    "published",
    "released",
    "issued",
    "compiled",
    "obtained",
    "leaked",
    "seen",
    "gathered",
    "collected",
    "produced",
    "posted",
];

/// Words that open an aside between a subject and its verb: "however", "for his part", "on
/// the other hand", "in a statement".
const ASIDE_OPENERS: &[&str] = &[
    "however",
    "meanwhile",
    "though",
    "too",
    "also",
    "instead",
    "likewise",
    "similarly",
    "moreover",
    "nonetheless",
    "nevertheless",
    "separately",
    "still",
    "in",
    "on",
    "for",
    "at",
    "by",
    "like",
    "unlike",
];

/// Words in "-ly" that are no adverb: nouns ("the rally", "a family"), a noun's adjectives
/// that stand for it ("the elderly", "the daily") and verbs ("they rely").
const LY_NOT_ADVERBS: &[&str] = &[
    "ally",
    "anomaly",
    "apply",
    "assembly",
    "belly",
    "bully",
    "butterfly",
    "comply",
    "daily",
    "elderly",
    "family",
    "folly",
    "homily",
    "imply",
    "italy",
    "jelly",
    "july",
    "lily",
    "melancholy",
    "monopoly",
    "monthly",
    "multiply",
    "panoply",
    "quarterly",
    "rally",
    "rely",
    "reply",
    "supply",
    "weekly",
];

/// Whether the word at `p` may stand between a subject and its verb: a word in `adverbs.txt`,
/// a negated auxiliary ("doesn't", as "did not" is two words of the list), or a lowercase
/// "-ly" word that is no noun ("they loudly pushed", "the senators unanimously passed"; the
/// list cannot hold every "-ly" adverb English makes).
fn adverb_at(t: &crate::analysis::text::Tokens, p: usize) -> bool {
    if t.kind(p) != TokKind::Word {
        return false;
    }
    let l = t.lower(p);
    ADVERBS.contains(l)
        || l.ends_with("n't")
        || l.ends_with("n\u{2019}t")
        || (l.len() >= 5
            && l.ends_with("ly")
            && !t.toks[p].has(CAP)
            && l.bytes().all(|b| b.is_ascii_lowercase())
            && !LY_NOT_ADVERBS.contains(&l))
}

impl Ctx<'_, '_> {
    pub(super) fn skip_adverbs_left(&self, i: usize, start: usize) -> Option<usize> {
        let t = self.t();
        let mut p = i;
        while p > start {
            p -= 1;
            if adverb_at(t, p) {
                continue;
            }
            if t.kind(p) == TokKind::Word && (crate::analysis::text::is_weekday(t.lower(p))) {
                // "McAuliffe on Friday announced": the day and its preposition.
                if p > start && matches!(t.lower(p - 1), "on" | "last" | "this" | "late" | "early")
                {
                    p -= 1;
                }
                continue;
            }
            if t.kind(p) == TokKind::Punct && t.lower(p) == "," && p > start && adverb_at(t, p - 1)
            {
                // "Democrats, historically, have": the aside's opening comma too.
                if p >= start + 2 && t.is_punct(p - 2, ",") {
                    p -= 2;
                }
                continue;
            }
            if t.is_punct(p, ")") {
                // A parenthetical between subject and verb: "Rep. Gwen Moore (D-Wis.) said".
                if let Some(open) = (start.max(p.saturating_sub(8))..p)
                    .rev()
                    .find(|&k| t.is_punct(k, "("))
                {
                    p = open;
                    continue;
                }
            }
            return Some(p);
        }
        None
    }

    /// A subject-like word right before the verb (after adverbs): a name, a pronoun, a noun.
    pub(super) fn subject_token_before(&self, i: usize, start: usize) -> bool {
        let Some(p) = self.skip_adverbs_left(i, start) else {
            return false;
        };
        let t = self.t();
        match t.kind(p) {
            TokKind::Word => {
                let l = t.lower(p);
                if self.people.at(p).is_some() || PRONOUNS.contains(l) || t.toks[p].has(CAP) {
                    return true;
                }
                // A lowercase noun: "officials said", "the ministry said". Not a preposition,
                // conjunction or verb.
                !NOT_SOURCE_HEADS.contains(l) && self.doc.lex.cue_at(t, p).is_none()
            }
            TokKind::Possessive => false,
            TokKind::Punct => {
                // "Kirill Dmitriev, CEO of ..., also hailed": an appositive closes with a comma;
                // "The port's chief executive, Tomás Ibáñez, called": the name does.
                t.lower(p) == ","
                    && (p > start && self.people.at(p - 1).is_some()
                        || self.appositive_subject(p, start).is_some())
            }
            _ => false,
        }
    }

    /// For a comma right before a verb, the name before the appositive it closes.
    pub(super) fn appositive_subject(&self, comma: usize, start: usize) -> Option<usize> {
        let t = self.t();
        let mut k = comma;
        let floor = comma.saturating_sub(16).max(start);
        while k > floor {
            k -= 1;
            // "Sanders' campaign manager": an apostrophe that pairs with no other mark.
            let apostrophe = t.kind(k) == TokKind::Quote
                && !self.opens.contains_key(&k)
                && !self.closes.contains_key(&k)
                && k > start
                && t.lower(k - 1).ends_with('s');
            if (t.kind(k) == TokKind::Quote && !apostrophe)
                || (t.kind(k) == TokKind::Punct && matches!(t.lower(k), "." | ";" | ":"))
            {
                return None;
            }
            if t.is_punct(k, ",") {
                // "Rep. Elijah Cummings (D-Md.), chair of ...": the name before the brackets.
                let mut before = k;
                if k > start + 1 && t.is_punct(k - 1, ")") {
                    before = (start.max(k.saturating_sub(8))..k - 1)
                        .rev()
                        .find(|&j| t.is_punct(j, "("))
                        .unwrap_or(k);
                }
                if before > start && self.people.at(before - 1).is_some() && k + 1 < comma {
                    return Some(before - 1);
                }
                // "Another pollster, David Woodard of Clemson University, said": the name
                // between the commas.
                if k + 1 < comma && self.people.at(k + 1).is_some() {
                    return Some(comma - 1);
                }
                if k > start
                    && t.kind(k - 1) == TokKind::Word
                    && t.toks[k - 1].has(CAP)
                    && !t.toks[k - 1].has(ALLCAPS)
                {
                    return Some(k - 1);
                }
                // "The complaint, which was filed in ..., alleged": a relative clause after any
                // noun phrase.
                if k > start
                    && matches!(t.lower(k + 1), "which" | "who")
                    && matches!(t.kind(k - 1), TokKind::Word)
                    && !NOT_SOURCE_HEADS.contains(t.lower(k - 1))
                {
                    return Some(k - 1);
                }
                // "The study, published in May, found": a participle phrase after a noun
                // phrase (a reduced relative clause).
                if k > start
                    && k + 2 < comma
                    && matches!(t.kind(k - 1), TokKind::Word)
                    && !t.toks[k + 1].has(CAP)
                    && (t.lower(k + 1).ends_with("ed") || PAST_FORMS.contains(t.lower(k + 1)))
                    && !NOT_SOURCE_HEADS.contains(t.lower(k - 1))
                {
                    return Some(k - 1);
                }
                // "Ramil Carr, 31, a freelance photographer, said": an age between the name
                // and its description; the name is before it.
                if k > start + 1 && t.kind(k - 1) == TokKind::Number && t.is_punct(k - 2, ",") {
                    k -= 1;
                    continue;
                }
                return None;
            }
        }
        None
    }

    /// The capitalised words from `s`: a name after a quote dash.
    pub(super) fn name_run(&self, s: usize, end: usize) -> Range<usize> {
        let t = self.t();
        let mut e = s;
        while e < end
            && e - s < 5
            && (t.is_cap(e) || (e > s && matches!(t.lower(e), "de" | "van" | "von" | "da" | "del")))
        {
            e += 1;
        }
        s..e
    }

    /// The source of `cue` by position alone in sentence `r` (see [`Cue::found`]): the name
    /// after a dash, the speaker before a colon, the phrase after "according to", else the
    /// subject before the verb, else the one after it ("said Peskov").
    pub(super) fn positional_source(&self, cue: &Cue, r: &Range<usize>) -> Option<Range<usize>> {
        let t = self.t();
        let mut source = match cue.form.lemma {
            "dash" => Some(self.name_run(cue.tokens.end, r.end)),
            "colon" => {
                let c = cue.tokens.start;
                let mut s0 = self.after_opening_quotes(r.start, c);
                // Mid-sentence, the person named right before the colon.
                let who = (c > s0 + 4).then(|| self.people.at(c - 1)).flatten();
                if who.is_some() {
                    let mut b = c - 1;
                    while b > s0 && self.people.at(b - 1) == who {
                        b -= 1;
                    }
                    s0 = b;
                }
                Some(s0..c)
            }
            // "The dispute is expected to ...": the subject of a passive expects nothing; an
            // agent, if any, follows "by".
            "expect" if super::cues::passive(self.doc, cue.tokens.start, r.start) => {
                if t.is(cue.tokens.end, "by") {
                    self.right_source(cue, r.start, r.end)
                } else {
                    return None;
                }
            }
            // "asked by a reporter whether": the asker; else whoever answers (the clause's
            // subject, found later).
            "asked" => {
                if !t.is(cue.tokens.end, "by") {
                    return None;
                }
                let s = cue.tokens.end + 1;
                let mut e = s;
                while e < r.end
                    && e - s < 8
                    && matches!(t.kind(e), TokKind::Word | TokKind::Possessive)
                    && !super::cues::QUESTION_WORDS.contains(&t.lower(e))
                    && !matches!(t.lower(e), "about" | "to" | "on" | "at" | "during" | "in")
                {
                    e += 1;
                }
                Some(s..e)
            }
            // "In X's view,": X sits inside the cue, before its possessive.
            "view" => (cue.tokens.start + 1..cue.tokens.end)
                .find(|&k| t.kind(k) == TokKind::Possessive)
                .map(|p| cue.tokens.start + 1..p),
            // "in a new Gallup poll": the document is the source.
            "in document" => Some(cue.tokens.start + 1..cue.tokens.end),
            _ if cue.according => self.right_source(cue, r.start, r.end),
            _ => self.left_source(cue, r.start),
        };
        if source.as_ref().is_some_and(|sr| sr.is_empty()) {
            source = None;
        }
        if source.is_none() && !cue.according {
            source = self.right_source(cue, r.start, r.end);
        }
        source
    }

    /// The verb at `i` follows "and"/"but" (after adverbs): it shares an earlier subject.
    pub(super) fn coordinated(&self, i: usize, start: usize) -> bool {
        self.skip_adverbs_left(i, start)
            .is_some_and(|p| matches!(self.t().lower(p), "and" | "but" | "or"))
    }

    pub(super) fn quote_or_comma_before(&self, i: usize, start: usize) -> bool {
        // '"...," said X' / '"...," X said' / '..., X said.'
        let t = self.t();
        let mut p = i;
        let mut hops = 0;
        while p > start && hops < 6 {
            p -= 1;
            hops += 1;
            match t.kind(p) {
                TokKind::Quote => return true,
                TokKind::Punct if matches!(t.lower(p), "," | "\u{2014}" | "--") => {
                    return p > start && (t.kind(p - 1) == TokKind::Quote || hops <= 5);
                }
                TokKind::Punct => return false,
                _ => {}
            }
        }
        false
    }

    /// The source noun phrase for a cue, searched to the left of the verb.
    pub(super) fn left_source(&self, cue: &Cue, start: usize) -> Option<Range<usize>> {
        let t = self.t();
        // "The study, published last week, found": the phrase between the commas may end in
        // words that read as adverbs ("last week", "in May"); the subject is before it.
        let c = cue.tokens.start;
        if c > start + 1
            && t.is_punct(c - 1, ",")
            && let Some(name) = self.appositive_subject(c - 1, start)
        {
            return Some(self.np_left(name + 1, start));
        }
        if let Some(np) = self
            .subject_before_aside(c, start)
            .or_else(|| self.subject_before_participle(c, start))
        {
            return Some(np);
        }
        let p = self.skip_adverbs_left(cue.tokens.start, start)?;
        if t.is_punct(p, ",") {
            // "The port's chief executive, Tomás Ibáñez, called ...": the name before the comma.
            if p > start && self.people.at(p - 1).is_some() {
                return Some(self.np_left(p, start));
            }
            if let Some(name) = self.appositive_subject(p, start) {
                return Some(self.np_left(name + 1, start));
            }
            // A stray comma after a subject that opens the sentence: "The security firm
            // Secunia, has said that ...".
            let first = self.after_opening_quotes(start, p);
            let np = self.np_left(p, start);
            let whole = np.start == first
                && np.len() >= 2
                && (first..p).all(|k| t.kind(k) != TokKind::Punct)
                && (first..p).any(|k| t.toks[k].has(CAP) && k > first);
            return whole.then_some(np);
        }
        if t.kind(p) != TokKind::Word && t.kind(p) != TokKind::Number {
            return None;
        }
        let l = t.lower(p);
        if matches!(l, "who" | "which" | "that") && p > start && !t.toks[p].has(CAP) {
            // "McConnell, who in 2010 said ...", "a letter that says ...": the antecedent.
            return self.antecedent(p, start);
        }
        if matches!(
            l,
            "to" | "of"
                | "in"
                | "on"
                | "at"
                | "for"
                | "with"
                | "by"
                | "and"
                | "or"
                | "but"
                | "as"
                | "than"
                | "if"
                | "when"
                | "while"
                | "because"
                | "so"
                | "not"
                | "the"
                | "a"
                | "an"
        ) {
            return None;
        }
        let np = self.np_left(p + 1, start);
        if !np.is_empty()
            && matches!(t.lower(np.start), "who" | "which")
            && !t.toks[np.start].has(CAP)
        {
            return self.antecedent(np.start, start);
        }
        Some(np)
    }

    /// "The senator, however, said", "Supporters of the bill, on the other hand, argued": an
    /// aside between commas right before the cue `c`, after the noun phrase that opens the
    /// sentence; that phrase is the source.
    fn subject_before_aside(&self, c: usize, start: usize) -> Option<Range<usize>> {
        let t = self.t();
        let first = self.after_opening_quotes(start, c);
        if c < first + 4 || !t.is_punct(c - 1, ",") {
            return None;
        }
        let q = (c.saturating_sub(10).max(first)..c - 1)
            .rev()
            .find(|&k| t.kind(k) != TokKind::Word)?;
        let aside = q + 1..c - 1;
        if !t.is_punct(q, ",") || aside.is_empty() {
            return None;
        }
        // "The minister, speaking to reporters in Brussels, said": a participle's aside may
        // name places and people; other asides are short and name no one.
        let opener = t.lower(q + 1);
        let participle = opener.len() > 4 && opener.ends_with("ing") && !t.toks[q + 1].has(CAP);
        if !(participle
            || ASIDE_OPENERS.contains(&opener)
                && aside.len() <= 6
                && aside.clone().all(|k| !t.toks[k].has(CAP)))
        {
            return None;
        }
        let np = self.np_left(q, first);
        (np.start == first && !np.is_empty() && (first..q).all(|k| t.kind(k) != TokKind::Punct))
            .then_some(np)
    }

    /// "Figures to be published today show", "Data released on Monday suggest": a document
    /// noun with a participle of publishing (and a time) between it and the cue `c`; the
    /// noun phrase before the participle is the source.
    fn subject_before_participle(&self, c: usize, start: usize) -> Option<Range<usize>> {
        let t = self.t();
        let mut k = c;
        // The time: "today", "on Monday", "last week".
        while k > start + 1 {
            let l = t.lower(k - 1);
            if matches!(
                l,
                "today" | "yesterday" | "tonight" | "earlier" | "recently"
            ) || crate::analysis::text::is_weekday(l)
            {
                k -= 1;
                if k > start + 1 && matches!(t.lower(k - 1), "on" | "last" | "this") {
                    k -= 1;
                }
            } else if matches!(l, "week" | "month" | "year")
                && k > start + 2
                && matches!(t.lower(k - 2), "last" | "this")
            {
                k -= 2;
            } else {
                break;
            }
        }
        if k <= start + 1 || !PUBLISHED.contains(&t.lower(k - 1)) {
            return None;
        }
        k -= 1;
        if k >= start + 2 && t.lower(k - 1) == "be" && t.lower(k - 2) == "to" {
            k -= 2;
        }
        let np = self.np_left(k, start);
        (!np.is_empty() && np.end == k && EVIDENCE_NOUNS.contains(t.lower(k - 1))).then_some(np)
    }

    /// What a relative pronoun at `rel` refers to: the name or noun phrase before it.
    pub(super) fn antecedent(&self, rel: usize, start: usize) -> Option<Range<usize>> {
        let t = self.t();
        let mut e = rel;
        if e > start && t.is_punct(e - 1, ",") {
            e -= 1;
            // Skip an appositive: "McConnell, now the Senate majority leader, who ...".
            if let Some(name) = self.appositive_subject(e, start) {
                return Some(self.np_left(name + 1, start));
            }
        }
        let np = self.np_left(e, start);
        (!np.is_empty()).then_some(np)
    }

    /// The subject of the sentence's main clause, for cues whose own subject is elsewhere
    /// ("..., but has said", "by saying"): the nearest person before the cue, else the noun
    /// phrase that opens the sentence.
    pub(super) fn clause_subject(&self, cue: usize, start: usize) -> Option<Range<usize>> {
        let t = self.t();
        if let Some(p) = (start..cue)
            .rev()
            .find(|&k| self.people.at(k).is_some() && !self.quoted(k))
        {
            return Some(self.mention_at(p, start..p + 1));
        }
        let mut e = start;
        while e < cue
            && e - start < 6
            && matches!(t.kind(e), TokKind::Word | TokKind::Possessive)
            && !matches!(
                t.lower(e),
                "has" | "have" | "had" | "is" | "was" | "are" | "were" | "will" | "would"
            )
            && self.doc.lex.cue_at(t, e).is_none()
        {
            e += 1;
        }
        (e > start && t.kind(start) == TokKind::Word && !DETERMINERS.contains(t.lower(e - 1)))
            .then_some(start..e)
    }

    /// The noun phrase that ends at token `end` (exclusive), read leftwards.
    pub(super) fn np_left(&self, end: usize, start: usize) -> Range<usize> {
        let t = self.t();
        let mut s = end;
        // A relative clause: "a senior official who asked not to be named".
        let mut k = end;
        let floor = end.saturating_sub(16).max(start);
        while k > floor {
            k -= 1;
            if t.kind(k) == TokKind::Quote
                || (t.kind(k) == TokKind::Punct && !matches!(t.lower(k), "-" | ","))
            {
                break;
            }
            if matches!(t.lower(k), "who" | "whose") && k > start {
                s = k;
                break;
            }
        }
        let mut n = 0;
        while s > start && n < 10 {
            let p = s - 1;
            let stop = match t.kind(p) {
                TokKind::Word => {
                    let l = t.lower(p);
                    (NP_LEFT_STOPS.contains(l) && !(l == "of" || l == "for"))
                        || (self.doc.lex.cue_at(t, p).is_some()
                            && !t.toks[p].has(CAP)
                            && !BODY_NOUNS.contains(l)
                            && !PERSON_ROLES.contains(l)
                            && n > 0)
                }
                TokKind::Possessive | TokKind::Number => false,
                TokKind::Punct => !matches!(t.lower(p), "-" | "&" | "."),
                TokKind::Quote => true,
            };
            if stop {
                break;
            }
            s = p;
            n += 1;
            if t.kind(p) == TokKind::Word && DETERMINERS.contains(t.lower(p)) {
                break;
            }
        }
        // Keep "of"/"for" only inside the phrase, not at its start.
        while s < end && matches!(t.lower(s), "of" | "for") {
            s += 1;
        }
        // "Officials in Beijing", "residents of the town", "critics in Congress": a phrase after
        // a plural group noun belongs to it; the group is the source, not the place.
        if s >= start + 2 && (self.group_then_phrase(s - 1) || self.role_then_phrase(s - 1)) {
            return self.np_left(s - 1, start).start..end;
        }
        // "people close to the senator", "a person familiar with the matter": the people the
        // description follows are the source, not what it names.
        if s >= start + 3 && self.description_at(s - 2) {
            return self.np_left(s - 2, start).start..end;
        }
        s..end
    }

    /// Whether token `i` is "of"/"for"/"at" after a role or a title: "a spokeswoman for the
    /// ministry", "the chairman of the Federal Reserve". The phrase (which stops at its
    /// determiner) runs on to the role; its kind is the body's, but for an unnamed person
    /// ("One employee at a software firm", see `classify_by_head`).
    pub(super) fn role_then_phrase(&self, i: usize) -> bool {
        let t = self.t();
        if i == 0 || !matches!(t.lower(i), "of" | "for" | "at") || t.kind(i - 1) != TokKind::Word {
            return false;
        }
        let r = t.lower(i - 1);
        PERSON_ROLES.contains(r) || self.doc.lex.title(r).is_some()
    }

    /// Whether tokens `k`, `k + 1` open the description of an unnamed source: "close to",
    /// "familiar with", "briefed on".
    pub(super) fn description_at(&self, k: usize) -> bool {
        let t = self.t();
        matches!(
            (t.lower(k), t.lower(k + 1)),
            ("close", "to") | ("familiar", "with") | ("briefed", "on")
        )
    }

    /// The source after an inverted cue: '"...," said Ambassador Mohib.', 'according to X'.
    pub(super) fn right_source(&self, cue: &Cue, start: usize, end: usize) -> Option<Range<usize>> {
        let t = self.t();
        let mut s = cue.tokens.end;
        if !cue.according {
            // Skip what may sit between: "said on Monday X" is rare; "said X" is the case.
            if s < end && t.lower(s) == "by" {
                s += 1;
            }
        }
        if s >= end || !matches!(t.kind(s), TokKind::Word | TokKind::Number) {
            return None;
        }
        let l = t.lower(s);
        if !cue.according {
            // Inversion ("..., said Ambassador Mohib") follows a quote or a comma, or opens the
            // sentence ("Said Ellis: ..."), and names a person: a name, a pronoun, or a role
            // ("said a spokesman for the ministry").
            if !self.quote_or_comma_before(cue.tokens.start, start) && cue.tokens.start != start {
                return None;
            }
            let role_soon = (s..(s + 4).min(end)).any(|k| {
                PERSON_ROLES.contains(t.lower(k)) || self.doc.lex.title(t.lower(k)).is_some()
            });
            // "said the 46-year-old": an age names the person described before; "said former
            // Gov. Bill Richardson": a title after a word that dates it.
            let age = DETERMINERS.contains(l) && t.kind(s + 1) == TokKind::Number;
            let dated = matches!(
                l,
                "former" | "then" | "ex" | "longtime" | "veteran" | "retired" | "outgoing"
            ) && role_soon;
            // "said economist Sarah Hall": a word that describes the person named next.
            let described = s + 1 < end && self.people.at(s + 1).is_some();
            let np_ends_clause = self.inverted_phrase(cue, s, start, end);
            if !(t.toks[s].has(CAP)
                || PRONOUNS.contains(l)
                || (DETERMINERS.contains(l) && role_soon)
                || PERSON_ROLES.contains(l)
                || age
                || dated
                || described
                || np_ends_clause)
            {
                return None;
            }
        }
        let mut e = s;
        let mut n = 0;
        while e < end && n < 14 {
            let stop = match t.kind(e) {
                TokKind::Word => {
                    let l = t.lower(e);
                    n > 0
                        && (NP_RIGHT_STOPS.contains(l)
                            || (!cue.according && self.doc.lex.cue_at(t, e).is_some()))
                }
                TokKind::Punct => !matches!(t.lower(e), "-" | "&"),
                TokKind::Quote => true,
                _ => false,
            };
            // "said a source close to him": the description belongs to the source.
            if stop && !(e > s && self.description_at(e - 1)) {
                break;
            }
            if !cue.according && n > 0 && PRONOUNS.contains(t.lower(s)) {
                break;
            }
            e += 1;
            n += 1;
        }
        (e > s).then_some(s..e)
    }

    /// The first token at or after `start` (and before `end`) that is not an opening quote
    /// mark: where a sentence's words begin.
    pub(super) fn after_opening_quotes(&self, start: usize, end: usize) -> usize {
        let t = self.t();
        (start..end)
            .find(|&k| t.kind(k) != TokKind::Quote)
            .unwrap_or(end.max(start))
    }

    pub(super) fn sentence_start(&self, i: usize) -> bool {
        let si = self.doc.sentence_of[i];
        if si == u32::MAX {
            return false;
        }
        let r = &self.doc.sentences[si as usize].tokens;
        // Opening quotes, dashes, bullets and emoji before the first word do not count.
        (r.start..i).all(|k| matches!(self.t().kind(k), TokKind::Quote | TokKind::Punct))
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::triples;

    /// The source and kind of the one attribution `text` makes.
    fn one_source(text: &str) -> (Option<String>, String) {
        let tr = triples(text);
        assert_eq!(tr.len(), 1, "{text}: {tr:?}");
        (tr[0].1.clone(), tr[0].2.clone())
    }

    #[test]
    fn a_named_body_forecasts() {
        for text in [
            "The Bank of England expects inflation to fall to 2.5% by the summer.",
            "The Office for Budget Responsibility forecasts growth to slow next year.",
        ] {
            let tr = triples(text);
            assert_eq!(tr.len(), 1, "{text}: {tr:?}");
            assert!(
                tr[0].1.as_deref().is_some_and(|s| s.starts_with("The ")),
                "{tr:?}"
            );
        }
    }

    #[test]
    fn a_named_speaker_and_a_colon_before_a_quote() {
        let tr = triples(
            "The surge does not surprise the pollster Daron Shaw: \u{201c}Late deciders often break one way.\u{201d}",
        );
        let colon = tr.iter().find(|x| x.0 == ":").expect("a colon cue");
        assert_eq!(colon.1.as_deref(), Some("pollster Daron Shaw"), "{tr:?}");
        // A colon before a quote with no one named before it is no cue.
        let tr = triples("The sign read: \u{201c}Closed for repairs.\u{201d}");
        assert!(tr.iter().all(|x| x.0 != ":"), "{tr:?}");
    }

    #[test]
    fn an_aside_between_subject_and_verb_is_skipped() {
        for (text, source) in [
            (
                "The senator, however, said the bill was flawed.",
                "The senator",
            ),
            (
                "The governor, for his part, said the plan was sound.",
                "The governor",
            ),
            (
                "Supporters of the bill, on the other hand, argued that it was fair.",
                "Supporters of the bill",
            ),
            (
                "The minister, speaking to reporters in Brussels, said the deal was close.",
                "The minister",
            ),
            (
                "Several candidates, including Mr. Trump, said the plan was flawed.",
                "Several candidates",
            ),
        ] {
            assert_eq!(one_source(text).0.as_deref(), Some(source), "{text}");
        }
        // A place before the aside is no subject.
        let tr = triples("In Ohio, for example, said the clerk, turnout was low.");
        assert_ne!(tr.first().and_then(|x| x.1.as_deref()), Some("In Ohio"));
    }

    #[test]
    fn a_manner_adverb_is_no_part_of_the_source() {
        for (text, source) in [
            ("His critics loudly denounced the plan.", "His critics"),
            ("The senators unanimously passed the bill.", "The senators"),
            (
                "Democrats, historically, have attacked the chain.",
                "Democrats",
            ),
            ("Ms Smith emphatically denied the claim.", "Ms Smith"),
            (
                "The senator doesn't think the bill will pass.",
                "The senator",
            ),
            (
                "Most voters didn\u{2019}t believe the promise.",
                "Most voters",
            ),
        ] {
            assert_eq!(one_source(text).0.as_deref(), Some(source), "{text}");
        }
        // A noun in "-ly" is the source, not an adverb: "the rally", "the family".
        for (text, source) in [
            ("The rally denounced the plan.", "The rally"),
            ("The family said the boy was safe.", "The family"),
        ] {
            let tr = triples(text);
            assert_eq!(
                tr.first().and_then(|x| x.1.as_deref()),
                Some(source),
                "{text}"
            );
        }
    }

    #[test]
    fn a_described_unnamed_source_is_not_what_the_description_names() {
        for (text, source) in [
            (
                "People close to Donald Trump said he would not run.",
                "People close to Donald Trump",
            ),
            (
                "A person familiar with the talks said a deal was near.",
                "A person familiar with the talks",
            ),
            (
                "A deal was near, said a source close to the minister.",
                "a source close to the minister",
            ),
        ] {
            let (src, kind) = one_source(text);
            assert_eq!(src.as_deref(), Some(source), "{text}");
            // Unnamed but described: not the person the description names.
            assert_eq!(kind, "anonymous", "{text}");
        }
    }

    #[test]
    fn a_role_and_its_body_make_one_source() {
        for (text, source, kind) in [
            (
                "A spokeswoman for the ministry said the deal was close.",
                "A spokeswoman for the ministry",
                "organisation",
            ),
            (
                "The chairman of the Federal Reserve said rates would stay on hold.",
                "The chairman of the Federal Reserve",
                "organisation",
            ),
            // An unnamed person, whatever body the phrase names.
            (
                "One employee at a software firm said the bonus was cut.",
                "One employee at a software firm",
                "anonymous",
            ),
        ] {
            let (src, k) = one_source(text);
            assert_eq!(src.as_deref(), Some(source), "{text}");
            assert_eq!(k, kind, "{text}");
        }
        // Whoever a relative clause names is not the source.
        let tr = triples(
            "Lamar Alexander wrote the bill. A professor at Harvard who worked for Lamar Alexander said the bill was flawed.",
        );
        let said = tr.iter().find(|x| x.0 == "said").expect("a said cue");
        assert_eq!(said.2, "anonymous", "{tr:?}");
        // ... and its description may run on past it.
        let a = super::super::tests::run(
            "The email was his, said one source who identified Mr. Sullivan but spoke on the condition of anonymity.",
        );
        let said = a
            .attributions
            .iter()
            .find(|x| x.lemma == "say")
            .expect("said");
        assert!(said.described, "{:?}", a.attributions);
    }
}
