//! Claims: sentences that assert something a copy editor would want sourced (figures, causes,
//! predictions, allegations, judgements, motives), each with how well it is sourced.
//!
//! Plain description of public events and common knowledge is not a claim; neither is anything
//! in a headline, dateline, byline, caption or question, or inside someone's quoted words.

use std::ops::Range;

use crate::analysis::doc::Doc;
use crate::analysis::facts::{CASUALTY, CURRENCY, List, MIND};
use crate::analysis::figures::is_year;
use crate::analysis::index::partition_from;
use crate::analysis::lexicon::{CueClass, bits};
use crate::analysis::model::{
    Analysis, Claim, ClaimKind, ClaimStatus, ParagraphKind, SentenceKind, SourceKind,
};
use crate::analysis::text::TokKind;

/// Tokens inside quotes: someone else's words.
pub fn quoted_tokens(doc: &Doc, a: &Analysis) -> Vec<bool> {
    let mut q = vec![false; doc.t.len()];
    for quote in &a.quotes {
        // From the opening mark's token (the one before the quote's own tokens).
        let open = quote.tokens.start.saturating_sub(1);
        let s = doc.t.starting_at(open, quote.span.start);
        let e = doc.t.ending_after(open, quote.span.end);
        if s < e {
            q[s..e].fill(true);
        }
    }
    q
}

/// The story's first line is a title written as a sentence: one short sentence alone in the
/// first paragraph, with more paragraphs after it. Feeds and archives end titles with a full
/// stop, which hides them from the headline test; ledes run longer than 14 words.
pub(crate) fn title_line(doc: &Doc) -> bool {
    let (Some(p), true) = (doc.paragraphs.first(), doc.paragraphs.len() > 1) else {
        return false;
    };
    let words = |r: Range<usize>| r.filter(|&i| doc.t.kind(i) == TokKind::Word).count();
    p.kind == ParagraphKind::Body
        && p.sentences.len() == 1
        && words(doc.sentences[0].tokens.clone()) <= 14
}

/// Finds the claims and their status.
pub fn find(doc: &Doc, a: &Analysis, sources: &[Option<(ClaimStatus, usize)>]) -> Vec<Claim> {
    let t = &doc.t;
    let skip = &doc.quoted;
    let mut out = Vec::with_capacity(doc.sentences.len() / 2);
    // This sentence's first quote and attribution: both lists are in document order, so they
    // are searched for forward from the last sentence's (a binary search of each whole list,
    // at every sentence, missed the cache at every step in a long story).
    let mut a0 = 0;
    for (si, s) in doc.sentences.iter().enumerate() {
        if s.kind != SentenceKind::Body || (si == 0 && title_line(doc)) {
            continue;
        }
        let r = s.tokens.clone();
        let local = &doc.locals[si];
        if local.words_outside < 4 {
            // Only someone's quoted words, or a fragment.
            continue;
        }
        let abs = |x: &Range<usize>| x.start + r.start..x.end + r.start;
        let hit = |l: List| local.hits.get(l).as_ref().map(abs);
        // Quotes and attributions are in document order: only this sentence's are looked at.
        a0 = partition_from(&a.attributions, a0, |x| x.sentence < si);
        // What someone thinks or wants, told by the story with no one saying so.
        let motive = a.attributions[a0..]
            .iter()
            .take_while(|x| x.sentence == si)
            .filter(|x| {
                x.sentence == si
                    && matches!(x.class, CueClass::Thought | CueClass::Intention)
                    && MIND.contains(&x.lemma)
                    && matches!(
                        x.kind,
                        SourceKind::Named | SourceKind::Organisation | SourceKind::Pronoun
                    )
                    && x.source.is_none_or(|sp| {
                        !matches!(
                            &doc.text[sp.start..sp.end],
                            "you" | "You" | "I" | "we" | "We"
                        )
                        // "..., believes Mr Smith": inverted after what is believed, the
                        // verb attributes the view as "said" would.
                        && sp.start < x.cue.start
                    })
            })
            .map(|x| {
                // The cue is in this sentence, or a citation after it.
                let c = t.starting_at(r.start, x.cue.start);
                c..c + 1
            })
            .find(|c| !skip[c.start]);
        let motive = motive.or_else(|| hit(List::Motive));
        let found = [
            (
                ClaimKind::Figure,
                local.figure.as_ref().map(abs).or_else(|| hit(List::Trend)),
            ),
            (ClaimKind::Causal, hit(List::Causal)),
            // "the so-called Cadillac tax": a term introduced, which `editorializing` may
            // query; no judgement the story states as fact.
            (
                ClaimKind::Characterization,
                local
                    .opinion
                    .iter()
                    .map(abs)
                    .find(|h| t.lower(h.start) != "so-called"),
            ),
            (ClaimKind::Allegation, hit(List::Allegation)),
            (
                ClaimKind::Prediction,
                // "The senator thinks the bill will pass": the forecast is the senator's; what
                // the story claims is what they think (the motive below).
                local
                    .prediction
                    .as_ref()
                    .map(abs)
                    .filter(|p| motive.as_ref().is_none_or(|m| m.start > p.start)),
            ),
            (
                ClaimKind::Characterization,
                // Scare quotes are the `scare-quote` check's, not a claim: on the dev sets
                // a quoted word as "judgement stated as fact" was right 4 times in 11.
                hit(List::Superlative).or_else(|| hit(List::Evaluative)),
            ),
            (ClaimKind::Motive, motive),
        ];
        let Some((kind, trig)) = found.into_iter().find_map(|(k, h)| h.map(|h| (k, h))) else {
            continue;
        };
        let mut own = sources.get(si).copied().flatten();
        if own.is_none()
            && matches!(kind, ClaimKind::Prediction | ClaimKind::Figure)
            && si > 0
            && doc.sentences[si - 1].paragraph == s.paragraph
        {
            // "The report says yields will fall. By 2050, hunger would rise 27 percent.": a
            // projection right after a sourced report continues it; so does a figure right
            // after a body's or a document's figures ("The ONS said unemployment rose to 4.2
            // per cent. Wages grew 5.6 per cent.").
            own = sources[si - 1].filter(|(st, at)| {
                let x = &a.attributions[*at];
                *st == ClaimStatus::Attributed
                    && x.class.sources_claims()
                    && (kind == ClaimKind::Prediction
                        || gives_figures(doc, si - 1)
                            && (x.kind == SourceKind::Organisation
                                || x.class == CueClass::Evidence))
            });
        }
        let (status, attribution) = match own {
            Some((st, at)) => (st, Some(at)),
            None => (ClaimStatus::Unattributed, None),
        };
        out.push(Claim {
            span: s.span,
            kind,
            status,
            sentence: si,
            trigger: doc.range_span(trig),
            attribution,
        });
    }
    out
}

/// Whether sentence `si` gives figures: a figure, or a number that is not a year (a figure
/// the rules let pass as market data counts too).
fn gives_figures(doc: &Doc, si: usize) -> bool {
    let t = &doc.t;
    doc.locals[si].figure.is_some()
        || doc.sentences[si]
            .tokens
            .clone()
            .any(|k| t.kind(k) == TokKind::Number && !is_year(t, k))
}

/// [`figure_sort`]'s name for a count of the dead, hurt or displaced (its severity is read
/// from it).
pub const CASUALTY_SORT: &str = "Casualty figure";

/// [`figure_sort`]'s name for a trend told with no number ("wages are rising"): its message
/// asks who measured it, not who counted a number.
pub const TREND_SORT: &str = "Trend";

/// What a figure counts, for the message: casualties, money, a share, or a number; and whether
/// money or a share is in its neighbourhood (the figure's own or not), which is what the
/// severity was measured on (see `unattributed_claim::quiet_kind`).
pub fn figure_sort(doc: &Doc, claim: &Claim) -> (&'static str, bool) {
    let t = &doc.t;
    let s = &doc.sentences[claim.sentence];
    // The trigger is in the sentence.
    let trig = t.starting_at(s.tokens.start, claim.trigger.start);
    let trig_end = t.starting_at(trig, claim.trigger.end).min(s.tokens.end);
    let any = |r: Range<usize>, list: &[&str]| r.clone().any(|i| list.contains(&t.lower(i)));
    const SHARE: &[&str] = &["%", "percent", "per"];
    // The words that make the figure what it is sit in it or just after it ("4 per cent",
    // "500 million dollars"); a later figure's sign is not this one's ("cut 600 jobs, about 8%").
    let unit = trig..(trig_end + 2).min(s.tokens.end);
    let window = trig.saturating_sub(2)..(trig + 8).min(s.tokens.end);
    // A sum is money whatever it was taken from: "stole £300,000 from elderly victims".
    let own_money = any(trig..trig_end, CURRENCY);
    let casualty = any(window.clone(), CASUALTY);
    // A trend with no number in it: "China's wages are rising fast".
    // So is a record ("the lowest rate for 18 months"), number or not.
    let trend = !(trig..trig_end)
        .any(|i| t.kind(i) == TokKind::Number || t.has_bits(i, bits::FIGURE | bits::MAGNITUDE))
        || super::figures::record_at(t, trig, &s.tokens).is_some();
    let sort = if trend {
        TREND_SORT
    } else if own_money {
        "Amount"
    } else if any(unit.clone(), SHARE) {
        "Percentage"
    } else if casualty {
        CASUALTY_SORT
    } else if any(unit, CURRENCY) {
        "Amount"
    } else {
        "Figure"
    };
    let money_or_share =
        own_money || !casualty && (any(window.clone(), CURRENCY) || any(window, SHARE));
    (sort, money_or_share)
}

#[cfg(test)]
mod tests {
    use crate::analysis::{ClaimKind, ClaimStatus, DocKind, Settings, analyze};

    fn claims(text: &str) -> Vec<(ClaimKind, ClaimStatus, String)> {
        let a = analyze(text, DocKind::Text, &Settings::default());
        a.claims
            .iter()
            .map(|c| {
                (
                    c.kind,
                    c.status,
                    text[c.trigger.start..c.trigger.end].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn a_forecast_someone_holds_is_a_claim_about_them() {
        // The forecast is the senator's; the story claims what the senator thinks.
        let c = claims("Lawmakers met on Monday. The senator thinks the bill will pass.");
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].0, ClaimKind::Motive);
        assert_eq!(c[0].2, "thinks");
        // A forecast before the view is still the story's own.
        let c = claims("Lawmakers met on Monday. Rates will rise, and the bank knows it.");
        assert_eq!(c.first().map(|c| c.0), Some(ClaimKind::Prediction), "{c:?}");
    }

    #[test]
    fn figures_but_not_dates_years_or_durations() {
        assert_eq!(
            claims("The war has caused the loss of tens of thousands of lives."),
            [(
                ClaimKind::Figure,
                ClaimStatus::Unattributed,
                "tens of thousands".into()
            )]
        );
        assert!(
            claims("The invasion began in February 2022, nearly three years ago, on Feb. 24.")
                .is_empty()
        );
        assert_eq!(
            claims("IE had 70 percent of the market in 2009.")[0].0,
            ClaimKind::Figure
        );
        assert_eq!(
            claims("He paid US$ 20,000 for the car on Thursday.")[0].2,
            "US$ 20,000"
        );
        // A rate as a fraction or a share, with its hedge ("of" or not); "one in a million"
        // is a phrase.
        for (text, figure) in [
            (
                "Nearly one in five patients has waited more than 18 weeks.",
                "Nearly one in five",
            ),
            ("Three in 10 voters picked the economy.", "Three in 10"),
            ("Less than half of Americans own stock.", "Less than half"),
            (
                "Such food makes up more than half the calories in a diet.",
                "more than half",
            ),
        ] {
            assert_eq!(claims(text)[0].2, figure, "{text}");
        }
        assert!(claims("It was a chance of one in a million.").is_empty());
    }

    #[test]
    fn a_record_is_measured_like_a_trend() {
        for (text, record) in [
            (
                "Mortgage rates are now at the highest level in 15 years.",
                "highest level in 15 years",
            ),
            (
                "Inflation fell again, to its lowest rate for 18 months.",
                "lowest rate for 18 months",
            ),
            (
                "The pound is at its weakest since 1985 against the dollar.",
                "weakest since 1985",
            ),
            (
                "Confidence is at its highest level in years.",
                "highest level in years",
            ),
            (
                "House prices fell for a third month in a row.",
                "for a third month in a row",
            ),
            (
                "It took a record 299 days to form a government.",
                "a record 299 days",
            ),
        ] {
            assert_eq!(
                claims(text),
                [(ClaimKind::Figure, ClaimStatus::Unattributed, record.into())]
            );
        }
        // So is a measure that moved, told without a number.
        assert_eq!(
            claims("Sales of fresh produce have fallen sharply this year.")[0].2,
            "Sales of fresh produce have fallen"
        );
        for text in [
            "The senator has fallen out of touch with voters.",
            "The centre has declined to reveal its funding.",
            "Another memorial has grown outside the museum.",
        ] {
            assert!(claims(text).is_empty(), "{text}");
        }
        // A contest's streak, a court's rank and a market's record are no measured record.
        for text in [
            "For the second night in a row, supporters gathered outside the hall.",
            "The case reached the highest court in the land.",
            "Shares fell 4%, the biggest one-day fall since 2008.",
        ] {
            assert!(claims(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_crime_word_in_a_name_alleges_nothing() {
        assert!(claims("Parliament passed the Serious Crime Bill on Tuesday.").is_empty());
        // A charge as laid is the court's record.
        assert!(claims("Reed denies 14 counts of fraud by abuse of position.").is_empty());
        assert_eq!(
            claims("Parliament said the minister took bribes.").len(),
            1,
            "an allegation attributed is still a claim"
        );
    }

    #[test]
    fn a_short_first_line_is_a_title() {
        let body = "\n\nThe council met on Monday to discuss the budget for next year.\n";
        assert!(claims(&format!("Crime rose 40 percent last year.{body}")).is_empty());
        // Alone, it is the story.
        assert_eq!(claims("Crime rose 40 percent last year.").len(), 1);
    }

    #[test]
    fn numbers_in_names_and_slashed_dates_are_not_figures() {
        assert!(
            claims(
                "Protesters marched to 1600 Pennsylvania Avenue on the 11th anniversary of 9/11."
            )
            .is_empty()
        );
        assert!(claims("She sings at the 54 Below club all week.").is_empty());
        assert_eq!(
            claims("About 40 Republicans oppose the bill.")[0].0,
            ClaimKind::Figure
        );
        // A target of attacks is no goal.
        assert_eq!(
            claims("She was the target of $768,000 in attack ads.")[0].0,
            ClaimKind::Figure
        );
    }

    #[test]
    fn figures_on_the_public_record_are_not_claims() {
        for plain in [
            "Viewers can watch it on channel 125 at noon.",
            "A candidate needs 1,237 delegates to win the nomination.",
            "Clinton needs 67 delegates to reach the 2,383 needed to win.",
            "Inflation has been above the Bank's 2% target for almost a year.",
            "The Government has set a target of 33,000 new homes a year.",
            "Donors can give without hitting the contribution limit of $2,700.",
            "The council voted 7-2 to approve a $42 million plan to repave streets.",
            "Mr Cooper took 11,719 votes, or 44.2 per cent, while Ms Edwards received 10,403.",
            "Turnout was 36 per cent, down from 62 per cent at the 2019 general election.",
            "The Conservatives held the seat with a majority of almost 20,000.",
            "The government has set aside 120 million euros, and another 57 million euros.",
            "The motion failed, with 611 in favour and 748 against.",
            "She won about 40 percent of the vote in the primary.",
            "The state's minimum wage is $7.25 an hour.",
            "The county filed a $40 million lawsuit against the firm.",
            "The bill passed by 310 votes to 290 on Tuesday.",
            "She died at the age of 92 in her home in Leeds.",
            "The retailer, which has 600 stores in the UK, employs 75,000 people.",
            "The firm employs more than 100,000 people worldwide.",
            "Labour has a majority of 66 in the Commons.",
            "In 2013, Smith played in 26 games, hitting .203 with 11 runs.",
            "He took 708 wickets in his career.",
            "The fund offers a 401(k) plan to all its staff.",
            "Microsoft is to cut 10,000 jobs, less than 5% of its workforce.",
            "The government would only lose if more than 80 of its MPs voted against it.",
            "Researchers tracked more than 100,000 nurses for three decades.",
            "The poll surveyed 2,000 people between the ages of 18 and 29.",
            "Meta laid off 11,000 people in November.",
            "The bank is adding 2,000 jobs in Leeds.",
        ] {
            assert!(claims(plain).is_empty(), "{plain}");
        }
        assert_eq!(
            claims("The firm lost $40 million last year.")[0].0,
            ClaimKind::Figure
        );
        // A share of the whole workforce is a statistic someone measured.
        assert_eq!(
            claims("About 20% of the workforce is on zero-hours contracts.").len(),
            1
        );
    }

    #[test]
    fn a_superlative_in_capitals_names_a_work() {
        assert!(claims("She watched The Biggest Loser with her son on Monday.").is_empty());
        assert_eq!(
            claims("She watched the biggest loser of the night.").len(),
            1
        );
    }

    #[test]
    fn a_market_record_is_data() {
        assert!(
            claims("Shares in BP rose 2.1%, making it one of the biggest risers on the FTSE 100.")
                .is_empty()
        );
        assert_eq!(
            claims("It was the biggest scandal in the firm's history.").len(),
            1,
            "a superlative outside a market report is still a judgement"
        );
    }

    #[test]
    fn questions_purposes_and_categories_are_not_claims() {
        for plain in [
            "The mayor would not say whether he could keep the promise.",
            "She moved the vote to Monday so that members could attend.",
            "The group speaks for families of victims of illegal immigrants.",
            "The former director was sentenced to two years' probation in March.",
            "The foundation has refused to comment on the donations.",
            "The nominee will meet potential running mates and potential donors this week.",
            "The 24-year-old has signed a contract and will wear the number 41 shirt.",
            "Our thoughts are with those impacted by the floods in the north.",
            "Because of an editing error, an article on Monday misstated her title.",
        ] {
            assert!(claims(plain).is_empty(), "{plain}");
        }
        // Speculating aloud is saying.
        assert_eq!(
            claims("Smith speculated that the suspects could be linked to a gang.")[0].1,
            ClaimStatus::Attributed
        );
        assert_eq!(
            claims("The deal could collapse by spring.")[0].0,
            ClaimKind::Prediction
        );
        // A person's plans are announced; a minister's policy's fate is foreseen.
        assert_eq!(
            claims("The minister's plan will fail within a year.")[0].0,
            ClaimKind::Prediction
        );
        assert_eq!(
            claims("The potential damage to the economy is vast.")[0].0,
            ClaimKind::Prediction
        );
    }

    #[test]
    fn a_rules_terms_are_neither_figures_nor_forecasts() {
        assert!(
            claims("Under the law, a firm may not pay dividends if it lost more than £1m.")
                .is_empty()
        );
        assert!(claims("Under a five-year contract, the firm runs about 140 courses.").is_empty());
        // "under" with no document is no rule.
        assert_eq!(
            claims("Under pressure, the firm lost 4,000 customers.")[0].0,
            ClaimKind::Figure
        );
    }

    #[test]
    fn an_inverted_belief_is_an_attribution() {
        let motive = |text: &str| claims(text).iter().any(|c| c.0 == ClaimKind::Motive);
        assert!(!motive(
            "The rise is a mistake, believes Tom Smith, a councillor."
        ));
        assert!(motive("Tom Smith believes the rise is a mistake."));
    }

    #[test]
    fn a_bodys_own_estimates_source_its_figures() {
        let c = claims("The Labor Department revised its estimates, cutting 20,000 jobs.");
        assert!(c.iter().all(|c| c.1 == ClaimStatus::Attributed), "{c:?}");
        assert!(
            claims("The firm lost 20,000 customers.")
                .iter()
                .any(|c| c.1 == ClaimStatus::Unattributed)
        );
        let c = claims(
            "Sales fell 2% to $11.6 billion, according to LSEG data. Sales in China fell 11%.",
        );
        assert!(c.iter().all(|c| c.1 == ClaimStatus::Attributed), "{c:?}");
        // The next figure of a body's figures in the same paragraph is theirs; after a
        // person's words, or a body's words without a figure, it needs its own source.
        let c = claims("The ONS said unemployment rose to 4.2 per cent. Wages grew 5.6 per cent.");
        assert!(c.iter().all(|c| c.1 == ClaimStatus::Attributed), "{c:?}");
        let c =
            claims("Jan Smith said unemployment rose to 4.2 per cent. Wages grew 5.6 per cent.");
        assert_eq!(c[1].1, ClaimStatus::Unattributed);
        let c = claims("The ONS said the jobs market was tight. Wages grew 5.6 per cent.");
        assert_eq!(c.last().map(|c| c.1), Some(ClaimStatus::Unattributed));
    }

    #[test]
    fn a_studys_sample_is_not_a_figure_claim() {
        assert!(claims("The survey of 1,200 registered voters was taken online.").is_empty());
        assert!(claims("Researchers analysed data from 57 studies in 10 countries.").is_empty());
        assert!(!claims("The survey found 1,200 voters had moved.").is_empty());
    }

    #[test]
    fn market_data_is_not_a_figure_claim() {
        assert!(claims("Brent crude fell 24 cents, to $42.46 a barrel in London.").is_empty());
        assert!(claims("Acme fell $1.25, or 1.4 percent, to $88.95.").is_empty());
        assert!(claims("Benchmark crude was up 46 cents to settle at $41.60 a barrel.").is_empty());
        // British "per cent" is one unit; a currency's move is market data too.
        assert!(claims("The rupee has fallen 1.1 per cent this month.").is_empty());
        assert!(claims("The currency has lost 1.1 per cent since May.").is_empty());
        assert!(claims("The pound was little changed against the dollar at $1.25.").is_empty());
        assert!(
            claims("Prices may rise above the bank's 4 per cent target.")
                .iter()
                .all(|c| c.2 != "4 per cent")
        );
        assert_eq!(
            claims("India buys 85 per cent of its oil abroad.")[0].2,
            "85 per cent"
        );
        // A win-loss record is a tally, not a record high.
        assert_eq!(claims("He compiled a record of 216-146 as a pitcher."), []);
        assert!(!claims("Turnout reached a record in the city.").is_empty());
        assert_eq!(
            claims("Unemployment in the county rose to 7 percent last year.")[0].0,
            ClaimKind::Figure
        );
    }

    #[test]
    fn causal_prediction_and_characterization() {
        assert_eq!(
            claims("The conflict has had a profound impact on global affairs.")[0].0,
            ClaimKind::Causal
        );
        assert_eq!(
            claims("Lifting sanctions could motivate both sides towards a settlement.")[0].0,
            ClaimKind::Prediction
        );
        assert_eq!(
            claims("The talks offer a glimmer of hope for the region.")[0].0,
            ClaimKind::Characterization
        );
        // A ranking of importance or danger is a judgement; a measured size is not ranked so.
        for judged in [
            "The unrest is the most serious challenge to Ruto since he took office.",
            "Mr. Cruz came away with no delegates, a major setback.",
        ] {
            assert_eq!(claims(judged)[0].0, ClaimKind::Characterization, "{judged}");
        }
        assert!(claims("Power plants are the largest source of carbon emissions.").is_empty());
        // A word in scare quotes is the `scare-quote` check's finding, not a claim.
        assert!(
            claims("His intervention provides Putin with a diplomatic 'off-ramp' out of the war.")
                .is_empty()
        );
    }

    /// None of `plain` makes a claim; each of `claimed` makes one of `kind` first.
    fn read_as(plain: &[&str], kind: ClaimKind, claimed: &[&str]) {
        for text in plain {
            assert!(claims(text).is_empty(), "{text}");
        }
        for text in claimed {
            assert_eq!(claims(text)[0].0, kind, "{text}");
        }
    }

    #[test]
    fn driving_a_car_causes_nothing() {
        read_as(
            &[
                "He drove a Corvette and owned a speedboat.",
                "Crowds cheered as the president drove by on his way.",
                "The activist drove from the West Coast to spread his message.",
                "The book drove that point home.",
            ],
            ClaimKind::Causal,
            &[
                "His pronouncements drove her antagonists to distraction.",
                "The shortage drove up prices.",
            ],
        );
    }

    #[test]
    fn so_called_introduces_a_term_and_judges_nothing() {
        read_as(
            &["Democrats voted to delay the so-called Cadillac tax."],
            ClaimKind::Characterization,
            &["Democrats voted to delay the so-called Cadillac tax, a disastrous idea."],
        );
    }

    #[test]
    fn a_generic_you_or_a_past_ability_forecasts_nothing() {
        read_as(
            &[
                "You could say that is easy for you to say.",
                "You would want the hardest test you could get.",
                "People had to register as Democrats before they could vote.",
            ],
            ClaimKind::Prediction,
            &["The vote could decide the race."],
        );
    }

    #[test]
    fn attributed_claims_keep_their_source() {
        let c = claims("Hegseth told officials from over 50 countries that it was unrealistic.");
        assert_eq!(c[0].1, ClaimStatus::Attributed);
        let c = claims("Experts say the war could end by spring.");
        assert_eq!(c[0].1, ClaimStatus::Vague);
        // An unnamed group's view is as vague a source as its speech.
        let c = claims("Some veteran strategists think the party could lose the seat.");
        assert_eq!(c[0].1, ClaimStatus::Vague);
        let c = claims("A source said the war could end by spring.");
        assert_eq!(c[0].1, ClaimStatus::Anonymous);
    }

    #[test]
    fn quoted_words_and_plain_events_are_not_claims() {
        assert!(claims("\"It could end by spring,\" she said.").is_empty());
        assert!(claims("The competition ended on Tuesday in Washington.").is_empty());
        assert!(claims("Will the war end by spring, and could it?").is_empty());
    }
}
