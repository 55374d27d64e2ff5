//! A sentence's own attributions, as far as its words decide: each cue with its source,
//! its kind and what it attributes (the content), relative to the sentence's first token.

use super::*;

/// The attributions sentence `r`'s cues and vague phrases make, as far as its words decide
/// (see [`LocalAttr`]), and the sentence's status from them: what a cue's source is (by
/// position, a shared subject, the clause's subject), what kind of source, what is attributed;
/// cues with no source worth reporting, and thoughts nested in what someone said, are left out.
pub(super) fn local_attrs(
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
        let (mut source, shared) = cue_source(ctx, cue, r, &made);
        // "There are concerns that", "there is mounting anxiety": an expletive subject names no
        // one, as "experts say" does not; so too a view noun's adjectives read as its source
        // ("There is growing concern that"), not a speech noun's ("there have been few calls
        // for" keeps its source; in "There have been telling responses" it is an adjective).
        let expletive = source.as_ref().is_some_and(|sr| {
            (sr.len() == 1 && t.lower(sr.start) == "there")
                || (sr.end == cue.tokens.start
                    && sr.len() <= 4
                    && !matches!(cue.form.class, CueClass::Speech | CueClass::Loaded)
                    // "There's no doubt about that": no one holds it; the speaker asserts.
                    && !sr.clone().any(|k| t.lower(k) == "no")
                    && (t.lower(sr.start) == "there" || there_before(t, sr.start, r.start)))
        });
        // Evidence no one names is gestured at too: "there is anecdotal evidence suggesting".
        let felt_by_no_one =
            expletive && (!cue.form.class.sources_claims() || cue.form.class == CueClass::Evidence);
        // "Rubio is seen as the front-runner", "the memo was released": the subject of a
        // passive is what is said or seen, not who says it: the source shown is the agent
        // after "by", or none. With no agent, the subject still gives the sentence the status
        // it had (an agentless passive flagged as vague was wrong more often than right).
        let passive =
            source.as_ref().is_some_and(|sr| sr.end <= cue.tokens.start) && ctx.passive_cue(cue, r);
        let agent = passive.then(|| ctx.passive_agent(cue, r)).flatten();
        let unshown = passive && agent.is_none();
        // "It was revealed that": an agentless passive inside a vague phrase is that phrase.
        if unshown && within_any(vague, &cue.tokens) {
            continue;
        }
        source = if expletive { None } else { agent.or(source) };
        let (mut kind, mut person, described) = match (&source, shared) {
            // An epithet is read as "he" or "she" is.
            (Some(sr), _) if epithet(ctx, sr) => {
                let earlier = None;
                (SourceKind::Pronoun, PersonFrom::Pronoun { earlier }, false)
            }
            (Some(sr), _) => {
                let (kind, named, described) = ctx.classify(sr, quoted);
                let person = named.map_or(PersonFrom::None, |k| PersonFrom::Token(rel(k, base)));
                (kind, person, described)
            }
            (None, Some(a)) => (out[a].kind, PersonFrom::Item(a as u16), out[a].described),
            (None, None) => (SourceKind::Vague, PersonFrom::None, false),
        };
        if source.is_none() && shared.is_none() && !felt_by_no_one {
            // A cue with no source we can find: an intention or thought verb without one is
            // not worth reporting; a speech verb is a vague attribution only if clearly verbal.
            if !matches!(cue.form.class, CueClass::Speech | CueClass::Loaded) || cue.according {
                continue;
            }
            // A question put to someone no one names is still reported speech.
            if !ctx.quote_or_comma_before(cue.tokens.start, r.start) && cue.form.lemma != "asked" {
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
            (Some(sr), _) if unshown => (SourceFrom::None, Some(doc.range_span(sr.clone()))),
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
    vague_attrs(ctx, vague, r, &mut out, &mut made);
    // The sentence's status: its best sourced attribution not inside a quote.
    let mut best: Option<(ClaimStatus, u16)> = None;
    for (a, x) in out.iter().enumerate() {
        if x.quoted {
            continue;
        }
        // An unnamed group's view leaves the claim vaguely sourced, as its speech would.
        let vague_view = x.kind == SourceKind::Vague && x.class.holds_view(x.lemma);
        // Blame names a cause: "Farmers have blamed the mandate for pushing up prices" is the
        // farmers' causal claim ("migrants were blamed for" names no one who blames).
        let blame = matches!(x.lemma, "blame" | "blamed" | "blames" | "blaming") && {
            let before = doc.text[..made[a].0.start].trim_end();
            let be = before.rsplit(' ').next().unwrap_or("");
            !matches!(be, "was" | "were" | "been" | "be" | "is" | "are" | "being")
        };
        if !(x.class.sources_claims()
            || vague_view
            || blame
            || body_view(ctx, x, base)
            || inverted_view(ctx, x, base))
            || !has_source(made[a].1, x.kind)
        {
            continue;
        }
        let status = status_of(x.kind);
        if best.is_none_or(|(b, _)| rank(status) > rank(b)) {
            best = Some((status, a as u16));
        }
    }
    (out, best)
}

/// The source of `cue` in sentence `r`: the tokens it names (found by position, else the
/// clause's subject, else the name after a sentence-initial cue), or the earlier attribution
/// whose subject a coordinated verb shares (an index into `made`).
fn cue_source(
    ctx: &Ctx,
    cue: &Cue,
    r: &Range<usize>,
    made: &[(Span, Option<Span>, Spans)],
) -> (Option<Range<usize>>, Option<usize>) {
    let (t, people) = (ctx.t(), ctx.people);
    let mut source = cue.found.clone();
    // "Clinton attacked Trump, saying he ...": a trailing participle's speaker is the main
    // clause's subject, not the object before the comma nor the subject after the cue; after
    // an attribution ('..., he said, adding', 'said Spicer, adding') it is that one's source.
    let cue_word = t.lower(cue.tokens.start);
    if !cue.according && cue.tokens.start > r.start && cue_word.ends_with("ing") {
        let before = ctx.skip_adverbs_left(cue.tokens.start, r.start);
        let after_attr = before
            .filter(|&p| p > r.start && t.is_punct(p, ","))
            .and_then(|p| {
                let end = ctx.doc.range_span(p - 1..p).end;
                (0..made.len())
                    .rev()
                    .find(|&a| made[a].0.end == end || made[a].1.is_some_and(|s| s.end == end))
            });
        if let Some(a) = after_attr {
            return (None, Some(a));
        }
        if let Some(s) = ctx.participle_subject(cue.tokens.start, r.start) {
            // The subject of an attribution already made ("One official who relayed the
            // exchange said ..., telling"): share that one's whole phrase.
            let at = ctx.doc.range_span(s.clone()).start;
            if let Some(a) = (0..made.len()).find(|&a| made[a].1.is_some_and(|x| x.start == at)) {
                return (None, Some(a));
            }
            source = Some(s);
        }
    }
    // A verb coordinated with an earlier one shares its subject: "Trump agreed that ...
    // and conceded that ...".
    let mut shared: Option<usize> = None;
    if source.is_none() && !cue.according && ctx.coordinated(cue.tokens.start, r.start) {
        shared = (0..made.len()).rev().find(|&a| made[a].1.is_some());
    }
    if source.is_none() && cue.form.lemma == "asked" {
        // "Trump, when asked about it, said": who was asked is the person named before it,
        // else the first named after ("When asked why, Jones blamed ..."); else no one named.
        let named = |k: &usize| people.at(*k).is_some() && !ctx.quoted(*k);
        source = (r.start..cue.tokens.start)
            .rev()
            .find(named)
            .or_else(|| (cue.tokens.end..r.end).find(named))
            .map(|k| {
                let mut e = k + 1;
                while e < r.end && people.at(e) == people.at(k) {
                    e += 1;
                }
                k..e
            });
        return (source, None);
    }
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
    (source, shared)
}

/// The vague phrases of sentence `r` ("reportedly") that no cue's attribution covers, as
/// attributions of their own.
/// Whether the tokens `r` lie inside one of the ranges `within`.
fn within_any(within: &[Range<usize>], r: &Range<usize>) -> bool {
    within.iter().any(|v| v.start <= r.start && r.end <= v.end)
}

fn vague_attrs(
    ctx: &Ctx,
    vague: &[Range<usize>],
    r: &Range<usize>,
    out: &mut Vec<LocalAttr>,
    made: &mut Vec<(Span, Option<Span>, Spans)>,
) {
    let (doc, base) = (ctx.doc, r.start);
    for vp in vague {
        let span = doc.range_span(vp.clone());
        // A cue of thought or intention does not hide one, nor "expect" inside the phrase: in
        // "Clinton was expected to win" the passive "expected" names no one who expects.
        if out.iter().zip(made.iter()).any(|(x, (c, s, _))| {
            x.class.sources_claims()
                && !(x.lemma == "expect" && c.overlaps(&span))
                && (c.overlaps(&span) || s.is_some_and(|s| s.overlaps(&span)))
        }) {
            continue;
        }
        // "They claimed Montalvo allegedly left", "X is expected to rise, according to a
        // report by Y": the hedge is inside what a named source said, and is theirs (a body's
        // only when it is named after the hedge: "Trump, the party's nominee, has won the
        // support of millions, including views seen by some as hostile" is the reporter's).
        if out.iter().zip(made.iter()).any(|(x, (c, s, content))| {
            x.class.sources_claims()
                && !x.quoted
                && s.is_some()
                && (matches!(x.kind, SourceKind::Named | SourceKind::Pronoun)
                    || x.kind == SourceKind::Organisation && c.start >= span.end)
                && content.iter().any(|c| c.contains(&span))
        }) {
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
}

/// Whether `x` is a body's stated view: "Police believe there may be more victims", "the
/// company expects sales to rise 5%" (a force or a firm states its view; a person who
/// believes something is telling us what they think, a claim of its own).
fn body_view(ctx: &Ctx, x: &LocalAttr, base: usize) -> bool {
    let SourceFrom::Tokens(_, b) = x.source else {
        return false;
    };
    let t = ctx.t();
    let head = t.lower(abs(b, base) - 1);
    x.class == CueClass::Thought
        && x.kind == SourceKind::Organisation
        && matches!(x.lemma, "believe" | "expect" | "suspect" | "fear")
        // Institutions that state views on the record; not a party, a campaign, a team or
        // officials, whose beliefs are the story's claim about them.
        && matches!(
            head,
            "police"
                | "company"
                | "firm"
                | "bank"
                | "government"
                | "ministry"
                | "department"
                | "agency"
                | "council"
                | "regulator"
                | "regulators"
                | "authorities"
                | "commission"
                | "army"
                | "military"
        )
}

/// Nationality nouns beyond the "-ian" ones of `places.txt` ("the Dane", "the Scot", "the
/// American"; not "the Vatican").
const DEMONYM_NOUNS: &[&str] = &[
    "afghan",
    "african",
    "american",
    "brit",
    "chilean",
    "croat",
    "cuban",
    "dane",
    "dutchman",
    "dutchwoman",
    "englishman",
    "englishwoman",
    "finn",
    "frenchman",
    "frenchwoman",
    "german",
    "irishman",
    "irishwoman",
    "kiwi",
    "korean",
    "mexican",
    "moroccan",
    "pole",
    "scot",
    "scotsman",
    "scotswoman",
    "serb",
    "spaniard",
    "swede",
    "turk",
    "welshman",
    "welshwoman",
];

/// Whether the source `sr` is "the" and an epithet for a person named before: an age ("the
/// 28-year-old") or a nationality ("the Dane", "the Brazilian").
fn epithet(ctx: &Ctx, sr: &Range<usize>) -> bool {
    let t = ctx.t();
    if sr.len() != 2 || t.lower(sr.start) != "the" {
        return false;
    }
    let w = t.lower(sr.start + 1);
    let age = w.ends_with("-year-old");
    let nationality = t.toks[sr.start + 1].has(crate::analysis::text::CAP)
        && (DEMONYM_NOUNS.contains(&w) || ctx.doc.lex.is_place(w) && w.ends_with("ian"));
    age || nationality
}

/// Whether `x` is a view told after what is believed: "Late payments cost £11bn a year,
/// believes economist Sarah Hall" attributes the claim as "said" would.
fn inverted_view(ctx: &Ctx, x: &LocalAttr, base: usize) -> bool {
    let SourceFrom::Tokens(a, _) = x.source else {
        return false;
    };
    let cue = abs(x.cue.0, base)..abs(x.cue.1, base);
    x.class == CueClass::Thought
        && inverted_after_comma(ctx, &cue, abs(a, base), base)
        && matches!(x.kind, SourceKind::Named | SourceKind::Organisation)
}

/// Whether `cue`, a finite verb right after a comma in the sentence starting at token
/// `start`, has its source (starting at `source`) after it: "CONTENT, said economist Sarah
/// Hall", "..., believes Mr Smith". A participle ("..., reminding Americans of ...") is not
/// inverted: what follows it is its object.
fn inverted_after_comma(ctx: &Ctx, cue: &Range<usize>, source: usize, start: usize) -> bool {
    let t = ctx.t();
    source >= cue.end
        && cue.start > start
        && t.is_punct(cue.start - 1, ",")
        && !t.lower(cue.start).ends_with("ing")
}

/// What cue `cue` of sentence `r` attributes (relative to the sentence's first token).
pub(super) fn content_for(
    ctx: &Ctx,
    cue: &Cue,
    source: Option<&Range<usize>>,
    r: Range<usize>,
) -> ContentFrom {
    let t = ctx.t();
    let base = r.start;
    let tokens = |a: usize, b: usize| ContentFrom::Tokens(rel(a, base), rel(b, base));
    if cue.form.lemma == "asked" {
        // The question, after the asker if one follows "by": up to the clause's comma.
        let c = source
            .filter(|s| s.start == cue.tokens.end + 1)
            .map_or(cue.tokens.end, |s| s.end);
        let e = (c..r.end).find(|&k| t.is_punct(k, ",")).unwrap_or(r.end);
        let e = trim_end_punct(t, e, c);
        return if e > c {
            tokens(c, e)
        } else {
            ContentFrom::None
        };
    }
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
        let src_end = source.map_or(cue.tokens.end, |s| s.end.max(cue.tokens.end));
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
    // "CONTENT, said economist Sarah Hall, who has studied it.": inverted after a comma, the
    // cue attributes what comes before it, not the description after the source.
    if source.is_some_and(|s| inverted_after_comma(ctx, &cue.tokens, s.start, r.start)) {
        let head_end = trim_end_punct(t, cue.tokens.start, r.start);
        if head_end > r.start {
            return tokens(r.start, head_end);
        }
    }
    // "CONTENT, officials said, and ...": a source and cue set off by commas, a new clause
    // after them, attribute the clause before.
    if let Some(s) = source.filter(|s| s.start > r.start + 3 && s.end <= cue.tokens.start) {
        let set_off = t.is_punct(s.start - 1, ",")
            && after + 1 < r.end
            && t.is_punct(after, ",")
            && matches!(
                t.lower(after + 1),
                "and" | "but" | "while" | "although" | "though"
            );
        if set_off {
            return tokens(r.start, s.start - 1);
        }
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

pub(super) fn trim_end_punct(
    t: &crate::analysis::text::Tokens,
    mut end: usize,
    floor: usize,
) -> usize {
    while end > floor && matches!(t.kind(end - 1), TokKind::Punct | TokKind::Quote) {
        end -= 1;
    }
    end
}

/// Whether an expletive "there" and a form of "be" end right before token `i` (not before
/// `floor`): "There is | growing concern", "There's | a widespread recognition", "there has
/// been | mounting anxiety".
fn there_before(t: &crate::analysis::text::Tokens, i: usize, floor: usize) -> bool {
    let mut k = i;
    let mut be = false;
    while k > floor {
        k -= 1;
        match t.lower(k) {
            "is" | "are" | "was" | "were" | "been" | "be" | "'s" | "\u{2019}s" => be = true,
            "has" | "have" | "had" | "also" | "still" | "now" => {}
            "there" => return be,
            _ => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::tests::{run, t3, triples};
    use crate::analysis::SourceKind;

    #[test]
    fn figures_set_off_by_commas_source_the_clause_before() {
        let text = "Asylum bids rose to 47,000, the ministry's figures show, and rents rose.";
        let a = run(text);
        assert_eq!(a.attributions.len(), 1);
        let content = a.attributions[0].content[0];
        assert_eq!(
            &text[content.start..content.end],
            "Asylum bids rose to 47,000"
        );
        let text = "Turnout rose to 71 per cent, officials said, and queues formed.";
        let content = run(text).attributions[0].content[0];
        assert_eq!(
            &text[content.start..content.end],
            "Turnout rose to 71 per cent"
        );
        // A possessive pronoun's research is its owner's.
        assert_eq!(
            triples("His research shows that voters are tired."),
            [t3("shows", Some("His research"), "pronoun")]
        );
        // A plural noun its verb follows is no cue, whatever the model reads.
        assert!(triples("Jobless claims rose to 230,000 last week.").is_empty());
    }

    #[test]
    fn a_quantified_group_of_parents_or_patients_is_vague() {
        for (text, source) in [
            (
                "Some parents complain that the rules are harsh.",
                "Some parents",
            ),
            ("Many patients said the wait was too long.", "Many patients"),
            (
                "Senior Tories concede the election is lost.",
                "Senior Tories",
            ),
        ] {
            assert_eq!(
                triples(text),
                [t3(text.split(' ').nth(2).unwrap(), Some(source), "vague")]
            );
        }
        // Bare, the plural may be a known group: "the company's employees said".
        assert_eq!(
            triples("The company's employees said the plan failed."),
            [t3("said", Some("The company's employees"), "anonymous")]
        );
    }

    #[test]
    fn an_inverted_noun_phrase_after_said_is_the_source() {
        assert_eq!(
            triples("Prices may rise next year, said the company."),
            [t3("said", Some("the company"), "organisation")]
        );
        assert_eq!(
            triples("Sales fell, said the study's lead author, Dr Melody Ding."),
            [t3("said", Some("the study's lead author"), "organisation")]
        );
        // An unnamed group the story introduced before, described where it speaks.
        let text = "The talks may fail, said the people, who asked not to be identified.";
        let a = run(text);
        assert_eq!(a.attributions.len(), 1);
        assert_eq!(a.attributions[0].kind, SourceKind::Anonymous);
        assert!(a.attributions[0].described);
        // An object, an addressee and reported speech are no source.
        for text in [
            "Graham urged action, and criticized the party's record.",
            "Carson did not name anyone, but told his supporters the nation was in trouble.",
            "Jobs will go, said the company would say.",
        ] {
            let a = run(text);
            assert!(
                a.attributions.iter().all(|x| x.source.is_none_or(|s| {
                    !text[s.start..s.end].starts_with("the party")
                        && !text[s.start..s.end].starts_with("his supporters")
                        && &text[s.start..s.end] != "the company would say"
                })),
                "{text}"
            );
        }
    }

    #[test]
    fn a_court_rules_on_a_clause() {
        for text in [
            "A coroner ruled the inspection contributed to her death.",
            "The judge ruled that the search was unlawful.",
            "The court ruled the law unconstitutional.",
            "A federal appeals court ruled Friday against Ohio's procedure.",
        ] {
            assert_eq!(triples(text).len(), 1, "{text}");
            assert_eq!(triples(text)[0].0, "ruled", "{text}");
        }
        for text in [
            "He ruled the country for 30 years.",
            "Officials have effectively ruled that out.",
            "The case on which the court has ruled was closed.",
            "The court has ruled only on emergency filings.",
            "Federal rules forbid using campaign money.",
        ] {
            assert!(triples(text).is_empty(), "{text}: {:?}", triples(text));
        }
    }

    #[test]
    fn television_shows_are_no_evidence() {
        let text = "On the Fox and CNN morning shows, one in three voices were women.";
        assert!(triples(text).is_empty(), "{:?}", triples(text));
        assert_eq!(
            triples("Asylum bids rose, the figures shows.")[0].0,
            "shows"
        );
        // A cue form after an adjective that makes it a noun.
        assert!(triples("Revenue beat the average estimate of $11.9 billion.").is_empty());
    }

    #[test]
    fn an_age_or_a_nationality_names_whoever_was_just_named() {
        let text = "Brentford manager Thomas Frank said the striker would leave. \
                    \"Ivan has been fantastic for us,\" the Dane said.";
        let a = run(text);
        assert_eq!(a.attributions.len(), 2);
        assert_eq!(a.attributions[0].person, a.attributions[1].person);
        assert!(a.attributions[1].person.is_some());
        // A place is no epithet.
        let a = run("Pope Francis spoke on Monday. The Vatican said the visit was off.");
        let vatican = a.attributions.last().expect("an attribution");
        assert!(vatican.person.is_none() && vatican.kind != SourceKind::Pronoun);
    }
}
