//! Data-driven tests of the linguistics: short stories written for copydesk, each with the
//! analysis it should get, in `tests/snippets/*.txt` (quotes and their speakers, attributions
//! and their sources, claims and their status, findings).
//!
//! A file holds cases; a case is a `=== name` line, the story, a `---` line, and the expected
//! rendering. The rendering is what [`render`] prints: one line per quote, attribution, claim
//! and finding, with the text each covers in «». To accept new output after an intended change,
//! run `UPDATE_SNIPPETS=1 cargo test --test snippets` and review the diff.

use copydesk::analysis::{Analysis, DocKind, Settings, Span, analyze};

fn covered(text: &str, s: Span) -> String {
    text[s.start..s.end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The analysis of `text` as lines a reviewer can read.
fn render(text: &str, a: &Analysis) -> String {
    let mut out = Vec::new();
    let person = |p: Option<usize>| p.map_or("-".to_string(), |p| a.people[p].name.clone());
    for q in &a.quotes {
        out.push(format!(
            "quote {} «{}» speaker {}",
            format!("{:?}", q.kind).to_lowercase(),
            covered(text, q.inner),
            person(q.speaker)
        ));
    }
    for x in &a.attributions {
        out.push(format!(
            "attribution «{}» source {} kind {} person {}",
            covered(text, x.cue),
            x.source
                .map_or("-".to_string(), |s| format!("«{}»", covered(text, s))),
            x.kind.as_str(),
            person(x.person)
        ));
    }
    for c in &a.claims {
        out.push(format!(
            "claim {} {} «{}»",
            c.kind.as_str(),
            c.status.as_str(),
            covered(text, c.trigger)
        ));
    }
    for f in &a.findings {
        out.push(format!(
            "finding {} «{}»",
            f.code.as_str(),
            covered(text, f.span)
        ));
    }
    out.join("\n")
}

struct Case {
    name: String,
    story: String,
    expected: String,
}

fn parse(file: &str) -> Vec<Case> {
    let mut cases = Vec::new();
    for block in file.split("\n=== ").map(|b| b.trim_start_matches("=== ")) {
        if block.trim().is_empty() || block.starts_with('#') {
            continue;
        }
        let (name, rest) = block.split_once('\n').expect("a case has a name line");
        let (story, expected) = rest
            .split_once("\n---\n")
            .unwrap_or_else(|| (rest.trim_end_matches("\n---"), ""));
        cases.push(Case {
            name: name.trim().to_string(),
            story: story.to_string(),
            expected: expected.trim_end().to_string(),
        });
    }
    cases
}

#[test]
fn snippets() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snippets");
    let update = std::env::var_os("UPDATE_SNIPPETS").is_some();
    let mut failures = Vec::new();
    let mut n = 0;
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    for path in files {
        let file = std::fs::read_to_string(&path).unwrap();
        let header: String = file
            .lines()
            .take_while(|l| l.starts_with('#'))
            .map(|l| format!("{l}\n"))
            .collect();
        let mut rewritten = header;
        for case in parse(&file) {
            n += 1;
            let got = render(
                &case.story,
                &analyze(&case.story, DocKind::Text, &Settings::default()),
            );
            if got != case.expected {
                failures.push(format!(
                    "{} / {}:\n--- expected\n{}\n--- got\n{}",
                    path.file_name().unwrap().to_string_lossy(),
                    case.name,
                    case.expected,
                    got
                ));
            }
            rewritten.push_str(&format!(
                "\n=== {}\n{}\n---\n{}\n",
                case.name, case.story, got
            ));
        }
        if update {
            std::fs::write(&path, rewritten).unwrap();
        }
    }
    assert!(n >= 20, "only {n} snippet cases");
    assert!(
        update || failures.is_empty(),
        "{} of {n} snippets differ (UPDATE_SNIPPETS=1 to accept):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
