//! Named people: who is in the story, every mention of each, and the titles, roles and
//! affiliations the story gives them.
//!
//! Two passes. The first reads runs of capitalised words and keeps those that name a person on
//! good evidence: a title or role before the name ("Press Secretary Dmitry Peskov", "team member
//! Rodaba Noori"), a given name from the lexicons followed by a surname-like word ("Pete
//! Hegseth"), an appositive role ("Kirill Dmitriev, CEO of ..."), or a capitalised word that is
//! the subject of a speech verb ("Mehraban said"). The second pass links the short mentions
//! (surname alone, title + surname, possessive, another spelling) to the people found.

use crate::analysis::lexicon::lists::{
    PARTICLES as PARTICLES_LIST, SPEAKER_LEMMAS as SPEAKER_LEMMAS_LIST, SUFFIXES,
    TITLE_MODIFIERS as TITLE_MODIFIERS_LIST,
};
use std::ops::Range;

use rustc_hash::FxHashMap;

use super::lexicon::{Lex, TitleKind, bits};
use super::quotes::QuoteMark;
use super::text::{ABBREV, ALLCAPS, CAP, TokKind, Tokens, is_month, is_weekday};
use super::{Doc, Mention, MentionKind, ParagraphKind, Person, SentenceKind};

mod candidates;
mod evidence;
use evidence::names_the_place;
mod linking;
mod spelling;

use candidates::*;
pub(crate) use linking::find;
use spelling::*;

pub struct People {
    pub people: Vec<Person>,
    /// For each token: the person whose mention (name or title) covers it, or `u32::MAX`.
    pub tok_person: Vec<u32>,
}

impl People {
    pub fn at(&self, tok: usize) -> Option<usize> {
        self.tok_person
            .get(tok)
            .and_then(|&p| (p != u32::MAX).then_some(p as usize))
    }
}

crate::word_sets! {
    SPEAKER_LEMMAS = SPEAKER_LEMMAS_LIST;
    TITLE_MODIFIERS = TITLE_MODIFIERS_LIST;
    PARTICLES = PARTICLES_LIST;
}

/// Evidence that a run of capitalised words names a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Evidence {
    /// Enough only to link to someone already known.
    None,
    /// A single word that is the subject of a speech verb, or a well-known surname.
    Weak,
    /// Title, given name + surname, or appositive role.
    Strong,
}

#[derive(Clone, Debug)]
pub(super) struct Candidate {
    name: Range<usize>,
    title: Option<Range<usize>>,
    /// Role text gathered around the mention (shared: the incremental memo hands the same
    /// candidates to every later analysis).
    roles: Option<std::sync::Arc<[String]>>,
    evidence: Evidence,
    possessive: bool,
    sentence: usize,
}

/// What a sentence gives linking: its person candidates and its capitalised words (not all
/// capitals), relative to its first token when kept in the incremental memo.
#[derive(Default)]
pub(crate) struct SentenceNames {
    cands: Vec<Candidate>,
    /// Each with its bare word's [`shape`].
    capitals: Vec<(u32, u16)>,
}

impl Candidate {
    /// A one-word mention at token `i` of sentence `sentence`, found by linking (no title, no
    /// roles): "Peskov" after "Dmitry Peskov", "Byron" in a biography.
    fn word(t: &Tokens, i: usize, sentence: usize, evidence: Evidence) -> Candidate {
        Candidate {
            name: i..i + 1,
            title: None,
            roles: None,
            evidence,
            possessive: t.kind(i + 1) == TokKind::Possessive,
            sentence,
        }
    }

    /// The same candidate with its token ranges moved from `from` to `to` (a sentence's first
    /// token) and in sentence `sentence`: the incremental analysis keeps candidates relative to
    /// their sentence.
    fn moved(&self, from: usize, to: usize, sentence: usize) -> Candidate {
        let mv = |r: &Range<usize>| r.start - from + to..r.end - from + to;
        Candidate {
            name: mv(&self.name),
            title: self.title.as_ref().map(mv),
            roles: self.roles.clone(),
            evidence: self.evidence,
            possessive: self.possessive,
            sentence,
        }
    }
}

struct Finder<'d, 'a> {
    doc: &'d Doc<'a>,
    lex: Lex<'a>,
    in_quote_title: Vec<bool>,
}

impl<'d, 'a> Finder<'d, 'a> {}

/// Where a sentence's person candidates may already be known (the incremental memo is one
/// such place). The stage asks; it does not know who answers.
pub(crate) trait CandidateMemo {
    /// Which tokens lie in a quoted title: what a sentence's candidates read of the story
    /// around its words. Told once an analysis, before any [`CandidateMemo::candidates`].
    fn quoted_titles(&mut self, in_quote_title: &[bool]);
    /// Sentence `si`'s candidates and capitals, relative to its first token: kept ones, or
    /// `fresh()`'s.
    fn candidates(
        &mut self,
        doc: &Doc,
        si: usize,
        fresh: &mut dyn FnMut() -> SentenceNames,
    ) -> &SentenceNames;
}

#[cfg(test)]
mod tests {
    use crate::analysis::{DocKind, Settings, analyze};

    #[test]
    fn shapes_never_turn_away_one_of_their_words() {
        let words: Vec<String> = ["peskov", "putin", "", "a", &"x".repeat(70), "dmitriev"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        let shapes = super::Shapes::of(words.iter());
        for w in &words {
            assert!(shapes.may_be_shape(super::shape(w)), "{w:?}");
        }
        assert!(
            shapes.may_be_shape(super::shape(&"x".repeat(90))),
            "long words share a bit"
        );
        for w in ["pe", "trump", "b", "dmitrievs", "ζ"] {
            assert!(!shapes.may_be_shape(super::shape(w)), "{w:?}");
        }
        assert!(!super::Shapes::of([].iter()).may_be_shape(super::shape("")));
    }

    #[test]
    fn seen_answers_as_one_sorted_list() {
        // Passes in text order, and a push out of order: the last mention at or before a
        // place is the one a single sorted list of every mention gives.
        let pushes = [
            (0, 5),
            (1, 7),
            (0, 30),
            (1, 40),
            (usize::MAX, 0),
            (0, 2),
            (0, 12),
            (1, 41),
            (usize::MAX, 0),
            (1, 3),
            (0, 31),
            (0, 20),
        ];
        let mut seen = super::linking::Seen::default();
        let mut all: Vec<(usize, usize)> = Vec::new();
        for (p, at) in pushes {
            if p == usize::MAX {
                seen.next_pass();
                continue;
            }
            seen.push(p, at);
            all.push((p, at));
            for q in 0..3 {
                for x in 0..45 {
                    let want = all
                        .iter()
                        .filter(|&&(pp, y)| pp == q && y <= x)
                        .map(|&(_, y)| y)
                        .max()
                        .unwrap_or(0);
                    assert_eq!(seen.last_before(q, x), want, "person {q} at {x}");
                }
            }
        }
    }

    fn people(text: &str) -> Vec<(String, Vec<String>, Vec<String>)> {
        let a = analyze(text, DocKind::Text, &Settings::default());
        a.people
            .iter()
            .map(|p| {
                (
                    p.name.clone(),
                    p.roles.clone(),
                    p.mentions
                        .iter()
                        .map(|m| text[m.span.start..m.span.end].to_string())
                        .collect(),
                )
            })
            .collect()
    }

    /// The people's names, in order.
    fn names_of(p: &[(String, Vec<String>, Vec<String>)]) -> Vec<&str> {
        p.iter().map(|x| x.0.as_str()).collect()
    }

    #[test]
    fn titles_and_given_names() {
        let p = people(
            "U.S. Defense Secretary Pete Hegseth met Press Secretary Dmitry Peskov. Hegseth said Peskov was late.",
        );
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(p[0].0, "Pete Hegseth");
        assert_eq!(p[0].1, ["U.S. Defense Secretary"]);
        assert_eq!(p[0].2, ["Pete Hegseth", "Hegseth"]);
        assert_eq!(p[1].0, "Dmitry Peskov");
        assert_eq!(p[1].1, ["Press Secretary"]);
    }

    #[test]
    fn middle_initials_with_and_without_a_full_stop() {
        let p = people("Then Eugene A. Nida met George W Bush at the museum.");
        let names = names_of(&p);
        assert_eq!(names, ["Eugene A. Nida", "George W Bush"]);
    }

    #[test]
    fn joined_initials_start_a_name_and_initialisms_do_not() {
        let p = people(
            "The court heard from O.J. Simpson. Former president George H.W. Bush wrote to \
             J.R.R. Tolkien. U.S. Steel cut jobs, and the D.C. Council met. Simpson left.",
        );
        let names = names_of(&p);
        assert_eq!(
            names,
            ["O.J. Simpson", "George H.W. Bush", "J.R.R. Tolkien"]
        );
        assert_eq!(p[0].2, ["O.J. Simpson", "Simpson"]);
        // A firm named by initials is no one.
        assert!(people("Shoppers left J.C. Penney, which said sales fell.").is_empty());
    }

    #[test]
    fn names_listed_with_people_are_people() {
        let p = people(
            "Belgium attacked with Romelu Lukaku, Yannick Carrasco, and Dries Mertens. \
             England fielded Harry Kane and John Stones.",
        );
        let names = names_of(&p);
        assert_eq!(
            names,
            [
                "Romelu Lukaku",
                "Yannick Carrasco",
                "Dries Mertens",
                "Harry Kane",
                "John Stones"
            ]
        );
        // A comma alone makes no list.
        let p = people("By embracing Super Glass-Steagall, Donald Trump could leap left.");
        let names = names_of(&p);
        assert_eq!(names, ["Donald Trump"]);
    }

    #[test]
    fn a_given_name_alone_is_the_one_person_named_in_full_with_it() {
        let p = people("Maria Lopez runs the shop. Maria said business was slow.");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].2, ["Maria Lopez", "Maria"]);
        // Two people with the given name: it names neither.
        let p =
            people("Maria Lopez runs the shop with Maria Garcia. Maria said business was slow.");
        assert!(p.iter().all(|x| x.2.len() == 1), "{p:?}");
        // A possessive given name too; and a name that runs on past another's ("George Floyd
        // Justice", from an act's title) is no second owner of the given name.
        let p = people("Maria Lopez runs the shop. Maria's sister said business was slow.");
        assert_eq!(p[0].2, ["Maria Lopez", "Maria"], "{p:?}");
        let p = people(
            "George Floyd died in May. The George Floyd Justice in Policing Act passed. \
             George's family wept.",
        );
        assert!(
            p.iter()
                .any(|x| x.0 == "George Floyd" && x.2.contains(&"George".to_string())),
            "{p:?}"
        );
    }

    #[test]
    fn will_before_a_surname_mid_sentence_is_a_given_name() {
        let p = people("He was called up after an injury to Will Middlebrooks in May.");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, "Will Middlebrooks");
        assert!(
            people("PIC: So Rubio's big rally was small.")
                .iter()
                .all(|x| x.0 != "So Rubio")
        );
    }

    #[test]
    fn british_usage_knights_parties_and_mps() {
        let p = people(
            "Sir John Major said the vote was close. Later Sir John said more. \
             Labour said the tax would raise money. The Lib Dems said it would fail. \
             MPs said the bill would pass.",
        );
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, "John Major");
        assert_eq!(p[0].2.len(), 2);
    }

    #[test]
    fn a_peers_place_a_hometown_and_a_bodys_name_are_no_one() {
        let p = people(
            "Lord Campbell of Alloway said the bill was flawed. Lord Knight of Weymouth, a \
             former schools minister, said the figures were opaque. Lord Knight spoke again. \
             Friends of the Earth Cymru said the plant would use too much power. \
             Darren Pike, 41, of Swindon, posed as a bank employee.",
        );
        let names = names_of(&p);
        assert_eq!(names, ["Darren Pike", "Campbell", "Knight"], "{p:?}");
        assert_eq!(p[2].2.len(), 2);
    }

    #[test]
    fn a_body_the_story_names_as_one_is_no_one() {
        let p = people(
            "Software company Quillon is cutting 600 jobs. Quillon said the cuts would fall \
             on sales. Analyst Kate Brennan said Quillon had bet too much, too soon.",
        );
        let names = names_of(&p);
        assert_eq!(names, ["Kate Brennan"], "{p:?}");
        // Inverted after what was said, a name is the speaker.
        let p = people("\"We will fight,\" said Mehraban, who leads the union.");
        assert_eq!(p.len(), 1, "{p:?}");
    }

    #[test]
    fn names_in_capitals_in_mixed_case_text() {
        let p = people(
            "Joe Biden and KAMALA HARRIS took the oath. I can call them Senator PADILLA and \
             Senator OSSOFF. The danger posed by ISIS grew, and DVD sales fell. \
             HILLARY CLINTON IS FEELING THE BERN.",
        );
        let names = names_of(&p);
        assert_eq!(
            names,
            ["Joe Biden", "KAMALA HARRIS", "PADILLA", "OSSOFF"],
            "{p:?}"
        );
        // A transcript's speaker.
        let p = people(
            "The transcript follows: JAKE TAPPER: Can he win?\n\nFALLIN: I think so.\n\nTAPPER: Why?",
        );
        assert_eq!(p[0].0, "JAKE TAPPER", "{p:?}");
        assert_eq!(p[0].2.len(), 2, "{p:?}");
    }

    #[test]
    fn a_surname_that_names_bodies_too_after_a_given_name() {
        let p = people(
            "Economist Sarah Hall said costs rose. Former Mayor Michael Bloomberg may run. \
             Bloomberg said he would decide soon. Obama will build his library in Jackson \
             Park.",
        );
        let names = names_of(&p);
        assert_eq!(names, ["Sarah Hall", "Michael Bloomberg", "Obama"], "{p:?}");
        assert_eq!(p[1].2.len(), 2, "{p:?}");
    }

    #[test]
    fn a_surname_that_names_a_place_after_a_given_name() {
        let p = people(
            "Rep. Steve Israel said the vote was close. He flew to Israel on Monday. Israel \
             said he would return. General George Washington hired him for a plan for \
             Washington, D.C., and a portrait of Washington.",
        );
        assert_eq!(names_of(&p), ["Steve Israel", "George Washington"], "{p:?}");
        assert_eq!(p[0].2, ["Steve Israel", "Israel"], "{p:?}");
        assert_eq!(p[1].2, ["George Washington", "Washington"], "{p:?}");
    }

    #[test]
    fn companies_named_by_an_industry_word_or_a_role_bodies_hold() {
        let p = people(
            "The factory's owner, Greencore, said it was co-operating. Water companies \
             urged restraint. Thames Water said demand had risen. The plant's owner, Jane \
             Moss, said she was sorry. The club's owner, Abramovich, said he was sorry.",
        );
        assert_eq!(names_of(&p), ["Jane Moss", "Abramovich"], "{p:?}");
    }

    #[test]
    fn bill_is_a_given_name_before_a_surname() {
        let p = people(
            "Hillary Clinton spoke first. Bill Clinton said the race was close. \
             The Crime and Policing Bill passed on Monday.",
        );
        let names = names_of(&p);
        assert_eq!(names, ["Hillary Clinton", "Bill Clinton"], "{p:?}");
    }

    #[test]
    fn a_surname_after_a_given_name_is_that_persons() {
        let p = people(
            "Hillary Clinton Reassures House Democrats It Is Not About Her.\n\nWASHINGTON — Hillary Clinton spoke. Bill Clinton said more.",
        );
        let hillary = p
            .iter()
            .find(|x| x.0 == "Hillary Clinton")
            .expect("Hillary");
        assert!(hillary.2.iter().any(|m| m == "Clinton"), "{p:?}");
    }

    #[test]
    fn a_person_known_by_one_name() {
        let p = people(
            "Byron received his education in Aberdeen. In 1801 Byron entered Harrow, and \
             Byron's letters from there survive. Byron returned in 1804.",
        );
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, "Byron");
        assert_eq!(p[0].2.len(), 4);
        // A place used as often is not a person: "at Berkeley" (and a weekday is never one).
        let p = people(
            "He taught at Berkeley. Berkeley hired him. Berkeley paid him. Berkeley grew. \
             Monday was cold. Monday came. Monday ended.",
        );
        assert!(p.is_empty(), "{p:?}");
    }

    #[test]
    fn appositives_and_possessives() {
        let p = people(
            "Kirill Dmitriev, CEO of Russia's sovereign wealth fund, hailed it. Dmitriev's fund grew.",
        );
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].1, ["CEO of Russia's sovereign wealth fund"]);
        assert_eq!(p[0].2, ["Kirill Dmitriev", "Dmitriev"]);
        let p = people("According to the Afghan team's coach, Alireza Mehraban, they won.");
        assert_eq!(p[0].0, "Alireza Mehraban");
        assert_eq!(p[0].1, ["the Afghan team's coach"]);
    }

    #[test]
    fn organisations_places_and_nationalities_are_not_people() {
        let p = people(
            "The Kremlin said Russia and Ukraine would talk. Russian officials met NATO in Washington. The Washington Post reported it.",
        );
        assert!(p.is_empty(), "{p:?}");
        let p = people(
            "The United Nations said it was sending tents. An aide went to Capitol Hill, \
             officials said.",
        );
        assert!(p.is_empty(), "{p:?}");
    }

    #[test]
    fn firms_named_after_people_are_not_people() {
        let firms = crate::analysis::lexicon::lists::EPONYMOUS_FIRMS;
        assert!(
            firms.windows(2).all(|w| w[0] < w[1]),
            "the list is looked up by bisection"
        );
        let p = people(
            "Goldman Sachs expects growth of 2 percent. Morgan Stanley said profits rose. \
             Analyst Jane Morgan said the bank would cut rates.",
        );
        let names = names_of(&p);
        assert_eq!(names, ["Jane Morgan"]);
        // A brand whose first word reads as a title.
        assert!(people("Dr Pepper said that sales rose.").is_empty());
        assert!(people("Sales of Dr Pepper's drinks rose.").is_empty());
        // A name after the kind of body it is.
        assert!(people("The security firm Secunia said that IE6 has flaws.").is_empty());
        assert!(people("The band Queen said that the tour would go on.").is_empty());
        // Parties and firms whose names read as a person's, or joined by "&".
        assert!(
            people(
                "Sinn Fein said it would walk out. Fine Gael said it was ready. Plaid Cymru \
                 said no. Rolls-Royce said it would cut jobs. Marks & Spencer said sales fell."
            )
            .is_empty()
        );
        let p = people("Rudy Giuliani & Sen. Jeff Sessions said so.");
        assert_eq!(names_of(&p), ["Rudy Giuliani", "Jeff Sessions"]);
    }

    #[test]
    fn storms_awards_places_and_initials_are_not_people() {
        let p = people(
            "Cyclone Phailin hit the coast. T C Phailin has winds of 190 km/h, and Phailin \
             will weaken. The St. Louis Cardinals won. The United States and its Member \
             States agreed. She was born in San Antonio and moved to San Diego. \
             He received a Primetime Emmy Award nomination. She unveiled a wax figure at \
             Madame Tussauds New York. Pelosi spoke for H. R. 1280 on Tuesday, Pelosi said. \
             The Paralympics begin in March.",
        );
        let names = names_of(&p);
        assert_eq!(names, ["Pelosi"]);
    }

    #[test]
    fn a_given_name_that_is_a_word_starts_a_sentence() {
        let p = people("Josh Kindig, he's coming on board. Kindig has ideas.");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, "Josh Kindig");
        assert_eq!(p[0].2, ["Josh Kindig", "Kindig"]);
        // A modal asks; a common second word names a thing.
        let p = people("Will Biden win the vote?");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, "Biden");
        assert!(people("Mark Street was closed on Monday.").is_empty());
    }

    #[test]
    fn a_profile_gives_the_role_with_is() {
        let p = people(
            "Aner Shalev is an Israeli mathematician and writer. Currently Shalev is a professor.",
        );
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, "Aner Shalev");
        assert_eq!(p[0].1, ["an Israeli mathematician", "a professor"]);
        assert_eq!(p[0].2, ["Aner Shalev", "Shalev"]);
        // A clause after a comma is no appositive: the place stays a place.
        let p = people("Living in the United States, was a French-born military engineer.");
        assert!(p.is_empty(), "{p:?}");
    }

    #[test]
    fn sentence_initial_surname_links_back() {
        let p = people(
            "President Donald Trump spoke. Trump said talks would begin. Trump's envoy left.",
        );
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].2, ["Donald Trump", "Trump", "Trump"]);
        assert_eq!(p[0].1, ["President"]);
    }

    #[test]
    fn a_shared_surname_goes_to_whoever_was_named_last() {
        let p = people(
            "River floods farms\n\nThe farmer Peter Smith spoke first. His neighbour Mary Smith spoke next. Smith said the river rose. Then Peter Smith left. Smith said goodbye.",
        );
        assert_eq!(p.len(), 2, "{p:?}");
        let peter = p.iter().find(|x| x.0 == "Peter Smith").expect("Peter");
        let mary = p.iter().find(|x| x.0 == "Mary Smith").expect("Mary");
        assert_eq!(mary.2, ["Mary Smith", "Smith"]);
        assert_eq!(peter.2, ["Peter Smith", "Peter Smith", "Smith"]);
    }

    #[test]
    fn rulers_numbers_epithets_and_suffixes() {
        let p = people(
            "Palace opens\n\nShe was made a Dame by Elizabeth II in 2012. He served Peter the Great for a decade, and Peter trusted him.",
        );
        let names = names_of(&p);
        assert_eq!(names, ["Elizabeth II", "Peter the Great"], "{p:?}");
        assert_eq!(p[1].2, ["Peter the Great", "Peter"]);
        // A suffix is no surname: later "Pate" is the same man.
        let p = people(
            "Donor speaks\n\nThe donor Luther Stan Pate IV gave $2,700. Pate said it was all his.",
        );
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].2, ["Luther Stan Pate IV", "Pate"]);
        // "St" starts a place, not a saint's name, in news copy.
        assert!(
            people("Campus visit\n\nShe studied at St Andrews and St Helens College.").is_empty()
        );
    }

    #[test]
    fn a_dutch_particle_joins_the_name() {
        let p = people("United manager Erik ten Hag praised his side. \"We won,\" ten Hag said.");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, "Erik ten Hag");
        assert_eq!(p[0].2.len(), 2, "{p:?}");
    }

    #[test]
    fn lowercase_role_before_a_name() {
        let p = people("\"We won,\" team member Rodaba Noori told the press.");
        assert_eq!(p[0].0, "Rodaba Noori");
        assert_eq!(p[0].1, ["team member"]);
    }

    #[test]
    fn spelling_variants_link_to_one_person() {
        let p = people("Ukraine's President Volodymyr Zelenskyy spoke. Later Zelensky left.");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].2, ["Volodymyr Zelenskyy", "Zelensky"]);
        assert_eq!(p[0].1, ["Ukraine's President"]);
    }

    #[test]
    fn pronouns_are_never_people() {
        assert!(people("He noted that. She said so. They told us. It was fine.").is_empty());
    }

    #[test]
    fn speech_subjects_and_diacritics() {
        let p = people("Antonín Dvořák said it was fine. Mehraban said nothing.");
        let names = names_of(&p);
        assert_eq!(names, ["Antonín Dvořák", "Mehraban"]);
    }

    #[test]
    fn a_word_given_name_and_a_word_surname_open_a_sentence() {
        let p = people("John Smith was jailed on Monday. Peter Walker, 45, was fined.");
        assert_eq!(names_of(&p), ["John Smith", "Peter Walker"]);
        assert!(people("See Sexton's timeline. Long Beach is in California.").is_empty());
    }

    #[test]
    fn a_one_word_name_with_a_plural_verb_is_a_team() {
        let p = people(
            "Arsenal have sacked their manager. Chelsea said they were delighted. Celtic are \
             top. Mehraban said he was not.",
        );
        assert_eq!(names_of(&p), ["Mehraban"]);
    }

    #[test]
    fn a_one_word_name_traded_as_a_firm_is_no_one() {
        let p = people(
            "Glencore said it would cut 2,000 jobs. Shares in Glencore fell 5%. Mehraban said \
             it was late, and Mehraban's chief of staff agreed.",
        );
        assert_eq!(names_of(&p), ["Mehraban"]);
    }

    #[test]
    fn british_police_ranks_without_full_stops_are_titles() {
        let p = people("Det Sgt Paul Brown, of West Yorkshire Police, said the victims wept.");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, "Paul Brown");
        assert_eq!(p[0].1, ["Det Sgt"]);
    }

    #[test]
    fn a_title_after_a_given_name_is_a_surname() {
        let p = people(
            "It was Martin Luther King Day. Carole King sang, and Orlando Mayor Buddy Dyer \
             watched.",
        );
        assert_eq!(
            names_of(&p),
            ["Martin Luther King", "Carole King", "Buddy Dyer"]
        );
    }

    #[test]
    fn the_body_a_spokesman_speaks_for_is_no_one() {
        let p = people(
            "A spokesman for Vodafone said the firm would appeal. A spokesman for Smith said he \
             was ill. The former CEO of Hewlett-Packard added that it was late.",
        );
        assert_eq!(names_of(&p), ["Smith"]);
    }

    #[test]
    fn title_case_headline_only_links_known_people() {
        let p = people(
            "Trump Announces Peace Talks With Russia\n\nPresident Donald Trump spoke on Wednesday.",
        );
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].2, ["Trump", "Donald Trump"]);
    }
}
