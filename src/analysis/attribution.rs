//! Attributions: source–cue–content relations ("Peskov said ...", "... , according to the
//! ministry", "\"...,\" said Ambassador Mohib"), who each source is, which quotes they speak, and
//! which sentences they source.

use crate::analysis::lexicon::lists::{
    ADVERBS as ADVERBS_LIST, BODY_NOUNS as BODY_NOUNS_LIST, DETERMINERS as DETERMINERS_LIST,
    NAMING, PERSON_ROLES as PERSON_ROLES_LIST, PRONOUNS as PRONOUNS_LIST,
};
use std::ops::Range;

use rustc_hash::FxHashMap;
use smallvec::smallvec;

use super::lexicon::{CueClass, CueForm, bits};
use super::people::People;
use super::quotes::QuoteMark;
use super::text::{ALLCAPS, CAP, TokKind};
use super::{
    Attribution, ClaimStatus, Doc, Quote, QuoteKind, SentenceKind, SourceKind, Span, Spans,
};

pub struct Found {
    pub attributions: Vec<Attribution>,
    pub quotes: Vec<Quote>,
    /// For each sentence: how well its claims are sourced, and by which attribution.
    pub sentence_sources: Vec<Option<(ClaimStatus, usize)>>,
}

crate::word_sets! {
    ADVERBS = ADVERBS_LIST;
    DETERMINERS = DETERMINERS_LIST;
    PRONOUNS = PRONOUNS_LIST;
    PERSON_ROLES = PERSON_ROLES_LIST;
    BODY_NOUNS = BODY_NOUNS_LIST;
}

/// The "source said" verbs that also name a thing: a noun use needs a determiner before it.
fn noun_use(doc: &Doc, i: usize, start: usize) -> bool {
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
                || matches!(
                    l,
                    "new"
                        | "latest"
                        | "recent"
                        | "previous"
                        | "annual"
                        | "final"
                        | "initial"
                        | "further"
                        | "separate"
                )
        }
        // "3 reports", but not "in 2010 said".
        TokKind::Number => !past,
        _ => false,
    }
}

/// A past-tense form: never a noun ("said", "called", "thought").
fn is_past(l: &str) -> bool {
    l.ends_with("ed")
        || matches!(
            l,
            "said"
                | "told"
                | "wrote"
                | "thought"
                | "felt"
                | "knew"
                | "understood"
                | "sought"
                | "found"
                | "shown"
                | "showed"
                | "written"
                | "sang"
        )
}

fn passive(doc: &Doc, i: usize, start: usize) -> bool {
    let t = &doc.t;
    let mut p = i;
    while p > start {
        p -= 1;
        let l = t.lower(p);
        if matches!(
            l,
            "was" | "were" | "been" | "being" | "is" | "are" | "be" | "get" | "got" | "gets"
        ) {
            return true;
        }
        if !matches!(
            l,
            "also"
                | "not"
                | "never"
                | "later"
                | "previously"
                | "widely"
                | "often"
                | "repeatedly"
                | "n't"
        ) {
            return false;
        }
    }
    false
}

#[derive(Clone, Debug)]
pub(super) struct Cue {
    tokens: Range<usize>,
    form: CueForm,
    according: bool,
    /// The source phrase found by position in the sentence ("Peskov said", "said Peskov",
    /// "according to the ministry"): the sentence-local part of finding a source.
    found: Option<Range<usize>>,
}

/// A sentence's cues: most sentences have none, one or two (inline, no allocation).
type Cues = smallvec::SmallVec<[Cue; 2]>;

/// What a sentence's own words give attribution: the attributions its cues and vague-source
/// phrases ("experts say") make, relative to its first token (as the incremental memo keeps
/// them), and the sentence's status from them.
#[derive(Clone, Debug, Default)]
pub(crate) struct SentenceAttrs {
    attrs: Vec<LocalAttr>,
    /// The best status the attributions give the sentence, and which gives it.
    best: Option<(ClaimStatus, u16)>,
}

impl SentenceAttrs {
    /// The same attributions and status (a check on what a memo kept).
    pub(crate) fn same_as(&self, o: &SentenceAttrs) -> bool {
        self.attrs == o.attrs && self.best == o.best
    }

    fn of(ctx: &Ctx, r: Range<usize>) -> SentenceAttrs {
        let mut cues = ctx.cues(r.clone());
        for c in &mut cues {
            c.found = ctx.positional_source(c, &r);
        }
        let vague = vague_phrases(ctx.doc, r.clone(), &ctx.in_quote);
        let (attrs, best) = local_attrs(ctx, &cues, &vague, &r);
        SentenceAttrs { attrs, best }
    }
}

/// An attribution as its sentence's words make it, with token positions relative to the
/// sentence's first token. What the words alone do not fix is kept as a reference and made
/// whole at each analysis: the person a token names (people are numbered over the story), a
/// subject or person shared with an earlier attribution of the sentence, a pronoun's person
/// (from the sentences before), and a quote's extent (it may run past the sentence).
#[derive(Clone, Debug, PartialEq)]
struct LocalAttr {
    cue: (i32, i32),
    class: CueClass,
    lemma: &'static str,
    source: SourceFrom,
    content: ContentFrom,
    person: PersonFrom,
    kind: SourceKind,
    described: bool,
    /// The cue is quoted (someone quoted attributing, not the story).
    quoted: bool,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum SourceFrom {
    None,
    Tokens(i32, i32),
    /// The source of the sentence's attribution number `.0` (a shared subject).
    Item(u16),
}

/// An attribution's content: tokens, or the inner text of the quote that opens or closes at a
/// token.
#[derive(Clone, Copy, Debug, PartialEq)]
enum ContentFrom {
    None,
    Tokens(i32, i32),
    Opening(i32),
    Closing(i32),
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum PersonFrom {
    None,
    /// Whoever the token names.
    Token(i32),
    /// The person of the sentence's attribution number `.0`.
    Item(u16),
    /// "he", "she": the first person named before it in the sentence (`earlier`, a token),
    /// else the story before decides (see [`find`]).
    Pronoun {
        earlier: Option<i32>,
    },
}

/// Token `k` relative to token `base`, and back.
fn rel(k: usize, base: usize) -> i32 {
    (k as isize - base as isize) as i32
}

fn abs(k: i32, base: usize) -> usize {
    (base as isize + k as isize) as usize
}

/// The bytes of content `c` (relative to token `base`), as the story has them now.
fn content_spans(ctx: &Ctx, c: ContentFrom, base: usize) -> Spans {
    let quote = |q: Option<&QuoteMark>| q.map(|q| q.inner).into_iter().collect();
    match c {
        ContentFrom::None => Spans::new(),
        ContentFrom::Tokens(a, b) => smallvec![ctx.doc.range_span(abs(a, base)..abs(b, base))],
        ContentFrom::Opening(k) => quote(ctx.quote_opening_at(abs(k, base))),
        ContentFrom::Closing(k) => quote(ctx.quote_closing_at(abs(k, base))),
    }
}

struct Ctx<'d, 'a> {
    doc: &'d Doc<'a>,
    people: &'d People,
    /// For each token: the index of the innermost quote holding it, or `u32::MAX`.
    in_quote: Vec<u32>,
    quotes: &'d [QuoteMark],
    /// The first quote (in `quotes` order) opening, and closing, at each token: a cue looks for
    /// the quote beside it, and a scan of every quote per cue grows with the square of a story.
    opens: FxHashMap<usize, usize>,
    closes: FxHashMap<usize, usize>,
}

impl<'d, 'a> Ctx<'d, 'a> {
    fn t(&self) -> &super::text::Tokens {
        &self.doc.t
    }

    fn quoted(&self, i: usize) -> bool {
        self.in_quote[i] != u32::MAX
    }

    fn quote_opening_at(&self, k: usize) -> Option<&'d QuoteMark> {
        self.opens.get(&k).map(|&q| &self.quotes[q])
    }

    fn quote_closing_at(&self, k: usize) -> Option<&'d QuoteMark> {
        self.closes.get(&k).map(|&q| &self.quotes[q])
    }

    /// The cues of sentence `s`.
    fn cues(&self, r: Range<usize>) -> Cues {
        let t = self.t();
        let mut out = Cues::new();
        let mut i = r.start;
        while i < r.end {
            if t.kind(i) != TokKind::Word {
                i += 1;
                continue;
            }
            let l = t.lower(i);
            if l == "according" && t.is(i + 1, "to") && i + 1 < r.end {
                out.push(Cue {
                    tokens: i..i + 2,
                    form: CueForm {
                        class: CueClass::Speech,
                        lemma: "according to",
                    },
                    according: true,
                    found: None,
                });
                i += 2;
                continue;
            }
            if self.quoted(i) {
                // Someone's quoted words: their own attributions are part of the quote.
                i += 1;
                continue;
            }
            if let Some(form) = self.doc.lex.cue_at(t, i)
                && self.accept(i, form, &r)
                && !self.first_person(i, form, r.start)
                && !self.in_anonymity_phrase(i, &r)
            {
                let mut end = i + 1;
                // Particles that belong to the cue: "called for", "pointed out".
                if matches!(form.lemma, "call" | "point" | "go")
                    && i + 1 < r.end
                    && matches!(t.lower(i + 1), "for" | "on" | "out" | "upon")
                {
                    end = i + 2;
                }
                out.push(Cue {
                    tokens: i..end,
                    form,
                    according: false,
                    found: None,
                });
                i = end;
                continue;
            }
            i += 1;
        }
        let headline = self
            .doc
            .sentences
            .get(self.doc.sentence_of[r.start] as usize)
            .is_some_and(|s| matches!(s.kind, SentenceKind::Headline | SentenceKind::Heading));
        self.punct_cues(r, headline, &mut out);
        out.sort_by_key(|c| c.tokens.start);
        out
    }

    /// "who asked not to be named", "not authorized to speak": part of describing a source.
    fn in_anonymity_phrase(&self, i: usize, r: &Range<usize>) -> bool {
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

    /// "I think", "you know", "we want": in news copy these are someone talking (a transcript,
    /// a quote whose marks we lost), not the story attributing.
    fn first_person(&self, i: usize, form: CueForm, start: usize) -> bool {
        let t = self.t();
        let Some(p) = self.skip_adverbs_left(i, start) else {
            return false;
        };
        matches!(t.lower(p), "i" | "you" | "we")
            && (matches!(form.class, CueClass::Thought | CueClass::Intention)
                || matches!(form.lemma, "say" | "tell" | "ask"))
    }

    /// Punctuation that attributes: a dash after a closing quote ("” ― Sonya Herridge") and a
    /// colon after a speaker's name at the start of a line ("PENCE: ...", "Poll: ...").
    fn punct_cues(&self, r: Range<usize>, headline: bool, out: &mut Cues) {
        let t = self.t();
        for i in r.clone() {
            if t.kind(i) != TokKind::Punct || self.quoted(i) {
                continue;
            }
            let l = t.lower(i);
            let dash = matches!(l, "\u{2015}" | "\u{2014}" | "--" | "-" | "\u{2013}");
            if dash && i > 0 && t.kind(i - 1) == TokKind::Quote && i + 1 < r.end && t.is_cap(i + 1)
            {
                out.push(Cue {
                    tokens: i..i + 1,
                    form: CueForm {
                        class: CueClass::Speech,
                        lemma: "dash",
                    },
                    according: false,
                    found: None,
                });
            } else if l == ":" {
                let mut s = r.start;
                while s < i && t.kind(s) == TokKind::Quote {
                    s += 1;
                }
                let n = i - s;
                let words = (s..i).all(|k| {
                    t.kind(k) == TokKind::Word && t.toks[k].has(CAP)
                        || t.kind(k) == TokKind::Possessive
                });
                let allcaps = (s..i).all(|k| t.toks[k].has(ALLCAPS));
                let person = (s..i).any(|k| self.people.at(k).is_some());
                let caption = matches!(
                    t.lower(s),
                    "image"
                        | "photo"
                        | "picture"
                        | "caption"
                        | "credit"
                        | "video"
                        | "file"
                        | "update"
                        | "note"
                        | "editor"
                        | "correction"
                        | "related"
                        | "read"
                        | "watch"
                        | "source"
                        | "sources"
                );
                if (1..=4).contains(&n) && words && !caption && (allcaps || person || headline) {
                    out.push(Cue {
                        tokens: i..i + 1,
                        form: CueForm {
                            class: CueClass::Speech,
                            lemma: "colon",
                        },
                        according: false,
                        found: None,
                    });
                }
            }
        }
    }

    /// Whether the cue word at `i` is used as a verb of attribution here.
    fn accept(&self, i: usize, form: CueForm, r: &Range<usize>) -> bool {
        let t = self.t();
        let l = t.lower(i);
        let next = |k: usize| if i + k < r.end { t.lower(i + k) } else { "" };
        if t.toks[i].has(CAP) && i > r.start && !matches!(t.kind(i - 1), TokKind::Quote) {
            // "Post", "Report" in a name; but a title-case headline's "Graham Says".
            let sentence = &self.doc.sentences[self.doc.sentence_of[i] as usize];
            let headline_verb = matches!(
                sentence.kind,
                SentenceKind::Headline | SentenceKind::Heading
            ) && matches!(
                l,
                "says"
                    | "shows"
                    | "finds"
                    | "reveals"
                    | "said"
                    | "tells"
                    | "told"
                    | "warns"
                    | "warned"
                    | "claims"
                    | "admits"
                    | "denies"
                    | "calls"
                    | "urges"
                    | "insists"
                    | "predicts"
                    | "asks"
                    | "wants"
                    | "believes"
                    | "thinks"
                    | "slams"
                    | "blasts"
            );
            if !self.quoted(i) && t.toks[i - 1].has(CAP) && !headline_verb {
                return false;
            }
        }
        if noun_use(self.doc, i, r.start) {
            return false;
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
        if matches!(
            l,
            "tweets"
                | "claims"
                | "plans"
                | "reports"
                | "calls"
                | "attacks"
                | "questions"
                | "states"
                | "answers"
                | "comments"
                | "posts"
                | "charges"
                | "demands"
                | "promises"
                | "warns"
                | "notes"
                | "supports"
                | "hopes"
                | "fears"
                | "doubts"
                | "votes"
                | "backs"
        ) {
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
                return false;
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
            && matches!(
                t.lower(i - 1),
                "by" | "for"
                    | "after"
                    | "before"
                    | "while"
                    | "and"
                    | "in"
                    | "without"
                    | "is"
                    | "was"
                    | "are"
                    | "were"
                    | "been"
                    | "also"
                    | "repeatedly"
                    | "publicly"
                    | "then"
                    | "begins"
                    | "began"
                    | "started"
                    | "kept"
            )
            && !matches!(next(1), "" | "." | "," | "to" | "of");
        match form.class {
            CueClass::Loaded => {
                // "claimed responsibility", "claimed the lives of", "claimed victory": not speech.
                let taking =
                    matches!(
                        next(1),
                        "responsibility"
                            | "lives"
                            | "victory"
                            | "credit"
                            | "asylum"
                            | "benefits"
                            | "ownership"
                            | "title"
                            | "seat"
                            | "seats"
                    ) || (matches!(next(1), "the" | "a" | "his" | "her" | "their" | "its")
                        && matches!(
                            next(2),
                            "lives"
                                | "life"
                                | "title"
                                | "seat"
                                | "crown"
                                | "victory"
                                | "prize"
                                | "throne"
                                | "record"
                                | "top"
                                | "win"
                                | "land"
                                | "territory"
                        ));
                if form.lemma == "claim" && taking {
                    return false;
                }
                if form.lemma == "admit"
                    && (matches!(next(1), "into" | "in")
                        || (next(1) == "to" && matches!(next(2), "hospital" | "the")))
                {
                    return false;
                }
                // "an asylum claim", "his claims": the noun; the verb takes a clause or a quote.
                if ambiguous_form && !(that_follows || quote_follows || to_follows || quote_before)
                {
                    return false;
                }
                !is_passive
                    && !infinitive
                    && (that_follows
                        || quote_follows
                        || quote_before
                        || subject_before
                        || to_follows)
            }
            CueClass::Speech => {
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
                    "say" | "tell" | "add" | "write" | "tweet" | "announce" | "note"
                    | "explain" | "declare" | "state" | "warn" | "argue" | "report" | "recall"
                    | "reply" | "respond" | "testify" | "acknowledge" | "confirm" | "deny"
                    | "insist" | "predict" | "estimate" | "urge" | "reiterate" | "concede"
                    | "emphasize" | "emphasise" | "stress" | "contend" | "assert" | "remark"
                    | "quip" | "retort" => {
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
                                && !matches!(
                                    next(2),
                                    "press"
                                        | "news"
                                        | "meeting"
                                        | "conference"
                                        | "election"
                                        | "vote"
                                        | "halt"
                                        | "strike"
                                        | "recess"
                                        | "timeout"
                                        | "snap"
                                        | "special"
                                        | "referendum"
                                )
                                && (i + 2..(i + 8).min(r.end)).any(|k| {
                                    matches!(t.lower(k), "a" | "an") || t.kind(k) == TokKind::Quote
                                }))
                            || self.followed_by_as_or_object_quote(i, r)
                    }
                    "point" => next(1) == "out" || next(1) == "to" && subject_before,
                    "continue" => quote_follows || quote_before,
                    "describe" => {
                        (1..=8).any(|k| next(k) == "as") && (subject_before || quote_before)
                    }
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
                                    t.lower(k) == "to"
                                        || t.lower(k) == "about"
                                        || t.lower(k) == "whether"
                                }))
                    }
                    _ => {
                        (that_follows || quote_follows || quote_before)
                            || (subject_before
                                && !ambiguous_form
                                && !matches!(next(1), "" | "." | ","))
                    }
                }
            }
            CueClass::Thought if form.lemma == "expect" && is_passive && to_follows => true,
            CueClass::Thought => {
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
            CueClass::Intention => {
                let stance = matches!(
                    form.lemma,
                    "support"
                        | "oppose"
                        | "endorse"
                        | "back"
                        | "reject"
                        | "favor"
                        | "favour"
                        | "prefer"
                );
                // "Russia and China support the government": a stance verb with an object.
                let object_follows = i + 1 < r.end
                    && (t.toks[i + 1].has(CAP)
                        || matches!(
                            next(1),
                            "the"
                                | "a"
                                | "an"
                                | "his"
                                | "her"
                                | "their"
                                | "its"
                                | "this"
                                | "that"
                                | "these"
                                | "those"
                        ));
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
            CueClass::Evidence => {
                // "He shows no respect": a pronoun's "shows" is behaviour, not evidence; a named
                // researcher's "found" is ("a study by Justin Levitt found 31 incidents").
                let person_subject = self.skip_adverbs_left(i, r.start).is_some_and(|p| {
                    matches!(t.lower(p), "he" | "she" | "i" | "you" | "we" | "they")
                });
                !infinitive
                    && !is_passive
                    && !person_subject
                    && (that_follows || self.evidence_subject(i, r.start))
                    && (quote_follows || !matches!(next(1), "" | "." | "," | "up" | "off"))
            }
        }
    }

    fn followed_by_as_or_object_quote(&self, i: usize, r: &Range<usize>) -> bool {
        let t = self.t();
        // "called the plan \"a disaster\"": a quote within a few words.
        (i + 1..(i + 10).min(r.end))
            .any(|k| t.kind(k) == TokKind::Quote && t.toks[k].has(super::text::SPACE_BEFORE))
            && self.subject_token_before(i, r.start)
    }

    fn clause_follows(&self, i: usize, r: &Range<usize>) -> bool {
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
    fn evidence_subject(&self, i: usize, start: usize) -> bool {
        let t = self.t();
        let floor = i.saturating_sub(14).max(start);
        (floor..i)
            .rev()
            // The clause ends at a semicolon, a colon or a new clause ("that", "because").
            .take_while(|&k| !matches!(t.lower(k), ";" | ":" | "that" | "which" | "because"))
            .any(|k| {
                t.kind(k) == TokKind::Word
                    && matches!(
                        t.lower(k),
                        "study"
                            | "studies"
                            | "poll"
                            | "polls"
                            | "survey"
                            | "surveys"
                            | "report"
                            | "reports"
                            | "data"
                            | "research"
                            | "figures"
                            | "numbers"
                            | "statistics"
                            | "analysis"
                            | "average"
                            | "review"
                            | "audit"
                            | "investigation"
                            | "inquiry"
                            | "transcript"
                            | "video"
                            | "footage"
                            | "records"
                            | "documents"
                            | "filings"
                            | "census"
                            | "results"
                            | "evidence"
                            | "tests"
                            | "test"
                            | "experiment"
                            | "trial"
                            | "model"
                            | "index"
                            | "tally"
                            | "count"
                            | "estimate"
                            | "estimates"
                            | "report's"
                            | "paper"
                            | "letter"
                            | "memo"
                            | "email"
                            | "emails"
                            | "scientists"
                            | "researchers"
                            | "authors"
                            | "investigators"
                            | "economists"
                            | "analysts"
                    )
            })
    }

    fn skip_adverbs_left(&self, i: usize, start: usize) -> Option<usize> {
        let t = self.t();
        let mut p = i;
        while p > start {
            p -= 1;
            if t.kind(p) == TokKind::Word && ADVERBS.contains(t.lower(p)) {
                continue;
            }
            if t.kind(p) == TokKind::Word && (super::text::is_weekday(t.lower(p))) {
                continue;
            }
            if t.kind(p) == TokKind::Punct
                && t.lower(p) == ","
                && p > start
                && t.kind(p - 1) == TokKind::Word
                && ADVERBS.contains(t.lower(p - 1))
            {
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
    fn subject_token_before(&self, i: usize, start: usize) -> bool {
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
                !matches!(
                    l,
                    "to" | "of"
                        | "in"
                        | "on"
                        | "at"
                        | "for"
                        | "with"
                        | "by"
                        | "about"
                        | "and"
                        | "or"
                        | "but"
                        | "that"
                        | "which"
                        | "as"
                        | "than"
                        | "if"
                        | "when"
                        | "while"
                        | "because"
                        | "so"
                        | "what"
                        | "where"
                        | "how"
                        | "why"
                        | "there"
                        | "here"
                        | "not"
                        | "into"
                        | "from"
                        | "the"
                        | "a"
                        | "an"
                ) && self.doc.lex.cue_at(t, p).is_none()
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
    fn appositive_subject(&self, comma: usize, start: usize) -> Option<usize> {
        let t = self.t();
        let mut k = comma;
        let floor = comma.saturating_sub(16).max(start);
        while k > floor {
            k -= 1;
            if t.kind(k) == TokKind::Quote
                || (t.kind(k) == TokKind::Punct && matches!(t.lower(k), "." | ";" | ":"))
            {
                return None;
            }
            if t.is_punct(k, ",") {
                if k > start && self.people.at(k - 1).is_some() && k + 1 < comma {
                    return Some(k - 1);
                }
                if k > start
                    && t.kind(k - 1) == TokKind::Word
                    && t.toks[k - 1].has(CAP)
                    && !t.toks[k - 1].has(ALLCAPS)
                {
                    return Some(k - 1);
                }
                return None;
            }
        }
        None
    }

    /// The capitalised words from `s`: a name after a quote dash.
    fn name_run(&self, s: usize, end: usize) -> Range<usize> {
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
    fn positional_source(&self, cue: &Cue, r: &Range<usize>) -> Option<Range<usize>> {
        let t = self.t();
        let mut source = match cue.form.lemma {
            "dash" => Some(self.name_run(cue.tokens.end, r.end)),
            "colon" => {
                let mut s0 = r.start;
                while s0 < cue.tokens.start && t.kind(s0) == TokKind::Quote {
                    s0 += 1;
                }
                Some(s0..cue.tokens.start)
            }
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
    fn coordinated(&self, i: usize, start: usize) -> bool {
        self.skip_adverbs_left(i, start)
            .is_some_and(|p| matches!(self.t().lower(p), "and" | "but" | "or"))
    }

    fn quote_or_comma_before(&self, i: usize, start: usize) -> bool {
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
    fn left_source(&self, cue: &Cue, start: usize) -> Option<Range<usize>> {
        let t = self.t();
        let p = self.skip_adverbs_left(cue.tokens.start, start)?;
        if t.is_punct(p, ",") {
            // "The port's chief executive, Tomás Ibáñez, called ...": the name before the comma.
            if p > start && self.people.at(p - 1).is_some() {
                return Some(self.np_left(p, start));
            }
            let name = self.appositive_subject(p, start)?;
            return Some(self.np_left(name + 1, start));
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

    /// What a relative pronoun at `rel` refers to: the name or noun phrase before it.
    fn antecedent(&self, rel: usize, start: usize) -> Option<Range<usize>> {
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
    fn clause_subject(&self, cue: usize, start: usize) -> Option<Range<usize>> {
        let t = self.t();
        if let Some(p) = (start..cue)
            .rev()
            .find(|&k| self.people.at(k).is_some() && !self.quoted(k))
        {
            let mut s = p;
            while s > start && self.people.at(s - 1) == self.people.at(p) {
                s -= 1;
            }
            return Some(s..p + 1);
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
    fn np_left(&self, end: usize, start: usize) -> Range<usize> {
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
                    (matches!(
                        l,
                        "that"
                            | "which"
                            | "and"
                            | "or"
                            | "but"
                            | "because"
                            | "when"
                            | "while"
                            | "if"
                            | "as"
                            | "than"
                            | "so"
                            | "where"
                            | "after"
                            | "before"
                            | "since"
                            | "although"
                            | "though"
                            | "to"
                            | "said"
                            | "says"
                            | "told"
                            | "with"
                            | "by"
                            | "in"
                            | "on"
                            | "at"
                            | "from"
                            | "into"
                            | "about"
                            | "against"
                            | "over"
                            | "under"
                            | "during"
                            | "until"
                            | "like"
                            | "also"
                    ) && !(l == "of" || l == "for"))
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
        s..end
    }

    /// The source after an inverted cue: '"...," said Ambassador Mohib.', 'according to X'.
    fn right_source(&self, cue: &Cue, start: usize, end: usize) -> Option<Range<usize>> {
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
            if !(t.toks[s].has(CAP)
                || PRONOUNS.contains(l)
                || (DETERMINERS.contains(l) && role_soon)
                || PERSON_ROLES.contains(l))
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
                        && (matches!(
                            l,
                            "that"
                                | "in"
                                | "on"
                                | "at"
                                | "during"
                                | "after"
                                | "before"
                                | "when"
                                | "while"
                                | "and"
                                | "but"
                                | "because"
                                | "to"
                                | "is"
                                | "was"
                                | "are"
                                | "were"
                                | "has"
                                | "have"
                                | "had"
                                | "will"
                                | "would"
                                | "said"
                                | "says"
                                | "last"
                                | "this"
                                | "yesterday"
                                | "today"
                        ) || (!cue.according && self.doc.lex.cue_at(t, e).is_some()))
                }
                TokKind::Punct => !matches!(t.lower(e), "-" | "&"),
                TokKind::Quote => true,
                _ => false,
            };
            if stop {
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

    /// What kind of source a noun phrase is, the token that names its person (if one does),
    /// and whether an anonymous source is described.
    fn classify(&self, np: &Range<usize>, quoted: bool) -> (SourceKind, Option<usize>, bool) {
        let t = self.t();
        if let Some(k) = np.clone().rev().find(|&i| self.people.at(i).is_some()) {
            return (SourceKind::Named, Some(k), false);
        }
        // The head noun: the last word before a relative clause ("a senior official who ...").
        let (mut n_words, mut head_i, mut relative) = (0, None, false);
        for i in np.clone().filter(|&i| t.kind(i) == TokKind::Word) {
            n_words += 1;
            relative = relative || matches!(t.lower(i), "who" | "whose");
            if !relative {
                head_i = Some(i);
            }
        }
        let Some(head_i) = head_i else {
            return (SourceKind::Vague, None, false);
        };
        let head = t.lower(head_i);
        if n_words == 1 && PRONOUNS.contains(head) {
            return match head {
                "i" | "we" if !quoted => (SourceKind::Reporter, None, false),
                _ => (SourceKind::Pronoun, None, false),
            };
        }
        // The description may follow the phrase: "said another worker, who gave only ...".
        let mut tail = np.end;
        if t.is_punct(tail, ",") && matches!(t.lower(tail + 1), "who" | "speaking" | "whose") {
            let sentence_end = self
                .doc
                .sentences
                .get(self.doc.sentence_of[np.start] as usize)
                .map_or(np.end, |s| s.tokens.end);
            tail = (tail + 14).min(sentence_end);
        }
        // Lowercased (a copy) only when it can matter: a lowercase copy holds "this" only where
        // the text has it in some case (no other character lowercases to those letters), and it
        // is "wikinews" only if the text is short and starts with a "w".
        let raw = self.doc.range_text(np.start..tail);
        let b = raw.as_bytes();
        if (b.windows(4).any(|w| w.eq_ignore_ascii_case(b"this"))
            || (b.len() <= 24 && matches!(b.first(), Some(b'w' | b'W'))))
            && {
                let text = raw.to_lowercase();
                text.contains("this reporter")
                    || text.contains("this correspondent")
                    || text == "wikinews"
            }
        {
            return (SourceKind::Reporter, None, false);
        }
        let described = (np.start..tail).any(|k| {
            t.has_bits(k, bits::ANONYMOUS)
                && self
                    .doc
                    .lex
                    .base
                    .anonymous_markers
                    .match_at(k, tail, |j| t.lower(j))
                    > 0
        });
        // A capital that only starts the sentence ("Experts say") does not make a name.
        let proper = np.clone().any(|i| {
            t.kind(i) == TokKind::Word
                && t.toks[i].has(CAP)
                && !(DETERMINERS.contains(t.lower(i))
                    || (self.sentence_start(i) && self.doc.lex.is_common(t.lower(i))))
        });
        let first = t.lower(np.start);
        let singular_det = matches!(
            first,
            "a" | "an" | "one" | "another" | "the" | "two" | "three" | "several" | "some"
        );
        let role_head =
            PERSON_ROLES.contains(head) || PERSON_ROLES.contains(head.trim_end_matches('s'));
        if described && role_head {
            return (SourceKind::Anonymous, None, true);
        }
        if self.doc.lex.is_vague_head(head)
            && !proper
            && (n_words <= 2 || matches!(first, "some" | "many" | "most" | "other" | "others"))
            && !matches!(first, "the" | "a" | "an" | "another" | "one")
        {
            return (SourceKind::Vague, None, false);
        }
        if role_head && !proper && singular_det && n_words <= 6 {
            return (SourceKind::Anonymous, None, described);
        }
        if proper || BODY_NOUNS.contains(head) || self.doc.lex.is_org_word(head) {
            return (SourceKind::Organisation, None, false);
        }
        if self.doc.lex.is_vague_head(head) {
            return (SourceKind::Vague, None, false);
        }
        // A definite description of someone in the story ("the team's coach", "both leaders").
        (SourceKind::Organisation, None, false)
    }

    fn sentence_start(&self, i: usize) -> bool {
        let si = self.doc.sentence_of[i];
        if si == u32::MAX {
            return false;
        }
        let r = &self.doc.sentences[si as usize].tokens;
        // Opening quotes, dashes, bullets and emoji before the first word do not count.
        (r.start..i).all(|k| matches!(self.t().kind(k), TokKind::Quote | TokKind::Punct))
    }
}

/// Where vague phrases ("reportedly", "it is believed") stand in a sentence's tokens.
fn vague_phrases(doc: &Doc, r: Range<usize>, in_quote: &[u32]) -> Vec<Range<usize>> {
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
        if n > 0 {
            out.push(i..i + n);
            i += n;
        } else {
            i += 1;
        }
    }
    out
}

/// Where a sentence's own attributions may already be known (the incremental memo is one
/// such place). The stage asks; it does not know who answers.
pub(crate) trait CueMemo {
    /// What a sentence's attributions read of the story around its words: which quote each
    /// token is in, which person it names, where quotes open and close. Told once an analysis,
    /// before any [`CueMemo::cues`].
    fn cue_context(
        &mut self,
        in_quote: &[u32],
        tok_person: &[u32],
        opens: &mut dyn Iterator<Item = usize>,
        closes: &mut dyn Iterator<Item = usize>,
    );
    /// The attributions sentence `si`'s words make, relative to its first token: kept ones, or
    /// `fresh()`'s.
    fn cues(
        &mut self,
        doc: &Doc,
        si: usize,
        fresh: &mut dyn FnMut() -> SentenceAttrs,
    ) -> &SentenceAttrs;
}

/// Finds the attributions of the document, asking `memo` for each sentence's own.
pub(crate) fn find(
    doc: &Doc,
    marks: &[QuoteMark],
    people: &People,
    mut memo: Option<&mut dyn CueMemo>,
) -> Found {
    let t = &doc.t;
    let mut in_quote = vec![u32::MAX; t.len()];
    // Outer quotes first, so nested ones overwrite with the innermost.
    let mut order: Vec<usize> = (0..marks.len()).collect();
    order.sort_by_key(|&q| marks[q].nested);
    for &qi in &order {
        for i in marks[qi].tokens.clone() {
            in_quote[i] = qi as u32;
        }
        in_quote[marks[qi].open_tok] = qi as u32;
        if let Some(c) = marks[qi].close_tok {
            in_quote[c] = qi as u32;
        }
    }
    // Sized up front: a long story has thousands of quotes, and growing rehashed each map
    // several times at every keystroke.
    let sized = || FxHashMap::with_capacity_and_hasher(marks.len(), Default::default());
    let (mut opens, mut closes) = (sized(), sized());
    for (qi, q) in marks.iter().enumerate() {
        opens.entry(q.open_tok).or_insert(qi);
        if let Some(c) = q.close_tok {
            closes.entry(c).or_insert(qi);
        }
    }
    let ctx = Ctx {
        doc,
        people,
        in_quote,
        quotes: marks,
        opens,
        closes,
    };
    let mut attributions: Vec<Attribution> = Vec::with_capacity(doc.sentences.len());
    let mut quote_attr: Vec<Option<usize>> = vec![None; marks.len()];
    let mut sentence_sources: Vec<Option<(ClaimStatus, usize)>> = vec![None; doc.sentences.len()];
    // The quotes that touch each sentence, so that each sentence looks only at its own.
    let by_sentence = Buckets::new(
        doc.sentences.len(),
        marks.iter().map(|q| {
            let qs = doc.sentence_of[q.open_tok] as usize;
            let qe = doc.sentence_of[q.tokens.end.saturating_sub(1).max(q.open_tok)] as usize;
            qs..qe.max(qs) + 1
        }),
    );
    // Buffers reused from sentence to sentence.
    let mut near: Vec<usize> = Vec::new();
    // What the sentences' attributions read of the story around their words.
    if let Some(m) = memo.as_deref_mut() {
        m.cue_context(
            &ctx.in_quote,
            &people.tok_person,
            &mut ctx.opens.keys().copied(),
            &mut ctx.closes.keys().copied(),
        );
    }
    let mut sent_attrs: Vec<usize> = Vec::new();
    let mut last_person: Option<usize> = None;
    let mut last_speaker: Option<(usize, usize)> = None; // (person, sentence)

    for (si, s) in doc.sentences.iter().enumerate() {
        if matches!(s.kind, SentenceKind::Dateline | SentenceKind::Byline) {
            continue;
        }
        let r = s.tokens.clone();
        let first_attr = attributions.len();
        // The sentence's own attributions as its words make them (relative to its first token).
        let owned;
        let own: &SentenceAttrs = match memo.as_deref_mut() {
            None => {
                owned = SentenceAttrs::of(&ctx, r.clone());
                &owned
            }
            Some(m) => m.cues(doc, si, &mut || SentenceAttrs::of(&ctx, r.clone())),
        };
        // Made whole: spans in bytes, persons and quotes as the story has them now.
        let tok = |k: i32| abs(k, r.start);
        let span = |(a, b): (i32, i32)| doc.range_span(tok(a)..tok(b));
        for l in &own.attrs {
            let source = match l.source {
                SourceFrom::None => None,
                SourceFrom::Tokens(a, b) => Some(span((a, b))),
                SourceFrom::Item(j) => attributions[first_attr + j as usize].source,
            };
            let content = content_spans(&ctx, l.content, r.start);
            let person = match l.person {
                PersonFrom::None => None,
                PersonFrom::Token(k) => people.at(tok(k)),
                PersonFrom::Item(j) => attributions[first_attr + j as usize].person,
                PersonFrom::Pronoun { earlier } => {
                    // The first person named before the pronoun in its sentence, else the
                    // previous sentence's source, else the first person it names (usually
                    // its subject), else the last speaker, else the last person named.
                    let prev = si.checked_sub(1);
                    let prev_source = || {
                        prev.and_then(|ps| {
                            attributions
                                .iter()
                                .rev()
                                .take_while(|x| x.sentence >= ps)
                                .find(|x| x.sentence == ps && x.person.is_some())
                                .and_then(|x| x.person)
                        })
                    };
                    let prev_first = || {
                        prev.and_then(|ps| {
                            doc.sentences[ps].tokens.clone().find_map(|k| people.at(k))
                        })
                    };
                    earlier
                        .and_then(|k| people.at(tok(k)))
                        .or_else(prev_source)
                        .or_else(prev_first)
                        .or(last_speaker
                            .filter(|(_, ssi)| si - *ssi <= 3)
                            .map(|(p, _)| p))
                        .or(last_person)
                }
            };
            attributions.push(Attribution {
                cue: span(l.cue),
                class: l.class,
                lemma: l.lemma,
                source,
                content,
                person,
                kind: l.kind,
                described: l.described,
                sentence: si,
            });
            if let Some(p) = person
                && !l.quoted
                && l.class.sources_claims()
            {
                last_speaker = Some((p, si));
            }
        }
        // Sentence status from its own attributions.
        sentence_sources[si] = own.best.map(|(st, k)| (st, first_attr + k as usize));
        if let Some(p) = last_person_in(people, &r) {
            last_person = Some(p);
        }
        if !own.attrs.iter().any(|l| l.class.sources_claims()) {
            // No attribution here can take a quote (below).
            continue;
        }
        // A quote that is an attribution's content is that source's ('X said: "..."', also
        // when the quote opens the next paragraph).
        // A content quote may sit in the sentence before ('"..." - Matthew Ingram'), this one,
        // or the next ('Rathbun stated,' then the quote's paragraph).
        near.clear();
        near.extend(
            si.checked_sub(1)
                .and_then(|p| by_sentence.get(p))
                .into_iter()
                .chain(by_sentence.get(si))
                .chain(by_sentence.get(si + 1))
                .flatten()
                .copied(),
        );
        #[allow(clippy::needless_range_loop)] // `attributions` is indexed to record which one
        for a in first_attr..attributions.len() {
            if !attributions[a].class.sources_claims() {
                continue;
            }
            for &qi in &near {
                let q = &marks[qi];
                if quote_attr[qi].is_none()
                    && !q.nested
                    && attributions[a].content.contains(&q.inner)
                {
                    quote_attr[qi] = Some(a);
                }
            }
        }
        // Quotes in this sentence take their speaker from its speech attributions.
        sent_attrs.clear();
        sent_attrs.extend((first_attr..attributions.len()).filter(|&a| {
            attributions[a].class.sources_claims()
                && has_source(attributions[a].source, attributions[a].kind)
                && !own.attrs[a - first_attr].quoted
        }));
        for &qi in by_sentence.get(si).into_iter().flatten() {
            let q = &marks[qi];
            if q.nested || quote_attr[qi].is_some() {
                continue;
            }
            {
                if let Some(&a) = sent_attrs.iter().min_by_key(|&&a| {
                    let c = attributions[a].cue;
                    c.start
                        .abs_diff(q.span.end)
                        .min(c.end.abs_diff(q.span.start))
                }) {
                    quote_attr[qi] = Some(a);
                    if !attributions[a].content.iter().any(|c| c.overlaps(&q.inner)) {
                        attributions[a].content.push(q.inner);
                    }
                }
            }
        }
    }

    // Carry-over: a quote's attribution covers every sentence of the quote, and a sentence that
    // is only a quote, right after an attributed quote in the same paragraph, is the same speaker's.
    for (qi, q) in marks.iter().enumerate() {
        let Some(a) = quote_attr[qi] else { continue };
        let qs = doc.sentence_of[q.open_tok] as usize;
        let qe = doc.sentence_of[q.tokens.end.saturating_sub(1).max(q.open_tok)] as usize;
        for src in &mut sentence_sources[qs..=qe.min(doc.sentences.len() - 1)] {
            if src.is_none() {
                *src = Some((status_of(attributions[a].kind), a));
            }
        }
    }
    for qi in 0..marks.len() {
        if quote_attr[qi].is_some() || marks[qi].nested {
            continue;
        }
        let q = &marks[qi];
        let si = doc.sentence_of[q.open_tok] as usize;
        let sent = &doc.sentences[si];
        let starts_sentence = sent.tokens.start == q.open_tok;
        if !starts_sentence || si == 0 {
            continue;
        }
        let prev = si - 1;
        if doc.sentences[prev].paragraph != sent.paragraph && !q.continued {
            // A new paragraph that is only a quote continues the speaker of the quote that
            // closed the previous paragraph ('"...," said Ambassador Mohib.' then '"They ...').
            let para = &doc.paragraphs[sent.paragraph];
            let whole_para = doc.sentences[para.sentences.end - 1].tokens.end <= q.tokens.end + 1;
            let prev_sentence_quoted =
                by_sentence[prev]
                    .iter()
                    .map(|&k| (k, &marks[k]))
                    .any(|(k, m)| {
                        let first = doc.sentence_of[m.open_tok] as usize;
                        let last = doc.sentence_of[m.tokens.end.saturating_sub(1).max(m.open_tok)]
                            as usize;
                        k != qi
                            && !m.nested
                            && quote_attr[k].is_some()
                            && first <= prev
                            && prev <= last
                    });
            if !(whole_para && prev_sentence_quoted) {
                continue;
            }
        }
        // The previous sentence's quote speaker carries on; so does a person it attributes
        // speech to ('Heald noted the findings show ... "An air-quality cleanup ..."').
        let prev_attr = by_sentence[prev]
            .iter()
            .copied()
            .filter(|&k| k != qi && !marks[k].nested)
            .filter(|&k| {
                doc.sentence_of[marks[k].open_tok] as usize == prev
                    || doc.sentence_of[marks[k].tokens.end.saturating_sub(1).max(marks[k].open_tok)]
                        as usize
                        == prev
            })
            .find_map(|k| quote_attr[k])
            .or_else(|| {
                (doc.sentences[prev].paragraph == sent.paragraph)
                    .then(|| {
                        let a0 = attributions.partition_point(|x| x.sentence < prev);
                        attributions[a0..]
                            .iter()
                            .take_while(|x| x.sentence == prev)
                            .position(|x| {
                                matches!(x.class, CueClass::Speech | CueClass::Loaded)
                                    && matches!(x.kind, SourceKind::Named | SourceKind::Pronoun)
                                    && x.person.is_some()
                            })
                            .map(|k| a0 + k)
                    })
                    .flatten()
            });
        if let Some(a) = prev_attr {
            quote_attr[qi] = Some(a);
            attributions[a].content.push(q.inner);
            let qe = doc.sentence_of[q.tokens.end.saturating_sub(1).max(q.open_tok)] as usize;
            for src in &mut sentence_sources[si..=qe.max(si).min(doc.sentences.len() - 1)] {
                if src.is_none() {
                    *src = Some((status_of(attributions[a].kind), a));
                }
            }
        }
    }

    // The outer (not nested) quotes, indexed by span: a nested quote finds those around it.
    let outer = crate::analysis::index::SpanIndex::new(
        marks
            .iter()
            .enumerate()
            .filter(|(_, q)| !q.nested)
            .map(|(k, q)| (k, q.span)),
    );
    let quotes = marks
        .iter()
        .enumerate()
        .map(|(qi, q)| {
            let attribution = quote_attr[qi].or_else(|| {
                // A nested quote belongs to whoever speaks the quote around it (the first such
                // quote in document order that has a speaker).
                if !q.nested {
                    return None;
                }
                outer
                    .holding(q.span)
                    .filter(|&k| k != qi && quote_attr[k].is_some())
                    .min()
                    .and_then(|k| quote_attr[k])
            });
            let speaker = attribution.and_then(|a| attributions[a].person);
            let kind = quote_kind(&ctx, q, attribution.is_some());
            Quote {
                span: q.span,
                inner: q.inner,
                kind,
                speaker,
                attribution,
                nested: q.nested,
                continued: q.continued,
                words: q.words,
                tokens: q.tokens.clone(),
            }
        })
        .collect();
    Found {
        attributions,
        quotes,
        sentence_sources,
    }
}

/// The attributions sentence `r`'s cues and vague phrases make, as far as its words decide
/// (see [`LocalAttr`]), and the sentence's status from them: what a cue's source is (by
/// position, a shared subject, the clause's subject), what kind of source, what is attributed;
/// cues with no source worth reporting, and thoughts nested in what someone said, are left out.
fn local_attrs(
    ctx: &Ctx,
    cues: &[Cue],
    vague: &[Range<usize>],
    r: &Range<usize>,
) -> (Vec<LocalAttr>, Option<(ClaimStatus, u16)>) {
    let (t, doc, people) = (ctx.t(), ctx.doc, ctx.people);
    let base = r.start;
    let mut out: Vec<LocalAttr> = Vec::new();
    // Each attribution's cue, source and content in bytes (for the checks between them).
    let mut made: Vec<(Span, Option<Span>, Spans)> = Vec::new();
    for cue in cues {
        let quoted = ctx.quoted(cue.tokens.start);
        let mut source = cue.found.clone();
        // A verb coordinated with an earlier one shares its subject: "Trump agreed that ...
        // and conceded that ...".
        let mut shared: Option<usize> = None;
        if source.is_none() && !cue.according && ctx.coordinated(cue.tokens.start, r.start) {
            shared = (0..made.len()).rev().find(|&a| made[a].1.is_some());
        }
        let cue_word = t.lower(cue.tokens.start);
        if source.is_none()
            && shared.is_none()
            && !cue.according
            && (ctx.coordinated(cue.tokens.start, r.start)
                || cue_word.ends_with("ing")
                || cue.tokens.start == r.start)
        {
            source = ctx.clause_subject(cue.tokens.start, r.start).or_else(|| {
                // "Asked about X, Clinton said": the subject after the comma.
                (cue.tokens.start == r.start)
                    .then(|| {
                        (cue.tokens.end..r.end)
                            .find(|&k| people.at(k).is_some())
                            .map(|k| k..k + 1)
                    })
                    .flatten()
            });
            if cue.tokens.start == r.start && source.is_none() {
                source = ctx.name_run(cue.tokens.end, r.end).into();
            }
        }
        if source.as_ref().is_some_and(|sr| sr.is_empty()) {
            source = None;
        }
        // A noun phrase inside a quote is the quoted speaker's, not this cue's, unless the
        // cue itself is inside the same quote.
        if let Some(sr) = &source
            && ctx.in_quote[sr.start] != ctx.in_quote[cue.tokens.start]
        {
            source = None;
        }
        let (mut kind, mut person, described) = match (&source, shared) {
            (Some(sr), _) => {
                let (kind, named, described) = ctx.classify(sr, quoted);
                let person = named.map_or(PersonFrom::None, |k| PersonFrom::Token(rel(k, base)));
                (kind, person, described)
            }
            (None, Some(a)) => (out[a].kind, PersonFrom::Item(a as u16), out[a].described),
            (None, None) => (SourceKind::Vague, PersonFrom::None, false),
        };
        if source.is_none() && shared.is_none() {
            // A cue with no source we can find: an intention or thought verb without one is
            // not worth reporting; a speech verb is a vague attribution only if clearly verbal.
            if !matches!(cue.form.class, CueClass::Speech | CueClass::Loaded) || cue.according {
                continue;
            }
            if !ctx.quote_or_comma_before(cue.tokens.start, r.start) {
                continue;
            }
            kind = SourceKind::Pronoun;
        }
        if kind == SourceKind::Pronoun {
            let pr = source.as_ref().map(|sr| t.lower(sr.start)).unwrap_or("");
            if matches!(pr, "he" | "she" | "him" | "her") {
                person = PersonFrom::Pronoun {
                    earlier: (r.start..cue.tokens.start)
                        .find(|&k| people.at(k).is_some())
                        .map(|k| rel(k, base)),
                };
            }
        }
        // Content: the quote next to the cue, the "that" clause, or the rest of the sentence.
        let content = content_for(ctx, cue, source.as_ref(), r.clone());
        let content_bytes = content_spans(ctx, content, base);
        let cue_span = doc.range_span(cue.tokens.clone());
        // "Stein said she plans to join": the inner cue is part of what Stein said (one
        // attribution per word, as PolNeAR annotates); a coordinated verb ("... and conceded
        // that") is a sibling, not nested.
        let nested = shared.is_none()
            && matches!(cue.form.class, CueClass::Thought | CueClass::Intention)
            && out.iter().zip(&made).any(|(x, (_, _, c))| {
                x.class.sources_claims()
                    && x.lemma != "reportedly"
                    && c.iter().any(|c| c.contains(&cue_span))
            });
        if nested {
            continue;
        }
        let (source_from, source_bytes) = match (&source, shared) {
            (Some(sr), _) => (
                SourceFrom::Tokens(rel(sr.start, base), rel(sr.end, base)),
                Some(doc.range_span(sr.clone())),
            ),
            (None, Some(a)) => (SourceFrom::Item(a as u16), made[a].1),
            (None, None) => (SourceFrom::None, None),
        };
        out.push(LocalAttr {
            cue: (rel(cue.tokens.start, base), rel(cue.tokens.end, base)),
            class: cue.form.class,
            lemma: cue.form.lemma,
            source: source_from,
            content,
            person,
            kind,
            described,
            quoted,
        });
        made.push((cue_span, source_bytes, content_bytes));
    }
    for vp in vague {
        let span = doc.range_span(vp.clone());
        if made
            .iter()
            .any(|(c, s, _)| c.overlaps(&span) || s.is_some_and(|s| s.overlaps(&span)))
        {
            continue;
        }
        out.push(LocalAttr {
            cue: (rel(vp.start, base), rel(vp.end, base)),
            class: CueClass::Speech,
            lemma: "reportedly",
            source: SourceFrom::None,
            content: ContentFrom::Tokens(0, rel(r.end, base)),
            person: PersonFrom::None,
            kind: SourceKind::Vague,
            described: false,
            quoted: ctx.quoted(vp.start),
        });
        made.push((span, None, smallvec![doc.range_span(r.clone())]));
    }
    // The sentence's status: its best sourced attribution not inside a quote.
    let mut best: Option<(ClaimStatus, u16)> = None;
    for (a, x) in out.iter().enumerate() {
        if x.quoted {
            continue;
        }
        if !x.class.sources_claims() || !has_source(made[a].1, x.kind) {
            continue;
        }
        let status = status_of(x.kind);
        if best.is_none_or(|(b, _)| rank(status) > rank(b)) {
            best = Some((status, a as u16));
        }
    }
    (out, best)
}

/// The last person tokens `r` name (searched from their end).
fn last_person_in(people: &People, r: &Range<usize>) -> Option<usize> {
    let tp = people.tok_person.get(r.clone())?;
    tp.iter()
        .rposition(|&p| p != u32::MAX)
        .map(|k| tp[k] as usize)
}

/// Whether an attribution names anything: a source phrase, or a vague phrase such as
/// "reportedly" (whose vagueness is the point). A cue with neither sources nothing.
fn has_source(source: Option<Span>, kind: SourceKind) -> bool {
    source.is_some() || kind == SourceKind::Vague
}

fn rank(s: ClaimStatus) -> u8 {
    match s {
        ClaimStatus::Attributed => 3,
        ClaimStatus::Anonymous => 2,
        ClaimStatus::Vague => 1,
        ClaimStatus::Unattributed => 0,
    }
}

/// Items grouped by bucket in one flat list (compressed rows): `get(b)` is the items whose range
/// covers bucket `b`, in item order. One allocation each for offsets and items, where a `Vec`
/// per sentence cost a few thousand allocations per analysis of a long story.
struct Buckets {
    starts: Vec<u32>,
    items: Vec<usize>,
}

impl Buckets {
    fn new(buckets: usize, ranges: impl Iterator<Item = Range<usize>> + Clone) -> Buckets {
        let mut starts = vec![0u32; buckets + 1];
        for r in ranges.clone() {
            for b in r.start.min(buckets)..r.end.min(buckets) {
                starts[b + 1] += 1;
            }
        }
        for b in 0..buckets {
            starts[b + 1] += starts[b];
        }
        let mut fill: Vec<u32> = starts[..buckets].to_vec();
        let mut items = vec![0; starts[buckets] as usize];
        for (i, r) in ranges.enumerate() {
            for b in r.start.min(buckets)..r.end.min(buckets) {
                items[fill[b] as usize] = i;
                fill[b] += 1;
            }
        }
        Buckets { starts, items }
    }

    fn get(&self, b: usize) -> Option<&[usize]> {
        let (s, e) = (*self.starts.get(b)?, *self.starts.get(b + 1)?);
        Some(&self.items[s as usize..e as usize])
    }
}

impl std::ops::Index<usize> for Buckets {
    type Output = [usize];
    fn index(&self, b: usize) -> &[usize] {
        self.get(b).expect("bucket in range")
    }
}

/// The status an attribution with a source of kind `kind` gives what it sources.
fn status_of(kind: SourceKind) -> ClaimStatus {
    match kind {
        SourceKind::Vague => ClaimStatus::Vague,
        SourceKind::Anonymous => ClaimStatus::Anonymous,
        _ => ClaimStatus::Attributed,
    }
}

fn quote_kind(ctx: &Ctx, q: &QuoteMark, attributed: bool) -> QuoteKind {
    let t = ctx.t();
    let words = || {
        q.tokens
            .clone()
            .filter(|&i| matches!(t.kind(i), TokKind::Word | TokKind::Number))
    };
    let before = (0..q.open_tok)
        .rev()
        .take(3)
        .find(|&i| t.kind(i) == TokKind::Word);
    let naming = before.is_some_and(|b| NAMING.contains(&t.lower(b)) && b + 3 >= q.open_tok);
    // A term being explained ('To "route out" ... refers to', '"third map" (third round)') or
    // the name of an award ('a silver medal for "courageous achievement"').
    let after = q.close_tok.map_or(q.tokens.end, |c| c + 1);
    let explained = t.is_punct(after, "(")
        || matches!(t.lower(after), "refers" | "means" | "meaning")
        || (t.lower(after) == "in"
            && matches!(t.lower(after + 1), "jargon" | "slang" | "parlance"));
    let award = (q.open_tok.saturating_sub(4)..q.open_tok).any(|k| {
        matches!(
            t.lower(k),
            "award" | "medal" | "prize" | "trophy" | "honor" | "honour" | "category" | "title"
        )
    });
    let naming = naming
        || explained
        || award
        || (before.is_some_and(|b| t.lower(b) == "to" && b + 1 == q.open_tok)
            && before
                == Some(
                    ctx.doc.sentences[ctx.doc.sentence_of[q.open_tok] as usize]
                        .tokens
                        .start,
                ));
    // (A capitalised word means there is a word.)
    let title_case = || {
        words()
            .filter(|&i| t.lower(i).len() > 3)
            .all(|i| t.toks[i].has(CAP) || t.kind(i) == TokKind::Number)
            && words().any(|i| t.toks[i].has(CAP))
    };
    let si = ctx.doc.sentence_of[q.open_tok] as usize;
    let sent = &ctx.doc.sentences[si];
    let ends_sentence_inside = || {
        q.tokens
            .clone()
            .any(|i| t.kind(i) == TokKind::Punct && matches!(t.lower(i), "." | "!" | "?"))
    };
    let whole = q.open_tok == sent.tokens.start;
    // The scans of the quote's words last, and only when they decide: this runs for every
    // quote of the story at every keystroke, and most quotes are long.
    if naming || (!whole && words().nth(8).is_none() && title_case()) {
        return QuoteKind::Title;
    }
    if q.words >= 8 || whole || q.words >= 4 && ends_sentence_inside() {
        return QuoteKind::Full;
    }
    if !attributed
        && q.words <= 4
        && !matches!(sent.kind, SentenceKind::Headline | SentenceKind::Heading)
    {
        return QuoteKind::Scare;
    }
    QuoteKind::Partial
}

/// What cue `cue` of sentence `r` attributes (relative to the sentence's first token).
fn content_for(
    ctx: &Ctx,
    cue: &Cue,
    source: Option<&Range<usize>>,
    r: Range<usize>,
) -> ContentFrom {
    let t = ctx.t();
    let base = r.start;
    let tokens = |a: usize, b: usize| ContentFrom::Tokens(rel(a, base), rel(b, base));
    let after = source.map_or(cue.tokens.end, |s| s.end.max(cue.tokens.end));
    // A quote right after the cue or the source: 'X said, "..."', 'X said: "..."'.
    let mut k = after;
    while k < r.end && matches!(t.kind(k), TokKind::Punct) && matches!(t.lower(k), "," | ":") {
        k += 1;
    }
    if k < t.len()
        && (k < r.end || k == r.end && k > after)
        && t.kind(k) == TokKind::Quote
        && ctx.quote_opening_at(k).is_some()
    {
        return ContentFrom::Opening(rel(k, base));
    }
    // An introduction that ends in a colon: 'Obama tweeted using his account: "..."'.
    if r.end > r.start
        && t.is_punct(r.end - 1, ":")
        && t.kind(r.end) == TokKind::Quote
        && ctx.quote_opening_at(r.end).is_some()
    {
        return ContentFrom::Opening(rel(r.end, base));
    }
    // A dash attribution: '"..." - Matthew Ingram'.
    if cue.form.lemma == "dash"
        && cue.tokens.start > 0
        && ctx.quote_closing_at(cue.tokens.start - 1).is_some()
    {
        return ContentFrom::Closing(rel(cue.tokens.start - 1, base));
    }
    // A quote right before: '"...," X said'.
    let before = source.map_or(cue.tokens.start, |s| s.start.min(cue.tokens.start));
    let mut b = before;
    while b > r.start
        && matches!(t.kind(b - 1), TokKind::Punct)
        && matches!(t.lower(b - 1), "," | "\u{2014}")
    {
        b -= 1;
    }
    if b > r.start && t.kind(b - 1) == TokKind::Quote && ctx.quote_closing_at(b - 1).is_some() {
        return ContentFrom::Closing(rel(b - 1, base));
    }
    if cue.according {
        // "According to X, CONTENT." or "CONTENT, according to X."
        let src_end = source.map_or(cue.tokens.end, |s| s.end);
        let mut c = src_end;
        while c < r.end && t.kind(c) == TokKind::Punct {
            c += 1;
        }
        let tail_end = trim_end_punct(t, r.end, c);
        if tail_end > c && cue.tokens.start <= r.start + 1 {
            return tokens(c, tail_end);
        }
        let head_end = trim_end_punct(t, cue.tokens.start, r.start);
        if head_end > r.start {
            return tokens(r.start, head_end);
        }
        return ContentFrom::None;
    }
    // "X said (that) CONTENT" / "X told Y that CONTENT".
    let mut c = after;
    if let Some(that) = (after..(after + 10).min(r.end)).find(|&k| t.lower(k) == "that") {
        c = that + 1;
    }
    let tail_end = trim_end_punct(t, r.end, c);
    if tail_end > c {
        return tokens(c, tail_end);
    }
    // "CONTENT, X said."
    let head_end = trim_end_punct(t, before, r.start);
    if head_end > r.start {
        return tokens(r.start, head_end);
    }
    ContentFrom::None
}

fn trim_end_punct(t: &super::text::Tokens, mut end: usize, floor: usize) -> usize {
    while end > floor && matches!(t.kind(end - 1), TokKind::Punct | TokKind::Quote) {
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use crate::analysis::{Analysis, DocKind, Settings, SourceKind, analyze};

    fn run(text: &str) -> Analysis {
        analyze(text, DocKind::Text, &Settings::default())
    }

    proptest::proptest! {
        /// The flat buckets hold what a `Vec` per bucket, filled in item order, would.
        #[test]
        fn buckets_match_a_vec_per_bucket(
            n in 0usize..12,
            ranges in proptest::collection::vec((0usize..14, 0usize..4), 0..20),
        ) {
            let ranges: Vec<std::ops::Range<usize>> =
                ranges.into_iter().map(|(s, l)| s..s + l).collect();
            let b = super::Buckets::new(n, ranges.iter().cloned());
            let mut lists = vec![Vec::new(); n];
            for (i, r) in ranges.iter().enumerate() {
                for list in lists.iter_mut().take(r.end).skip(r.start) {
                    list.push(i);
                }
            }
            for (k, list) in lists.iter().enumerate() {
                proptest::prop_assert_eq!(b.get(k), Some(list.as_slice()));
            }
            proptest::prop_assert_eq!(b.get(n), None);
        }
    }

    fn triples(text: &str) -> Vec<(String, Option<String>, String)> {
        let a = run(text);
        a.attributions
            .iter()
            .map(|x| {
                (
                    text[x.cue.start..x.cue.end].to_string(),
                    x.source.map(|s| text[s.start..s.end].to_string()),
                    x.kind.as_str().to_string(),
                )
            })
            .collect()
    }

    fn t3(cue: &str, src: Option<&str>, kind: &str) -> (String, Option<String>, String) {
        (cue.into(), src.map(Into::into), kind.into())
    }

    #[test]
    fn subject_verb_and_inverted() {
        assert_eq!(
            triples("Press Secretary Dmitry Peskov stated that Putin agreed to talks."),
            [
                t3("stated", Some("Press Secretary Dmitry Peskov"), "named"),
                t3("agreed", Some("Putin"), "named")
            ]
        );
        assert_eq!(
            triples("\"Seventeen years ago, this was impossible,\" said Ambassador Mohib."),
            [t3("said", Some("Ambassador Mohib"), "named")]
        );
    }

    #[test]
    fn according_to_and_told() {
        let tr =
            triples("According to Afghan Ambassador Hamdullah Mohib, the team shows progress.");
        assert_eq!(
            tr[0],
            t3(
                "According to",
                Some("Afghan Ambassador Hamdullah Mohib"),
                "named"
            )
        );
        let tr = triples(
            "Hegseth told officials from over 50 countries that it was an 'unrealistic objective.'",
        );
        assert_eq!(tr, [t3("told", Some("Hegseth"), "named")]);
    }

    #[test]
    fn appositive_subject() {
        let tr = triples(
            "Kirill Dmitriev, CEO of Russia's sovereign wealth fund, also hailed the potential for cooperation.",
        );
        assert_eq!(tr, [t3("hailed", Some("Kirill Dmitriev"), "named")]);
    }

    #[test]
    fn source_kinds() {
        assert_eq!(triples("Experts say the war will end.")[0].2, "vague");
        assert_eq!(triples("A source said the plan failed.")[0].2, "anonymous");
        let a = run("A senior official who asked not to be named said the plan failed.");
        assert_eq!(a.attributions[0].kind, SourceKind::Anonymous);
        assert!(a.attributions[0].described);
        assert_eq!(
            triples("The Kremlin said the plan failed.")[0].2,
            "organisation"
        );
        assert_eq!(
            triples("The war reportedly ended.")[0],
            t3("reportedly", None, "vague")
        );
    }

    #[test]
    fn pronouns_resolve_to_the_last_speaker() {
        let a = run("Donald Trump spoke on Wednesday. He noted that both leaders agreed.");
        let he = a.attributions.iter().find(|x| x.lemma == "note").unwrap();
        assert_eq!(he.kind, SourceKind::Pronoun);
        assert_eq!(he.person, Some(0));
    }

    #[test]
    fn quotes_get_speakers_and_carry_over() {
        let text = "\"Seventeen years ago, this was impossible,\" said Ambassador Hamdullah Mohib. \"They represent our hopes.\"";
        let a = run(text);
        assert_eq!(a.quotes.len(), 2);
        assert!(
            a.quotes.iter().all(|q| q.speaker == Some(0)),
            "{:?}",
            a.quotes
        );
    }

    #[test]
    fn nouns_are_not_cues() {
        assert!(
            triples("The report was long. His call for calm went unheeded. The plans changed.")
                .is_empty()
        );
    }

    #[test]
    fn described_as_quote() {
        let text = "Donald Trump described his conversation with Putin as a 'lengthy and highly productive phone call,' where they talked.";
        let a = run(text);
        assert_eq!(a.attributions[0].lemma, "describe");
        let q = &a.quotes[0];
        assert_eq!(
            &text[q.inner.start..q.inner.end],
            "lengthy and highly productive phone call,"
        );
        assert_eq!(a.people[q.speaker.unwrap()].name, "Donald Trump");
    }
}
