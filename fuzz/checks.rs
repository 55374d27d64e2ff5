//! What the fuzz targets check, shared with `tests/fuzz_regressions.rs` so that a kept crash is
//! replayed through exactly the code and the checks of its target. Each function takes the
//! target's raw input.

use std::path::Path;

use copydesk::sources::{parse_bib, parse_csl, parse_toml, people, public};

/// The source library parsers (sources.toml, CSL-JSON, BibTeX) and the people file: any input
/// gives entries and errors, never a panic; no contact detail survives `public`.
pub fn sources(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let (sources, errors) = match first % 4 {
        0 => parse_toml(&text, Path::new("sources.toml")),
        1 => parse_csl(&text, Path::new("sources.json")),
        2 => parse_bib(&text, Path::new("sources.bib")),
        _ => {
            let _ = people::parse(&text, Path::new("people.toml"));
            return;
        }
    };
    for e in &errors {
        let _ = e.to_string();
    }
    for s in &sources {
        let _ = s.label();
        let _ = s.words();
        if let Some(note) = &s.note {
            let shown = public(note);
            assert!(
                shown
                    .split_whitespace()
                    .all(|w| !(w.contains('@') && w.contains('.'))),
                "an e-mail address survives: {shown:?}"
            );
        }
    }
}
