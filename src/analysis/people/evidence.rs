//! Evidence beyond a run's own words that it names a person: the shape of a full name with no
//! title (a given name and a surname, initials and a surname, words no list knows), and a
//! list it shares with people's full names; and evidence against: a place-named surname that
//! names the place.

use super::candidates::joined_initials;
use super::*;

impl Finder<'_, '_> {
    /// Whether the words `name` (two or more; the surname at `last_i`) read as a person's full
    /// name in sentence `sent` without a title: a given name and a surname, a known surname, a
    /// common given name mid-sentence, words no word list knows, initials and a surname.
    pub(super) fn reads_as_full_name(
        &self,
        name: &Range<usize>,
        last_i: usize,
        sent: &Range<usize>,
    ) -> bool {
        let t = &self.doc.t;
        let (n, fi) = (name.len(), name.start);
        let surnameish = |i: usize| self.lex.surname_at(t, i) || !self.lex.common_at(t, i);
        // A given name that is also a word ("Josh", "Mark", "Will") names someone at the
        // start of a sentence when the surname is no word ("Josh Kindig, he's ..."); a
        // modal there asks a question ("Will Biden win?").
        // So does one before a surname that is also a word, when both are names in the lists
        // ("John Smith was jailed", "Peter Walker, 45,").
        let word_given_at_start = n == 2
            && (!self.lex.common_at(t, last_i)
                || self.lex.surname_at(t, last_i)
                    && !super::candidates::PLACE_SUFFIXES.contains(&t.lower(last_i)))
            && !matches!(
                t.lower(fi),
                "will" | "can" | "must" | "shall" | "may" | "see" | "read" | "watch" | "ask"
            );
        let given = self.lex.given_at(t, fi) && !self.lex.common_at(t, fi)
            || (self.lex.given_at(t, fi)
                && (!self.is_sentence_start(name.start) || word_given_at_start));
        let middle_ok = name.clone().skip(1).take(n.saturating_sub(2)).all(|i| {
            t.toks[i].has(ABBREV)
                || (t.bare(i).len() == 1 && t.toks[i].has(CAP))
                || self.lex.given_at(t, i)
                || surnameish(i)
                || PARTICLES.contains(t.bare(i))
        });
        let unknown = |i: usize| {
            let l = t.bare(i);
            !self.lex.common_at(t, i)
                && l.chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '\u{2019}')
        };
        let after_determiner =
            name.start > sent.start && matches!(t.lower(name.start - 1), "the" | "a" | "an");
        let mid_sentence = !self.is_sentence_start(name.start) && !after_determiner;
        // A given name and a surname-like word: "Pete Hegseth".
        let given_surname = given && surnameish(last_i) && middle_ok;
        // A known surname after a word that is not English: "Hamdullah Mohib".
        let known_surname = (self.lex.news_surname_at(t, last_i)
            || (self.lex.surname_at(t, last_i) && !self.lex.common_at(t, last_i)))
            && !self.lex.common_at(t, fi)
            && middle_ok;
        // A common given name mid-sentence: "John Stones", "Harry Kane".
        let given_mid = self.lex.given_at(t, fi) && !self.lex.common_at(t, fi) && mid_sentence;
        // Two or three words no English word list knows, mid-sentence: in news, almost
        // always a person ("Dries Mertens", "Hwang Hee-Chan", "Nunzio Galantino").
        let unknown_words = n <= 3 && name.clone().all(unknown) && mid_sentence;
        // Initials and a surname: "O.J. Simpson", "W. Rouse Ball".
        let initials = (t.toks[fi].has(ABBREV) && t.bare(fi).chars().count() == 1)
            || joined_initials(t.lower(fi));
        let initials_surname = initials && surnameish(last_i) && middle_ok;
        given_surname || known_surname || given_mid || unknown_words || initials_surname
    }

    /// Names in a list with people's full names are people's names too: "Romelu Lukaku,
    /// Yannick Carrasco, and Dries Mertens", "Harry Kane, and John Stones" (a given name that
    /// is also a word, a surname no list knows). `cands` are one sentence's, in order. A list
    /// is names joined by "," and ending in "and" / "or" ("By embracing Super Glass-Steagall,
    /// Donald Trump could" is none); when one of its names is a strong full name, each two- or
    /// three-word name with no evidence that starts with a given name or ends with a surname
    /// becomes strong.
    pub(super) fn coordinated_names(&self, cands: &mut [Candidate]) {
        let t = &self.doc.t;
        // How `a` and `b` are joined: None, or Some(whether by "and" / "or").
        let joined = |a: &Candidate, b: &Candidate| {
            let g = a.name.end;
            let and = |i: usize| matches!(t.lower(i), "and" | "or");
            if a.possessive || b.name.start <= g {
                return None;
            }
            match b.name.start - g {
                1 if t.is_punct(g, ",") => Some(false),
                1 if and(g) => Some(true),
                2 if t.is_punct(g, ",") && and(g + 1) => Some(true),
                _ => None,
            }
        };
        let mut k = 0;
        while k < cands.len() {
            // The list starting at `k`: cands[k..end], and whether it ends in "and" / "or".
            let mut end = k + 1;
            let mut closed = false;
            while end < cands.len() && !closed {
                match joined(&cands[end - 1], &cands[end]) {
                    Some(and) => {
                        closed = and;
                        end += 1;
                    }
                    None => break,
                }
            }
            let list = &cands[k..end];
            if closed
                && list
                    .iter()
                    .any(|c| c.evidence == Evidence::Strong && c.name.len() >= 2)
            {
                for c in &mut cands[k..end] {
                    let (s, e) = (c.name.start, c.name.end);
                    if c.evidence == Evidence::None
                        && (2..=3).contains(&c.name.len())
                        && (self.lex.given_at(t, s)
                            || self.lex.surname_at(t, e - 1)
                            || !self.lex.common_at(t, e - 1))
                        && !(s > 0 && t.lower(s - 1) == "the")
                    {
                        c.evidence = Evidence::Strong;
                    }
                }
            }
            k = end;
        }
    }
}

/// Whether the one-word name at `i` (in a sentence ending at token `sent_end`) follows, as an
/// appositive, a role that companies and bodies hold as often as people ("The factory's owner,
/// Greencore, said"), no word list knows it as a given name or a surname, and "it", "its" or
/// "which" soon follows in its sentence ("Greencore, said it was"): then it names the company.
/// ("The club's owner, Abramovich, said he" stays.)
pub(super) fn held_by_a_body(f: &Finder, i: usize, sent_end: usize) -> bool {
    const ROLES: &[&str] = &[
        "buyer",
        "client",
        "contractor",
        "customer",
        "developer",
        "distributor",
        "employer",
        "landlord",
        "lender",
        "maker",
        "manufacturer",
        "operator",
        "owner",
        "parent",
        "partner",
        "publisher",
        "retailer",
        "rival",
        "seller",
        "sponsor",
        "supplier",
    ];
    let t = &f.doc.t;
    i >= 2
        && t.is_punct(i - 1, ",")
        && ROLES.contains(&t.lower(i - 2))
        && !f.lex.given_at(t, i)
        && !f.lex.surname_at(t, i)
        && (i + 1..(i + 5).min(sent_end)).any(|k| matches!(t.lower(k), "it" | "its" | "which"))
}

/// Whether the place-named word at `i` ("Washington", "Israel", "Jordan") names the place, not
/// the person with that surname: after a preposition of place ("in Israel", "to Jordan") or
/// before its state or country ("Washington, D.C.", "Paris, France").
pub(super) fn names_the_place(t: &Tokens, i: usize) -> bool {
    const BEFORE_A_PLACE: &[&str] = &[
        "across",
        "around",
        "from",
        "in",
        "inside",
        "into",
        "near",
        "outside",
        "throughout",
        "to",
        "visit",
        "visited",
        "visiting",
    ];
    t.has_bits(i, bits::PLACE)
        && (i > 0 && BEFORE_A_PLACE.contains(&t.lower(i - 1))
            || t.is_punct(i + 1, ",") && t.toks.get(i + 2).is_some_and(|k| k.has(CAP)))
}
