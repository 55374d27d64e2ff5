//! Cues: the words that mark an attribution (verbs of speech, thought, intention and
//! evidence; "according to"; quote dashes and colons), and which uses of them count.

use super::*;
use crate::analysis::lexicon::lists::OBJECT_OPENERS;
use crate::analysis::text::{is_month, is_weekday};

/// The "source said" verbs that also name a thing: a noun use needs a determiner before it.
pub(super) fn noun_use(doc: &Doc, i: usize, start: usize) -> bool {
    if i == start {
        return false;
    }
    let t = &doc.t;
    let past = is_past(t.lower(i));
    let p = i - 1;
    match t.kind(p) {
        TokKind::Possessive => true,
        TokKind::Word => {
            let l = t.lower(p);
            DETERMINERS.contains(l) && !matches!(l, "one" | "first")
                || NOUN_USE_ADJECTIVES.contains(l)
        }
        // "3 reports", but not "in 2010 said".
        TokKind::Number => !past,
        _ => false,
    }
}

/// A past-tense form: never a noun ("said", "called", "thought").
pub(super) fn is_past(l: &str) -> bool {
    l.ends_with("ed") || PAST_FORMS.contains(l)
}

pub(super) fn passive(doc: &Doc, i: usize, start: usize) -> bool {
    let t = &doc.t;
    let mut p = i;
    while p > start {
        p -= 1;
        let l = t.lower(p);
        if AUXILIARIES.contains(l) {
            return true;
        }
        if !PASSIVE_ADVERBS.contains(l) {
            return false;
        }
    }
    false
}

/// Where vague phrases ("reportedly", "it is believed") stand in a sentence's tokens.
pub(super) fn vague_phrases(doc: &Doc, r: Range<usize>, in_quote: &[u32]) -> Vec<Range<usize>> {
    let t = &doc.t;
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut i = r.start;
    while i < r.end {
        if in_quote[i] != u32::MAX || t.kind(i) != TokKind::Word || !t.has_bits(i, bits::VAGUE) {
            i += 1;
            continue;
        }
        let n = doc
            .lex
            .base
            .vague_phrases
            .match_at(i, r.end, |k| t.lower(k));
        // "his research shows", "the group's studies show": an owner named, nothing vague.
        // ("he's widely believed": "'s" after a pronoun is "is".)
        let owned = i > r.start
            && (t.kind(i - 1) == TokKind::Possessive
                && i >= r.start + 2
                && !PRONOUNS.contains(t.lower(i - 2))
                && !matches!(t.lower(i - 2), "that" | "there" | "what" | "here" | "where")
                || matches!(
                    t.lower(i - 1),
                    "his" | "her" | "its" | "their" | "our" | "my" | "your"
                ));
        if n > 0 && !owned {
            out.push(i..i + n);
            i += n;
        } else {
            i += 1;
        }
    }
    out
}

/// Words for a point of view that "in" opens to name whose it is.
const VIEW_WORDS: &[&str] = &[
    "view",
    "opinion",
    "estimation",
    "judgment",
    "judgement",
    "words",
];

/// "In X's view," opening a clause at `i` ("in"): the end of the phrase (after the view
/// word), when a comma follows it.
fn in_view_of(t: &crate::analysis::text::Tokens, i: usize, r: &Range<usize>) -> Option<usize> {
    let opens = i == r.start || t.is_punct(i - 1, ",") || matches!(t.lower(i - 1), "but" | "and");
    if !opens {
        return None;
    }
    let lim = (i + 8).min(r.end);
    let pos = (i + 2..lim).find(|&k| t.kind(k) == TokKind::Possessive)?;
    let end = if pos + 1 < lim && VIEW_WORDS.contains(&t.lower(pos + 1)) {
        pos + 2
    } else {
        return None;
    };
    (end < r.end && t.is_punct(end, ",")).then_some(end)
}

/// Documents that carry their own findings: "in a new Gallup poll", "in the census data".
const DOCUMENT_NOUNS: &[&str] = &[
    "poll",
    "polls",
    "survey",
    "surveys",
    "study",
    "report",
    "analysis",
    "census",
    "audit",
    "estimate",
    "estimates",
    "data",
    "figures",
    "filing",
    "filings",
    "disclosure",
    "disclosures",
];

/// Hearings whose record a court report cites: "the court heard", "the inquest heard".
const HEARING_NOUNS: &[&str] = &[
    "court", "hearing", "inquest", "inquiry", "jurors", "jury", "trial", "tribunal",
];

/// "in a new Gallup poll", "in national polls", "in the latest CNN/ORC poll released
/// Wednesday" at `i` ("in"): the end of the phrase (after the document noun), when the phrase
/// is whole: at most nine words to the noun, and after it no word that would make the noun a
/// modifier ("in a poll booth"): the sentence's end, punctuation, a function word, a time word
/// or "released"/"published"/"conducted". Like "according to", it sources the rest of its
/// sentence; the document is its source.
fn in_document(t: &crate::analysis::text::Tokens, i: usize, r: &Range<usize>) -> Option<usize> {
    let lim = (i + 11).min(r.end);
    let noun = (i + 1..lim)
        .take_while(|&k| {
            // A preposition or an "-ing" word between leaves the noun in another phrase ("in
            // the wake of polls", "in six states going to the polls").
            let w = t.lower(k);
            let word = matches!(
                t.kind(k),
                TokKind::Word | TokKind::Possessive | TokKind::Number
            );
            let ing = w.ends_with("ing") && !t.toks[k].has(CAP);
            (word && !NP_LEFT_STOPS.contains(w) && w != "of" && !ing)
                || t.is_punct(k, "-")
                || t.is_punct(k, "/")
        })
        .find(|&k| t.kind(k) == TokKind::Word && DOCUMENT_NOUNS.contains(&t.lower(k)))?;
    // "rose in the polls" is a standing, not a source: no poll is named.
    if noun == i + 2 && t.lower(i + 1) == "the" && t.lower(noun) == "polls" {
        return None;
    }
    let end = noun + 1;
    if end >= r.end || t.kind(end) != TokKind::Word {
        return Some(end);
    }
    let next = t.lower(end);
    let whole = NP_LEFT_STOPS.contains(next)
        || DETERMINERS.contains(next)
        || is_weekday(next)
        || is_month(next)
        || matches!(
            next,
            "this"
                | "last"
                | "earlier"
                | "released"
                | "published"
                | "conducted"
                | "commissioned"
                | "taken"
                | "out"
                | "ahead"
                | "despite"
                | "although"
                | "among"
                | "since"
                | "by"
                | "and"
        )
        // "in a poll of 800 voters"; "in the study of birds" is no source.
        || (next == "of" && matches!(t.lower(noun), "poll" | "polls" | "survey" | "surveys"));
    whole.then_some(end)
}

/// Words that open an indirect question: "asked whether ...", "asked by X if ...".
pub(super) const QUESTION_WORDS: &[&str] = &[
    "whether", "if", "why", "how", "what", "who", "whom", "where", "which",
];

/// A verb that changes a body's own figures, at word `i`: "revised its estimates", "cut
/// their growth forecast", "raised its guidance". The end of the phrase.
fn own_estimates(t: &crate::analysis::text::Tokens, i: usize, r: &Range<usize>) -> Option<usize> {
    if i + 2 >= r.end
        || !matches!(t.lower(i + 1), "its" | "their")
        || !matches!(
            t.lower(i),
            "revised"
                | "raised"
                | "cut"
                | "lowered"
                | "trimmed"
                | "upgraded"
                | "downgraded"
                | "updated"
                | "revises"
                | "raises"
                | "cuts"
                | "lowers"
        )
    {
        return None;
    }
    (i + 2..(i + 5).min(r.end))
        .take_while(|&k| t.kind(k) == TokKind::Word)
        .find(|&k| {
            matches!(
                t.lower(k),
                "estimate"
                    | "estimates"
                    | "forecast"
                    | "forecasts"
                    | "projection"
                    | "projections"
                    | "figures"
                    | "outlook"
                    | "guidance"
            )
        })
        .map(|k| k + 1)
}

impl Ctx<'_, '_> {
    /// The cues of sentence `s`.
    pub(super) fn cues(&self, r: Range<usize>) -> Cues {
        let t = self.t();
        let mut out = Cues::new();
        let mut feats = Vec::new();
        let mut around = learned::Around::of(t, &r);
        let mut counted = r.start;
        let mut i = r.start;
        while i < r.end {
            if t.kind(i) != TokKind::Word {
                i += 1;
                continue;
            }
            if let Some(c) = self.phrase_cue(i, &r) {
                i = c.tokens.end;
                out.push(c);
                continue;
            }
            if self.quoted(i) {
                // Someone's quoted words: their own attributions are part of the quote.
                i += 1;
                continue;
            }
            // Cue words before this one (a feature of the model's).
            while counted < i {
                if t.has_bits(counted, bits::CUE) && !self.quoted(counted) {
                    around.earlier = around.earlier.saturating_add(1).min(2);
                }
                counted += 1;
            }
            if let Some(c) = self.candidate(i, &r)
                && let Some(form) = self.decide(i, &r, c, around, &mut feats)
            {
                let mut end = i + 1;
                // Particles that belong to the cue: "called for", "pointed out".
                if matches!(form.lemma, "call" | "point" | "go")
                    && i + 1 < r.end
                    && matches!(t.lower(i + 1), "for" | "on" | "out" | "upon")
                {
                    end = i + 2;
                }
                if form.class == CueClass::Speech
                    && let Some(e) = learned::make_clear_end(t, i, &r)
                {
                    end = e;
                }
                out.push(Cue::new(i..end, form.class, form.lemma, false));
                i = end;
                continue;
            }
            i += 1;
        }
        let si = self.doc.sentence_of[r.start] as usize;
        // A title written as a sentence ("Poll: Trump leads in Ohio.") is a headline too.
        let headline = self
            .doc
            .sentences
            .get(si)
            .is_some_and(|s| matches!(s.kind, SentenceKind::Headline | SentenceKind::Heading))
            || (si == 0 && crate::analysis::claims::title_line(self.doc));
        self.punct_cues(r, headline, &mut out);
        out.sort_by_key(|c| c.tokens.start);
        out
    }

    /// The cue a fixed phrase makes at word `i` of sentence `r`, whatever the model makes of
    /// the words around it: "according to", "in Smith's view", "in a new Gallup poll" (also
    /// inside a quote, but a document only outside one), and outside quotes "revised its
    /// estimates" and "when asked whether".
    fn phrase_cue(&self, i: usize, r: &Range<usize>) -> Option<Cue> {
        let t = self.t();
        let l = t.lower(i);
        if l == "according" && t.is(i + 1, "to") && i + 1 < r.end {
            return Some(Cue::new(i..i + 2, CueClass::Speech, "according to", true));
        }
        if l == "in" {
            if let Some(end) = in_view_of(t, i, r) {
                // "In Smith's view, ...": sources its clause as "according to" does, with the
                // source inside the cue.
                return Some(Cue::new(i..end, CueClass::Speech, "view", true));
            }
            if !self.quoted(i)
                && let Some(end) = in_document(t, i, r)
            {
                return Some(Cue::new(i..end, CueClass::Evidence, "in document", true));
            }
        }
        if self.quoted(i) {
            return None;
        }
        if let Some(end) = own_estimates(t, i, r) {
            // "The Labor Department revised its estimates, cutting 20,000 jobs": a body
            // giving its own figures.
            return Some(Cue::new(i..end, CueClass::Evidence, "revise", false));
        }
        if l == "heard"
            && i > r.start
            && HEARING_NOUNS.contains(&t.lower(i - 1))
            && !matches!(t.lower(i + 1), "from" | "about" | "of")
        {
            // "Bristol Crown Court heard", "the inquest heard that": a court report's
            // attribution; the hearing is the source.
            return Some(Cue::new(i..i + 1, CueClass::Speech, "hear", false));
        }
        if matches!(l, "put" | "puts" | "gave" | "gives") && self.poll_puts(i, r) {
            // "A YouGov survey put Reform on 27%", "the AP count gives her 1,280 delegates":
            // a poll or count giving its figures.
            return Some(Cue::new(i..i + 1, CueClass::Evidence, "put", false));
        }
        if l == "asked" && self.asked_clause(i, r) {
            // "When asked whether ..., Smith said": the question is attributed.
            return Some(Cue::new(i..i + 1, CueClass::Speech, "asked", false));
        }
        None
    }

    /// "put" or "gives" at word `i` has a poll, survey, count or estimate for its subject and
    /// a figure within five words after it ("put Labour on 22%", "put the figure at 54,000").
    fn poll_puts(&self, i: usize, r: &Range<usize>) -> bool {
        let t = self.t();
        let subject = (i.saturating_sub(8).max(r.start)..i)
            .rev()
            .take_while(|&k| !matches!(t.lower(k), "," | ";" | ":" | "that" | "which" | "who"))
            .any(|k| {
                matches!(
                    t.lower(k),
                    "poll"
                        | "polls"
                        | "survey"
                        | "surveys"
                        | "count"
                        | "tally"
                        | "estimate"
                        | "estimates"
                        | "projections"
                        | "forecast"
                        | "forecasts"
                )
            });
        subject && (i + 1..(i + 6).min(r.end)).any(|k| t.kind(k) == TokKind::Number)
    }

    /// "asked" at word `i` opens a clause that puts a question to someone: "Asked whether
    /// ...,", "when asked about ...", "..., asked by a reporter if ...". Not "asked him to"
    /// or "was asked about" (a request, a passive the verb rules judge).
    pub(super) fn asked_clause(&self, i: usize, r: &Range<usize>) -> bool {
        let t = self.t();
        if i + 1 >= r.end {
            return false;
        }
        let next = t.lower(i + 1);
        let first = self.after_opening_quotes(r.start, i);
        let after_when = i > first && matches!(t.lower(i - 1), "when" | "after" | "once");
        let question = QUESTION_WORDS.contains(&next)
            || next == "about"
            || (next == "by" && i + 2 < r.end && t.kind(i + 2) == TokKind::Word);
        // "when asked to leave": an infinitive only after "when" or at the start.
        let request = next == "to" && i + 2 < r.end && t.kind(i + 2) == TokKind::Word;
        (i == first || after_when) && (question || request)
            || (i > first && t.is_punct(i - 1, ",") && question)
    }

    /// "who asked not to be named", "not authorized to speak": part of describing a source.
    pub(super) fn in_anonymity_phrase(&self, i: usize, r: &Range<usize>) -> bool {
        let t = self.t();
        // Markers are at most a handful of words: try each start a few words back.
        (i.saturating_sub(6).max(r.start)..=i).any(|s| {
            if !t.has_bits(s, bits::ANONYMOUS) {
                return false;
            }
            let n = self
                .doc
                .lex
                .base
                .anonymous_markers
                .match_at(s, r.end, |k| t.lower(k));
            n > 0 && s + n > i
        })
    }

    /// Punctuation that attributes: a dash after a closing quote ("” ― Sonya Herridge") and a
    /// colon after a speaker's name at the start of a line ("PENCE: ...", "Poll: ...").
    pub(super) fn punct_cues(&self, r: Range<usize>, headline: bool, out: &mut Cues) {
        let t = self.t();
        for i in r.clone() {
            if t.kind(i) != TokKind::Punct || self.quoted(i) {
                continue;
            }
            let l = t.lower(i);
            let dash = matches!(l, "\u{2015}" | "\u{2014}" | "--" | "-" | "\u{2013}");
            if dash && i > 0 && t.kind(i - 1) == TokKind::Quote && i + 1 < r.end && t.is_cap(i + 1)
            {
                out.push(Cue::new(i..i + 1, CueClass::Speech, "dash", false));
            } else if l == ":" {
                let s = self.after_opening_quotes(r.start, i);
                let n = i - s;
                let words = (s..i).all(|k| {
                    t.kind(k) == TokKind::Word && t.toks[k].has(CAP)
                        || t.kind(k) == TokKind::Possessive
                });
                let allcaps = (s..i).all(|k| t.toks[k].has(ALLCAPS));
                let person = (s..i).any(|k| self.people.at(k).is_some());
                let caption = CAPTION_WORDS.contains(t.lower(s));
                // An interview transcript's turns: "Q: ...", "A: ...".
                let turn = n == 1 && t.toks[s].has(CAP) && matches!(t.bare(s), "q" | "a");
                // "The Latest:", "The Big Picture:" label a column; "The Times:" is a source.
                let label = n > 1
                    && DETERMINERS.contains(t.lower(s))
                    && !(BODY_NOUNS.contains(t.lower(i - 1))
                        || EVIDENCE_NOUNS.contains(t.lower(i - 1))
                        || person);
                // A named speaker and a colon before a quote, anywhere in a sentence: "...,
                // says pollster Daron Shaw: “Historically ...", "- Mark Blumenthal: “...".
                let named_quote = i > r.start
                    && i + 1 < r.end
                    && t.kind(i + 1) == TokKind::Quote
                    && self.people.at(i - 1).is_some();
                if (1..=4).contains(&n)
                    && words
                    && !caption
                    && !label
                    && (allcaps || person || headline || turn)
                    || named_quote
                {
                    out.push(Cue::new(i..i + 1, CueClass::Speech, "colon", false));
                }
            }
        }
    }

    /// Whether the cue word at `i`, whose neighbourhood is `f`, is used as a verb of
    /// attribution here.
    pub(super) fn accept(&self, i: usize, form: CueForm, r: &Range<usize>, f: CueFacts) -> bool {
        match form.class {
            CueClass::Loaded => self.accept_loaded(i, form, r, f),
            CueClass::Speech => self.accept_speech(i, form, r, f),
            CueClass::Thought if form.lemma == "expect" && f.is_passive && f.to_follows => true,
            CueClass::Thought => self.accept_thought(i, form, r, f),
            CueClass::Intention => self.accept_intention(i, form, r, f),
            CueClass::Evidence => self.accept_evidence(i, r, f),
        }
    }

    /// What cue word `i`'s neighbourhood says, worked out once for the class checks; None when
    /// the word is not a cue whatever its class (a capitalised name part, a noun use).
    pub(super) fn cue_facts(&self, i: usize, r: &Range<usize>) -> Option<CueFacts> {
        let t = self.t();
        let l = t.lower(i);
        let next = |k: usize| if i + k < r.end { t.lower(i + k) } else { "" };
        if t.toks[i].has(CAP) && i > r.start && !matches!(t.kind(i - 1), TokKind::Quote) {
            // "Post", "Report" in a name; but a title-case headline's "Graham Says".
            let sentence = &self.doc.sentences[self.doc.sentence_of[i] as usize];
            let headline_verb = matches!(
                sentence.kind,
                SentenceKind::Headline | SentenceKind::Heading
            ) && HEADLINE_VERBS.contains(l);
            if !self.quoted(i) && t.toks[i - 1].has(CAP) && !headline_verb {
                return None;
            }
        }
        if noun_use(self.doc, i, r.start) {
            return None;
        }
        let infinitive = i > r.start && t.lower(i - 1) == "to";
        let is_passive = passive(self.doc, i, r.start);
        let that_follows = (1..=8)
            .any(|k| next(k) == "that" && (1..k).all(|j| t.kind(i + j) == TokKind::Word))
            && !matches!(next(1), "is" | "was");
        // "Rathbun stated,\n\n\"Daniel was ...": the quote opens the next paragraph.
        let intro_at_end =
            (matches!(next(1), "," | ":") && i + 2 == r.end && t.kind(i + 2) == TokKind::Quote)
                || (r.end > i + 1
                    && t.is_punct(r.end - 1, ":")
                    && t.kind(r.end) == TokKind::Quote
                    && r.end - i <= 8);
        let quote_follows = intro_at_end
            || i + 1 < r.end
                && (t.kind(i + 1) == TokKind::Quote
                    || (matches!(next(1), "," | ":")
                        && i + 2 < r.end
                        && t.kind(i + 2) == TokKind::Quote)
                    || next(1) == ":");
        let quote_before = self.quote_or_comma_before(i, r.start);
        // A verb coordinated with an earlier one ("... and called it a hoax") shares its
        // subject: the source finder takes it from there.
        let subject_before = self.subject_token_before(i, r.start) || self.coordinated(i, r.start);
        let to_follows = next(1) == "to" && i + 2 < r.end && t.kind(i + 2) == TokKind::Word;
        // Plural-looking forms that are mostly nouns ("tweets", "claims", "plans"): only with a
        // singular subject right before and a clause or object after.
        if NOUN_LIKE_CUE_FORMS.contains(l) {
            let singular_subject = self.skip_adverbs_left(i, r.start).is_some_and(|p| {
                self.people.at(p).is_some()
                    || matches!(t.lower(p), "he" | "she" | "it" | "who" | "that" | "which")
                    || (t.toks[p].has(CAP) && !t.lower(p).ends_with('s'))
            });
            let clause_after = matches!(
                next(1),
                "that" | "to" | ":" | "the" | "a" | "an" | "his" | "her" | "their" | "its"
            ) || t.kind(i + 1) == TokKind::Quote
                || (next(1) == "," && t.kind(i + 2) == TokKind::Quote)
                || t.is_cap(i + 1);
            if !(singular_subject && clause_after) {
                return None;
            }
        }
        // Forms that are also nouns ("plans", "support", "report") need a verb's company.
        let ambiguous_form = !is_past(l);
        let headline = matches!(
            self.doc.sentences[self.doc.sentence_of[i] as usize].kind,
            SentenceKind::Headline | SentenceKind::Heading
        );
        // "-ing" after a preposition, a conjunction or "is": "by saying he would", "and saying".
        let ing_clause = l.ends_with("ing")
            && i > r.start
            && ING_CLAUSE_OPENERS.contains(t.lower(i - 1))
            && !matches!(next(1), "" | "." | "," | "to" | "of");
        Some(CueFacts {
            infinitive,
            is_passive,
            that_follows,
            quote_follows,
            quote_before,
            subject_before,
            to_follows,
            ambiguous_form,
            headline,
            ing_clause,
        })
    }

    /// Whether a loaded cue at word `i` is one (see [`Ctx::accept`]).
    fn accept_loaded(&self, i: usize, form: CueForm, r: &Range<usize>, f: CueFacts) -> bool {
        let t = self.t();
        let next = |k: usize| if i + k < r.end { t.lower(i + k) } else { "" };
        let CueFacts {
            infinitive,
            is_passive,
            that_follows,
            quote_follows,
            quote_before,
            subject_before,
            to_follows,
            ambiguous_form,
            ..
        } = f;
        if form.lemma == "claim" && self.claim_takes(i, r) {
            return false;
        }
        if form.lemma == "admit"
            && (matches!(next(1), "into" | "in")
                || (next(1) == "to" && matches!(next(2), "hospital" | "the")))
        {
            return false;
        }
        // "an asylum claim", "his claims": the noun; the verb takes a clause or a quote.
        if ambiguous_form && !(that_follows || quote_follows || to_follows || quote_before) {
            return false;
        }
        !is_passive
            && !infinitive
            && (that_follows || quote_follows || quote_before || subject_before || to_follows)
    }

    /// Whether a speech cue at word `i` is one (see [`Ctx::accept`]).
    fn accept_speech(&self, i: usize, form: CueForm, r: &Range<usize>, f: CueFacts) -> bool {
        let t = self.t();
        let l = t.lower(i);
        let next = |k: usize| if i + k < r.end { t.lower(i + k) } else { "" };
        let CueFacts {
            infinitive,
            is_passive,
            that_follows,
            quote_follows,
            quote_before,
            subject_before,
            ambiguous_form,
            headline,
            ing_clause,
            ..
        } = f;
        if is_passive && !(form.lemma == "tell" || next(1) == "by") {
            // "was called", "is expected"; "were told that" keeps its cue.
            return form.lemma == "tell" && that_follows;
        }
        if infinitive && !matches!(form.lemma, "say" | "tell" | "comment" | "discuss") {
            return false;
        }
        if infinitive {
            return false;
        }
        if ing_clause {
            return true;
        }
        if i == r.start
            && l == "asked"
            && matches!(
                next(1),
                "about" | "to" | "if" | "whether" | "why" | "how" | "what"
            )
        {
            // "Asked about the bomb, Clinton said ...".
            return true;
        }
        if headline && t.toks[i].has(CAP) {
            return true;
        }
        match form.lemma {
            "say" | "tell" | "add" | "write" | "tweet" | "announce" | "note" | "explain"
            | "declare" | "state" | "warn" | "argue" | "report" | "recall" | "reply"
            | "respond" | "testify" | "acknowledge" | "confirm" | "deny" | "insist" | "predict"
            | "estimate" | "urge" | "reiterate" | "concede" | "emphasize" | "emphasise"
            | "stress" | "contend" | "assert" | "remark" | "quip" | "retort" => {
                if ambiguous_form
                    && !(subject_before || that_follows || quote_follows || quote_before)
                {
                    return false;
                }
                if form.lemma == "state"
                    && !(that_follows || quote_follows || quote_before || next(1) == "in")
                {
                    return false;
                }
                if form.lemma == "report"
                    && !(that_follows || quote_follows || quote_before || subject_before)
                {
                    return false;
                }
                true
            }
            // "a new group called Black Votes Matter", "a film called 'Yuge!'": a name.
            "call"
                if i >= r.start + 2
                    && t.kind(i - 1) == TokKind::Word
                    && !t.toks[i - 1].has(CAP)
                    && !PRONOUNS.contains(t.lower(i - 1))
                    && !AUXILIARIES.contains(t.lower(i - 1))
                    && !ADVERBS.contains(t.lower(i - 1))
                    && !matches!(t.lower(i - 1), "which" | "that" | "has" | "have" | "had")
                    && (r.start.max(i.saturating_sub(4))..i - 1)
                        .any(|k| matches!(t.lower(k), "a" | "an" | "the"))
                    && (t.kind(i + 1) == TokKind::Quote
                        || t.toks.get(i + 1).is_some_and(|x| x.has(CAP))) =>
            {
                false
            }
            "call" => {
                l != "call"
                    && subject_before
                    && !matches!(
                        next(1),
                        "a" | "an"
                            | "the"
                            | "off"
                            | "in"
                            | "police"
                            | "911"
                            | "back"
                            | "up"
                            | "out"
                            | "it"
                            | ""
                            | "."
                            | ","
                    )
                    || (l != "call"
                        && subject_before
                        && matches!(next(1), "a" | "an" | "the" | "it")
                        && !CALL_EVENTS.contains(next(2))
                        && (i + 2..(i + 8).min(r.end)).any(|k| {
                            matches!(t.lower(k), "a" | "an") || t.kind(k) == TokKind::Quote
                        }))
                    || self.followed_by_as_or_object_quote(i, r)
            }
            "point" => next(1) == "out" || next(1) == "to" && subject_before,
            "ruled" => self.court_rules(i, r, subject_before, that_follows),
            "continue" => quote_follows || quote_before,
            "describe" => (1..=8).any(|k| next(k) == "as") && (subject_before || quote_before),
            "ask" => {
                quote_follows
                    || quote_before
                    || (subject_before
                        && matches!(
                            next(1),
                            "whether" | "if" | "why" | "how" | "what" | "for" | "about"
                        ))
                    || (subject_before
                        && !ambiguous_form
                        && (i + 2..(i + 6).min(r.end)).any(|k| {
                            t.lower(k) == "to" || t.lower(k) == "about" || t.lower(k) == "whether"
                        }))
            }
            _ => {
                (that_follows || quote_follows || quote_before)
                    || (subject_before && !ambiguous_form && !matches!(next(1), "" | "." | ","))
            }
        }
    }

    /// Whether a thought cue at word `i` is one (see [`Ctx::accept`]).
    fn accept_thought(&self, i: usize, form: CueForm, r: &Range<usize>, f: CueFacts) -> bool {
        let CueFacts {
            infinitive,
            is_passive,
            that_follows,
            quote_before,
            subject_before,
            ambiguous_form,
            ..
        } = f;
        !infinitive
            && !is_passive
            && (that_follows
                || (subject_before && !ambiguous_form && self.clause_follows(i, r))
                || (subject_before
                    && matches!(
                        form.lemma,
                        "believe" | "think" | "expect" | "hope" | "fear" | "know"
                    )
                    && self.clause_follows(i, r))
                || quote_before)
            && !(form.lemma == "expect" && is_passive)
    }

    /// Whether an intention cue at word `i` is one (see [`Ctx::accept`]).
    fn accept_intention(&self, i: usize, form: CueForm, r: &Range<usize>, f: CueFacts) -> bool {
        let t = self.t();
        let next = |k: usize| if i + k < r.end { t.lower(i + k) } else { "" };
        let CueFacts {
            infinitive,
            is_passive,
            that_follows,
            subject_before,
            to_follows,
            ambiguous_form,
            ing_clause,
            ..
        } = f;
        let stance = STANCE_LEMMAS.contains(form.lemma);
        // "Russia and China support the government": a stance verb with an object.
        let object_follows = i + 1 < r.end
            && (t.toks[i + 1].has(CAP)
                || OBJECT_OPENERS.contains(&next(1))
                || matches!(next(1), "that" | "these" | "those"));
        !infinitive
            && !is_passive
            && (subject_before || ing_clause)
            && (to_follows
                || that_follows
                || (stance
                    && (!ambiguous_form || object_follows)
                    && !matches!(next(1), "" | "." | ","))
                || (form.lemma == "decide" && matches!(next(1), "against" | "on")))
    }

    /// Whether an evidence cue at word `i` is one (see [`Ctx::accept`]).
    fn accept_evidence(&self, i: usize, r: &Range<usize>, f: CueFacts) -> bool {
        let t = self.t();
        let next = |k: usize| if i + k < r.end { t.lower(i + k) } else { "" };
        let CueFacts {
            infinitive,
            is_passive,
            that_follows,
            quote_follows,
            ..
        } = f;
        // "He shows no respect": a pronoun's "shows" is behaviour, not evidence; a named
        // researcher's "found" is ("a study by Justin Levitt found 31 incidents").
        let person_subject = self
            .skip_adverbs_left(i, r.start)
            .is_some_and(|p| matches!(t.lower(p), "he" | "she" | "i" | "you" | "we" | "they"));
        !infinitive
            && !is_passive
            && !person_subject
            && (that_follows || self.evidence_subject(i, r.start))
            && (quote_follows
                || !matches!(next(1), "" | "." | "," | "up" | "off")
                || self.parenthetical_evidence(i, r.start))
    }

    /// An evidence verb set off by commas after what it shows, its noun just before it: "...
    /// rose to 47,000, government figures show, and ...", ", the ministry's data showed."
    fn parenthetical_evidence(&self, i: usize, start: usize) -> bool {
        let t = self.t();
        i >= start + 3
            && EVIDENCE_NOUNS.contains(t.lower(i - 1))
            && (start..i - 1)
                .rev()
                .take(5)
                .take_while(|&k| {
                    matches!(t.kind(k), TokKind::Word | TokKind::Possessive) || t.is_punct(k, ",")
                })
                .find(|&k| t.is_punct(k, ","))
                .is_some_and(|k| k > start)
    }

    pub(super) fn followed_by_as_or_object_quote(&self, i: usize, r: &Range<usize>) -> bool {
        let t = self.t();
        // "called the plan \"a disaster\"": a quote within a few words.
        (i + 1..(i + 10).min(r.end)).any(|k| {
            t.kind(k) == TokKind::Quote && t.toks[k].has(crate::analysis::text::SPACE_BEFORE)
        }) && self.subject_token_before(i, r.start)
    }

    pub(super) fn clause_follows(&self, i: usize, r: &Range<usize>) -> bool {
        let t = self.t();
        i + 2 < r.end
            && t.kind(i + 1) == TokKind::Word
            && !matches!(
                t.lower(i + 1),
                "to" | "of" | "in" | "on" | "at" | "for" | "with" | "by" | "about"
            )
    }

    /// A study, poll, report or data as the subject of "shows", "found": such a noun within the
    /// clause before the verb ("a USA TODAY analysis of ... filings shows").
    pub(super) fn evidence_subject(&self, i: usize, start: usize) -> bool {
        let t = self.t();
        let floor = i.saturating_sub(14).max(start);
        (floor..i)
            .rev()
            // The clause ends at a semicolon, a colon or a new clause ("that", "because").
            .take_while(|&k| !matches!(t.lower(k), ";" | ":" | "that" | "which" | "because"))
            .any(|k| t.kind(k) == TokKind::Word && EVIDENCE_NOUNS.contains(t.lower(k)))
    }
}

/// What a cue word's neighbourhood says (see [`Ctx::accept`]).
#[derive(Clone, Copy)]
pub(super) struct CueFacts {
    pub(super) infinitive: bool,
    pub(super) is_passive: bool,
    pub(super) that_follows: bool,
    pub(super) quote_follows: bool,
    pub(super) quote_before: bool,
    pub(super) subject_before: bool,
    pub(super) to_follows: bool,
    pub(super) ambiguous_form: bool,
    pub(super) headline: bool,
    pub(super) ing_clause: bool,
}
