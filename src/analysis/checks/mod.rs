//! Findings: one module per finding code, each named after its code, each with its tests.
//!
//! A check is declared once, in its file, as a [`Check`]: its code, default severity, one-line
//! summary, the function that finds it, and its fixes (the edits a code action offers, as plain
//! data with byte ranges: the server only turns them into LSP edits). A check reads the
//! finished [`Analysis`] (and the document's tokens) and adds findings with the code's default
//! severity; [`run`] drops the codes the settings switch off, applies the user's severities and
//! sorts the findings into document order. [`CHECKS`] lists them, in `Code::ALL` order (a test
//! holds each against its file name, its README section and the VS Code settings enum).

mod anonymous_source;
mod editorializing;
mod first_reference;
mod fixes;
mod loaded_attribution_verb;
mod name_variant;
mod scare_quote;
mod unattributed_claim;
mod unattributed_quote;
mod unknown_source;
mod unused_source;
mod vague_attribution;

use crate::analysis::index::SpanIndex;
use crate::analysis::{
    Analysis, Citations, Code, CueClass, Doc, Finding, Quote, Related, Settings, Severity, Span,
};

/// One finding code, declared in its own file (`checks/<code>.rs`).
pub struct Check {
    pub code: Code,
    /// The severity its findings have unless the configuration says otherwise.
    pub severity: Severity,
    /// One line on what the code is about.
    pub summary: &'static str,
    /// Adds the code's findings in the document.
    pub run: fn(&Doc, &Analysis, &mut Vec<Finding>),
    /// The fixes for one of its findings, beyond "ignore here" (which every code offers).
    pub fixes: fn(&FixContext, &Finding, &mut Vec<Fix>),
    /// The file that declares it (`file!()`): a test holds the name to the code.
    #[cfg_attr(not(test), allow(dead_code))]
    pub file: &'static str,
}

/// A fix a code action offers: a title and edits to the document's text (byte ranges and their
/// new text, applied together).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<(Span, String)>,
    /// The one fix an editor may apply on its own ("fix all").
    pub preferred: bool,
}

impl Fix {
    pub fn new(title: String, edits: Vec<(Span, String)>) -> Fix {
        Fix {
            title,
            edits,
            preferred: false,
        }
    }

    pub fn preferred(mut self) -> Fix {
        self.preferred = true;
        self
    }
}

/// An entry of the story's source library, as fixes need it (the library itself is read by
/// `crate::workspace`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CiteSource {
    pub id: String,
    pub title: Option<String>,
    pub who: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    /// The lowercase words a claim may share with it (title, who, role, note).
    pub words: Vec<String>,
}

/// What fixes read besides the finding: the text and its analysis, the story's settings
/// (people file, ignore word), the house citation style and the library's entries.
pub struct FixContext<'a> {
    pub text: &'a str,
    pub analysis: &'a Analysis,
    pub markdown: bool,
    pub settings: &'a Settings,
    pub citations: &'a Citations,
    pub sources: &'a [CiteSource],
}

/// No fixes beyond "ignore here".
fn no_fixes(_: &FixContext, _: &Finding, _: &mut Vec<Fix>) {}

/// Every check, in `Code::ALL` order.
pub const CHECKS: [&Check; 11] = [
    &unattributed_claim::CHECK,
    &unattributed_quote::CHECK,
    &vague_attribution::CHECK,
    &anonymous_source::CHECK,
    &loaded_attribution_verb::CHECK,
    &scare_quote::CHECK,
    &editorializing::CHECK,
    &first_reference::CHECK,
    &name_variant::CHECK,
    &unknown_source::CHECK,
    &unused_source::CHECK,
];

/// The check of `code`.
pub fn check(code: Code) -> &'static Check {
    CHECKS[Code::ALL
        .iter()
        .position(|&c| c == code)
        .expect("every code")]
}

impl Code {
    /// The severity a finding has unless the configuration says otherwise.
    pub fn default_severity(self) -> Severity {
        check(self).severity
    }

    /// One line on what the code is about.
    pub fn summary(self) -> &'static str {
        check(self).summary
    }
}

impl Settings {
    /// The severity of `code`'s findings: the user's, else the check's default.
    pub fn severity(&self, code: Code) -> Severity {
        self.severity_set(code)
            .unwrap_or_else(|| code.default_severity())
    }
}

/// The fixes for `finding`: its check's, then "ignore here".
pub fn fixes(cx: &FixContext, finding: &Finding) -> Vec<Fix> {
    let mut out = Vec::new();
    (check(finding.code).fixes)(cx, finding, &mut out);
    out.push(fixes::ignore_here(cx, finding));
    out
}

/// The quotes of a document, indexed by span (see [`SpanIndex`]).
pub(crate) struct QuoteIndex<'a> {
    quotes: &'a [Quote],
    spans: SpanIndex,
}

impl<'a> QuoteIndex<'a> {
    pub(crate) fn new(quotes: &'a [Quote]) -> QuoteIndex<'a> {
        QuoteIndex {
            quotes,
            spans: SpanIndex::new(quotes.iter().map(|q| q.span).enumerate()),
        }
    }

    /// The quotes whose span contains `span`.
    pub(crate) fn holding(&self, span: Span) -> impl Iterator<Item = &'a Quote> + '_ {
        self.spans.holding(span).map(|k| &self.quotes[k])
    }
}

/// Shortens `s` to about `max` characters on a word boundary, for messages.
pub(crate) fn short(s: &str, max: usize) -> String {
    // Most phrases are short ASCII with single spaces between words: those are their own
    // shortening (a byte is a character, and no whitespace needs folding).
    let b = s.as_bytes();
    if b.len() <= max
        && b.first().is_none_or(|&c| c != b' ')
        && b.last().is_none_or(|&c| c != b' ')
        && b.iter()
            .all(|&c| c.is_ascii() && !matches!(c, b'\t'..=b'\r'))
        && !b.windows(2).any(|w| w == b"  ")
    {
        return s.to_string();
    }
    // Built in place: this runs for every claim message of a long story.
    let mut out = String::with_capacity(s.len() + 3);
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    let Some((at, next)) = out.char_indices().nth(max) else {
        return out;
    };
    let mut cut = &out[..at];
    if next != ' ' {
        cut = cut.rsplit_once(' ').map_or(cut, |(a, _)| a);
    }
    let keep = cut.trim_end_matches([',', ';', ':']).len();
    out.truncate(keep);
    out.push('…');
    out
}

/// Whether attribution `at` reports an aim rather than a view: "wants", "plans", "hoped to make
/// schools the centrepiece" (where "hope that" holds a view). An aim claims nothing, and
/// whoever has it is no one's source.
pub(crate) fn is_aim(doc: &Doc, at: &crate::analysis::Attribution) -> bool {
    at.class == CueClass::Intention
        || (at.lemma == "hope"
            && doc
                .text
                .get(at.cue.end..)
                .is_some_and(|after| after.trim_start().starts_with("to ")))
}

pub(crate) fn finding(code: Code, span: Span, message: String, related: Vec<Related>) -> Finding {
    Finding {
        code,
        severity: code.default_severity(),
        message,
        span,
        related,
    }
}

/// Runs every enabled check.
pub fn run(doc: &Doc, a: &Analysis) -> Vec<Finding> {
    let settings = doc.lex.settings;
    let mut out = Vec::with_capacity(a.claims.len() + a.attributions.len() / 2 + 8);
    for c in CHECKS {
        let code = c.code;
        if !settings.enabled(code) {
            continue;
        }
        let from = out.len();
        (c.run)(doc, a, &mut out);
        for f in &mut out[from..] {
            debug_assert_eq!(f.code, code, "a check emits only its own code");
            // The user's severity for the code, else the one the check gave the finding (a
            // check may give its weaker kinds a lower one than the code's default).
            f.severity = settings.severity_set(code).unwrap_or(f.severity);
        }
    }
    // A source marked as to come ("[TK: source]" in the sentence): the finding stays, as an
    // open item, but no longer as a warning.
    let tk = settings.tk();
    if doc.text.contains(tk) {
        for f in out
            .iter_mut()
            .filter(|f| matches!(f.code, Code::UnattributedClaim | Code::UnattributedQuote))
        {
            let sentence = a.sentence_span(f.span);
            if doc.text[sentence.start..sentence.end].contains(tk) {
                f.severity = f.severity.max(Severity::Info);
                f.message = format!("TK open: {}", f.message);
            }
        }
    }
    // Ignore markers silence their codes in the sentence before them.
    for m in &a.ignores {
        let Some(si) = a
            .sentences
            .partition_point(|s| s.span.start <= m.span.start)
            .checked_sub(1)
        else {
            continue;
        };
        let sentence = a.sentences[si].span;
        out.retain(|f| !(m.codes.contains(&f.code) && f.span.overlaps(&sentence)));
    }
    out.sort_by_key(|x| (x.span.start, x.span.end, x.code));
    out
}

#[cfg(test)]
mod registry_tests {
    use super::*;

    /// Each code is declared once, in `checks/<code>.rs`, and the README and the VS Code
    /// extension's settings say the same: a section `### <code>` that opens with the default
    /// severity, and the code in the `copydesk.checks.disable` enum.
    #[test]
    fn every_check_matches_its_file_readme_section_and_settings_enum() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
        let package: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(root.join("editors/vscode/package.json")).unwrap(),
        )
        .unwrap();
        let props = &package["contributes"]["configuration"]["properties"];
        let enumerated: Vec<&str> = props["copydesk.checks.disable"]["items"]["enum"]
            .as_array()
            .expect("the disable setting lists the codes")
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(
            enumerated, codes,
            "package.json's enum and Code::ALL differ"
        );
        let mut files: Vec<String> = std::fs::read_dir(root.join("src/analysis/checks"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != "mod.rs" && n != "fixes.rs")
            .collect();
        files.sort();
        let mut want: Vec<String> = codes
            .iter()
            .map(|c| format!("{}.rs", c.replace('-', "_")))
            .collect();
        want.sort();
        assert_eq!(files, want, "one file per code");
        for (check, code) in CHECKS.iter().zip(Code::ALL) {
            assert_eq!(check.code, code, "CHECKS is in Code::ALL order");
            let file = std::path::Path::new(check.file);
            assert_eq!(
                file.file_stem()
                    .unwrap()
                    .to_string_lossy()
                    .replace('_', "-"),
                code.as_str(),
                "{} declared in {}",
                code.as_str(),
                check.file
            );
            let heading = format!("\n### {}\n", code.as_str());
            let at = readme
                .find(&heading)
                .unwrap_or_else(|| panic!("README has no section {heading:?}"));
            let first = readme[at + heading.len()..].lines().next().unwrap();
            assert!(
                first.starts_with(&format!("*{}*.", check.severity.as_str())),
                "README's {} section says {first:?}, the check's default is {}",
                code.as_str(),
                check.severity.as_str()
            );
            assert!(
                !check.summary.is_empty(),
                "{} has no summary",
                code.as_str()
            );
        }
    }
}

#[cfg(test)]
pub(crate) mod test_util {
    use crate::analysis::{Code, DocKind, Settings, analyze};

    /// The findings of `code` in `text`, as (covered text, message).
    pub fn findings(text: &str, code: Code) -> Vec<(String, String)> {
        let a = analyze(text, DocKind::Text, &Settings::default());
        a.findings
            .iter()
            .filter(|f| f.code == code)
            .map(|f| {
                (
                    text[f.span.start..f.span.end].to_string(),
                    f.message.clone(),
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{DocKind, Settings, Severity, analyze};

    #[test]
    fn ignore_markers_silence_their_codes_in_the_sentence_before() {
        let md = "Prices will likely rise. <!-- copydesk-ignore unattributed-claim -->\n\nSales could fall sharply next year.\n";
        let a = analyze(md, DocKind::Markdown, &Settings::default());
        let f: Vec<&str> = a
            .findings
            .iter()
            .filter(|f| f.code == Code::UnattributedClaim)
            .map(|f| &md[f.span.start..f.span.end])
            .collect();
        assert_eq!(f, ["Sales could fall sharply next year."]);
        let txt = "Prices will likely rise. [copydesk-ignore unattributed-claim]\n\nSales could fall sharply next year.\n";
        let a = analyze(txt, DocKind::Text, &Settings::default());
        assert_eq!(
            a.findings
                .iter()
                .filter(|f| f.code == Code::UnattributedClaim)
                .count(),
            1
        );
    }

    #[test]
    fn citations_source_their_sentence() {
        for (text, kind) in [
            ("Prices will likely rise [@imf2025].\n", DocKind::Markdown),
            (
                "Prices will likely rise.[^1]\n\n[^1]: IMF.\n",
                DocKind::Markdown,
            ),
            (
                "Prices will likely rise, [the IMF says](https://example.org).\n",
                DocKind::Markdown,
            ),
            (
                "Prices will likely rise (Source: IMF, 2025).\n",
                DocKind::Text,
            ),
        ] {
            let a = analyze(text, kind, &Settings::default());
            assert!(
                !a.findings.iter().any(|f| f.code == Code::UnattributedClaim),
                "{text}: {:?}",
                a.findings
            );
        }
    }

    #[test]
    fn short_cuts_on_words() {
        assert_eq!(short("tens of thousands", 40), "tens of thousands");
        assert_eq!(
            short("a lengthy and highly productive phone call", 20),
            "a lengthy and highly…"
        );
    }

    /// The first version of `short` (collect, join, cut), which the in-place one must match.
    fn short_reference(s: &str, max: usize) -> String {
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.chars().count() <= max {
            return s;
        }
        let cut: String = s.chars().take(max).collect();
        let at_word_end = s.chars().nth(max) == Some(' ');
        let cut = if at_word_end {
            cut.as_str()
        } else {
            cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a)
        };
        format!("{}…", cut.trim_end_matches([',', ';', ':']))
    }

    proptest::proptest! {
        #[test]
        fn short_matches_its_reference(s in "[a-c ,;:\t\n\u{b}\u{c}\r\u{e9}\u{2003}]{0,60}", max in 0usize..70) {
            proptest::prop_assert_eq!(short(&s, max), short_reference(&s, max));
        }
    }

    #[test]
    fn settings_switch_codes_off_and_change_severity() {
        let text = "Experts say the talks will fail. The war is devastating and tragic.";
        let all = analyze(text, DocKind::Text, &Settings::default());
        assert!(all.findings.iter().any(|f| f.code == Code::Editorializing));
        let s = Settings {
            disabled: vec![Code::Editorializing],
            severities: vec![(Code::VagueAttribution, Severity::Error)],
            ..Settings::default()
        };
        let some = analyze(text, DocKind::Text, &s);
        assert!(!some.findings.iter().any(|f| f.code == Code::Editorializing));
        let v = some
            .findings
            .iter()
            .find(|f| f.code == Code::VagueAttribution)
            .unwrap();
        assert_eq!(v.severity, Severity::Error);
    }
}
