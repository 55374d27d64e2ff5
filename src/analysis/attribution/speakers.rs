//! The document pass: attributions made whole (persons, pronouns resolved), quotes given
//! their speakers, carry-over of a quote's source to the sentences it spans, and each
//! sentence's sourcing status.

use super::*;

/// Finds the attributions of the document, asking `memo` for each sentence's own.
pub(crate) fn find(
    doc: &Doc,
    marks: &[QuoteMark],
    people: &People,
    mut memo: Option<&mut dyn CueMemo>,
) -> Found {
    let ctx = Ctx::new(doc, people, marks);
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
                PersonFrom::Pronoun { earlier } => pronoun_person(
                    doc,
                    people,
                    &attributions,
                    si,
                    earlier.and_then(|k| people.at(tok(k))),
                    last_speaker,
                )
                .or(last_person),
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
        quote_speakers(
            marks,
            &by_sentence,
            si,
            first_attr,
            own,
            &mut attributions,
            &mut quote_attr,
            (&mut near, &mut sent_attrs),
        );
    }

    carry_over(
        doc,
        marks,
        &by_sentence,
        &mut quote_attr,
        &mut attributions,
        &mut sentence_sources,
    );
    tag_after(
        doc,
        marks,
        &mut quote_attr,
        &mut attributions,
        &mut sentence_sources,
    );
    let quotes = whole_quotes(&ctx, marks, &quote_attr, &attributions);
    Found {
        attributions,
        quotes,
        sentence_sources,
    }
}

/// The quotes near sentence `si` that its attributions (from `first_attr` on) speak: a quote
/// that is an attribution's content (in the sentence before, this one or the next), then the
/// quotes in this sentence, which take the nearest speech attribution with a source.
/// (`buffers` are reused from sentence to sentence.)
#[allow(clippy::too_many_arguments)] // one call site; the state is the pass's own
fn quote_speakers(
    marks: &[QuoteMark],
    by_sentence: &Buckets,
    si: usize,
    first_attr: usize,
    own: &SentenceAttrs,
    attributions: &mut [Attribution],
    quote_attr: &mut [Option<usize>],
    buffers: (&mut Vec<usize>, &mut Vec<usize>),
) {
    let (near, sent_attrs) = buffers;
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
        for &qi in near.iter() {
            let q = &marks[qi];
            if quote_attr[qi].is_none() && !q.nested && attributions[a].content.contains(&q.inner) {
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

/// Which quote each token is in (the innermost), and the quotes by their opening and closing
/// mark's token.
pub(super) fn quote_maps(tokens: usize, marks: &[QuoteMark]) -> (Vec<u32>, QuoteAt, QuoteAt) {
    let mut in_quote = vec![u32::MAX; tokens];
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
    (in_quote, opens, closes)
}

/// Quotes by a mark's token.
type QuoteAt = FxHashMap<usize, usize>;

/// The person a pronoun source names: the first person named before it in its sentence
/// (`earlier`), else the previous sentence's source, else the first person that sentence names
/// (usually its subject), else the last speaker within three sentences (the caller falls back
/// to the last person named).
fn pronoun_person(
    doc: &Doc,
    people: &People,
    attributions: &[Attribution],
    si: usize,
    earlier: Option<usize>,
    last_speaker: Option<(usize, usize)>,
) -> Option<usize> {
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
    let prev_first =
        || prev.and_then(|ps| doc.sentences[ps].tokens.clone().find_map(|k| people.at(k)));
    earlier
        .or_else(prev_source)
        .or_else(prev_first)
        .or(last_speaker
            .filter(|(_, ssi)| si - *ssi <= 3)
            .map(|(p, _)| p))
}

/// Carry-over: a quote's attribution covers every sentence of the quote, and a sentence that
/// is only a quote, right after an attributed quote in the same paragraph (or a paragraph that
/// is only a quote after one that closed with an attributed quote), is the same speaker's.
fn carry_over(
    doc: &Doc,
    marks: &[QuoteMark],
    by_sentence: &Buckets,
    quote_attr: &mut [Option<usize>],
    attributions: &mut [Attribution],
    sentence_sources: &mut [Option<(ClaimStatus, usize)>],
) {
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
}

/// A quote that is a whole sentence with no speaker, tagged by the next sentence: '"There is
/// no money left." That was the Treasury's message.', '"It is over." So tweeted Mr Hill.' The
/// next sentence (in the same paragraph, or opening the next when the quote stands alone)
/// attributes speech to someone and says nothing of its own: no content, one that points
/// back ("this", "that", "so", "it"), or only when and where ("on Monday night").
fn tag_after(
    doc: &Doc,
    marks: &[QuoteMark],
    quote_attr: &mut [Option<usize>],
    attributions: &mut [Attribution],
    sentence_sources: &mut [Option<(ClaimStatus, usize)>],
) {
    let t = &doc.t;
    for (qi, q) in marks.iter().enumerate() {
        if quote_attr[qi].is_some() || q.nested || q.close_tok.is_none() {
            continue;
        }
        let si = doc.sentence_of[q.open_tok] as usize;
        let Some(next) = doc.sentences.get(si + 1) else {
            continue;
        };
        let sent = &doc.sentences[si];
        let whole = sent.tokens.start == q.open_tok && q.tokens.end + 1 >= sent.tokens.end;
        let alone = doc.paragraphs[sent.paragraph].sentences.len() == 1;
        if !whole || (next.paragraph != sent.paragraph && !alone) {
            continue;
        }
        // The next sentence's own quotes are its speakers' business.
        if next.tokens.clone().any(|k| t.kind(k) == TokKind::Quote) {
            continue;
        }
        let a0 = attributions.partition_point(|x| x.sentence <= si);
        let tag = attributions[a0..]
            .iter()
            .take_while(|x| x.sentence == si + 1)
            .position(|x| {
                matches!(x.class, CueClass::Speech | CueClass::Loaded)
                    && x.source.is_some()
                    && matches!(
                        x.kind,
                        SourceKind::Named | SourceKind::Pronoun | SourceKind::Organisation
                    )
                    && x.content.iter().all(|c| {
                        let w = doc.text[c.start..c.end].split_whitespace().next();
                        let w = w.map(str::to_lowercase);
                        // What points back, or only says when and where.
                        matches!(
                            w.as_deref(),
                            Some(
                                "this"
                                    | "that"
                                    | "so"
                                    | "it"
                                    | "on"
                                    | "in"
                                    | "at"
                                    | "late"
                                    | "later"
                                    | "earlier"
                                    | "yesterday"
                                    | "today"
                                    | "last"
                            )
                        )
                    })
            });
        if let Some(k) = tag {
            let a = a0 + k;
            quote_attr[qi] = Some(a);
            attributions[a].content.push(q.inner);
            if sentence_sources[si].is_none() {
                sentence_sources[si] = Some((status_of(attributions[a].kind), a));
            }
        }
    }
}

/// The quotes as the analysis reports them: each with its attribution (a nested quote takes
/// the one of the quote around it), speaker and kind.
fn whole_quotes(
    ctx: &Ctx,
    marks: &[QuoteMark],
    quote_attr: &[Option<usize>],
    attributions: &[Attribution],
) -> Vec<Quote> {
    // The outer (not nested) quotes, indexed by span: a nested quote finds those around it.
    let outer = crate::analysis::index::SpanIndex::new(
        marks
            .iter()
            .enumerate()
            .filter(|(_, q)| !q.nested)
            .map(|(k, q)| (k, q.span)),
    );
    marks
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
            let kind = quote_kind(ctx, q, attribution.is_some());
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
        .collect()
}

pub(super) fn quote_kind(ctx: &Ctx, q: &QuoteMark, attributed: bool) -> QuoteKind {
    let t = ctx.t();
    let words = || {
        q.tokens
            .clone()
            .filter(|&i| matches!(t.kind(i), TokKind::Word | TokKind::Number))
    };
    // The last word in the three tokens before a quote's open mark `open`, and whether it
    // names what the quote holds ("called", "as", "dubbed").
    let word_before = |open: usize| {
        (0..open)
            .rev()
            .take(3)
            .find(|&i| t.kind(i) == TokKind::Word)
    };
    let names = |b: usize, open: usize| NAMING.contains(&t.lower(b)) && b + 3 >= open;
    let before = word_before(q.open_tok);
    // The second of two terms named together: 'grades such as "outstanding" and
    // "inadequate"' (the open mark of the first within a few words before "and").
    let named_with = before.is_some_and(|b| {
        matches!(t.lower(b), "and" | "or")
            && b > 0
            && t.kind(b - 1) == TokKind::Quote
            && (b.saturating_sub(6)..b - 1)
                .rev()
                .find(|&k| t.kind(k) == TokKind::Quote)
                .is_some_and(|open| word_before(open).is_some_and(|w| names(w, open)))
    });
    let naming = before.is_some_and(|b| names(b, q.open_tok)) || named_with;
    // A term being explained ('To "route out" ... refers to', '"third map" (third round)') or
    // the name of an award ('a silver medal for "courageous achievement"').
    let after = q.close_tok.map_or(q.tokens.end, |c| c + 1);
    let explained = t.is_punct(after, "(")
        || matches!(t.lower(after), "refers" | "means" | "meaning")
        || (t.lower(after) == "in"
            && matches!(t.lower(after + 1), "jargon" | "slang" | "parlance"));
    let award =
        (q.open_tok.saturating_sub(4)..q.open_tok).any(|k| AWARD_WORDS.contains(t.lower(k)));
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
    // A speech verb before it in the sentence makes the words the speaker's own: "called the
    // rebate 'unjustified'", "slamming the story as 'faulty'", "blamed the government's
    // 'reckless' budget" (a capitalised "State" is a name).
    let speech_act = || {
        (sent.tokens.start..q.open_tok).any(|k| {
            (t.has_bits(k, bits::CUE)
                || matches!(
                    t.lower(k),
                    "blamed"
                        | "blames"
                        | "blaming"
                        | "denounced"
                        | "denounces"
                        | "denouncing"
                        | "derided"
                        | "derides"
                        | "deriding"
                        | "mocked"
                        | "mocks"
                        | "mocking"
                ))
                && t.kind(k) == TokKind::Word
                && !t.toks[k].has(CAP)
                && !ctx.quoted(k)
        })
    };
    if !attributed
        && q.words <= 4
        && !matches!(sent.kind, SentenceKind::Headline | SentenceKind::Heading)
        && !speech_act()
    {
        return QuoteKind::Scare;
    }
    QuoteKind::Partial
}
