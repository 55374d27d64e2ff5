//! `anonymous-source`: an unnamed source without the description AP asks for (why anonymity was
//! granted, how the source knows).

use super::Check;
use super::{finding, short};
use crate::analysis::{Analysis, Code, Doc, Finding, Severity, SourceKind};

/// The `anonymous-source` check.
pub(crate) const CHECK: Check = Check {
    code: Code::AnonymousSource,
    // Info: fewer than half of its findings were right on the dev sets (README, "How good").
    severity: Severity::Info,
    summary: "an unnamed source without the description AP asks for",
    run,
    fixes: super::no_fixes,
    file: file!(),
};

fn run(doc: &Doc, a: &Analysis, out: &mut Vec<Finding>) {
    for at in a
        .attributions
        .iter()
        .filter(|x| x.kind == SourceKind::Anonymous && !x.described)
    {
        let Some(src) = at.source else { continue };
        let who = short(&doc.text[src.start..src.end], 40);
        out.push(finding(
            Code::AnonymousSource,
            src,
            [
                "Unnamed source ('",
                &who,
                "'): say how they know and why they are not named (\"who was not authorized to speak publicly\").",
            ]
            .concat(),
            Vec::new(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::Code;
    use crate::analysis::checks::test_util::findings;

    #[test]
    fn bare_anonymous_source_is_flagged() {
        let f = findings("A source said the plan failed.", Code::AnonymousSource);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].0, "A source");
    }

    #[test]
    fn office_holders_are_not_anonymous_but_unnamed_staff_are() {
        for named in [
            "The prime minister said the plan failed.",
            "The foreign minister said the plan failed.",
            "A Justice Department spokeswoman said the plan failed.",
            "A woman later identified as Eva Resnick said the plan failed.",
        ] {
            assert!(findings(named, Code::AnonymousSource).is_empty(), "{named}");
        }
        for unnamed in [
            "One trader said the plan failed.",
            "A UK government official said the plan failed.",
            "The official said the plan failed.",
        ] {
            assert_eq!(
                findings(unnamed, Code::AnonymousSource).len(),
                1,
                "{unnamed}"
            );
        }
    }

    #[test]
    fn described_source_is_not() {
        let text = "A senior official who asked not to be named said the plan failed.";
        assert!(findings(text, Code::AnonymousSource).is_empty());
    }
}
