//! Citations in the text, and the ignore markers a reporter leaves.
//!
//! Citations: Pandoc (`[@id]`, `[see @a; @b, p. 3]`), footnotes (`[^id]`), inline links in
//! Markdown (`[title](url)`), and in plain text `(Source: ...)`. A sentence that carries one is
//! sourced. Ignore markers (`<!-- copydesk-ignore CODE ... -->` in Markdown, `[copydesk-ignore
//! CODE ...]` in plain text, the word configurable) silence those codes in the sentence before
//! them.

use crate::analysis::markdown::Prose;
pub use crate::analysis::model::{Citation, CitationKind, IgnoreMarker};
use crate::analysis::model::{Code, Span};

fn id_char(c: char) -> bool {
    c.is_alphanumeric() || "_-:.#$%&+?<>~/".contains(c)
}

/// The end of the line holding `at` (the text's end on the last line).
fn line_end(text: &str, at: usize) -> usize {
    memchr::memchr(b'\n', &text.as_bytes()[at..]).map_or(text.len(), |k| at + k)
}

/// Pandoc citations: every `@key` inside a `[...]` that holds one.
///
/// Every search is bounded (a bracket's close within the line and 300 bytes, a marker's within
/// its line): a text of ten thousand `[` and one far `]` must not cost ten thousand scans of it.
fn pandoc(text: &str, prose: &dyn Fn(usize) -> bool, out: &mut Vec<Citation>) {
    let b = text.as_bytes();
    // A citation's brackets are not searched again for citations inside them.
    let mut resume = 0;
    for open in memchr::memchr_iter(b'[', b) {
        if open < resume {
            continue;
        }
        let window = &b[open..(open + 302).min(b.len())];
        let Some(close) = memchr::memchr2(b']', b'\n', window)
            .filter(|&c| window[c] == b']')
            .map(|c| open + c)
        else {
            continue;
        };
        let inside = &text[open + 1..close];
        if inside.len() > 300 || !inside.contains('@') || !prose(open) {
            continue;
        }
        // A footnote (`[^`) or a link (`](`) is not a Pandoc citation.
        if b.get(close + 1) == Some(&b'(') {
            continue;
        }
        let mut j = 0;
        while let Some(at) = inside[j..].find('@') {
            let s = j + at + 1;
            let key: String = inside[s..].chars().take_while(|&c| id_char(c)).collect();
            let key = key.trim_end_matches(['.', ':', ',']).to_string();
            let before_ok = s == 1 || inside[..s - 1].ends_with([' ', ';', '-', '[']) || s - 1 == 0;
            if !key.is_empty() && before_ok {
                out.push(Citation {
                    span: Span::new(open, close + 1),
                    kind: CitationKind::Pandoc,
                    id: Some(key.clone()),
                    url: None,
                });
            }
            // Resume after the key: `s` follows an ASCII '@' and the key is whole characters,
            // so this is a character boundary (a found bug: resuming one byte back landed inside
            // a multi-byte character after "@").
            j = s + key.len();
            if j >= inside.len() {
                break;
            }
        }
        resume = close + 1;
    }
}

/// `[^id]` not followed by `:` (that is a definition).
fn footnotes_plain(text: &str, out: &mut Vec<Citation>) {
    for s in memchr::memmem::find_iter(text.as_bytes(), "[^") {
        // The id runs to the first character that cannot be in one; a `]` there closes it.
        let id_len: usize = text[s + 2..]
            .chars()
            .take_while(|&c| id_char(c))
            .map(char::len_utf8)
            .sum();
        let e = s + 2 + id_len;
        if id_len > 0
            && text.as_bytes().get(e) == Some(&b']')
            && text.as_bytes().get(e + 1) != Some(&b':')
        {
            out.push(Citation {
                span: Span::new(s, e + 1),
                kind: CitationKind::Footnote,
                id: Some(text[s + 2..e].to_string()),
                url: None,
            });
        }
    }
}

/// `(Source: ...)` in plain text.
fn plain(text: &str, out: &mut Vec<Citation>) {
    for s in memchr::memmem::find_iter(text.as_bytes(), "(Source:") {
        let line = &text.as_bytes()[s..line_end(text, s)];
        if let Some(e) = memchr::memchr(b')', line) {
            out.push(Citation {
                span: Span::new(s, s + e + 1),
                kind: CitationKind::Plain,
                id: None,
                url: None,
            });
        }
    }
}

/// The citations of a document; `prose` is the Markdown structure when there is one.
pub fn find(text: &str, md: Option<&Prose>) -> Vec<Citation> {
    let mut out = Vec::new();
    match md {
        Some(p) => {
            let is_prose = |i: usize| p.masked.as_bytes().get(i) == text.as_bytes().get(i);
            pandoc(text, &is_prose, &mut out);
            out.extend(p.footnotes.iter().map(|(s, id)| Citation {
                span: *s,
                kind: CitationKind::Footnote,
                id: Some(id.clone()),
                url: None,
            }));
            out.extend(p.links.iter().map(|(s, url)| Citation {
                span: *s,
                kind: CitationKind::Link,
                id: None,
                url: Some(url.clone()),
            }));
        }
        None => {
            pandoc(text, &|_| true, &mut out);
            footnotes_plain(text, &mut out);
            plain(text, &mut out);
        }
    }
    out.sort_by_key(|c| c.span.start);
    out
}

/// Ignore markers: `<word> CODE CODE` inside `<!-- -->` (Markdown) or `[ ]` (plain text).
pub fn ignore_markers(text: &str, word: &str, markdown: bool) -> Vec<IgnoreMarker> {
    let (open, close) = if markdown {
        ("<!--", "-->")
    } else {
        ("[", "]")
    };
    let mut out = Vec::new();
    if word.is_empty() {
        return out;
    }
    for at in memchr::memmem::find_iter(text.as_bytes(), word) {
        // Only blanks between the opening and the word, and the whole marker on one line.
        let before = text[..at].trim_end();
        if !before.ends_with(open) {
            continue;
        }
        let s = before.len() - open.len();
        let line = &text[at..line_end(text, at)];
        let Some(e) = memchr::memmem::find(line.as_bytes(), close.as_bytes()).map(|e| at + e)
        else {
            continue;
        };
        if e < at + word.len() {
            continue;
        }
        let codes: Vec<Code> = text[at + word.len()..e]
            .split([' ', ','])
            .filter_map(Code::parse)
            .collect();
        if !codes.is_empty() && !text[s..at].contains('\n') {
            out.push(IgnoreMarker {
                span: Span::new(s, e + close.len()),
                codes,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::markdown::prose;

    fn ids(text: &str, md: bool) -> Vec<(CitationKind, Option<String>)> {
        let p = md.then(|| prose(text));
        find(text, p.as_ref())
            .into_iter()
            .map(|c| (c.kind, c.id))
            .collect()
    }

    #[test]
    fn pandoc_footnote_link_and_plain() {
        assert_eq!(
            ids(
                "Prices rose [see @imf2025, p. 3; @un-data]. Sales fell.[^n1]\n\n[^n1]: A note.\n",
                true
            ),
            [
                (CitationKind::Pandoc, Some("imf2025".into())),
                (CitationKind::Pandoc, Some("un-data".into())),
                (CitationKind::Footnote, Some("n1".into()))
            ]
        );
        assert_eq!(
            ids("Prices rose, [a report](https://example.org) says.", true),
            [(CitationKind::Link, None)]
        );
        assert_eq!(
            ids(
                "Prices rose (Source: IMF, 2025). Email me@x.org [x].",
                false
            ),
            [(CitationKind::Plain, None)]
        );
        assert!(ids("`[@code]` and\n\n```\n[@fence]\n```\n", true).is_empty());
    }

    #[test]
    fn at_signs_before_non_ascii_text() {
        // Found by the property test: "@" followed by a multi-byte character.
        assert!(
            ids("[x @Ѩ y] [@Ѩa] [@@]", false)
                .iter()
                .all(|(_, id)| id.as_deref() != Some(""))
        );
    }

    #[test]
    fn ignore_markers_in_both_kinds() {
        let m = ignore_markers(
            "A claim. <!-- copydesk-ignore unattributed-claim scare-quote -->",
            "copydesk-ignore",
            true,
        );
        assert_eq!(m[0].codes, [Code::UnattributedClaim, Code::ScareQuote]);
        let m = ignore_markers(
            "A claim. [copydesk-ignore vague-attribution]",
            "copydesk-ignore",
            false,
        );
        assert_eq!(m[0].codes, [Code::VagueAttribution]);
        assert!(
            ignore_markers("[copydesk-ignore nothing-real]", "copydesk-ignore", false).is_empty()
        );
    }

    /// The first, unbounded versions of the scanners: the oracle for the bounded ones.
    mod reference {
        use super::super::*;

        pub fn pandoc(text: &str, prose: &dyn Fn(usize) -> bool, out: &mut Vec<Citation>) {
            let b = text.as_bytes();
            let mut i = 0;
            while let Some(k) = text[i..].find('[') {
                let open = i + k;
                i = open + 1;
                let Some(close) = text[open..].find(']').map(|c| open + c) else {
                    break;
                };
                let inside = &text[open + 1..close];
                if inside.contains('\n')
                    || inside.len() > 300
                    || !inside.contains('@')
                    || !prose(open)
                {
                    continue;
                }
                // A footnote (`[^`) or a link (`](`) is not a Pandoc citation.
                if b.get(close + 1) == Some(&b'(') {
                    continue;
                }
                let mut j = 0;
                while let Some(at) = inside[j..].find('@') {
                    let s = j + at + 1;
                    let key: String = inside[s..].chars().take_while(|&c| id_char(c)).collect();
                    let key = key.trim_end_matches(['.', ':', ',']).to_string();
                    let before_ok =
                        s == 1 || inside[..s - 1].ends_with([' ', ';', '-', '[']) || s - 1 == 0;
                    if !key.is_empty() && before_ok {
                        out.push(Citation {
                            span: Span::new(open, close + 1),
                            kind: CitationKind::Pandoc,
                            id: Some(key.clone()),
                            url: None,
                        });
                    }
                    // Resume after the key: `s` follows an ASCII '@' and the key is whole characters,
                    // so this is a character boundary (a found bug: resuming one byte back landed inside
                    // a multi-byte character after "@").
                    j = s + key.len();
                    if j >= inside.len() {
                        break;
                    }
                }
                i = close + 1;
            }
        }

        pub fn footnotes_plain(text: &str, out: &mut Vec<Citation>) {
            let mut i = 0;
            while let Some(k) = text[i..].find("[^") {
                let s = i + k;
                i = s + 2;
                let Some(e) = text[s..].find(']').map(|e| s + e) else {
                    break;
                };
                let id = &text[s + 2..e];
                if !id.is_empty()
                    && id.chars().all(id_char)
                    && text.as_bytes().get(e + 1) != Some(&b':')
                {
                    out.push(Citation {
                        span: Span::new(s, e + 1),
                        kind: CitationKind::Footnote,
                        id: Some(id.to_string()),
                        url: None,
                    });
                }
            }
        }

        pub fn plain(text: &str, out: &mut Vec<Citation>) {
            let mut i = 0;
            while let Some(k) = text[i..].find("(Source:") {
                let s = i + k;
                i = s + 8;
                if let Some(e) = text[s..].find(')').map(|e| s + e)
                    && !text[s..e].contains('\n')
                {
                    out.push(Citation {
                        span: Span::new(s, e + 1),
                        kind: CitationKind::Plain,
                        id: None,
                        url: None,
                    });
                }
            }
        }

        pub fn ignore_markers(text: &str, word: &str, markdown: bool) -> Vec<IgnoreMarker> {
            let (open, close) = if markdown {
                ("<!--", "-->")
            } else {
                ("[", "]")
            };
            let mut out = Vec::new();
            let mut i = 0;
            while let Some(k) = text[i..].find(word) {
                let at = i + k;
                i = at + word.len();
                let Some(s) = text[..at].rfind(open) else {
                    continue;
                };
                if !text[s + open.len()..at].trim().is_empty() {
                    continue;
                }
                let Some(e) = text[at..].find(close).map(|e| at + e) else {
                    continue;
                };
                let codes: Vec<Code> = text[at + word.len()..e]
                    .split([' ', ','])
                    .filter_map(Code::parse)
                    .collect();
                if !codes.is_empty() && !text[s..e].contains('\n') {
                    out.push(IgnoreMarker {
                        span: Span::new(s, e + close.len()),
                        codes,
                    });
                }
            }
            out
        }
    }

    proptest::proptest! {
        #[test]
        fn bounded_scanners_match_the_unbounded_ones(
            text in "([\\[\\]@^()\n :a-z]|\\(Source:|copydesk-ignore|unattributed-claim|<!--|-->|é){0,60}"
        ) {
            let run = |f: fn(&str, &mut Vec<Citation>)| { let mut v = Vec::new(); f(&text, &mut v); v };
            let mut p_new = Vec::new();
            pandoc(&text, &|_| true, &mut p_new);
            let mut p_old = Vec::new();
            reference::pandoc(&text, &|_| true, &mut p_old);
            proptest::prop_assert_eq!(p_new, p_old);
            proptest::prop_assert_eq!(run(footnotes_plain), run(reference::footnotes_plain));
            proptest::prop_assert_eq!(run(plain), run(reference::plain));
            for md in [false, true] {
                proptest::prop_assert_eq!(
                    ignore_markers(&text, "copydesk-ignore", md),
                    reference::ignore_markers(&text, "copydesk-ignore", md)
                );
            }
        }
    }
}
