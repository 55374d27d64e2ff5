//! Whose words a cue reports when its grammatical subject is not the speaker: a passive ("Rubio
//! is seen as the front-runner": the agent after "by", or no one named) and a participle that
//! trails its clause ("Clinton attacked Trump, saying ...": the main clause's subject); and a
//! subject after its verb that no name or role marks ("..., said the company.").

use super::*;
use crate::analysis::lexicon::lists::{
    CLAUSE_OPENERS as CLAUSE_OPENERS_LIST, MONTHS, TIME_NOUNS as TIME_NOUNS_LIST, WEEKDAYS,
};

crate::word_sets! {
    CLAUSE_OPENERS = CLAUSE_OPENERS_LIST;
    TIME_NOUNS = TIME_NOUNS_LIST;
}

impl Ctx<'_, '_> {
    /// Whether `cue` is a passive participle ("is seen as", "was criticized", "were told"), not
    /// one of feeling ("officials were angered by the deal": the officials hold the view) nor
    /// "asked" (whoever was asked answers: see `content::cue_source`).
    pub(super) fn passive_cue(&self, cue: &Cue, r: &Range<usize>) -> bool {
        let t = self.t();
        if cue.according || cue.tokens.len() != 1 || cue.form.lemma == "asked" {
            return false;
        }
        let w = t.lower(cue.tokens.start);
        let participle =
            w.ends_with("ed") || w.ends_with("en") || w.ends_with("wn") || PAST_FORMS.contains(w);
        participle
            && !PSYCH_PARTICIPLES.contains(w)
            && super::cues::passive(self.doc, cue.tokens.start, r.start)
    }

    /// The agent of a passive cue: the phrase after "by" ("was criticized by Sen. Feinstein"),
    /// not a time or means ("by Friday", "by 2030", "by phone").
    pub(super) fn passive_agent(&self, cue: &Cue, r: &Range<usize>) -> Option<Range<usize>> {
        let t = self.t();
        let by = cue.tokens.end;
        if by + 1 >= r.end || !t.is(by, "by") {
            return None;
        }
        let first = t.lower(by + 1);
        if t.kind(by + 1) != TokKind::Word
            || WEEKDAYS.contains(&first)
            || MONTHS.contains(&first)
            || matches!(
                first,
                "then" | "now" | "phone" | "telephone" | "email" | "mail" | "far"
            )
        {
            return None;
        }
        // After "by", a noun phrase as "according to" takes one.
        let after_by = Cue::new(by..by + 1, cue.form.class, cue.form.lemma, true);
        self.right_source(&after_by, r.start, r.end)
    }

    /// For a participle cue that trails its clause ("Clinton attacked Trump, saying ...",
    /// "..., while saying", "upon saying"), the subject of the sentence's main clause: the
    /// person, pronoun or role-headed phrase that opens it, after any opening phrase ("At a
    /// rally in Ames, Iowa, on Sunday, Mrs. Clinton ..."). `None` when the sentence opens
    /// with a quote or its subject cannot be told: the caller keeps what it found.
    pub(super) fn participle_subject(&self, cue: usize, start: usize) -> Option<Range<usize>> {
        let t = self.t();
        let p = self.skip_adverbs_left(cue, start)?;
        let trails = t.is_punct(p, ",")
            || (t.kind(p) == TokKind::Word
                && matches!(
                    t.lower(p),
                    "while" | "after" | "before" | "by" | "upon" | "when"
                ));
        if !trails || p <= start {
            return None;
        }
        let s0 = self.main_clause_start(start, p)?;
        self.subject_at(s0, p)
    }

    /// Where the main clause of the sentence starting at `start` begins, before `end`: after
    /// an opening conjunction, and after an opening phrase ("In three interviews, the justice
    /// ..."; "At a rally in Ames, Iowa, on Sunday, Mrs. Clinton ...") at the first of its
    /// commas that a person, a pronoun or a determiner follows.
    fn main_clause_start(&self, start: usize, end: usize) -> Option<usize> {
        let t = self.t();
        let mut s0 = start;
        while s0 < end && matches!(t.lower(s0), "but" | "and" | "so" | "yet" | "still") {
            s0 += 1;
        }
        if s0 >= end || t.kind(s0) != TokKind::Word || self.quoted(s0) {
            return None;
        }
        let w0 = t.lower(s0);
        // "A few minutes later, Murphy ...", "Last week, the senator ...": a time opens it.
        let timed = (s0..(s0 + 6).min(end))
            .take_while(|&k| !t.is_punct(k, ","))
            .any(|k| {
                TIME_NOUNS.contains(t.lower(k)) || crate::analysis::text::is_weekday(t.lower(k))
            });
        let opener = timed
            || (w0.ends_with("ing") && !t.toks[s0].has(ALLCAPS))
            || CLAUSE_OPENERS.contains(w0);
        if !opener {
            return Some(s0);
        }
        (s0..end)
            .find(|&k| {
                t.is_punct(k, ",")
                    && k + 1 < end
                    && t.kind(k + 1) == TokKind::Word
                    && (self.people.at(k + 1).is_some()
                        || PRONOUNS.contains(t.lower(k + 1))
                        || DETERMINERS.contains(t.lower(k + 1)))
            })
            .map(|k| k + 1)
    }

    /// The subject phrase that starts at `s0` (before `end`): a person, a pronoun, a phrase
    /// up to a role or body ("The president", "His chief aide", "The attorney general"), else
    /// a determiner, capitalised words and the lowercase head after them ("The Wisconsin
    /// Republican", "The departments").
    fn subject_at(&self, s0: usize, end: usize) -> Option<Range<usize>> {
        let t = self.t();
        if self.people.at(s0).is_some() {
            return Some(self.mention_at(s0, 0..end));
        }
        let l = t.lower(s0);
        if matches!(l, "he" | "she" | "they" | "it" | "we" | "i") {
            return Some(s0..s0 + 1);
        }
        let limit = (s0 + 6).min(end);
        let role = |k: usize| {
            let l = t.lower(k);
            let one = l.strip_suffix('s').unwrap_or(l);
            t.kind(k) == TokKind::Word
                && [l, one].iter().any(|w| {
                    PERSON_ROLES.contains(w)
                        || BODY_NOUNS.contains(w)
                        || self.doc.lex.title(w).is_some()
                })
        };
        if let Some(k) = (s0..limit).find(|&k| role(k)) {
            let mut e = k + 1;
            while e < end && role(e) {
                e += 1;
            }
            return Some(s0..e);
        }
        if !(DETERMINERS.contains(l) || t.toks[s0].has(CAP)) {
            return None;
        }
        let mut e = s0 + 1;
        while e < limit
            && (t.kind(e) == TokKind::Possessive
                || (t.kind(e) == TokKind::Word && t.toks[e].has(CAP)))
        {
            e += 1;
        }
        let w = t.lower(e.min(limit.saturating_sub(1)));
        if e < limit
            && t.kind(e) == TokKind::Word
            && !t.toks[e].has(CAP)
            && !w.ends_with("ed")
            && !AUXILIARIES.contains(w)
            && !matches!(
                w,
                "has" | "have" | "had" | "will" | "would" | "did" | "does"
            )
            && self.doc.lex.cue_at(t, e).is_none()
        {
            e += 1;
        }
        (e > s0 + 1 || t.toks[s0].has(CAP)).then_some(s0..e)
    }

    /// The tokens of the person mention at `k`, kept `within` those tokens.
    pub(super) fn mention_at(&self, k: usize, within: Range<usize>) -> Range<usize> {
        let who = self.people.at(k);
        let (mut s, mut e) = (k, k + 1);
        while s > within.start && self.people.at(s - 1) == who {
            s -= 1;
        }
        while e < within.end && self.people.at(e) == who {
            e += 1;
        }
        s..e
    }

    /// Whether the words at `s`, right after the inverted cue `cue` in sentence `start..end`,
    /// are its subject though no name or role marks them: "..., said the company.", "said the
    /// people, who asked not to be identified", "said the study's lead author, Dr Melody
    /// Ding". A determiner opens a noun phrase that ends the clause ("said the company would"
    /// has a verb, and is reported speech); only right after the comma or quote mark, and only
    /// verbs that take no object there ("..., and criticized the party's record": the object;
    /// "told his supporters": whom).
    pub(super) fn inverted_phrase(&self, cue: &Cue, s: usize, start: usize, end: usize) -> bool {
        let t = self.t();
        let c = cue.tokens.start;
        let opens = DETERMINERS.contains(t.lower(s))
            && s == cue.tokens.end
            && c > start
            && (t.is_punct(c - 1, ",") || t.kind(c - 1) == TokKind::Quote)
            && matches!(
                cue.form.lemma,
                "say" | "add" | "write" | "report" | "note" | "explain"
            )
            && !t.lower(c).ends_with("ing");
        if !opens {
            return false;
        }
        let np_end = (s + 1..(s + 9).min(end)).find(|&k| {
            !(t.kind(k) == TokKind::Possessive
                || t.kind(k) == TokKind::Word
                    && !AUXILIARIES.contains(t.lower(k))
                    && !NP_RIGHT_STOPS.contains(t.lower(k))
                    // A cue word ends the phrase only as a noun: "said the report."
                    && (self.doc.lex.cue_at(t, k).is_none()
                        || k + 1 >= end
                        || t.kind(k + 1) == TokKind::Punct))
        });
        match np_end {
            Some(k) => k > s + 1 && matches!(t.kind(k), TokKind::Punct | TokKind::Quote),
            None => s + 9 >= end,
        }
    }
}
