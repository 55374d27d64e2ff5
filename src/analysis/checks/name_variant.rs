//! `name-variant`: one person's name spelled two ways in the same story.

use super::finding;
use super::{Check, Fix, FixContext};
use crate::analysis::{Analysis, Code, Doc, Finding, Related, Severity, Span};

/// The `name-variant` check.
pub(crate) const CHECK: Check = Check {
    code: Code::NameVariant,
    // Info: fewer than half of its findings were right on the dev sets (README, "How good").
    severity: Severity::Info,
    summary: "one person's name spelled two ways",
    run,
    fixes,
    file: file!(),
};

fn run(doc: &Doc, a: &Analysis, out: &mut Vec<Finding>) {
    let known = &doc.lex.settings.people;
    for p in &a.people {
        // The newsroom people file is the authority: any mention it rejects is flagged.
        let spellings: Vec<&str> = std::iter::once(p.surname())
            .chain(p.variants.iter().map(|(v, _)| v.as_str()))
            .collect();
        let entry = known.iter().find(|k| {
            let sur = k.name.rsplit(' ').next().unwrap_or(&k.name);
            spellings.iter().any(|s| {
                s.eq_ignore_ascii_case(sur) || k.rejected.iter().any(|r| r.eq_ignore_ascii_case(s))
            })
        });
        if let Some(entry) = entry {
            let good_sur = entry.name.rsplit(' ').next().unwrap_or(&entry.name);
            for m in &p.mentions {
                let here = &doc.text[m.span.start..m.span.end];
                let last = here.rsplit(' ').next().unwrap_or(here);
                let rejected = entry.rejected.iter().any(|r| {
                    r.rsplit(' ')
                        .next()
                        .is_some_and(|rs| rs.eq_ignore_ascii_case(last))
                });
                if rejected && !last.eq_ignore_ascii_case(good_sur) {
                    out.push(finding(
                        Code::NameVariant,
                        m.span,
                        format!(
                            "'{here}': the newsroom spells it '{}' (people file).",
                            entry.name
                        ),
                        Vec::new(),
                    ));
                }
            }
            continue;
        }
        let canonical = p.surname();
        for (variant, mentions) in &p.variants {
            // The spelling used more often is the story's; the other is the variant.
            let canonical_count =
                p.mentions.len() - p.variants.iter().map(|(_, m)| m.len()).sum::<usize>();
            let (odd, usual, odd_mentions): (&str, &str, Vec<usize>) =
                if mentions.len() > canonical_count {
                    let others = (0..p.mentions.len())
                        .filter(|i| !mentions.contains(i))
                        .collect();
                    (canonical, variant.as_str(), others)
                } else {
                    (variant.as_str(), canonical, mentions.clone())
                };
            let first_usual = p
                .mentions
                .iter()
                .enumerate()
                .find(|(i, _)| !odd_mentions.contains(i))
                .map(|(_, m)| m.span);
            for &mi in &odd_mentions {
                let m = &p.mentions[mi];
                let here = &doc.text[m.span.start..m.span.end];
                out.push(finding(
                    Code::NameVariant,
                    m.span,
                    format!("'{here}' is spelled '{usual}' elsewhere in this story: pick one spelling for {} (not '{odd}' and '{usual}').", p.name),
                    first_usual
                        .map(|s| vec![Related { span: s, message: format!("Spelled '{usual}' here") }])
                        .unwrap_or_default(),
                ));
            }
        }
    }
}

/// Spell the surname as the people file does (else as the story first did).
fn fixes(cx: &FixContext, f: &Finding, out: &mut Vec<Fix>) {
    let Some((p, _)) = cx.analysis.person_at(f.span.start) else {
        return;
    };
    let person = &cx.analysis.people[p];
    let here = &cx.text[f.span.start..f.span.end];
    let entry = cx
        .settings
        .people
        .iter()
        .find(|e| e.knows(here) || e.knows(person.surname()));
    let good = entry.map_or_else(|| person.surname().to_string(), |e| e.surname().to_string());
    let last = here.rsplit(' ').next().unwrap_or(here);
    let at = f.span.end - last.len();
    if last != good {
        out.push(
            Fix::new(
                format!("Spell it '{good}'"),
                vec![(Span::new(at, f.span.end), good.clone())],
            )
            .preferred(),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::Code;
    use crate::analysis::checks::test_util::findings;

    #[test]
    fn the_people_file_is_the_authority() {
        use crate::analysis::{DocKind, KnownName, Settings, analyze};
        let s = Settings {
            people: vec![KnownName {
                name: "Volodymyr Zelenskyy".into(),
                rejected: vec!["Zelensky".into()],
            }],
            ..Settings::default()
        };
        let text = "President Volodymyr Zelensky spoke. Zelensky left.";
        let a = analyze(text, DocKind::Text, &s);
        let f: Vec<&str> = a
            .findings
            .iter()
            .filter(|f| f.code == Code::NameVariant)
            .map(|f| &text[f.span.start..f.span.end])
            .collect();
        assert_eq!(f, ["Volodymyr Zelensky", "Zelensky"]);
    }

    #[test]
    fn a_family_is_no_spelling() {
        assert!(
            findings(
                "Barack Obama spoke on Monday. Obama said the plan works. The Obamas left.",
                Code::NameVariant
            )
            .is_empty()
        );
    }

    #[test]
    fn two_spellings_are_flagged_once_each_odd_mention() {
        let f = findings(
            "President Volodymyr Zelenskyy spoke. Zelenskyy left. Later Zelensky returned.",
            Code::NameVariant,
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, "Zelensky");
        assert!(
            f[0].1.contains("spelled 'Zelenskyy' elsewhere"),
            "{}",
            f[0].1
        );
    }
}
