//! Claim-local facts: what each sentence's own words say about claims (a figure, causal,
//! predictive, allegation and opinion phrases), wherever the sentence stands. A pure function
//! of the sentence's tokens and which of them are quoted; [`crate::analysis::claims`] weighs
//! them against the document (its quotes and attributions).

pub(crate) use crate::analysis::lexicon::lists::{
    ALLEGATION, CASUALTY, CAUSAL, CURRENCY, EVALUATIVE, MIND, MOTIVE, PREDICTION, SUPERLATIVES,
    TRENDS,
};
use crate::analysis::lexicon::lists::{
    DETERMINERS as DETERMINERS_LIST, MARKET_WORDS as MARKET_WORDS_LIST, OBJECT_OPENERS,
    PERSON_ROLES as PERSON_ROLES_LIST, PRICE_MOVES as PRICE_MOVES_LIST, PRONOUNS as PRONOUNS_LIST,
    RULE_NOUNS as RULE_NOUNS_LIST,
};
use std::ops::Range;
use std::sync::LazyLock;

use super::figures::{figure_at, may_start_figure, moved_at, record_at};
use crate::analysis::lexicon::{PhraseSet, bits};
use crate::analysis::text::{CAP, TokKind, Tokens, is_month, is_weekday};

crate::word_sets! {
    DETERMINERS = DETERMINERS_LIST;
    MARKET_WORDS = MARKET_WORDS_LIST;
    PRICE_MOVES = PRICE_MOVES_LIST;
    RULE_NOUNS = RULE_NOUNS_LIST;
    PRONOUNS = PRONOUNS_LIST;
    PERSON_ROLES = PERSON_ROLES_LIST;
}

/// Whether the sentence `r` reports a price's move in a market: a price-move verb, and a market
/// word ("crude", "shares", "the dollar") or a stock's move told as "$1.25, or 1.4 percent".
/// Closing prices and share moves are public market data; no one needs to be quoted for them.
fn market_report(t: &Tokens, r: &Range<usize>, skip: &[bool]) -> bool {
    let own = || r.clone().filter(|&i| !skip[i]);
    if !own().any(|i| PRICE_MOVES.contains(t.lower(i))) {
        return false;
    }
    own().any(|i| MARKET_WORDS.contains(t.lower(i)))
        || own().any(|i| {
            t.is_punct(i, ",")
                && t.is(i + 1, "or")
                && t.kind(i + 2) == TokKind::Number
                && matches!(t.lower(i + 3), "percent" | "%")
        })
}

/// Whether the sentence `r` sets out the terms of a rule or a deal: "Under the law, ...",
/// "Under Missouri law", "under the proposed agreement". Its figures are the document's (a
/// legal limit, a plan's size), which the rule names.
fn terms_of_rule(t: &Tokens, r: &Range<usize>, skip: &[bool]) -> bool {
    r.clone().any(|i| {
        !skip[i]
            && t.lower(i) == "under"
            && (i + 1..(i + 6).min(r.end))
                .take_while(|&k| t.kind(k) == TokKind::Word || t.kind(k) == TokKind::Possessive)
                .any(|k| RULE_NOUNS.contains(t.lower(k)))
    })
}

/// Which list a claim phrase comes from.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum List {
    Causal,
    Prediction,
    Allegation,
    Superlative,
    Motive,
    Trend,
    Evaluative,
}

/// Every claim phrase in one set, so that a sentence is read once, with one lookup a word.
static CLAIM_PHRASES: LazyLock<PhraseSet<List>> = LazyLock::new(|| {
    let lists: [(&[&'static str], List); 7] = [
        (CAUSAL, List::Causal),
        (PREDICTION, List::Prediction),
        (ALLEGATION, List::Allegation),
        (SUPERLATIVES, List::Superlative),
        (MOTIVE, List::Motive),
        (TRENDS, List::Trend),
        (EVALUATIVE, List::Evaluative),
    ];
    PhraseSet::tagged(
        lists
            .into_iter()
            .flat_map(|(l, tag)| l.iter().map(move |p| (p.split_whitespace().collect(), tag))),
    )
});

/// The first hit of each list in a sentence, outside quoted tokens.
#[derive(Clone, Debug, Default)]
pub(crate) struct Hits {
    first: [Option<Range<usize>>; 7],
}

impl Hits {
    fn of(t: &Tokens, r: &Range<usize>, skip: &[bool]) -> Hits {
        let mut h = Hits::default();
        for i in r.clone() {
            if skip[i] || t.kind(i) != TokKind::Word || !t.has_bits(i, bits::CLAIM) {
                continue;
            }
            // A capitalised word after the first is part of a name: "the Serious Crime Bill",
            // "the Fraud Office" allege nothing.
            let in_name = i > r.start && t.toks[i].has(CAP);
            for (n, tag) in CLAIM_PHRASES.tagged_at(i, r.end, |k| t.lower(k)) {
                if in_name && tag == List::Allegation {
                    continue;
                }
                // "illegal immigration", "illegal drugs": a category, not a charge.
                if tag == List::Allegation
                    && t.lower(i) == "illegal"
                    && matches!(
                        t.lower(i + 1),
                        "immigration"
                            | "immigrants"
                            | "immigrant"
                            | "aliens"
                            | "alien"
                            | "migrants"
                            | "migration"
                            | "drugs"
                            | "drug"
                            | "guns"
                            | "weapons"
                            | "firearms"
                            | "border"
                            | "crossings"
                            | "entry"
                    )
                {
                    continue;
                }
                // "pleaded guilty to 23 counts of fraud", "was found not guilty", "convicted
                // of fraud": a plea, a charge or a verdict is on the court's record, not
                // anyone's allegation.
                if tag == List::Allegation
                    && ((i.saturating_sub(6).max(r.start)..i).any(|k| {
                        matches!(
                            t.lower(k),
                            "pleaded" | "pled" | "pleads" | "plead" | "pleading" | "convicted"
                        ) || (t.lower(k) == "found" && t.lower(k + 1) == "guilty")
                    })
                        // The charge as laid: "denies 14 counts of fraud by abuse of
                        // position", "faces charges of fraud".
                        || (i.saturating_sub(6).max(r.start)..i)
                            .rev()
                            .take_while(|&k| t.kind(k) != TokKind::Punct)
                            .any(|k| {
                                matches!(t.lower(k), "counts" | "count" | "charges" | "charge")
                                    && t.lower(k + 1) == "of"
                            }))
                {
                    continue;
                }
                if tag == List::Causal && !causes(t, i, n, r) {
                    continue;
                }
                // A superlative in capitals mid-sentence names a work or an epithet: "The
                // Biggest Loser", "the city that raised The Greatest".
                if in_name && tag == List::Superlative && (i + 1..i + n).all(|k| t.toks[k].has(CAP))
                {
                    continue;
                }
                // "a record of 216-146", "a record of 12 wins": a tally, not a record high.
                if tag == List::Superlative
                    && t.lower(i + n - 1) == "record"
                    && i + n + 1 < r.end
                    && t.lower(i + n) == "of"
                    && t.kind(i + n + 1) == TokKind::Number
                {
                    continue;
                }
                let slot = &mut h.first[tag as usize];
                if slot.is_none() && (i..i + n).all(|k| !skip[k]) {
                    *slot = Some(i..i + n);
                }
            }
        }
        h
    }
    pub(crate) fn get(&self, l: List) -> Option<Range<usize>> {
        self.first[l as usize].clone()
    }
}

/// Whether the causal phrase at `i` (`n` tokens, in sentence `r`) claims a cause: not "drove"
/// a car (see [`drove_something`]), not "those impacted by the shooting" (who was hit, not
/// what hit them), not a paper's correction ("Because of an editing error, an article ...").
fn causes(t: &Tokens, i: usize, n: usize, r: &Range<usize>) -> bool {
    let w = t.lower(i);
    if w == "drove" {
        return drove_something(t, i, r);
    }
    let hit_people = w == "impacted"
        && i > r.start
        && matches!(
            t.lower(i - 1),
            "those" | "people" | "families" | "residents" | "communities"
        );
    let correction = t.lower(i + n - 1) == "of"
        && i + n + 2 < r.end
        && matches!(t.lower(i + n), "an" | "a")
        && t.lower(i + n + 2) == "error";
    !(hit_people || correction)
}

/// Whether "drove" at `i` drives something somewhere, as a cause does ("drove her
/// antagonists to distraction", "drove claims over 150,000", "drove up prices"), rather than
/// a car ("He drove a Corvette", "as Obama drove by", "drove from the West Coast") or a point
/// home.
fn drove_something(t: &Tokens, i: usize, r: &Range<usize>) -> bool {
    let word = |k: usize| if k < r.end { t.lower(k) } else { "" };
    if matches!(
        word(i + 1),
        "by" | "to"
            | "from"
            | "through"
            | "past"
            | "around"
            | "across"
            | "along"
            | "back"
            | "home"
            | "into"
            | "onto"
            | "toward"
            | "towards"
            | "over"
            | "off"
            | "in"
            | "on"
    ) {
        return false;
    }
    (i + 1..(i + 11).min(r.end)).any(|k| {
        t.kind(k) == TokKind::Word
            && matches!(
                t.lower(k),
                "to" | "up" | "down" | "out" | "away" | "into" | "over" | "higher" | "lower"
            )
    })
}

/// The first phrase of `set` in the tokens `r`, outside skipped (quoted) tokens; `bit` is the
/// token bit that marks the first words of `set`'s phrases.
fn scan(
    t: &Tokens,
    r: &Range<usize>,
    skip: &[bool],
    set: &PhraseSet,
    bit: u16,
) -> Option<Range<usize>> {
    for i in r.clone() {
        if skip[i] || t.kind(i) != TokKind::Word || !t.has_bits(i, bit) {
            continue;
        }
        let n = set.match_at(i, r.end, |k| t.lower(k));
        if n > 0 && (i..i + n).all(|k| !skip[k]) {
            return Some(i..i + n);
        }
    }
    None
}

/// "will" and its contracted forms whose subject is no person: "won't", "it'll", "that'll".
fn is_will(w: &str) -> bool {
    matches!(
        w,
        "will"
            | "won't"
            | "won\u{2019}t"
            | "it'll"
            | "it\u{2019}ll"
            | "that'll"
            | "that\u{2019}ll"
            | "there'll"
            | "there\u{2019}ll"
            | "they'll"
            | "they\u{2019}ll"
    )
}

/// Whether a bare "will" at `i` is the story's own forecast: "Rising rates will support a
/// stronger dollar", "The economy will return to the forefront". Not when a named person,
/// body or place stands before it in the sentence or "he"/"she" is its subject (what a
/// named actor will do is a plan announced, "Bannon will interview ..."); not on a date, a
/// weekday or "tonight" ("The campaign will begin airing ads after Monday"); not a passive
/// ("will be released Sept. 9"); not the noun ("the will of the voters") and not a question.
fn bare_will_forecasts(t: &Tokens, r: &Range<usize>, i: usize) -> bool {
    let at = |k: usize| if r.contains(&k) { t.lower(k) } else { "" };
    let noun = i > r.start && DETERMINERS.contains(at(i - 1))
        || matches!(at(i + 1), "of" | "to" | "," | "." | "");
    let named_before = (r.start..i).any(|k| {
        t.kind(k) == TokKind::Word
            && t.toks[k].has(CAP)
            && (k > r.start || !t.has_bits(k, bits::COMMON) || t.has_bits(k, bits::NEWS_SURNAME))
    });
    // "In particular, Will wrote": a name, not the modal.
    let name = i > r.start && t.toks[i].has(CAP);
    // A person described opens the sentence: "The 24-year-old has signed a contract and will
    // wear the number 41 shirt", "The minister will travel to Paris".
    let described_person = DETERMINERS.contains(at(r.start))
        && (at(r.start + 1).ends_with("year-old") || PERSON_ROLES.contains(at(r.start + 1)))
        && (r.start + 2 >= r.end || t.kind(r.start + 2) != TokKind::Possessive);
    let person_subject = i > r.start && matches!(at(i - 1), "he" | "she") || described_person;
    let dated = r.clone().any(|k| {
        let l = t.lower(k);
        is_month(l)
            && (k + 1 < r.end && t.kind(k + 1) == TokKind::Number
                || k > r.start && matches!(t.lower(k - 1), "in" | "from" | "by" | "until" | "on"))
            || is_weekday(l)
            || matches!(l, "tonight" | "tomorrow" | "today")
    });
    // Skip an adverb: "will also focus on", "will not be finalized".
    let v = if at(i + 1).ends_with("ly") || matches!(at(i + 1), "also" | "then" | "now" | "not") {
        i + 2
    } else {
        i + 1
    };
    // A passive or a progressive is a plan: "will be held in Las Vegas", "will be holding a
    // rally in Salem".
    let passive = at(v) == "be"
        && (at(v + 1).ends_with("ed")
            || at(v + 1).ends_with("ing")
            || PARTICIPLES.contains(&at(v + 1)));
    // What is on an agenda: "Participants will discuss ballot access", "will begin polling".
    let agenda = AGENDA_VERBS.contains(&at(v))
        || matches!(at(v), "begin" | "start") && at(v + 1).ends_with("ing");
    // An open question or a time clause: "how that will play out", "when the crowds will have
    // dwindled".
    let embedded = (i.saturating_sub(8).max(r.start)..i)
        .rev()
        .take_while(|&k| t.kind(k) != TokKind::Punct)
        .any(|k| {
            matches!(
                t.lower(k),
                "how" | "where" | "who" | "whether" | "what" | "when" | "why" | "until" | "once"
            )
        });
    let question = r.end > r.start && t.lower(r.end - 1) == "?";
    !(noun
        || name
        || named_before
        || person_subject
        || dated
        || passive
        || agenda
        || embedded
        || question)
}

/// Roles a "potential" someone may come to hold (singular; a plural "s" is trimmed).
const POTENTIAL_ROLES: &[&str] = &[
    "buyer",
    "bidder",
    "candidate",
    "challenger",
    "customer",
    "donor",
    "investor",
    "leader",
    "mate",
    "nominee",
    "partner",
    "pick",
    "president",
    "rival",
    "successor",
    "supporter",
    "voter",
];

/// Irregular participles after "will be": "will be held in Las Vegas", "will be set".
const PARTICIPLES: &[&str] = &[
    "held", "set", "run", "shown", "made", "built", "paid", "sent", "put", "led", "told", "cut",
    "given", "taken", "seen", "known", "won", "sold", "brought", "chosen", "bound",
];

/// Acts on an agenda, announced rather than foreseen: "They will discuss a new security
/// agreement", "The ad will run statewide".
const AGENDA_VERBS: &[&str] = &[
    "discuss",
    "focus",
    "meet",
    "visit",
    "attend",
    "host",
    "hold",
    "speak",
    "travel",
    "address",
    "air",
    "run",
    "appear",
    "headline",
    "feature",
    "include",
    "testify",
    "interview",
    "join",
    "conduct",
    "tour",
];

/// Whether "may" at `i` gives leave rather than forecasts: "Residents may apply for a permit",
/// "Visitors may not bring food", "Families may be eligible for help".
fn permission(t: &Tokens, r: &Range<usize>, i: usize) -> bool {
    let at = |k: usize| if k < r.end { t.lower(k) } else { "" };
    let v = if matches!(at(i + 1), "not" | "also" | "only" | "still") {
        i + 2
    } else {
        i + 1
    };
    if at(v) == "be" {
        return matches!(
            at(v + 1),
            "eligible" | "entitled" | "allowed" | "permitted" | "required" | "obliged"
        );
    }
    matches!(
        at(v),
        "apply"
            | "request"
            | "appeal"
            | "register"
            | "enter"
            | "park"
            | "bring"
            | "submit"
            | "attend"
            | "visit"
            | "choose"
            | "opt"
            | "vote"
            | "carry"
            | "wear"
            | "solicit"
            | "donate"
    )
}

/// Modal "may" is not the month, and "could" in a question is not a claim.
fn prediction(t: &Tokens, r: &Range<usize>, hits: &Hits) -> Option<Range<usize>> {
    let hit = hits.get(List::Prediction)?;
    let w = t.lower(hit.start);
    // Only this sentence's tokens are read: a sentence's claims do not depend on the next one.
    let after = |k: usize| if k < r.end { t.lower(k) } else { "" };
    let number_after = hit.start + 1 < r.end && t.kind(hit.start + 1) == TokKind::Number;
    if w == "may" && (t.toks[hit.start].has(CAP) || number_after || permission(t, r, hit.start)) {
        return None;
    }
    // A role someone may take is a category, not a forecast: "potential running mates", "a
    // potential major-party nominee", "potential LGBT supporters".
    if w == "potential"
        && (hit.start + 1..(hit.start + 4).min(r.end)).any(|k| {
            let l = after(k);
            POTENTIAL_ROLES.contains(&l) || POTENTIAL_ROLES.contains(&l.trim_end_matches('s'))
        })
    {
        return None;
    }
    // The sentence's words before the hit.
    let before = |k: usize| {
        if k >= r.start && k < hit.start {
            t.lower(k)
        } else {
            ""
        }
    };
    let lead3 = hit.start.saturating_sub(3).max(r.start)..hit.start;
    // "neither side could open the scoring": past ability, not a forecast.
    let negated = lead3.clone().any(|k| {
        matches!(
            t.lower(k),
            "neither" | "not" | "never" | "no" | "nobody" | "nothing" | "none"
        )
    }) || after(hit.start + 1) == "not";
    if w == "could" && negated {
        return None;
    }
    // Generic "you" ("You could say ...", "the hardest test you could get") and a past ability
    // in a time clause ("had to register before they could vote") forecast nothing.
    if w == "could"
        && (hit.start.checked_sub(1).map_or("", before) == "you"
            || lead3
                .clone()
                .any(|k| matches!(t.lower(k), "before" | "until" | "till")))
    {
        return None;
    }
    // An open question ("asked whether he would stay neutral") and a purpose ("so he could
    // broker a deal", "so that they could vote") forecast nothing.
    let lead = hit.start.saturating_sub(5).max(r.start)..hit.start;
    if lead.clone().any(|k| t.lower(k) == "whether")
        || lead.clone().any(|k| {
            before(k) == "so" && (before(k + 1) == "that" || PRONOUNS.contains(before(k + 1)))
        })
    {
        return None;
    }
    Some(hit)
}

/// Words the story's own voice uses to judge: the editorializing lexicon (`set` is the
/// lexicon's `opinion`), outside quotes.
fn opinion_words(
    t: &Tokens,
    set: &PhraseSet,
    r: &Range<usize>,
    skip: &[bool],
) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = r.start;
    while i < r.end {
        match scan(t, &(i..r.end), skip, set, bits::OPINION) {
            Some(h) => {
                i = h.end;
                if !verb_use(t, &h, r) {
                    out.push(h);
                }
            }
            None => break,
        }
    }
    out
}

/// An "-ing" opinion word used as a verb, with an object and no determiner before it:
/// "embarrassing Clinton in a state she won", "to avoid damaging his business" (but "a
/// damaging few weeks", "after a humiliating loss to Trump").
fn verb_use(t: &Tokens, h: &Range<usize>, r: &Range<usize>) -> bool {
    if h.len() != 1 || !t.lower(h.start).ends_with("ing") || h.end >= r.end {
        return false;
    }
    let next = t.lower(h.end);
    let object = t.is_cap(h.end)
        || PRONOUNS.contains(next)
        || OBJECT_OPENERS.contains(&next)
        || matches!(next, "our" | "your" | "my" | "him" | "them" | "us" | "me");
    let modified = h.start > r.start
        && matches!(
            t.lower(h.start - 1),
            "a" | "an" | "the" | "this" | "that" | "very" | "most" | "more" | "so" | "too" | "less"
        );
    object && !modified
}

/// What a sentence's own tokens say about claims, wherever the sentence stands: the part of
/// the claim finding that reads nothing outside the sentence, so the incremental analysis can
/// keep it per sentence. Token ranges are relative to the sentence's first token.
#[derive(Clone, Debug)]
pub struct Local {
    pub(crate) words_outside: usize,
    pub(crate) figure: Option<Range<usize>>,
    pub(crate) hits: Hits,
    pub(crate) prediction: Option<Range<usize>>,
    /// Opinion words outside quotes, in order.
    pub opinion: Vec<Range<usize>>,
}

impl Local {
    /// Computes it for the tokens `r` of `t`, with `skip` the quoted tokens.
    pub fn of(t: &Tokens, opinion: &PhraseSet, r: &Range<usize>, skip: &[bool]) -> Local {
        let rel = |x: Range<usize>| x.start - r.start..x.end - r.start;
        let words_outside = r
            .clone()
            .filter(|&i| !skip[i] && t.kind(i) == TokKind::Word)
            .count();
        let rule = terms_of_rule(t, r, skip);
        let market = market_report(t, r, skip);
        let figure = r
            .clone()
            .filter(|&i| !skip[i] && may_start_figure(t, i, r))
            .find_map(|i| figure_at(t, i, r))
            .filter(|_| !rule && !market);
        let mut hits = Hits::of(t, r, skip);
        // A record told without a figure ("their highest level in 15 years") is measured like
        // a trend; a market's is its data.
        if hits.first[List::Trend as usize].is_none() && !market && !rule {
            hits.first[List::Trend as usize] = r
                .clone()
                .filter(|&i| !skip[i] && t.kind(i) == TokKind::Word)
                .find_map(|i| record_at(t, i, r).or_else(|| moved_at(t, i, r)));
        }
        // A market's record is its data too: "Shares rose 2.1%, making it one of the biggest
        // risers", "the biggest one-day fall since 2008".
        if market {
            hits.first[List::Superlative as usize] = None;
        }
        // What a rule's terms say "may", "must" or "will" happen is the rule's, not a forecast.
        let prediction = prediction(t, r, &hits)
            .or_else(|| {
                r.clone()
                    .find(|&i| !skip[i] && is_will(t.lower(i)) && bare_will_forecasts(t, r, i))
                    .map(|i| i..i + 1)
            })
            .filter(|_| !rule);
        Local {
            words_outside,
            figure: figure.map(rel),
            hits: Hits {
                first: hits.first.map(|h| h.map(rel)),
            },
            prediction: prediction.map(rel),
            opinion: opinion_words(t, opinion, r, skip)
                .into_iter()
                .map(rel)
                .collect(),
        }
    }
}
