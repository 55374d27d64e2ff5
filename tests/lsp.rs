//! `copydesk lsp` over stdio, driven by a small test client: the real binary, real framing.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::*;
use serde_json::{Value, json};

fn seed() -> String {
    std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds/peace-talks.txt"))
        .unwrap()
}

/// What `copydesk analyze` finds in `text`: (code, covered text).
fn cli_findings(text: &str) -> Vec<(String, String)> {
    let dir = tempfile::Builder::new()
        .prefix("copydesk-lsp-")
        .tempdir()
        .unwrap();
    let p = dir.path().join(format!("story-{}.txt", text.len()));
    std::fs::write(&p, text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["analyze", p.to_str().unwrap()])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let (s, e) = (
                d["start"].as_u64().unwrap() as usize,
                d["end"].as_u64().unwrap() as usize,
            );
            (
                d["code"].as_str().unwrap().to_string(),
                text[s..e].to_string(),
            )
        })
        .collect()
}

#[test]
fn utf16_only_client_gets_the_cli_findings_at_the_right_ranges() {
    let text = seed();
    let mut lsp = Lsp::start();
    let init = lsp.initialize(&["utf-16"]);
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(
        init["result"]["capabilities"]["textDocumentSync"]["change"],
        2
    );
    lsp.open("file:///tmp/peace-talks.txt", "plaintext", 1, &text);
    let diags = lsp.diagnostics("file:///tmp/peace-talks.txt", 1);
    let got: Vec<(String, String)> = diags
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                covered(&text, d, true),
            )
        })
        .collect();
    assert_eq!(got, cli_findings(&text));
    let d = diags
        .iter()
        .find(|d| d["code"] == "unattributed-claim")
        .unwrap();
    assert_eq!(d["source"], "copydesk");
    assert!(
        d["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("README.md#unattributed-claim")
    );
    assert_eq!(lsp.stop(true), 0);
}

#[test]
fn utf8_is_chosen_when_offered_and_emoji_offsets_are_exact() {
    let text = "🙂🇺🇦 Experts say the war could end soon.\n";
    let mut lsp = Lsp::start();
    let init = lsp.initialize(&["utf-16", "utf-8"]);
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-8");
    lsp.open("file:///tmp/e.txt", "plaintext", 1, text);
    let diags = lsp.diagnostics("file:///tmp/e.txt", 1);
    let vague = diags
        .iter()
        .find(|d| d["code"] == "vague-attribution")
        .unwrap();
    assert_eq!(covered(text, vague, false), "Experts say");
    assert_eq!(vague["range"]["start"]["character"], 13, "bytes: 4 + 8 + 1");
    assert_eq!(lsp.stop(true), 0);
}

#[test]
fn incremental_edits_give_the_same_findings_as_a_fresh_open() {
    let base = seed().replace('\n', "\r\n");
    let mut lsp = Lsp::start();
    lsp.initialize(&["utf-16"]);
    let uri = "file:///tmp/edit.txt";
    lsp.open(uri, "plaintext", 1, &base);
    lsp.diagnostics(uri, 1);
    // Type an emoji into the first line, character by character.
    let mut text = base.clone();
    let mut v = 1;
    for piece in ["🙂", " ", "x"] {
        v += 1;
        let at = pos_of(&text, "announces", true);
        lsp.change(
            uri,
            v,
            json!([{"range": {"start": at, "end": at}, "text": piece}]),
        );
        let off = text.find("announces").unwrap();
        text.insert_str(off, piece);
    }
    // Paste a paragraph with a vague source, then delete a sentence that has a finding.
    v += 1;
    let para = "Experts say the ceasefire could collapse within weeks.\r\n\r\n";
    let at = pos_of(&text, "Talks to end", true);
    lsp.change(
        uri,
        v,
        json!([{"range": {"start": at, "end": at}, "text": para}]),
    );
    let off = text.find("Talks to end").unwrap();
    text.insert_str(off, para);
    v += 1;
    let cut = "The conflict has had a profound impact on global affairs, disrupting supply chains, increasing energy prices, and impacting investor and consumer confidence. ";
    let cut_at = text.find(cut).unwrap();
    let (a, b) = (
        pos_at(&text, cut_at, true),
        pos_at(&text, cut_at + cut.len(), true),
    );
    lsp.change(
        uri,
        v,
        json!([{"range": {"start": a, "end": b}, "text": ""}]),
    );
    text = text.replacen(cut, "", 1);
    let edited = lsp.diagnostics(uri, v);
    let fresh_uri = "file:///tmp/fresh.txt";
    lsp.open(fresh_uri, "plaintext", 1, &text);
    let fresh = lsp.diagnostics(fresh_uri, 1);
    let strip = |ds: &[Value]| -> Vec<(Value, Value, Value)> {
        ds.iter()
            .map(|d| (d["code"].clone(), d["range"].clone(), d["message"].clone()))
            .collect()
    };
    assert_eq!(strip(&edited), strip(&fresh));
    assert!(
        edited
            .iter()
            .any(|d| d["code"] == "vague-attribution" && covered(&text, d, true) == "Experts say")
    );
    assert!(
        !edited
            .iter()
            .any(|d| covered(&text, d, true).contains("profound impact"))
    );
    assert_eq!(lsp.stop(true), 0);
}

#[test]
fn hover_references_symbols_and_rename_on_people() {
    let text = seed();
    let mut lsp = Lsp::start();
    lsp.initialize(&["utf-16"]);
    let uri = "file:///tmp/people.txt";
    lsp.open(uri, "plaintext", 1, &text);
    lsp.diagnostics(uri, 1);
    let at = pos_of(&text, "Peskov stated", true);
    let h = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": at}),
    );
    let value = h["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains("Dmitry Peskov") && value.contains("Press Secretary"),
        "{value}"
    );

    let putin = pos_of(&text, "Putin supported", true);
    let refs = lsp.request("textDocument/references", json!({"textDocument": {"uri": uri}, "position": putin, "context": {"includeDeclaration": true}}));
    let refs = refs["result"].as_array().unwrap();
    assert_eq!(refs.len(), text.matches("Putin").count());
    for r in refs {
        assert!(covered(&text, r, true).ends_with("Putin"));
    }
    let hl = lsp.request(
        "textDocument/documentHighlight",
        json!({"textDocument": {"uri": uri}, "position": putin}),
    );
    assert_eq!(hl["result"].as_array().unwrap().len(), refs.len());

    let sym = lsp.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    // One flat list in story order (a group spanning the story made every breadcrumb read
    // "People"): 6 people, then quotes and unattributed claims where they stand.
    let syms = sym["result"].as_array().unwrap();
    let kinds = |prefix: &str| {
        syms.iter()
            .filter(|s| s["detail"].as_str().unwrap().starts_with(prefix))
            .count()
    };
    assert_eq!(kinds("person"), 6);
    assert!(kinds("quote") > 0 && kinds("unattributed") > 0);
    let starts: Vec<(u64, u64)> = syms
        .iter()
        .map(|s| {
            (
                s["range"]["start"]["line"].as_u64().unwrap(),
                s["range"]["start"]["character"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
    assert!(
        syms.iter()
            .all(|s| s.get("children").is_none_or(Value::is_null))
    );

    let not_person = pos_of(&text, "sanctions", true);
    let r = lsp.request(
        "textDocument/prepareRename",
        json!({"textDocument": {"uri": uri}, "position": not_person}),
    );
    assert!(r.get("error").is_some(), "{r}");
    let r = lsp.request(
        "textDocument/prepareRename",
        json!({"textDocument": {"uri": uri}, "position": putin}),
    );
    assert_eq!(r["result"]["placeholder"], "Putin");
    let r = lsp.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": uri}, "position": putin, "newName": "Poutine"}),
    );
    let edit = &r["result"]["documentChanges"][0];
    assert_eq!(edit["textDocument"]["version"], 1);
    assert_eq!(
        edit["edits"].as_array().unwrap().len(),
        text.matches("Putin").count()
    );

    let pulled = lsp.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(pulled["result"]["kind"], "full");
    assert_eq!(
        pulled["result"]["items"].as_array().unwrap().len(),
        cli_findings(&text).len()
    );
    assert_eq!(lsp.stop(true), 0);
}

#[test]
fn older_versions_are_ignored_and_close_clears_diagnostics() {
    let mut lsp = Lsp::start();
    lsp.initialize(&["utf-16"]);
    let uri = "file:///tmp/v.txt";
    lsp.open(uri, "plaintext", 1, "The council met.\n");
    lsp.diagnostics(uri, 1);
    lsp.change(uri, 5, json!([{"text": "Experts say the council met.\n"}]));
    lsp.change(uri, 4, json!([{"text": "The council met quietly.\n"}]));
    lsp.change(uri, 7, json!([{"range": {"start": {"line": 0, "character": 27}, "end": {"line": 0, "character": 27}}, "text": " twice"}]));
    let diags = lsp.diagnostics(uri, 7);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(
        covered("Experts say the council met twice.\n", &diags[0], true),
        "Experts say"
    );
    lsp.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let m = lsp.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["diagnostics"] == json!([])
    });
    assert!(m["params"].get("version").is_none_or(Value::is_null));
    // Other languages get nothing.
    lsp.open("file:///tmp/x.rs", "rust", 1, "// Experts say\n");
    assert_eq!(lsp.diagnostics("file:///tmp/x.rs", 1), Vec::<Value>::new());
    assert_eq!(lsp.stop(true), 0);
}

#[test]
fn markdown_documents_skip_code() {
    let text =
        "# Notes\n\n```\nExperts say nothing here.\n```\n\nExperts say the vote was close.\n";
    let mut lsp = Lsp::start();
    lsp.initialize(&["utf-16"]);
    lsp.open("file:///tmp/m.md", "markdown", 1, text);
    let diags = lsp.diagnostics("file:///tmp/m.md", 1);
    let lines: Vec<u64> = diags
        .iter()
        .map(|d| d["range"]["start"]["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [6]);
    assert_eq!(lsp.stop(true), 0);
}

#[test]
fn exit_without_shutdown_is_status_1() {
    let mut lsp = Lsp::start();
    lsp.initialize(&["utf-16"]);
    assert_eq!(lsp.stop(false), 1);
}

#[test]
fn many_documents_at_once() {
    let text = seed();
    let mut lsp = Lsp::start();
    lsp.initialize(&["utf-16"]);
    for i in 0..20 {
        lsp.open(&format!("file:///tmp/many-{i}.txt"), "plaintext", 1, &text);
    }
    for i in 0..20 {
        assert!(
            !lsp.diagnostics(&format!("file:///tmp/many-{i}.txt"), 1)
                .is_empty()
        );
    }
    assert_eq!(lsp.stop(true), 0);
}

#[test]
fn pulling_clients_get_no_pushed_duplicates() {
    let text = seed();
    let mut lsp = Lsp::start();
    lsp.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "initializationOptions": {"debounceMs": 0},
               "capabilities": {"textDocument": {"diagnostic": {"dynamicRegistration": false}}}}),
    );
    lsp.notify("initialized", json!({}));
    let uri = "file:///tmp/pull.txt";
    lsp.open(uri, "plaintext", 1, &text);
    let pulled = lsp.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}}),
    );
    let items = pulled["result"]["items"].as_array().unwrap();
    assert!(items.iter().any(|d| d["code"] == "unattributed-claim"));
    // Give a push every chance to arrive, then make sure none did.
    std::thread::sleep(std::time::Duration::from_millis(300));
    lsp.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(
        !lsp.has(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
    );
    assert_eq!(lsp.stop(true), 0);
}

#[test]
fn exit_ends_the_process_even_with_stdin_open() {
    let mut lsp = Lsp::start();
    lsp.initialize(&["utf-16"]);
    assert_eq!(lsp.stop_with(true, false), 0);
}
