//! Attributions: source–cue–content relations ("Peskov said ...", "... , according to the
//! ministry", "\"...,\" said Ambassador Mohib"), who each source is, which quotes they speak, and
//! which sentences they source.

use crate::analysis::lexicon::lists::{
    ADVERBS as ADVERBS_LIST, BODY_NOUNS as BODY_NOUNS_LIST, CAPTION_WORDS as CAPTION_WORDS_LIST,
    DETERMINERS as DETERMINERS_LIST, EVIDENCE_NOUNS as EVIDENCE_NOUNS_LIST,
    HEADLINE_VERBS as HEADLINE_VERBS_LIST, ING_CLAUSE_OPENERS as ING_CLAUSE_OPENERS_LIST, NAMING,
    NOT_SOURCE_HEADS as NOT_SOURCE_HEADS_LIST, NOUN_LIKE_CUE_FORMS as NOUN_LIKE_CUE_FORMS_LIST,
    NP_LEFT_STOPS as NP_LEFT_STOPS_LIST, NP_RIGHT_STOPS as NP_RIGHT_STOPS_LIST,
    PAST_FORMS as PAST_FORMS_LIST, PERSON_ROLES as PERSON_ROLES_LIST, PRONOUNS as PRONOUNS_LIST,
    PSYCH_PARTICIPLES as PSYCH_PARTICIPLES_LIST,
};
use crate::analysis::lexicon::lists::{
    AUXILIARIES as AUXILIARIES_LIST, AWARD_WORDS as AWARD_WORDS_LIST,
    CALL_EVENTS as CALL_EVENTS_LIST, CLAIM_TAKING_NOUNS as CLAIM_TAKING_NOUNS_LIST,
    CLAIM_TAKING_OBJECTS as CLAIM_TAKING_OBJECTS_LIST,
    NOUN_USE_ADJECTIVES as NOUN_USE_ADJECTIVES_LIST, PASSIVE_ADVERBS as PASSIVE_ADVERBS_LIST,
    STANCE_LEMMAS as STANCE_LEMMAS_LIST,
};
use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::analysis::index::Buckets;
use smallvec::smallvec;

use super::lexicon::{CueClass, CueForm, bits};
use super::people::People;
use super::quotes::QuoteMark;
use super::text::{ALLCAPS, CAP, TokKind};
use super::{
    Attribution, ClaimStatus, Doc, Quote, QuoteKind, SentenceKind, SourceKind, Span, Spans,
};

mod content;
mod cues;
mod kinds;
mod learned;
mod sources;
mod speakers;
mod subjects;

pub use learned::{CueModel, may_learn};

use content::*;
use cues::*;
pub(crate) use speakers::find;

pub struct Found {
    pub attributions: Vec<Attribution>,
    pub quotes: Vec<Quote>,
    /// For each sentence: how well its claims are sourced, and by which attribution.
    pub sentence_sources: Vec<Option<(ClaimStatus, usize)>>,
}

crate::word_sets! {
    NOUN_USE_ADJECTIVES = NOUN_USE_ADJECTIVES_LIST;
    AUXILIARIES = AUXILIARIES_LIST;
    PASSIVE_ADVERBS = PASSIVE_ADVERBS_LIST;
    CLAIM_TAKING_OBJECTS = CLAIM_TAKING_OBJECTS_LIST;
    CLAIM_TAKING_NOUNS = CLAIM_TAKING_NOUNS_LIST;
    STANCE_LEMMAS = STANCE_LEMMAS_LIST;
    CALL_EVENTS = CALL_EVENTS_LIST;
    AWARD_WORDS = AWARD_WORDS_LIST;
    ADVERBS = ADVERBS_LIST;
    DETERMINERS = DETERMINERS_LIST;
    PRONOUNS = PRONOUNS_LIST;
    PERSON_ROLES = PERSON_ROLES_LIST;
    BODY_NOUNS = BODY_NOUNS_LIST;
    HEADLINE_VERBS = HEADLINE_VERBS_LIST;
    NOUN_LIKE_CUE_FORMS = NOUN_LIKE_CUE_FORMS_LIST;
    ING_CLAUSE_OPENERS = ING_CLAUSE_OPENERS_LIST;
    PAST_FORMS = PAST_FORMS_LIST;
    PSYCH_PARTICIPLES = PSYCH_PARTICIPLES_LIST;
    EVIDENCE_NOUNS = EVIDENCE_NOUNS_LIST;
    CAPTION_WORDS = CAPTION_WORDS_LIST;
    NOT_SOURCE_HEADS = NOT_SOURCE_HEADS_LIST;
    NP_LEFT_STOPS = NP_LEFT_STOPS_LIST;
    NP_RIGHT_STOPS = NP_RIGHT_STOPS_LIST;
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

impl Cue {
    /// A cue over `tokens` with no source found yet; `according` when it sources its clause as
    /// "according to" does.
    fn new(tokens: Range<usize>, class: CueClass, lemma: &'static str, according: bool) -> Cue {
        Cue {
            tokens,
            form: CueForm { class, lemma },
            according,
            found: None,
        }
    }
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
    /// The context for `doc` with its people and quote marks.
    fn new(doc: &'d Doc<'a>, people: &'d People, marks: &'d [QuoteMark]) -> Ctx<'d, 'a> {
        let (in_quote, opens, closes) = speakers::quote_maps(doc.t.len(), marks);
        Ctx {
            doc,
            people,
            in_quote,
            quotes: marks,
            opens,
            closes,
        }
    }

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
}

/// A candidate cue word as the cue model sees it, for training the model (`tools/train.rs`).
pub struct CueExample {
    /// The word's bytes.
    pub span: Span,
    /// Its features' hashes.
    pub features: Vec<u32>,
    /// Whether the rules accept it.
    pub rule: bool,
}

/// Every candidate cue word of the story, with its features: what [`find`] weighs, with the
/// learned candidates given by `learned` instead of the compiled-in list.
pub fn cue_examples(
    doc: &Doc,
    marks: &[QuoteMark],
    people: &People,
    learned: &dyn Fn(&str) -> Option<&'static str>,
) -> Vec<CueExample> {
    let ctx = Ctx::new(doc, people, marks);
    let t = &doc.t;
    let mut out = Vec::new();
    for s in &doc.sentences {
        if matches!(s.kind, SentenceKind::Dateline | SentenceKind::Byline) {
            continue;
        }
        let r = s.tokens.clone();
        let mut around = learned::Around::of(t, &r);
        for i in r.clone() {
            if i > r.start && t.has_bits(i - 1, bits::CUE) && !ctx.quoted(i - 1) {
                around.earlier = around.earlier.saturating_add(1).min(2);
            }
            if t.kind(i) != TokKind::Word || ctx.quoted(i) {
                continue;
            }
            if t.lower(i) == "according" && t.is(i + 1, "to") {
                continue;
            }
            if let Some(c) = ctx.candidate_in(i, &r, learned) {
                let mut features = Vec::new();
                ctx.features(i, &r, c, around, &mut features);
                out.push(CueExample {
                    span: doc.range_span(i..i + 1),
                    features,
                    rule: c.rule,
                });
            }
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

/// The status an attribution with a source of kind `kind` gives what it sources.
fn status_of(kind: SourceKind) -> ClaimStatus {
    match kind {
        SourceKind::Vague => ClaimStatus::Vague,
        SourceKind::Anonymous => ClaimStatus::Anonymous,
        _ => ClaimStatus::Attributed,
    }
}

#[cfg(test)]
pub(super) mod tests {
    use crate::analysis::{Analysis, DocKind, Settings, SourceKind, analyze};

    pub(super) fn run(text: &str) -> Analysis {
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

    pub(super) fn triples(text: &str) -> Vec<(String, Option<String>, String)> {
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

    #[test]
    fn made_clear_is_one_statement() {
        let tr = triples("Officials have made it clear that the plan will go ahead.");
        assert_eq!(tr.len(), 1, "{tr:?}");
        assert_eq!(tr[0].0, "made it clear");
        assert_eq!(tr[0].1.as_deref(), Some("Officials"));
        let tr = triples("Mr. Obama made clear over the weekend that he would meet them.");
        assert_eq!(tr.len(), 1, "{tr:?}");
        assert_eq!(tr[0].0, "made clear");
    }

    pub(super) fn t3(cue: &str, src: Option<&str>, kind: &str) -> (String, Option<String>, String) {
        (cue.into(), src.map(Into::into), kind.into())
    }

    #[test]
    fn subject_verb_and_inverted() {
        // "agreed" is part of what Peskov stated: one attribution per word, as PolNeAR
        // annotates (the cue model learned it).
        let text = "Press Secretary Dmitry Peskov stated that Putin agreed to talks.";
        assert_eq!(
            triples(text),
            [t3("stated", Some("Press Secretary Dmitry Peskov"), "named")]
        );
        let content = run(text).attributions[0].content[0];
        assert_eq!(&text[content.start..content.end], "Putin agreed to talks");
        assert_eq!(
            triples("Press Secretary Dmitry Peskov said talks failed. Putin agreed.")[1],
            t3("agreed", Some("Putin"), "named")
        );
        assert_eq!(
            triples("\"Seventeen years ago, this was impossible,\" said Ambassador Mohib."),
            [t3("said", Some("Ambassador Mohib"), "named")]
        );
    }

    #[test]
    fn a_named_document_sources_its_sentence() {
        let text = "In a new Gallup poll, 40 percent of voters backed the plan.";
        assert_eq!(
            triples(text),
            [t3(
                "In a new Gallup poll",
                Some("a new Gallup poll"),
                "organisation"
            )]
        );
        // "in" before a place or a time is no document.
        assert!(triples("In the city, 40 percent of homes lost power.").is_empty());
        assert!(triples("In a poll booth, the lights went out.").is_empty());
        // Without a determiner, mid-sentence, with a slash in the pollster's name.
        assert_eq!(
            triples("Sanders has led Clinton in national polls since May."),
            [t3(
                "in national polls",
                Some("national polls"),
                "organisation"
            )]
        );
        assert_eq!(
            triples("Trump led in the latest NBC News/Wall Street Journal poll released Sunday.")
                [0]
            .1,
            Some("the latest NBC News/Wall Street Journal poll".to_string())
        );
        // The noun in another phrase, or a modifier: no source.
        for none in [
            "Voters in six states going to the polls faced long lines.",
            "She is interested in the study of birds.",
            "He grew up in the wake of polls that never mattered.",
            "Sanders has soared in the polls this month.",
        ] {
            assert!(triples(none).is_empty(), "{none}");
        }
    }

    #[test]
    fn the_writers_first_person_is_a_source_and_generic_you_is_not() {
        assert_eq!(
            triples("I asked the mayor whether the plan would fail."),
            [t3("asked", Some("I"), "reporter")]
        );
        assert_eq!(
            triples("We think the tax is too high."),
            [t3("think", Some("We"), "reporter")]
        );
        assert!(triples("You know the plan will fail.").is_empty());
    }

    #[test]
    fn a_participle_phrase_between_subject_and_cue() {
        for (text, cue) in [
            (
                "The study, published in May, found that 40 percent quit.",
                "found",
            ),
            (
                "The study, published last week, showed that 40 percent quit.",
                "showed",
            ),
            (
                "The report, released Monday, said that 40 percent quit.",
                "said",
            ),
            (
                "The survey, conducted for the advocacy group America's Voice, also found that support rose.",
                "found",
            ),
        ] {
            let tr = triples(text);
            assert_eq!(tr.len(), 1, "{text}: {tr:?}");
            assert_eq!(tr[0].0, cue, "{text}");
            assert!(
                matches!(
                    tr[0].1.as_deref(),
                    Some("The study" | "The report" | "The survey")
                ),
                "{text}: {tr:?}"
            );
        }
    }

    #[test]
    fn records_and_recordings_are_evidence() {
        let tr = triples("Handwritten ledgers showed that he was paid $12.7 million.");
        assert_eq!(
            tr,
            [t3("showed", Some("Handwritten ledgers"), "organisation")]
        );
        // A poll that puts a party on a share gives its figures.
        let tr = triples("A YouGov survey for The Times put Reform on 27% and Labour on 22%.");
        assert_eq!(tr.len(), 1, "{tr:?}");
        assert_eq!(tr[0].0, "put");
        // Not every "put": "The row put pressure on ministers" names no poll.
        assert!(triples("The row put pressure on 12 ministers.").is_empty());
    }

    #[test]
    fn a_quote_tagged_by_the_next_sentence_keeps_its_speaker() {
        let speaker = |text: &str| {
            let a = run(text);
            let q = &a.quotes[0];
            q.attribution
                .and_then(|k| a.attributions[k].source)
                .map(|s| text[s.start..s.end].to_string())
        };
        assert_eq!(
            speaker("Intro.\n\n\"It is over.\" So tweeted Tom Hill on Monday.").as_deref(),
            Some("Tom Hill")
        );
        assert_eq!(
            speaker("Intro.\n\n\"Shame on them!\"\n\nTom Hill tweeted on Monday night.").as_deref(),
            Some("Tom Hill")
        );
        // A next sentence that reports no speech does not tag it.
        assert_eq!(
            speaker("Intro.\n\n\"It is over.\" That was the message on Monday."),
            None
        );
    }

    #[test]
    fn a_stray_comma_keeps_the_subject() {
        assert_eq!(
            triples("The security firm Secunia, has said that IE6 has 277 flaws."),
            [t3(
                "said",
                Some("The security firm Secunia"),
                "organisation"
            )]
        );
    }

    #[test]
    fn a_question_put_to_someone_is_attributed() {
        let tr = triples("Asked whether he would run, Mary Jones shook her head.");
        assert_eq!(tr, [t3("Asked", Some("Mary Jones"), "named")]);
        let tr = triples("When asked by a reporter if it failed, Mary Jones blamed the rain.");
        assert_eq!(
            (tr[0].0.as_str(), tr[0].1.as_deref()),
            ("asked", Some("a reporter"))
        );
        let a = run("Asked whether he would run, the senator shook his head.");
        let x = &a.attributions[0];
        assert_eq!(x.source, None);
        let text = "Asked whether he would run, the senator shook his head.";
        let c = x.content[0];
        assert_eq!(&text[c.start..c.end], "whether he would run");
    }

    #[test]
    fn a_title_lines_colon_names_its_source() {
        // A title written as a sentence, with a full stop, is still the headline.
        let tr = triples("Poll: Smith leads in Ohio.\n\nThe race is close.");
        assert_eq!(tr.len(), 1, "{tr:?}");
        assert_eq!((tr[0].0.as_str(), tr[0].1.as_deref()), (":", Some("Poll")));
        // A column's label is no source; nor is a colon in the body.
        assert!(triples("The Latest: Smith wins Ohio.\n\nThe race was close.").is_empty());
        assert!(triples("Smith arrived.\n\nPoll: the race is close, and more.").is_empty());
    }

    #[test]
    fn an_interviews_turns_are_attributed() {
        let text = "Intro line here.\n\nQ: Did the agency help you?\n\nA: No one checked up on us.";
        assert_eq!(
            triples(text),
            [
                t3(":", Some("Q"), "reporter"),
                t3(":", Some("A"), "pronoun")
            ]
        );
        // A lone capital before a colon elsewhere is no turn.
        assert!(triples("Plan B: the council will vote again.").is_empty());
    }

    #[test]
    fn an_inverted_source_described_before_the_name() {
        let tr = triples("Late payments cost the economy £11bn a year, said economist Sarah Hall.");
        assert_eq!(tr.len(), 1, "{tr:?}");
        assert_eq!(tr[0].1.as_deref(), Some("economist Sarah Hall"));
    }

    #[test]
    fn a_court_report_cites_the_hearing() {
        let tr = triples("Pike persuaded 23 pensioners to pay, Bristol Crown Court heard.");
        assert_eq!(tr.len(), 1, "{tr:?}");
        assert_eq!(
            (tr[0].0.as_str(), tr[0].1.as_deref()),
            ("heard", Some("Bristol Crown Court"))
        );
        let tr = triples("The inquest heard that she had taken 12 tablets.");
        assert_eq!(tr.len(), 1, "{tr:?}");
        // Hearing from someone is no attribution of what follows.
        assert!(triples("The jury heard from 12 witnesses.").is_empty());
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
    fn in_someones_view() {
        let tr = triples("In Ms. Ash's view, the change would have a profound impact on the vote.");
        assert_eq!(tr[0].0, "In Ms. Ash's view");
        assert_eq!(tr[0].1.as_deref(), Some("Ms. Ash"));
        // Not a point of view: "in the city's west, ..." names no one's opinion.
        assert!(triples("In the city's west, turnout fell.").is_empty());
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
        assert!(triples("The report was long. The plans changed.").is_empty());
    }

    #[test]
    fn an_age_or_a_relative_clause_between_subject_and_verb() {
        assert_eq!(
            triples("Ramil Carr, 31, a freelance photographer, said the plan failed.")[0].1,
            Some("Ramil Carr".into())
        );
        assert_eq!(
            triples("The complaint, which was filed in federal court, alleged that data leaked.")
                .last()
                .unwrap()
                .1,
            Some("The complaint".into())
        );
        assert_eq!(
            triples("Virginia Gov. Terry McAuliffe on Friday announced that he had signed it.")[0],
            t3("announced", Some("Virginia Gov. Terry McAuliffe"), "named")
        );
    }

    #[test]
    fn an_expletive_there_is_no_source() {
        for text in [
            "There are concerns that the scheme will cost more than planned.",
            "Outside the campaign, there is mounting anxiety about the polls.",
            "There is growing concern that the deal will collapse.",
            "There's a widespread recognition that the party needs to rebuild.",
        ] {
            let t = triples(text);
            assert!(!t.is_empty(), "{text}");
            assert!(
                t.iter().all(|(_, src, _)| !src
                    .as_deref()
                    .is_some_and(
                        |s| s.to_lowercase().starts_with("there") || s.starts_with("a widespread")
                    )),
                "{text}: {t:?}"
            );
        }
    }

    #[test]
    fn a_name_and_its_description_before_the_verb() {
        for (text, who) in [
            (
                "\"We raised more than we expected,\" Jeff Weaver, Sanders' campaign manager, said.",
                "Jeff Weaver",
            ),
            (
                "Rep. Elijah Cummings (D-Md.), chair of the committee, said the process was open.",
                "Rep. Elijah Cummings",
            ),
            (
                "Another pollster, David Woodard of Clemson University, said support held.",
                "David Woodard of Clemson University",
            ),
        ] {
            assert_eq!(triples(text)[0].1.as_deref(), Some(who), "{text}");
        }
    }

    /// The source of the attribution whose cue is `cue`.
    fn source_of(text: &str, cue: &str) -> Option<String> {
        triples(text)
            .into_iter()
            .find(|(c, _, _)| c == cue)
            .unwrap_or_else(|| panic!("{text}: no cue {cue}"))
            .1
    }

    #[test]
    fn an_inverted_speaker_dated_or_by_age() {
        assert_eq!(
            source_of(
                "The group is $9 million short, said former Pennsylvania governor Ed Rendell.",
                "said"
            )
            .as_deref(),
            Some("former Pennsylvania governor Ed Rendell")
        );
        assert_eq!(
            source_of("\"He is an amazing leader,\" said the 46-year-old.", "said").as_deref(),
            Some("the 46-year-old")
        );
    }

    #[test]
    fn a_trailing_participle_is_the_main_subjects() {
        for (text, cue, who) in [
            (
                "Clinton attacked Trump, saying he would appoint judges.",
                "saying",
                "Clinton",
            ),
            (
                "At a rally in Ames, Iowa, on Sunday, Mrs. Clinton expanded on her remarks, saying that the country should lead.",
                "saying",
                "Mrs. Clinton",
            ),
            (
                "\"We will win,\" he said, adding that he expects more delegates.",
                "adding",
                "he",
            ),
            (
                "The attorney general is suing the firm, saying it misled students.",
                "saying",
                "The attorney general",
            ),
        ] {
            assert_eq!(source_of(text, cue).as_deref(), Some(who), "{text}");
        }
    }

    #[test]
    fn called_before_a_name_names_it() {
        for text in [
            "A new group called Black Votes Matter formed in May.",
            "The campaign aired a short film called \"Tenemos Familias\" on Univision.",
        ] {
            assert!(
                triples(text).iter().all(|(c, _, _)| c != "called"),
                "{text}"
            );
        }
        assert_eq!(
            source_of(
                "Trump later called Haley \"very weak on immigration.\"",
                "called"
            ),
            Some("Trump".into())
        );
    }

    #[test]
    fn a_passive_shows_its_agent_or_no_source() {
        assert_eq!(
            source_of(
                "The plan was criticized by Senator Jane Smith on Monday.",
                "criticized"
            ),
            Some("Senator Jane Smith".into())
        );
        assert_eq!(
            source_of(
                "The plan was widely criticized as too costly.",
                "criticized"
            ),
            None
        );
        assert_eq!(
            source_of(
                "The results were announced by Friday, officials said.",
                "announced"
            ),
            None
        );
        // A participle of feeling: the subject holds the view.
        assert_eq!(
            source_of(
                "Some backers are worried that the plan will fail.",
                "worried"
            ),
            Some("Some backers".into())
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
