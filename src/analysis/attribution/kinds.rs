//! Source kinds: whether the source a cue found is a named person, a body or document, an
//! unnamed person, a vague group, the reporter or a pronoun ([`Ctx::classify`]), with the
//! tests it needs (offices, owned documents, analysts at a firm, quantified groups).

use super::*;

/// Words for an unnamed share of a group, as a phrase's head: "Some in the party", "Many
/// within the administration", "Others in Washington".
const SHARES: &[&str] = &["some", "many", "most", "few", "several", "others"];

impl Ctx<'_, '_> {
    /// Words `r` end in a title that names one office ("prime minister", "foreign minister",
    /// "minister", "mayor"), not a role many hold ("official", "spokesman").
    fn office(&self, r: Range<usize>) -> bool {
        let t = self.t();
        if r.is_empty() {
            return false;
        }
        let head = t.lower(r.end - 1);
        let mut key = String::new();
        (r.start..r.end).any(|k| {
            key.clear();
            for i in k..r.end {
                if i > k {
                    key.push(' ');
                }
                key.push_str(t.lower(i));
            }
            self.doc.lex.title(&key).is_some()
                && (r.end - k >= 2 || !PERSON_ROLES.contains(head) || head == "minister")
        })
    }

    /// The kind of a source phrase whose head is a document or a group: numbers, groups and
    /// online posts no one names are vague ("Figures show", "new data suggest", "Protest
    /// groups say", "An internet posting claimed"; studies and critics no one names are;
    /// "the figures", "its data", "ONS figures", "the groups"
    /// named before are someone's); a body's own document is the body's ("Its report found",
    /// "their survey shows", as "his" names a person).
    fn unnamed_or_owned(
        &self,
        np: &Range<usize>,
        head: &str,
        first: &str,
        proper: bool,
        n_words: usize,
    ) -> Option<SourceKind> {
        if !proper
            && matches!(
                head,
                "figures"
                    | "data"
                    | "numbers"
                    | "statistics"
                    | "estimates"
                    | "groups"
                    | "associations"
                    | "organisations"
                    | "organizations"
                    | "charities"
                    | "posting"
                    | "postings"
                    | "post"
                    | "posts"
            )
            // (Determiners include the possessives: "its data", "their figures"; "an online
            // post" is no one's.)
            && (!DETERMINERS.contains(first)
                || matches!(first, "a" | "an") && matches!(head, "posting" | "post"))
            && !PRONOUNS.contains(first)
            && !self.owner_follows(np.end)
        {
            return Some(SourceKind::Vague);
        }
        (n_words == 2
            && matches!(first, "its" | "their" | "his" | "her")
            && EVIDENCE_NOUNS.contains(head))
        .then_some(SourceKind::Pronoun)
    }

    /// Whether a body is named soon after the phrase ending at `end`: "figures that were
    /// released Thursday by Crowdpac", "data from the ONS".
    fn owner_follows(&self, end: usize) -> bool {
        let t = self.t();
        let Some(s) = self
            .doc
            .sentences
            .get(self.doc.sentence_of[end - 1] as usize)
        else {
            return false;
        };
        let stop = (end + 10).min(s.tokens.end);
        (end..stop)
            .any(|k| matches!(t.lower(k), "by" | "from") && k + 1 < stop && t.toks[k + 1].has(CAP))
    }

    /// Whether the phrase `p..end` after a group noun names the firm or institution its
    /// analysts speak for: "analysts at Peel Hunt", "economists from the Bank of England",
    /// "researchers at Cardiff University" (their work is published under its name). A place
    /// ("experts in Beijing") and a person's staff ("officials at the White House", who are
    /// people no one names) are not.
    fn analysts_at_firm(&self, p: usize, end: usize) -> bool {
        let t = self.t();
        if !matches!(t.lower(p), "at" | "from") || t.kind(p - 1) != TokKind::Word {
            return false;
        }
        let mut k = p + 1;
        if k < end && t.lower(k) == "the" {
            k += 1;
        }
        let named = (k..end)
            .take_while(|&j| t.kind(j) == TokKind::Word && t.toks[j].has(CAP))
            .any(|j| !t.has_bits(j, bits::PLACE) || self.doc.lex.is_org_word(t.lower(j)));
        named
            && matches!(
                t.lower(p - 1),
                "analysts"
                    | "economists"
                    | "strategists"
                    | "researchers"
                    | "scientists"
                    | "academics"
                    | "experts"
                    | "pollsters"
            )
    }

    /// Whether token `i` is a preposition after a plural group noun or a share of one:
    /// "Officials in Beijing", "residents of the town", "critics in Congress", "Some in the
    /// party". The group is the source's head.
    pub(super) fn group_then_phrase(&self, i: usize) -> bool {
        let t = self.t();
        if i == 0
            || !matches!(
                t.lower(i),
                "in" | "at" | "from" | "of" | "across" | "inside" | "within" | "among"
            )
            || t.kind(i - 1) != TokKind::Word
        {
            return false;
        }
        let g = t.lower(i - 1);
        (g.ends_with('s')
            && (self.doc.lex.is_vague_head(g) || PERSON_ROLES.contains(g.trim_end_matches('s'))))
            || (SHARES.contains(&g)
                // Not a share of a thing ("some of it mentioning"), nor a count ("it is
                // remarkable how many of our arguments").
                && !matches!(t.lower(i + 1), "it" | "this" | "that" | "which" | "what")
                && !(i >= 2 && t.lower(i - 2) == "how"))
    }

    /// "Clinton's allies", "Trump's critics": the person named at `k` in the source phrase `np`
    /// owns a plural vague head right after the possessive, a camp no one can ask.
    fn persons_camp(&self, np: &Range<usize>, k: usize) -> bool {
        let t = self.t();
        let last = np.end - 1;
        let after = if t.kind(k) == TokKind::Possessive {
            k + 1
        } else {
            k + 2
        };
        after == last
            && t.kind(after - 1) == TokKind::Possessive
            && t.kind(last) == TokKind::Word
            && t.lower(last).ends_with('s')
            && self.doc.lex.is_vague_head(t.lower(last))
    }

    /// A transcript's turn at `head` ("Q:", "A:"): "Q" is the interviewer, "A" whoever answers
    /// (like a pronoun, the person is the one the interview is with).
    fn transcript_turn(&self, head: usize) -> Option<SourceKind> {
        let t = self.t();
        if !t.toks[head].has(CAP) || !t.is_punct(head + 1, ":") {
            return None;
        }
        match t.lower(head) {
            "q" => Some(SourceKind::Reporter),
            "a" => Some(SourceKind::Pronoun),
            _ => None,
        }
    }

    /// Whether token `k` opens a relative clause: "who", "whose" ("WHO" is the World Health
    /// Organization).
    fn relative_at(&self, k: usize) -> bool {
        let t = self.t();
        matches!(t.lower(k), "who" | "whose") && !t.toks[k].has(ALLCAPS)
    }

    /// A phrase that describes someone named just before its comma, as an appositive does:
    /// "Hogan Gidley, a former executive director of the party, said" (the description is
    /// of the person named before its comma; closed as an appositive is, by a comma or a
    /// relative clause in the phrase or after it).
    fn appositive(&self, np: &Range<usize>) -> Option<(SourceKind, Option<usize>, bool)> {
        let t = self.t();
        let relative = |k: usize| self.relative_at(k);
        let closed =
            |k: usize| t.is_punct(k, ",") || relative(k) || (np.start + 1..np.end).any(relative);
        if np.start >= 2
            && np.len() >= 2
            && t.is_punct(np.start - 1, ",")
            && matches!(t.lower(np.start), "a" | "an" | "the")
            && self.people.at(np.start - 2).is_some()
            && closed(np.end)
            && {
                let h = t.lower(np.end - 1);
                !(EVIDENCE_NOUNS.contains(h)
                    || BODY_NOUNS.contains(h)
                    || self.doc.lex.is_org_word(h))
            }
        {
            return Some((SourceKind::Named, Some(np.start - 2), false));
        }
        // The same after a name the people stage did not know ("Hogan Gidley, a strategist,
        // said"): someone the story names, not an unnamed source.
        if np.start >= 2
            && t.is_punct(np.start - 1, ",")
            && matches!(t.lower(np.start), "a" | "an")
            && closed(np.end)
            && t.kind(np.start - 2) == TokKind::Word
            && t.toks[np.start - 2].has(CAP)
            && !self.doc.lex.place_at(t, np.start - 2)
        {
            return Some((SourceKind::Organisation, None, false));
        }
        None
    }

    /// What kind of source a noun phrase is, the token that names its person (if one does),
    /// and whether an anonymous source is described.
    pub(super) fn classify(
        &self,
        np: &Range<usize>,
        quoted: bool,
    ) -> (SourceKind, Option<usize>, bool) {
        let t = self.t();
        // "what they said was", "whose attorneys argued": the phrase after the relative word
        // is the source ("whose" stands for a possessor named before, as "his" does).
        if np.len() > 1 && matches!(t.lower(np.start), "what" | "whose") {
            return self.classify(&(np.start + 1..np.end), quoted);
        }
        if let Some(kind) = self.appositive(np) {
            return kind;
        }
        // "People close to Donald Trump", "a person familiar with the talks": whoever the
        // description names, the source is the people before it, unnamed but described.
        if let Some(k) = np.clone().skip(1).find(|&k| self.description_at(k)) {
            let h = t.lower(k - 1);
            if self.doc.lex.is_vague_head(h)
                || PERSON_ROLES.contains(h)
                || PERSON_ROLES.contains(h.trim_end_matches('s'))
                || matches!(h, "those" | "someone" | "friends")
            {
                return (SourceKind::Anonymous, None, true);
            }
        }
        if self.quantified_group(np) {
            return (SourceKind::Vague, None, false);
        }
        if np.clone().skip(1).any(|p| self.analysts_at_firm(p, np.end)) {
            return (SourceKind::Organisation, None, false);
        }
        // A relative clause describes the source; whoever it names is not the source: "a
        // professor at Harvard who worked for Sen. Lamar Alexander".
        let relative = np
            .clone()
            .skip(1)
            .find(|&i| self.relative_at(i))
            .unwrap_or(np.end);
        if let Some(k) = (np.start..relative)
            .rev()
            .find(|&i| self.people.at(i).is_some())
        {
            if self.persons_camp(np, k) {
                return (SourceKind::Vague, None, false);
            }
            return (SourceKind::Named, Some(k), false);
        }
        // The head noun: the last word before a relative clause ("a senior official who ...").
        // "Officials in Beijing": the group before the phrase is the head (see `np_left`).
        let group_end = np
            .clone()
            .skip(1)
            .find(|&i| self.group_then_phrase(i))
            .unwrap_or(np.end);
        let np = &(np.start..group_end);
        let (mut n_words, mut head_i, mut relative) = (0, None, false);
        for i in np.clone().filter(|&i| t.kind(i) == TokKind::Word) {
            n_words += 1;
            relative = relative || self.relative_at(i);
            if !relative {
                head_i = Some(i);
            }
        }
        let Some(head_i) = head_i else {
            return (SourceKind::Vague, None, false);
        };
        self.classify_by_head(np, head_i, n_words, quoted)
    }

    /// [`Ctx::classify`] once the phrase `np` (cut before a group's phrase) is known to name
    /// no person: its kind by its head word `head_i` and its `n_words` words.
    fn classify_by_head(
        &self,
        np: &Range<usize>,
        head_i: usize,
        n_words: usize,
        quoted: bool,
    ) -> (SourceKind, Option<usize>, bool) {
        let t = self.t();
        let head = t.lower(head_i);
        if n_words == 1 && matches!(head, "his" | "her" | "their" | "its") {
            // "his call for calm": a possessive is a pronoun source.
            return (SourceKind::Pronoun, None, false);
        }
        if n_words == 1
            && let Some(kind) = self.transcript_turn(head_i)
        {
            return (kind, None, false);
        }
        let acronym = head.len() > 1 && t.toks[head_i].has(ALLCAPS);
        if n_words == 1 && PRONOUNS.contains(head) && !acronym {
            return match head {
                "i" | "we" if !quoted => (SourceKind::Reporter, None, false),
                _ => (SourceKind::Pronoun, None, false),
            };
        }
        // The description may follow the phrase: "said another worker, who gave only ...".
        let mut tail = np.end;
        let clause = |k: usize| matches!(t.lower(k), "who" | "speaking" | "whose" | "that");
        // ("said one source who identified him but spoke on the condition of anonymity")
        let but_spoke = matches!(t.lower(tail), "but" | "and")
            && matches!(
                t.lower(tail + 1),
                "spoke" | "asked" | "requested" | "declined" | "insisted"
            );
        if t.is_punct(tail, ",") && clause(tail + 1) || clause(tail) || but_spoke {
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
        let described = self.described(np.start..tail);
        // "One employee at a software firm", "an official at the ministry": an unnamed person,
        // whatever body the phrase names (a spokesperson speaks for it: "A spokesman for the
        // company said" is the company's word).
        // (The role heads the phrase: "an email from the president of ..." is a document.)
        if let Some(p) = np
            .clone()
            .skip(2)
            .find(|&p| matches!(t.lower(p), "of" | "for" | "at" | "from" | "in" | "by"))
            .filter(|&p| self.role_then_phrase(p))
            && matches!(t.lower(np.start), "a" | "an" | "one" | "another")
            && !matches!(
                t.lower(p - 1),
                "spokesman" | "spokeswoman" | "spokesperson" | "representative"
            )
        {
            return (SourceKind::Anonymous, None, described);
        }
        // A capital that only starts the sentence ("Experts say") does not make a name.
        let capital = |i: usize| {
            t.kind(i) == TokKind::Word
                && t.toks[i].has(CAP)
                && !(DETERMINERS.contains(t.lower(i))
                    || (self.sentence_start(i) && self.doc.lex.is_common(t.lower(i))))
        };
        let proper = np.clone().any(capital);
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
        // A people's or a country's adjective names no one: "Italian secularist associations".
        let named = proper
            && np
                .clone()
                .any(|i| capital(i) && !self.doc.lex.place_at(t, i));
        if let Some(kind) = self.unnamed_or_owned(np, head, first, named, n_words) {
            return (kind, None, false);
        }
        // An unnamed share of a group: "Some in the party", "Many in Washington", "Most of
        // the delegates" (a share no one can ask, however named the group).
        if SHARES.contains(&first) && n_words >= 3 && self.group_then_phrase(np.start + 1) {
            return (SourceKind::Vague, None, false);
        }
        // "Whitehall sources", "senior Labour sources": the body says where they work, not
        // who they are.
        let unnamed_plural = matches!(head, "sources" | "insiders");
        if self.doc.lex.is_vague_head(head)
            && (!proper || unnamed_plural)
            && (n_words <= 2
                || unnamed_plural && n_words <= 4
                || matches!(first, "some" | "many" | "most" | "other" | "others"))
            && !matches!(first, "the" | "a" | "an" | "another" | "one")
        {
            return (SourceKind::Vague, None, false);
        }
        // An office's holder is identifiable: "the prime minister" (issue 18, class 9).
        if first == "the" && self.office(np.start + 1..head_i + 1) {
            return (SourceKind::Organisation, None, false);
        }
        // An unnamed person, however named their employer: "a UK government official" (but a
        // spokesperson speaks for the principal the phrase names: "a Justice Department
        // spokeswoman", "the prime minister's official spokesman").
        let speaks_for_body = self.speaks_for_principal(np, head_i, proper);
        if role_head && matches!(first, "a" | "an" | "one") && n_words <= 6 && !speaks_for_body {
            return (SourceKind::Anonymous, None, described);
        }
        if role_head && !proper && singular_det && n_words <= 6 && !speaks_for_body {
            return (SourceKind::Anonymous, None, described);
        }
        if proper || BODY_NOUNS.contains(head) || self.doc.lex.is_org_word(head) {
            return (SourceKind::Organisation, None, false);
        }
        if self.doc.lex.is_vague_head(head) {
            let (kind, described) = vague_head_kind(head, first, n_words, described);
            return (kind, None, described);
        }
        // A definite description of someone in the story ("the team's coach", "both leaders").
        (SourceKind::Organisation, None, false)
    }

    /// Whether the phrase `np`, headed at `head_i`, is a spokesperson or representative whose
    /// principal it names: a name ("a Justice Department spokeswoman"; `proper`), a possessive
    /// ("the prime minister's official spokesman", "the company's spokeswoman") or a body noun
    /// ("a government spokesman", "a campaign spokeswoman"). Such a source is the principal's
    /// word on the record, not an unnamed one.
    fn speaks_for_principal(&self, np: &Range<usize>, head_i: usize, proper: bool) -> bool {
        let t = self.t();
        matches!(
            t.lower(head_i),
            "spokesman" | "spokeswoman" | "spokesperson" | "representative"
        ) && (proper
            || (np.start..head_i).any(|k| {
                t.kind(k) == TokKind::Possessive
                    || BODY_NOUNS.contains(t.lower(k))
                    || self.doc.lex.is_org_word(t.lower(k))
            }))
    }

    /// Whether the words `r` describe an unnamed source: "who asked not to be named", "on
    /// condition of anonymity", "familiar with".
    fn described(&self, r: Range<usize>) -> bool {
        let t = self.t();
        r.clone().any(|k| {
            t.has_bits(k, bits::ANONYMOUS)
                && self
                    .doc
                    .lex
                    .base
                    .anonymous_markers
                    .match_at(k, r.end, |j| t.lower(j))
                    > 0
        })
    }

    /// "Some Republicans", "many diehard Sanders supporters", "several polls", "Senior Tories":
    /// a quantifier (or "senior") and a plural head. Whoever the modifiers name, the source is a
    /// group no one can ask.
    pub(super) fn quantified_group(&self, np: &Range<usize>) -> bool {
        let t = self.t();
        let words: Vec<usize> = np
            .clone()
            .filter(|&i| t.kind(i) == TokKind::Word)
            .take_while(|&i| !matches!(t.lower(i), "who" | "whose" | "of"))
            .collect();
        let (Some(&first), Some(&head)) = (words.first(), words.last()) else {
            return false;
        };
        // Plural people nouns no list above names and whose bare plural is often a known group
        // ("the company's employees said"): vague only after a quantifier.
        const GROUPS: &[&str] = &[
            "colleagues",
            "commuters",
            "customers",
            "doctors",
            "employees",
            "families",
            "fans",
            "farmers",
            "neighbors",
            "neighbours",
            "nurses",
            "parents",
            "passengers",
            "patients",
            "pupils",
            "students",
            "users",
            "voters",
        ];
        let h = t.lower(head);
        // A group of people, or of polls and studies: "experts", "supporters", "Republicans",
        // "polls"; not "nations".
        let people = self.doc.lex.is_vague_head(h)
            || GROUPS.contains(&h)
            || PERSON_ROLES.contains(h.trim_end_matches('s'))
            || EVIDENCE_NOUNS.contains(h)
            || t.toks[head].has(CAP)
            || ["ers", "ists", "ians", "ives"]
                .iter()
                .any(|x| h.ends_with(x));
        people
            && words.len() >= 2
            && matches!(
                t.lower(first),
                "some" | "many" | "most" | "several" | "numerous" | "various" | "few" | "senior"
            )
            // "Some MPs" is a group too; a short lowercase word ("some bus") is not.
            && (h.len() > 3 || t.toks[head].has(CAP))
            && h.ends_with('s')
            && !h.ends_with("ss")
            && self.people.at(head).is_none()
    }
}
/// The kind of a source whose head is a vague noun (`head`; the phrase's first word `first`;
/// `n_words` long), and whether it is described: "the people, who asked not to be identified",
/// "the officials said", "the reports show" are people or documents the story introduced
/// before; any other is vague.
fn vague_head_kind(head: &str, first: &str, n_words: usize, described: bool) -> (SourceKind, bool) {
    match (first, n_words) {
        ("the", 2)
            if matches!(
                head,
                "report" | "reports" | "research" | "study" | "studies"
            ) =>
        {
            (SourceKind::Organisation, false)
        }
        ("the", 2) => (SourceKind::Anonymous, described),
        _ => (SourceKind::Vague, false),
    }
}
