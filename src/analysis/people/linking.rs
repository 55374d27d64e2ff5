//! The second pass: people keyed by full name, then the short mentions (surname alone,
//! title + surname, possessive, given name, another spelling) linked to them.

use super::*;

/// The token positions where each person is mentioned, per person.
///
/// Linking makes passes over the story, each in text order: a person's positions are kept as
/// one sorted run per pass, each appended to at its end, and the last mention before a place is
/// the latest over the runs. (One sorted list took an insertion in the middle for every mention
/// a later pass found: quadratic in a long story's mentions of its main character.)
#[derive(Default)]
pub(super) struct Seen {
    /// Per person, per pass: sorted positions.
    runs: Vec<Vec<Vec<usize>>>,
    pass: usize,
}

impl Seen {
    /// Starts the next pass.
    pub(super) fn next_pass(&mut self) {
        self.pass += 1;
    }

    pub(super) fn push(&mut self, person: usize, at: usize) {
        if self.runs.len() <= person {
            self.runs.resize_with(person + 1, Vec::new);
        }
        let runs = &mut self.runs[person];
        if runs.len() <= self.pass {
            runs.resize_with(self.pass + 1, Vec::new);
        }
        let v = &mut runs[self.pass];
        if v.last().is_none_or(|&x| x <= at) {
            v.push(at);
        } else {
            // Out of text order (no pass does this): still sorted.
            let k = v.partition_point(|&x| x <= at);
            v.insert(k, at);
        }
    }

    /// The last mention of `person` at or before `at`; 0 if none.
    pub(super) fn last_before(&self, person: usize, at: usize) -> usize {
        let Some(runs) = self.runs.get(person) else {
            return 0;
        };
        runs.iter()
            .map(|v| {
                let k = v.partition_point(|&x| x <= at);
                if k == 0 { 0 } else { v[k - 1] }
            })
            .max()
            .unwrap_or(0)
    }
}

/// Finds the people in the document, asking `memo` for each sentence's candidates.
pub(crate) fn find(
    doc: &Doc,
    quotes: &[QuoteMark],
    memo: Option<&mut dyn CandidateMemo>,
) -> People {
    let t = &doc.t;
    let (f, mut cands, capitals) = candidates(doc, quotes, memo);
    drop_storms(t, &capitals, &mut cands);
    let mut tok_person = vec![u32::MAX; t.len()];
    let Keyed {
        mut people,
        mut assigned,
        mut key_of,
        mut person_keys,
    } = strong_people(doc, &cands);
    let mut k = String::new(); // the key being looked up (a buffer: this runs per candidate)
    // Single-word strong mentions ("President Obama", "Mohib, the ambassador") become people when
    // no full name matches them.
    // Lowercase surnames of `people`, kept in step with it (lookups happen at every capital).
    let mut surnames: Vec<String> = people.iter().map(|p| p.surname().to_lowercase()).collect();
    // The same by surname, each with its people in index order (looked up at every capital).
    let mut by_surname: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (p, sur) in surnames.iter().enumerate() {
        by_surname.entry(sur.clone()).or_default().push(p);
    }
    let mut matches: Vec<usize> = Vec::new();
    // Link short mentions, nearest preceding full mention first.
    let mut positions = Seen::default();
    for (c, a) in cands.iter().zip(&assigned) {
        if let Some(p) = a {
            positions.push(*p, c.name.start);
        }
    }
    positions.next_pass();
    for ci in 0..cands.len() {
        if assigned[ci].is_some() {
            continue;
        }
        let c = &cands[ci];
        name_key(t, c.name.clone(), &mut k);
        // Match the surname, or the whole short name, of someone known.
        let last = t.bare(c.name.end - 1);
        surname_of(&by_surname, last, &mut matches);
        if c.name.len() >= 2 {
            // "Mary Smith" is not "John Smith": a full name links by surname only to someone
            // with the same given name (or its initial).
            let given = k.split(' ').next().unwrap_or("");
            matches.retain(|&p| {
                person_keys
                    .get(p)
                    .is_none_or(|pk| match pk.split_once(' ') {
                        Some((pg, _)) => pg.starts_with(given) || given.starts_with(pg),
                        None => true,
                    })
            });
        }
        if matches.is_empty() && c.name.len() >= 2 {
            matches.extend(key_of.get(&k).copied());
        }
        let given = f.lex.given_at(t, c.name.start);
        by_given_name(t, c, &person_keys, given, &mut matches);
        if let Some(p) = last_seen(&positions, &matches, c.name.start) {
            assigned[ci] = Some(p);
            positions.push(p, c.name.start);
            continue;
        }
        // Another spelling of a known surname ("Zelensky" for "Zelenskyy"); not a family
        // ("the Obamas", "the Clintons"), which is no one person.
        let close: Vec<usize> = surnames
            .iter()
            .enumerate()
            .filter(|(_, s)| close_spelling(s, last) && !is_plural_of(s, last))
            .map(|(i, _)| i)
            .collect();
        if c.name.len() == 1 && close.len() == 1 && c.evidence >= Evidence::None {
            assigned[ci] = Some(close[0]);
            positions.push(close[0], c.name.start);
            continue;
        }
        let body = c.evidence == Evidence::Weak && introduced_as_body(t, &capitals, c);
        if c.evidence >= Evidence::Weak && !body {
            let p = add_person(
                doc,
                c.name.clone(),
                &k,
                &mut people,
                &mut key_of,
                &mut person_keys,
            );
            let sur = people[p].surname().to_lowercase();
            by_surname.entry(sur.clone()).or_default().push(p);
            surnames.push(sur);
            assigned[ci] = Some(p);
            positions.push(p, c.name.start);
        }
    }
    // Capitalised words that were not candidates at all (sentence-initial "Trump", a surname in
    // a title-case headline) still name someone known.
    let mut covered = covered_by(t.len(), &cands, &assigned);
    positions.next_pass();
    let mut extra: Vec<Candidate> = Vec::new();
    let surname_shapes = Shapes::of(by_surname.keys());
    for &(si, i, sh) in &capitals {
        if covered[i] || !surname_shapes.may_be_shape(sh) || names_the_place(t, i) {
            continue;
        }
        let l = t.bare(i);
        surname_of(&by_surname, l, &mut matches);
        if let Some(p) = last_seen(&positions, &matches, i) {
            extra.push(Candidate::word(t, i, si, Evidence::None));
            assigned.push(Some(p));
            positions.push(p, i);
            covered[i] = true;
        }
    }
    cands.extend(extra);
    let known = (&mut people, &mut key_of, &mut person_keys, &mut surnames);
    lone_names(
        &f,
        &capitals,
        &mut covered,
        &mut cands,
        &mut assigned,
        known,
    );

    given_name_mentions(
        &f,
        &people,
        &capitals,
        &by_surname,
        &mut covered,
        &mut cands,
        &mut assigned,
    );
    drop_after_determiners(t, &cands, &mut assigned, people.len());
    surname_after_given(t, &cands, &mut assigned, &surnames);
    build_mentions(
        doc,
        &cands,
        &assigned,
        &surnames,
        &mut people,
        &mut tok_person,
    );
    finish(doc, people, tok_person)
}

/// The people with surname `l`, into `out` (a buffer: this runs at every capital).
fn surname_of(by_surname: &FxHashMap<String, Vec<usize>>, l: &str, out: &mut Vec<usize>) {
    out.clear();
    out.extend(by_surname.get(l).into_iter().flatten().copied());
}

/// Of `candidates` (people sharing a surname), the one mentioned last before token `at`.
/// Where each person is mentioned so far is kept sorted (`Seen`): which was seen last is a
/// binary search, not a scan of every mention (quadratic in a long story).
fn last_seen(seen: &Seen, candidates: &[usize], at: usize) -> Option<usize> {
    if candidates.len() <= 1 {
        return candidates.first().copied();
    }
    candidates
        .iter()
        .copied()
        .max_by_key(|&p| seen.last_before(p, at))
}

/// A name's words without suffixes ("Jr."), lowercase and without abbreviation dots, joined by
/// spaces, into `k`.
fn name_key(t: &crate::analysis::text::Tokens, r: Range<usize>, k: &mut String) {
    k.clear();
    for (n, i) in r.filter(|&i| !SUFFIXES.contains(&t.lower(i))).enumerate() {
        if n > 0 {
            k.push(' ');
        }
        k.push_str(t.bare(i));
    }
}

/// A new person named by tokens `name`, keyed by `k` (see [`name_key`]): their index.
fn add_person(
    doc: &Doc,
    name: Range<usize>,
    k: &str,
    people: &mut Vec<Person>,
    key_of: &mut FxHashMap<String, usize>,
    person_keys: &mut Vec<String>,
) -> usize {
    people.push(Person {
        name: name_text(doc, name),
        roles: Vec::new(),
        mentions: Vec::new(),
        variants: Vec::new(),
    });
    key_of.insert(k.to_string(), people.len() - 1);
    person_keys.push(k.to_string());
    people.len() - 1
}

/// Whether candidate `c` is one word the story introduces as a body ("software company
/// Quillon") or treats as a listed firm ("shares in Glencore", "Glencore shares",
/// "Glencore's chief executive"): no one, however it acts ("Quillon said"). (Few candidates
/// ask; each compares shapes first, not every capital's word.)
fn introduced_as_body(
    t: &crate::analysis::text::Tokens,
    capitals: &[(usize, usize, u16)],
    c: &Candidate,
) -> bool {
    if c.name.len() != 1 {
        return false;
    }
    let w = t.lower(c.name.start);
    let sh = spelling::shape(t.bare(c.name.start));
    capitals.iter().any(|&(_, i, s)| {
        s == sh
            && i > 0
            && t.lower(i) == w
            && (super::candidates::ORG_KIND_NOUNS.contains(&t.lower(i - 1)) || traded(t, i))
    })
}

/// Whether the capital at `i` is used as a listed firm: "shares in X", "a stake in X", "X
/// shares", "X's chief executive", "X's profits" (not "X's chief of staff": people have
/// those).
fn traded(t: &crate::analysis::text::Tokens, i: usize) -> bool {
    let at = |k: usize| if k < t.len() { t.lower(k) } else { "" };
    (i >= 2 && at(i - 1) == "in" && matches!(at(i - 2), "shares" | "stake"))
        || matches!(at(i + 1), "shares" | "plc")
        || (t.kind(i + 1) == crate::analysis::text::TokKind::Possessive
            && (matches!(
                at(i + 2),
                "shares" | "board" | "profits" | "profit" | "revenue" | "shareholders"
            ) || at(i + 2) == "chief" && matches!(at(i + 3), "executive" | "financial")))
}

/// Kinds of weather system whose name follows them: "Cyclone Phailin", "Hurricane Katrina".
const STORM_NOUNS: &[&str] = &["cyclone", "hurricane", "storm", "typhoon"];

/// Drops the candidates that end in a storm's name, however written ("Cyclone Phailin", "T C
/// Phailin"): a capitalised word after a storm noun anywhere in the story. Usually none.
fn drop_storms(
    t: &crate::analysis::text::Tokens,
    capitals: &[(usize, usize, u16)],
    cands: &mut Vec<Candidate>,
) {
    let mut storms: Vec<&str> = capitals
        .iter()
        .filter(|&&(_, i, _)| i > 0 && STORM_NOUNS.contains(&t.lower(i - 1)))
        .map(|&(_, i, _)| t.lower(i))
        .collect();
    if !storms.is_empty() {
        storms.sort_unstable();
        storms.dedup();
        cands.retain(|c| storms.binary_search(&t.lower(c.name.end - 1)).is_err());
    }
}

/// A person known by one name only ("Byron", "Jerome", "Chao" in a biography; a blogger known
/// by a given name): a capitalised word standing alone, that name lists know as a given name or
/// surname and word lists do not know as a word, used at least three times, at least twice as
/// someone who does something ("Byron received", "Chao's") and never as a place or body.
/// `known` is the people so far, their keys by name, their keys and their surnames.
fn lone_names(
    f: &Finder,
    capitals: &[(usize, usize, u16)],
    covered: &mut [bool],
    cands: &mut Vec<Candidate>,
    assigned: &mut Vec<Option<usize>>,
    known: (
        &mut Vec<Person>,
        &mut FxHashMap<String, usize>,
        &mut Vec<String>,
        &mut Vec<String>,
    ),
) {
    let (people, key_of, person_keys, surnames) = known;
    let t = &f.doc.t;
    let lex = f.lex;
    // Alone: no capitalised word beside it (one before it at a sentence start is fine).
    let beside = |i: usize| {
        t.toks[i].has(ALLCAPS)
            || f.is_cap_word(i + 1)
            || (i > 0 && f.is_cap_word(i - 1) && !f.is_sentence_start(i))
    };
    let lone = |i: usize| {
        !beside(i)
            && (lex.given_at(t, i) || lex.surname_at(t, i) || lex.news_surname_at(t, i))
            && !lex.common_at(t, i)
            && !t.has_bits(
                i,
                bits::NEVER_NAME | bits::PLACE | bits::ORG | bits::TITLE_FIRST,
            )
            && !lex.not_name_at(t, i)
    };
    // Does something: a possessive, or a verb in the past or "is/has" after it.
    let acts = |i: usize| {
        t.kind(i + 1) == TokKind::Possessive
            || (t.kind(i + 1) == TokKind::Word && !t.toks[i + 1].has(CAP) && {
                let l = t.lower(i + 1);
                (l.len() > 3 && l.ends_with("ed"))
                    || matches!(
                        l,
                        "was"
                            | "is"
                            | "has"
                            | "had"
                            | "said"
                            | "says"
                            | "wrote"
                            | "became"
                            | "went"
                            | "took"
                            | "made"
                            | "began"
                            | "left"
                            | "died"
                            | "won"
                    )
            })
    };
    // Where a place goes: "at Berkeley", "in Byron" (but "in Byron's memoirs" is his),
    // "California, Berkeley," (but "In Antioch, Jerome learned" is him).
    let placed = |i: usize| {
        i > 1
            && (matches!(t.lower(i - 1), "in" | "at" | "near")
                && t.kind(i + 1) != TokKind::Possessive
                || t.is_punct(i - 1, ",")
                    && t.has_bits(i - 2, bits::PLACE)
                    && t.kind(i + 1) == TokKind::Punct)
    };
    // (key, count, acting count, first token), in order of first use; a place is never counted.
    // (A map, not a list searched at every capital: a long story has thousands.)
    let mut seen: FxHashMap<&str, (u32, u32, usize)> = FxHashMap::default();
    for &(_, i, _) in capitals {
        if covered[i] || !lone(i) {
            continue;
        }
        let act = u32::from(acts(i));
        let place = if placed(i) { u32::MAX / 2 } else { 0 };
        let s = seen.entry(t.lower(i)).or_insert((0, 0, i));
        s.0 = s.0.saturating_add(1 + place);
        s.1 += act;
    }
    // In order of first use, so the same text always lists its people in the same order.
    let mut seen: Vec<(&str, u32, u32, usize)> = seen
        .into_iter()
        .filter(|(_, (n, acting, _))| (3..u32::MAX / 2).contains(n) && *acting >= 2)
        .map(|(k, (n, a, first))| (k, n, a, first))
        .collect();
    seen.sort_by_key(|s| s.3);
    for &(key, _, _, first) in &seen {
        // Someone known by a full name is linked by it ("Hillary" for Hillary Clinton).
        let known = person_keys.iter().any(|k| {
            k == key || k.split(' ').next() == Some(key) || k.rsplit(' ').next() == Some(key)
        });
        if known || is_month(key) || is_weekday(key) {
            continue;
        }
        let p = add_person(f.doc, first..first + 1, key, people, key_of, person_keys);
        surnames.push(key.to_string());
        for &(si, i, _) in capitals {
            if covered[i] || t.lower(i) != key || !lone(i) {
                continue;
            }
            cands.push(Candidate::word(t, i, si, Evidence::Weak));
            assigned.push(Some(p));
            covered[i] = true;
        }
    }
}

/// A given name alone for someone named in full, when nothing else matched (`out` is empty):
/// a knight or dame by title and given name ("Sir John" after "Sir John Major", British usage)
/// names whoever has that given name; an untitled given name ("Maria said", after "Maria
/// Lopez") names the one person the story gives it to. `given` is whether the word is a given
/// name the lists know.
fn by_given_name(
    t: &crate::analysis::text::Tokens,
    c: &Candidate,
    person_keys: &[String],
    given: bool,
    out: &mut Vec<usize>,
) {
    if c.name.len() != 1 || !out.is_empty() {
        return;
    }
    let knighted = c
        .title
        .as_ref()
        .is_some_and(|tr| tr.end == c.name.start && matches!(t.lower(tr.end - 1), "sir" | "dame"));
    if !knighted && (!given || c.title.is_some()) {
        return;
    }
    let name = t.lower(c.name.start);
    out.extend(
        person_keys
            .iter()
            .enumerate()
            .filter(|(_, pk)| pk.contains(' ') && pk.split(' ').next() == Some(name))
            .map(|(p, _)| p),
    );
    if !knighted && out.len() > 1 {
        out.clear();
    }
}

/// Which tokens the assigned candidates name.
fn covered_by(len: usize, cands: &[Candidate], assigned: &[Option<usize>]) -> Vec<bool> {
    let mut covered = vec![false; len];
    for (c, a) in cands.iter().zip(assigned) {
        if a.is_some() {
            for i in c.name.clone() {
                covered[i] = true;
            }
        }
    }
    covered
}

/// The people found so far, which candidate names whom, and each person's name key.
struct Keyed {
    people: Vec<Person>,
    assigned: Vec<Option<usize>>,
    key_of: FxHashMap<String, usize>,
    /// The key of each person in `people`, by index.
    person_keys: Vec<String>,
}

/// People from strong evidence first, keyed by full name (another spelling of a known full
/// name, with the same given name and a close surname, is the same person).
fn strong_people(doc: &Doc, cands: &[Candidate]) -> Keyed {
    let t = &doc.t;
    let mut people: Vec<Person> = Vec::new();
    let mut key_of: FxHashMap<String, usize> = FxHashMap::default();
    // The key of each person in `people`, by index.
    let mut person_keys: Vec<String> = Vec::new();
    let mut k = String::new(); // the key being looked up (a buffer: this runs per candidate)
    let mut assigned: Vec<Option<usize>> = vec![None; cands.len()];
    for (ci, c) in cands.iter().enumerate() {
        if c.evidence != Evidence::Strong || c.name.len() < 2 {
            continue;
        }
        name_key(t, c.name.clone(), &mut k);
        let p = match key_of.get(&k) {
            Some(&p) => p,
            None => {
                // Another spelling of a known full name: same given name, close surname.
                let given = t.bare(c.name.start);
                let sur = t.bare(c.name.end - 1);
                let same = person_keys.iter().position(|pk| {
                    let pg = pk.split(' ').next().unwrap_or("");
                    let ps = pk.rsplit(' ').next().unwrap_or("");
                    pk.contains(' ') && pg == given && close_spelling(ps, sur)
                });
                match same {
                    Some(p) => p,
                    None => add_person(
                        doc,
                        c.name.clone(),
                        &k,
                        &mut people,
                        &mut key_of,
                        &mut person_keys,
                    ),
                }
            }
        };
        assigned[ci] = Some(p);
    }
    Keyed {
        people,
        assigned,
        key_of,
        person_keys,
    }
}

/// A given name alone ("Daniel") names the one person in the story with that given name:
/// capitals no candidate covers become mentions of that person.
fn given_name_mentions(
    f: &Finder,
    people: &[Person],
    capitals: &[(usize, usize, u16)],
    by_surname: &FxHashMap<String, Vec<usize>>,
    covered: &mut [bool],
    cands: &mut Vec<Candidate>,
    assigned: &mut Vec<Option<usize>>,
) {
    let (t, lex) = (&f.doc.t, f.lex);
    let mut extra: Vec<Candidate> = Vec::new();
    // Each given name of a full name, with the first person who has it and whether another does.
    let mut givens: FxHashMap<String, (usize, bool)> = FxHashMap::default();
    for (k, p) in people.iter().enumerate() {
        if p.name.contains(' ') {
            let g = p.name.split(' ').next().unwrap_or("").to_lowercase();
            givens
                .entry(g)
                .and_modify(|(owner, shared)| {
                    // A name that runs on past another's is no second owner: "George Floyd
                    // Justice" (from an act's title) after "George Floyd".
                    let (a, b) = (&people[*owner].name, &p.name);
                    let extends = |long: &str, short: &str| {
                        long.strip_prefix(short).is_some_and(|r| r.starts_with(' '))
                    };
                    if extends(a, b) {
                        *owner = k;
                    } else if !extends(b, a) {
                        *shared = true;
                    }
                })
                .or_insert((k, false));
        }
    }
    let given_shapes = Shapes::of(givens.keys());
    for &(si, i, sh) in capitals {
        // The map first: most capitals are no one's given name, and `nameish` costs more.
        if covered[i] || !given_shapes.may_be_shape(sh) {
            continue;
        }
        let l = t.bare(i);
        let Some(&(owner, false)) = givens.get(l) else {
            continue;
        };
        if !f.nameish(i) {
            continue;
        }
        let also_surname = by_surname.contains_key(l);
        if !also_surname && lex.is_given(l) {
            extra.push(Candidate::word(t, i, si, Evidence::None));
            assigned.push(Some(owner));
            covered[i] = true;
        }
    }
    cands.extend(extra);
}

/// Whether `word` is the plural of surname `sur` ("Obamas", "Joneses"), any case.
fn is_plural_of(sur: &str, word: &str) -> bool {
    let w = word.to_lowercase();
    w.strip_suffix('s')
        .is_some_and(|stem| stem == sur || stem.strip_suffix('e') == Some(sur))
}

/// A surname right after a mention of someone with that surname is theirs: in "Hillary Clinton
/// Reassures Democrats" (a title-case headline, read word by word) "Clinton" is Hillary's, not
/// Bill's, whoever was named last.
fn surname_after_given(
    t: &crate::analysis::text::Tokens,
    cands: &[Candidate],
    assigned: &mut [Option<usize>],
    surnames: &[String],
) {
    // Only a surname two people share can have gone to the wrong one.
    let mut seen: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
    if surnames.iter().all(|s| seen.insert(s)) {
        return;
    }
    let by_end: FxHashMap<usize, usize> = cands
        .iter()
        .enumerate()
        .filter(|&(i, _)| assigned[i].is_some())
        .map(|(i, c)| (c.name.end, i))
        .collect();
    for (ci, c) in cands.iter().enumerate() {
        if c.name.len() != 1 || assigned[ci].is_none() {
            continue;
        }
        let Some(p) = by_end.get(&c.name.start).and_then(|&j| assigned[j]) else {
            continue;
        };
        if surnames
            .get(p)
            .is_some_and(|s| *s == t.bare(c.name.start).to_lowercase())
        {
            assigned[ci] = Some(p);
        }
    }
}

/// The candidate finder, every sentence's person candidates, and its capitalised words (not
/// all capitals) with their sentence and shape (the passes after linking look at nothing
/// else), asking `memo` for each sentence's.
#[allow(clippy::type_complexity)] // two lists of plain tuples, named in the comment above
fn candidates<'d, 'a>(
    doc: &'d Doc<'a>,
    quotes: &[QuoteMark],
    mut memo: Option<&mut dyn CandidateMemo>,
) -> (Finder<'d, 'a>, Vec<Candidate>, Vec<(usize, usize, u16)>) {
    let lex = doc.lex;
    let t = &doc.t;
    // Words inside a quoted title ("named \"Better Idea of Afghan Girls\"") are not names.
    let mut in_quote_title = vec![false; t.len()];
    for q in quotes {
        let caps = q
            .tokens
            .clone()
            .filter(|&i| t.kind(i) == TokKind::Word)
            .all(|i| t.toks[i].has(CAP));
        if caps && q.words >= 2 && q.words <= 8 {
            for i in q.tokens.clone() {
                in_quote_title[i] = true;
            }
        }
    }
    let f = Finder {
        doc,
        lex,
        in_quote_title,
    };
    // What the sentences' candidates read of the story around them.
    if let Some(m) = memo.as_deref_mut() {
        m.quoted_titles(&f.in_quote_title);
    }
    let mut cands: Vec<Candidate> = Vec::with_capacity(doc.sentences.len());
    // The capitalised words (not all capitals) of the sentences that can name people, with their
    // sentence: the passes after linking look at nothing else.
    // Each with its bare word's shape, worked out once (and kept in the memo).
    let mut capitals: Vec<(usize, usize, u16)> = Vec::with_capacity(t.len() / 8);
    // Runs of capitals, and a sentence's capitals, buffers reused from sentence to sentence.
    let mut run_buf: Vec<Range<usize>> = Vec::new();
    let mut caps_buf: Vec<(u32, u16)> = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        if matches!(s.kind, SentenceKind::Dateline | SentenceKind::Byline) {
            continue;
        }
        // The sentence's candidates and capitals (relative to `base`), added to `out`.
        let mut candidates = |out: &mut Vec<Candidate>,
                              caps_out: &mut Vec<(u32, u16)>,
                              base: usize| {
            let r = s.tokens.start.min(t.len())..s.tokens.end.min(t.len());
            // (A loop over a slice: this reads every token of the story.)
            for (i, tok) in t.toks[r.clone()].iter().enumerate() {
                if tok.kind == TokKind::Word && tok.flags & (CAP | ALLCAPS) == CAP {
                    caps_out.push(((r.start + i - base) as u32, shape(t.bare(r.start + i))));
                }
            }
            let para_kind = doc.paragraphs[s.paragraph].kind;
            let title_case = matches!(para_kind, ParagraphKind::Headline | ParagraphKind::Heading)
                && {
                    let words = s
                        .tokens
                        .clone()
                        .filter(|&i| t.kind(i) == TokKind::Word && t.lower(i).len() > 3)
                        .count();
                    let caps = s
                        .tokens
                        .clone()
                        .filter(|&i| {
                            t.kind(i) == TokKind::Word && t.lower(i).len() > 3 && t.toks[i].has(CAP)
                        })
                        .count();
                    words >= 2 && caps * 10 >= words * 7
                };
            runs(&f, s.tokens.clone(), &mut run_buf);
            let from = out.len();
            out.extend(
                run_buf
                    .iter()
                    .filter_map(|run| f.candidate(run.clone(), si, title_case)),
            );
            if !title_case {
                f.coordinated_names(&mut out[from..]);
            }
        };
        let at = s.tokens.start;
        match memo.as_deref_mut() {
            None => {
                caps_buf.clear();
                candidates(&mut cands, &mut caps_buf, 0);
                capitals.extend(caps_buf.iter().map(|&(i, sh)| (si, i as usize, sh)));
            }
            Some(m) => {
                let kept = m.candidates(doc, si, &mut || {
                    let mut v = SentenceNames::default();
                    candidates(&mut v.cands, &mut v.capitals, at);
                    v.cands = v.cands.iter().map(|c| c.moved(at, 0, 0)).collect();
                    v
                });
                cands.extend(kept.cands.iter().map(|c| c.moved(0, at, si)));
                capitals.extend(
                    kept.capitals
                        .iter()
                        .map(|&(i, sh)| (si, i as usize + at, sh)),
                );
            }
        }
    }
    (f, cands, capitals)
}

/// Someone only ever named by one word that the text puts after "the" ("the Scientology
/// organization") is not a person: their candidates are unassigned.
fn drop_after_determiners(
    t: &crate::analysis::text::Tokens,
    cands: &[Candidate],
    assigned: &mut [Option<usize>],
    people: usize,
) {
    let mut short_only = vec![true; people];
    let mut after_det = vec![false; people];
    for (c, a) in cands.iter().zip(assigned.iter()) {
        let Some(p) = *a else { continue };
        short_only[p] &= c.name.len() == 1 && c.title.is_none();
        after_det[p] |= c.title.is_none()
            && c.name.start > 0
            && matches!(t.lower(c.name.start - 1), "the" | "a" | "an");
    }
    for p in 0..people {
        if short_only[p] && after_det[p] {
            for a in assigned.iter_mut() {
                if *a == Some(p) {
                    *a = None;
                }
            }
        }
    }
}

/// Each candidate's mention, title, roles and other spellings added to the person it was
/// assigned to, in document order, and its tokens marked as naming that person.
fn build_mentions(
    doc: &Doc,
    cands: &[Candidate],
    assigned: &[Option<usize>],
    surnames: &[String],
    people: &mut [Person],
    tok_person: &mut [u32],
) {
    let t = &doc.t;
    // Build mentions and roles in document order.
    let mut order: Vec<usize> = (0..cands.len())
        .filter(|&i| assigned[i].is_some())
        .collect();
    order.sort_by_key(|&i| cands[i].name.start);
    let mut counts = vec![0usize; people.len()];
    for &ci in &order {
        counts[assigned[ci].expect("filtered above")] += 1;
    }
    for (person, n) in people.iter_mut().zip(counts) {
        person.mentions.reserve_exact(n);
    }
    for ci in order {
        let c = &cands[ci];
        let p = assigned[ci].expect("filtered above");
        let person = &mut people[p];
        let kind = if c.name.len() >= 2 {
            MentionKind::Full
        } else {
            MentionKind::Short
        };
        let canonical_sur = &surnames[p];
        let this_sur = t.bare(c.name.end - 1);
        let mi = person.mentions.len();
        person.mentions.push(Mention {
            span: doc.range_span(c.name.clone()),
            kind,
            title: c.title.clone().map(|r| doc.range_span(r)),
            possessive: c.possessive,
            sentence: c.sentence,
        });
        if this_sur != canonical_sur && close_spelling(canonical_sur, this_sur) {
            let variant = t.toks[c.name.end - 1];
            let vtext = doc.text[variant.start as usize..variant.end as usize].to_string();
            match person.variants.iter_mut().find(|(v, _)| *v == vtext) {
                Some((_, ms)) => ms.push(mi),
                None => person.variants.push((vtext, vec![mi])),
            }
        }
        for r in c.roles.iter().flat_map(|r| r.iter()) {
            let r = r.trim().trim_end_matches(',');
            if !r.is_empty() && !person.roles.iter().any(|x| x.eq_ignore_ascii_case(r)) {
                person.roles.push(r.to_string());
            }
        }
        let from = c.title.as_ref().map_or(c.name.start, |r| r.start);
        for tp in &mut tok_person[from..c.name.end] {
            *tp = p as u32;
        }
        if c.possessive {
            tok_person[c.name.end] = p as u32;
        }
    }
}

/// The people as the analysis reports them: each named by its fullest mention (a person only
/// ever seen by surname keeps it), those left without a mention dropped.
fn finish(doc: &Doc, mut people: Vec<Person>, mut tok_person: Vec<u32>) -> People {
    // The fullest name wins; a person only ever seen by surname keeps it.
    for person in &mut people {
        if let Some(m) = person
            .mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Full)
            .max_by_key(|m| m.span.len())
        {
            let full = doc.text[m.span.start..m.span.end]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if full.split(' ').count() >= person.name.split(' ').count() {
                person.name = full;
            }
        }
    }
    // A person must have a mention; drop any that lost theirs.
    let keep: Vec<bool> = people.iter().map(|p| !p.mentions.is_empty()).collect();
    if keep.iter().any(|k| !k) {
        let mut remap = vec![u32::MAX; people.len()];
        let mut n = 0u32;
        for (i, k) in keep.iter().enumerate() {
            if *k {
                remap[i] = n;
                n += 1;
            }
        }
        people.retain(|p| !p.mentions.is_empty());
        for tp in &mut tok_person {
            if *tp != u32::MAX {
                *tp = remap[*tp as usize];
            }
        }
    }
    People { people, tok_person }
}
