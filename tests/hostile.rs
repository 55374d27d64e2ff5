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

/// The server's resident memory once it has been idle for longer than it waits before giving
/// freed memory back (`server::memory::IDLE`, 300 ms).
fn idle_rss(lsp: &Lsp) -> u64 {
    std::thread::sleep(std::time::Duration::from_millis(800));
    lsp.rss_kib()
}

#[test]
fn ten_thousand_rapid_changes_end_exact() {
    let mut lsp = Lsp::start();
    lsp.initialize(&["utf-16"]);
    let uri = "file:///tmp/rapid.txt";
    lsp.open(uri, "plaintext", 1, "");
    let mut text = String::new();
    let mut half_rss = 0;
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
        if v == 5_001 {
            lsp.diagnostics(uri, 5_001);
            half_rss = idle_rss(&lsp);
        }
    }
    let last = lsp.diagnostics(uri, 10_001);
    // Memory is bounded: a leak per change would show as growth from the first burst of 5,000
    // changes to the second, and the whole stays small (20-60 MiB seen, debug build). Measured
    // once the server has been idle long enough to give freed memory back: right after a burst,
    // its backlog alone moved the figure by up to 32 MiB from run to run on a busy machine.
    let rss = idle_rss(&lsp);
    assert!(
        rss < half_rss + 24 * 1024 && rss < 128 * 1024,
        "resident memory {half_rss} KiB after 5,000 changes, {rss} KiB after 10,000"
    );
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

#[test]
fn a_panic_in_one_document_is_isolated() {
    let mut lsp = Lsp::start_env(&[("COPYDESK_INJECT_PANIC", "xyzzy-panic")]);
    lsp.initialize(&["utf-16"]);
    let bad = "file:///tmp/bad.txt";
    let good = "file:///tmp/good.txt";
    let text = "Experts say the war could end soon.\n";
    lsp.open(bad, "plaintext", 1, &format!("{text}xyzzy-panic\n"));
    let msg = lsp.wait(|m| m["method"] == "window/showMessage");
    assert_eq!(msg["params"]["type"], 1, "an error: {msg}");
    let m = msg["params"]["message"].as_str().unwrap();
    assert!(
        m.contains("internal error while analysing file:///tmp/bad.txt"),
        "{m}"
    );
    assert_eq!(lsp.diagnostics(bad, 1), Vec::<Value>::new());
    // The other document, and the same one once the trigger is gone, work as before.
    lsp.open(good, "plaintext", 1, text);
    assert!(!lsp.diagnostics(good, 1).is_empty());
    lsp.change(bad, 2, json!([{"text": text}]));
    assert!(!lsp.diagnostics(bad, 2).is_empty());
    let hover = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": good}, "position": {"line": 0, "character": 2}}),
    );
    assert!(hover.get("result").is_some(), "{hover}");
    assert_eq!(lsp.stop(true), 0);
}

#[test]
fn nul_bytes_and_invalid_utf8() {
    let mut lsp = Lsp::start();
    lsp.initialize(&["utf-16"]);
    // NUL bytes in a document are text like any other.
    let uri = "file:///tmp/nul.txt";
    lsp.open(
        uri,
        "plaintext",
        1,
        "Experts say\u{0} the war could end. It began in May.\n\u{0}\u{0}\n",
    );
    let d = lsp.diagnostics(uri, 1);
    assert!(d.iter().any(|d| d["code"] == "vague-attribution"), "{d:?}");
    // A frame with invalid UTF-8 in a string is not JSON: skipped, and the server serves on.
    let body = b"{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"file:///tmp/bin.txt\",\"languageId\":\"plaintext\",\"version\":1,\"text\":\"a\xff\xfe b\"}}}";
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(body);
    lsp.raw(&frame);
    alive(&mut lsp);
    // Source and config files with NUL bytes and invalid UTF-8: a message, and the story is
    // still analysed.
    let tmp = tempfile::Builder::new()
        .prefix("copydesk-bad-files-")
        .tempdir()
        .unwrap();
    let dir = tmp.path();
    std::fs::write(
        dir.join("sources.toml"),
        b"[[source]]\nid = \"a\xff\"\n\0\0",
    )
    .unwrap();
    std::fs::write(dir.join("people.toml"), b"\0\xfe[[person]]").unwrap();
    let story = dir.join("story.txt");
    std::fs::write(&story, text_of_story()).unwrap();
    let mut lsp2 = Lsp::start();
    lsp2.initialize_in(dir);
    let suri = file_uri(&story);
    lsp2.open(&suri, "plaintext", 1, text_of_story());
    assert!(!lsp2.diagnostics(&suri, 1).is_empty());
    lsp2.wait(|m| {
        m["method"] == "window/showMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|s| s.contains("sources.toml"))
    });
    std::fs::write(dir.join("copydesk.toml"), b"debounce_ms = \0\xff").unwrap();
    lsp2.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&dir.join("copydesk.toml")), "type": 1}]}),
    );
    lsp2.wait(|m| {
        m["method"] == "window/showMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|s| s.contains("copydesk.toml"))
    });
    alive(&mut lsp2);
    assert_eq!(lsp2.stop(true), 0);
    assert_eq!(lsp.stop(true), 0);
}

fn text_of_story() -> &'static str {
    "Experts say the strike could last weeks.\n"
}

#[test]
fn files_outside_the_workspace_are_not_read() {
    let tmp = tempfile::Builder::new()
        .prefix("copydesk-outside-")
        .tempdir()
        .unwrap();
    let base = tmp.path();
    let ws = base.join("workspace");
    std::fs::create_dir_all(&ws).unwrap();
    // A bibliography next to the workspace, named by a story's front matter.
    std::fs::write(
        base.join("private.bib"),
        "@misc{secret, title = {Private notes}, note = {call 555 0100 2000}}\n",
    )
    .unwrap();
    let story = ws.join("story.md");
    let text = "---\nbibliography: ../private.bib\n---\n\nThe plan failed [@secret].\n";
    std::fs::write(&story, text).unwrap();
    let mut lsp = Lsp::start();
    lsp.initialize_in(&ws);
    let uri = file_uri(&story);
    lsp.open(&uri, "markdown", 1, text);
    let d = lsp.diagnostics(&uri, 1);
    // The refusal is shown.
    lsp.wait(|m| {
        m["method"] == "window/showMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|s| s.contains("outside the workspace"))
    });
    // Nothing from the file reached the story: no finding and no hover shows its contents.
    assert!(!format!("{d:?}").contains("Private notes"), "{d:?}");
    let hover = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 4, "character": 20}}),
    );
    assert!(!hover.to_string().contains("Private notes"), "{hover}");
    assert_eq!(lsp.stop(true), 0);
}
