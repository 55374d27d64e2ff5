//! Inputs that crashed a fuzz target (`fuzz/`), kept as regression tests: each runs through the
//! same code and the same checks as its target. A new crash goes into
//! `tests/fuzz_regressions/TARGET/` with a name that says what it was.

use std::path::Path;

use copydesk::sources::parse_bib;

#[path = "../fuzz/checks.rs"]
mod checks;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .map(|d| {
            d.flatten()
                .map(|e| {
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        std::fs::read(e.path()).unwrap(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

#[test]
fn sources_regressions() {
    let cases = inputs("sources");
    assert!(!cases.is_empty());
    for (name, data) in cases {
        eprintln!("{name}");
        checks::sources(&data);
    }
}

/// A BibTeX entry that links to itself (`crossref`, `xdata`) loads instead of overflowing the
/// stack (biblatex follows the link forever; found by the `sources` target).
#[test]
fn bibtex_self_links_load() {
    let bib = "@report{port,\n  title = {Port figures},\n  crossref = {port},\n  xdata = {port},\n  year = {2025}\n}\n";
    let (sources, errors) = parse_bib(bib, Path::new("s.bib"));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(sources.len(), 1);
    assert_eq!(sources[0].title.as_deref(), Some("Port figures"));
}
