//! `name-variant`: one person's name spelled two ways in the same story.

use super::finding;
use crate::analysis::{Analysis, Code, Doc, Finding, Related};

pub fn check(doc: &Doc, a: &Analysis, out: &mut Vec<Finding>) {
    for p in &a.people {
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

#[cfg(test)]
mod tests {
    use crate::analysis::Code;
    use crate::analysis::checks::test_util::findings;

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
