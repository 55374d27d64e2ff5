//! From the engine's `Analysis` (byte offsets) to LSP types (positions in the negotiated
//! encoding). The only place where the two meet.

use std::str::FromStr;

use tower_lsp_server::ls_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DocumentSymbol,
    InlayHint, InlayHintLabel, InlayHintTooltip, Location, NumberOrString, Range, SymbolKind, Uri,
};

use super::documents::Snapshot;
use super::position::Encoding;
use crate::analysis::checks::short;
use crate::analysis::{ClaimStatus, Code, Finding, MentionKind, Person, Severity, Span};

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// [`severity`] as JSON.
fn severity_json(s: Severity) -> &'static [u8] {
    match s {
        Severity::Error => b"1",
        Severity::Warning => b"2",
        Severity::Info => b"3",
        Severity::Hint => b"4",
    }
}

/// The help page of a code, parsed once (a story can have thousands of findings).
fn help_link(code: Code) -> Option<Uri> {
    static LINKS: std::sync::OnceLock<Vec<Option<Uri>>> = std::sync::OnceLock::new();
    let links = LINKS.get_or_init(|| {
        Code::ALL
            .iter()
            .map(|&c| Uri::from_str(&c.help_uri()).ok())
            .collect()
    });
    let i = Code::ALL.iter().position(|&c| c == code)?;
    links[i].clone()
}

pub fn diagnostic(snap: &Snapshot, uri: &Uri, f: &Finding, enc: Encoding) -> Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = f
        .related
        .iter()
        .map(|r| DiagnosticRelatedInformation {
            location: Location {
                uri: uri.clone(),
                range: snap.range(r.span, enc),
            },
            message: r.message.clone(),
        })
        .collect();
    Diagnostic {
        range: snap.range(f.span, enc),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.code.as_str().to_string())),
        code_description: help_link(f.code).map(|href| CodeDescription { href }),
        source: Some("copydesk".to_string()),
        message: f.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

pub fn diagnostics(snap: &Snapshot, uri: &Uri, enc: Encoding) -> Vec<Diagnostic> {
    snap.analysis
        .findings
        .iter()
        .map(|f| diagnostic(snap, uri, f, enc))
        .collect()
}

/// The `textDocument/publishDiagnostics` notification of a snapshot, as a whole frame: the
/// bytes [`super::output::notification`] writes for the `PublishDiagnosticsParams` of
/// [`diagnostics`] (the test below holds it to that), written straight from the findings.
/// Building thousands of LSP structs (each with its own copies of the message, the code, the
/// source name, the help link) and serializing them took 1.5–2.5 ms of each keystroke in a
/// 100,000-word story, with its 2,400 findings.
pub fn publish_frame(snap: &Snapshot, uri: &Uri, enc: Encoding) -> super::output::Frame {
    use std::io::Write;
    let findings = &snap.analysis.findings;
    let mut body: Vec<u8> = Vec::with_capacity(160 + findings.len() * 400);
    let mut uri_json = Vec::new();
    json(&mut uri_json, uri);
    let mut at = snap.lines.walker(&snap.text, enc);
    // Numbers by `itoa`, not `write!`: four a finding, thousands of findings in a long story,
    // and the formatting machinery cost several times the digits.
    let mut digits = itoa::Buffer::new();
    let mut range = |out: &mut Vec<u8>, r: tower_lsp_server::ls_types::Range| {
        out.extend_from_slice(br#"{"start":{"line":"#);
        out.extend_from_slice(digits.format(r.start.line).as_bytes());
        out.extend_from_slice(br#","character":"#);
        out.extend_from_slice(digits.format(r.start.character).as_bytes());
        out.extend_from_slice(br#"},"end":{"line":"#);
        out.extend_from_slice(digits.format(r.end.line).as_bytes());
        out.extend_from_slice(br#","character":"#);
        out.extend_from_slice(digits.format(r.end.character).as_bytes());
        out.extend_from_slice(b"}}");
    };
    body.extend_from_slice(
        br#"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"#,
    );
    body.extend_from_slice(&uri_json);
    body.extend_from_slice(br#","diagnostics":["#);
    for (k, f) in findings.iter().enumerate() {
        if k > 0 {
            body.push(b',');
        }
        body.extend_from_slice(br#"{"range":"#);
        range(&mut body, at.range(f.span));
        body.extend_from_slice(br#","severity":"#);
        body.extend_from_slice(severity_json(f.severity));
        body.extend_from_slice(br#","code":"#);
        body.extend_from_slice(code_json(f.code));
        body.extend_from_slice(br#","source":"copydesk","message":"#);
        json_str(&mut body, &f.message);
        if !f.related.is_empty() {
            body.extend_from_slice(br#","relatedInformation":["#);
            for (j, r) in f.related.iter().enumerate() {
                if j > 0 {
                    body.push(b',');
                }
                body.extend_from_slice(br#"{"location":{"uri":"#);
                body.extend_from_slice(&uri_json);
                body.extend_from_slice(br#","range":"#);
                range(&mut body, snap.range(r.span, enc));
                body.extend_from_slice(br#"},"message":"#);
                json_str(&mut body, &r.message);
                body.push(b'}');
            }
            body.push(b']');
        }
        body.push(b'}');
    }
    let _ = write!(body, r#"],"version":{}}}}}"#, snap.version);
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(&body);
    frame
}

/// A value as serde_json writes it. Writing to a `Vec` does not fail, nor does serializing a
/// string or a URI.
fn json<T: serde::Serialize + ?Sized>(out: &mut Vec<u8>, v: &T) {
    let _ = serde_json::to_writer(out, v);
}

/// A string as serde_json writes it: as it is, between quotes, unless it holds a byte JSON
/// escapes (a quote, a backslash, a control character), which serde_json then escapes. Its
/// escaping goes byte by byte through a table, and findings' messages seldom need it.
fn json_str(out: &mut Vec<u8>, s: &str) {
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    } else {
        json(out, s);
    }
}

/// A code's `"code"` value and, where it has a help page, its `"codeDescription"`, as JSON
/// (the same for every finding of the code: written once).
fn code_json(code: Code) -> &'static [u8] {
    static JSON: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    let all = JSON.get_or_init(|| {
        Code::ALL
            .iter()
            .map(|&c| {
                let mut out = Vec::new();
                json(&mut out, c.as_str());
                if let Some(href) = help_link(c) {
                    out.extend_from_slice(br#","codeDescription":{"href":"#);
                    json(&mut out, &href);
                    out.push(b'}');
                }
                out
            })
            .collect()
    });
    Code::ALL
        .iter()
        .position(|&c| c == code)
        .map_or(&[][..], |i| &all[i])
}

/// What the story quotes a person as saying: their quotes, then reported speech.
fn sayings(snap: &Snapshot, p: usize, n: usize) -> Vec<String> {
    let a = &snap.analysis;
    let mut out: Vec<String> = a
        .quotes
        .iter()
        .filter(|q| q.speaker == Some(p) && !q.nested)
        .map(|q| {
            format!(
                "“{}”",
                short(
                    snap.text[q.inner.start..q.inner.end].trim_end_matches([',', ' ']),
                    90
                )
            )
        })
        .collect();
    for at in a
        .attributions
        .iter()
        .filter(|x| x.person == Some(p) && x.class.sources_claims())
    {
        if let Some(c) = at.content.first()
            && !a.quotes.iter().any(|q| q.inner.overlaps(c))
        {
            out.push(format!(
                "{} (reported)",
                short(&snap.text[c.start..c.end], 90)
            ));
        }
    }
    out.truncate(n);
    out
}

/// Hover text for a person.
pub fn person_hover(snap: &Snapshot, p: usize) -> String {
    let a = &snap.analysis;
    let person: &Person = &a.people[p];
    let mut s = format!("**{}**", person.name);
    if !person.roles.is_empty() {
        s.push_str(&format!("  \n{}", person.roles.join("; ")));
    }
    let n = person.mentions.len();
    if let Some(first) = person.mentions.first() {
        let para = a.sentences.get(first.sentence).map_or(0, |x| x.paragraph) + 1;
        let line = snap
            .lines
            .position(
                &snap.text,
                first.span.start,
                super::position::Encoding::Utf8,
            )
            .line as usize
            + 1;
        s.push_str(&format!(
            "\n\nMentioned {n} time{}; first in paragraph {para} (line {line}).",
            if n == 1 { "" } else { "s" }
        ));
    }
    let short_forms: Vec<&str> = {
        let mut v: Vec<&str> = person
            .mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Short)
            .map(|m| &snap.text[m.span.start..m.span.end])
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    if !short_forms.is_empty() {
        s.push_str(&format!(" Also called: {}.", short_forms.join(", ")));
    }
    if !person.variants.is_empty() {
        let v: Vec<&str> = person.variants.iter().map(|(v, _)| v.as_str()).collect();
        s.push_str(&format!(
            " Other spellings in this story: {}.",
            v.join(", ")
        ));
    }
    if let Some(e) = snap
        .loaded
        .people
        .iter()
        .find(|e| e.knows(&person.name) || e.knows(person.surname()))
    {
        s.push_str(&format!("\n\n**People file:** {}", e.name));
        for v in [&e.title, &e.affiliation, &e.pronouns]
            .into_iter()
            .flatten()
        {
            s.push_str(&format!(" · {v}"));
        }
        if !e.reject.is_empty() {
            s.push_str(&format!(" (not: {})", e.reject.join(", ")));
        }
        if let Some(n) = &e.notes {
            s.push_str(&format!("  \n{}", crate::sources::public(n)));
        }
    }
    let said = sayings(snap, p, 3);
    if !said.is_empty() {
        s.push_str("\n\nQuoted as saying:\n");
        for q in said {
            s.push_str(&format!("- {q}\n"));
        }
    }
    s
}

/// Hover text for a cited source (never private contact details).
pub fn source_hover(s: &crate::sources::Source) -> String {
    let mut out = format!("**{}**", s.label());
    let mut line = |k: &str, v: &Option<String>| {
        if let Some(v) = v {
            out.push_str(&format!("  \n{k}: {v}"));
        }
    };
    line("By", &s.who);
    line("Role", &s.role);
    line("Kind", &s.kind);
    line("Date", &s.date);
    line("Accessed", &s.accessed);
    line("URL", &s.url);
    if let Some(n) = &s.note {
        out.push_str(&format!("\n\n{}", crate::sources::public(n)));
    }
    if let Some(r) = s.on_record {
        out.push_str(if r {
            "\n\nOn the record."
        } else {
            "\n\nNot on the record: do not name."
        });
    }
    let file = s
        .file
        .file_name()
        .map_or_else(String::new, |f| f.to_string_lossy().into_owned());
    out.push_str(&format!("\n\n`{}` in {file}", s.id));
    out
}

/// Hover text for a finding.
/// What a hover adds to a finding: the code, what it is about and where to read more. Not the
/// message: editors show the diagnostic's own message in the same hover (VS Code showed it
/// twice).
pub fn finding_hover(f: &Finding) -> String {
    format!(
        "**copydesk: {}** ({}): {}.\n\n[What this means and how to fix it]({})",
        f.code.as_str(),
        f.severity.as_str(),
        f.code.summary(),
        f.code.help_uri()
    )
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be set
fn symbol(
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: Range,
    children: Option<Vec<DocumentSymbol>>,
) -> DocumentSymbol {
    DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range: range,
        children,
    }
}

/// The story's outline: people (at their first mention), quotes and unattributed claims, one
/// flat list in document order. Flat, not grouped: a group spanning the story made every
/// breadcrumb read "People"; now the breadcrumb names the quote or claim under the cursor.
pub fn outline(snap: &Snapshot, enc: Encoding) -> Vec<DocumentSymbol> {
    let a = &snap.analysis;
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let mut out: Vec<(usize, DocumentSymbol)> = Vec::new();
    for p in &a.people {
        let first = p.mentions[0].span;
        let n = p.mentions.len();
        let detail = match p.roles.first() {
            Some(r) => format!("person · {r} · {n} mention{}", plural(n)),
            None => format!("person · {n} mention{}", plural(n)),
        };
        out.push((
            first.start,
            symbol(
                p.name.clone(),
                Some(detail),
                SymbolKind::OBJECT,
                snap.range(first, enc),
                None,
            ),
        ));
    }
    for q in a.quotes.iter().filter(|q| !q.nested) {
        let who = q
            .speaker
            .map_or_else(|| "no speaker".to_string(), |p| a.people[p].name.clone());
        let words = short(&snap.text[q.inner.start..q.inner.end], 60);
        out.push((
            q.span.start,
            symbol(
                format!("\u{201c}{words}\u{201d}"),
                Some(format!("quote · {who}")),
                SymbolKind::STRING,
                snap.range(q.span, enc),
                None,
            ),
        ));
    }
    for c in a
        .claims
        .iter()
        .filter(|c| c.status == ClaimStatus::Unattributed)
    {
        let words = short(&snap.text[c.span.start..c.span.end], 60);
        out.push((
            c.span.start,
            symbol(
                words,
                Some(format!("unattributed {}", c.kind.as_str())),
                SymbolKind::EVENT,
                snap.range(c.span, enc),
                None,
            ),
        ));
    }
    out.sort_by_key(|(at, _)| *at);
    out.into_iter().map(|(_, s)| s).collect()
}

/// The speaker after each quote whose tag is out of sight: in another sentence than the quote
/// ('Peskov said: / "..."', a quote run on across paragraphs, "he tweeted." in the next
/// sentence). Quotes tagged in their own sentence get none: the reader sees who spoke.
pub fn speaker_hints(snap: &Snapshot, range: Span, enc: Encoding) -> Vec<InlayHint> {
    let a = &snap.analysis;
    let mut out = Vec::new();
    for q in a.quotes.iter().filter(|q| !q.nested) {
        if q.span.end < range.start || q.span.start > range.end {
            continue;
        }
        let (Some(p), Some(at)) = (q.speaker, q.attribution) else {
            continue;
        };
        let tag = a.attributions[at].sentence;
        let first = a.sentence_at(q.span.start);
        let last = a.sentence_at(q.span.end.saturating_sub(1));
        let near = !q.continued && (first == Some(tag) || last == Some(tag));
        if near {
            continue;
        }
        let person = &a.people[p];
        let tooltip = match person.roles.first() {
            Some(r) => format!("copydesk: quoted: {}, {r}", person.name),
            None => format!("copydesk: quoted: {}", person.name),
        };
        out.push(InlayHint {
            position: snap.range(Span::new(q.span.end, q.span.end), enc).start,
            label: InlayHintLabel::String(format!("\u{2014} {}", person.surname())),
            kind: None,
            text_edits: None,
            tooltip: Some(InlayHintTooltip::String(tooltip)),
            padding_left: Some(true),
            padding_right: None,
            data: None,
        });
    }
    out
}

/// The finding codes, for the server's capability description.
pub fn codes() -> Vec<&'static str> {
    Code::ALL.iter().map(|c| c.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use tower_lsp_server::ls_types::PublishDiagnosticsParams;

    use super::*;
    use crate::analysis::{DocKind, Related, Settings, Span, analyze};
    use crate::server::position::Lines;

    #[test]
    fn severities_are_written_as_serde_writes_them() {
        for s in [
            Severity::Error,
            Severity::Warning,
            Severity::Info,
            Severity::Hint,
        ] {
            assert_eq!(
                severity_json(s),
                serde_json::to_vec(&severity(s)).unwrap().as_slice()
            );
        }
    }

    #[test]
    fn the_written_frame_is_what_serde_writes() {
        let text = "Peskov said talks began.\r\nPrices rose 40 percent because of the war, experts say.\n\n\
                    “Putin 🙂 agreed,” a source said. Critics claimed \"the \\ plan\" failed.\tEnd";
        let mut analysis = analyze(text, DocKind::Text, &Settings::default());
        assert!(analysis.findings.len() >= 3, "{:?}", analysis.findings);
        // Related information, and messages that need escaping.
        analysis.findings[0].related.push(Related {
            span: Span::new(30, 40),
            message: "a \"quoted\" \u{1} note\n".into(),
        });
        analysis.findings[1].related.push(Related {
            span: Span::new(0, 6),
            message: "one".into(),
        });
        analysis.findings[1].related.push(Related {
            span: Span::new(text.len() - 3, text.len()),
            message: "two".into(),
        });
        analysis.findings[2].message.push_str(" <ü> \\ \u{7f}");
        let snap = Snapshot {
            version: 7,
            lines: Lines::new(text),
            analysis,
            text: text.to_string(),
            kind: Some(DocKind::Text),
            config: crate::config::Config::default(),
            loaded: Arc::default(),
        };
        let uri = Uri::from_str("file:///tmp/a%20b/story.txt").unwrap();
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            let want = crate::server::output::notification(
                "textDocument/publishDiagnostics",
                &PublishDiagnosticsParams {
                    diagnostics: diagnostics(&snap, &uri, enc),
                    uri: uri.clone(),
                    version: Some(snap.version),
                },
            );
            let got = publish_frame(&snap, &uri, enc);
            assert_eq!(
                String::from_utf8(got).unwrap(),
                String::from_utf8(want).unwrap()
            );
        }
        let empty = Snapshot {
            analysis: crate::analysis::Analysis::default(),
            ..snap
        };
        let want = crate::server::output::notification(
            "textDocument/publishDiagnostics",
            &PublishDiagnosticsParams {
                diagnostics: Vec::new(),
                uri: uri.clone(),
                version: Some(7),
            },
        );
        assert_eq!(publish_frame(&empty, &uri, Encoding::Utf16), want);
    }
}
