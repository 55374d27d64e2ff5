//! Figures: which numbers in a sentence are statistics someone counted, and which are dates,
//! ages, identifiers, tallies on the record or a firm's boilerplate. Part of the claim-local
//! facts ([`super::facts`]): a pure function of the sentence's tokens.

use crate::analysis::lexicon::bits;
use crate::analysis::text::{CAP, SPACE_BEFORE, TokKind, Tokens, is_month};
use std::ops::Range;

use crate::analysis::lexicon::lists::{
    APPROXIMATORS as APPROXIMATORS_LIST, CASUALTY, COMPARATIVES as COMPARATIVES_LIST, CURRENCY,
    FIGURE_LEAD_WORDS as FIGURE_LEAD_WORDS_LIST, MAGNITUDES, NUMBER_WORDS as NUMBER_WORDS_LIST,
    TIME_UNITS, UNITS,
};

crate::word_sets! {
    APPROXIMATORS = APPROXIMATORS_LIST;
    COMPARATIVES = COMPARATIVES_LIST;
    FIGURE_LEAD_WORDS = FIGURE_LEAD_WORDS_LIST;
    NUMBER_WORDS = NUMBER_WORDS_LIST;
}

pub(super) fn is_year(t: &Tokens, i: usize) -> bool {
    let l = t.lower(i);
    l.len() == 4
        && l.bytes().all(|b| b.is_ascii_digit())
        && (1800..=2100).contains(&l.parse::<u32>().unwrap_or(0))
        || (l.len() == 5 && l.ends_with('s') && l[..4].bytes().all(|b| b.is_ascii_digit()))
}

/// Whether [`figure_at`] can find a figure at token `i`: a number, or one of its words (its own
/// first test, inlined: most tokens fail it, and the call itself cost more than the test).
#[inline]
pub(super) fn may_start_figure(t: &Tokens, i: usize, r: &Range<usize>) -> bool {
    match t.kind(i) {
        TokKind::Number => true,
        TokKind::Word => {
            t.has_bits(i, bits::FIGURE) || (i + 1 < r.end && t.has_bits(i + 1, bits::MAGNITUDE))
        }
        _ => false,
    }
}

/// A number that is a statistic, not a date, a time, a year, an age or part of a name.
pub(super) fn figure_at(t: &Tokens, i: usize, r: &Range<usize>) -> Option<Range<usize>> {
    match t.kind(i) {
        TokKind::Number => number_figure_at(t, i, r),
        TokKind::Word => word_figure_at(t, i, r),
        _ => None,
    }
}

/// [`figure_at`] for a number token: the figure it starts, if it starts one.
fn number_figure_at(t: &Tokens, i: usize, r: &Range<usize>) -> Option<Range<usize>> {
    let next = |k: usize| if i + k < r.end { t.lower(i + k) } else { "" };
    let prev = |k: usize| if i >= r.start + k { t.lower(i - k) } else { "" };
    let l = t.lower(i);
    if is_year(t, i) && !matches!(next(1), "%" | "percent" | "people" | "votes" | "signatures") {
        return None;
    }
    if l.ends_with("st")
        || l.ends_with("nd")
        || l.ends_with("rd")
        || l.ends_with("th")
        || l.contains("-year")
    {
        return None;
    }
    let approx =
        APPROXIMATORS.contains(prev(1)) || (prev(1) == "than" && COMPARATIVES.contains(prev(2)));
    if l.ends_with("-fold") || (approx && UNITS.contains(&next(1))) {
        // "increased 18-fold", "about 500 miles".
        return Some(if approx { i - 1 } else { i }..i + 1);
    }
    if is_month(prev(1))
        || is_month(next(1))
        || next(1) == ":"
        || prev(1) == ":"
        || TIME_UNITS.contains(&next(1))
        || UNITS.contains(&next(1))
    {
        return None;
    }
    // Prize money is on the record: "won the championship and $50,000".
    if (i.saturating_sub(6)..i).any(|k| {
        k >= r.start && matches!(t.lower(k), "won" | "prize" | "award" | "purse" | "winnings")
    }) {
        return None;
    }
    // A condition's number is no count: "would only lose if more than 80 of its MPs voted
    // against it".
    if (r.start..i)
        .rev()
        .take_while(|&k| !matches!(t.lower(k), "," | ";" | ":" | "\u{2014}"))
        .any(|k| matches!(t.lower(k), "if" | "unless"))
    {
        return None;
    }
    // A study's own sample: "a survey of 1709 schoolchildren", "a poll of 800 voters".
    if prev(1) == "of" && matches!(prev(2), "survey" | "poll" | "study" | "sample" | "census") {
        return None;
    }
    // Ages ("Montalvo, 19,", "aged 19", "died at the age of 92") and scores ("0 – 0", "2-1").
    // (An age group, "voters under 30", stays a figure: it is mostly a poll's breakdown, which
    // needs the poll.)
    if (prev(1) == "," && next(1) == ",")
        || prev(1) == "aged"
        || (prev(1) == "of" && matches!(prev(2), "age" | "ages"))
        || (matches!(prev(1), "and" | "to") && prev(3) == "of" && prev(4) == "ages")
        || l.contains('-')
    {
        return None;
    }
    // A fraction written without its zero, a batting average: "hitting .203".
    if i > r.start
        && t.is_punct(i - 1, ".")
        && !t.toks[i].has(SPACE_BEFORE)
        && (i - 1 == r.start || t.toks[i - 1].has(SPACE_BEFORE))
    {
        return None;
    }
    // The losing side of a vote's tally ("passed by 310 votes to 290") and a majority in
    // seats or votes ("Labour has a majority of 66", "a majority of almost 20,000").
    if prev(1) == "to" && matches!(prev(2), "votes" | "ballots")
        || prev(1) == "of" && prev(2) == "majority"
        || APPROXIMATORS.contains(prev(1)) && prev(2) == "of" && prev(3) == "majority"
    {
        return None;
    }
    if matches!(next(1), "-" | "\u{2013}" | "\u{2014}" | "to")
        && i + 2 < r.end
        && t.kind(i + 2) == TokKind::Number
        && !MAGNITUDES.contains(&next(3))
    {
        return None;
    }
    if i > r.start
        && t.toks[i - 1].has(CAP)
        && t.kind(i - 1) == TokKind::Word
        && !matches!(prev(1), "about" | "over" | "nearly" | "almost" | "than")
    {
        // "Internet Explorer 6", "Level 4", "Windows 10".
        return None;
    }
    // Part of a name or a date written with a slash: "1600 Pennsylvania Avenue", "54 Below",
    // "9/11", "24/7" (a plural after it is a count: "12 Republicans"); a section of the tax
    // code: "401(k)", "501(c)(3)".
    if prev(1) == "/"
        || next(1) == "/"
        || (next(1) == "(" && !t.toks[i + 1].has(SPACE_BEFORE))
        || (i + 1 < r.end
            && t.kind(i + 1) == TokKind::Word
            && t.toks[i + 1].has(CAP)
            && !next(1).ends_with('s')
            && !MAGNITUDES.contains(&next(1))
            && !CURRENCY.contains(&next(1)))
    {
        return None;
    }
    let value: f64 = l.replace(',', "").parse().unwrap_or(0.0);
    let unit = MAGNITUDES.contains(&next(1))
        || CURRENCY.contains(&prev(1))
        || CURRENCY.contains(&next(1))
        || next(1) == "%";
    if unit || value >= 10.0 {
        let mut e = i + 1;
        while e < r.end
            && (MAGNITUDES.contains(&t.lower(e))
                || t.lower(e) == "%"
                || CURRENCY.contains(&t.lower(e))
                // "per cent", British usage: one unit.
                || t.lower(e) == "cent" && t.lower(e - 1) == "per")
        {
            e += 1;
        }
        let mut s = if CURRENCY.contains(&prev(1)) {
            i - 1
        } else {
            i
        };
        // "US$", "A$": a country prefix glued to the currency sign.
        if s < i
            && s > r.start
            && t.kind(s - 1) == TokKind::Word
            && t.toks[s].flags & SPACE_BEFORE == 0
            && t.lower(s - 1).len() <= 2
        {
            s -= 1;
        }
        let s = if s == i && FIGURE_LEAD_WORDS.contains(prev(1)) {
            i - 1
        } else {
            s
        };
        if on_record(t, s, e, r) {
            return None;
        }
        return Some(s..e);
    }
    None
}

/// Whether the figure `s..e` of the sentence `r` is on the public record or no count at all,
/// so that no one need be quoted for it: an identifier ("channel 125", "Route 66"), a
/// threshold the rules set ("needs 1,237 delegates to win"), a vote's tally ("611 in favour",
/// "40 percent of the vote"), or the size of a law, suit or budget ("a $15 minimum wage",
/// "a $40 million lawsuit").
fn on_record(t: &Tokens, s: usize, e: usize, r: &Range<usize>) -> bool {
    let at = |k: usize| if r.contains(&k) { t.lower(k) } else { "" };
    let before = |n: usize| if s >= r.start + n { at(s - n) } else { "" };
    if matches!(
        before(1),
        "channel"
            | "page"
            | "pages"
            | "route"
            | "room"
            | "flight"
            | "section"
            | "article"
            | "chapter"
            | "no"
            | "no."
            | "number"
            | "episode"
            | "season"
            | "highway"
            | "interstate"
            | "district"
            | "precinct"
            | "ward"
            | "gate"
            | "exit"
            | "row"
            | "seat"
            | "suite"
            | "unit"
            | "platform"
            | "track"
            | "bus"
            | "line"
            | "pier"
    ) {
        return true;
    }
    if matches!(
        before(1),
        "need" | "needs" | "needed" | "take" | "takes" | "require" | "requires"
    ) && (e..e + 4).any(|k| at(k) == "to")
        // "to reach the 2,383 needed to win".
        || matches!(at(e), "needed" | "required") && at(e + 1) == "to"
    {
        return true;
    }
    // A goal or a limit someone set is no count: "the Bank's 2% target", "a 1.5C limit", "a
    // target of 33,000 new homes a year" (not "was the target of $768,000 in attacks").
    if matches!(at(e), "target" | "targets" | "goal" | "threshold" | "limit")
        || before(1) == "of"
            && matches!(
                before(2),
                "target"
                    | "targets"
                    | "goal"
                    | "goals"
                    | "threshold"
                    | "limit"
                    | "ceiling"
                    | "quota"
            )
            && !(before(2) == "target" && before(3) == "the")
    {
        return true;
    }
    // The charges a court has on its record: "pleaded guilty to 23 counts of fraud".
    if matches!(at(e), "counts" | "charges" | "offences" | "offenses")
        && (r.start..s).any(|k| {
            matches!(
                t.lower(k),
                "pleaded"
                    | "pled"
                    | "admitted"
                    | "denied"
                    | "denies"
                    | "charged"
                    | "convicted"
                    | "faces"
                    | "facing"
                    | "face"
                    | "guilty"
                    | "acquitted"
                    | "cleared"
            )
        })
    {
        return true;
    }
    if election_record(t, s, e, r) {
        return true;
    }
    if set_by_authority(t, s, e, r) {
        return true;
    }
    if firms_own(t, s, e, r) {
        return true;
    }
    let money = (s..e).any(|k| CURRENCY.contains(&t.lower(k)));
    money
        && (s.saturating_sub(3).max(r.start)..(e + 3).min(r.end)).any(|k| {
            matches!(
                t.lower(k),
                "wage"
                    | "lawsuit"
                    | "suit"
                    | "fine"
                    | "fined"
                    | "bail"
                    | "settlement"
                    | "budget"
                    | "cap"
                    | "ceiling"
            )
        })
}

/// Whether the figure `s..e` of sentence `r` is an election's count on the returning officer's
/// record: a tally ("611 in favour", "40 percent of the vote"), a share restated after a count,
/// a count with its unit left off, a turnout.
fn election_record(t: &Tokens, s: usize, e: usize, r: &Range<usize>) -> bool {
    let at = |k: usize| if r.contains(&k) { t.lower(k) } else { "" };
    let before = |n: usize| if s >= r.start + n { at(s - n) } else { "" };
    // A count's share restated ("11,719 votes, or 44.2 per cent") and an election's turnout
    // ("Turnout was 36 per cent, down from 62 per cent", "a voter turnout of 53 percent") are
    // the count's record.
    let restated = before(1) == "or"
        && before(2) == ","
        && matches!(before(3), "votes" | "ballots" | "seats" | "delegates");
    // The other side's count with its unit left off: "took 11,719 votes ... while Labour's
    // Sarah Edwards received 10,403." (This and the turnout scan the sentence, so they run
    // last, and only when the checks beside them fail.)
    let unit_left_off = || {
        e == s + 1
            && t.kind(s) == TokKind::Number
            && (e >= r.end || t.kind(e) == TokKind::Punct)
            && (r.start..s).any(|k| matches!(t.lower(k), "votes" | "ballots"))
    };
    // (A group's turnout, "black turnout among those ages 18 to 29", is someone's analysis.)
    let turnout = || {
        (r.start..s).any(|k| {
            t.lower(k) == "turnout"
                && (k == r.start || matches!(t.lower(k - 1), "the" | "a" | "voter" | "overall"))
                && matches!(
                    at(k + 1),
                    "was" | "is" | "of" | "stood" | "at" | "fell" | "rose"
                )
        })
    };
    restated
        || matches!(
            at(e),
            "votes" | "ballots" | "opposed" | "against" | "abstentions"
        )
        || (at(e) == "in" && matches!(at(e + 1), "favor" | "favour"))
        || (at(e) == "of"
            && matches!(at(e + 1), "the" | "all")
            && matches!(at(e + 2), "vote" | "votes"))
        || unit_left_off()
        || turnout()
}

/// Whether the figure `s..e` of sentence `r` is a firm's own: its size from its annual report,
/// the jobs it announces it cuts or creates, a share of its own staff.
fn firms_own(t: &Tokens, s: usize, e: usize, r: &Range<usize>) -> bool {
    let at = |k: usize| if r.contains(&k) { t.lower(k) } else { "" };
    let before = |n: usize| if s >= r.start + n { at(s - n) } else { "" };
    // A firm's own size, boilerplate from its annual report: "employs 75,000 people", "which
    // has 600 stores in the UK", "employs more than 100,000 people".
    let lead = |n: usize| {
        let hedged = matches!(before(1), "than" | "least") && matches!(before(2), "more" | "at");
        before(if hedged { n + 2 } else { n })
    };
    if matches!(lead(1), "employs" | "employed" | "employing" | "employ")
        || matches!(
            lead(1),
            "has" | "have" | "had" | "operates" | "operated" | "runs" | "ran"
        ) && matches!(
            at(e),
            "stores"
                | "shops"
                | "branches"
                | "outlets"
                | "restaurants"
                | "hotels"
                | "offices"
                | "plants"
                | "factories"
                | "pubs"
                | "employees"
                | "staff"
                | "workers"
        )
    {
        return true;
    }
    // A study's sample, told with its method: "tracked more than 100,000 health workers",
    // "surveyed 2,000 adults", "analysed data from 57 studies covering 160,000 adults in 10
    // countries" (its findings are what need the study: the method verb must govern the
    // figure, with no finding, clause or comma between them).
    // ("followed" and "tracked" only right before it: "followed closely by Carson with 20
    // percent" is a race.)
    let method = |k: usize| {
        matches!(
            at(k),
            "surveyed"
                | "polled"
                | "interviewed"
                | "questioned"
                | "recruited"
                | "studied"
                | "analysed"
                | "analyzed"
                | "examined"
                | "sampled"
        )
    };
    let ends_clause = |k: usize| {
        t.kind(k) == TokKind::Punct
            || matches!(
                at(k),
                "and" | "but" | "that" | "which" | "who" | "found" | "finds" | "showed" | "shows"
            )
    };
    if (r.start.max(s.saturating_sub(12))..s)
        .rev()
        .take_while(|&k| !ends_clause(k))
        .any(method)
        || matches!(lead(1), "followed" | "tracked")
    {
        return true;
    }
    // A firm's own announcement of the jobs it cuts or creates: "is to cut 10,000 jobs",
    // "laid off 11,000 people" (a count the firm gives, not one someone had to make).
    let staff = matches!(
        at(e),
        "jobs" | "roles" | "posts" | "positions" | "staff" | "workers" | "employees" | "people"
    );
    let cuts = matches!(
        lead(1),
        "cut" | "cuts" | "cutting" | "shed" | "sheds" | "shedding" | "axe" | "axes" | "axing"
    ) || lead(1) == "off" && matches!(lead(2), "lay" | "lays" | "laid" | "laying");
    let creates = matches!(
        lead(1),
        "create" | "creates" | "creating" | "add" | "adds" | "adding"
    );
    // ... and its share of the firm's own staff: "less than 5% of its workforce".
    let of_workforce = at(e) == "of"
        && matches!(at(e + 1), "its" | "their")
        && matches!(at(e + 2), "workforce" | "staff" | "employees");
    staff && (cuts || creates && at(e) == "jobs") || of_workforce
}

/// Whether the figure `s..e` of sentence `r` is a size someone with authority set: a cap
/// ("voted to cap rent rises at 3%"), a central bank's rate ("cut interest rates to 4%"), or
/// a penalty ("fined three firms a total of £12m").
fn set_by_authority(t: &Tokens, s: usize, e: usize, r: &Range<usize>) -> bool {
    let at = |k: usize| if r.contains(&k) { t.lower(k) } else { "" };
    let before = |n: usize| if s >= r.start + n { at(s - n) } else { "" };
    // The size of a cap someone sets: "voted to cap rent rises at 3% a year", "fees will be
    // limited to £9,250".
    if matches!(before(1), "at" | "to")
        && (r.start..s).any(|k| {
            matches!(
                t.lower(k),
                "cap"
                    | "caps"
                    | "capped"
                    | "capping"
                    | "limit"
                    | "limits"
                    | "limited"
                    | "limiting"
                    | "freeze"
                    | "froze"
                    | "frozen"
                    | "freezing"
            )
        })
    {
        return true;
    }
    // A central bank's rate, set at a meeting and published: "which cut interest rates to 4%".
    let policy_rate = (r.start + 1..s).any(|k| {
        matches!(t.lower(k), "rate" | "rates")
            && matches!(
                t.lower(k - 1),
                "interest" | "base" | "bank" | "policy" | "benchmark" | "lending"
            )
    }) && (r.start..s).any(|k| {
        matches!(
            t.lower(k),
            "cut"
                | "cuts"
                | "raised"
                | "raises"
                | "raise"
                | "lowered"
                | "lowers"
                | "held"
                | "holds"
                | "kept"
                | "keeps"
                | "hiked"
                | "set"
                | "left"
        )
    });
    if matches!(before(1), "at" | "to") && policy_rate {
        return true;
    }
    // The terms of a proposal, which the proposer set, not counted: "three members preferring
    // a rise to 5.5%", "favoured a cut to 20p" (not a poll's split: "preferred Clinton 51
    // percent to 24 percent").
    let split = before(1) == "to"
        && (matches!(before(2), "%" | "percent" | "per")
            || before(2).bytes().next().is_some_and(|b| b.is_ascii_digit()));
    if matches!(before(1), "at" | "to" | "of")
        && !split
        && (s.saturating_sub(5).max(r.start)..s).any(|k| {
            matches!(
                t.lower(k),
                "prefer"
                    | "prefers"
                    | "preferred"
                    | "preferring"
                    | "favour"
                    | "favours"
                    | "favoured"
                    | "favouring"
                    | "favor"
                    | "favors"
                    | "favored"
                    | "favoring"
                    | "proposed"
                    | "proposing"
                    | "proposes"
                    | "propose"
            )
        })
    {
        return true;
    }
    // A penalty imposed is on the record however far its sum stands from the verb: "Ofgem
    // fined three firms a total of £12m", "was ordered to pay £40,000 in compensation".
    // So is money a body voted or set aside: "voted to approve a $42 million plan", "has set
    // aside 120 million euros ... and another 57 million euros", "earmarked £2bn". One scan of
    // the sentence, and only for a sum.
    (s..e).any(|k| CURRENCY.contains(&t.lower(k)))
        && (r.start..s).any(|k| {
            let l = t.lower(k);
            matches!(l, "fined" | "fines" | "fining")
                || l == "ordered" && at(k + 1) == "to" && at(k + 2) == "pay"
                || matches!(
                    l,
                    "approve"
                        | "approved"
                        | "approves"
                        | "approving"
                        | "allocated"
                        | "allocates"
                        | "earmarked"
                        | "earmarks"
                        | "appropriated"
                        | "budgeted"
                )
                || l == "aside" && k > r.start && t.lower(k - 1) == "set"
        })
}

/// A measure that moved, told without a figure: "Sales of fresh produce have fallen sharply",
/// "Crime has risen". Only a measure's own noun before the verb: "the senator has fallen out
/// of touch", "the memorial has grown" and "has declined to comment" are no trend.
pub(super) fn moved_at(t: &Tokens, i: usize, r: &Range<usize>) -> Option<Range<usize>> {
    if !matches!(t.lower(i), "has" | "have") || i == r.start || i + 1 >= r.end {
        return None;
    }
    let moved = matches!(
        t.lower(i + 1),
        "fallen"
            | "risen"
            | "soared"
            | "doubled"
            | "tripled"
            | "plummeted"
            | "surged"
            | "dropped"
            | "declined"
            | "grown"
            | "halved"
            | "slumped"
            | "jumped"
    );
    let after = if i + 2 < r.end { t.lower(i + 2) } else { "" };
    // The measure's noun, or the head of "Sales of fresh produce".
    let head = (i.saturating_sub(4).max(r.start + 1)..i)
        .find(|&k| t.lower(k) == "of")
        .map_or(i - 1, |k| k - 1);
    let measure = matches!(
        t.lower(head),
        "prices"
            | "price"
            | "sales"
            | "rates"
            | "costs"
            | "cost"
            | "numbers"
            | "unemployment"
            | "inflation"
            | "wages"
            | "pay"
            | "earnings"
            | "profits"
            | "revenue"
            | "revenues"
            | "spending"
            | "debt"
            | "borrowing"
            | "crime"
            | "exports"
            | "imports"
            | "output"
            | "demand"
            | "turnover"
            | "attendance"
            | "membership"
            | "enrolment"
            | "enrollment"
            | "emissions"
            | "deaths"
            | "admissions"
            | "applications"
            | "arrests"
            | "incomes"
            | "productivity"
            | "rents"
            | "bills"
            | "waits"
            | "lists"
            | "homelessness"
            | "poverty"
            | "obesity"
            | "use"
            | "usage"
            | "subscriptions"
            | "complaints"
    );
    (moved && measure && !matches!(after, "to" | "out" | "behind" | "short" | "up" | "into"))
        .then(|| head..i + 2)
}

/// A record told without a figure: "their highest level in 15 years", "the lowest rate for 18
/// months", "its weakest since 1974", "since records began", "for a third month in a row".
/// Someone measured it, as they would a trend. The range runs from the superlative (or the
/// streak's "for") to the period's end.
pub(super) fn record_at(t: &Tokens, i: usize, r: &Range<usize>) -> Option<Range<usize>> {
    let at = |k: usize| if k < r.end { t.lower(k) } else { "" };
    let l = t.lower(i);
    let number = |k: usize| k < r.end && t.kind(k) == TokKind::Number;
    let period = |k: usize| TIME_UNITS.contains(&at(k)) && !matches!(at(k), "times" | "st" | "nd");
    // A streak: "for a third month in a row", "for the fifth consecutive quarter".
    if l == "for" && matches!(at(i + 1), "a" | "the") {
        let end = if period(i + 3) && at(i + 4) == "in" && at(i + 5) == "a" && at(i + 6) == "row" {
            i + 7
        } else if matches!(at(i + 3), "consecutive" | "straight") && period(i + 4) {
            i + 5
        } else {
            return None;
        };
        let ordinal = at(i + 2).ends_with("th") || matches!(at(i + 2), "second" | "third");
        return ordinal.then_some(i..end);
    }
    // A record told with its number: "took a record 299 days", "a record 42 points".
    if l == "a" && at(i + 1) == "record" && number(i + 2) {
        let end = if i + 3 < r.end && t.kind(i + 3) == TokKind::Word {
            i + 4
        } else {
            i + 3
        };
        return Some(i..end);
    }
    if !matches!(
        l,
        "highest"
            | "lowest"
            | "biggest"
            | "largest"
            | "smallest"
            | "fastest"
            | "slowest"
            | "sharpest"
            | "steepest"
            | "strongest"
            | "weakest"
            | "deepest"
    ) {
        return None;
    }
    // The superlative's noun, if any, then the period: "highest level in", "lowest since".
    let mut k = i + 1;
    if matches!(
        at(k),
        "level" | "levels" | "rate" | "point" | "figure" | "pace" | "reading" | "total" | "number"
    ) {
        k += 1;
    }
    let span_to = |end: usize| Some(i..end);
    match at(k) {
        "in" | "for" | "over" => {
            // "in 15 years", "for 18 months", "in more than a decade", "in a generation",
            // "in years".
            if matches!(at(k + 1), "years" | "decades") {
                return span_to(k + 2);
            }
            let mut j = k + 1;
            if matches!(at(j), "more" | "nearly" | "almost" | "over" | "at") {
                j += if matches!(at(j + 1), "than" | "least") {
                    2
                } else {
                    1
                };
            }
            if (number(j) || matches!(at(j), "a" | "two" | "three" | "four" | "five" | "six"))
                && (period(j + 1) || at(j + 1) == "generation")
            {
                return span_to(j + 2);
            }
            None
        }
        // "since 1974", "since records began", "since the 1990s".
        "since" => {
            if number(k + 1) {
                span_to(k + 2)
            } else if at(k + 1) == "records" {
                span_to(k + 2 + usize::from(at(k + 2) == "began"))
            } else if at(k + 1) == "the" && number(k + 2) {
                span_to(k + 3)
            } else {
                None
            }
        }
        "on" if at(k + 1) == "record" => span_to(k + 2),
        _ => None,
    }
}

/// [`figure_at`] for a word ("hundreds", "half", "two million"): the figure it starts.
fn word_figure_at(t: &Tokens, i: usize, r: &Range<usize>) -> Option<Range<usize>> {
    let next = |k: usize| if i + k < r.end { t.lower(i + k) } else { "" };
    let prev = |k: usize| if i >= r.start + k { t.lower(i - k) } else { "" };
    // Only these words, or a word before a magnitude, start a figure (the branches
    // below, by the lists above).
    if !(t.has_bits(i, bits::FIGURE) || (i + 1 < r.end && t.has_bits(i + 1, bits::MAGNITUDE))) {
        return None;
    }
    let l = t.lower(i);
    // "Hundreds of fans" describes a crowd; "tens of thousands of lives" counts the dead.
    if matches!(
        l,
        "hundreds" | "thousands" | "millions" | "billions" | "dozens"
    ) && next(1) == "of"
    {
        let about_harm = (i + 2..(i + 7).min(r.end)).any(|k| CASUALTY.contains(&t.lower(k)));
        if !about_harm {
            return None;
        }
        let s = if prev(1) == "of" && prev(2) == "tens" {
            i - 2
        } else {
            i
        };
        return Some(s..i + 1);
    }
    // A rate as a fraction: "one in five patients", "two in three voters", "one in 10".
    if next(1) == "in"
        && matches!(l, "one" | "two" | "three")
        && (NUMBER_WORDS.contains(next(2)) && next(2) != "a" && next(2) != "many"
            || i + 2 < r.end && t.kind(i + 2) == TokKind::Number)
    {
        let s = if APPROXIMATORS.contains(prev(1)) {
            i - 1
        } else {
            i
        };
        return Some(s..i + 3);
    }
    // "two billion people", "a million".
    if matches!(next(1), "million" | "billion" | "trillion" | "thousand")
        && NUMBER_WORDS.contains(l)
        // "a chance of one in a million" is a phrase.
        && !(l == "a" && prev(1) == "in" && prev(2) == "one")
    {
        return Some(i..i + 2);
    }
    // "more than half the calories", "nearly half the country".
    let half_the =
        l == "half" && next(1) == "the" && matches!(prev(1), "almost" | "nearly" | "than" | "over");
    if matches!(
        l,
        "half" | "majority" | "two-thirds" | "one-third" | "quarter"
    ) && (next(1) == "of" || half_the)
        && matches!(prev(1), "almost" | "nearly" | "more" | "over" | "a" | "the" | "than")
        && l != "quarter"
        // A margin, not a share: "Labour has a majority of 66", "of almost 20,000".
        && !(i + 2 < r.end && t.kind(i + 2) == TokKind::Number)
        && !(l == "majority"
            && APPROXIMATORS.contains(next(2))
            && i + 3 < r.end
            && t.kind(i + 3) == TokKind::Number)
    {
        // With its hedge: "more than half", "nearly half".
        let s = match (prev(1), prev(2)) {
            ("than", "more" | "less" | "fewer") => i - 2,
            ("almost" | "nearly" | "over", _) => i - 1,
            _ => i,
        };
        return Some(s..i + 1);
    }
    None
}
