//! The `copydesk` binary on the sample stories and on crafted files: findings, the claim
//! ledger, exit codes, output formats, configuration errors, Markdown, CRLF and non-ASCII text.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Output {
    bin()
        .args(args)
        .current_dir(root())
        .output()
        .expect("copydesk runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

/// A scratch folder for one test, removed when dropped (also when the test fails).
fn scratch(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("copydesk-cli-{name}-"))
        .tempdir()
        .unwrap()
}

fn ledger(path: &Path) -> Value {
    let o = run(&["analyze", "--format", "json", path.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_str(stdout(&o).trim()).expect("one JSON object")
}

fn text_at(text: &str, v: &Value) -> String {
    let (s, e) = (
        v["start"].as_u64().unwrap() as usize,
        v["end"].as_u64().unwrap() as usize,
    );
    text[s..e].to_string()
}

/// (code, covered text) of every finding in `path`.
fn findings(path: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(path).unwrap();
    let l = ledger(path);
    l["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap().to_string(), text_at(&text, d)))
        .collect()
}

#[test]
fn peace_talks_people_roles_and_mentions() {
    let path = root().join("seeds/peace-talks.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let l = ledger(&path);
    let people = l["people"].as_array().unwrap();
    let names: Vec<&str> = people.iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "Donald Trump",
            "Vladimir Putin",
            "Volodymyr Zelenskyy",
            "Pete Hegseth",
            "Dmitry Peskov",
            "Kirill Dmitriev"
        ]
    );
    let roles = |i: usize| -> Vec<&str> {
        people[i]["roles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap())
            .collect()
    };
    assert_eq!(roles(0), ["U.S. President"]);
    assert_eq!(roles(1), ["Russian President"]);
    assert_eq!(roles(2), ["Ukraine's President"]);
    assert_eq!(roles(3), ["U.S. Defense Secretary"]);
    assert_eq!(roles(4), ["Press Secretary"]);
    assert_eq!(roles(5), ["CEO of Russia's sovereign wealth fund"]);
    // Every "Trump" in the story is a mention of Donald Trump.
    let trump: Vec<String> = people[0]["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| text_at(&text, m))
        .collect();
    let count = text.matches("Trump").count();
    assert_eq!(trump.len(), count, "{trump:?}");
    assert!(trump.iter().all(|m| m == "Trump" || m == "Donald Trump"));
}

#[test]
fn peace_talks_quotes_are_attributed() {
    let path = root().join("seeds/peace-talks.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let l = ledger(&path);
    let speaker = |needle: &str| -> Option<String> {
        l["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| text_at(&text, q).contains(needle))
            .and_then(|q| q["speaker"].as_str().map(str::to_string))
    };
    assert_eq!(
        speaker("lengthy and highly productive phone call").as_deref(),
        Some("Donald Trump")
    );
    assert_eq!(
        speaker("unrealistic objective").as_deref(),
        Some("Pete Hegseth")
    );
}

#[test]
fn peace_talks_flags_exactly_the_unsourced_claims() {
    let path = root().join("seeds/peace-talks.txt");
    let f = findings(&path);
    let unattributed: Vec<&String> = f
        .iter()
        .filter(|(c, _)| c == "unattributed-claim")
        .map(|(_, t)| t)
        .collect();
    let expect = [
        "which has caused the loss of tens of thousands of lives",
        "The conflict has had a profound impact on global affairs",
        "The prospect of peace negotiations offers a glimmer of hope",
        "The potential lifting of sanctions is also a factor that could motivate both sides",
        "Trump's intervention provides Putin with a diplomatic 'off-ramp'",
    ];
    for e in expect {
        assert!(
            unattributed.iter().any(|t| t.contains(e)),
            "not flagged: {e}\n{unattributed:#?}"
        );
    }
    assert_eq!(unattributed.len(), expect.len(), "{unattributed:#?}");
    // Sentences that carry a source are never flagged.
    for sourced in [
        "Hegseth told officials",
        "Press Secretary Dmitry Peskov stated",
        "Trump later agreed",
        "He noted that",
    ] {
        assert!(
            !unattributed.iter().any(|t| t.contains(sourced)),
            "{sourced} flagged"
        );
    }
    assert!(f.contains(&("loaded-attribution-verb".into(), "conceded".into())));
    assert!(f.contains(&("scare-quote".into(), "'off-ramp'".into())));
    // "glimmer of hope" is the unattributed-claim warning's; one word, one finding.
    assert!(f.contains(&("editorializing".into(), "devastating".into())));
    assert!(!f.contains(&("editorializing".into(), "glimmer of hope".into())));
}

#[test]
fn markdown_seed_ignores_code_links_and_front_matter() {
    let path = root().join("seeds/council-budget.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let l = ledger(&path);
    let fence = text.find("```").unwrap()..text.rfind("```").unwrap();
    let front = 0..text[3..].find("---").unwrap() + 6;
    let urls: Vec<std::ops::Range<usize>> = text
        .match_indices("https://")
        .map(|(i, _)| i..i + 40)
        .collect();
    for key in ["diagnostics", "claims", "quotes"] {
        // (An uncited source is a hint on the first line: about the story as a whole.)
        for d in l[key]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] != "unused-source")
        {
            let s = d["start"].as_u64().unwrap() as usize;
            assert!(
                !fence.contains(&s) && !front.contains(&s),
                "{key} inside code or front matter: {d}"
            );
            assert!(
                !urls.iter().any(|u| u.contains(&s)),
                "{key} inside a URL: {d}"
            );
        }
    }
    let f = findings(&path);
    assert!(
        f.contains(&("name-variant".into(), "Kovalenco".into())),
        "{f:?}"
    );
    assert!(f.contains(&("anonymous-source".into(), "A source".into())));
    assert!(f.contains(&("vague-attribution".into(), "Experts say".into())));
    // Its bibliography exists: one source cited, the other hinted as unused.
    let unused: Vec<&str> = l["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "unused-source")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(unused.len(), 1, "{unused:?}");
    assert!(unused[0].contains("valley-insurers-2025"));
    // The described anonymous spokesman is not flagged.
    assert!(
        !f.iter()
            .any(|(c, t)| c == "anonymous-source" && t.contains("spokesman"))
    );
}

#[test]
fn hard_quoting_seed() {
    let path = root().join("seeds/harbor-strike.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let l = ledger(&path);
    let quotes = l["quotes"].as_array().unwrap();
    // The quote that runs on across a paragraph break is one quote, spoken by Brennan.
    let runs_on = quotes
        .iter()
        .find(|q| text_at(&text, q).contains("members' decision stands"))
        .unwrap();
    assert!(text_at(&text, runs_on).contains("Nobody wanted to keep the cranes idle"));
    assert_eq!(runs_on["speaker"], "Aoife Brennan");
    // The nested quote inside Ibáñez's statement is his, and nothing there is unattributed.
    let nested = quotes
        .iter()
        .find(|q| text_at(&text, q).starts_with('‘'))
        .unwrap();
    assert_eq!(nested["speaker"], "Tomás Ibáñez");
    let f = findings(&path);
    assert!(!f.iter().any(|(c, _)| c == "unattributed-quote"), "{f:?}");
    // "rock 'n' roll" and "'90s" are not quotes; apostrophes in "members'" are not either.
    assert!(!quotes.iter().any(|q| text_at(&text, q) == "'n'"));
    // Diacritics: names keep their bytes.
    let ibanez = l["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Tomás Ibáñez")
        .unwrap();
    let first = &ibanez["mentions"][0];
    assert_eq!(text_at(&text, first), "Tomás Ibáñez");
    assert_eq!(
        first["start"].as_u64().unwrap() as usize,
        text.find("Tomás Ibáñez").unwrap()
    );
}

#[test]
fn crlf_gives_the_same_findings_at_the_same_places() {
    let lf = std::fs::read_to_string(root().join("seeds/peace-talks.txt")).unwrap();
    let crlf = lf.replace('\n', "\r\n");
    let d = scratch("crlf");
    let d = d.path();
    let p = d.join("story.txt");
    std::fs::write(&p, &crlf).unwrap();
    let got = findings(&p);
    let want = findings(&root().join("seeds/peace-talks.txt"));
    assert_eq!(got, want);
}

#[test]
fn non_ascii_byte_offsets() {
    let d = scratch("utf8");
    let d = d.path();
    let p = d.join("story.txt");
    let text = "Zelenskyy’s aide 🙂 said nothing.\n\nExperts say the war could end “soon” — 🇺🇦 officials hope.\n";
    std::fs::write(&p, text).unwrap();
    let l = ledger(&p);
    let v = l["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["code"] == "vague-attribution")
        .unwrap();
    assert_eq!(
        v["start"].as_u64().unwrap() as usize,
        text.find("Experts").unwrap()
    );
    assert_eq!(text_at(text, v), "Experts say");
}

#[test]
fn exit_codes_and_formats() {
    let d = scratch("exit");
    let d = d.path();
    let clean = d.join("clean.txt");
    std::fs::write(&clean, "The council met on Tuesday.\n").unwrap();
    let o = run(&["check", clean.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).is_empty());

    let o = run(&["check", "seeds/peace-talks.txt"]);
    assert_eq!(o.status.code(), Some(1));
    let first = stdout(&o).lines().next().unwrap().to_string();
    assert!(
        first.starts_with("seeds/peace-talks.txt:3:1: info[unattributed-claim]: "),
        "{first}"
    );

    let o = run(&["check", "no/such/file.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("no/such/file.txt: no such file or folder")
    );

    let o = run(&["check", "--format", "yaml", "seeds"]);
    assert_eq!(o.status.code(), Some(2));

    let o = run(&["check", "--format", "json", "seeds"]);
    let arr: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(
        arr.as_array()
            .unwrap()
            .iter()
            .any(|x| x["code"] == "name-variant" && x["line"] == 34)
    );

    let o = run(&["check", "--format", "sarif", "seeds"]);
    let sarif: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run0 = &sarif["runs"][0];
    assert_eq!(
        run0["tool"]["driver"]["rules"].as_array().unwrap().len(),
        11
    );
    let r = &run0["results"][0];
    assert!(
        r["ruleId"].is_string()
            && r["locations"][0]["physicalLocation"]["region"]["startLine"].is_u64()
    );
}

#[test]
fn invalid_utf8_is_a_clear_error() {
    let d = scratch("bytes");
    let d = d.path();
    let p = d.join("story.txt");
    std::fs::write(&p, b"Peskov said \xff\xfe hello.\n").unwrap();
    let o = run(&["check", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("not UTF-8 text (invalid byte at offset 12)")
    );
}

#[test]
fn unreadable_files_are_reported_and_the_rest_still_checked() {
    let d = scratch("mixed");
    let d = d.path();
    std::fs::write(d.join("a.txt"), "Experts say the war could end.\n").unwrap();
    std::fs::write(d.join("b.txt"), b"Peskov said \xff\xfe hello.\n").unwrap();
    std::fs::write(d.join("c.txt"), "Critics argue the plan will fail.\n").unwrap();
    std::fs::write(d.join("photo.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    std::fs::create_dir(d.join("empty")).unwrap();
    let o = run(&[
        "check",
        d.to_str().unwrap(),
        d.join("empty").to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    // Both good files' findings are printed; exit 2 says some file was not checked.
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(stdout(&o).contains("a.txt:1:1: warning[vague-attribution]"));
    assert!(stdout(&o).contains("c.txt:1:1: warning[vague-attribution]"));
    assert!(err.contains("b.txt: not UTF-8 text"), "{err}");
    assert!(
        err.contains("photo.txt: not a story file (binary data)"),
        "{err}"
    );
    assert!(err.contains("empty: no stories here"), "{err}");
    assert!(
        err.contains("2 findings in 2 files; 2 files could not be checked"),
        "{err}"
    );
}

#[test]
fn check_reads_stdin_and_takes_fail_on_as_a_flag() {
    use std::io::Write;
    let check = |args: &[&str], input: &str| {
        let mut child = bin()
            .args(args)
            .current_dir(root())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // (A usage error exits before reading: the pipe may be closed.)
        let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
        child.wait_with_output().unwrap()
    };
    let story = "The plan will almost certainly fail. Critics argue it costs too much.\n";
    let o = check(&["check", "-"], story);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).starts_with("stdin.txt:1:1: warning[unattributed-claim]"));
    let o = check(&["check", "--fail-on", "error", "-"], story);
    assert_eq!(o.status.code(), Some(0));
    let o = check(&["check", "--fail-on", "never", "-"], story);
    assert_eq!(o.status.code(), Some(0));
    let o = check(&["check", "--fail-on", "loud", "-"], story);
    assert_eq!(o.status.code(), Some(2));
    // The name standard input goes by sets its kind: Markdown skips code.
    let o = check(
        &["check", "--stdin-filename", "story.md", "-"],
        "# Title\n\n```\nThe plan will almost certainly fail.\n```\n",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn analyze_prints_one_line_per_file_in_input_order() {
    let o = run(&[
        "analyze",
        "--format",
        "json",
        "seeds/peace-talks.txt",
        "seeds/council-budget.md",
        "seeds/peace-talks.txt",
    ]);
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let files: Vec<&str> = lines.iter().map(|l| l["file"].as_str().unwrap()).collect();
    assert_eq!(
        files,
        [
            "seeds/peace-talks.txt",
            "seeds/council-budget.md",
            "seeds/peace-talks.txt"
        ]
    );
    for l in &lines {
        for key in ["people", "quotes", "attributions", "claims", "diagnostics"] {
            assert!(l[key].is_array(), "{key}");
        }
    }
    let a = &lines[0]["attributions"][0];
    for key in ["cue", "source", "content", "person", "kind"] {
        assert!(a.get(key).is_some(), "{key}");
    }
}

#[test]
fn configuration_applies_and_errors_name_file_line_and_key() {
    let d = scratch("config");
    let d = d.path();
    let story = d.join("story.txt");
    std::fs::copy(root().join("seeds/peace-talks.txt"), &story).unwrap();
    std::fs::write(
        d.join("copydesk.toml"),
        "[checks]\ndisable = [\"editorializing\", \"scare-quote\"]\nfail_on = \"error\"\n\n[checks.severity]\nloaded-attribution-verb = \"error\"\n",
    )
    .unwrap();
    let o = run(&["check", story.to_str().unwrap()]);
    let out = stdout(&o);
    assert!(
        !out.contains("[editorializing]") && !out.contains("[scare-quote]"),
        "{out}"
    );
    assert!(out.contains("error[loaded-attribution-verb]"));
    assert_eq!(o.status.code(), Some(1), "an error-level finding fails");

    std::fs::write(
        d.join("copydesk.toml"),
        "[checks]\ndisable = [\"editorializing\"]\ncolour = 3\n",
    )
    .unwrap();
    let o = run(&["check", story.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("copydesk.toml:3:") && err.contains("colour"),
        "{err}"
    );
}
