//! Hostile protocol input: every case gets an error or a message, and the server keeps serving.

mod common;

use common::*;
use serde_json::{Value, json};

fn alive(lsp: &mut Lsp) {
    let r = lsp.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": "file:///tmp/none.txt"}}),
    );
    assert!(r.get("result").is_some() || r.get("error").is_some(), "{r}");
}

#[test]
fn requests_before_initialize_and_unknown_methods_are_errors() {
    let mut lsp = Lsp::start();
    let r = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///x"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(r["error"]["code"], -32002, "{r}");
    lsp.initialize(&["utf-16"]);
    let r = lsp.request("copydesk/nope", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    alive(&mut lsp);
    assert_eq!(lsp.stop(true), 0);
}

#[test]
fn malformed_messages_do_not_stop_the_server() {
    let mut lsp = Lsp::start();
    lsp.initialize(&["utf-16"]);
    // Broken JSON, a body shorter than announced, a missing Content-Length, wrong params.
    lsp.raw(b"Content-Length: 5\r\n\r\n{oops");
    lsp.raw(b"Content-Length: 3\r\n\r\n[1]");
    lsp.raw(b"Content-Type: x\r\n\r\n");
    lsp.notify("textDocument/didOpen", json!({"textDocument": {"uri": 42}}));
    lsp.notify("textDocument/didChange", json!({"textDocument": {"uri": "file:///never-opened.txt", "version": 3}, "contentChanges": [{"text": "x"}]}));
    let r = lsp.request("textDocument/hover", json!({"textDocument": {"uri": "file:///never-opened.txt"}, "position": {"line": 9, "character": 9}}));
    assert!(r["result"].is_null(), "{r}");
    alive(&mut lsp);
    assert_eq!(lsp.stop(true), 0);
}

#[test]
fn positions_far_past_the_end() {
    let mut lsp = Lsp::start();
    lsp.initialize(&["utf-16"]);
    let uri = "file:///tmp/far.txt";
    lsp.open(uri, "plaintext", 1, "Experts say it could end.\n");
    lsp.diagnostics(uri, 1);
    let far = json!({"line": 4_000_000_000u32, "character": 4_000_000_000u32});
    for m in [
        "textDocument/hover",
        "textDocument/references",
        "textDocument/documentHighlight",
        "textDocument/completion",
        "textDocument/definition",
    ] {
        let r = lsp.request(m, json!({"textDocument": {"uri": uri}, "position": far, "context": {"includeDeclaration": true}}));
        assert!(
            r.get("error").is_none() || r["error"]["code"] != -32603,
            "{m}: {r}"
        );
    }
    lsp.change(
        uri,
        2,
        json!([{"range": {"start": far, "end": far}, "text": " Critics say so."}]),
    );
    let d = lsp.diagnostics(uri, 2);
    let text = "Experts say it could end.\n Critics say so.";
    assert!(
        d.iter().any(|x| covered(text, x, true) == "Critics say"),
        "{d:?}"
    );
    assert_eq!(lsp.stop(true), 0);
}

#[test]
fn ten_thousand_rapid_changes_end_exact() {
    let mut lsp = Lsp::start();
    lsp.initialize(&["utf-16"]);
    let uri = "file:///tmp/rapid.txt";
    lsp.open(uri, "plaintext", 1, "");
    let mut text = String::new();
    for v in 2..10_002i64 {
        // Type one character at the end, every 40th a sentence end with a vague source.
        let add = if v % 40 == 0 {
            "\n\nExperts say so.\n\n".to_string()
        } else {
            "a".to_string()
        };
        let end = pos_at(&text, text.len(), true);
        lsp.change(
            uri,
            v,
            json!([{"range": {"start": end, "end": end}, "text": add}]),
        );
        text.push_str(&add);
    }
    let last = lsp.diagnostics(uri, 10_001);
    let vague = last
        .iter()
        .filter(|d| d["code"] == "vague-attribution")
        .count();
    assert_eq!(
        vague,
        text.matches("Experts say").count(),
        "final findings are those of the final text"
    );
    // The server's text is exact: pull diagnostics for the same version agree.
    let pulled = lsp.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(
        pulled["result"]["items"].as_array().unwrap().len(),
        last.len()
    );
    let _: Value = pulled;
    assert_eq!(lsp.stop(true), 0);
}

#[test]
fn a_fifty_megabyte_document_is_declined_with_a_message() {
    let mut lsp = Lsp::start();
    lsp.initialize(&["utf-16"]);
    let para = "Experts say the war could end soon, and tens of thousands of people have died.\n\n";
    let big = para.repeat(50 * 1024 * 1024 / para.len());
    let uri = "file:///tmp/huge.txt";
    lsp.open(uri, "plaintext", 1, &big);
    let msg = lsp.wait(|m| m["method"] == "window/showMessage");
    let text = msg["params"]["message"].as_str().unwrap();
    assert!(text.contains("analyses documents up to 16 MB"), "{text}");
    assert_eq!(lsp.diagnostics(uri, 1), Vec::<Value>::new());
    // Still serving, and small documents still get findings.
    lsp.open("file:///tmp/small.txt", "plaintext", 1, para);
    assert!(!lsp.diagnostics("file:///tmp/small.txt", 1).is_empty());
    assert_eq!(lsp.stop(true), 0);
}
